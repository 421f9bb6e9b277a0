"""Verify quotes: find each direct quote of an article in its source texts.

:func:`verify_quotes` locates every direct quote of an article (or any quote
strings) in one or more source texts, such as a transcript or the statement
quoted, and says how faithfully the article quotes it:

- ``verbatim``: the same words, case and punctuation (typographic variants,
  line breaks and hyphenation at line ends aside);
- ``near``: punctuation or case changed, or a word or two changed, added or
  left out; the word-level differences are listed;
- ``paraphrase``: the quote marks elisions (``...``, ``…``) or bracketed
  insertions (``[the president]``) and each piece is found in order, or it
  uses the passage's words in another order or with more changes;
- ``not_found``: no passage of the sources is close enough.

Each check carries the offsets of the best passage in its source.

How: sources and quotes become sequences of words, each word one character
(a code point per distinct word, private-use for the first 131,072), so rapidfuzz compares and
aligns *words* at C speed. Candidate regions of a source come from the
diagonals on which the quote's rarer words occur, or runs of words in a
source of few words (seeding, linear in the number of occurrences); only
those windows are aligned with ``fuzz.partial_ratio_alignment``, and
``Levenshtein.opcodes`` gives the word-level differences. Texts too long to
align exactly are aligned between the runs of words they share once. A long
transcript, or a long quote, therefore costs time near-linear in its length.

>>> source = "Well, I think we will win this war, and we will rebuild every city."
>>> quotes = ["we will win this war", "We will rebuild every town"]
>>> [c.verdict.value for c in verify_quotes(quotes, source)]
['verbatim', 'near']
"""

from __future__ import annotations

import bisect
import enum
import heapq
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import attrs
from attrs import frozen
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from attribution._lines import LINE_BREAK
from attribution.markup import PARAGRAPH
from attribution.model import Analysis, Quote, QuoteKind, Span
from attribution.quotes import find_quotes
from attribution.segment import paragraphs

__all__ = [
    "Change",
    "Difference",
    "QuoteCheck",
    "Verdict",
    "verify_quotes",
]


class Verdict(enum.Enum):
    """How faithfully a quote reproduces its source."""

    VERBATIM = "verbatim"
    NEAR = "near"
    PARAPHRASE = "paraphrase"
    NOT_FOUND = "not_found"


class Change(enum.Enum):
    """One word-level difference between a quote and its source passage."""

    REPLACE = "replace"  # the quote has other words where the source has these
    INSERT = "insert"  # the quote has words the source lacks
    DELETE = "delete"  # the quote leaves out words of the source
    ELIDE = "elide"  # the quote marks a cut ("...") where the source has these words
    BRACKET = "bracket"  # the quote puts bracketed words where the source has these


@frozen(kw_only=True)
class Difference:
    """A word-level difference: the quote's words against the source's."""

    change: Change
    quote: str
    source: str


@frozen(kw_only=True)
class QuoteCheck:
    """The verdict on one quote.

    Attributes:
        text: the quote's words as the article gives them (pieces of a quote
            split around "he said" are joined with a space).
        spans: where the quote's pieces are in the article (inside the
            marks); empty for quotes given as strings.
        verdict: how faithful the quote is.
        score: word-level similarity to the passage, between 0 and 1.
        source: index of the source text holding the passage, or ``None``.
        start: start of the passage in that source.
        end: end of the passage in that source.
        passage: the source's words.
        differences: the word-level differences, in quote order.
    """

    text: str
    spans: tuple[Span, ...] = ()
    verdict: Verdict
    score: float = 0.0
    source: int | None = None
    start: int | None = None
    end: int | None = None
    passage: str = ""
    differences: tuple[Difference, ...] = ()


# --------------------------------------------------------------------------
# Words

# A word, with inner apostrophes and hyphens, also a hyphen that breaks a
# word at a line end: "don't", "well-known", "protec-\ntion" (lines end as
# attribution._lines numbers them: "\n", "\r\n" or a bare "\r").
_WORD = re.compile(rf"\w+(?:(?:['’]|-(?:[ \t]*(?:{LINE_BREAK.pattern})[ \t]*)?)\w+)*")
_BREAK = re.compile(rf"-[ \t]*(?:{LINE_BREAK.pattern})[ \t]*")
# An elision mark: "...", ". . .", "…", with the brackets some styles add.
_ELISION = re.compile(r"\[?(?:\.\s?){3}\]?|\[?…\]?")
# A bracketed insertion: "[the president]", "[sic]".
_BRACKET = re.compile(r"\[[^\]]*\]")
# Typographic variants folded before comparing punctuation: one to one.
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_EDGE = " \t\r\n.,;:!?\"'“”‘’()-–—…"


# Contractions are two words, so "we're" meets "we are": the clitic's key is
# the full word.
_CLITIC = re.compile(r"(?i)(?<=\w)(?:n['’]t|['’](?:re|ll|ve|m|d))$")
_CLITIC_KEYS = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'m": "am", "'d": "would"}


