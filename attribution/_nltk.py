"""The package's only door to NLTK: Punkt sentence splitting behind typed functions.

NLTK is untyped and its Punkt classes carry mutable state, so nothing else in
the package touches them. Callers describe a model with the frozen
:class:`PunktModel` (plain strings, as stored in ``attribution/data``) and get
back plain ``(start, end)`` pairs. Nothing here downloads NLTK data: the
parameters come from the caller, never from ``nltk.data``.

Parts of Punkt's two passes are reproduced here for speed, as NLTK 3.10
runs them, and checked against NLTK's own output (``tests/test_segment.py``
compares the two on real and random text); ``pyproject.toml`` requires 3.10.
"""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from attrs import frozen

from attribution._caches import MAX_KEY_LENGTH, text_cache
from attribution._tokens import SENTENCE_END_CHARS

NUMBER = "<number>"
"""How data files write Punkt's type for any number (Punkt's own ``##number##``
would read as a comment there)."""

_PUNKT_NUMBER = "##number##"
# Whitespace as NLTK's ``regex`` engine reads ``\s`` (Unicode White_Space,
# without the separators \x1c-\x1f that ``re`` counts), so NLTK's patterns
# compiled by ``re`` match the same; and the whitespace Punkt looks for
# before a candidate break (``string.whitespace``).
_REGEX_SPACE = r"[^\S\x1c-\x1f]"
_REGEX_NON_SPACE = r"[\S\x1c-\x1f]"
_ASCII_SPACE = " \t\n\r\x0b\x0c"
# A word of two or more ASCII letters and a period ("said."), the head of most
# candidate breaks: Punkt's only word token of it is itself.
_PLAIN_WORD = re.compile(r"[A-Za-z]{2,}\.")


class _Punkt(NamedTuple):
    """NLTK's Punkt module and this package's news-copy subclasses of it."""

    module: Any
    language_vars: Any
    tokenizer: Any


