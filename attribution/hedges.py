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

Every hedge in the text is found in a single pass over its tokens; each claim
then takes the hedges that fall in its spans by binary search, so the stage
is linear in the text.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, count

import attrs

from attribution._caches import MAX_KEY_LENGTH, text_cache
from attribution._tokens import LOWER, Token, tokenize
from attribution.cues import lexicon
from attribution.lexicon import word_list
from attribution.model import Attribution, Claim, Cue, Hedge

# Characters around the cue searched for a hedge: "reportedly told", "is said to have".
CUE_WINDOW = 30


@attrs.frozen
class _HedgeIndex:
    """The hedges of ``hedges.txt``, indexed so that most tokens are passed over at once.

    ``longer`` holds the hedges of two words or more by their first two
    words, longest first; a one-word hedge is tried only when none of them
    matches, so the longest hedge wins as it would in a trie.
    """

    first_words: frozenset[str]
    single: frozenset[str]
    longer: dict[tuple[str, str], tuple[tuple[str, ...], ...]]


@functools.cache
def _phrases() -> _HedgeIndex:
    """Return the hedges indexed for matching (see :class:`_HedgeIndex`)."""
    single = set()
    longer: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for entry in word_list("hedges"):
        words = tuple(entry.split())
        if len(words) == 1:
            single.add(words[0])
        else:
            longer.setdefault((words[0], words[1]), []).append(words)
    return _HedgeIndex(
        first_words=frozenset(single | {first for first, _ in longer}),
        single=frozenset(single),
        longer={k: tuple(sorted(v, key=len, reverse=True)) for k, v in longer.items()},
    )


def _hedge_at(words: Sequence[str], i: int, index: _HedgeIndex) -> int:
    """Return the number of words of the longest hedge that starts at ``words[i]``, or 0.

    ``words`` are a sentence's lower-cased words.
    """
    n = len(words)
    second = words[i + 1] if i + 1 < n else ""
    for phrase in index.longer.get((words[i], second), ()):
        k = len(phrase)
        if i + k <= n and all(words[i + j] == phrase[j] for j in range(2, k)):
            return k
    return 1 if words[i] in index.single else 0


def find_hedges(
    text: str,
    tokens: Iterable[Sequence[Token]] | None = None,
    lowers: Iterable[Sequence[str]] | None = None,
) -> tuple[Hedge, ...]:
    """Return every hedge in ``text``, in order.

    ``tokens`` may give the text's tokens sentence by sentence (as earlier
    stages made them), and ``lowers`` their lower-cased texts, as lists;
    the text is tokenized otherwise. Only the tokens that can open a hedge
    are looked at, in one pass.

    Raises:
        ValueError: for ``lowers`` without ``tokens``, or that do not match
            them sentence by sentence.

    >>> [h.phrase for h in find_hedges("He reportedly said the plan is believed to work.")]
    ['reportedly', 'is believed to']
    """
    index = _phrases()
    first_words = index.first_words
    groups: Iterable[Sequence[Token]] = [tokenize(text)] if tokens is None else tokens
    mismatch = "find_hedges() got lowers that do not match the tokens sentence by sentence"
    pairs: Iterable[tuple[Sequence[Token], Sequence[str]]]
    if lowers is None:
        pairs = ((toks, list(map(LOWER, toks))) for toks in groups)
    elif tokens is None:
        raise ValueError("find_hedges() got lowers without the tokens they lower-case")
    else:
        groups, lowers = list(groups), list(lowers)
        if len(lowers) != len(groups):
            raise ValueError(mismatch)
        pairs = zip(groups, lowers, strict=True)
    out = []
    for toks, words in pairs:
        if len(words) != len(toks):
            raise ValueError(mismatch)
        if first_words.isdisjoint(words):
            continue  # most sentences: no word opens a hedge
        free = 0  # the tokens before this one are part of a hedge already found
        for i in compress(count(), map(first_words.__contains__, words)):
            if i < free:
                continue
            k = _hedge_at(words, i, index)
            if k:
                phrase = " ".join(words[i : i + k])
                out.append(Hedge(start=toks[i].start, end=toks[i + k - 1].end, phrase=phrase))
                free = i + k
    return tuple(out)


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
    phrase = text[cue.start : cue.end]
    if len(phrase) > MAX_KEY_LENGTH:  # runs of spaces or line breaks: not worth keeping
        return _phrase_stance(phrase, cue.lemma)
    return _cached_stance(phrase, cue.lemma)