def _key(word: str) -> str:
    key = _BREAK.sub("", word).replace("’", "'").replace("-", "").lower()
    return _CLITIC_KEYS.get(key, key)


# The code points a word code may be, in the order they are handed out: the
# 131,072 of the supplementary private-use planes first, then every other one
# but the surrogates (codes are only compared with each other).
_CODE_RANGES = ((0xF0000, 0x110000), (0x10000, 0xF0000), (0x0, 0xD800), (0xE000, 0x10000))
_CODE_POINTS = 0x110000 - (0xE000 - 0xD800)  # every code point but the surrogates: 1,112,064


def _code(number: int) -> str:
    """Return the ``number``-th word code. Past every code point, codes are used again:
    in a text of over a million distinct words, a few distinct words read as one."""
    number %= _CODE_POINTS
    for lo, hi in _CODE_RANGES:
        if number < hi - lo:
            return chr(lo + number)
        number -= hi - lo
    raise AssertionError(number)  # pragma: no cover


class _Codes:
    """One character per distinct word key (a private-use one for the first 131,072)."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        code = self.codes.get(key)
        if code is None:
            code = self.codes[key] = _code(len(self.codes))
        return code


@frozen
class _Words:
    """The words of a text: surface forms, offsets and their word codes."""

    text: str
    starts: list[int]
    ends: list[int]
    codes: str

    @classmethod
    def of(cls, text: str, codes: _Codes, start: int = 0, end: int | None = None) -> _Words:
        starts, ends, chars = [], [], []
        for m in _WORD.finditer(text, start, len(text) if end is None else end):
            word = m.group()
            clitic = _CLITIC.search(word)
            if clitic is None or clitic.start() == 0:
                starts.append(m.start())
                ends.append(m.end())
                chars.append(codes(_key(word)))
                continue
            cut = m.start() + clitic.start()
            starts.extend((m.start(), cut))
            ends.extend((cut, m.end()))
            chars.extend((codes(_key(word[: clitic.start()])), codes(_key(clitic.group()))))
        return cls(text, starts, ends, "".join(chars))

    def words(self, first: int, last: int) -> str:
        """Return the text of words ``first`` to ``last`` (exclusive), normalised."""
        return " ".join(
            _BREAK.sub("", self.text[s:e])
            for s, e in zip(self.starts[first:last], self.ends[first:last], strict=True)
        )


# A word, or a run of words, found more often than this in a source says little
# about where a quote is.
_COMMON = 2000
# The lengths of the runs of words that seed when single words cannot.
_RUNS = (2, 4, 8, 16, 32)


class _Source:
    """A source text prepared for seeding: its words and where each occurs."""

    def __init__(self, text: str, codes: _Codes) -> None:
        self.codes = codes
        self.words = _Words.of(text, codes)
        positions: dict[str, list[int]] = {}  # every place of each word, uncapped
        for i, code in enumerate(self.words.codes):
            positions.setdefault(code, []).append(i)
        self._runs: dict[int, dict[str, list[int]]] = {1: positions}

    def runs(self, k: int) -> dict[str, list[int]]:
        """Return where each run of ``k`` words starts (beyond the common, only the first).

        Made when first asked for: only a source of few words needs runs.
        """
        index = self._runs.get(k)
        if index is None:
            index = self._runs[k] = {}
            codes = self.words.codes
            for i in range(len(codes) - k + 1):
                places = index.setdefault(codes[i : i + k], [])
                if len(places) <= _COMMON:
                    places.append(i)
        return index


# --------------------------------------------------------------------------
# Finding a passage


class _Op(NamedTuple):
    """An edit operation, as ``Levenshtein.opcodes`` gives them."""

    tag: str  # "equal", "replace", "insert" or "delete"
    src_start: int
    src_end: int
    dest_start: int
    dest_end: int


@frozen
class _Found:
    score: float  # 0..100, partial_ratio of the word codes
    first: int  # first source word
    last: int  # one past the last source word
    ops: tuple[_Op, ...] | None = None  # the query's edits into the passage, when known


def _windows(query: str, source: _Source, slack: int, limit: int = 4) -> list[tuple[int, int]]:
    """Return source word ranges likely to hold ``query``, best first.

    Each occurrence of a query word in the source votes for the diagonal
    (source position minus query position) it lies on; diagonals close to
    each other pool their votes, and the best few become windows.
    """
    n = len(query)
    if n == 0:
        return []
    size = len(source.words.codes)
    bucket = max(4, n // 2)
    votes: dict[int, int] = {}
    for i, places in _seeds(query, source, bucket):
        for p in places:
            b = (p - i) // bucket
            votes[b] = votes.get(b, 0) + 1
    if not votes:
        return []
    # The best few of possibly thousands of diagonals: a partial sort.
    best = heapq.nsmallest(
        limit, votes.items(), key=lambda kv: (-(kv[1] + votes.get(kv[0] + 1, 0)), kv[0])
    )
    out: list[tuple[int, int]] = []
    for b, _ in best:
        lo = max(0, b * bucket - slack)
        hi = min(size, b * bucket + bucket + n + slack)
        if not any(lo >= a and hi <= z for a, z in out):
            out.append((lo, hi))
    return out


def _seeds(query: str, source: _Source, bucket: int) -> list[tuple[int, list[int]]]:
    """Return the query positions that vote and the source positions they vote with.

    The quote's words vote when they are not common in the source. In a
    source of few words ("yes no yes no ...") every word is common, or so
    frequent that its votes lie on every diagonal alike; runs of 2, 4, 8 ...
    words vote instead, the shortest whose votes stand out: those landing on
    the right diagonal must outnumber the votes a pair of buckets gets by
    chance twice over, or by five standard deviations (ordinary text passes
    with single words). If no run does, the source repeats itself and the
    longest runs found vote with their first places. At most ``_LONG_QUOTE``
    of the quote's words (or runs) vote, the rarest: a longer quote is
    placed as well by those, and its votes stay as few as a short quote's.
    """
    n = len(query)
    diagonals = len(source.words.codes) + n
    chosen: list[tuple[int, list[int]]] = []
    for k in (1, *_RUNS):
        if k > n:
            break
        index = source.runs(k)
        found = [(i, places) for i in range(n - k + 1) if (places := index.get(query[i : i + k]))]
        if not found:
            break  # longer runs are not in the source either
        rare = [(i, places) for i, places in found if len(places) <= _COMMON]
        # The votes a pair of buckets gets by chance (windows pool two).
        chance = math.fsum(len(places) for _, places in rare) * 2 * bucket / diagonals
        chosen = rare or found
        if rare and (len(rare) >= 2 * chance or len(rare) ** 2 >= 25 * chance):
            break
    chosen = sorted(chosen, key=lambda seed: len(seed[1]))[:_LONG_QUOTE]
    return [(i, places[:_COMMON]) for i, places in chosen]


# Quotes longer than this many words are aligned by edit operations, whose time
# grows with the product of the lengths, instead of by partial_ratio, which
# tries every passage of the quote's length (10,000 words took five minutes).
_LONG_QUOTE = 300


def _align(query: str, codes: str, offset: int) -> _Found | None:
    if not query or not codes:
        return None
    if len(query) > _LONG_QUOTE:
        return _align_long(query, codes, offset)
    result = fuzz.partial_ratio_alignment(query, codes)
    if result is None:
        return None
    return _Found(result.score, offset + result.dest_start, offset + result.dest_end)


def _align_long(query: str, codes: str, offset: int) -> _Found | None:
    """Align a long quote with the whole window; the window's words around it are insertions.

    The passage is a tight one at the fewest edits (:func:`_tightest`): the
    first and last words ``Levenshtein.opcodes`` pairs could lie hundreds of
    words outside it. A quote found word for word is taken where it first
    is: the fewest edits can also embed it, scattered, in a longer passage
    (in repetitive text).
    """
    at = codes.find(query)
    if at >= 0:
        return _Found(100.0, offset + at, offset + at + len(query))
    if len(query) * len(codes) <= _EXACT:
        first, last = _tightest(query, codes, 0, len(codes))
    else:
        span = _passage(query, codes)
        if span is None or span[0] >= span[1]:
            return None
        first, last = span
        script = tuple(_opcodes(query, codes[first:last]))
        score = _ratio(query, codes[first:last], script)
        return _Found(score, offset + first, offset + last, script)
    if first >= last:
        return None
    return _Found(_ratio(query, codes[first:last]), offset + first, offset + last)


# --------------------------------------------------------------------------
# Long texts: aligned piece by piece between shared runs of words

# Texts whose lengths multiply to at most this are aligned exactly, in time
# that grows with that product (quotes of up to about 1,000 words); longer
# ones piece by piece, in time near-linear in their lengths.
_EXACT = 4_000_000
# The words of a run that anchors two long texts: a run found once in each,
# of 4 words, or of 8, 16 or 32 in a text of few words, where no run of 4 is.
_ANCHORS = _RUNS[1:]
# How many times the pieces between anchors are anchored in turn.
_DEPTH = 3


def _opcodes(a: str, b: str) -> list[_Op]:
    """Return edit operations that turn ``a`` into ``b``.

    Short texts get ``Levenshtein.opcodes``, the fewest edits. Long ones keep
    their common ends; inside, runs of 4 words (more if none) found once in each
    text, the longest chain of them in the same order in both, anchor the
    alignment, and each piece between two anchors is aligned the same way;
    a piece still long with no anchor in it is compared word for word. The
    edits are then the fewest whenever the fewest keep the anchors, as they
    do for a quote whose changes are scattered; for a quote in another
    order they may be more.
    """
    out: list[_Op] = []
    _pieces(a, b, 0, 0, out, 0)
    merged: list[_Op] = []
    for op in out:
        if merged and merged[-1].tag == op.tag:
            last = merged.pop()
            op = _Op(op.tag, last.src_start, op.src_end, last.dest_start, op.dest_end)
        merged.append(op)
    return merged


def _pieces(a: str, b: str, i0: int, j0: int, out: list[_Op], depth: int) -> None:
    """Append the operations turning ``a`` into ``b``, at offsets ``i0`` and ``j0``."""
    if len(a) * len(b) <= _EXACT:
        out.extend(
            _Op(op.tag, i0 + op.src_start, i0 + op.src_end, j0 + op.dest_start, j0 + op.dest_end)
            for op in Levenshtein.opcodes(a, b)
        )
        return
    head = _run(a, b, 0, 0)
    tail = _run(a[head:][::-1], b[head:][::-1], 0, 0)
    end_a, end_b = len(a) - tail, len(b) - tail
    if head:
        out.append(_Op("equal", i0, i0 + head, j0, j0 + head))
    a_mid, b_mid = a[head:end_a], b[head:end_b]
    anchors = _anchors(a_mid, b_mid) if depth < _DEPTH else []
    if anchors:
        i, j = 0, 0
        for ai, aj in anchors:
            if ai < i or aj < j:
                continue  # inside the run matched before
            _pieces(a_mid[i:ai], b_mid[j:aj], i0 + head + i, j0 + head + j, out, depth + 1)
            run = _run(a_mid, b_mid, ai, aj)
            out.append(
                _Op(
                    "equal",
                    i0 + head + ai,
                    i0 + head + ai + run,
                    j0 + head + aj,
                    j0 + head + aj + run,
                )
            )
            i, j = ai + run, aj + run
        _pieces(a_mid[i:], b_mid[j:], i0 + head + i, j0 + head + j, out, depth + 1)
    else:
        _word_for_word(a_mid, b_mid, i0 + head, j0 + head, out)
    if tail:
        out.append(_Op("equal", i0 + end_a, i0 + len(a), j0 + end_b, j0 + len(b)))


def _word_for_word(a: str, b: str, i0: int, j0: int, out: list[_Op]) -> None:
    """Append operations pairing the words of ``a`` and ``b`` in turn, the rest added or cut."""
    common = min(len(a), len(b))
    start = 0
    for k in range(1, common + 1):
        if k == common or (a[k] == b[k]) != (a[start] == b[start]):
            tag = "equal" if a[start] == b[start] else "replace"
            out.append(_Op(tag, i0 + start, i0 + k, j0 + start, j0 + k))
            start = k
    if len(a) > common:
        out.append(_Op("delete", i0 + common, i0 + len(a), j0 + common, j0 + common))
    elif len(b) > common:
        out.append(_Op("insert", i0 + common, i0 + common, j0 + common, j0 + len(b)))


def _run(a: str, b: str, i: int, j: int) -> int:
    """Return how many words ``a`` and ``b`` share from ``i`` and ``j`` on.

    Galloping, then halving: each comparison is of slices, in C, so a shared
    run of n words costs about n log n character comparisons, not n steps in
    Python.
    """
    most = min(len(a) - i, len(b) - j)
    same, step = 0, 1
    while same + step <= most and a[i + same : i + same + step] == b[j + same : j + same + step]:
        same += step
        step *= 2
    while step > 1:
        step //= 2
        if same + step <= most and a[i + same : i + same + step] == b[j + same : j + same + step]:
            same += step
    return same


def _once(text: str, size: int, among: dict[str, int] | None = None) -> dict[str, int]:
    """Return where each run of ``size`` words found once in ``text`` starts.

    With ``among``, only the runs that are its keys.
    """
    seen: dict[str, int] = {}
    for i in range(len(text) - size + 1):
        run = text[i : i + size]
        if among is None or run in among:
            seen[run] = -1 if run in seen else i
    return {run: i for run, i in seen.items() if i >= 0}


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Return the longest chain of runs found once in ``a`` and once in ``b``, in both's order.

    The runs are of 4 words; in texts of few words ("yes no yes ..."), where
    no run of 4 is found once, of 8, 16 or 32.
    """
    pairs: list[tuple[int, int]] = []
    for size in _ANCHORS:
        in_a = _once(a, size)
        in_b = _once(b, size, in_a)
        pairs = sorted((i, in_b[run]) for run, i in in_a.items() if run in in_b)
        if pairs:
            break
    # Longest increasing subsequence of the positions in b (patience sorting).
    tails: list[int] = []  # the last b position of the best chain of each length
    ends: list[int] = []  # the index of that pair
    back = [-1] * len(pairs)
    for x, (_, j) in enumerate(pairs):
        h = bisect.bisect_left(tails, j)
        if h == len(tails):
            tails.append(j)
            ends.append(x)
        else:
            tails[h] = j
            ends[h] = x
        back[x] = ends[h - 1] if h else -1
    chain = []
    x = ends[-1] if ends else -1
    while x >= 0:
        chain.append(pairs[x])
        x = back[x]
    return chain[::-1]


