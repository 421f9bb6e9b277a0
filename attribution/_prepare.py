"""Tokens of each sentence, with a flag for the tokens inside quotation marks.

Shared by the pipeline and by ``scripts/train_cues.py``, so the cue model is
trained on exactly what it will see.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from attrs import frozen

from attribution import quotes as quotes_stage
from attribution import segment
from attribution._tokens import LOWER, Token, tokenize, tokenize_columns
from attribution.model import Paragraph, Problem, Quote, Sentence


@frozen
class Prepared:
    """One sentence, tokenized, with the quotation state and the lower-cased text of every token."""

    index: int
    sentence: Sentence
    tokens: list[Token]
    quoted: list[bool]
    lowers: list[str]


@frozen
class Document:
    """The first stages' output for one text."""

    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    problems: tuple[Problem, ...]
    prepared: tuple[Prepared, ...]


def tokenize_sentences(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]
) -> tuple[Prepared, ...]:
    """Tokenize every sentence and mark its tokens that lie inside a quotation.

    The text is tokenized once, and each sentence takes the tokens between
    its offsets: the same tokens as tokenizing the sentence alone, unless a
    token runs over one of its ends (sentences not parted by whitespace),
    and then the sentence is tokenized alone. A token is quoted if it starts
    inside an outermost quotation; the flags are set one quotation at a time,
    over the range of tokens found by bisection.
    """
    everything, starts, lowers = tokenize_columns(text)
    spans = _quoted_spans(quotes)
    span_starts = [start for start, _ in spans]
    flags = [False] * len(everything)
    for start, end in spans:
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        flags[first:last] = [True] * (last - first)
    out = []
    hi = 0
    for index, sent in enumerate(sentences):
        lo = bisect_left(starts, sent.start, hi)
        hi = bisect_left(starts, sent.end, lo)
        if (lo and everything[lo - 1].end > sent.start) or (
            hi > lo and everything[hi - 1].end > sent.end
        ):
            tokens = tokenize(text, sent.start, sent.end)
            quoted = []
            for tok in tokens:
                k = bisect_right(span_starts, tok.start) - 1
                quoted.append(k >= 0 and spans[k][1] > tok.start)
            out.append(Prepared(index, sent, tokens, quoted, list(map(LOWER, tokens))))
        else:
            out.append(Prepared(index, sent, everything[lo:hi], flags[lo:hi], lowers[lo:hi]))
    return tuple(out)


def _quoted_spans(quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Return the spans of the outermost quotations, in order, any overlaps merged."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        if quote.depth:
            continue
        if spans and quote.start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], quote.end))
        else:
            spans.append((quote.start, quote.end))
    return spans


def prepare(text: str) -> Document:
    """Run segmentation, quotation finding and tokenization over ``text``."""
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(text, paragraphs)
    quotes, problems = quotes_stage.find_quotes(text, paragraphs)
    prepared = tokenize_sentences(text, sentences, quotes)
    return Document(paragraphs, sentences, quotes, problems, prepared)