def _phrase_stance(phrase: str, lemma: str) -> str:
    """Return the stance of a cue's words (a few, and the same ones again and again)."""
    lex = lexicon()
    for word in reversed(phrase.lower().split()):
        info = lex.get(word.strip(".,;:"))
        if info is not None:
            return info.stance
    return _stances().get(lemma, "neutral")


_cached_stance = text_cache()(_phrase_stance)


def _with_stance(rel: Attribution, text: str) -> Attribution:
    found = stance(rel.cue, text)
    if found == rel.cue.stance:
        return rel
    return attrs.evolve(rel, cue=attrs.evolve(rel.cue, stance=found))


def _is_cue(text: str, hedge: Hedge, cue: Cue) -> bool:
    """Return whether a hedge holds the head of a cue: "it was *reported* that"."""
    if not (hedge.start < cue.end and cue.start < hedge.end):
        return False
    lex = lexicon()
    return any(
        (info := lex.get(word)) is not None and info.lemma == cue.lemma
        for word in text[hedge.start : hedge.end].lower().split()
    )


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
    tokens: Iterable[Sequence[Token]] | None = None,
) -> tuple[tuple[Claim, ...], tuple[Attribution, ...]]:
    """Return the claims with their hedges and the relations with each cue's stance.

    ``tokens`` may give the text's tokens sentence by sentence.
    """
    claims = tuple(claims)  # read twice below: a generator must not run dry
    rels = with_stances(text, attributions)
    found = claim_hedges(
        text, [([(s.start, s.end) for s in c.spans], c.chain) for c in claims], rels, tokens
    )
    pairs = zip(claims, found, strict=True)
    return tuple([attrs.evolve(claim, hedges=h) if h else claim for claim, h in pairs]), rels


def with_stances(text: str, attributions: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """Return the relations, each with its cue's stance (the same object if it has it already)."""
    return tuple([_with_stance(rel, text) for rel in attributions])


def claim_hedges(
    text: str,
    claims: Sequence[tuple[Iterable[tuple[int, int]], Sequence[str]]],
    attributions: Sequence[Attribution],
    tokens: Iterable[Sequence[Token]] | None = None,
    lowers: Iterable[Sequence[str]] | None = None,
) -> list[tuple[Hedge, ...]]:
    """Return the hedges of each claim, given as its spans' ``(start, end)`` and its chain.

    A claim's hedges are those inside its spans and those near the cue of its
    innermost hop (in the same sentence), in order, less any that is itself a
    cue of the chain. ``tokens`` may give the text's tokens sentence by
    sentence, and ``lowers`` their lower-cased texts (see :func:`find_hedges`).
    """
    hedges = find_hedges(text, tokens, lowers)
    if not hedges:
        return [()] * len(claims)
    starts = [h.start for h in hedges]
    by_id: Mapping[str, Attribution] = {a.id: a for a in attributions}
    out: list[tuple[Hedge, ...]] = []
    for spans, chain in claims:
        found: dict[int, Hedge] = {}
        for lo, hi in spans:
            for h in _in(hedges, starts, lo, hi):
                found[h.start] = h
        if chain and chain[0] in by_id:
            cue = by_id[chain[0]].cue
            for h in _in(hedges, starts, cue.start - CUE_WINDOW, cue.end + CUE_WINDOW):
                lo, hi = min(cue.end, h.end), max(cue.start, h.start)
                if not any(ch in ".!?" for ch in text[lo:hi]):  # same sentence
                    found.setdefault(h.start, h)
        if not found:
            out.append(())
            continue
        # A hedge that is itself a cue of the chain ("it was reported that") is
        # the attribution, already weighed as such; "reportedly told" is not.
        cues = [by_id[h].cue for h in chain if h in by_id]
        for k in [k for k, h in found.items() if any(_is_cue(text, h, c) for c in cues)]:
            del found[k]
        out.append(tuple([found[k] for k in sorted(found)]))
    return out