def _edits_into(query: str, codes: str, found: _Found) -> Sequence[_Op]:
    """Return the edit operations turning ``query`` into the passage found in ``codes``."""
    return found.ops if found.ops is not None else _opcodes(query, codes[found.first : found.last])


def _cost(ops: Iterable[_Op]) -> int:
    """Return the edits of ``ops``: the Levenshtein distance, for the fewest."""
    return int(
        math.fsum(
            max(op.src_end - op.src_start, op.dest_end - op.dest_start)
            for op in ops
            if op.tag != "equal"
        )
    )


def _ratio(a: str, b: str, ops: Sequence[_Op] | None = None) -> float:
    """Return ``fuzz.ratio(a, b)``; for long texts, from the words ``_opcodes`` pairs."""
    if len(a) * len(b) <= _EXACT:
        return fuzz.ratio(a, b)
    if ops is None:
        ops = _opcodes(a, b)
    same = math.fsum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    return 200.0 * same / (len(a) + len(b))


def _passage(query: str, codes: str) -> tuple[int, int] | None:
    """Return where a long quote lies in a long window: from its first anchor to its last.

    The quote's words before the first anchor and after the last are aligned
    with the window's words next to it, as many again and eight more. With
    no anchor (a quote in another order), the passage of the quote's length
    holding most of its words.
    """
    chain = _anchors(query, codes)
    if not chain:
        return _densest(query, codes)
    (i0, j0), (i1, j1) = chain[0], chain[-1]
    run = _run(query, codes, i1, j1)
    first = _edge(query[:i0], codes, j0, before=True)
    last = _edge(query[i1 + run :], codes, j1 + run, before=False)
    return first, last


