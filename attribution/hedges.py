"""Find hedges in claims and around cues, and give every cue its stance.

A *hedge* is a word or phrase by which the writer holds a claim at arm's
length: "reportedly", "allegedly", "is said to", "it is understood"
(``data/hedges.txt``, after Wikipedia's "words to watch" and the AP
Stylebook's "allege"). A claim's hedges are those inside its spans and those
in the few words around the cue of its innermost hop ("Trump reportedly told
Zelenskyy ...").

A cue's *stance* comes from the cue lexicon (``data/cue_lemmas.tsv``):
``neutral`` ("said", "told", "wrote") or ``loaded`` ("claimed", "admitted",
"insisted", "revealed"), as the AP Stylebook and Wikipedia's MOS:SAID draw
the line.

One regular expression finds every hedge in the text in a single pass; each
claim then takes the hedges that fall in its spans by binary search, so the
stage is linear in the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping, Sequence

import attrs

from attribution.cues import lexicon
from attribution.lexicon import word_list
from attribution.model import Attribution, Claim, Cue, Hedge

# Characters around the cue searched for a hedge: "reportedly told", "is said to have".
CUE_WINDOW = 30


@functools.cache
def _pattern() -> re.Pattern[str]:
    """Return one case-insensitive pattern matching every hedge, longest first.

    Matches "reportedly", "is said to" and "it is understood" as whole words:
    ``\\b(?:according\\ to\\ reports|...|reportedly)\\b``.
    """
    phrases = sorted(word_list("hedges"), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


def find_hedges(text: str) -> tuple[Hedge, ...]:
    """Return every hedge in ``text``, in order.

    >>> [h.phrase for h in find_hedges("He reportedly said it is believed to work.")]
    ['reportedly', 'is believed to']
    """
    return tuple(
        Hedge(start=m.start(), end=m.end(), phrase=" ".join(m.group().lower().split()))
        for m in _pattern().finditer(text)
    )


@functools.cache
def _stances() -> dict[str, str]:
    """Return the stance of each cue lemma."""
    out: dict[str, str] = {}
    for word in lexicon().values():
        out.setdefault(word.lemma, word.stance)
    return out


def stance(cue: Cue, text: str) -> str:
    """Return the stance of a cue: ``loaded`` or ``neutral``.

    The head word of the cue is looked up first ("has flatly denied" ->
    "denied"), then its lemma.
    """
    lex = lexicon()
    for word in reversed(text[cue.start : cue.end].lower().split()):
        info = lex.get(word.strip(".,;:"))
        if info is not None:
            return info.stance
    return _stances().get(cue.lemma, "neutral")


def _in(hedges: Sequence[Hedge], starts: Sequence[int], lo: int, hi: int) -> list[Hedge]:
    k = bisect.bisect_left(starts, lo)
    out = []
    while k < len(hedges) and hedges[k].start < hi:
        if hedges[k].end <= hi:
            out.append(hedges[k])
        k += 1
    return out


def add_hedges(
    text: str,
    claims: Sequence[Claim],
    attributions: Sequence[Attribution],
) -> tuple[tuple[Claim, ...], tuple[Attribution, ...]]:
    """Return the claims with their hedges and the relations with each cue's stance."""
    rels = tuple(
        attrs.evolve(rel, cue=attrs.evolve(rel.cue, stance=stance(rel.cue, text)))
        for rel in attributions
    )
    hedges = find_hedges(text)
    if not hedges:
        return tuple(claims), rels
    starts = [h.start for h in hedges]
    by_id: Mapping[str, Attribution] = {a.id: a for a in rels}
    out = []
    for claim in claims:
        found: dict[int, Hedge] = {}
        for span in claim.spans:
            for h in _in(hedges, starts, span.start, span.end):
                found[h.start] = h
        if claim.chain and claim.chain[0] in by_id:
            cue = by_id[claim.chain[0]].cue
            for h in _in(hedges, starts, cue.start - CUE_WINDOW, cue.end + CUE_WINDOW):
                found.setdefault(h.start, h)
        if found:
            claim = attrs.evolve(claim, hedges=tuple(found[k] for k in sorted(found)))
        out.append(claim)
    return tuple(out), rels
