"""Link nested attribution relations into chains.

A relation relays another when the other's cue lies inside its content: in
"Trump told Zelenskyy that C, Axios reported", Axios's report holds Trump's
"told", so the "told" hop's ``parent`` is the report. A claim's chain is then
its innermost hop followed by each parent in turn.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import attrs

from attribution.model import Attribution

# Relations more than this many places apart in cue order never nest: it
# bounds the search, keeping linking linear in the number of relations.
_WINDOW = 24


def link(attributions: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """Return the relations with ``parent`` set to the tightest relation that holds each cue.

    The relations must be sorted by cue offset and have distinct ids, as
    :func:`attribution.attributions.find_attributions` returns them. Each
    content piece looks up the few cues it holds by binary search among the
    cue offsets, and each relation is copied at most once.
    """
    n = len(attributions)
    cue_starts = [rel.cue.start for rel in attributions]
    # For each relation, (size, index) of the smallest content piece of
    # another relation that holds its cue; on a tie, the first piece in
    # relation order.
    best: list[tuple[int, int] | None] = [None] * n
    for j, rel in enumerate(attributions):
        # The relations whose window holds relation j: i - _WINDOW <= j < i + _WINDOW.
        lo, hi = max(0, j - _WINDOW + 1), min(n, j + _WINDOW + 1)
        for span in rel.content:
            start, end = span.start, span.end
            first = bisect.bisect_left(cue_starts, start, lo, hi)
            for i in range(first, bisect.bisect_right(cue_starts, end, first, hi)):
                if i != j and attributions[i].cue.end <= end:
                    found = best[i]
                    if found is None or end - start < found[0]:
                        best[i] = (end - start, j)
    parents = {
        rel.id: attributions[found[1]].id if found else None
        for rel, found in zip(attributions, best, strict=True)
    }
    _break_cycles(parents)
    return tuple(
        [
            rel if rel.parent == parents[rel.id] else attrs.evolve(rel, parent=parents[rel.id])
            for rel in attributions
        ]
    )


def _break_cycles(parents: dict[str, str | None]) -> None:
    """Drop the parent links that close a cycle (two contents holding each other's cue).

    ``parents`` maps each relation id to its parent's; the links that close
    a cycle are set to ``None`` in place. Each relation is visited once: a
    walk up the parents stops at a relation already settled, so the whole
    pass is linear.
    """
    settled: dict[str, bool] = {}  # id -> whether its parent link is kept
    for rel_id in parents:
        if parents[rel_id] is None:
            settled[rel_id] = True  # most relations: no parent, no cycle
            continue
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = rel_id
        while node is not None and node not in settled and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parents[node]
        # A walk that came back onto itself found a cycle: the links inside it
        # go; the relations that led into it keep theirs.
        loop = path.index(node) if node is not None and node in on_path else len(path)
        for k, hop in enumerate(path):
            settled[hop] = k < loop
    for rel_id, kept in settled.items():
        if not kept:
            parents[rel_id] = None


# No real chain of reporting is this deep; text that nests deeper ("said said
# said ...") is cut here, so following a chain costs a bounded time.
MAX_HOPS = 16


def chain(attribution_id: str, by_id: Mapping[str, Attribution]) -> tuple[str, ...]:
    """Return the ids of the hops from ``attribution_id`` outwards, innermost first.

    At most :data:`MAX_HOPS` hops are returned.
    """
    out = [attribution_id]
    parent = by_id[attribution_id].parent
    while parent is not None and len(out) < MAX_HOPS:
        out.append(parent)
        parent = by_id[parent].parent
    return tuple(out)
