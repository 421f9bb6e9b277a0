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

# Relations more than this many places apart in cue order never nest: it
# bounds the search, keeping linking linear in the number of relations.
_WINDOW = 24


def link(attributions: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """Return the relations with ``parent`` set to the tightest relation that holds each cue.

    The relations must be sorted by cue offset, as
    :func:`attribution.attributions.find_attributions` returns them.
    """
    out = []
    n = len(attributions)
    # Every content piece as (start, end, index of its relation), in relation
    # order; the pieces of relations [i, j) are pieces[first[i] : first[j]].
    pieces: list[tuple[int, int, int]] = []
    first = []
    for j, rel in enumerate(attributions):
        first.append(len(pieces))
        pieces.extend([(span.start, span.end, j) for span in rel.content])
    first.append(len(pieces))
    for i, rel in enumerate(attributions):
        cue_start, cue_end = rel.cue.start, rel.cue.end
        best: tuple[int, int] | None = None  # (size, index)
        for start, end, j in pieces[first[max(0, i - _WINDOW)] : first[min(n, i + _WINDOW)]]:
            if start <= cue_start and cue_end <= end and j != i:
                size = end - start
                if best is None or size < best[0]:
                    best = (size, j)
        parent = attributions[best[1]].id if best else None
        out.append(rel if rel.parent == parent else attrs.evolve(rel, parent=parent))
    return _break_cycles(out)


def _break_cycles(attributions: list[Attribution]) -> tuple[Attribution, ...]:
    """Drop the parent links that close a cycle (two contents holding each other's cue).

    Each relation is visited once: a walk up the parents stops at a relation
    already settled, so the whole pass is linear.
    """
    by_id = {a.id: a for a in attributions}
    settled: dict[str, bool] = {}  # id -> whether its parent link is kept
    for rel in attributions:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = rel.id
        while node is not None and node not in settled and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = by_id[node].parent
        # A walk that came back onto itself found a cycle: the links inside it
        # go; the relations that led into it keep theirs.
        loop = path.index(node) if node is not None and node in on_path else len(path)
        for k, hop in enumerate(path):
            settled[hop] = k < loop
    return tuple(rel if settled[rel.id] else attrs.evolve(rel, parent=None) for rel in attributions)


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
