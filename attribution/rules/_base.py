"""What a lint rule is, and the view of an analysis every rule reads.

A rule is a generator of :class:`Hit` over a :class:`Context` (an analysis
plus the options in force); the engine (:mod:`attribution.lint`) stamps each
hit with the rule's code, name and severity. Rules read the analysis's
structure (hops, chains, source kinds and descriptors, cue stance, hedges,
quotations): word lists only say which words to look at.
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from attrs import field, frozen

from attribution.lexicon import word_list
from attribution.model import (
    Analysis,
    Attribution,
    Claim,
    Entity,
    Quote,
    QuoteKind,
    Sentence,
    SentenceKind,
    Source,
    SourceKind,
    Span,
)


class SpanReach:
    """Spans sorted by start, with the furthest end reached so far.

    Whether any of them overlaps ``[start, end)`` is then one bisection, where
    testing each span for each question was quadratic in a long text.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Return whether some span shares a character with ``[start, end)``."""
        k = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return k > 0 and self.reach[k - 1] > start


class Severity(enum.Enum):
    """How much a finding matters: ``info`` < ``warning`` < ``error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return _RANKS[self.value]


_RANKS = {"info": 0, "warning": 1, "error": 2}


@frozen
class Hit:
    """One place a rule fires: a span of the text and a one-line message."""

    start: int
    end: int
    message: str


OptionValue = int | bool | str | tuple[str, ...]


@frozen(kw_only=True)
class Option:
    """A rule option settable in ``[tool.attribution.options]``."""

    name: str
    default: OptionValue
    help: str


Check = Callable[["Context"], Iterator[Hit]]


