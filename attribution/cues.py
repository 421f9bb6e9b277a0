"""Find attribution cues: the words that say someone said, wrote or thinks something.

A token is a *candidate* when its lower-cased form is in the cue lexicon
(``data/cue_lemmas.tsv``, expanded to every inflection, plus the nouns of
``data/cue_nouns.txt`` and the cue words learned from PolNeAR in
``data/cue_learned.txt``). A small averaged-perceptron model
(``data/cue_model.json``, built by ``scripts/train_cues.py``) decides from the
candidate's context whether it is a cue here: "said" almost always is, "called"
or "show" often are not. The cue span then grows over the auxiliaries and
adverbs PolNeAR includes ("has also said") and over particles learned with the
head ("called for", "according to").
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Sequence

from attrs import frozen

from attribution._caches import text_cache
from attribution._tokens import CLOSE_QUOTES, LOWER, OPEN_QUOTES, QUOTE_CHARS, Token
from attribution.lexicon import ordered_list, read_data, table, word_list
from attribution.model import Cue


@frozen
class CueWord:
    """What the lexicon knows of one cue word form."""

    lemma: str
    kind: str
    stance: str


def _inflections(lemma: str) -> set[str]:
    """Return the regular inflections of a verb lemma (a superset is harmless)."""
    forms = {lemma}
    if lemma.endswith("e"):
        stem = lemma[:-1]
        forms |= {lemma + "s", lemma + "d", stem + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        stem = lemma[:-1]
        forms |= {stem + "ies", stem + "ied", lemma + "ing"}
    else:
        plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
        forms |= {plural, lemma + "ed", lemma + "ing"}
        if (
            len(lemma) >= 3
            and lemma[-1] not in "aeiouwxy"
            and lemma[-2] in "aeiou"
            and lemma[-3] not in "aeiou"
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@functools.cache
def lexicon() -> dict[str, CueWord]:
    """Return every known cue word form, mapped to its lemma, kind and stance."""
    out: dict[str, CueWord] = {}
    for row in table("cue_lemmas"):
        lemma, kind, stance = row[0], row[1], row[2]
        forms = _inflections(lemma)
        if len(row) > 3 and row[3]:
            forms |= set(row[3].split(","))
        for form in forms:
            out.setdefault(form, CueWord(lemma, kind, stance))
    for noun in word_list("cue_nouns"):
        out.setdefault(noun, CueWord(noun.removesuffix("s"), "noun", "neutral"))
    out["according"] = CueWord("according to", "according", "neutral")
    return out


@functools.cache
def _candidates() -> frozenset[str]:
    return frozenset(lexicon()) | word_list("cue_learned")


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    """Return the weights and the bias, with the decision threshold folded in."""
    data = json.loads(read_data("cue_model.json"))
    return data["weights"], float(data["bias"]) - float(data.get("threshold", 0.0))


@functools.cache
def _suffixes() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return, per head word, the word sequences that may follow it in a cue."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in ordered_list("cue_suffixes"):
        head, _, rest = line.partition(" ")
        out.setdefault(head, []).append(tuple(rest.split()))
    # Longest first, so "said in a statement" wins over "said in".
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _flag(name: str) -> tuple[str, str]:
    """Return the two values of a boolean feature, indexed by the boolean."""
    return f"{name}=False", f"{name}=True"


# The boolean features, as :func:`features` lists them.
_FLAGS = (
    "q", "cap", "p1cap", "n1cap", "first", "end", "that4",
    "n1quote", "p1quote", "p1open", "p1close", "sq",
)  # fmt: skip
# Their strings, built once: ``_CAP[tok.is_cap]``.
_Q, _CAP, _P1CAP, _N1CAP, _FIRST, _END, _THAT4, _N1QUOTE, _P1QUOTE, _P1OPEN, _P1CLOSE, _SQ = (
    _flag(name) for name in _FLAGS
)


def features(
    tokens: Sequence[Token], i: int, quoted: Sequence[bool], any_quoted: bool | None = None
) -> list[str]:
    """Return the classifier features of candidate ``tokens[i]`` in its sentence.

    ``quoted[i]`` tells whether token ``i`` lies inside a quotation;
    ``any_quoted`` whether any token of the sentence does (computed when not
    given; pass it to keep a long sentence linear). The training script
    builds its data with this function; analysis scores candidates with
    :func:`score_at`, which the tests check against it.
    """
    if any_quoted is None:
        any_quoted = any(quoted)
    n = len(tokens)
    tok = tokens[i]
    w = tok.lower
    info = lexicon().get(w)
    kind, known_lemma = (info.kind, info.lemma) if info else ("?", "?")
    # The neighbours, with sentence-boundary markers past either end.
    p1 = tokens[i - 1].lower if i >= 1 else "<s>"
    p2 = tokens[i - 2].lower if i >= 2 else "<s>"
    n1 = tokens[i + 1].lower if i + 1 < n else "</s>"
    n2 = tokens[i + 2].lower if i + 2 < n else "</s>"
    q = quoted[i]
    feats = [
        "w=" + w,
        "k=" + kind,
        "l=" + known_lemma,
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        f"p1w={p1}|{w}",
        f"wn1={w}|{n1}",
        f"k_n1={kind}|{n1}",
        _Q[q],
        _CAP[tok.is_cap],
        _P1CAP[i > 0 and tokens[i - 1].is_cap],
        _N1CAP[i + 1 < n and tokens[i + 1].is_cap],
        _FIRST[i == 0],
        _END[i >= n - 2],
        "suf=" + w[-3:],
        _THAT4["that" in [t.lower for t in tokens[i + 1 : i + 5]]],
        _N1QUOTE[n1[:1] in QUOTE_CHARS],
        _P1QUOTE[p1[:1] in QUOTE_CHARS],
        _P1OPEN[p1[:1] in OPEN_QUOTES],
        _P1CLOSE[p1[:1] in CLOSE_QUOTES],
    ]
    if i + 1 < n and tokens[i + 1].text == ":":
        feats.append("colon")
    lemma = info.lemma if info else w  # an unknown word stands for itself here, not "?"
    feats += (f"lq={lemma}|{q}", _SQ[any_quoted], f"p1p2={p2}|{p1}", f"ln2={lemma}|{n2}")
    return feats


def score(feats: Sequence[str]) -> float:
    """Return the model's score for a candidate's features (positive: a cue)."""
    weights, bias = _model()
    # Added one by one, left to right, as :func:`score_at` adds them: builtin
    # ``sum`` compensates rounding from Python 3.12 on, and the two must agree.
    total = 0.0
    for feat in feats:
        total += weights.get(feat, 0.0)
    return bias + total


# The features that pair the candidate (its word, kind or lemma) with a context word.
_PAIRED = ("p1w", "wn1", "k_n1", "lq", "ln2")
# The features that look at one context word, or at the two before the candidate.
_CONTEXT = ("w", "k", "l", "p1", "p2", "n1", "n2", "suf", "p1p2")


@frozen
class _Weights:
    """The model's weights indexed by what each feature looks at, for :func:`score_at`.

    ``context[name][value]`` is the weight of feature ``name=value``
    (``context["p1"]["he"]`` that of ``"p1=he"``). ``paired`` splits the
    features that pair the candidate with its context by the candidate's side
    first: ``paired["p1w"]["said"]["he"]`` is the weight of ``"p1w=he|said"``.
    ``flag_pairs`` holds each boolean feature's weights for False and True.
    ``pairs_before`` holds the weights of ``"p1p2="`` keyed by the two words
    before the candidate, ``(p2, p1)``, so that no feature string is built.
    """

    bias: float
    context: dict[str, dict[str, float]]
    paired: dict[str, dict[str, dict[str, float]]]
    colon: float
    # The tables of "p1=", "p2=", "n1=" and "n2=", and the flags' pairs in the
    # order of _FLAGS, for score_at to unpack at once.
    neighbours: tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]
    flag_pairs: tuple[tuple[float, float], ...]
    pairs_before: dict[tuple[str, str], float]


def _split_pairs(table: dict[str, float]) -> dict[tuple[str, str], float]:
    """Return ``{"a|b": weight}`` keyed by ``("a", "b")`` instead.

    A word may itself be "|", so every split of a key is kept: the pair
    ``(a, b)`` then finds exactly the weight that ``f"{a}|{b}"`` finds.
    """
    out: dict[tuple[str, str], float] = {}
    for key, weight in table.items():
        for at, char in enumerate(key):
            if char == "|":
                out[key[:at], key[at + 1 :]] = weight
    return out


@functools.cache
def _weights() -> _Weights:
    """Return the model's weights indexed for :func:`score_at`.

    Raises ValueError for a feature :func:`score_at` does not compute: a model
    trained after a feature was added to :func:`features` but not there.
    """
    weights, bias = _model()
    context: dict[str, dict[str, float]] = {name: {} for name in _CONTEXT}
    paired: dict[str, dict[str, dict[str, float]]] = {name: {} for name in _PAIRED}
    for feat, weight in weights.items():
        name, _, value = feat.partition("=")
        if name in context:
            context[name][value] = weight
        elif name == "p1w":  # "p1w=he|said": the candidate comes last
            other, _, word = value.rpartition("|")
            paired[name].setdefault(word, {})[other] = weight
        elif name in paired:  # "wn1=said|that": the candidate comes first
            word, _, other = value.partition("|")
            paired[name].setdefault(word, {})[other] = weight
        elif name not in _FLAGS and feat != "colon":
            msg = f"cue model feature {feat!r} is not one score_at() computes"
            raise ValueError(msg)
    return _Weights(
        bias=bias,
        context=context,
        paired=paired,
        colon=weights.get("colon", 0.0),
        neighbours=(context["p1"], context["p2"], context["n1"], context["n2"]),
        flag_pairs=tuple(
            (weights.get(f"{name}=False", 0.0), weights.get(f"{name}=True", 0.0)) for name in _FLAGS
        ),
        pairs_before=_split_pairs(context["p1p2"]),
    )


@frozen
class _WordWeights:
    """The weights of one candidate word that do not depend on its context, or pair with it."""

    head: float  # "w=", "k=" and "l=", summed in that order
    suffix: float  # "suf="
    after: dict[str, float]  # "p1w=" by the word before
    before: dict[str, float]  # "wn1=" by the word after
    kind_before: dict[str, float]  # "k_n1=" by the word after
    lemma_quoted: tuple[float, float]  # "lq=" when not quoted and when quoted
    lemma_next2: dict[str, float]  # "ln2=" by the second word after


@text_cache()  # more than there are candidate words
def _word_weights(word: str) -> _WordWeights:
    """Return the weights of candidate ``word`` that :func:`score_at` needs."""
    weights = _weights()
    info = lexicon().get(word)
    kind, known_lemma = (info.kind, info.lemma) if info else ("?", "?")
    lemma = info.lemma if info else word  # as in features()
    context, paired = weights.context, weights.paired
    quoted = paired["lq"].get(lemma, {})
    head = 0.0
    head += context["w"].get(word, 0.0)
    head += context["k"].get(kind, 0.0)
    head += context["l"].get(known_lemma, 0.0)
    return _WordWeights(
        head=head,
        suffix=context["suf"].get(word[-3:], 0.0),
        after=paired["p1w"].get(word, {}),
        before=paired["wn1"].get(word, {}),
        kind_before=paired["k_n1"].get(kind, {}),
        lemma_quoted=(quoted.get("False", 0.0), quoted.get("True", 0.0)),
        lemma_next2=paired["ln2"].get(lemma, {}),
    )


def score_at(
    tokens: Sequence[Token],
    i: int,
    quoted: Sequence[bool],
    any_quoted: bool,
    lowers: Sequence[str],
) -> float:
    """Return ``score(features(tokens, i, quoted, any_quoted))`` without building the features.

    The same weights are added in the same order, so the result is the same
    float, but they are read from tables keyed by the neighbouring words
    instead of by feature strings: this runs for every candidate in the
    text. A change to :func:`features` must be made here too (and
    :func:`_weights` refuses a model with a feature this function lacks).
    ``lowers`` are the tokens' lower-cased texts, as a list (reading a
    word from it is cheaper than a token's field).
    """
    weights = _weights()
    p1_weights, p2_weights, n1_weights, n2_weights = weights.neighbours
    q_flag, cap, p1cap, n1cap, first, end, that4, n1quote, p1quote, p1open, p1close, sq = (
        weights.flag_pairs
    )
    n = len(tokens)
    word = _word_weights(lowers[i])
    # The neighbours, with the sentence-boundary markers of features() past either end.
    p1 = lowers[i - 1] if i else "<s>"
    p2 = lowers[i - 2] if i >= 2 else "<s>"
    n1 = lowers[i + 1] if i + 1 < n else "</s>"
    n2 = lowers[i + 2] if i + 2 < n else "</s>"
    before_text = tokens[i - 1].text if i else "<s>"
    after_text = tokens[i + 1].text if i + 1 < n else "</s>"
    p1_mark = p1[:1]
    q = quoted[i]
    total = word.head
    total += p1_weights.get(p1, 0.0)
    total += p2_weights.get(p2, 0.0)
    total += n1_weights.get(n1, 0.0)
    total += n2_weights.get(n2, 0.0)
    total += word.after.get(p1, 0.0)
    total += word.before.get(n1, 0.0)
    total += word.kind_before.get(n1, 0.0)
    total += q_flag[q]
    # Token.is_cap spelled out, a call less each (a marker is not capitalized).
    total += cap[tokens[i].text[0].isupper()]
    total += p1cap[before_text[0].isupper()]
    total += n1cap[after_text[0].isupper()]
    total += first[i == 0]
    total += end[i >= n - 2]
    total += word.suffix
    total += that4["that" in lowers[i + 1 : i + 5]]
    total += n1quote[n1[:1] in QUOTE_CHARS]
    total += p1quote[p1_mark in QUOTE_CHARS]
    total += p1open[p1_mark in OPEN_QUOTES]
    total += p1close[p1_mark in CLOSE_QUOTES]
    if after_text == ":":
        total += weights.colon
    total += word.lemma_quoted[q]
    total += sq[any_quoted]
    total += weights.pairs_before.get((p2, p1), 0.0)
    total += word.lemma_next2.get(n2, 0.0)
    return weights.bias + total


def _is_adverb(tok: Token) -> bool:
    """Return whether a token looks like a manner adverb ("powerfully", "flatly")."""
    w = tok.lower
    if w.endswith(("n't", "n’t")):
        return True  # "haven't said": a negated auxiliary belongs to the cue too
    return len(w) > 4 and w.endswith("ly") and not tok.is_cap and w not in ("only", "early")


_MAX_PREFIX = 6  # "has also repeatedly and publicly said": never more than this


def head_and_span(tokens: Sequence[Token], i: int, lowers: Sequence[str]) -> tuple[int, int]:
    """Return the first and last token index of the cue headed by ``tokens[i]``.

    ``lowers`` are the tokens' lower-cased texts, as a list.
    """
    prefixes = word_list("cue_prefixes")
    first = i
    stop = max(0, i - _MAX_PREFIX)
    while first > stop and (lowers[first - 1] in prefixes or _is_adverb(tokens[first - 1])):
        first -= 1
    last = i
    suffixes = _suffixes().get(lowers[i], ())
    if suffixes:
        # The words after the head, as many as the longest suffix (the first) has.
        after = tuple(lowers[i + 1 : i + 1 + len(suffixes[0])])
        for seq in suffixes:
            if after[: len(seq)] == seq:
                last = i + len(seq)
                break
    return first, last


_CONTROL = frozenset(("want", "urge", "ask", "expect", "call", "press"))


def is_possessive(word: str) -> bool:
    """Return whether a lower-cased token is possessive: "trump's", "its"."""
    return word.endswith(("'s", "’s")) or word in word_list("possessives")


_PASSIVE_AUX = frozenset(("is", "was", "are", "were", "been", "be", "being"))
_SAYING = frozenset(("speech", "writing", "posting", "report"))
_FRAME_NEXT = frozenset(("that", "by", "from"))


def _frame(tokens: Sequence[Token], i: int, quoted: Sequence[bool], lowers: Sequence[str]) -> bool:
    """Return whether a lexicon word sits in a frame that always attributes.

    A cue noun before its content ("warnings by Kyiv that ...", "the claim
    that ...") and a passive cue ("it was reported by X that ...", "it is
    believed that ...") introduce content whatever the model thinks.
    ``lowers`` are the tokens' lower-cased texts.
    """
    word = lowers[i]
    info = lexicon().get(word)
    if info is None or quoted[i] or i + 1 >= len(tokens):
        return False
    nxt = lowers[i + 1]
    # "control" as below: only it, a saying word, "that", "by" or "from" can make a frame.
    control = info.kind in ("intention", "request") and info.lemma in _CONTROL
    if nxt not in _FRAME_NEXT and not control and info.kind not in _SAYING:
        return False  # most candidates
    if info.kind in _SAYING:
        # 'posted on X: "..."', 'said in a statement: "..."': a colon, then a quotation.
        window = lowers[i + 1 : min(i + 7, len(tokens) - 1)]
        if ":" in window:
            j = i + 1 + window.index(":")
            if tokens[j + 1].text[0] in QUOTE_CHARS:
                return True
    if word in word_list("cue_nouns"):
        prev = lowers[i - 1] if i else ""
        if info.kind == "noun" or is_possessive(prev):
            return nxt == "that" or (nxt in ("by", "from") and _that_ahead(lowers, i))
    # "The governor wants the legislature to pass the budget": an object, then
    # an infinitive: the wish is attributed to the subject.
    if control and nxt != "to" and "to" in lowers[i + 2 : i + 7]:
        return True
    if nxt != "that" and not (nxt == "by" and _that_ahead(lowers, i)):
        return False
    # "it was reported that", "it is widely believed that": a passive.
    return i > 0 and (
        lowers[i - 1] in _PASSIVE_AUX
        or (i > 1 and _is_adverb(tokens[i - 1]) and lowers[i - 2] in _PASSIVE_AUX)
    )


def _that_ahead(lowers: Sequence[str], i: int) -> bool:
    """Return whether "that" follows word ``i + 1`` closely: "warnings by Kyiv that"."""
    return "that" in lowers[i + 2 : i + 8]


_NOUN_MARKERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "every", "each"))


def _verb_cue(word: str) -> bool:
    info = lexicon().get(word)
    return info is None or info.kind != "noun"


def find_cues(
    tokens: Sequence[Token], quoted: Sequence[bool], lowers: Sequence[str] | None = None
) -> list[tuple[int, int, int, float]]:
    """Return ``(first, head, last, score)`` for each cue in one sentence.

    ``first``/``last`` are the cue's token span and ``head`` its main word;
    ``score`` is the model's margin (infinite for a frame that always
    attributes), so later stages can ask more of a doubtful cue.
    ``lowers`` may give the tokens' lower-cased texts, as a list; they
    must be exactly ``[t.lower for t in tokens]``, as every decision reads
    them (only their length is checked).

    Raises:
        ValueError: for ``lowers`` not as long as ``tokens``.
    """
    out: list[tuple[int, int, int, float]] = []
    # The candidates' indices, found at C speed: most tokens are none.
    if lowers is not None and len(lowers) != len(tokens):
        msg = f"find_cues() got {len(lowers)} lower-cased words for {len(tokens)} tokens"
        raise ValueError(msg)
    if lowers is None:
        lowers = list(map(LOWER, tokens))
    is_candidate = map(_candidates().__contains__, lowers)
    positions = list(itertools.compress(itertools.count(), is_candidate))
    if not positions:
        return out
    taken = -1
    any_quoted = any(quoted)
    for i in positions:
        if i <= taken:
            continue
        if i > 0 and lowers[i - 1] in _NOUN_MARKERS and _verb_cue(lowers[i]):
            continue  # "the call", "a report": a noun, not the verb
        # A frame always attributes; elsewhere the model decides.
        if _frame(tokens, i, quoted, lowers):
            margin = math.inf
        else:
            margin = score_at(tokens, i, quoted, any_quoted, lowers)
        if margin > 0:
            first, last = head_and_span(tokens, i, lowers)
            first = max(first, taken + 1)
            out.append((first, i, last, margin))
            taken = last
    return out


def make_cue(tokens: Sequence[Token], first: int, head: int, last: int) -> Cue:
    """Build the :class:`Cue` value for token indices found by :func:`find_cues`."""
    info = lexicon().get(tokens[head].lower)
    return Cue(
        start=tokens[first].start,
        end=tokens[last].end,
        lemma=info.lemma if info else tokens[head].lower,
        kind=info.kind if info else "other",
    )
