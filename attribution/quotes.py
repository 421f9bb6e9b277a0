"""Find quotations: pair quotation marks, paragraph by paragraph.

The stage after segmentation: it takes the text and its paragraphs and returns
every quoted span, marks included, plus a :class:`~attribution.model.Problem`
for each quotation mark that cannot be paired.

The scan is a single left-to-right pass over the quotation-mark candidates of
each paragraph with a stack of open quotes, so it runs in time linear in the
length of the text (``str.find`` for each mark character finds the candidates;
the Python loop touches each candidate a constant number of times).

Marks fall into two families that pair only within themselves:

- double: ``"`` ``“`` ``”`` ``„`` ``«`` ``»`` ``″`` and the two-character
  marks ``''`` (PolNeAR's NYT texts use it both to open and to close, with
  ``'`` for quotes inside quotes), two backticks (PTB/LaTeX) and ``‘‘ ’’``;
- single: ``'`` ``‘`` ``’`` ``‚`` ``‹`` ``›`` and a lone backtick.

Any closing mark of a family closes the innermost open quote of that family,
so mixed styles (``“...\"``) still pair.
"""

# This module is about quotation marks: the "ambiguous" characters are the point.

from __future__ import annotations

import bisect
from collections.abc import Sequence

from attrs import define

from attribution._tokens import char_offsets
from attribution.model import Paragraph, Problem, Quote, QuoteKind, Span

__all__ = ["UNBALANCED_QUOTE", "find_quotes", "quoted_length"]

UNBALANCED_QUOTE = "unbalanced-quote"

_QUOTE_CHARS = "\"'“”‘’`„‚«»‹›″"
# These characters doubled make one double mark: '' (NYT), `` (PTB/LaTeX),
# ‘‘ and ’’ (typewriter habits). A run of three or more ' is split by
# _tokens: "'''" is "''" + "'" or "'" + "''".
_PAIRABLE = "'`‘’"
# Invisible format characters (bidi embeddings, zero-width space, BOM) that
# pasted social-media text puts between a mark and its context: "\u202a”Sorry".
_INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
# A mark right after one of these (or after whitespace, or at the paragraph
# start) may open a quote: (" —" ="  "'.
_OPEN_CONTEXT = frozenset("([{<—–-/=¿¡" + _QUOTE_CHARS + _INVISIBLE)
# A mark right before one of these (or before whitespace, or at the paragraph
# end) may close one: ",  ".  ")  "—  '".
_CLOSE_CONTEXT = frozenset(".,;:!?)]}>—–-/…*" + _QUOTE_CHARS + _INVISIBLE)

_DOUBLED = {"'": '"', "‘": "“", "’": "”"}  # a doubled single mark acts as this double
_DOUBLE = 0
_SINGLE = 1
_OPEN = 1
_CLOSE = 2
_NONE = 0

# Words that an apostrophe starts (the elided letters come first), so a
# single mark before them is not an opening quote: 'em, 'til, 'tis, 'n'.
_ELISIONS = frozenset({"bout", "cause", "cos", "em", "n", "nuff", "til", "tis", "twas"})

# Evidence that a short quoted span is a clause (someone's words), not a word
# held at arm's length: a subject pronoun, an auxiliary verb, a contraction.
_SUBJECTS = frozenset({"he", "i", "she", "they", "we", "you"})
_AUXILIARIES = frozenset(
    {
        "am",
        "are",
        "be",
        "been",
        "being",
        "can",
        "could",
        "did",
        "do",
        "does",
        "had",
        "has",
        "have",
        "is",
        "must",
        "shall",
        "should",
        "was",
        "were",
        "will",
        "would",
    }
)
_CONTRACTED = _SUBJECTS | {"here", "it", "let", "that", "there", "what", "who"}
_CONTRACTION_SUFFIXES = frozenset({"d", "ll", "m", "re", "s", "ve"})
# Small words a title may leave in lower case: "Meet the Press".
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)
_TRAILING_MARKS = "\"'“”‘’`»›)]"
_SCARE_MAX_WORDS = 4
_TITLE_MAX_WORDS = 8
# Longer than this, a quote has more than _TITLE_MAX_WORDS words in any real
# text; not slicing it keeps nested quotes linear.
_KIND_MAX_CHARS = 120


