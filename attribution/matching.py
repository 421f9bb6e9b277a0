"""Match claims to earlier fact-checks: retrieve, re-rank, veto.

For each claim (of an :class:`~attribution.model.Analysis`, or given as
text) :func:`match_claims` finds the checked claims of a store that it most
likely repeats, best first, each with a score and its reasons: the numbers,
names and phrases the two share. Three stages:

1. **Retrieval.** The claim is cleaned (a tweet's ``— Name (@handle) Date``
   tail and links go; hashtags and handles are also split into words) and
   analysed like the store (:func:`attribution.store.terms`); the store's
   BM25 index returns the best ``candidates``.
2. **Re-ranking.** Each candidate gets features between 0 and 1 (its BM25
   score relative to the best one, idf-weighted term coverage both ways,
   rapidfuzz similarity of the normalised texts, shared names); the score is
   their weighted mean, with the weights of ``data/matching.toml``.
3. **Veto.** A candidate whose quantities, dates or years disagree with the
   claim's ("40 minutes" vs "14 minutes") has its score multiplied by the
   veto factor, and the disagreement is reported.

>>> from attribution.store import CheckedClaim, ClaimIndex
>>> store = ClaimIndex.build([
...     CheckedClaim(id="fc-1", claim="The call between the two presidents lasted 14 minutes."),
...     CheckedClaim(id="fc-2", claim="The call between the two presidents lasted 40 minutes."),
... ])
>>> best = match_claims("Their phone call lasted about 40 minutes, the sources said.", store)[0]
>>> [(m.claim.id, m.numbers, m.conflicts) for m in best.matches]
[('fc-2', ('40 minutes',), ()), ('fc-1', (), ('40 minutes vs 14 minutes',))]
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from attrs import field, frozen
from rapidfuzz import fuzz

from attribution import lexicon
from attribution._hints import did_you_mean
from attribution.errors import ConfigError
from attribution.model import Analysis
from attribution.store import (
    CheckedClaim,
    ClaimIndex,
    check_weight,
    fold,
    open_store,
    stem,
    terms,
)

__all__ = [
    "FEATURES",
    "ClaimMatches",
    "Match",
    "MatchSettings",
    "clean_query",
    "match_claims",
]

#: The re-ranking features, in the order of ``data/matching.toml``.
FEATURES = (
    "retrieval",
    "query_coverage",
    "claim_token_set",
    "claim_token_sort",
    "title_ratio",
    "title_token_sort",
    "names",
)


def _weights(
    value: Mapping[str, float] | Iterable[tuple[str, float]],
) -> tuple[tuple[str, float], ...]:
    items = dict(value.items() if isinstance(value, Mapping) else value)
    for name, weight in items.items():
        if name not in FEATURES:
            hint = did_you_mean(name, FEATURES)
            msg = (
                f"unknown re-ranking feature {name!r}{hint}: expected one of {', '.join(FEATURES)}"
            )
            raise ConfigError(msg)
        check_weight(weight, f"feature {name!r}")
    if not any(items.values()):
        msg = "at least one re-ranking feature needs a weight above 0"
        raise ConfigError(msg)
    return tuple((name, float(items.get(name, 0.0))) for name in FEATURES)


def _at_least(least: int) -> Callable[[object, attrs.Attribute[Any], float], None]:
    """Return an attrs validator refusing a value below ``least``, named by its field."""
    return lambda _, attribute, value: check_at_least(value, least, attribute.name)


def _fraction(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Refuse a value outside 0 to 1, named by its field (an attrs validator)."""
    check_fraction(value, attribute.name)


