"""Tokens of each sentence, with a flag for the tokens inside quotation marks.

Shared by the pipeline and by ``scripts/train_cues.py``, so the cue model is
trained on exactly what it will see.
"""

from __future__ import annotations

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

    Quotes and sentences are both sorted, so one forward walk over the
    outermost quotes marks every token in linear time.
    """
    outer = [q for q in quotes if q.depth == 0]
    out = []
    qi = 0
    for index, sent in enumerate(sentences):
        tokens = tokenize(text, sent.start, sent.end)
        while qi < len(outer) and outer[qi].end <= sent.start:
            qi += 1
        if qi == len(outer) or outer[qi].start >= sent.end:  # no quotation here (most sentences)
            out.append(Prepared(index, sent, tokens, [False] * len(tokens)))
            continue
        quoted = []
        for tok in tokens:
            while qi < len(outer) and outer[qi].end <= tok.start:
                qi += 1
            quoted.append(qi < len(outer) and outer[qi].start <= tok.start)
        out.append(Prepared(index, sent, tokens, quoted))
    return tuple(out)


def prepare(text: str) -> Document:
    """Run segmentation, quotation finding and tokenization over ``text``."""
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(text, paragraphs)
    quotes, problems = quotes_stage.find_quotes(text, paragraphs)
    prepared = tokenize_sentences(text, sentences, quotes)
    return Document(paragraphs, sentences, quotes, problems, prepared)
