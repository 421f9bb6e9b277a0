"""Tokens of each sentence, with a flag for the tokens inside quotation marks.

Shared by the pipeline and by ``scripts/train_cues.py``, so the cue model is
trained on exactly what it will see.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from attrs import frozen

from attribution import quotes as quotes_stage
from attribution import segment
from attribution._tokens import Token, tokenize
from attribution.model import Paragraph, Problem, Quote, Sentence


@frozen
class Prepared:
    """One sentence, tokenized, with the quotation state of every token."""

    index: int
    sentence: Sentence
    tokens: list[Token]
    quoted: list[bool]


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

    The text is tokenized once and each sentence takes its run of tokens,
    which are the tokens it has alone unless a token of the whole text
    crosses one of its ends (a sentence cut inside a word): such a sentence
    is tokenized on its own. A token is quoted if it starts inside an
    outermost quote. Tokens, sentences and quotes are all sorted, so forward
    walks and bisections do everything in linear time.
    """
    outer = [q for q in quotes if q.depth == 0]
    tokens = tokenize(text)
    starts = [tok.start for tok in tokens]
    quoted = [False] * len(tokens)
    for quote in outer:
        first = bisect.bisect_left(starts, quote.start)
        last = bisect.bisect_left(starts, quote.end, first)
        quoted[first:last] = [True] * (last - first)
    out = []
    first = 0
    qi = 0  # for sentences tokenized alone: the first outer quote that may hold a token
    for index, sent in enumerate(sentences):
        while first < len(tokens) and tokens[first].end <= sent.start:
            first += 1
        last = bisect.bisect_left(starts, sent.end, first)
        inside = first == last or (
            tokens[first].start >= sent.start and tokens[last - 1].end <= sent.end
        )
        if inside:
            out.append(Prepared(index, sent, tokens[first:last], quoted[first:last]))
            continue
        own = tokenize(text, sent.start, sent.end)
        own_quoted = []
        for tok in own:
            while qi < len(outer) and outer[qi].end <= tok.start:
                qi += 1
            own_quoted.append(qi < len(outer) and outer[qi].start <= tok.start)
        out.append(Prepared(index, sent, own, own_quoted))
    return tuple(out)


def prepare(text: str) -> Document:
    """Run segmentation, quotation finding and tokenization over ``text``."""
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(text, paragraphs)
    quotes, problems = quotes_stage.find_quotes(text, paragraphs)
    prepared = tokenize_sentences(text, sentences, quotes)
    return Document(paragraphs, sentences, quotes, problems, prepared)