def _import_punkt() -> Any:
    """Import NLTK's Punkt module without the statistics NLTK pulls in for collocations.

    ``import nltk`` imports ``scipy.stats`` when SciPy is installed, for
    collocation measures this package never uses; that alone costs about a
    second of start-up. Unless the caller already imported SciPy, the import
    is refused for the duration (NLTK falls back on its own) and allowed
    again afterwards.
    """
    blocked = [name for name in ("scipy", "scipy.stats") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import scipy" fail
    try:
        from nltk.tokenize import punkt
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return punkt


@functools.cache
def _punkt() -> _Punkt:
    """Import Punkt on first use."""
    punkt = _import_punkt()

    class NewsLanguageVars(punkt.PunktLanguageVars):  # type: ignore[misc,name-defined]
        """Punkt's English conventions, adjusted for news copy.

        - ``\u2026`` is a sentence-end character, so "He paused\u2026 Then he
          left." can split; a continuation in lower case ("paused\u2026 and
          left") is rejoined by the caller.
        - Opening curly quotes, guillemets and the apostrophe (half of a PTB
          ``''``) cannot start a word, so in "\u201cMr. Smith" the token is
          "Mr." and is found among the abbreviations (stock Punkt makes it
          "\u201cMr." and learns "\u201cmr" as a separate abbreviation).
        """

        sent_end_chars = SENTENCE_END_CHARS
        _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,'\u2018\u201c\u00ab]"

    class NewsTokenizer(punkt.PunktSentenceTokenizer):  # type: ignore[misc,name-defined]
        """Punkt, judging each candidate break by the word it ends, not the next one.

        Stock Punkt decides a candidate from a context holding the word before the
        mark and the whole next whitespace-delimited token, and breaks if *any*
        token but the last is a break. So in "to Mr. Trump.”" the period of
        "Trump." followed by the quote counts as a break after "Mr."; likewise
        "the U.S. Senate!”" and "Nov. 8.”". Here only the tokens up to
        the candidate mark count.

        Punkt's word tokens of a string depend on that string alone, and its
        decision at a candidate on the word tokens up to the mark and the first
        word token after it: both are remembered for the short strings that
        recur (common words, abbreviations and the names after them), which
        spares most of NLTK's regular expressions per candidate. So is whether
        a word is a break whatever follows it ("said."), which decides most
        candidates without looking at the next word at all.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._words = text_cache()(self._tokenize_plain)
            self._always_breaks = text_cache()(self._breaks_anyway)
            self._decisions = text_cache()(self._decide)
            self._collocation_firsts = frozenset(first for first, _ in self._params.collocations)
            # The plain words (see _PLAIN_WORD) that are no break whatever follows.
            self._plain_exceptions = frozenset(self._params.abbrev_types) | self._collocation_firsts
            # NLTK's period_context_re, with its \s and \S as its engine reads them.
            lang = self._lang_vars
            self._period_context = re.compile(
                f"{lang._re_sent_end_chars}(?=(?P<after_tok>{lang._re_non_word_chars}"
                f"|{_REGEX_SPACE}+(?P<next_tok>{_REGEX_NON_SPACE}+)))"
            )
            # NLTK's boundary realignment pattern, likewise.
            realignment = lang.re_boundary_realignment.pattern.replace(r"\s", _REGEX_SPACE)
            self._realignment = re.compile(realignment, re.MULTILINE)

        def has_candidates(self, text: str) -> bool:
            """Return whether ``text`` may hold a sentence break at all.

            A candidate break is a sentence-end character followed by
            something, so a text with none before its last character is one
            sentence, and Punkt need not run.
            """
            return _holds_sentence_end(text, 0, len(text) - 1)

        def spans(self, text: str) -> list[tuple[int, int]]:
            """Return the ``(start, end)`` of each sentence of ``text``, realigned.

            What NLTK's ``span_tokenize`` returns for these breaks, in one
            pass: its ``_slices_from_text`` and ``_realign_boundaries``
            together, with no slice objects or generators between them. A sentence
            ends after the mark of a break; the next one starts at the next
            token, or at the punctuation right after the mark. Closing
            punctuation that starts a sentence ("(Sent1.) Sent2." or
            ``said."  Next``) moves to the sentence before, as NLTK's
            realignment does; its pattern is only tried where the next
            sentence does not start with a letter or digit, as none of what
            it moves is one.
            """
            realign = self._realignment.match
            end = len(text.rstrip())
            spans = []
            start = 0
            for match in self._breaks(text):
                following = match.start("next_tok") if match.group("next_tok") else match.end()
                # NLTK matches within the next sentence's slice, which ends
                # in a mark the pattern cannot cross or at the text's end: only
                # the text's end bounds it. A sentence before a break is never
                # empty (it ends in the mark), so every one is kept.
                moved = None if text[following].isalnum() else realign(text, following, end)
                if moved:
                    spans.append((start, following + len(moved.group(0).rstrip())))
                    start = moved.end()
                else:
                    spans.append((start, match.end()))
                    start = following
            if start < end:
                spans.append((start, end))
            return spans

        def _breaks(self, text: str) -> Iterator[re.Match[str]]:
            """Yield the candidate breaks of ``text`` that end a sentence."""
            for match, head in self._candidates(text):
                if self._ends_sentence(head, match.group("after_tok")):
                    yield match

        def _candidates(self, text: str) -> Iterator[tuple[re.Match[str], str]]:
            """Yield each candidate break and its head: the word before the mark, and the mark.

            NLTK's ``_match_potential_end_contexts``, which yields the head
            followed by the next token, with the same choice of candidates:
            the word before a mark starts after the last ASCII whitespace
            since the previous candidate, and a candidate whose word
            overlaps the next one's is dropped. Its pattern is NLTK's, run by
            :mod:`re` rather than through NLTK's timed ``regex`` wrapper (a
            generator per call and a clock per match), and the whitespace is
            found by :meth:`str.rfind` rather than a loop over characters.
            """
            previous: re.Match[str] | None = None
            word_start = word_stop = 0
            for match in self._period_context.finditer(text):
                stop = match.start()
                before = text[word_stop:stop]
                space = max(map(before.rfind, _ASCII_SPACE))
                start = word_stop + space + 1 if space > 0 else word_start
                if previous is not None and word_stop <= start:
                    yield previous, text[word_start : previous.end()]
                previous = match
                word_start, word_stop = start, stop
            if previous is not None:
                yield previous, text[word_start : previous.end()]

        def _ends_sentence(self, head: str, after: str) -> bool:
            """Return whether a token of ``head`` (up to the mark) is a sentence break.

            The first word token of ``after`` is the context Punkt's second
            pass needs.
            """
            if _PLAIN_WORD.fullmatch(head) and head[:-1].lower() not in self._plain_exceptions:
                return True  # "said.": most candidates, as _breaks_anyway decides
            words = self._words_of(head)
            if len(words) == 1 and len(head) <= MAX_KEY_LENGTH and self._always_breaks(words[0]):
                return True  # "?" or "José."
            following = self._words_of(after)
            next_word = following[0] if following else None
            if len(head) <= MAX_KEY_LENGTH and len(after) <= MAX_KEY_LENGTH:
                return self._decisions(words, next_word)
            return self._decide(words, next_word)

        def _decide(self, words: tuple[str, ...], next_word: str | None) -> bool:
            """Return whether one of ``words`` is a sentence break before ``next_word``.

            This is Punkt's ``_annotate_tokens`` over those tokens, unrolled:
            the first pass annotates each token alone, the second pass each
            token given the next one (which it reads but does not change), and
            the first break found ends the search.
            """
            tokens = [self._Token(word) for word in words]
            last = None if next_word is None else self._Token(next_word)
            for token in tokens if last is None else [*tokens, last]:
                self._first_pass_annotation(token)
            for token, next_token in zip(tokens, [*tokens[1:], last], strict=True):
                self._second_pass_annotation(token, next_token)
                if token.sentbreak:
                    return True
            return False

        def _breaks_anyway(self, word: str) -> bool:
            """Return whether a word token is a sentence break whatever token follows.

            That is when Punkt's first pass makes it a break (a word with a
            final period that is no abbreviation, or a lone "?") and no rule
            of the second pass can undo it: the word is no initial, no number
            and no first word of a collocation. For a plain word (two ASCII
            letters or more and a period) that is when its type is no
            abbreviation and no collocation's first word, which
            :meth:`_ends_sentence` tests first, without Punkt's token.
            """
            token = self._Token(word)
            self._first_pass_annotation(token)
            if not token.sentbreak:
                return False
            if not token.period_final:
                return True
            typ = token.type_no_period
            return not (token.is_initial or typ == _PUNKT_NUMBER or typ in self._collocation_firsts)

        def _tokenize_plain(self, text: str) -> tuple[str, ...]:
            """Return Punkt's word tokens of ``text`` (``_tokenize_words`` without flags)."""
            if "\n" in text:
                return tuple(token.tok for token in self._tokenize_words(text))
            return tuple(self._lang_vars.word_tokenize(text))

        def _words_of(self, text: str) -> tuple[str, ...]:
            """Return Punkt's word tokens of ``text``, remembered if it is short."""
            if len(text) <= MAX_KEY_LENGTH:
                return self._words(text)
            return self._tokenize_plain(text)

    return _Punkt(punkt, NewsLanguageVars, NewsTokenizer)


