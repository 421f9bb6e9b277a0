"""Score how well each claim is sourced, and sum the document up.

The rubric lives in ``data/scoring.toml`` and is explained, with the
journalism standards behind it, in ``docs/scoring.md``. In short, a claim is
as strong as the weakest hop of its chain:

- each hop is worth the base value of its best source's kind (a named person
  0.75, an anonymous source 0.38, "critics" 0.12, ...), plus what the text
  tells of an anonymous source (role, affiliation, seniority, count, how it
  knows, why it is unnamed), plus a little for each further independent
  source on the hop;
- the claim starts from the weakest hop, gains for a direct or mixed quotation
  and for an on-record medium ("in a statement", "posted on X"), loses for
  each hop past the first and each relay recorded on a source, for hedges
  ("reportedly") and for a loaded cue ("claimed");
- the grade follows from the value; a claim with no chain is the writer's own
  and grades ``unattributed``.

Every step is a :class:`~attribution.model.Reason` with a stable code and its
effect; the effects add up to the value (a final ``clamped`` reason keeps
that true at the bounds).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import asdict, frozen

from attribution._caches import text_cache
from attribution.errors import DataError
from attribution.lexicon import weights
from attribution.model import (
    Attribution,
    Claim,
    ClaimType,
    Grade,
    Hedge,
    Medium,
    Reason,
    Score,
    Source,
    SourceKind,
    Summary,
)
from attribution.sources import ANONYMOUS, DOCUMENT, UNKNOWN, VAGUE

# The members compared against and returned, read once (see the kinds in
# attribution.sources, which this module takes from there).
_DIRECT = ClaimType.DIRECT
_MIXED = ClaimType.MIXED
_STRONG = Grade.STRONG
_MODERATE = Grade.MODERATE
_WEAK = Grade.WEAK
_UNSUPPORTED = Grade.UNSUPPORTED


@frozen(kw_only=True)
class Rubric:
    """The weights of ``data/scoring.toml``, checked and typed."""

    grades: Mapping[str, float]
    base: Mapping[str, float]
    anonymous: Mapping[str, float]
    uninformative_roles: frozenset[str]
    corroboration: Mapping[str, float]
    quote: Mapping[str, float]
    on_record: float
    on_record_kinds: frozenset[str]
    extra_hop: float
    relay: float
    per_hedge: float
    max_hedges: float
    loaded_cue: float
    unattributed: float


def _section(data: Mapping[str, Any], name: str, keys: Sequence[str]) -> dict[str, float]:
    try:
        section = data[name]
        return {key: float(section[key]) for key in keys}
    except (KeyError, TypeError, ValueError) as err:
        msg = f"scoring.toml: section [{name}] needs numbers for {', '.join(keys)}: {err}"
        raise DataError(msg) from err


_BASE_KEYS = (
    "person_named", "person_unnamed", "organization", "organization_unnamed", "media",
    "media_unnamed", "document", "document_unnamed", "author", "anonymous", "vague", "other",
    "unknown", "no_source",
)  # fmt: skip
_ANON_KEYS = ("role", "affiliation", "seniority", "count", "knowledge", "reason")


@functools.cache
def rubric() -> Rubric:
    """Return the rubric of ``data/scoring.toml`` (read once)."""
    data = weights("scoring")
    anonymous = _section(data, "anonymous", _ANON_KEYS)
    medium = _section(data, "medium", ("on_record",))
    chain = _section(data, "chain", ("extra_hop", "relay"))
    hedges = _section(data, "hedges", ("per_hedge", "max", "loaded_cue"))
    return Rubric(
        grades=_section(data, "grades", ("strong", "moderate", "weak")),
        base=_section(data, "base", _BASE_KEYS),
        anonymous=anonymous,
        uninformative_roles=frozenset(data["anonymous"].get("uninformative_roles", ())),
        corroboration=_section(data, "corroboration", ("per_source", "max")),
        quote=_section(data, "quote", ("direct", "mixed", "indirect")),
        on_record=medium["on_record"],
        on_record_kinds=frozenset(data["medium"].get("kinds", ())),
        extra_hop=chain["extra_hop"],
        relay=chain["relay"],
        per_hedge=hedges["per_hedge"],
        max_hedges=hedges["max"],
        loaded_cue=hedges["loaded_cue"],
        unattributed=_section(data, "unattributed", ("value",))["value"],
    )


@functools.cache
def _round_stable_effects() -> frozenset[float]:
    """Return the rubric's weights and their negations that rounding to 4 places leaves as they are.

    Nearly every reason's effect is one of them (21 distinct effects over 100
    PolNeAR articles), and ``round(x, 4)`` goes through a decimal string:
    some 3,600 instructions a call.
    """
    # Every number of the rubric, whatever its section: one that is no
    # effect (a grade's threshold) costs a set entry and changes nothing.
    weights = [0.0]
    for value in asdict(rubric(), recurse=False).values():
        if isinstance(value, float):
            weights.append(value)
        elif isinstance(value, Mapping):
            weights.extend(value.values())
    return frozenset([w for x in weights for w in (x, -x) if round(w, 4) == w])


def _base_key(src: Source) -> str:
    """Return the rubric's base key of a source: "person_named", "media_unnamed", "vague"."""
    return _BASE_KEY_BY_KIND[id(src.kind), bool(src.named)]