def _edge(words: str, codes: str, at: int, *, before: bool) -> int:
    """Return where the passage ends if ``words`` of the quote come just before (after) ``at``.

    Of the ends at the fewest edits, the nearest ``at`` (:func:`_tightest`).
    """
    if not words:
        return at
    room = 2 * len(words) + 8
    lo, hi = (max(0, at - room), at) if before else (at, min(len(codes), at + room))
    if len(words) * (hi - lo) > _EXACT:
        return max(0, at - len(words)) if before else min(len(codes), at + len(words))
    if before:
        return _tightest(words, codes, lo, hi, end=False)[0]
    return _tightest(words, codes, lo, hi, start=False)[1]


def _tightest(
    query: str, codes: str, lo: int, hi: int, *, start: bool = True, end: bool = True
) -> tuple[int, int]:
    """Return a tight passage of ``codes[lo:hi]`` the query aligns with at the fewest edits.

    Aligned with all of ``codes[lo:hi]``, a query pays one edit for each word
    around its passage, as for a word inside it: the fewest edits tie for
    every start from ``lo`` to the true one (a common word of the quote paired
    with one far before its place costs nothing more), and
    ``Levenshtein.opcodes`` breaks such ties either way (``opcodes("a",
    "aaaa")`` pairs the first "a", ``opcodes("ab", "xxabxxab")`` the last
    "ab"). The edits with the words before a start as insertions never fall
    as the start moves right, so the last start at the fewest is found by
    halving; then the first end from that start likewise. That is not always
    the shortest such passage (``"cc"`` in ``"cdcabbacbba"``: ``"cabbac"``
    from the last start, where ``"cdc"`` ties). Only ``start`` or ``end``
    moves if the other is false.
    """
    fewest = Levenshtein.distance(query, codes[lo:hi])

    def fits(first: int, last: int) -> bool:
        allowed = fewest - (first - lo) - (hi - last)
        return (
            allowed >= 0
            and Levenshtein.distance(query, codes[first:last], score_cutoff=allowed) <= allowed
        )

    first, last = lo, hi
    if start:
        beyond = hi  # fits(first, hi) holds, and is not looked for at hi
        while beyond - first > 1:
            mid = (first + beyond) // 2
            first, beyond = (mid, beyond) if fits(mid, hi) else (first, mid)
    if end:
        below = first  # fits(first, last) holds, and is not looked for at first
        while last - below > 1:
            mid = (below + last) // 2
            below, last = (below, mid) if fits(first, mid) else (mid, last)
    return first, last