@frozen(kw_only=True, cache_hash=True)
class PunktModel:
    """The parameters of a Punkt sentence splitter, as plain frozen strings.

    Types are lower-case words as Punkt stores them: an abbreviation without
    its final period (``"u.s"``, ``"mr"``), a number as :data:`NUMBER`.

    Attributes:
        abbreviations: Word types that take a period without ending a sentence.
        collocations: Pairs ``(first, second)`` where a period after ``first``
            is not a sentence break when ``second`` follows ("No. 2").
        sentence_starters: Word types that often open a sentence, which lets
            a capitalised one end a sentence after an abbreviation.
        ortho_context: Pairs ``(type, flags)``: Punkt's bit set of the cases
            and positions (sentence start, middle, unknown) a type was seen in.
    """

    abbreviations: frozenset[str] = frozenset()
    collocations: frozenset[tuple[str, str]] = frozenset()
    sentence_starters: frozenset[str] = frozenset()
    ortho_context: tuple[tuple[str, int], ...] = ()


def _to_punkt(typ: str) -> str:
    return _PUNKT_NUMBER if typ == NUMBER else typ


def _from_punkt(typ: str) -> str:
    return NUMBER if typ == _PUNKT_NUMBER else typ


@functools.cache
def _tokenizer(model: PunktModel) -> Any:
    """Build (once per model) the NLTK tokenizer for ``model``."""
    punkt = _punkt()
    params = punkt.module.PunktParameters()
    params.abbrev_types = {_to_punkt(t) for t in model.abbreviations}
    params.collocations = {(_to_punkt(a), _to_punkt(b)) for a, b in model.collocations}
    params.sent_starters = {_to_punkt(t) for t in model.sentence_starters}
    for typ, flags in model.ortho_context:
        params.add_ortho_context(_to_punkt(typ), flags)
    params.ortho_context = _OrthoContext(params.ortho_context)
    return punkt.tokenizer(params, lang_vars=punkt.language_vars())


