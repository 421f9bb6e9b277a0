"""Tests for :mod:`attribution.quotes`: pairing quotation marks in news text."""

# Quotation marks are what this module is about.

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution._tokens import char_offsets
from attribution.model import Paragraph, Quote, QuoteKind
from attribution.quotes import (
    _NONE,
    _QUOTE_CHARS,
    _SINGLE,
    UNBALANCED_QUOTE,
    _role,
    find_quotes,
    quoted_length,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"

D = QuoteKind.DIRECT
S = QuoteKind.SCARE


def paragraphs(text: str) -> list[Paragraph]:
    """Split on newlines; each paragraph excludes its surrounding whitespace."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Paragraph(start, end))
    return out


def quotes_of(text: str) -> tuple[Quote, ...]:
    quotes, _ = find_quotes(text, paragraphs(text))
    return quotes


def summary(text: str, quotes: tuple[Quote, ...]) -> list[tuple[str, int, QuoteKind, int]]:
    """Each quote as (its text, start, kind, depth): readable and exact."""
    return [(text[q.start : q.end], q.start, q.kind, q.depth) for q in quotes]


# (text, [(quote text with its marks, start offset, kind, depth), ...])
SENTENCES = [
    pytest.param(
        'Senate Republicans accused the so-called "deep state" of leaking the memo.',
        [('"deep state"', 41, S, 0)],
        id="straight-double-scare",
    ),
    pytest.param(
        "The governors asked for more “flexibility” for states that expand Medicaid.",
        [("“flexibility”", 29, S, 0)],
        id="curly-double-scare",
    ),
    pytest.param(
        '"We\'re not going to let this stand," Pelosi said on Tuesday.',
        [('"We\'re not going to let this stand,"', 0, D, 0)],
        id="straight-double-direct",
    ),
    pytest.param(
        "“It’s a disgrace,” Trump told reporters. “We will look into it very strongly.”",
        [
            ("“It’s a disgrace,”", 0, D, 0),
            ("“We will look into it very strongly.”", 41, D, 0),
        ],
        id="curly-double-two-quotes",
    ),
    pytest.param(
        '"We can\'t do that," he said, adding that it was "just not possible."',
        [('"We can\'t do that,"', 0, D, 0), ('"just not possible."', 48, D, 0)],
        id="full-and-partial-quote",
    ),
    pytest.param(
        "Pat Caddell: Democrat Voters Worried About Hillary Clinton’s Health Issues;"
        " It’s ‘in Their Heads.’",
        [("‘in Their Heads.’", 81, D, 0)],
        id="curly-single-headline",
    ),
    pytest.param(
        "Obama on Climate Change: The Trends Are 'Terrifying.'",
        [("'Terrifying.'", 40, D, 0)],
        id="straight-single-headline",
    ),
    pytest.param(
        "''This isn't tax reform,'' said Douglas Holtz-Eakin, a former budget office director.",
        [("''This isn't tax reform,''", 0, D, 0)],
        id="doubled-straight-opening-mark",
    ),
    pytest.param(
        "The campaign was ''taking a close look'' at provisions benefiting people like Mr. Trump.",
        [("''taking a close look''", 17, S, 0)],
        id="doubled-straight-mid-sentence",
    ),
    pytest.param(
        "``We have made our position clear,'' a State Department spokesman said.",
        [("``We have made our position clear,''", 0, D, 0)],
        id="ptb-latex",
    ),
    pytest.param(
        "He called it a ‘‘question’’ that amounted to an oral spanking.",
        [("‘‘question’’", 15, S, 0)],
        id="doubled-curly-singles",
    ),
    pytest.param(
        "„Wir schaffen das“, sagte Merkel.",
        [("„Wir schaffen das“", 0, S, 0)],
        id="low-9-double",
    ),
    pytest.param(
        "The ‚Ampel‘ coalition collapsed on Wednesday.",
        [("‚Ampel‘", 4, S, 0)],
        id="low-9-single",
    ),
    pytest.param(
        "Le président a parlé de « solidarité » avec les réfugiés.",
        [("« solidarité »", 24, S, 0)],
        id="guillemets-french",
    ),
    pytest.param(
        "Die Kanzlerin sprach von »Verantwortung«.",
        [("»Verantwortung«", 25, S, 0)],
        id="guillemets-reversed",
    ),
    pytest.param(
        "Il a dit ‹ non › hier.",
        [("‹ non ›", 9, S, 0)],
        id="single-guillemets",
    ),
    pytest.param(
        "A spokesman said the senator ″strongly disagrees″ with the ruling.",
        [("″strongly disagrees″", 29, S, 0)],
        id="double-prime-as-quote",
    ),
    pytest.param(
        "He told the panel he was 5′11″ and weighed 190 pounds.",
        [],
        id="double-prime-as-inches",
    ),
    pytest.param(
        "Donald Trump's campaign said it didn't expect rock 'n' roll fans or the students'"
        " union to back the '90s-era law.",
        [],
        id="straight-apostrophes",
    ),
    pytest.param(
        "Clinton’s aides said the ’90s were different, and the ‘80s too, and voters’ll see.",
        [],
        id="curly-apostrophes",
    ),
    pytest.param(
        "The candidates’ plans differ, she wrote, and ’em all agree.",
        [],
        id="plural-possessive-and-elision",
    ),
    pytest.param(
        "He tweeted about the '2nd Amendment people' on Tuesday.",
        [("'2nd Amendment people'", 21, S, 0)],
        id="single-quote-starting-with-digit",
    ),
    pytest.param(
        "“I told him, ‘You’re fired,’ and he left,” Trump said.",
        [("“I told him, ‘You’re fired,’ and he left,”", 0, D, 0), ("‘You’re fired,’", 13, D, 1)],
        id="nested-curly",
    ),
    pytest.param(
        '"‘Crooked Hillary’ kind of flows off the lips," one commentator said.',
        [
            ('"‘Crooked Hillary’ kind of flows off the lips,"', 0, D, 0),
            ("‘Crooked Hillary’", 1, S, 1),
        ],
        id="nested-at-start",
    ),
    pytest.param(
        "''He said, 'Eight years, no more,''' Mr. McCain recalled.",
        [("''He said, 'Eight years, no more,'''", 0, D, 0), ("'Eight years, no more,'", 11, D, 1)],
        id="nested-nyt-triple-mark",
    ),
    pytest.param(
        "'He said \"no\" to the deal,' the official recalled.",
        [("'He said \"no\" to the deal,'", 0, D, 0), ('"no"', 9, S, 1)],
        id="double-inside-single",
    ),
    pytest.param(
        "The Post reported that \"officials said the ‘review’ is 'ongoing' and 'thorough',\""
        " according to two sources.",
        [
            ("\"officials said the ‘review’ is 'ongoing' and 'thorough',\"", 23, D, 0),
            ("‘review’", 43, S, 1),
            ("'ongoing'", 55, S, 1),
            ("'thorough'", 69, S, 1),
        ],
        id="several-nested",
    ),
    pytest.param(
        "''I'd say, 'Look, it's a 'process' question,''' he said.",
        [
            ("''I'd say, 'Look, it's a 'process' question,'''", 0, D, 0),
            ("'Look, it's a 'process' question,'", 11, D, 1),
            ("'process'", 25, S, 2),
        ],
        id="depth-two",
    ),
    pytest.param(
        'Zelenskyy called the attack "deliberately massive and cynical."',
        [('"deliberately massive and cynical."', 28, D, 0)],
        id="short-partial-quote-ending-sentence",
    ),
    pytest.param(
        'Trump called the system "rigged" and the media "dishonest."',
        [('"rigged"', 24, S, 0), ('"dishonest."', 47, D, 0)],
        id="one-word-scare-and-sentence-end",
    ),
    pytest.param(
        'The "U.S." government said so.',
        [('"U.S."', 4, S, 0)],
        id="abbreviation-is-not-sentence-end",
    ),
    pytest.param(
        '"Absolutely," Sanders said when asked whether he would stay in the race.',
        [('"Absolutely,"', 0, D, 0)],
        id="one-word-utterance",
    ),
    pytest.param(
        'She appeared on NBC\'s "Meet the Press" on Sunday.',
        [('"Meet the Press"', 22, S, 0)],
        id="title",
    ),
    pytest.param(
        'Ryan said the plan was "not who we are" as a party.',
        [('"not who we are"', 23, D, 0)],
        id="short-clause",
    ),
    pytest.param(
        'The candidate, who called the deal "a disaster for our workers," was booed.',
        [('"a disaster for our workers,"', 35, D, 0)],
        id="five-words",
    ),
    pytest.param(
        'Cruz said: "They\'re scared."',
        [('"They\'re scared."', 11, D, 0)],
        id="after-colon",
    ),
    pytest.param(
        'The group of 100 "super delegates" met Tuesday.',
        [('"super delegates"', 17, S, 0)],
        id="after-digit",
    ),
    pytest.param(
        "He said it was “unfortunate”.",
        [("“unfortunate”", 15, S, 0)],
        id="british-punctuation-outside",
    ),
    pytest.param(
        "“They see that. “",
        [("“They see that. “", 0, D, 0)],
        id="miscurled-closing-mark",
    ),
    pytest.param(
        "” … he delivered a mix of conservative orthodoxy,” Barabak wrote.",
        [("” … he delivered a mix of conservative orthodoxy,”", 0, D, 0)],
        id="miscurled-opening-mark",
    ),
    pytest.param(
        '<tweet pic="" author="realDonaldTrump">',
        [('""', 11, S, 0), ('"realDonaldTrump"', 21, S, 0)],
        id="markup-attributes",
    ),
    pytest.param(
        "No quotation marks at all, and no apostrophes either.",
        [],
        id="no-quotes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentence(text: str, expected: list[tuple[str, int, QuoteKind, int]]) -> None:
    quotes, problems = find_quotes(text, paragraphs(text))
    assert summary(text, quotes) == expected
    assert problems == ()
    for quote in quotes:
        assert quote.closed
        assert quote.start < quote.inner.start <= quote.inner.end < quote.end


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        pytest.param('He called it "fake news."', "fake news.", id="straight"),
        pytest.param("He called it ``fake news.''", "fake news.", id="ptb"),
        pytest.param("He called it ''fake news.''", "fake news.", id="doubled-straight"),
        pytest.param("He called it « fake news »", " fake news ", id="spaced-guillemets"),
    ],
)
def test_inner_excludes_marks(text: str, inner: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.inner.of(text) == inner
    assert quote.end == len(text)


MULTI = (
    'Zelenskyy on Friday posted on X: "I had a very important call with @POTUS.\n'
    '"We - in Ukraine - are grateful for all the support provided.\n'
    '"We also touched on mutual procurement and investment."\n'
    "Russia pummeled Kyiv with the largest drone attack of the war."
)


def test_multi_paragraph_quote() -> None:
    quotes, problems = find_quotes(MULTI, paragraphs(MULTI))
    assert problems == ()
    assert [(q.start, q.end, q.group, q.continued, q.closed, q.kind) for q in quotes] == [
        (33, 74, 0, False, True, D),
        (75, 136, 0, True, True, D),
        (137, 192, 0, True, True, D),
    ]
    assert quotes[0].inner.of(MULTI) == "I had a very important call with @POTUS."
    assert quotes[2].inner.of(MULTI) == "We also touched on mutual procurement and investment."


def test_multi_paragraph_quote_with_blank_lines_and_nyt_marks() -> None:
    text = "''First paragraph of the letter.\n\n''Second and last.''\n\nNarrative."
    quotes, problems = find_quotes(text, paragraphs(text))
    assert problems == ()
    assert [(q.start, q.end, q.group, q.continued, q.closed) for q in quotes] == [
        (0, 32, 0, False, True),
        (34, 54, 0, True, True),
    ]


def test_quote_never_spans_a_paragraph_boundary() -> None:
    for quote in quotes_of(MULTI):
        assert "\n" not in MULTI[quote.start : quote.end]


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    quotes, problems = find_quotes(text, paragraphs(text))
    assert problems == ()
    post = [q for q in quotes if q.group == quotes[0].group]
    assert len(post) == 5
    assert [q.continued for q in post] == [False, True, True, True, True]
    assert all(q.closed and q.depth == 0 and q.kind is D for q in post)
    assert text[post[0].start : post[0].start + 21] == '"I had a very importa'
    assert text[post[-1].end - 10 : post[-1].end] == 'partners."'
    spans = [(p.start, p.end) for p in paragraphs(text)[3:8]]
    spans[0] = (text.index('"I had'), spans[0][1])
    assert [(q.start, q.end) for q in post] == spans
    rest = [q for q in quotes if q.group != quotes[0].group]
    assert summary(text, tuple(rest)) == [
        ('"deliberately massive and cynical."', text.index('"deliberately'), D, 0)
    ]
    assert rest[0].group == 1


# (text, [(quote text, closed)], [(problem mark offset, message fragment)])
UNBALANCED = [
    pytest.param(
        'She said the plan was "dead on arrival.',
        [('"dead on arrival.', False)],
        [(22, "is never closed")],
        id="never-closed",
    ),
    pytest.param(
        'that is all I have to say," he said.',
        [('that is all I have to say,"', False)],
        [(26, "has no opening mark")],
        id="stray-close-at-paragraph-start",
    ),
    pytest.param(
        '"A deal," he said. But no deal," she said.',
        [('"A deal,"', True), ('But no deal,"', False)],
        [(31, "has no opening mark")],
        id="stray-close-after-a-quote",
    ),
    pytest.param(
        "Hillary Clinton said, “It’s ‘in Their Heads.",
        [("“It’s ‘in Their Heads.", False), ("‘in Their Heads.", False)],
        [(22, "is never closed"), (28, "is never closed")],
        id="both-never-closed",
    ),
    pytest.param(
        "Rubio said he is “‘unpredictable.” Yet Trump is a “change agent.”",
        [
            ("“‘unpredictable.”", True),
            ("‘unpredictable.", False),
            ("“change agent.”", True),
        ],
        [(18, "is never closed")],
        id="inner-closed-by-outer",
    ),
    pytest.param(
        '"This quote opens and the next paragraph does not continue it.\nNarrative follows.',
        [('"This quote opens and the next paragraph does not continue it.', False)],
        [(0, "is never closed")],
        id="no-continuation",
    ),
    pytest.param(
        '"Opened here.\n"Continued but never closed.\nNarrative.',
        [('"Opened here.', False), ('"Continued but never closed.', False)],
        [(0, "is never closed")],
        id="continued-never-closed",
    ),
    pytest.param(
        "He said 'no way and left.",
        [],
        [],
        id="straight-single-taken-for-apostrophe",
    ),
]


@pytest.mark.parametrize(("text", "expected", "marks"), UNBALANCED)
def test_unbalanced(
    text: str, expected: list[tuple[str, bool]], marks: list[tuple[int, str]]
) -> None:
    quotes, problems = find_quotes(text, paragraphs(text))
    assert [(text[q.start : q.end], q.closed) for q in quotes] == expected
    assert [(p.start, p.end - p.start) for p in problems] == [(m, 1) for m, _ in marks]
    for problem, (_, fragment) in zip(problems, marks, strict=True):
        assert problem.code == UNBALANCED_QUOTE
        assert fragment in problem.message
        assert problem.message[0].islower()
        assert not problem.message.endswith(".")


def test_continued_group_pieces_are_not_closed_when_last_is_not() -> None:
    text = '"Opened here.\n"Continued but never closed.\nNarrative.'
    quotes = quotes_of(text)
    assert quotes[0].group == quotes[1].group
    assert [q.continued for q in quotes] == [False, True]


def test_problem_messages_quote_the_mark() -> None:
    _, problems = find_quotes("He said ''no.", [Paragraph(0, 13)])
    assert problems[0].message == "quotation mark \"''\" at offset 8 is never closed"
    assert (problems[0].start, problems[0].end) == (8, 10)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param('"', id="one-mark"),
        pytest.param("''''''''", id="run-of-straight-singles"),
        pytest.param("”“”“ ‘’‘ «»« ,,, ``", id="jumble"),
        pytest.param('a"b"c"d', id="inside-words"),
        pytest.param('" " " "', id="spaced"),
    ],
)
def test_odd_input_gives_no_exception(text: str) -> None:
    quotes, problems = find_quotes(text, paragraphs(text))
    for quote in quotes:
        assert 0 <= quote.start <= quote.inner.start <= quote.inner.end <= quote.end <= len(text)
    assert all(p.code == UNBALANCED_QUOTE for p in problems)


def test_no_paragraphs_no_quotes() -> None:
    assert find_quotes('He said "hello."', []) == ((), ())


def test_marks_outside_paragraphs_are_ignored() -> None:
    text = '"ignored"  He said "hello."'
    quotes, _ = find_quotes(text, [Paragraph(11, len(text))])
    assert summary(text, quotes) == [('"hello."', 19, D, 0)]


def test_crlf() -> None:
    text = 'He said "this is wrong."\r\n"It opens here.\r\n"And closes here."\r\n'
    quotes, problems = find_quotes(text, paragraphs(text))
    assert problems == ()
    assert [(text[q.start : q.end], q.group, q.continued) for q in quotes] == [
        ('"this is wrong."', 0, False),
        ('"It opens here.', 1, False),
        ('"And closes here."', 1, True),
    ]


def test_sorted_by_start_then_longest_first() -> None:
    text = "“A ‘b’ c ‘d “e” f’ g,” she said, “h.”"
    quotes = quotes_of(text)
    assert [(q.start, -q.end) for q in quotes] == sorted((q.start, -q.end) for q in quotes)
    assert [q.depth for q in quotes] == [0, 1, 1, 2, 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('It is \'a "b" c.', [('"b"', 0)], id="apostrophe-before-a-quote"),
        pytest.param("It is 'a “b” c.", [("“b”", 0)], id="apostrophe-before-a-curly-quote"),
        pytest.param(
            "said Sophie in 't Veld. \"It's a risk.\"",
            [('"It\'s a risk."', 0)],
            id="elided-name-then-a-quote",
        ),
        pytest.param(
            "It is 'the “best” plan' now.",
            [("'the “best” plan'", 0), ("“best”", 1)],
            id="kept-single-quote-around",
        ),
    ],
)
def test_depth_counts_only_the_quotes_kept_around(
    text: str, expected: list[tuple[str, int]]
) -> None:
    # A straight ' that opens nothing (an apostrophe) adds no level.
    assert [(text[q.start : q.end], q.depth) for q in quotes_of(text)] == expected


# Text made of marks, letters, spaces and newlines: whatever comes in, the
# output keeps its promises.
_ALPHABET = st.sampled_from(list("\"'“”‘’`„‚«»‹›″ aZ9.,—\n\r("))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_invariants(text: str) -> None:
    paras = paragraphs(text)
    quotes, problems = find_quotes(text, paras)
    assert list(quotes) == sorted(quotes, key=lambda q: (q.start, -q.end, q.depth))
    assert list(problems) == sorted(problems, key=lambda p: (p.start, p.code))
    firsts: dict[int, Quote] = {}
    for quote in quotes:
        assert quote.start <= quote.inner.start <= quote.inner.end <= quote.end
        assert any(p.start <= quote.start and quote.end <= p.end for p in paras)
        if quote.continued:
            # A later piece of a group: the outermost quote, at a paragraph start.
            assert quote.group in firsts
            assert quote.depth == 0
            assert any(p.start == quote.start for p in paras)
            assert quote.closed == firsts[quote.group].closed
        else:
            # Groups are numbered in order of their first piece.
            assert quote.group == len(firsts)
            firsts[quote.group] = quote
    # Quotes nest: two quotes are disjoint or one lies inside the other.
    for index, a in enumerate(quotes):
        for b in quotes[index + 1 :]:
            assert b.start >= a.end or b.end <= a.end


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_mark_offsets_are_every_mark_character(text: str) -> None:
    expected = [k for k, char in enumerate(text) if char in _QUOTE_CHARS]
    assert char_offsets(text, _QUOTE_CHARS) == expected


@pytest.mark.parametrize("char", ["'", "‘", "’"])
@pytest.mark.parametrize(("prev", "nxt"), [("n", "t"), ("p", "s"), ("9", "0"), ("é", "A")])
@pytest.mark.parametrize("open_count", [[0, 0], [0, 1], [1, 0], [1, 1]])
def test_apostrophe_inside_a_word_is_no_mark(
    char: str, prev: str, nxt: str, open_count: list[int]
) -> None:
    # find_quotes skips such a mark before asking _role, which must agree.
    assert _role(char, 1, _SINGLE, False, False, prev, nxt, open_count) == _NONE


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_quoted_length_counts_the_characters_inside_outermost_quotes(
    text: str, start: int, end: int
) -> None:
    quotes, _ = find_quotes(text, paragraphs(text))
    outer = [q for q in quotes if q.depth == 0]
    inside = {k for q in outer for k in range(q.start, q.end)}
    expected = sum(k in inside for k in range(start, end))
    assert quoted_length(start, end, outer, [q.start for q in outer]) == expected


def _best_time(text: str, runs: int) -> float:
    """Return the shortest of several timings of ``find_quotes`` on ``text``."""
    paras = paragraphs(text)
    times = []
    gc.disable()  # a collection landing in one run would swamp a millisecond
    try:
        for _ in range(runs):
            start = time.perf_counter()
            find_quotes(text, paras)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def _ratio(make: Callable[[int], str], n: int) -> float:
    """Return time(10 n) / time(n): about 10 if linear, 100 if quadratic."""
    return _best_time(make(10 * n), 3) / _best_time(make(n), 7)


# Each shape at n and 10 n, the smaller text some kilobytes long: a linear
# scan takes about 10 times as long on the larger, a quadratic one 100 times.
SHAPES = [
    pytest.param(lambda n: '"a" ' * n, 2_500, id="balanced"),
    pytest.param(lambda n: '"a ' * n, 3_000, id="unbalanced-openers"),
    pytest.param(lambda n: 'a" ' * n, 3_000, id="stray-closers"),
    pytest.param(lambda n: "“" * n, 3_000, id="deep-nesting"),
    pytest.param(lambda n: "“‘" * n + "’”" * n, 1_500, id="deep-balanced-nesting"),
    pytest.param(lambda n: "'" * n, 10_000, id="run-of-straight-singles"),
    pytest.param(lambda n: "don't 'em '90s " * n, 1_000, id="apostrophes"),
    pytest.param(lambda n: '"opened\n' * n, 1_250, id="continuations"),
    pytest.param(lambda n: "no quotes here " * n, 10_000, id="no-quotes"),
]


@pytest.mark.parametrize(("make", "n"), SHAPES)
def test_linear_time(make: Callable[[int], str], n: int) -> None:
    # A busy machine can slow one run; a quadratic scan fails the second too.
    assert _ratio(make, n) < 30 or _ratio(make, n) < 30


def test_hundred_thousand_marks() -> None:
    text = 'He said "yes" and "no". ' * 50_000
    quotes, problems = find_quotes(text, [Paragraph(0, len(text) - 1)])
    assert len(quotes) == 100_000
    assert problems == ()


def test_thousands_of_unbalanced_marks() -> None:
    text = '"a ' * 5_000
    quotes, problems = find_quotes(text, [Paragraph(0, len(text) - 1)])
    assert len(problems) == 5_000
    assert [q.depth for q in quotes[:3]] == [0, 1, 2]


def test_ten_megabytes_without_quotes() -> None:
    text = "The senator spoke for an hour and took no questions. " * 200_000
    assert len(text) > 10_000_000
    assert find_quotes(text, [Paragraph(0, len(text) - 1)]) == ((), ())
