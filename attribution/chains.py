"""Link nested attribution relations into chains.

A relation relays another when the other's cue lies inside its content: in
"Trump told Zelenskyy that C, Axios reported", Axios's report holds Trump's
"told", so the "told" hop's ``parent`` is the report. A claim's chain is then
its innermost hop followed by each parent in turn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from attribution.model import Attribution

# Relations further apart than this many sentences never nest: it bounds the
# search, keeping linking linear in the number of relations.
_WINDOW = 24


def link(attributions: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """Return the relations with ``parent`` set to the tightest relation that holds each cue.

    The relations must be sorted by cue offset, as
    :func:`attribution.attributions.find_attributions` returns them.
    """
    out = []
    n = len(attributions)
    for i, rel in enumerate(attributions):
        best: tuple[int, str] | None = None
        for j in range(max(0, i - _WINDOW), min(n, i + _WINDOW)):
            other = attributions[j]
            if j == i:
                continue
            for span in other.content:
                if span.start <= rel.cue.start and rel.cue.end <= span.end:
                    size = span.end - span.start
                    if best is None or size < best[0]:
                        best = (size, other.id)
        out.append(attrs.evolve(rel, parent=best[1] if best else None))
    return _break_cycles(out)


def _break_cycles(attributions: list[Attribution]) -> tuple[Attribution, ...]:
    """Drop the parent link that closes a cycle (two contents holding each other's cue)."""
    by_id = {a.id: a for a in attributions}
    out = []
    for rel in attributions:
        seen = {rel.id}
        parent = rel.parent
        while parent is not None and parent not in seen:
            seen.add(parent)
            parent = by_id[parent].parent
        out.append(attrs.evolve(rel, parent=None) if parent is not None else rel)
    return tuple(out)


def chain(attribution_id: str, by_id: Mapping[str, Attribution]) -> tuple[str, ...]:
    """Return the ids of the hops from ``attribution_id`` outwards, innermost first."""
    out = [attribution_id]
    parent = by_id[attribution_id].parent
    while parent is not None and parent not in out:
        out.append(parent)
        parent = by_id[parent].parent
    return tuple(out)