class _OrthoContext(dict[str, int]):
    """Punkt's orthographic contexts, where a type never seen has none.

    NLTK keeps them in a ``defaultdict``, which stores every type Punkt asks
    about (the word after each abbreviation, initial or number), so a stream
    of documents would grow it without bound. This answers 0 without storing.
    """

    def __missing__(self, key: str) -> int:
        return 0


# NLTK runs its regular expressions under a wall-clock limit (nltk.redos) and
# raises TimeoutError past it, so Punkt never sees more than this at once.
CHUNK = 20_000
# Where to cut a longer text: after a sentence-final mark, closing quotes or
# brackets, and whitespace ('done." Then'); failing that, after whitespace.
_CUT_AFTER_MARK = re.compile(r"[.!?\u2026][\"')\]}\u2019\u201d\u00bb]*\s+")
_CUT_AFTER_SPACE = re.compile(r"\s+")


def _chunks(text: str) -> Iterator[int]:
    """Yield the offsets where ``text`` is cut into pieces of at most ``CHUNK``.

    A cut is sought in the second half of each window, so pieces are at least
    half a window long and the whole search is linear.
    """
    pos = 0
    while len(text) - pos > CHUNK:
        low, high = pos + CHUNK // 2, pos + CHUNK
        cut = high
        for pattern in (_CUT_AFTER_MARK, _CUT_AFTER_SPACE):
            last = deque(pattern.finditer(text, low, high), maxlen=1)
            if last:
                cut = last[0].end()
                break
        yield cut
        pos = cut