def _strs(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(value)


def _options(value: Sequence[Option]) -> tuple[Option, ...]:
    return tuple(value)


@frozen(kw_only=True)
class Rule:
    """A lint rule: its identity, its docs and examples, and its check.

    ``default`` says whether the rule is in the default selection (the
    check-worthy claims rule is not); ``preview`` rules run only when preview
    is turned on, whatever the selection. ``quotations`` is true for the rules
    about quotations themselves; every other rule's hits inside a direct
    quotation are dropped by the engine, since a speaker's words are not the
    writer's (words-to-watch rules must never fire there).
    """

    code: str
    name: str
    severity: Severity
    summary: str  # one line: what the rule flags
    why: str  # the editorial standard, in Markdown
    bad: tuple[str, ...] = field(converter=_strs)
    good: tuple[str, ...] = field(converter=_strs)
    check: Check
    default: bool = True
    preview: bool = False
    quotations: bool = False
    options: tuple[Option, ...] = field(default=(), converter=_options)

    @property
    def family(self) -> str:
        """Return the family prefix: ``ATR1`` for ``ATR101``."""
        return self.code[:4]

    @property
    def anchor(self) -> str:
        """Return the rule's anchor in ``docs/rules.md``: ``atr101-vague-attribution``."""
        return f"{self.code.lower()}-{self.name}"

    @property
    def url(self) -> str:
        """Return the link to the rule's docs, relative to the repository root."""
        return f"docs/rules.md#{self.anchor}"


# -- the context ---------------------------------------------------------------


class Context:
    """An analysis as the rules see it, with indexes built on first use.

    Args:
        analysis: the analysis of the (masked) text.
        options: every option's value (defaults overlaid with configuration).
    """

    def __init__(self, analysis: Analysis, options: Mapping[str, OptionValue]) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.options = options
        self._words: dict[str, frozenset[str]] = {}
        self._anonymous: dict[tuple[str, int, bool], bool] = {}

    # options

    def words(self, name: str) -> frozenset[str]:
        """Return a list option as a set of lower-case entries."""
        found = self._words.get(name)
        if found is None:
            value = self.options[name]
            assert isinstance(value, tuple)
            found = self._words[name] = frozenset(v.lower() for v in value)
        return found

    @functools.cached_property
    def lower(self) -> str:
        """Return the text in lower case, for finding lower-case phrases fast.

        When lower-casing changes the length (a few characters, such as "İ",
        lower-case to two), the text is returned as is, so offsets into
        ``lower`` are always offsets into the text; callers then need a
        case-insensitive pattern (see :func:`phrase_regex`).
        """
        low = self.text.lower()
        return low if len(low) == len(self.text) else self.text

    def find_phrases(self, entries: frozenset[str]) -> Iterator[re.Match[str]]:
        """Yield every match of the lower-case ``entries`` as whole words, in order."""
        exact = self.lower is not self.text
        regex = phrase_regex(entries, ignore_case=not exact)
        if regex is not None:
            yield from regex.finditer(self.lower)

    def number(self, name: str) -> int:
        """Return an integer option."""
        value = self.options[name]
        assert isinstance(value, int)
        return value

    # text

    def slice(self, start: int, end: int) -> str:
        """Return ``text[start:end]`` with runs of whitespace made one space."""
        return " ".join(self.text[start:end].split())

    def show(self, start: int, end: int, width: int = 60) -> str:
        """Return the text of a span for a message, shortened past ``width``."""
        s = self.slice(start, end)
        return s if len(s) <= width else s[: width - 1].rstrip() + "…"

    # quotations

    @functools.cached_property
    def _direct(self) -> tuple[list[int], list[int]]:
        spans: list[list[int]] = []
        for q in sorted(self.analysis.quotes, key=lambda q: q.start):
            if q.kind is not QuoteKind.DIRECT:
                continue
            if spans and q.start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], q.end)
            else:
                spans.append([q.start, q.end])
        return [s[0] for s in spans], [s[1] for s in spans]

    def in_direct_quote(self, offset: int) -> bool:
        """Return whether ``offset`` lies inside a direct quotation, marks included."""
        starts, ends = self._direct
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and offset < ends[k]

    @functools.cached_property
    def outer_quotes(self) -> tuple[Quote, ...]:
        """Return the outermost quotations, in order."""
        return tuple(q for q in self.analysis.quotes if q.depth == 0)

    # sentences

    @functools.cached_property
    def sentence_starts(self) -> list[int]:
        """Return the start offset of every sentence, in order."""
        return [s.start for s in self.analysis.sentences]

    def sentence_index(self, offset: int) -> int:
        """Return the index of the sentence holding ``offset`` (or the one before it)."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def sentence(self, index: int) -> Sentence:
        """Return the sentence at ``index``."""
        return self.analysis.sentences[index]

    def is_body(self, index: int) -> bool:
        """Return whether sentence ``index`` is body copy (or a headline)."""
        sents = self.analysis.sentences
        return 0 <= index < len(sents) and sents[index].kind in (
            SentenceKind.BODY,
            SentenceKind.HEADLINE,
        )

    # hops, claims and entities

    @functools.cached_property
    def by_id(self) -> dict[str, Attribution]:
        """Return every hop by id."""
        return {a.id: a for a in self.analysis.attributions}

    @functools.cached_property
    def hops_by_sentence(self) -> dict[int, list[Attribution]]:
        """Return the hops of each sentence (by the sentence of the cue)."""
        out: dict[int, list[Attribution]] = {}
        for rel in self.analysis.attributions:
            out.setdefault(self.sentence_index(rel.cue.start), []).append(rel)
        return out

    @functools.cached_property
    def entities(self) -> dict[str, Entity]:
        """Return every entity by id."""
        return {e.id: e for e in self.analysis.entities}

    def hops_of(self, claim: Claim) -> list[Attribution]:
        """Return the hops of a claim's chain, innermost first, then relays recorded on sources."""
        hops = [self.by_id[h] for h in claim.chain if h in self.by_id]
        seen = {h.id for h in hops}
        for hop in list(hops):
            for src in hop.sources:
                for relay in src.relayed_by:
                    if relay not in seen and relay in self.by_id:
                        seen.add(relay)
                        hops.append(self.by_id[relay])
        return hops

    @functools.cached_property
    def sources_by_entity(self) -> dict[str, list[tuple[Attribution, Source]]]:
        """Return every (hop, source) pair by the entity the source refers to."""
        out: dict[str, list[tuple[Attribution, Source]]] = {}
        for rel in self.analysis.attributions:
            for src in rel.sources:
                if src.entity is not None:
                    out.setdefault(src.entity, []).append((rel, src))
        return out

    def mentions_of(self, src: Source) -> list[Source]:
        """Return every source that refers to the same entity as ``src`` (members included).

        A group entity ("the sources") counts its members' mentions too, so
        what the text said of "an unidentified Ukrainian official" counts for
        "the sources" that refer back to it.
        """
        if src.entity is None:
            return [src]
        ids = [src.entity]
        ent = self.entities.get(src.entity)
        if ent is not None:
            ids.extend(ent.members)
        out = [s for i in ids for _, s in self.sources_by_entity.get(i, [])]
        return out or [src]

    def is_media(self, src: Source) -> bool:
        """Return whether a source is a news outlet (or one listed in the ``outlets`` option)."""
        if src.kind is SourceKind.MEDIA:
            return True
        return self.is_listed_outlet(self.slice(src.start, src.end))

    def is_listed_outlet(self, name: str) -> bool:
        """Return whether ``name`` is one of the ``outlets`` option's entries.

        Both sides lose case and a leading "the ", so "the Daily Bugle" in the
        text matches ``outlets = ["The Daily Bugle"]`` as well as ``["Daily Bugle"]``.
        """
        return _bare_name(name) in self._outlet_names

    @functools.cached_property
    def _outlet_names(self) -> frozenset[str]:
        return frozenset(_bare_name(v) for v in self.words("outlets"))

    def is_anonymous(self, src: Source) -> bool:
        """Return whether a source is anonymous (or matches an ``anonymous-phrases`` option)."""
        if src.kind is SourceKind.ANONYMOUS:
            return True
        extra = self.words("anonymous-phrases")
        if not extra:
            return False
        low = self.slice(src.start, src.end).lower()
        return any(p in low for p in extra)

    def anonymous_source(self, rel: Attribution, src: Source, *, opinion: bool = False) -> bool:
        """Return whether ``src`` is an anonymous source of information (cached per hop)."""
        key = (rel.id, src.start, opinion)
        found = self._anonymous.get(key)
        if found is None:
            found = self._anonymous[key] = self._anonymous_source(rel, src, opinion=opinion)
        return found

    def _anonymous_source(self, rel: Attribution, src: Source, *, opinion: bool = False) -> bool:
        """Return whether ``src`` is an anonymous source of information in the AP's sense.

        With ``opinion``, hops of belief and stance ("an official thinks", "aides
        mocked") count too.

        The analysis marks every unnamed but described source ``anonymous``;
        the anonymous-source rules want the ones a reporter relies on for
        information: a source, official, aide, diplomat, "people familiar
        with ...", who say, write or report something (not "her allies are
        taking measures"), in the writer's own account (not nested in what a
        named person said: "McAuliffe said about 20 people have asked") and
        not an appositive of a name ("Angelique Brunner, a developer and
        spokeswoman for ...").
        """
        if not self.is_anonymous(src):
            return False
        extra = self.words("anonymous-phrases")
        low = self.slice(src.start, src.end).lower()
        if extra and any(p in low for p in extra):
            return True
        if rel.cue.kind not in _SOURCING_KINDS and not (opinion and rel.cue.kind in _OPINION_KINDS):
            return False
        desc = src.descriptors
        if desc is None or desc.role not in word_list("sourcing_roles"):
            return False
        if desc.role in _ADVOCATES and desc.knowledge is None:
            return False  # "attorneys for the family": public advocates, named elsewhere
        if _COORDINATED.match(low):
            return False  # "neither Clinton nor her allies", "both campaigns"
        if src.entity is not None:
            ent = self.entities.get(src.entity)
            if ent is not None and ent.named:
                return False  # "the bespectacled diplomat": someone the story names
        if self._holds_name(src, desc.role):
            return False
        if self._appositive(rel, src) or self._negated(rel, src):
            return False
        return not self._nested_in_named(rel)

    def _appositive(self, rel: Attribution, src: Source) -> bool:
        """Return whether ``src`` describes a person just named.

        "Jane Roe, an aide to the senator, said", "said David Plouffe, the
        architect of the campaign and a close aide", "Cruz and his aides".
        """
        sent = self.sentence(self.sentence_index(src.start))
        lo = sent.start
        if rel.cue.end <= src.start:
            lo = max(lo, rel.cue.end)
        before = self.text[lo : src.start]
        words = before.split()
        if (
            len(words) >= 2
            and before[-1:].isspace()
            and words[-1] in ("and", "or", "nor")
            and words[-2][:1].isupper()
        ):
            return True  # "Cruz and his aides"
        segments = before.split(",")
        if len(segments) < 2:
            return False
        words = segments[-2].split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        return (
            len(words) >= 1
            and all(w[:1].isupper() for w in words)
            and (len(words) >= 2 or rel.cue.end <= src.start)
        )

    @functools.cached_property
    def _person_mentions(self) -> list[tuple[int, int]]:
        return sorted(
            (m.start, m.end)
            for e in self.analysis.entities
            if e.named and e.kind is SourceKind.PERSON
            for m in e.mentions
        )

    @functools.cached_property
    def _person_starts(self) -> list[int]:
        # Built once: every anonymous source asks, and a text of thousands of
        # named people and sources would otherwise rebuild it for each.
        return [m[0] for m in self._person_mentions]

    def _holds_name(self, src: Source, role: str) -> bool:
        """Return whether a named person stands inside the source, not as its affiliation.

        "a senior Cruz adviser" and "advisers to Mr. Obama" are anonymous;
        "Attorney General Loretta Lynch took the official" is a misread span.
        """
        starts = self._person_starts
        k = bisect.bisect_left(starts, src.start)
        while k < len(starts) and starts[k] < src.end:
            end = self._person_mentions[k][1]
            after = re.findall(r"[\w'’-]+", self.text[end : src.end].lower())
            if after and not after[0].startswith(role[:5]) and after[0] not in ("'s", "’s"):
                return True
            k += 1
        return False

    def _negated(self, rel: Attribution, src: Source) -> bool:
        """Return whether the source is said *not* to have said something."""
        before = src.end <= rel.cue.start
        lo, hi = (src.end, rel.cue.end) if before else (rel.cue.start, rel.cue.end)
        words = self.text[lo:hi].lower().replace("n't", " not").split()
        return any(w in _NEGATIONS for w in words)

    def _nested_in_named(self, rel: Attribution) -> bool:
        seen = {rel.id}
        parent = rel.parent
        while parent is not None and parent not in seen:
            seen.add(parent)
            hop = self.by_id.get(parent)
            if hop is None:
                return False
            if any(
                s.named and s.kind in (SourceKind.PERSON, SourceKind.ORGANIZATION)
                for s in hop.sources
            ):
                return True
            parent = hop.parent
        return False

    def span_of(self, rel: Attribution) -> Span:
        """Return the span a finding about a hop's source points at: its source, else its cue."""
        if rel.source is not None:
            return rel.source
        return Span(rel.cue.start, rel.cue.end)


# Cue kinds by which a source passes on information.
_SOURCING_KINDS = frozenset({"speech", "writing", "report", "according", "citing"})
_OPINION_KINDS = frozenset({"belief", "stance"})
_ADVOCATES = frozenset({"attorney", "lawyer"})
_NEGATIONS = frozenset("not never declined refused".split())
_NOT_NAMES = frozenset("in on at after before when while as for from with by the a an".split())
_COORDINATED = re.compile(r"(?:neither|both|either|each)\b")


def _bare_name(name: str) -> str:
    name = name.strip().lower()
    return name[4:] if name.startswith("the ") else name


@functools.cache
def phrase_regex(entries: frozenset[str], *, ignore_case: bool = True) -> re.Pattern[str] | None:
    """Return a regex matching any entry as whole words, longest first.

    >>> phrase_regex(frozenset({"so-called", "self-styled"})).findall("The So-called plan")
    ['So-called']
    """
    if not entries:
        return None
    alternatives = "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True))
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def all_anonymous(ctx: Context, rel: Attribution) -> bool:
    """Return whether a hop has sources and all of them are anonymous sources of information."""
    return bool(rel.sources) and all(ctx.anonymous_source(rel, s) for s in rel.sources)
