"""Render analyses: the versioned JSON wire format and a readable text report.

The JSON schema is documented in ``docs/schema.md`` (sources, entities and
scores in ``docs/sources.md`` and ``docs/scoring.md``); bump
:data:`SCHEMA_VERSION` on any change that is not a pure addition.

Version 2 added, to each source, ``kind``, ``named``, ``entity``,
``descriptors``, ``medium`` and ``relayed_by``; to each cue, ``stance``; to
each claim, ``hedges`` and ``score``; to the document, ``entities`` and
``summary``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attribution._lines import Lines
from attribution.model import (
    Analysis,
    Attribution,
    Claim,
    Descriptors,
    Entity,
    Medium,
    Source,
    Span,
    Summary,
)

SCHEMA_VERSION = 2


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


def _content(text: str, spans: Sequence[Span]) -> dict[str, Any]:
    if len(spans) == 1:
        return _span(text, spans[0].start, spans[0].end)
    return {
        "text": " … ".join(text[s.start : s.end] for s in spans),
        "start": spans[0].start,
        "end": spans[-1].end,
        "spans": [[s.start, s.end] for s in spans],
    }


def _optional_span(text: str, span: Span | None) -> dict[str, Any] | None:
    return None if span is None else _span(text, span.start, span.end)


def descriptors_dict(text: str, desc: Descriptors | None) -> dict[str, Any] | None:
    """Return the wire form of an unnamed source's descriptors."""
    if desc is None:
        return None
    return {
        "role": desc.role,
        "affiliation": desc.affiliation,
        "count": desc.count,
        "plural": desc.plural,
        "seniority": desc.seniority,
        "knowledge": _optional_span(text, desc.knowledge),
        "reason_given": desc.reason_given,
        "reason": _optional_span(text, desc.reason),
    }


def medium_dict(text: str, medium: Medium | None) -> dict[str, Any] | None:
    """Return the wire form of a hop's medium."""
    if medium is None:
        return None
    out = _span(text, medium.start, medium.end)
    out["kind"] = medium.kind
    out["channel"] = medium.channel
    return out


def source_dict(text: str, src: Source) -> dict[str, Any]:
    """Return the wire form of one source of a hop."""
    out = _span(text, src.start, src.end)
    out.update(
        kind=src.kind.value,
        named=src.named,
        entity=src.entity,
        descriptors=descriptors_dict(text, src.descriptors),
        medium=medium_dict(text, src.medium),
        relayed_by=list(src.relayed_by),
    )
    return out


def attribution_dict(text: str, rel: Attribution) -> dict[str, Any]:
    """Return the wire form of one attribution relation.

    The ``source`` object holds the whole source span and, under
    ``"sources"``, each source with its description. When the hop has one
    source, the description is repeated on the ``source`` object itself;
    with several, ``kind``, ``entity`` and ``descriptors`` are null there and
    ``named`` tells whether any of them is named.
    """
    source = None
    if rel.source is not None:
        source = _span(text, rel.source.start, rel.source.end)
        parts = [source_dict(text, s) for s in rel.sources]
        if len(parts) == 1:
            first = parts[0]
            for key in ("kind", "named", "entity", "descriptors", "medium", "relayed_by"):
                source[key] = first[key]
        else:
            source.update(
                kind=None,
                named=any(p["named"] for p in parts),
                entity=None,
                descriptors=None,
                medium=parts[0]["medium"] if parts else None,
                relayed_by=sorted({h for p in parts for h in p["relayed_by"]}),
            )
        source["sources"] = parts
    cue = _span(text, rel.cue.start, rel.cue.end)
    cue["lemma"] = rel.cue.lemma
    cue["kind"] = rel.cue.kind
    cue["stance"] = rel.cue.stance
    return {
        "id": rel.id,
        "type": rel.type.value,
        "form": rel.form,
        "source": source,
        "cue": cue,
        "content": _content(text, rel.content),
        "parent": rel.parent,
    }


def claim_dict(text: str, claim: Claim) -> dict[str, Any]:
    """Return the wire form of one claim."""
    return {
        "id": claim.id,
        "text": text[claim.start : claim.end],
        "start": claim.start,
        "end": claim.end,
        "type": claim.type.value,
        "chain": list(claim.chain),
        "sentence": claim.sentence,
        "hedges": [
            {"text": text[h.start : h.end], "start": h.start, "end": h.end, "phrase": h.phrase}
            for h in claim.hedges
        ],
        "score": None
        if claim.score is None
        else {
            "value": claim.score.value,
            "grade": claim.score.grade.value,
            "reasons": [
                {"code": r.code, "effect": r.effect, "detail": r.detail}
                for r in claim.score.reasons
            ],
        },
    }