def _densest(query: str, codes: str) -> tuple[int, int] | None:
    """Return the passage of the query's length holding most of its words, if any."""
    wanted = set(query)
    n = min(len(query), len(codes))
    hits = [0]
    for code in codes:
        hits.append(hits[-1] + (code in wanted))
    best = max(range(len(codes) - n + 1), key=lambda s: hits[s + n] - hits[s])
    if hits[best + n] == hits[best]:
        return None
    return best, best + n


def _refine(query: str, codes: str, found: _Found, reach: int = 3) -> _Found:
    """Move the passage's ends by up to ``reach`` words to fit the query best.

    ``partial_ratio_alignment`` compares the query with passages of its own
    length, so a quote that leaves out a word comes back shifted by one.
    """
    if len(query) * (found.last - found.first + 2 * reach) <= _EXACT:
        edits = _edits(query, codes)
    else:
        at_the_ends = _edits_at_the_ends(query, codes, found, reach)
        if at_the_ends is None:
            return found
        edits = at_the_ends

    def fit(first: int, last: int) -> tuple[int, int, int, int, int, int]:
        # Fewest edits; then ends that agree with the quote's ends; then the
        # length closest to the quote's; then the least moved.
        ends = (codes[first : first + 1] != query[:1]) + (codes[last - 1 : last] != query[-1:])
        moved = abs(first - found.first) + abs(last - found.last)
        size = abs(last - first - len(query))
        return (edits(first, last), ends, size, moved, first, last)

    best = fit(found.first, found.last)
    for left in range(-reach, reach + 1):
        for right in range(-reach, reach + 1):
            first, last = found.first + left, found.last + right
            if 0 <= first < last <= len(codes):
                best = min(best, fit(first, last))
    first, last = best[-2:]
    if (first, last) == (found.first, found.last):
        return found
    passage = codes[first:last]
    # A long quote's edits are worked out here once, and kept for its differences.
    ops = tuple(_opcodes(query, passage)) if len(query) * len(passage) > _EXACT else None
    return _Found(max(_ratio(query, passage, ops), found.score), first, last, ops)