def _base_key_of(kind: SourceKind, named: bool) -> str:
    if kind in (SourceKind.PERSON, SourceKind.ORGANIZATION, SourceKind.MEDIA, SourceKind.DOCUMENT):
        if kind is SourceKind.PERSON:
            return "person_named" if named else "person_unnamed"
        return str(kind.value) if named else f"{kind.value}_unnamed"
    return str(kind.value)


# Every base key, made once: reading an enum member's value is a Python-level call.
# Keyed by the member's id, as hashing an enum member calls a Python method.
_BASE_KEY_BY_KIND = {
    (id(kind), named): _base_key_of(kind, named) for kind in SourceKind for named in (False, True)
}


@functools.cache
def _code(key: str) -> str:
    """Return the reason code for a base key: "person_named" -> "named-person" (made once)."""
    if key.endswith("_named"):
        return "named-" + key.removesuffix("_named")
    if key.endswith("_unnamed"):
        return "unnamed-" + key.removesuffix("_unnamed")
    if key in ("organization", "media", "document"):
        return "named-" + key
    return key.replace("_", "-")


def source_strength(src: Source, text: str = "") -> tuple[float, list[Reason]]:
    """Return what one source is worth, and the reasons.

    >>> from attribution.model import Source, SourceKind
    >>> source_strength(Source(start=0, end=5, kind=SourceKind.PERSON, named=True))[0]
    0.75
    """
    r = rubric()
    key = _base_key(src)
    label = repr(text[src.start : src.end]) if text else f"[{src.start}, {src.end})"
    reasons = [Reason(code=_code(key), effect=r.base[key], detail=label)]
    desc = src.descriptors
    if src.kind is ANONYMOUS and desc is not None:
        a = r.anonymous
        if desc.role and desc.role not in r.uninformative_roles:
            reasons.append(Reason(code="anonymous-role", effect=a["role"], detail=desc.role))
        if desc.affiliation:
            reasons.append(
                Reason(
                    code="anonymous-affiliation", effect=a["affiliation"], detail=desc.affiliation
                )
            )
        if desc.seniority:
            reasons.append(
                Reason(code="anonymous-seniority", effect=a["seniority"], detail=desc.seniority)
            )
        if desc.count is not None and desc.count > 1:
            reasons.append(
                Reason(code="anonymous-count", effect=a["count"], detail=str(desc.count))
            )
        if desc.knowledge is not None:
            detail = text[desc.knowledge.start : desc.knowledge.end] if text else ""
            reasons.append(Reason(code="anonymous-knowledge", effect=a["knowledge"], detail=detail))
        if desc.reason is not None:
            detail = text[desc.reason.start : desc.reason.end] if text else ""
            reasons.append(Reason(code="anonymity-explained", effect=a["reason"], detail=detail))
    return math.fsum([x.effect for x in reasons]), reasons