@frozen(kw_only=True)
class MatchSettings:
    """Thresholds and weights of matching (defaults: ``data/matching.toml``).

    Attributes:
        limit: how many matches to report per claim.
        candidates: how many BM25 candidates to re-rank.
        budget: postings that may add new candidates at retrieval (see
            :meth:`attribution.store.ClaimIndex.search`; 0 for exact BM25).
        min_score: matches scoring below this are not reported.
        weights: weight of each re-ranking feature (see :data:`FEATURES`).
        veto_factor: multiplies the score of a candidate whose numbers,
            dates or years disagree with the claim's (0 drops it).
        tolerance: largest relative difference between two amounts of the
            same unit that still agree.
        years: whether different years are a disagreement.
    """

    limit: int = field(default=5, validator=_at_least(1))
    candidates: int = field(default=20, validator=_at_least(1))
    budget: int = field(default=5000, validator=_at_least(0))
    min_score: float = field(default=0.0, validator=_fraction)
    weights: tuple[tuple[str, float], ...] = field(converter=_weights)
    veto_factor: float = field(default=0.5, validator=_fraction)
    tolerance: float = field(default=0.3, validator=_at_least(0))
    years: bool = False

    @classmethod
    def default(cls, **overrides: Any) -> MatchSettings:
        """Return the settings of ``data/matching.toml``, with ``overrides``."""
        table = lexicon.weights("matching")
        values: dict[str, Any] = {
            "candidates": table["retrieval"]["candidates"],
            "budget": table["retrieval"]["budget"],
            "min_score": table["rerank"]["min_score"],
            "weights": table["rerank"]["weights"],
            "veto_factor": table["veto"]["factor"],
            "tolerance": table["veto"]["tolerance"],
            "years": table["veto"]["years"],
        }
        names = {a.name for a in attrs.fields(cls)}
        for key, value in overrides.items():
            if key not in names:
                msg = (
                    f"unknown matching setting {key!r}: expected one of {', '.join(sorted(names))}"
                )
                raise ConfigError(msg)
            values[key] = value
        return cls(**values)


def check_fraction(value: float, name: str) -> None:
    """Refuse a number (``name`` in the message) outside 0 to 1: a least score, a factor."""
    # No float(value): a long int overflows it. NaN fails the comparison.
    if not 0 <= value <= 1:
        shown = f"{value:g}" if isinstance(value, float) else repr(value)
        msg = f"{name} must be a number from 0 to 1, not {shown}"
        raise ConfigError(msg)


def check_at_least(value: float, least: int, name: str) -> None:
    """Refuse a number (``name`` in the message) below ``least``, or infinite."""
    if not (value >= least and value != math.inf):  # as check_fraction: no float(value)
        msg = f"{name} must be at least {least}, not {value!r}"
        raise ConfigError(msg)


@frozen(kw_only=True)
class Match:
    """A checked claim that a claim probably repeats.

    Attributes:
        claim: the checked claim.
        score: the re-ranked score, between 0 and 1, higher is closer.
        bm25: the candidate's BM25 score at retrieval.
        features: each re-ranking feature's value, in :data:`FEATURES` order.
        numbers: the numbers and dates both share, as the checked claim words them.
        names: the capitalised names both share, as the checked claim words them.
        phrases: runs of two or more content words both share.
        conflicts: the numbers, dates or years that disagree ("40 minutes vs
            14 minutes"); non-empty means the veto was applied.
    """

    claim: CheckedClaim
    score: float
    bm25: float
    features: tuple[tuple[str, float], ...] = ()
    numbers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@frozen(kw_only=True)
class ClaimMatches:
    """The matches of one claim, best first.

    ``start`` and ``end`` locate the claim in its article when it came from
    an :class:`~attribution.model.Analysis`; ``claim_id`` is its id there.
    """

    text: str
    matches: tuple[Match, ...] = ()
    start: int | None = None
    end: int | None = None
    claim_id: str | None = None


# --------------------------------------------------------------------------
# Query cleaning

# The tail of an embedded tweet: "— Ilhan Omar (@IlhanMN) January 6, 2020".
_TWEET_TAIL = re.compile(
    r"[—–]\s*(?P<name>[^—–\n]{0,80}?)\s*\(@(?P<handle>\w+)\)\s*"
    r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{2,4})?\s*$"
)
# Links, also when glued to the word before: "#Hanukkahpic.twitter.com/Ifk".
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S*", re.IGNORECASE)
# A hashtag or handle: "#AustralianFires", "@LindseyGrahamSC".
_TAG = re.compile(r"[#@](\w+)")
# Word boundaries inside a tag: "AustralianFires" -> "Australian Fires",
# "FreeIran2020" -> "Free Iran 2020", "GOPLeaders" -> "GOP Leaders".
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)


def _split_tag(match: re.Match[str]) -> str:
    word = match.group(1)
    parts = _CAMEL.sub(" ", word).replace("_", " ")
    return f" {word} {parts} " if parts != word else f" {word} "


def clean_query(text: str) -> str:
    """Return ``text`` ready for matching: tweet debris out, tags split.

    The ``— Name (@handle) Date`` tail of an embedded tweet is cut to the
    name (the author is often the subject of the claim); links go; each
    hashtag or handle is kept and followed by its words.

    >>> clean_query("#AustralianFires pic.twitter.com/0eJ — Ann (@ann_b) January 14, 2020")
    'AustralianFires Australian Fires    Ann'
    """
    tail = _TWEET_TAIL.search(text)
    if tail:
        text = text[: tail.start()].rstrip() + " " + tail.group("name")
    text = _LINK.sub(" ", text)
    return _TAG.sub(_split_tag, text).strip()