def _edits(query: str, codes: str) -> Callable[[int, int], int]:
    """Return the edits of ``query`` against the passage from word ``first`` to ``last``."""
    return lambda first, last: Levenshtein.distance(query, codes[first:last])


def _edits_at_the_ends(
    query: str, codes: str, found: _Found, reach: int
) -> Callable[[int, int], int] | None:
    """Return the edits of a long query against the passage for ends moved by up to ``reach``.

    The operations from the first run of words the query and the passage
    share to the last stay as they are; only the words outside are aligned
    again, so that each try costs time for those words only. ``None`` when
    they share no word, or too many words lie outside.
    """
    ops = _edits_into(query, codes, found)
    shared = [k for k, op in enumerate(ops) if op.tag == "equal"]
    if not shared:
        return None
    head, tail = ops[shared[0]], ops[shared[-1]]
    inner = _cost(ops[shared[0] : shared[-1] + 1])
    before, after = query[: head.src_start], query[tail.src_end :]
    start, end = found.first + head.dest_start, found.first + tail.dest_end
    outside = len(before) * (start - found.first + reach) + len(after) * (found.last - end + reach)
    if outside > _EXACT:
        return None
    at_start = {
        first: Levenshtein.distance(before, codes[first:start])
        if first <= start
        else len(before) + first - start
        for first in range(found.first - reach, found.first + reach + 1)
    }
    at_end = {
        last: Levenshtein.distance(after, codes[end:last])
        if last >= end
        else len(after) + end - last
        for last in range(found.last - reach, found.last + reach + 1)
    }
    return lambda first, last: at_start[first] + inner + at_end[last]


def _locate(query: str, source: _Source, slack: int) -> _Found | None:
    best: _Found | None = None
    for lo, hi in _windows(query, source, slack):
        found = _align(query, source.words.codes[lo:hi], lo)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return None if best is None else _refine(query, source.words.codes, best)


# --------------------------------------------------------------------------
# Judging


def _tidy(text: str) -> str:
    """Return ``text`` with typographic variants folded and spaces collapsed."""
    return " ".join(_BREAK.sub("", text).translate(_TYPOGRAPHY).split()).strip(_EDGE)


def _differences(quote: _Words, source: _Words, first: int, ops: Sequence[_Op]) -> list[Difference]:
    """Return the differences ``ops`` (quote to source passage from word ``first``) stand for."""
    out = []
    for op in ops:
        if op.tag == "equal":
            # Same words: report changes of case or inner punctuation, but
            # not a capital on the quote's first word (news style).
            for k in range(op.src_end - op.src_start):
                qi, si = op.src_start + k, first + op.dest_start + k
                q_word = quote.text[quote.starts[qi] : quote.ends[qi]]
                s_word = _BREAK.sub("", source.text[source.starts[si] : source.ends[si]])
                if qi == 0:
                    q_word, s_word = (
                        q_word[:1].lower() + q_word[1:],
                        s_word[:1].lower() + s_word[1:],
                    )
                if q_word.translate(_TYPOGRAPHY) != s_word.translate(_TYPOGRAPHY):
                    out.append(Difference(change=Change.REPLACE, quote=q_word, source=s_word))
            continue
        change = {"replace": Change.REPLACE, "insert": Change.DELETE, "delete": Change.INSERT}[
            op.tag
        ]
        out.append(
            Difference(
                change=change,
                quote=quote.words(op.src_start, op.src_end),
                source=source.words(first + op.dest_start, first + op.dest_end),
            )
        )
    return out


def _same_punctuation(quote: _Words, source: _Words, first: int, last: int) -> bool:
    q_text = _tidy(quote.text[quote.starts[0] : quote.ends[-1]])
    s_text = _tidy(source.text[source.starts[first] : source.ends[last - 1]])
    return q_text[:1].lower() + q_text[1:] == s_text[:1].lower() + s_text[1:]