def hop_strength(hop: Attribution, text: str = "") -> tuple[float, list[Reason]]:
    """Return what one hop is worth: its best source, plus corroborating sources."""
    r = rubric()
    if not hop.sources:
        cue = repr(text[hop.cue.start : hop.cue.end]) if text else hop.cue.lemma
        return r.base["no_source"], [
            Reason(code="no-source", effect=r.base["no_source"], detail=f"no source for {cue}")
        ]
    sources = hop.sources
    value, reasons = source_strength(sources[0], text)
    if len(sources) == 1:  # most hops
        return value, reasons
    for src in sources[1:]:
        other = source_strength(src, text)
        if other[0] > value:  # the first of the best sources
            value, reasons = other
    reasons = list(reasons)
    distinct = {src.entity or f"{src.start}:{src.end}" for src in sources
                if src.kind is not UNKNOWN and src.kind is not VAGUE}  # fmt: skip
    if len(distinct) > 1:
        c = r.corroboration
        bonus = min(c["max"], c["per_source"] * (len(distinct) - 1))
        reasons.append(Reason(code="corroborated", effect=bonus, detail=f"{len(distinct)} sources"))
        value += bonus
    return value, reasons


def _relays(chain: Sequence[str], by_id: Mapping[str, Attribution]) -> list[str]:
    """Return the relay hops recorded on the chain's sources, not in the chain, in order."""
    out: list[str] = []
    for hop_id in chain:
        hop = by_id.get(hop_id)
        if hop is None:
            continue
        for src in hop.sources:
            for relay in src.relayed_by:
                if relay not in chain and relay not in out and relay in by_id:
                    out.append(relay)
    return out


def _any_relay(attributions: Iterable[Attribution]) -> bool:
    """Return whether some source of the relations records a relay (most documents have none)."""
    return any([src.relayed_by for rel in attributions for src in rel.sources])


def _grade(value: float) -> Grade:
    g = rubric().grades
    if value >= g["strong"]:
        return _STRONG
    if value >= g["moderate"]:
        return _MODERATE
    if value >= g["weak"]:
        return _WEAK
    return _UNSUPPORTED


def score_claim(
    claim: Claim,
    by_id: Mapping[str, Attribution],
    text: str = "",
) -> Score:
    """Return the sourcing strength of one claim.

    Args:
        claim: the claim, with its chain (and hedges, if found).
        by_id: every relation of the analysis by id.
        text: the analyzed text, for readable reason details.
    """
    return _score(claim.chain, claim.type, claim.hedges, by_id, text, None)


def _score(
    claim_chain: Sequence[str],
    claim_type: ClaimType,
    hedges: Sequence[Hedge],
    by_id: Mapping[str, Attribution],
    text: str,
    hops: dict[str, tuple[float, list[Reason]]] | None,
) -> Score:
    """Return the score of a claim with this chain, type and hedges (see :func:`score_claim`)."""
    chain = [h for h in claim_chain if h in by_id]
    if not chain:
        return _unattributed()
    r = rubric()
    relays = _relays(chain, by_id)
    path = [by_id[h] for h in chain]
    if relays:
        path += [by_id[h] for h in relays]
    # The weakest hop (the first of the weakest), and what it is worth.
    weakest = path[0]
    value, reasons = _hop_strength(weakest, text, hops)
    for hop in path[1:]:
        strength = _hop_strength(hop, text, hops)
        if strength[0] < value:
            weakest = hop
            value, reasons = strength
    reasons = list(reasons)
    if len(path) > 1:
        cue = text[weakest.cue.start : weakest.cue.end] if text else weakest.cue.lemma
        reasons.append(Reason(code="weakest-hop", effect=0.0, detail=f"{weakest.id} ({cue})"))
    if claim_type is _DIRECT:
        reasons.append(Reason(code="direct-quote", effect=r.quote["direct"]))
    elif claim_type is _MIXED:
        reasons.append(Reason(code="mixed-quote", effect=r.quote["mixed"]))
    medium = _on_record_medium(path[0].sources)
    if medium is not None and medium.kind in r.on_record_kinds:
        detail = medium.kind + (f" ({medium.channel})" if medium.channel else "")
        reasons.append(Reason(code="on-record-medium", effect=r.on_record, detail=detail))
    if len(chain) > 1:
        reasons.append(Reason(code="extra-hop", effect=-r.extra_hop * (len(chain) - 1),
                              detail=f"{len(chain)} hops"))  # fmt: skip
    if relays:
        reasons.append(Reason(code="relayed", effect=-r.relay * len(relays),
                              detail=", ".join(relays)))  # fmt: skip
    if hedges:
        cost = min(r.max_hedges, r.per_hedge * len(hedges))
        detail = ", ".join([h.phrase for h in hedges])
        reasons.append(Reason(code="hedged", effect=-cost, detail=detail))
    for hop in path[: len(chain)]:
        if hop.cue.stance == "loaded":  # the first loaded cue of the chain
            reasons.append(Reason(code="loaded-cue", effect=-r.loaded_cue, detail=hop.cue.lemma))
            break
    value, clamped, grade = _total(tuple([x.effect for x in reasons]))
    if clamped:
        reasons.append(Reason(code="clamped", effect=clamped))
    stable = _round_stable_effects()
    rounded = tuple([x if x.effect in stable else _rounded(x) for x in reasons])
    return Score(value=value, grade=grade, reasons=rounded)