def _holds_sentence_end(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` holds a character that can end a sentence.

    One :meth:`str.find` per character, which scans at C speed, rather than a
    regular expression, which tests every character against its set.
    """
    for mark in SENTENCE_END_CHARS:  # noqa: SIM110 -- any() over a generator costs more
        if text.find(mark, start, end) >= 0:
            return True
    return False


def may_split(text: str, start: int, end: int) -> bool:
    """Return whether Punkt may split ``text[start:end]`` at all, without running it.

    It may if the span is longer than :data:`CHUNK` or holds a sentence-end
    character before its last: otherwise :func:`sentence_spans` returns the
    whole span, without its trailing whitespace, as one sentence (none if
    blank). The offsets must lie within the text (``0 <= start <= end <=
    len(text)``).
    """
    return end - start > CHUNK or _holds_sentence_end(text, start, end - 1)


def sentence_spans(text: str, model: PunktModel) -> list[tuple[int, int]]:
    """Split ``text`` into sentences with Punkt and return their spans.

    Closing quotes and brackets after a sentence's final mark stay with that
    sentence (Punkt's boundary realignment). Spans are half-open offsets into
    ``text``; the text between them is whitespace. A text longer than
    :data:`CHUNK` characters is first cut into pieces (after a sentence-final
    mark if one is near, else at whitespace, else anywhere), and no sentence
    crosses a cut.

    Args:
        text: The text to split, typically one paragraph.
        model: The Punkt parameters to split with.

    Returns:
        The ``(start, end)`` span of every sentence, in order.

    Example:
        >>> sentence_spans("He left. She stayed.", PunktModel())
        [(0, 8), (9, 20)]
    """
    tokenizer = _tokenizer(model)
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*_chunks(text), len(text)]:
        piece = text[start:end]
        if tokenizer.has_candidates(piece):
            found = tokenizer.spans(piece)
            spans.extend([(start + s, start + e) for s, e in found] if start else found)
        elif stop := len(piece.rstrip()):  # one sentence, unless blank
            spans.append((start, start + stop))
        start = end
    return spans


def train(texts: Iterable[str], *, min_count: int = 2) -> PunktModel:
    """Learn Punkt parameters, unsupervised, from raw texts.

    On top of NLTK's trainer this keeps only what helps news copy and what a
    line-based data file can hold:

    - A sentence starter is dropped when it is never seen in lower case, or
      when, capitalised, it often (5% of the time) follows a known
      abbreviation. Stock Punkt learns frequent names ("trump", "clinton")
      as starters from "... said. Trump added", and then splits "Mr. Trump"
      after the abbreviation.
    - Orthographic contexts are kept only for types seen at least
      ``min_count`` times and ever in lower case: for any other type Punkt
      decides as if it had never seen it.
    - Single letters are no abbreviations: Punkt has its own heuristics for
      initials, and a learned "b" would keep "Plan B. The vote" whole.
    - Types must contain a letter (no ``___``) and no ``#`` or whitespace;
      numbers are written as :data:`NUMBER`.

    Args:
        texts: Documents of the target domain, one string each.
        min_count: How often a type must occur to keep its orthographic context.

    Returns:
        The learned parameters.
    """
    punkt = _punkt()
    lang_vars = punkt.language_vars()
    text = "\n\n".join(texts)
    trainer = punkt.module.PunktTrainer(lang_vars=lang_vars)
    trainer.train(text, finalize=True)
    params = trainer.get_params()
    abbreviations = {str(t) for t in params.abbrev_types}
    ortho: dict[str, int] = {str(t): int(f) for t, f in params.ortho_context.items()}

    count: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    after_abbreviation: Counter[str] = Counter()
    previous = ""
    for token in lang_vars.word_tokenize(text):
        typ = token.lower()
        count[typ] += 1
        if token[:1].isupper():
            upper[typ] += 1
            head = previous[:-1].lower()
            if previous.endswith(".") and (
                head in abbreviations or head.rsplit("-", 1)[-1] in abbreviations
            ):
                after_abbreviation[typ] += 1
        previous = token

    def storable(typ: str) -> bool:
        if typ == _PUNKT_NUMBER:
            return True
        return any(c.isalpha() for c in typ) and not any(c == "#" or c.isspace() for c in typ)

    return PunktModel(
        abbreviations=frozenset(t for t in abbreviations if storable(t) and len(t) > 1),
        collocations=frozenset(
            (_from_punkt(a), _from_punkt(b))
            for a, b in params.collocations
            if storable(a) and storable(b)
        ),
        sentence_starters=frozenset(
            _from_punkt(t)
            for t in params.sent_starters
            if storable(t) and upper[t] < count[t] and after_abbreviation[t] * 20 < upper[t]
        ),
        ortho_context=tuple(
            sorted(
                (t, flags)
                for t, flags in ortho.items()
                if storable(t)
                and t != _PUNKT_NUMBER
                and flags & punkt.module._ORTHO_LC
                and count[t] >= min_count
            )
        ),
    )
