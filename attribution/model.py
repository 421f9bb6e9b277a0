"""Frozen value types shared by every stage of the pipeline.

Every span is a half-open ``[start, end)`` pair of Python ``str`` indices into
the exact text given to :func:`attribution.analyze`. Line and column numbers
are computed only when rendering.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import field, frozen


def _spans(value: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen
class Span:
    """A half-open ``[start, end)`` range of character offsets."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Return whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


class SentenceKind(enum.Enum):
    """What a sentence is, as far as claims are concerned."""

    BODY = "body"
    HEADLINE = "headline"
    DATELINE = "dateline"
    BOILERPLATE = "boilerplate"


@frozen
class Paragraph:
    """A paragraph: a run of text between blank lines (or single newlines)."""

    start: int
    end: int


@frozen(kw_only=True)
class Sentence:
    """A sentence, with the index of the paragraph that holds it."""

    start: int
    end: int
    paragraph: int
    kind: SentenceKind = SentenceKind.BODY


class QuoteKind(enum.Enum):
    """How a quoted span is used."""

    DIRECT = "direct"  # someone's words: a clause or more
    SCARE = "scare"  # a word or short phrase held at arm's length, or a title


@frozen(kw_only=True)
class Quote:
    """A quoted span, marks included.

    A quotation that runs over several paragraphs (each opening with a mark,
    only the last one closing) is one ``Quote`` per paragraph, sharing
    ``group``; ``continued`` is true on every piece after the first.
    """

    start: int
    end: int
    inner: Span
    kind: QuoteKind = QuoteKind.DIRECT
    closed: bool = True
    depth: int = 0  # 0 for outermost, 1 for a quote inside a quote, ...
    group: int = 0
    continued: bool = False


@frozen(kw_only=True)
class Problem:
    """Something odd about the input text (not an error): an unbalanced mark."""

    code: str
    message: str
    start: int
    end: int


class AttributionType(enum.Enum):
    """Whether a relation reports exact words, a paraphrase, or both."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class ClaimType(enum.Enum):
    """Where a claim's words come from."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    UNATTRIBUTED = "unattributed"


@frozen(kw_only=True)
class Cue:
    """The words that signal an attribution: "said", "according to", "citing"."""

    start: int
    end: int
    lemma: str
    kind: str = "speech"  # speech, writing, posting, belief, intention, report, ...


@frozen(kw_only=True)
class Source:
    """One source of a hop: who said, wrote or thinks the content."""

    start: int
    end: int


@frozen(kw_only=True)
class Attribution:
    """One attribution relation: a hop of a chain.

    ``source`` is the whole source span (``None`` when no source is stated,
    as in "it was reported that"); ``sources`` splits it into each source when
    there are several ("an official and a source with knowledge of the call").
    ``content`` may be discontinuous. ``form`` names the pattern that matched:
    ``pre`` ("X said C"), ``post`` ("C, X said"), ``inverted`` ("C, said X"),
    ``according``, ``citing``, ``as`` ("as X put it"), ``nominal`` ("X's claim
    that C"). ``parent`` is the id of the relation that
    relays this one (whose content holds it), or ``None``.
    """

    id: str
    type: AttributionType
    form: str = field(default="pre", kw_only=True)
    cue: Cue
    content: tuple[Span, ...] = field(converter=_spans)
    source: Span | None = None
    sources: tuple[Source, ...] = ()
    parent: str | None = None
    sentence: int = 0

    @property
    def content_span(self) -> Span:
        """Return the smallest span covering every piece of the content."""
        return Span(self.content[0].start, self.content[-1].end)


@frozen(kw_only=True)
class Claim:
    """An assertion a reader could check, with its attribution chain.

    ``chain`` holds attribution ids, innermost first; it is empty for the
    writer's own (unattributed) assertions.
    """

    id: str
    start: int
    end: int
    type: ClaimType
    spans: tuple[Span, ...] = field(converter=_spans)
    chain: tuple[str, ...] = field(default=(), converter=_strs)
    sentence: int = 0


@frozen(kw_only=True)
class Analysis:
    """The whole analysis of one text."""

    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = ()
    id: str | None = None

    def attribution(self, attribution_id: str) -> Attribution:
        """Return the attribution with this id."""
        for item in self.attributions:
            if item.id == attribution_id:
                return item
        msg = f"no attribution with id {attribution_id!r}"
        raise KeyError(msg)