@text_cache()
def _total(effects: tuple[float, ...]) -> tuple[float, float, Grade]:
    """Return the value of reasons with these effects, what clamping it added, and its grade.

    Kept by the effects (a cache :func:`~attribution.pipeline.clear_caches`
    empties): the claims of 100 PolNeAR articles make 111 distinct sums of
    the rubric's weights in 1,369 scores, and ``round(x, 4)`` alone goes
    through a decimal string.
    """
    raw = math.fsum(effects)
    clamped = min(1.0, max(0.0, raw))
    value = round(clamped, 4)
    return value, clamped - raw, _grade(value)


def _hop_strength(
    hop: Attribution, text: str, known: dict[str, tuple[float, list[Reason]]] | None
) -> tuple[float, list[Reason]]:
    """Return :func:`hop_strength`, kept in ``known`` by hop id if given (reasons shared)."""
    if known is None:
        return hop_strength(hop, text)
    found = known.get(hop.id)
    if found is None:
        found = known[hop.id] = hop_strength(hop, text)
    return found


def _on_record_medium(sources: Sequence[Source]) -> Medium | None:
    """Return the first medium of the innermost hop's sources, if they speak on the record.

    On the record: some source is named or a document, and none is anonymous.
    """
    medium = None
    on_record = False
    for src in sources:
        if src.kind is ANONYMOUS:
            return None
        if medium is None:
            medium = src.medium
        on_record = on_record or src.named or src.kind is DOCUMENT
    return medium if on_record else None


@functools.cache
def _unattributed() -> Score:
    """Return the score of every claim with no chain: the writer's own (made once)."""
    value = rubric().unattributed
    reason = Reason(code="unattributed", effect=value, detail="the writer's own assertion")
    return Score(value=value, grade=Grade.UNATTRIBUTED, reasons=(reason,))


def _rounded(reason: Reason) -> Reason:
    """Return the reason with its effect rounded to 4 places (the same object if it already is)."""
    effect = round(reason.effect, 4)
    if effect == reason.effect:
        return reason
    return Reason(code=reason.code, effect=effect, detail=reason.detail)


def score_claims(
    text: str, claims: Sequence[Claim], attributions: Sequence[Attribution]
) -> tuple[Claim, ...]:
    """Return the claims, each with its :class:`~attribution.model.Score`."""
    claims = tuple(claims)  # read three times below: a generator must not run dry
    scores = claim_scores(
        text, [(c.chain, c.type) for c in claims], [c.hedges for c in claims], attributions
    )
    return tuple([_scored(claim, score) for claim, score in zip(claims, scores, strict=True)])


