"""Render analyses: the versioned JSON wire format and a readable text report.

The JSON schema is documented in ``docs/schema.md``; bump
:data:`SCHEMA_VERSION` on any change that is not a pure addition.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attribution.model import Analysis, Attribution, Claim, Span

SCHEMA_VERSION = 1


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


def attribution_dict(text: str, rel: Attribution) -> dict[str, Any]:
    """Return the wire form of one attribution relation."""
    source = None
    if rel.source is not None:
        source = _span(text, rel.source.start, rel.source.end)
        source["sources"] = [_span(text, s.start, s.end) for s in rel.sources]
    cue = _span(text, rel.cue.start, rel.cue.end)
    cue["lemma"] = rel.cue.lemma
    cue["kind"] = rel.cue.kind
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
        "problems": [
            {"code": p.code, "message": p.message, "start": p.start, "end": p.end}
            for p in analysis.problems
        ],
    }


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _short(value: str, limit: int = 90) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def to_text(analysis: Analysis, name: str = "<stdin>") -> str:
    """Return a readable report of the claims and their chains."""
    text = analysis.text
    by_id = {a.id: a for a in analysis.attributions}
    lines = [
        f"{name}: {len(analysis.sentences)} sentences, {len(analysis.attributions)} "
        f"attributions, {len(analysis.claims)} claims"
    ]
    for claim in analysis.claims:
        line, col = _line_col(text, claim.start)
        lines.append(
            f"{name}:{line}:{col}: [{claim.type.value}] {_short(text[claim.start : claim.end])!r}"
        )
        for hop_id in claim.chain:
            hop = by_id[hop_id]
            who = _short(hop.source.of(text), 60) if hop.source else "(no source)"
            lines.append(f"    <- {who} ({text[hop.cue.start : hop.cue.end]})")
    for problem in analysis.problems:
        line, col = _line_col(text, problem.start)
        lines.append(f"{name}:{line}:{col}: {problem.code}: {problem.message}")
    return "\n".join(lines) + "\n"