def entity_dict(text: str, entity: Entity) -> dict[str, Any]:
    """Return the wire form of one document-level entity."""
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind.value,
        "named": entity.named,
        "plural": entity.plural,
        "members": list(entity.members),
        "mentions": [
            {"text": text[m.start : m.end], "start": m.start, "end": m.end, "form": m.form.value}
            for m in entity.mentions
        ],
    }


def summary_dict(summary: Summary | None) -> dict[str, Any] | None:
    """Return the wire form of the document summary."""
    if summary is None:
        return None
    return {
        "claims": summary.claims,
        "claims_by_grade": dict(summary.claims_by_grade),
        "sources_by_kind": dict(summary.sources_by_kind),
        "anonymous_or_vague_only": summary.anonymous_or_vague_only,
        "longest_chain": summary.longest_chain,
        "mean_score": summary.mean_score,
    }


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """Return the versioned JSON-ready form of an analysis."""
    text = analysis.text
    return {
        "version": SCHEMA_VERSION,
        "id": analysis.id,
        "length": len(text),
        "paragraphs": [{"start": p.start, "end": p.end} for p in analysis.paragraphs],
        "sentences": [
            {"start": s.start, "end": s.end, "paragraph": s.paragraph, "kind": s.kind.value}
            for s in analysis.sentences
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "kind": q.kind.value,
                "closed": q.closed,
                "depth": q.depth,
                "group": q.group,
            }
            for q in analysis.quotes
        ],
        "attributions": [attribution_dict(text, a) for a in analysis.attributions],
        "claims": [claim_dict(text, c) for c in analysis.claims],
        "entities": [entity_dict(text, e) for e in analysis.entities],
        "summary": summary_dict(analysis.summary),
        "problems": [
            {"code": p.code, "message": p.message, "start": p.start, "end": p.end}
            for p in analysis.problems
        ],
    }


def shorten(value: str, limit: int = 90) -> str:
    """Return ``value`` with its spaces collapsed, cut to ``limit`` characters with "…"."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def to_text(analysis: Analysis, name: str = "<stdin>", *, original: str | None = None) -> str:
    """Return a readable report of the claims, their chains, grades and source kinds.

    ``original`` is the text as read when markup was blanked out of the
    analyzed one (:func:`attribution.markup.mask`): its line breaks number
    the lines, as an editor shows them.
    """
    text = analysis.text
    positions = Lines(text if original is None else original)
    by_id = {a.id: a for a in analysis.attributions}
    lines = [
        f"{name}: {len(analysis.sentences)} sentences, {len(analysis.attributions)} "
        f"attributions, {len(analysis.claims)} claims"
    ]
    for claim in analysis.claims:
        line, col = positions.position(claim.start)
        grade = ""
        if claim.score is not None:
            grade = f" {claim.score.grade.value} {claim.score.value:.2f}"
        lines.append(
            f"{name}:{line}:{col}: [{claim.type.value}]{grade} "
            f"{shorten(text[claim.start : claim.end])!r}"
        )
        for hop_id in claim.chain:
            hop = by_id[hop_id]
            who = shorten(hop.source.of(text), 60) if hop.source else "(no source)"
            kinds = "/".join(dict.fromkeys(s.kind.value for s in hop.sources)) or "none"
            relays = sorted({r for s in hop.sources for r in s.relayed_by})
            via = f", relayed by {', '.join(relays)}" if relays else ""
            lines.append(f"    <- {who} ({text[hop.cue.start : hop.cue.end]}) [{kinds}{via}]")
        if claim.hedges:
            hedges = ", ".join(repr(text[h.start : h.end]) for h in claim.hedges)
            lines.append(f"    hedged: {hedges}")
    summary = analysis.summary
    if summary is not None and summary.claims:
        grades = ", ".join(f"{n} {g}" for g, n in summary.claims_by_grade if n)
        lines.append(f"{name}: claims: {grades}")
        kinds = ", ".join(f"{n} {k}" for k, n in summary.sources_by_kind if n)
        if kinds:
            lines.append(
                f"{name}: sources: {kinds}; {summary.anonymous_or_vague_only:.0%} of attributed "
                f"claims rest only on anonymous or vague sources; longest chain "
                f"{summary.longest_chain}"
            )
    for problem in analysis.problems:
        line, col = positions.position(problem.start)
        lines.append(f"{name}:{line}:{col}: {problem.code}: {problem.message}")
    return "\n".join(lines) + "\n"