def claim_scores(
    text: str,
    claims: Sequence[tuple[tuple[str, ...], ClaimType]],
    hedges: Sequence[tuple[Hedge, ...]],
    attributions: Sequence[Attribution],
) -> list[Score]:
    """Return the score of each claim, given as its chain and type, with its hedges."""
    by_id = {a.id: a for a in attributions}
    hops: dict[str, tuple[float, list[Reason]]] = {}  # a hop may carry several claims
    # A claim's score depends only on its chain, type and hedges, which the
    # claims of a long quotation (one per sentence) share: each is scored once.
    # The type is keyed by its id, as hashing an enum member calls a Python method.
    scores: dict[tuple[tuple[str, ...], int, tuple[Hedge, ...]], Score] = {}
    unattributed = _unattributed()  # the writer's own claims, about half of them
    out = []
    for (chain, kind), found in zip(claims, hedges, strict=True):
        if not chain:
            out.append(unattributed)
            continue
        key = (chain, id(kind), found)
        score = scores.get(key)
        if score is None:
            score = scores[key] = _score(chain, kind, found, by_id, text, hops)
        out.append(score)
    return out


def _scored(claim: Claim, score: Score) -> Claim:
    """Return a copy of the claim with its score.

    Built field by field, as ``attrs.evolve`` costs twice as much.
    ``tests/test_scoring.py`` checks that every field of
    :class:`~attribution.model.Claim` is carried over.
    """
    return Claim(
        id=claim.id,
        start=claim.start,
        end=claim.end,
        type=claim.type,
        spans=claim.spans,
        chain=claim.chain,
        sentence=claim.sentence,
        hedges=claim.hedges,
        score=score,
    )


def rests_on_unnamed(claim: Claim, by_id: Mapping[str, Attribution]) -> bool:
    """Return whether everything a reader learns of the claim passes through unnamed sources.

    True when some hop of the chain (or a relay of it) has no source at all,
    or only anonymous and vague ones.
    """
    chain = [h for h in claim.chain if h in by_id]
    return any([_unnamed(by_id[hop_id]) for hop_id in chain + _relays(chain, by_id)])


def _unnamed(hop: Attribution) -> bool:
    """Return whether the hop has no source, or only anonymous and vague ones."""
    for src in hop.sources:  # noqa: SIM110 -- all() over a list or generator costs more
        if src.kind is not ANONYMOUS and src.kind is not VAGUE:
            return False
    return True


# What the summary counts, in its fixed order, with the names it gives them
# (read once: an enum's ``value`` is a Python-level property).
_GRADES = tuple([(grade, grade.value) for grade in Grade])
_KINDS = tuple([(kind, kind.value) for kind in SourceKind])


def summarize(claims: Sequence[Claim], attributions: Sequence[Attribution]) -> Summary:
    """Return the document's summary: claims by grade, sources by kind, and more.

    A claim counts as resting on unnamed sources as :func:`rests_on_unnamed`
    tells; a hop id given twice stands for its last relation, as everywhere.
    """
    # Counted with list.count, which compares members by identity at C speed
    # (an enum member is hashed by a Python method).
    grades = [c.score.grade for c in claims if c.score is not None]
    kinds = [src.kind for rel in attributions for src in rel.sources]
    attributed = [c for c in claims if c.chain]
    by_id = {a.id: a for a in attributions}
    # Each hop is read once, not once per claim on it.
    unnamed_hops = frozenset([hop_id for hop_id, rel in by_id.items() if _unnamed(rel)])
    relayed = _any_relay(by_id.values())
    unnamed = 0
    longest = 0  # hops and relays of the longest chain (a claim without one has none)
    for claim in attributed:
        hop_ids = claim.chain
        if relayed:  # rare: most documents record no relay
            hop_ids += tuple(_relays([h for h in hop_ids if h in by_id], by_id))
        if not unnamed_hops.isdisjoint(hop_ids):
            unnamed += 1
        longest = max(longest, len(hop_ids))
    values = [c.score.value for c in attributed if c.score is not None]
    return Summary(
        claims=len(claims),
        claims_by_grade=tuple([(name, grades.count(grade)) for grade, name in _GRADES]),
        sources_by_kind=tuple([(name, kinds.count(kind)) for kind, name in _KINDS]),
        anonymous_or_vague_only=round(unnamed / len(attributed), 4) if attributed else 0.0,
        longest_chain=longest,
        mean_score=round(math.fsum(values) / len(values), 4) if values else None,
    )