@define
class _Open:
    """A quote opened and not yet closed."""

    family: int
    strict: bool  # report it if never closed (not a straight ' that may be an apostrophe)
    start: int  # of the opening mark
    inner: int  # end of the opening mark
    group: int
    continued: bool
    first: tuple[int, int]  # the opening mark of the group's first piece


@define
class _Piece:
    """A quote found, before it becomes a frozen :class:`Quote`."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    group: int
    continued: bool
    closed: bool
    paragraph_start: int


def find_quotes(
    text: str, paragraphs: Sequence[Paragraph]
) -> tuple[tuple[Quote, ...], tuple[Problem, ...]]:
    """Find every quotation in ``text`` and every quotation mark left unpaired.

    Opening or closing: curly marks, guillemets and low-9 marks say which they
    are, but a straight mark (``"``, ``'``, ``''``) is decided by its
    neighbours. After whitespace, the paragraph start, an opening bracket, a
    dash, ``=`` or another quotation mark, and before a non-space, it opens;
    after a non-space and before whitespace, punctuation, another mark or the
    paragraph end, it closes; otherwise it closes a quote of its family if one
    is open and opens one if not. A curly mark in the wrong place for its
    shape (``said.“``) is read the other way when the open quotes allow it.

    Apostrophes are not quotes: a single mark between letters (``don't``,
    ``Trump’s``), before a digit (``'90s``) or an elided word (``'em``,
    ``rock 'n' roll``), a ``’`` after whitespace, and a closing single mark
    with no single quote open (``students'``) are all skipped.

    A quote inside another has ``depth`` one more than the quote around it.
    A quote never crosses a paragraph boundary. News style runs a long quote
    over several paragraphs by opening each with a mark and closing only the
    last: when a paragraph ends with its outermost quote still open and the
    next paragraph starts with an opening mark of the same family, each
    paragraph's piece is its own :class:`Quote`, all sharing ``group``, with
    ``continued`` true after the first and ``closed`` true on every piece if
    the last piece closes.

    Unpaired marks give a ``unbalanced-quote`` :class:`Problem` spanning the
    mark, never an exception:

    - a quote opened and never closed (and not continued) gives a quote, with
      ``closed`` false, that runs to the end of its paragraph, or to the close
      of the quote around it; a continued group that never closes reports the
      group's first mark;
    - a stray closing double mark gives a quote, with ``closed`` false, that
      runs back to the start of its sentence (after the last ``. ``, ``? ``
      or ``! ``), but not past the previous mark or the paragraph start.

    A straight ``'`` that opens and is never closed, and a closing single
    mark with no single quote open, are taken for apostrophes: they give
    neither a quote nor a problem. An unclosed ``‘``, ``‚`` or ``‹`` is
    reported like a double mark.

    ``kind`` is :attr:`QuoteKind.SCARE` for a word or short phrase held at
    arm's length or a title, :attr:`QuoteKind.DIRECT` for someone's words.
    The heuristic, on the text between the marks, in order:

    1. a piece of a multi-paragraph group is DIRECT; an empty quote is SCARE;
    2. ending (inside the marks) with ``?``, ``!``, ``…`` or a ``.`` that does
       not end an abbreviation (``U.S.``) is DIRECT, however short
       (``called the attack "deliberately massive and cynical."``);
    3. more than 8 words is DIRECT;
    4. ending with a comma and starting a sentence or following a comma or
       colon (``"Absolutely," he said``, ``said, 'Eight years, no more,'``)
       is DIRECT: an utterance;
    5. every word capitalised but for small words (``"Meet the Press"``) is
       SCARE: a title or a name;
    6. more than 4 words is DIRECT;
    7. a subject pronoun, an auxiliary verb or a contraction (``I``,
       ``is``, ``it's``, ``don't``) is DIRECT: a clause;
    8. anything else (``so-called "deep state"``) is SCARE.

    Args:
        text: The exact input text.
        paragraphs: Non-overlapping spans of ``text`` that exclude surrounding
            whitespace, in text order. Marks outside every paragraph are
            ignored.

    Returns:
        The quotes sorted by ``(start, -end)``, with ``group`` numbered from 0
        in that order, and the problems sorted by ``(start, code)``.

    Examples:
        >>> quotes, problems = find_quotes('He called it "fake news."', [Paragraph(0, 25)])
        >>> [(q.start, q.end, q.inner.start, q.inner.end, q.kind.value) for q in quotes]
        [(13, 25, 14, 24, 'direct')]
        >>> problems
        ()
    """
    pieces: list[_Piece] = []
    problems: list[Problem] = []
    carry: _Open | None = None  # the outermost quote left open by the previous paragraph
    carry_pieces: list[int] = []
    next_group = 0
    # Two-character marks ('' `` ‘‘ ’’) and runs of ' are put together below, looking ahead.
    marks = char_offsets(text, _QUOTE_CHARS)

    for paragraph in paragraphs:
        pstart, pend = max(paragraph.start, 0), min(paragraph.end, len(text))
        first_mark, end_mark = bisect.bisect_left(marks, pstart), bisect.bisect_left(marks, pend)
        if first_mark == end_mark:
            # No mark: nothing opens, and a quote left open before is not continued.
            if carry is not None:
                _fail_group(text, carry, problems)
                carry, carry_pieces = None, []
            continue
        stack: list[_Open] = []
        open_count = [0, 0]  # open quotes per family, so "is one open?" is O(1)
        last_mark = pstart  # end of the last mark acted on, floor of a stray close
        consumed = pstart  # marks before this were read along with an earlier one

        # The continuation mark, if any, is the paragraph's first character.
        if carry is not None and not (pstart < pend and text[pstart] in _QUOTE_CHARS):
            _fail_group(text, carry, problems)
            carry, carry_pieces = None, []

        for mstart in marks[first_mark:end_mark]:
            if mstart < consumed:
                continue
            mend = mstart + 1
            first_char = text[mstart]
            if (
                first_char in "'‘’"
                and pstart < mstart
                and mend < pend
                and text[mstart - 1].isalnum()
                and text[mend].isalnum()
            ):
                continue  # an apostrophe inside a word (don't, Trump’s): _role says none
            if first_char in _PAIRABLE and mend < pend and text[mend] == first_char:
                mend += 1
                while first_char == "'" and mend < pend and text[mend] == "'":
                    mend += 1
                consumed = mend
            for tstart, tend in _tokens(text, mstart, mend, pstart, pend):
                width = tend - tstart
                char = text[tstart]
                prev = text[tstart - 1] if tstart > pstart else ""
                nxt = text[tend] if tend < pend else ""
                left = (not prev or prev in _OPEN_CONTEXT or prev.isspace()) and (
                    nxt != "" and not nxt.isspace()
                )
                right = (not nxt or nxt in _CLOSE_CONTEXT or nxt.isspace()) and (
                    prev != "" and not prev.isspace()
                )
                family = _SINGLE if width == 1 and char in "'‘’‚‹›`" else _DOUBLE
                role = _role(char, width, family, left, right, prev, nxt, open_count)
                if role == _OPEN and family == _SINGLE and left and char in "'‘’":
                    elided = _elision(text, tend, pend)
                    if elided >= 0:
                        if elided < pend and text[elided] in "'’":
                            consumed = elided + 1  # rock 'n' roll
                        role = _NONE
                if role == _NONE:
                    continue

                if role == _OPEN:
                    if carry is not None:
                        # The paragraph's first mark: does it continue the quote?
                        if tstart == pstart and family == carry.family:
                            group, continued, first = carry.group, True, carry.first
                        else:
                            _fail_group(text, carry, problems)
                            carry_pieces = []
                            group, continued, first = next_group, False, (tstart, tend)
                            next_group += 1
                        carry = None
                    else:
                        group, continued, first = next_group, False, (tstart, tend)
                        next_group += 1
                    stack.append(
                        _Open(
                            family=family,
                            strict=continued or char != "'" or width == 2,
                            start=tstart,
                            inner=tend,
                            group=group,
                            continued=continued,
                            first=first,
                        )
                    )
                    open_count[family] += 1
                    last_mark = tend
                    continue

                # A closing mark.
                if carry is not None:
                    _fail_group(text, carry, problems)
                    carry_pieces = []
                    carry = None
                if open_count[family] == 0:
                    if family == _DOUBLE:
                        floor = _sentence_start(text, last_mark, tstart)
                        pieces.append(
                            _Piece(
                                start=floor,
                                end=tend,
                                inner_start=floor,
                                inner_end=tstart,
                                group=next_group,
                                continued=False,
                                closed=False,
                                paragraph_start=pstart,
                            )
                        )
                        next_group += 1
                        problems.append(_problem(text, tstart, tend, "has no opening mark"))
                        last_mark = tend
                    continue
                # Quotes of the other family opened since are left unclosed.
                while stack[-1].family != family:
                    inner = stack.pop()
                    open_count[inner.family] -= 1
                    _unclosed(text, inner, tstart, pstart, pieces, problems)
                quote = stack.pop()
                open_count[family] -= 1
                if quote.continued:
                    for index in carry_pieces:
                        pieces[index].closed = True
                    carry_pieces = []
                pieces.append(
                    _Piece(
                        start=quote.start,
                        end=tend,
                        inner_start=quote.inner,
                        inner_end=tstart,
                        group=quote.group,
                        continued=quote.continued,
                        closed=True,
                        paragraph_start=pstart,
                    )
                )
                last_mark = tend

        if carry is not None:  # a paragraph with no mark acted on
            _fail_group(text, carry, problems)
            carry_pieces = []
            carry = None
        # What is still open: inner quotes end here; the outermost may go on.
        while len(stack) > 1:
            _unclosed(text, stack.pop(), pend, pstart, pieces, problems)
        if stack:
            outer = stack.pop()
            if outer.strict:
                if not outer.continued:
                    carry_pieces = []
                carry_pieces.append(len(pieces))
                pieces.append(
                    _Piece(
                        start=outer.start,
                        end=pend,
                        inner_start=outer.inner,
                        inner_end=pend,
                        group=outer.group,
                        continued=outer.continued,
                        closed=False,
                        paragraph_start=pstart,
                    )
                )
                carry = outer

    if carry is not None:
        _fail_group(text, carry, problems)

    return _freeze(text, pieces), tuple(sorted(problems, key=lambda p: (p.start, p.code)))


def _tokens(text: str, start: int, end: int, pstart: int, pend: int) -> list[tuple[int, int]]:
    """Split one candidate match into marks (only runs of ``'`` need it).

    An even run is ``''`` marks; an odd run of three or more puts the lone
    ``'`` inside: ``,'''`` closes a single then a double quote, ``'''Tis``
    would open a double then a single one.
    """
    width = end - start
    if width <= 2:
        return [(start, end)]
    tokens: list[tuple[int, int]] = []
    position = start
    if width % 2:
        nxt = text[end] if end < pend else ""
        prev = text[start - 1] if start > pstart else ""
        closing = (not nxt or nxt in _CLOSE_CONTEXT or nxt.isspace()) and not (
            not prev or prev.isspace()
        )
        if closing:
            tokens.append((start, start + 1))
            position += 1
    while position + 1 < end:
        tokens.append((position, position + 2))
        position += 2
    if position < end:
        tokens.append((position, end))
    return tokens


def _role(
    char: str,
    width: int,
    family: int,
    left: bool,
    right: bool,
    prev: str,
    nxt: str,
    open_count: list[int],
) -> int:
    """Return whether a mark opens, closes or is no quotation mark at all."""
    is_open = open_count[family] > 0
    if width == 2:
        if char == "`":
            return _OPEN
        char = _DOUBLED[char]  # '' behaves like ", ’’ like ”
    if char in '"″':
        if prev.isdigit() and (char == "″" or (right and not is_open)):
            return _NONE  # 5′11″, a 12" pipe
        if left and not right:
            return _OPEN
        if right and not left:
            return _CLOSE
        return _CLOSE if is_open else _OPEN
    if char == "'":
        if prev.isalnum() and nxt.isalnum():
            return _NONE
        if left and not right:
            return _OPEN
        if right:
            return _CLOSE if is_open else _NONE
        return _NONE
    if char in "“«‹":
        # Closes where nothing can open: "this. “" at a paragraph end, „Hallo“.
        return _CLOSE if is_open and not left else _OPEN
    if char in "”»›":
        # Opens where nothing can close: "”Hello" (Swedish style, or a typo),
        # "» Bonjour «", a paragraph starting "” … he said".
        after_space = not prev or prev.isspace() or prev in _OPEN_CONTEXT
        return _OPEN if after_space and not right and not is_open else _CLOSE
    if char == "‘":
        if prev.isalnum() and nxt.isalnum():
            return _NONE
        if not nxt or nxt.isspace() or (right and not left):
            return _CLOSE if is_open else _NONE
        return _OPEN
    if char == "’":
        if (prev.isalnum() and nxt.isalnum()) or (left and not right):
            return _NONE
        return _CLOSE if is_open else _NONE
    # „ always opens; ‚ and ` open only where an opening mark can stand.
    if char == "„":
        return _OPEN
    return _OPEN if left else _NONE


def _sentence_start(text: str, floor: int, end: int) -> int:
    """Return where the sentence holding ``end`` starts, but not before ``floor``.

    In ``"A deal," he said. But no deal," she said.`` the stray mark's sentence
    starts at ``But``. Scans back from ``end`` only as far as ``floor``, the
    end of the previous mark, so every character is scanned at most once.
    """
    position = end - 1
    while position > floor:
        if text[position].isspace() and text[position - 1] in ".?!":
            break
        position -= 1
    while position < end and text[position].isspace():
        position += 1
    return max(position, floor)


def _elision(text: str, start: int, end: int) -> int:
    """Return where the elided word after an apostrophe ends, or -1 if none.

    ``'90s``, ``'16`` and ``'em`` are elisions; ``'Terrifying'`` and
    ``'2nd Amendment people'`` are not.
    """
    stop = start
    while stop < end and stop - start < 3 and text[stop].isdigit():
        stop += 1
    if stop - start == 2:  # a two-digit year, maybe a decade
        if stop < end and text[stop] == "s":
            stop += 1
        return stop if stop == end or not text[stop].isalnum() else -1
    if stop > start:
        return -1
    limit = min(end, start + 6)
    while stop < limit and text[stop].isalpha():
        stop += 1
    if stop == start or (stop < end and text[stop].isalpha()):
        return -1
    return stop if text[start:stop].lower() in _ELISIONS else -1


def _problem(text: str, start: int, end: int, what: str) -> Problem:
    mark = text[start:end]
    return Problem(
        code=UNBALANCED_QUOTE,
        message=f"quotation mark {mark!r} at offset {start} {what}",
        start=start,
        end=end,
    )


def _unclosed(
    text: str,
    quote: _Open,
    end: int,
    pstart: int,
    pieces: list[_Piece],
    problems: list[Problem],
) -> None:
    """Record a quote that is never closed: it runs to ``end``."""
    if not quote.strict:
        return  # a straight ' opening nothing: an apostrophe
    pieces.append(
        _Piece(
            start=quote.start,
            end=end,
            inner_start=quote.inner,
            inner_end=end,
            group=quote.group,
            continued=quote.continued,
            closed=False,
            paragraph_start=pstart,
        )
    )
    if not quote.continued:
        problems.append(_problem(text, quote.start, quote.inner, "is never closed"))


def _fail_group(text: str, carry: _Open, problems: list[Problem]) -> None:
    """Report a quote left open at a paragraph end and not continued.

    Its pieces already say ``closed=False``; the problem spans the mark that
    opened the group's first piece.
    """
    start, end = carry.first
    problems.append(_problem(text, start, end, "is never closed"))


def _kind(text: str, piece: _Piece) -> QuoteKind:
    """Return whether a single-paragraph quote is direct speech or a scare quote."""
    if piece.inner_end - piece.inner_start > _KIND_MAX_CHARS:
        return QuoteKind.DIRECT
    inner = text[piece.inner_start : piece.inner_end].strip()
    core = inner.rstrip(_TRAILING_MARKS)
    if not core:
        return QuoteKind.SCARE
    if core[-1] in "?!…":
        return QuoteKind.DIRECT
    words = core.split()
    if core[-1] == ".":
        last = words[-1][:-1]
        if "." not in last and len(last) > 1:
            return QuoteKind.DIRECT
    if len(words) > _TITLE_MAX_WORDS:
        return QuoteKind.DIRECT
    if core[-1] == "," and _introduced(text, piece.start, piece.paragraph_start):
        return QuoteKind.DIRECT
    if _title_case(words):
        return QuoteKind.SCARE
    if len(words) > _SCARE_MAX_WORDS:
        return QuoteKind.DIRECT
    if any(_verb_like(word) for word in words):
        return QuoteKind.DIRECT
    return QuoteKind.SCARE


def _introduced(text: str, start: int, pstart: int) -> bool:
    """Return whether a quote starts a paragraph or sentence or follows ``,`` or ``:``."""
    position = start - 1
    while position >= pstart and start - position < 8 and text[position].isspace():
        position -= 1
    return position < pstart or text[position] in ".?!:,"


def _title_case(words: list[str]) -> bool:
    """Return whether the words read as a title: ``Meet the Press``."""
    first = words[0].lstrip(_QUOTE_CHARS + "(")
    if not first[:1].isupper():
        return False
    for word in words[1:]:
        bare = word.strip(_QUOTE_CHARS + "(),:;-")
        if (
            bare
            and not bare[0].isupper()
            and not bare[0].isdigit()
            and bare.lower() not in _TITLE_SMALL_WORDS
        ):
            return False
    return True


def _verb_like(word: str) -> bool:
    """Return whether a word suggests a clause: ``is``, ``we``, ``it's``, ``don't``."""
    bare = word.strip(_QUOTE_CHARS + "(),.:;!?-").lower().replace("’", "'")
    if bare in _SUBJECTS or bare in _AUXILIARIES or bare.endswith("n't"):
        return True
    base, apostrophe, suffix = bare.rpartition("'")
    return bool(apostrophe) and suffix in _CONTRACTION_SUFFIXES and base in _CONTRACTED


def _freeze(text: str, pieces: list[_Piece]) -> tuple[Quote, ...]:
    """Sort the pieces, number their groups in order and make them :class:`Quote`."""
    pieces.sort(key=lambda p: (p.start, -p.end))  # outer first; no two share both ends
    sizes: dict[int, int] = {}
    for piece in pieces:
        sizes[piece.group] = sizes.get(piece.group, 0) + 1
    numbers: dict[int, int] = {}
    quotes = []
    # The depth is how many kept quotes hold the piece, counted here rather
    # than in the scan: a straight ' that opens nothing (an apostrophe) gives
    # no piece, so "It is 'a "b" c." has "b" at depth 0.
    ends: list[int] = []  # of the pieces that hold the current one, innermost last
    for piece in pieces:
        while ends and ends[-1] <= piece.start:
            ends.pop()
        depth = len(ends)
        ends.append(piece.end)
        number = numbers.setdefault(piece.group, len(numbers))
        kind = QuoteKind.DIRECT if sizes[piece.group] > 1 else _kind(text, piece)
        quotes.append(
            Quote(
                start=piece.start,
                end=piece.end,
                inner=Span(piece.inner_start, piece.inner_end),
                kind=kind,
                closed=piece.closed,
                depth=depth,
                group=number,
                continued=piece.continued,
            )
        )
    return tuple(quotes)


def quoted_length(start: int, end: int, outer: Sequence[Quote], starts: Sequence[int]) -> int:
    """Return how many characters of ``[start, end)`` lie inside a quotation.

    ``outer`` holds the outermost quotations in order and ``starts`` their
    start offsets, so the overlap is found by bisection, not by a scan. The
    outermost quotations do not overlap, and each ends after it starts: only
    the one starting at or before ``start`` can begin before the span.
    """
    if end <= start:
        return 0
    k = bisect.bisect_right(starts, start)  # the quotations from k on start after `start`
    total = 0
    if k and outer[k - 1].end > start:  # the one starting at or before `start` runs into the span
        total = min(outer[k - 1].end, end) - start
    while k < len(starts) and starts[k] < end:
        total += min(outer[k].end, end) - starts[k]
        k += 1
    return total