def _body(text: str) -> str:
    """Return the claim without a tweet tail or links (for fuzzy scores)."""
    tail = _TWEET_TAIL.search(text)
    if tail:
        text = text[: tail.start()].rstrip()
    return _TAG.sub(_split_tag, _LINK.sub(" ", text))


_NON_WORD = re.compile(r"[\W_]+")


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


# --------------------------------------------------------------------------
# Numbers, dates and names

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
    "billion": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
# An amount: "$80 million", "40 minutes", "12.5%", "1,000 people", "3 times".
# A date: "May 18", "18 May", "Jan. 6". A year: "2020".
_AMOUNT = re.compile(
    rf"(?P<date1>\b(?:{_MONTH_WORDS})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\b)"
    rf"|(?P<date2>\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_WORDS})\b)"
    r"|(?P<amount>(?:(?P<cur>[$£€])\s?|\b)(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>k|thousand|m|mn|mil|million|b|bn|billion|trillion|tn)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b)|\s+(?P<unit>[a-z]+(?:-[a-z]+)?))?)",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


@functools.cache
def _units() -> frozenset[str]:
    return frozenset(stem(word) for word in lexicon.word_list("match_units"))


@frozen
class _Amount:
    unit: str  # "$", "%", a stemmed unit word, "date:5" (May), "calendar-year"
    value: float
    text: str


def _amounts(text: str) -> list[_Amount]:
    """Return the quantities, dates and years that ``text`` states."""
    if not _DIGIT.search(text):
        return []
    units = _units()
    out = []
    for m in _AMOUNT.finditer(text):
        if m.group("date1") or m.group("date2"):
            month_word = (m.group("date1") or m.group("month2")).split()[
                0 if m.group("date1") else -1
            ]
            month = _MONTHS[month_word.lower().rstrip(".")]
            day = int(m.group("day1") or m.group("day2"))
            if 1 <= day <= 31:
                out.append(_Amount(f"date:{month}", float(day), m.group().strip()))
            continue
        number = m.group("num")
        value = float(number.replace(",", ""))
        scale = (m.group("scale") or "").lower()
        value *= _SCALES.get(scale, 1.0)
        unit = ""
        word = (m.group("unit") or "").lower()
        if m.group("cur"):
            unit = m.group("cur")
        elif m.group("pct"):
            unit = "%"
        elif word and stem(word.split("-")[-1]) in units:
            unit = stem(word.split("-")[-1])
        elif "," not in number and "." not in number and not scale and 1800 <= value <= 2099:
            unit = "calendar-year"
        if unit:
            end = m.end() if unit not in ("calendar-year", "$") or not word else m.end("num")
            if unit == "$":
                end = m.end("scale") if m.group("scale") else m.end("num")
            out.append(_Amount(unit, value, text[m.start() : end].strip()))
    return out


def _numbers(text: str) -> dict[str, str]:
    """Return the numbers of ``text``: normalised value -> surface form."""
    out: dict[str, str] = {}
    for m in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        out.setdefault(m.group().replace(",", ""), m.group())
    return out


# A capitalised word or initialism: "Zelenskyy", "GOP", "McDonald's", "U.S.".
_CAPITALISED = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][\w'’-]*\w|\b[A-Z]\b")
_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)


def _names(text: str) -> dict[str, str]:
    """Return the capitalised words of ``text``: term -> surface form."""
    out: dict[str, str] = {}
    for word in _CAPITALISED.findall(text):
        term = _name_term(word)
        if term:
            out.setdefault(term, word)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _name_term(word: str) -> str:
    folded = fold(word).strip(".")
    if folded in _MONTHS or folded in _WEEKDAYS:
        return ""
    found = terms(folded.replace(".", ""))
    return found[0] if len(found) == 1 else ""


def _agree(a: float, b: float, unit: str, tolerance: float) -> bool:
    if unit.startswith("date:") or unit == "calendar-year":
        return a == b
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _conflicts(
    query: list[_Amount], doc: list[_Amount], settings: MatchSettings
) -> tuple[str, ...]:
    out = []
    for unit in sorted({a.unit for a in query} & {a.unit for a in doc}):
        if unit == "calendar-year" and not settings.years:
            continue
        mine = [a for a in query if a.unit == unit]
        theirs = [a for a in doc if a.unit == unit]
        if not any(
            _agree(a.value, b.value, unit, settings.tolerance) for a in mine for b in theirs
        ):
            out.append(f"{mine[0].text} vs {theirs[0].text}")
    return tuple(out)


