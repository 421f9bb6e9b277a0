"""Tests for :mod:`attribution._prepare`: the tokens of each sentence and their quotation flags."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution._prepare import Prepared, prepare, tokenize_sentences
from attribution._tokens import _TOKEN, Token, tokenize, tokenize_columns
from attribution.model import Quote, Sentence, Span


def expected(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> list[tuple[list[Token], list[bool]]]:
    """Each sentence tokenized alone, a token quoted if it starts inside an outermost quote."""
    outer = [q for q in quotes if q.depth == 0]
    out = []
    for sent in sentences:
        tokens = tokenize(text, sent.start, sent.end)
        quoted = [any(q.start <= t.start < q.end for q in outer) for t in tokens]
        out.append((tokens, quoted))
    return out


def lowers_match(prepared: Sequence[Prepared]) -> bool:
    """Whether each sentence's ``lowers`` are its tokens' lower-cased texts, one for one."""
    return all(p.lowers == [t.lower for t in p.tokens] for p in prepared)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('He said "we will win." Then he left.', id="quote-in-sentence"),
        pytest.param(
            '"We will win. We always do," he said. She agreed.', id="quote-over-sentences"
        ),
        pytest.param("Trump's pro-life U.S. stance.\n\n'Twas 3.5 percent.", id="inner-marks"),
        pytest.param("", id="empty"),
    ],
)
def test_tokens_are_those_of_each_sentence_alone(text: str) -> None:
    document = prepare(text)
    got = [(p.tokens, p.quoted) for p in document.prepared]
    assert got == expected(text, document.sentences, document.quotes)
    assert [p.index for p in document.prepared] == list(range(len(document.sentences)))
    assert lowers_match(document.prepared)


def test_a_sentence_cut_inside_a_word_is_tokenized_alone() -> None:
    # Punkt pieces can be cut inside a very long word: the whole-text token
    # crossing the cut must not leak into either sentence.
    text = 'He said "abcdef-ghijkl" and left. Fine.'
    cut = text.index("ghi") + 1
    sentences = [
        Sentence(start=0, end=cut, paragraph=0),
        Sentence(start=cut, end=33, paragraph=0),
        Sentence(start=34, end=len(text), paragraph=0),
    ]
    start, end = text.index('"'), text.index('"', text.index('"') + 1) + 1
    quotes = [Quote(start=start, end=end, inner=Span(start + 1, end - 1))]
    prepared = tokenize_sentences(text, sentences, quotes)
    got = [(p.tokens, p.quoted) for p in prepared]
    assert got == expected(text, sentences, quotes)
    assert lowers_match(prepared)
    assert got[0][0][-1].text == "abcdef-g"
    assert got[1][0][0].text == "hijkl"
    assert got[1][1][:2] == [True, True]


def test_nested_quotes_do_not_count_twice() -> None:
    text = "She said \"he called it 'fake' twice\" and left."
    document = prepare(text)
    assert any(q.depth == 1 for q in document.quotes)
    got = [(p.tokens, p.quoted) for p in document.prepared]
    assert got == expected(text, document.sentences, document.quotes)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab A.!?'\"\u201c\u201d-\n"), max_size=80))
def test_any_text(text: str) -> None:
    document = prepare(text)
    got = [(p.tokens, p.quoted) for p in document.prepared]
    assert got == expected(text, document.sentences, document.quotes)
    assert lowers_match(document.prepared)


def _reference_tokens(text: str, start: int, end: int | None) -> list[tuple[int, int, str, str]]:
    """The tokens as one match at a time finds them (negative bounds count as 0)."""
    matches = _TOKEN.finditer(text, start, len(text) if end is None else end)
    return [(m.start(), m.end(), m.group(), m.group().lower()) for m in matches]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("Smith said it rained.", 0, None, id="whole"),
        pytest.param("Smith said it rained.", 6, 13, id="inside"),
        pytest.param("Smith said it rained.", 8, 100, id="end-past-the-text"),
        pytest.param("Smith said it rained.", 12, 4, id="end-before-start"),
        pytest.param("Smith said it rained.", -5, None, id="negative-start"),
        pytest.param("Smith said it rained.", 0, -3, id="negative-end"),
        pytest.param("\ufeffHe\u200bsaid\r\n“Yes”", 0, None, id="bom-zero-width-crlf"),
        pytest.param("Ünïcode e\u0301 \ud800 İstanbul", 2, None, id="combining-surrogate-dotted-i"),
        pytest.param("   ", 0, None, id="blank"),
    ],
)
def test_token_offsets_are_those_of_each_match(text: str, start: int, end: int | None) -> None:
    assert [tuple(t) for t in tokenize(text, start, end)] == _reference_tokens(text, start, end)
    tokens, starts, lowers = tokenize_columns(text, start, end)
    assert starts == [t.start for t in tokens]
    assert lowers == [t.lower for t in tokens]