@frozen
class _Part:
    """A piece of a quote: words, or a mark standing for source words."""

    words: _Words | None  # None for a mark
    mark: Change | None = None  # Change.ELIDE or Change.BRACKET
    bracket: str = ""  # the words in brackets


_MARKS = re.compile(f"{_ELISION.pattern}|{_BRACKET.pattern}")


def _parts(text: str, codes: _Codes) -> list[_Part]:
    """Split a quote at its elision marks and bracketed insertions."""
    out: list[_Part] = []
    position = 0
    for m in _MARKS.finditer(text):
        words = _Words.of(text, codes, position, m.start())
        if words.codes:
            out.append(_Part(words))
        if _ELISION.fullmatch(m.group()):
            out.append(_Part(None, Change.ELIDE))
        else:
            out.append(_Part(None, Change.BRACKET, m.group()[1:-1].strip()))
        position = m.end()
    words = _Words.of(text, codes, position)
    if words.codes or not out:
        out.append(_Part(words))
    return out


def _check_parts(
    text: str, spans: tuple[Span, ...], parts: list[_Part], sources: list[_Source], near: int
) -> QuoteCheck:
    """Check a quote with elisions or brackets: each run of words in order, in one source."""
    runs = [p.words for p in parts if p.words is not None]
    codes = "".join(w.codes for w in runs)
    best: QuoteCheck | None = None
    for index, source in enumerate(sources):
        words = source.words
        for lo, hi in _windows(codes, source, slack=max(60, 3 * len(codes))):
            cursor = lo
            diffs: list[Difference] = []
            scores: list[float] = []
            first: int | None = None
            marks: list[_Part] = []
            for part in parts:
                if part.words is None:
                    marks.append(part)
                    continue
                found = _align(part.words.codes, words.codes[cursor:hi], cursor)
                if found is None or found.score < 80:
                    scores.append(0.0)
                    break
                found = _refine(part.words.codes, words.codes[:hi], found)
                gap = words.words(cursor, found.first) if first is not None else ""
                for mark in marks:
                    assert mark.mark is not None
                    diffs.append(Difference(change=mark.mark, quote=mark.bracket, source=gap))
                    gap = ""  # a run of marks stands for one gap
                marks = []
                if first is None:
                    first = found.first
                ops = _edits_into(part.words.codes, words.codes, found)
                diffs.extend(_differences(part.words, words, found.first, ops))
                scores.append(found.score)
                cursor = found.last
            if first is None or not scores or min(scores) < 80:
                continue
            for mark in marks:  # marks after the last words
                assert mark.mark is not None
                diffs.append(Difference(change=mark.mark, quote=mark.bracket, source=""))
            score = math.fsum(scores) / len(scores) / 100.0
            if best is None or score > best.score:
                start, end = words.starts[first], words.ends[cursor - 1]
                best = QuoteCheck(
                    text=text,
                    spans=spans,
                    verdict=Verdict.PARAPHRASE,
                    score=round(score, 4),
                    source=index,
                    start=start,
                    end=end,
                    passage=words.text[start:end],
                    differences=tuple(diffs),
                )
    if best is None:
        # The pieces are not all there in order: judge the words as a whole.
        whole = _Words.of(
            " ".join(w.text[w.starts[0] : w.ends[-1]] for w in runs),
            sources[0].codes if sources else _Codes(),
        )
        check = _check_plain(text, spans, whole, sources, near)
        if check.verdict in (Verdict.VERBATIM, Verdict.NEAR):
            check = attrs.evolve(check, verdict=Verdict.PARAPHRASE)
        return check
    return best


def _moved(quote: _Words, source: _Words, first: int, last: int, ops: Sequence[_Op]) -> bool:
    """Return whether the words the quote adds or swaps stand just outside the passage.

    "our skies we are going to protect" against "we're going to protect our
    skies" aligns as two added words, but they were moved, not added. A
    quote with changes in so many places that looking for each near the
    passage would take time quadratic in its length is not a move.
    """
    added = [
        quote.codes[op.src_start : op.src_end] for op in ops if op.tag in ("delete", "replace")
    ]
    if not added:
        return False
    reach = len(quote.codes) // 2 + 1
    around = source.codes[max(0, first - reach) : first] + " " + source.codes[last : last + reach]
    if len(added) * len(around) > _EXACT:
        return False
    return all(run in around for run in added)