def _shared_amounts(query: list[_Amount], doc: list[_Amount], tolerance: float) -> list[str]:
    out: list[str] = []
    for b in doc:
        if b.text.lower() not in (o.lower() for o in out) and any(
            a.unit == b.unit and _agree(a.value, b.value, b.unit, tolerance) for a in query
        ):
            out.append(b.text)
    return out


# --------------------------------------------------------------------------
# Queries and candidates


@frozen
class _Query:
    text: str
    terms: list[str]
    term_set: frozenset[str]
    normal: str
    amounts: list[_Amount]
    numbers: dict[str, str]
    names: dict[str, str]


def _query(text: str) -> _Query:
    cleaned = clean_query(text)
    body = _body(text)
    words = terms(cleaned)
    return _Query(
        text=text,
        terms=words,
        term_set=frozenset(words),
        normal=_normal(body),
        amounts=_amounts(body),
        numbers=_numbers(body),
        names=_names(cleaned),
    )


@frozen
class _Doc:
    claim: CheckedClaim
    all_terms: frozenset[str]
    claim_normal: str
    title_normal: str
    amounts: list[_Amount]
    names: dict[str, str]


def _doc(claim: CheckedClaim, words: frozenset[str]) -> _Doc:
    headline = f"{claim.claim}\n{claim.title}"
    return _Doc(
        claim=claim,
        all_terms=words,
        claim_normal=_normal(claim.claim),
        title_normal=_normal(claim.title),
        amounts=_amounts(headline),
        names=_names(headline),
    )


class _Matcher:
    """Scores the candidates of many queries against one index, with caches."""

    def __init__(self, index: ClaimIndex, settings: MatchSettings) -> None:
        self.index = index
        self.settings = settings
        self.weights = [(i, w) for i, (_, w) in enumerate(settings.weights) if w]
        self.total = math.fsum(w for _, w in self.weights)
        self.idf_cache: dict[str, float] = {}
        self.doc_cache: dict[int, _Doc] = {}

    def idf(self, term: str) -> float:
        value = self.idf_cache.get(term)
        if value is None:
            value = self.idf_cache[term] = self.index.idf(term)
        return value

    def doc(self, number: int) -> _Doc:
        found = self.doc_cache.get(number)
        if found is None:
            if len(self.doc_cache) > 100_000:
                self.doc_cache.clear()
            found = self.doc_cache[number] = _doc(*self.index.entry(number))
        return found

    def features(self, q: _Query, d: _Doc, bm25: float, best: float, q_mass: float) -> list[float]:
        idf = self.idf
        shared = q.term_set & d.all_terms
        title = d.title_normal
        return [
            bm25 / best if best > 0 else 0.0,
            math.fsum(map(idf, shared)) / q_mass if q_mass else 0.0,
            fuzz.token_set_ratio(q.normal, d.claim_normal) / 100.0,
            fuzz.token_sort_ratio(q.normal, d.claim_normal) / 100.0,
            fuzz.ratio(q.normal, title) / 100.0 if title else 0.0,
            fuzz.token_sort_ratio(q.normal, title) / 100.0 if title else 0.0,
            (len(q.names.keys() & d.names.keys()) / len(d.names)) if d.names else 0.0,
        ]

    def match(self, text: str, limit: int) -> tuple[Match, ...]:
        settings = self.settings
        q = _query(text)
        hits = self.index.search(q.terms, limit=settings.candidates, budget=settings.budget)
        if not hits:
            return ()
        best = hits[0][1]
        q_mass = math.fsum(map(self.idf, q.term_set))
        scored = []
        for number, bm25 in hits:
            d = self.doc(number)
            values = self.features(q, d, bm25, best, q_mass)
            score = math.fsum(values[i] * w for i, w in self.weights) / self.total
            conflicts = _conflicts(q.amounts, d.amounts, settings)
            if conflicts:
                score *= settings.veto_factor
            scored.append((score, bm25, -number, d, values, conflicts))
        scored.sort(key=lambda item: (item[0], item[1], item[2]), reverse=True)
        out = []
        for score, bm25, _, d, values, conflicts in scored[:limit]:
            if score < settings.min_score or (conflicts and settings.veto_factor == 0):
                continue
            out.append(
                Match(
                    claim=d.claim,
                    score=round(score, 4),
                    bm25=round(bm25, 4),
                    features=tuple(
                        (name, round(v, 4)) for name, v in zip(FEATURES, values, strict=True)
                    ),
                    numbers=tuple(_shared_amounts(q.amounts, d.amounts, settings.tolerance))
                    or _shared_numbers(q, d),
                    names=tuple(d.names[t] for t in d.names if t in q.names and not t.isdigit()),
                    phrases=_phrases(q, d.claim),
                    conflicts=conflicts,
                )
            )
        return tuple(out)


