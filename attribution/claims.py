"""Split the text into claims: every assertion a reader could check.

Claims are made sentence by sentence. In each sentence:

- the content of each *innermost* assertion relation (one that relays no other
  relation in the sentence) is a claim, with the chain of hops that carry it;
  a content that runs over several sentences (a long quotation) gives one
  claim per sentence;
- the sentence itself is also an unattributed claim unless attribution
  relations account for most of it: "The call came a day after Trump said C"
  yields both C (from Trump) and the whole sentence (from the writer).

Relations that carry an intention, a request or a stance towards a topic
("discussed the situation", "wants to help", "called for a ban") are
attributions but not assertions: a claim is never routed through them.
Boilerplate and datelines yield no claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attribution._tokens import CLOSING_QUOTES, OPEN_QUOTES, QUOTE_CHARS
from attribution.chains import chain
from attribution.model import (
    Attribution,
    AttributionType,
    Claim,
    ClaimType,
    Hedge,
    Quote,
    Score,
    Sentence,
    SentenceKind,
    Span,
)
from attribution.quotes import quoted_length

NON_ASSERTION_KINDS = frozenset({"intention", "request", "stance", "other"})
_WORD = re.compile(r"[^\W_]")
# Words of the writer's own, outside every relation, that make a sentence
# framing an attribution a claim of the writer's as well.
OWN_WORDS = 3
_WORDS = re.compile(r"\w+")
# Words that open a phrase setting the scene of an attribution, not a claim.
_SCENE_SETTERS = frozenset(
    "on in at during after before last this earlier later yesterday today tonight and but "
    "also however meanwhile separately speaking while when as via through according "
    "reporters journalists".split()
)
_OPENING = OPEN_QUOTES | {'"'}
# Any opening quotation mark (or a straight one): 'the attack "deliberately'.
_OPENING_MARK = re.compile("[" + re.escape("".join(sorted(_OPENING))) + "]")
_TRIM_LEFT = QUOTE_CHARS | {" ", "\n", "\t", "\r", "(", "—", "-", "–"}
_TRIM_RIGHT = QUOTE_CHARS | {" ", "\n", "\t", "\r", ",", ";", ":", ".", "—", "-", "–"}
# Sentence kinds that yield no claim.
_NO_CLAIMS = (SentenceKind.BOILERPLATE, SentenceKind.DATELINE)
# The members compared against and returned, read once (see the kinds in
# attribution.sources).
_DIRECT = ClaimType.DIRECT
_MIXED = ClaimType.MIXED
_INDIRECT = ClaimType.INDIRECT
_UNATTRIBUTED = ClaimType.UNATTRIBUTED
_DIRECT_RELATION = AttributionType.DIRECT
_INDIRECT_RELATION = AttributionType.INDIRECT


def is_assertion(rel: Attribution, text: str) -> bool:
    """Return whether a relation reports a proposition (so it can carry a claim)."""
    first = text[rel.content[0].start : rel.content[0].start + 5].lower()
    if first.startswith("to "):
        return False
    if rel.type is not _INDIRECT_RELATION or first.startswith("that ") or rel.form != "pre":
        return True
    return rel.cue.kind not in NON_ASSERTION_KINDS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a claim of a leading "that", outer quotation marks and final punctuation.

    A quotation that opens inside the claim keeps its closing mark, so the
    marks stay balanced: 'the attack "deliberately massive and cynical."'.
    The span must lie in the text: ``0 <= start <= end <= len(text)``.
    """
    # A claim nearly always starts with a word and ends with a mark or two:
    # stepping over them costs less than slicing the claim to strip it.
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    full = end
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    if text.startswith("that ", start) and end - start > 5:
        start += 5
    if end < full:
        # Keep the closing mark of a quotation opened inside the claim (the
        # few characters trimmed are looked at first, the claim only if one is a mark).
        for k in range(end, full):
            if text[k] in CLOSING_QUOTES:
                if _OPENING_MARK.search(text, start, end):
                    return start, k + 1
                break
    return start, end