def _check_plain(
    text: str, spans: tuple[Span, ...], quote: _Words, sources: list[_Source], near: int
) -> QuoteCheck:
    """Check a quote with no elisions: the best passage of any source."""
    n = len(quote.codes)
    best: tuple[_Found, int] | None = None
    for index, source in enumerate(sources):
        found = _locate(quote.codes, source, slack=max(10, n))
        if found is not None and (best is None or found.score > best[0].score):
            best = (found, index)
    if best is None:
        return QuoteCheck(text=text, spans=spans, verdict=Verdict.NOT_FOUND)
    found, index = best
    words = sources[index].words
    first, last = found.first, found.last
    ops = _edits_into(quote.codes, words.codes, found)
    edits = _cost(ops)
    if edits == 0 and _same_punctuation(quote, words, first, last):
        verdict = Verdict.VERBATIM
    elif (
        edits <= max(near, n // 10) and edits < n / 2 and not _moved(quote, words, first, last, ops)
    ):
        verdict = Verdict.NEAR
    else:
        # The same words in another order, or too many changes for "near":
        # a paraphrase if four in five of the quote's words are in a passage
        # of about its length, else not found.
        lo, hi = max(0, first - n // 2), min(len(words.codes), last + n // 2)
        wanted = set(quote.codes)
        hits = [i for i in range(lo, hi) if words.codes[i] in wanted]
        found_codes = {words.codes[i] for i in hits}
        shared = sum(1 for code in quote.codes if code in found_codes) / n
        if n < 3 or shared < 0.8:
            return QuoteCheck(
                text=text, spans=spans, verdict=Verdict.NOT_FOUND, score=round(found.score / 100, 4)
            )
        verdict = Verdict.PARAPHRASE
        first, last = hits[0], hits[-1] + 1
        ops = _opcodes(quote.codes, words.codes[first:last])
    start, end = words.starts[first], words.ends[last - 1]
    return QuoteCheck(
        text=text,
        spans=spans,
        verdict=verdict,
        score=round(found.score / 100, 4),
        source=index,
        start=start,
        end=end,
        passage=words.text[start:end],
        differences=tuple(_differences(quote, words, first, ops)),
    )


# --------------------------------------------------------------------------
# Quotes of an article

# Between two pieces of one quote: a short attribution with no sentence end
# before it, as in '"We will win," he said, "and rebuild."'.
_GAP_WORDS = re.compile(r"[\w'’.-]+")


def _article_quotes(text: str, quotes: Sequence[Quote] = ()) -> list[tuple[str, tuple[Span, ...]]]:
    """Return the article's direct quotes, pieces of one quote joined."""
    if not quotes:
        quotes, _ = find_quotes(text, paragraphs(text))
    outer = [q for q in quotes if q.depth == 0 and q.kind is QuoteKind.DIRECT]
    groups: list[list[Span]] = []
    previous = None
    for q in outer:
        inner = q.inner
        if previous is not None and (q.group == previous.group or _split(text, previous, q)):
            groups[-1].append(inner)
        else:
            groups.append([inner])
        previous = q
    return [
        (" ".join(text[s.start : s.end].strip() for s in spans), tuple(spans)) for spans in groups
    ]


def _split(text: str, first: Quote, second: Quote) -> bool:
    """Return whether two quotes are pieces of one around a short attribution."""
    gap = text[first.end : second.start]
    # A paragraph break (U+2029) is where a line ended in a Markdown or HTML
    # article once its markup was blanked out (two list items, "- ").
    if LINE_BREAK.search(gap) or PARAGRAPH in gap or len(_GAP_WORDS.findall(gap)) > 6:
        return False
    before = text[first.inner.start : first.inner.end].rstrip()
    after = text[second.inner.start : second.inner.end].lstrip()
    return before.endswith(",") or (after[:1].islower())


def verify_quotes(
    article: str | Analysis | Iterable[str],
    sources: str | Sequence[str],
    *,
    near: int = 2,
) -> tuple[QuoteCheck, ...]:
    """Find each direct quote of ``article`` in ``sources`` and judge it.

    Args:
        article: an article's text or analysis (its direct quotes: those of
            the analysis, else found with
            :func:`attribution.quotes.find_quotes`; the pieces of a
            quote continued over paragraphs or split around "he said" are
            checked as one), or quote strings to check as they are.
        sources: the source text, or several (a transcript, a statement).
        near: most changed, added or missing words for ``near`` (or a tenth
            of the quote's words, if more).

    Returns:
        One check per quote, in article order.
    """
    source_texts = [sources] if isinstance(sources, str) else list(sources)
    codes = _Codes()
    prepared = [_Source(text, codes) for text in source_texts]
    if isinstance(article, Analysis):
        items = _article_quotes(article.text, article.quotes)
    elif isinstance(article, str):
        items = _article_quotes(article)
    else:
        items = [(quote, ()) for quote in article]
    out: list[QuoteCheck] = []
    for text, spans in items:
        check = _check(text, spans, codes, prepared, near)
        if (
            check.verdict is Verdict.NOT_FOUND
            and len(spans) > 1
            and isinstance(article, str | Analysis)
        ):
            # Joined pieces not found together: maybe two quotes after all.
            whole = article if isinstance(article, str) else article.text
            out.extend(
                _check(whole[s.start : s.end].strip(), (s,), codes, prepared, near) for s in spans
            )
        else:
            out.append(check)
    return tuple(out)


def _check(
    text: str, spans: tuple[Span, ...], codes: _Codes, sources: list[_Source], near: int
) -> QuoteCheck:
    parts = _parts(text, codes)
    if len(parts) == 1 and parts[0].words is not None:
        return _check_plain(text, spans, parts[0].words, sources, near)
    return _check_parts(text, spans, parts, sources, near)
