"""Tests for :mod:`attribution.markup`: masking keeps every offset, and nothing in code fires."""

from __future__ import annotations

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