def _has_word(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` holds a letter or a digit."""
    # A trimmed claim nearly always starts with one (what ``[^\W_]``
    # matches is what ``str.isalnum`` accepts, tested over every character).
    if start < end and text[start].isalnum():
        return True
    return _WORD.search(text, start, end) is not None


def _hulls(sent: Sentence, rels: Sequence[Attribution]) -> list[tuple[int, int]]:
    """Return, per relation, the stretch of the sentence from its first to its last piece.

    A hull includes what lies between source, cue and content: an addressee
    ("told President Macron that ...") or an adjunct ("said on Friday that").
    """
    lo_bound, hi_bound = sent.start, sent.end
    hulls = []
    for rel in rels:
        lo = hi = -1
        for piece in (*rel.content, rel.cue, rel.source):
            if piece is None:  # no source stated
                continue
            if piece.start < hi_bound and lo_bound < piece.end:  # overlaps the sentence
                if lo < 0 or piece.start < lo:
                    lo = piece.start
                if piece.end > hi:
                    hi = piece.end
        if hi >= 0:
            hulls.append((max(lo, lo_bound), min(hi, hi_bound)))
    return sorted(hulls)


def _asserts_own_words(text: str, sent: Sentence, rels: Sequence[Attribution]) -> bool:
    """Return whether the writer asserts :data:`OWN_WORDS` words or more outside the relations.

    Words left outside every relation count unless they only set the scene:
    "on Wednesday", "at the rally", "In a statement," add no claim, while
    "The call came a day after" (before "Trump said ...") does.
    """
    gaps = []
    room = 0  # characters outside the relations
    reach = sent.start
    for lo, hi in _hulls(sent, rels):
        if lo > reach:
            gaps.append((reach, lo))
            room += lo - reach
        reach = max(reach, hi)
    if sent.end > reach:
        gaps.append((reach, sent.end))
        room += sent.end - reach
    if room < OWN_WORDS:  # fewer characters than the words it needs: most often the final mark
        return False
    total = 0
    for lo, hi in gaps:
        words = _WORDS.findall(text, lo, hi)
        if words and words[0].lower() not in _SCENE_SETTERS:
            total += len(words)
    return total >= OWN_WORDS


def _claim_type(
    rel: Attribution, start: int, end: int, outer: Sequence[Quote], starts: Sequence[int]
) -> ClaimType:
    """Return the type of a claim, ``[start, end)``, cut from the relation's content.

    A part of a content wholly quoted (a direct relation) is direct, and a
    part of one with no quotation in it (an indirect relation) indirect: only
    a part of a mixed content is measured against the quotations. A claim is
    a part of one span of the content, as :func:`_trim` only narrows a span,
    and outermost quotations never overlap.
    """
    if rel.type is _DIRECT_RELATION:
        return _DIRECT
    if rel.type is _INDIRECT_RELATION:
        return _INDIRECT
    quoted = quoted_length(start, end, outer, starts)
    if quoted >= end - start:
        return _DIRECT
    return _MIXED if quoted else _INDIRECT


# A claim as found, before its hedges and score: start, end, type, chain, sentence.
Found = tuple[int, int, ClaimType, tuple[str, ...], int]


def find_claims(
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    quotes: Sequence[Quote],
) -> tuple[Claim, ...]:
    """Return the claims of every sentence, each with its attribution chain.

    A relation's type must be its content's, measured against the same
    ``quotes``, as :func:`attribution.attributions.find_attributions` gives
    it: a claim cut from a direct or an indirect content takes that type.
    """
    return make_claims(claims_found(text, sentences, attributions, quotes))


def make_claims(
    found: Sequence[Found],
    hedges: Sequence[tuple[Hedge, ...]] | None = None,
    scores: Sequence[Score] | None = None,
) -> tuple[Claim, ...]:
    """Return the claims found (see :func:`claims_found`), numbered in order.

    ``hedges`` and ``scores``, if given, hold each claim's hedges and score:
    the analysis builds each claim once, complete.
    """
    no_hedges: tuple[Hedge, ...] = ()
    return tuple(
        [
            Claim(
                id=f"c{n}",
                start=lo,
                end=hi,
                type=kind,
                spans=(Span(lo, hi),),
                chain=hops,
                sentence=index,
                hedges=no_hedges if hedges is None else hedges[n - 1],
                score=None if scores is None else scores[n - 1],
            )
            for n, (lo, hi, kind, hops, index) in enumerate(found, 1)
        ]
    )


def claims_found(
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution],
    quotes: Sequence[Quote],
) -> list[Found]:
    """Return the claims of every sentence as :data:`Found` tuples, in the claims' order.

    A relation's type must be its content's, as
    :func:`attribution.attributions.find_attributions` gives it for the same
    quotations: a claim cut from a direct or an indirect content takes its type.
    """
    by_id = {a.id: a for a in attributions}
    outer = [q for q in quotes if q.depth == 0]
    quote_starts = [q.start for q in outer]
    # A hop cued inside a quotation that another hop carries is part of the
    # quoted words ("We agreed that ...", in Zelenskyy's post): claims inside a
    # quotation stay whole, attributed to the speaker who is quoted.
    assertions = [
        a
        for a in attributions
        if is_assertion(a, text)
        and not (a.parent and quoted_length(a.cue.start, a.cue.end, outer, quote_starts))
    ]
    children: dict[str, list[Attribution]] = {}
    for rel in assertions:
        if rel.parent is not None:
            children.setdefault(rel.parent, []).append(rel)
    # Relations anchored in each sentence (by cue) and contents reaching each sentence.
    by_sentence: dict[int, list[Attribution]] = {}
    for rel in attributions:
        by_sentence.setdefault(rel.sentence, []).append(rel)
    pieces: list[tuple[int, int, Attribution]] = []
    for rel in assertions:
        for span in rel.content:
            pieces.append((span.start, span.end, rel))
    pieces.sort(key=lambda p: p[0])
    raw: list[Found] = []
    pi = 0
    active: list[tuple[int, int, Attribution]] = []
    for index, sent in enumerate(sentences):
        if sent.kind in _NO_CLAIMS:
            continue
        while pi < len(pieces) and pieces[pi][0] < sent.end:
            active.append(pieces[pi])
            pi += 1
        if active:
            active = [p for p in active if p[1] > sent.start]
        if not active and index not in by_sentence:
            # No relation here: the sentence is the writer's own claim.
            lo, hi = _trim(text, sent.start, sent.end)
            if _has_word(text, lo, hi):
                raw.append((lo, hi, _UNATTRIBUTED, (), index))
            continue
        before = len(raw)
        inner: list[tuple[int, int, Attribution]] = []
        for start, end, rel in active:
            if start >= sent.end:
                continue
            nested = children.get(rel.id)  # most relations have none
            if nested is not None and _relays_here(nested, sent):
                continue
            inner.append((start, end, rel))
        for start, end, rel in inner:
            lo, hi = _trim(text, max(start, sent.start), min(end, sent.end))
            if not _has_word(text, lo, hi):
                continue
            raw.append(
                (lo, hi, _claim_type(rel, lo, hi, outer, quote_starts), chain(rel.id, by_id), index)
            )
        anchored = by_sentence.get(index, [])
        inside = [s for s, e, _ in active if s <= sent.start and e >= sent.end]
        if inside:
            continue
        made = len(raw) > before
        if not anchored or not made or _asserts_own_words(text, sent, anchored):
            lo, hi = _trim(text, sent.start, sent.end)
            if _has_word(text, lo, hi):
                raw.append((lo, hi, _UNATTRIBUTED, (), index))
    raw.sort(key=lambda c: (c[0], -c[1]))
    return raw


def _relays_here(children: Sequence[Attribution], sent: Sentence) -> bool:
    """Return whether one of the assertions a relation relays has content in this sentence."""
    return any(
        s.start < sent.end and sent.start < s.end for child in children for s in child.content
    )