def _shared_numbers(q: _Query, d: _Doc) -> tuple[str, ...]:
    found = _numbers(f"{d.claim.claim}\n{d.claim.title}")
    return tuple(surface for value, surface in found.items() if value in q.numbers)


_WORD = re.compile(r"\w+(?:['’]\w+)*")


@functools.lru_cache(maxsize=1 << 16)
def _word_term(word: str) -> str:
    found = terms(word)
    return found[0] if len(found) == 1 else ""


def _phrases(q: _Query, claim: CheckedClaim) -> tuple[str, ...]:
    """Return the runs of two or more content words the query also has in a row."""
    pairs = set(zip(q.terms, q.terms[1:], strict=False))
    out: list[str] = []
    for text in (claim.claim, claim.title):
        words = []
        for m in _WORD.finditer(text):
            term = _word_term(m.group())
            if term:
                words.append((term, m.start(), m.end()))
        run_start = run_end = -1
        run_len = 0
        for (a, start, _), (b, _, end) in itertools.pairwise(words):
            if (a, b) in pairs:
                if run_len == 0:
                    run_start = start
                run_end = end
                run_len += 1
            else:
                if run_len:
                    out.append(text[run_start:run_end])
                run_len = 0
        if run_len:
            out.append(text[run_start:run_end])
    # One of each: "single mothers" in the claim and "Single Mother" in the
    # title are one phrase; so is a phrase inside a longer one.
    kept: list[tuple[str, str]] = []
    for phrase in out:
        key = " ".join(terms(phrase))
        if not any(key in other for _, other in kept):
            kept = [(p, k) for p, k in kept if k not in key]
            kept.append((phrase, key))
    return tuple(p for p, _ in kept)


def _texts(
    claims: Analysis | str | Iterable[str],
) -> list[tuple[str, int | None, int | None, str | None]]:
    if isinstance(claims, Analysis):
        return [(claims.text[c.start : c.end], c.start, c.end, c.id) for c in claims.claims]
    if isinstance(claims, str):
        return [(claims, None, None, None)]
    return [(text, None, None, None) for text in claims]


def match_claims(
    claims: Analysis | str | Iterable[str],
    store: ClaimIndex | Iterable[CheckedClaim] | str | os.PathLike[str],
    *,
    limit: int | None = None,
    settings: MatchSettings | None = None,
) -> tuple[ClaimMatches, ...]:
    """Find, for each claim, the checked claims it most likely repeats.

    Args:
        claims: an analysis (its claims are matched), one claim's text, or
            several claims' texts.
        store: an open :class:`~attribution.store.ClaimIndex`, checked
            claims to index on the fly, or the path of a store or index file
            (see :func:`attribution.store.open_store`).
        limit: how many matches to report per claim (default
            ``settings.limit``).
        settings: thresholds and weights (default ``data/matching.toml``).

    Returns:
        One :class:`ClaimMatches` per claim, in input order; its matches are
        sorted best first. A claim with no candidate gets no matches.

    Raises:
        InputError: ``store`` is a path that cannot be read.
    """
    settings = settings or MatchSettings.default()
    limit = settings.limit if limit is None else limit
    if isinstance(store, ClaimIndex):
        return _match_all(claims, store, settings, limit)
    if isinstance(store, str | os.PathLike):
        with open_store(store) as index:
            return _match_all(claims, index, settings, limit)
    return _match_all(claims, ClaimIndex.build(store), settings, limit)


def _match_all(
    claims: Analysis | str | Iterable[str], index: ClaimIndex, settings: MatchSettings, limit: int
) -> tuple[ClaimMatches, ...]:
    matcher = _Matcher(index, settings)
    return tuple(
        ClaimMatches(
            text=text, matches=matcher.match(text, limit), start=start, end=end, claim_id=ident
        )
        for text, start, end, ident in _texts(claims)
    )
