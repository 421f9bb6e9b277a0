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
    """The words that signal an attribution: "said", "according to", "citing".

    ``stance`` comes from the cue lexicon: ``neutral`` ("said", "told") or
    ``loaded`` ("claimed", "admitted", "insisted"), filled in by
    :mod:`attribution.hedges`.
    """

    start: int
    end: int
    lemma: str
    kind: str = "speech"  # speech, writing, posting, belief, intention, report, ...
    stance: str = "neutral"


class SourceKind(enum.Enum):
    """What kind of source a hop has (see ``docs/sources.md``)."""

    PERSON = "person"
    ORGANIZATION = "organization"  # governments, agencies, companies, campaigns, courts, places
    MEDIA = "media"  # outlets, wires, programmes, publications
    DOCUMENT = "document"  # a report, poll, filing, data set, statement or post
    ANONYMOUS = "anonymous"  # unnamed but described: "a source with knowledge of the call"
    VAGUE = "vague"  # nothing identifiable: "critics", "some say", "experts"
    AUTHOR = "author"  # the writer or the publication itself: "we", "this newspaper"
    OTHER = "other"  # a crowd, an audience, a generic "you"
    UNKNOWN = "unknown"  # nothing to go on


@frozen(kw_only=True)
class Descriptors:
    """What the text tells a reader about an unnamed source.

    ``knowledge`` is the span saying how the source knows ("with knowledge of
    the call", "familiar with the talks"); ``reason`` the span giving a reason
    for anonymity ("on condition of anonymity because they were not
    authorized to discuss the talks").
    """

    role: str | None = None  # official, source, aide, diplomat, person, ...
    affiliation: str | None = None  # "Ukrainian", "government", "for the campaign"
    count: int | None = None  # 2 for "two people familiar with ..."
    plural: bool = False
    seniority: str | None = None  # senior, top, high-ranking, ...
    knowledge: Span | None = None
    reason: Span | None = None

    @property
    def reason_given(self) -> bool:
        """Return whether the text says why the source is not named."""
        return self.reason is not None


@frozen(kw_only=True)
class Medium:
    """Where a hop's words appeared: "in a statement", "posted on X", "told reporters"."""

    start: int
    end: int
    kind: str  # statement, interview, press conference, post, court filing, letter, ...
    channel: str | None = None  # "X", "Facebook", "CNN" where the text names it


@frozen(kw_only=True)
class Source:
    """One source of a hop: who said, wrote or thinks the content.

    The fields after the span are filled in by :mod:`attribution.sources` and
    :mod:`attribution.entities`. ``entity`` is the id of the document-level
    :class:`Entity` the source refers to. ``relayed_by`` holds the ids of hops
    that relayed this source's words although they are not in the claim's
    chain: in "..., Axios reported, citing an official. The call lasted 40
    minutes, the sources said." the second hop's sources are the ones Axios
    cited, so that hop is also relayed by Axios's report.
    """

    start: int
    end: int
    kind: SourceKind = SourceKind.UNKNOWN
    named: bool = False
    entity: str | None = None
    descriptors: Descriptors | None = None
    medium: Medium | None = None
    relayed_by: tuple[str, ...] = field(default=(), converter=_strs)


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


class MentionForm(enum.Enum):
    """How an entity is mentioned."""

    NAME = "name"  # "Donald Trump", "Axios", "Spiegel magazine"
    SHORT = "short"  # a surname or short name: "Trump", "Spiegel"
    TITLE = "title"  # a name with its title: "U.S. President Donald Trump"
    DESCRIPTION = "description"  # "the Ukrainian leader", "an unidentified official"
    PRONOUN = "pronoun"  # "he", "she", "they", "it", "who"
    GROUP = "group"  # "the two leaders", "the sources"


@frozen(kw_only=True)
class Mention:
    """One mention of an entity in the text."""

    start: int
    end: int
    form: MentionForm = MentionForm.NAME


@frozen(kw_only=True)
class Entity:
    """A person, organization, outlet or unnamed source the document refers to.

    A group ("the two leaders", "the sources") has the ids of its ``members``.
    """

    id: str
    name: str
    kind: SourceKind
    named: bool = False
    plural: bool = False
    mentions: tuple[Mention, ...] = ()
    members: tuple[str, ...] = field(default=(), converter=_strs)


@frozen(kw_only=True)
class Hedge:
    """A word or phrase that distances the writer from a claim: "reportedly"."""

    start: int
    end: int
    phrase: str  # the lexicon entry that matched, lower-case


class Grade(enum.Enum):
    """How well a claim is sourced (see ``docs/scoring.md``)."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    UNSUPPORTED = "unsupported"
    UNATTRIBUTED = "unattributed"  # the writer's own assertion


@frozen(kw_only=True)
class Reason:
    """One step of a score: a stable code, its effect on the value, and what it saw."""

    code: str
    effect: float
    detail: str = ""


@frozen(kw_only=True)
class Score:
    """A claim's sourcing strength: a value in ``[0, 1]``, its grade and why."""

    value: float
    grade: Grade
    reasons: tuple[Reason, ...] = ()


@frozen(kw_only=True)
class Claim:
    """An assertion a reader could check, with its attribution chain.

    ``chain`` holds attribution ids, innermost first; it is empty for the
    writer's own (unattributed) assertions. ``hedges`` and ``score`` are
    filled in by :mod:`attribution.hedges` and :mod:`attribution.scoring`.
    """

    id: str
    start: int
    end: int
    type: ClaimType
    spans: tuple[Span, ...] = field(converter=_spans)
    chain: tuple[str, ...] = field(default=(), converter=_strs)
    sentence: int = 0
    hedges: tuple[Hedge, ...] = ()
    score: Score | None = None


@frozen(kw_only=True)
class Summary:
    """Document-level sourcing figures; counts are ``(key, count)`` pairs in a fixed order."""

    claims: int = 0
    claims_by_grade: tuple[tuple[str, int], ...] = ()
    sources_by_kind: tuple[tuple[str, int], ...] = ()
    anonymous_or_vague_only: float = 0.0  # share of attributed claims resting only on them
    longest_chain: int = 0
    mean_score: float | None = None  # mean value over attributed claims


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
    entities: tuple[Entity, ...] = ()
    summary: Summary | None = None

    def attribution(self, attribution_id: str) -> Attribution:
        """Return the attribution with this id."""
        for item in self.attributions:
            if item.id == attribution_id:
                return item
        msg = f"no attribution with id {attribution_id!r}"
        raise KeyError(msg)
