"""Tests for :mod:`attribution.markup`: masking keeps every offset, and nothing in code fires."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attribution._lint_format import Lines
from attribution.lint import lint
from attribution.markup import PARAGRAPH, Markup, markup_for, mask

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lint_draft.md"


def positions(text: str, path: str) -> list[tuple[str, int, int, str]]:
    lines = Lines(text)
    return [
        (f.code, *lines.position(f.start), text[f.start : f.end]) for f in lint(text, path=path)
    ]


def test_markdown_fixture_findings_and_line_columns() -> None:
    text = FIXTURE.read_text("utf-8")
    assert positions(text, str(FIXTURE)) == [
        ("ATR101", 8, 1, "Critics argue"),
        ("ATR103", 8, 59, "reportedly"),
        ("ATR101", 9, 18, "some say"),
        ("ATR201", 24, 3, "A source"),
        ("ATR203", 24, 3, "A source"),
    ]


def test_nothing_fires_in_front_matter_code_comments_or_links() -> None:
    text = FIXTURE.read_text("utf-8")
    found = lint(text, {"select": ["ATR"], "preview": True}, path="draft.md")
    lines = Lines(text)
    skipped = {1, 2, 3, 4, 11, 12, 13, 14, 16, 18, 19}  # front matter, fences, indented code
    assert not [f for f in found if lines.position(f.start)[0] in skipped]
    for needle in ("studies show", "sources-say", "where critics argue", "Experts say the bridge"):
        at = text.index(needle)
        assert not [f for f in found if f.start <= at < f.end or at <= f.start < at + len(needle)]


def test_the_same_text_as_plain_text_fires_in_the_code() -> None:
    text = FIXTURE.read_text("utf-8")
    assert len(lint(text, path="draft.txt")) > len(lint(text, path="draft.md"))


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        pytest.param(
            "# Title\nBody.", Markup.MARKDOWN, "  Title" + PARAGRAPH + "Body.", id="heading"
        ),
        pytest.param(
            "Use `x = 1` here.", Markup.MARKDOWN, "Use " + " " * 7 + " here.", id="inline-code"
        ),
        pytest.param(
            "A [link](http://a.b/c) here.",
            Markup.MARKDOWN,
            "A  link" + " " * 15 + " here.",
            id="link",
        ),
        pytest.param("**bold** and _it_", Markup.MARKDOWN, "  bold   and  it ", id="emphasis"),
        pytest.param(
            "snake_case stays", Markup.MARKDOWN, "snake_case stays", id="underscore-in-word"
        ),
        pytest.param("- one\n- two", Markup.MARKDOWN, "  one" + PARAGRAPH + "  two", id="list"),
        pytest.param("> quoted", Markup.MARKDOWN, "  quoted", id="blockquote"),
        pytest.param(
            "<p>Tom &amp; Jerry</p>",
            Markup.HTML,
            PARAGRAPH + "  Tom &     Jerry" + PARAGRAPH + "   ",
            id="html",
        ),
        pytest.param("<script>x()</script>Hi", Markup.HTML, " " * 20 + "Hi", id="script"),
        pytest.param("a\nb", Markup.HTML, "a b", id="html-newline"),
        pytest.param(
            "a <!-- attribution: disable --> b",
            Markup.TEXT,
            "a " + " " * 29 + " b",
            id="text-directive",
        ),
        pytest.param("a <!-- other --> b", Markup.TEXT, "a <!-- other --> b", id="text-comment"),
    ],
)
def test_mask(text: str, markup: Markup, expected: str) -> None:
    assert mask(text, markup).text == expected


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        pytest.param("a\r\nb\rc", Markup.HTML, "a  b c", id="html-crlf-and-cr-are-spaces"),
        pytest.param(
            "# Title\rBody", Markup.MARKDOWN, "  Title" + PARAGRAPH + "Body", id="cr-after-heading"
        ),
        pytest.param(
            "Body\r# Title", Markup.MARKDOWN, "Body" + PARAGRAPH + "  Title", id="cr-before-heading"
        ),
        pytest.param(
            "Bush won in 2008 and\n2012. He won.",
            Markup.MARKDOWN,
            "Bush won in 2008 and\n2012. He won.",
            id="number-in-a-wrapped-paragraph",
        ),
        pytest.param(
            "Text\n1. one\n2. two",
            Markup.MARKDOWN,
            "Text" + PARAGRAPH + "   one" + PARAGRAPH + "   two",
            id="list-from-one-interrupts-a-paragraph",
        ),
        pytest.param(
            "Text\n\n7. seven",
            Markup.MARKDOWN,
            "Text\n" + PARAGRAPH + "   seven",
            id="list-after-a-blank-line",
        ),
    ],
)
def test_line_ends_and_list_numbers_are_read_as_commonmark_does(
    text: str, markup: Markup, expected: str
) -> None:
    assert mask(text, markup).text == expected


P = PARAGRAPH
LIST_LINE = "2019. The plan began."


# An ordered list item can interrupt a paragraph only from 1 (CommonMark 5.2),
# so whether "2019." starts a list depends on whether a paragraph is open. A
# heading, a setext underline, a thematic break, a table row, a fence's close,
# indented code or an HTML comment closes it; a list item is no lazy line.
@pytest.mark.parametrize(
    ("block", "masked"),
    [
        pytest.param("# Results", "  Results", id="heading"),
        pytest.param("Results\n=======", "Results" + P + "       ", id="setext-heading"),
        pytest.param("***", "   ", id="thematic-break"),
        pytest.param("```\nx = 1\n```", "   \n     \n   ", id="fence"),
        pytest.param("Text.\n\n    x = 1", "Text.\n\n         ", id="indented-code"),
        pytest.param(
            "| Year | Votes |\n| --- | --- |\n| 2018 | 12 |",
            "  Year   Votes  " + P + " " * 13 + P + "  2018   12  ",
            id="table-row",
        ),
        pytest.param("<!-- note -->", " " * 13, id="html-comment"),
        pytest.param("1. The talks", "   The talks", id="item-of-a-list"),
        pytest.param("> Bush won in 2008 and", "  Bush won in 2008 and", id="block-quote"),
    ],
)
def test_a_numbered_line_after_a_block_starts_a_list(block: str, masked: str) -> None:
    text = block + "\n" + LIST_LINE
    assert mask(text, Markup.MARKDOWN).text == masked + P + "      The plan began."


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param("Bush won in 2008 and\n2012. He won.", "\n2012. He won.", id="paragraph"),
        pytest.param(
            "> Bush won in 2008 and\n> 2012. He won.", "\n  2012. He won.", id="quoted-paragraph"
        ),
        pytest.param(
            "- Bush won in 2008 and\n  2012. He won.", "\n  2012. He won.", id="item-paragraph"
        ),
        pytest.param("Votes were cast for\n+ ", "\n+ ", id="empty-item"),
    ],
)
def test_a_numbered_line_in_a_paragraph_stays_prose(text: str, kept: str) -> None:
    assert mask(text, Markup.MARKDOWN).text.endswith(kept)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# Code\n    x = 1", "  Code" + P + " " * 9, id="code-after-a-heading"),
        pytest.param("Text\n    more", "Text\n    more", id="no-code-in-a-paragraph"),
        pytest.param(
            "> Text\n>     x = 1", "  Text\n      x = 1", id="no-code-in-a-quoted-paragraph"
        ),
        pytest.param("# Title\n===", "  Title" + P + "===", id="no-setext-after-a-heading"),
        pytest.param("- Title\n===", "  Title\n===", id="no-setext-under-a-list-item"),
        pytest.param(
            "| Year |\n| --- |\n| 2018 |\n| 2019 |\nTurnout rose.",
            "  Year  " + P + "       " + P + "  2018  " + P + "  2019  " + P + "Turnout rose.",
            id="every-table-row-and-a-row-with-no-bar",
        ),
        pytest.param("|---|---|\n2. Two", "         \n2. Two", id="a-delimiter-row-alone"),
        pytest.param(
            "> Text.\n>\n> 2019. The plan began.",
            "  Text.\n " + P + "        The plan began.",
            id="a-list-after-a-blank-line-in-a-block-quote",
        ),
        pytest.param(
            "Officials said\n<!-- note -->\nit was over.",
            "Officials said" + P + " " * 13 + P + "it was over.",
            id="an-html-comment-ends-a-paragraph",
        ),
    ],
)
def test_code_setext_and_tables_follow_the_open_paragraph(text: str, expected: str) -> None:
    assert mask(text, Markup.MARKDOWN).text == expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "## 2019\n2019. Officials said the plan failed.",
            ["2019", "Officials said the plan failed."],
            id="list-after-a-heading",
        ),
        pytest.param(
            "```\nx\n```\n2019. Officials said the plan failed, a source said.",
            ["Officials said the plan failed, a source said."],
            id="list-after-a-fence",
        ),
        pytest.param(
            "| Year |\n| --- |\n| 2018 |\n| 2019 |\n3. Officials said the plan failed.",
            ["Year", "2018", "2019", "Officials said the plan failed."],
            id="list-after-table-rows",
        ),
    ],
)
def test_the_analysis_reads_no_list_number_as_a_sentence(text: str, sentences: list[str]) -> None:
    from attribution import analyze

    masked = mask(text, Markup.MARKDOWN).text
    assert [masked[s.start : s.end] for s in analyze(masked).sentences] == sentences


def test_an_html_file_reads_the_same_with_any_line_end() -> None:
    from attribution import analyze

    lf = "<div>Officials said on Monday that\nthe bridge would reopen in May.</div>"

    def sentences(text: str) -> list[str]:
        masked = mask(text, Markup.HTML).text
        return [" ".join(masked[s.start : s.end].split()) for s in analyze(masked).sentences]

    assert sentences(lf.replace("\n", "\r\n")) == sentences(lf.replace("\n", "\r"))
    assert sentences(lf.replace("\n", "\r\n")) == sentences(lf)


def test_front_matter_and_fences_are_blanked_keeping_newlines() -> None:
    text = "---\ntitle: x\n---\n\n```\ncode\n```\nProse.\n"
    masked = mask(text, Markup.MARKDOWN).text
    assert masked.split("\n")[:7] == ["   ", "        ", "   ", "", "   ", "    ", "   "]
    assert masked.endswith("Prose.\n")


def test_unclosed_fence_runs_to_the_end() -> None:
    assert mask("Hi.\n\n```\nCritics argue", Markup.MARKDOWN).text.endswith(" " * 13)


def test_comments_are_reported_outside_code_only() -> None:
    text = "`<!-- a -->` <!-- b -->"
    assert [text[s.start : s.end] for s in mask(text, Markup.MARKDOWN).comments] == ["<!-- b -->"]


def test_markup_by_suffix() -> None:
    assert markup_for("a.md") is Markup.MARKDOWN
    assert markup_for("A.HTM") is Markup.HTML
    assert markup_for("a.txt") is Markup.TEXT
    assert markup_for("-") is Markup.TEXT


def test_html_file_findings_point_into_the_file() -> None:
    text = "<html><body>\n<p>Critics argue the <b>tax cut</b> favors the rich.</p>\n</body></html>"
    (f,) = lint(text, path="a.html")
    assert text[f.start : f.end] == "Critics argue"
    assert Lines(text).position(f.start) == (2, 4)


@given(st.text(alphabet=st.sampled_from(list("ab `*_#>-|[]()<!->\n:/.&;"))))
def test_masking_keeps_length(text: str) -> None:
    for markup in Markup:
        assert len(mask(text, markup).text) == len(text)


# CommonMark 0.31 reads a line through the containers open (block quotes and
# list items) before its block: a block quote may sit in a list item and a
# list item in a block quote, a list item's text starts at its content column,
# and a fence or an HTML block ends with its container.
NESTED_BLOCKS = [
    pytest.param(
        "- The mayor said:\n  > We will rebuild.\n  > Every street.",
        "  The mayor said:" + P + "    We will rebuild.\n    Every street.",
        id="block-quote-in-a-list-item",
    ),
    pytest.param(
        "- The mayor said:\n    > We will rebuild.",
        "  The mayor said:" + P + "      We will rebuild.",
        id="block-quote-indented-4-in-a-list-item",
    ),
    pytest.param(
        "10. The mayor said:\n    > We will rebuild.",
        "    The mayor said:" + P + "      We will rebuild.",
        id="block-quote-in-an-ordered-item",
    ),
    pytest.param(
        "- The mayor spoke.\n> We will rebuild.",
        "  The mayor spoke." + P + "  We will rebuild.",
        id="block-quote-after-a-list-item",
    ),
    pytest.param(
        "The mayor said:\n> We will rebuild.",
        "The mayor said:" + P + "  We will rebuild.",
        id="block-quote-interrupts-a-paragraph",
    ),
    pytest.param(
        "> The mayor said:\n> - We will rebuild.\n>   Every street.",
        "  The mayor said:" + P + "    We will rebuild.\n    Every street.",
        id="list-item-in-a-block-quote",
    ),
    pytest.param(
        "> ```\n> x = 1\n> ```\nCritics argue.",
        "     \n       \n     \nCritics argue.",
        id="fence-in-a-block-quote",
    ),
    pytest.param(
        "> ```\n> x = 1\n\nCritics argue.",
        "     \n       \n\nCritics argue.",
        id="fence-ends-with-its-block-quote",
    ),
    pytest.param(
        "- Steps:\n  ```\n  x = 1\nCritics argue.",
        "  Steps:" + P + "     \n       \nCritics argue.",
        id="fence-ends-with-its-list-item",
    ),
    pytest.param(">\tQuoted text.", " \tQuoted text.", id="tab-after-a-quote-marker"),
]


# A list marker indented up to 3 spaces past an item's content column starts a
# nested list (CommonMark 5.2), not indented code; 4 past it is code.
NESTED_LISTS = [
    pytest.param(
        "1. Officials said\n    - the plan failed",
        "   Officials said" + P + "      the plan failed",
        id="bullet-under-an-ordered-item",
    ),
    pytest.param(
        "- Officials said\n    - the plan failed",
        "  Officials said" + P + "      the plan failed",
        id="bullet-4-spaces-under-a-bullet",
    ),
    pytest.param(
        "- Officials said\n\n    - the plan failed",
        "  Officials said\n" + P + "      the plan failed",
        id="after-a-blank-line",
    ),
    pytest.param(
        "- One\n  - Two\n      - Three",
        "  One" + P + "    Two" + P + "        Three",
        id="three-levels",
    ),
    pytest.param(
        "> - Officials said\n>     - the plan failed",
        "    Officials said" + P + "        the plan failed",
        id="in-a-block-quote",
    ),
    pytest.param(
        "1. Steps:\n\n       x = 1", "   Steps:\n\n            ", id="code-4-past-the-column"
    ),
]


# HTML blocks of types 1 to 5 (CommonMark 4.6: <pre>, <script>, <style>,
# <textarea>; comments; <?...?>; <!DOCTYPE>; CDATA) start at a line's start,
# may interrupt a paragraph and end on the line holding their end marker, or
# with their container or the document. Opened inside a paragraph's line, the
# same text is inline HTML, which must close in its paragraph to be any.
HTML_BLOCKS = [
    pytest.param(
        "<pre>\nx = 1\n\nCritics argue.",
        "     \n     \n\n              ",
        id="unclosed-pre-runs-to-the-end",
    ),
    pytest.param(
        "<script>\nx = 1\n</pre>\nCritics argue.",
        "        \n     \n      " + P + "Critics argue.",
        id="raw-block-ends-at-any-raw-end-tag",
    ),
    pytest.param(
        "> <pre>\n> x = 1\n\nCritics argue.",
        "       \n       \n\nCritics argue.",
        id="unclosed-pre-ends-with-its-block-quote",
    ),
    pytest.param(
        "- <!-- note\n\nCritics argue.",
        " " * 11 + "\n\nCritics argue.",
        id="unclosed-comment-ends-with-its-list-item",
    ),
    pytest.param(
        "Use <pre> for code.\n\nCritics argue.",
        "Use       for code.\n\nCritics argue.",
        id="inline-unclosed-pre",
    ),
    pytest.param(
        "He said <!-- draft\n\nCritics argue.",
        "He said <!-- draft\n\nCritics argue.",
        id="inline-unclosed-comment",
    ),
    pytest.param(
        "He said <!-- draft\n\nCritics argue. -->",
        "He said <!-- draft\n\nCritics argue. -->",
        id="inline-comment-closed-a-paragraph-later",
    ),
    pytest.param(
        "He said <!-- a\ndraft -->so.",
        "He said " + " " * 6 + "\n" + " " * 9 + "so.",
        id="inline-comment-over-two-lines",
    ),
    pytest.param(
        "Officials said\n<!--\nCritics argue.\n\nSome say.\n-->\nit was over.",
        "Officials said" + P + "    \n              \n\n         \n   " + P + "it was over.",
        id="block-comment-over-a-blank-line",
    ),
    pytest.param(
        "<?php echo 'Critics argue'; ?>\nIt was over.",
        " " * 30 + P + "It was over.",
        id="processing-instruction",
    ),
    pytest.param(
        "<?php\n$a = 'Critics argue';\n\n$b = 'some say';",
        "     \n" + " " * 21 + "\n\n" + " " * 16,
        id="unclosed-processing-instruction",
    ),
    pytest.param("<!DOCTYPE html>\nIt was over.", " " * 15 + P + "It was over.", id="declaration"),
    pytest.param(
        "<![CDATA[\nCritics argue\n]]>\nIt was over.",
        " " * 9 + "\n" + " " * 13 + "\n   " + P + "It was over.",
        id="cdata",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NESTED_BLOCKS + NESTED_LISTS + HTML_BLOCKS)
def test_containers_and_html_blocks_are_read_as_in_commonmark(text: str, expected: str) -> None:
    assert mask(text, Markup.MARKDOWN).text == expected


def test_html_block_ends_where_its_marker_ends_whatever_the_letters_before_it() -> None:
    # "İ" lower-cases to two characters: the end was found in line.lower(), 1 too far each.
    text = "<!-- attribution: disable ATR101 İİ -->Critics argue.\n<pre>İ</PRE>Some say."
    masked = mask(text, Markup.MARKDOWN)
    assert [text[s.start : s.end] for s in masked.comments] == [text[:39]]
    assert masked.text.split() == ["Critics", "argue.", "Some", "say."]


def test_comments_in_html_blocks_are_reported() -> None:
    text = "<!-- attribution: disable ATR101\n-->\nSome say.\n\nText <!-- b --> here."
    spans = [text[s.start : s.end] for s in mask(text, Markup.MARKDOWN).comments]
    assert spans == ["<!-- attribution: disable ATR101\n-->", "<!-- b -->"]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda n: "Text <!-- a\n" * n, id="inline-comments"),
        pytest.param(lambda n: "Text <pre> a <code> b\n" * n, id="inline-raw-tags"),
        pytest.param(lambda n: "<!--\n" * n, id="comment-lines"),
        pytest.param(lambda n: "> <pre>\n\n" * n, id="quoted-pre"),
        pytest.param(lambda n: "- a\n  > b\n    - c\n" * n, id="nesting"),
        pytest.param(lambda n: "> - ```\n" * n, id="quoted-fences"),
        pytest.param(lambda n: "<?x\n\n" * n, id="instructions"),
        pytest.param(lambda n: "1. " * n + "x" + "\n" * n, id="deep-list-then-blank-lines"),
    ],
)
def test_masking_markdown_is_linear(
    make: Callable[[int], str], best_time: Callable[[Callable[[], object], int], float]
) -> None:
    small, large = make(2_000), make(20_000)
    ratio = best_time(lambda: mask(large, Markup.MARKDOWN), 2) / best_time(
        lambda: mask(small, Markup.MARKDOWN), 3
    )
    assert ratio < 25, f"10x input took {ratio:.1f}x the time"
