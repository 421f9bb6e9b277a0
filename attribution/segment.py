"""Split text into paragraphs and sentences, with exact offsets.

The first stage of the pipeline. Nothing is rewritten: every span is a
half-open ``[start, end)`` range of the input ``str``, trimmed of whitespace.

Paragraphs are decided per document. Hard-wrapped drafts separate paragraphs
with blank lines, while web and wire copy often puts one paragraph on each line
with single newlines. So if the text has a blank line (or a U+2029 paragraph
separator) between two lines of text, paragraphs are split there and single
line breaks inside them are ordinary spaces; otherwise every line is a
paragraph. Line breaks are those of :meth:`str.splitlines`, ``"\\r\\n"``
counted once.

Sentences come from Punkt (see :mod:`attribution._nltk`) run on each paragraph
alone, so no sentence crosses a paragraph. Its parameters are package data:
abbreviations, collocations, sentence starters and orthographic contexts
learned from PolNeAR train by ``scripts/build_punkt.py``, merged with the
hand-written ``abbreviations.txt`` and ``abbreviation_collocations.tsv``.
Around Punkt:

- A dateline ("WASHINGTON (Reuters) -") opening a paragraph becomes a
  sentence of its own, of kind :attr:`SentenceKind.DATELINE`.
- Some of Punkt's breaks are undone (see :func:`_joins`): before a word in
  lower case (``"Stop!" she shouted.``, ``"... no." said Smith.``), after a
  title listed in ``title_abbreviations.txt`` ("Mr. Tribe"), inside a name
  with an initial ("Martin D. Singer") and after a list number ("1.").
- Every character that is not whitespace lies in exactly one sentence.

Kinds other than body: a title-like first or short paragraph is
:attr:`SentenceKind.HEADLINE`; copyright lines, credits and calls to action
(prefixes listed in ``boilerplate.txt``) are :attr:`SentenceKind.BOILERPLATE`.

Time is linear in the length of the text: the regular expressions here are
bounded or anchored, and Punkt sees at most ``_nltk.CHUNK`` characters at once.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from attribution import lexicon
from attribution._nltk import PunktModel, may_split, sentence_spans
from attribution._tokens import SENTENCE_END
from attribution.errors import DataError
from attribution.model import Paragraph, Sentence, SentenceKind

# The characters str.splitlines() breaks lines at; "\n" is the usual one.
_OTHER_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_CHARS = "\n" + _OTHER_BREAKS
# A line break as str.splitlines() sees one, "\r\n" being a single break: a
# break character, and after "\r" a "\n", which is always taken (never a break
# of its own, even when backtracking). Both patterns below start with this one
# character class, which lets `re` skip to the next candidate in C instead of
# trying a match at every position. (No possessive quantifier: Python 3.11.2,
# Debian 12's, loops forever on "(?:(?<=\r)\n)?+".)
_BREAK = rf"[{_BREAK_CHARS}](?:(?<=\r)\n|(?!(?<=\r)\n))"
# Whitespace that is not a line break.
_SPACE = rf"[^\S{_BREAK_CHARS}]"
_LINE_BREAK = re.compile(_BREAK)
# A blank-line paragraph break: a line break, then one or more lines holding
# only spaces ("\n\n", "\r\n  \r\n"); or a U+2029 paragraph separator. It must
# start at a line break, so a run of spaces is scanned at most once.
_BLANK_LINE = re.compile(rf"{_BREAK}(?:(?:{_SPACE}*{_BREAK})+|(?<=\u2029))")
# A text with none of _OTHER_BREAKS (most texts) is split by the same two
# patterns written for "\n" alone, whose literal first character `re` finds at
# C speed instead of testing every character against the class of breaks.
_NEWLINE = re.compile(r"\n")
_BLANK_NEWLINES = re.compile(rf"\n(?:{_SPACE}*\n)+")
_NON_SPACE = re.compile(r"\S")

# A dateline opening a paragraph, up to and including its dash. Matches
# "WASHINGTON -", "NEW YORK (AP) \u2014", "STATE COLLEGE, Pa. -",
# "CAMBRIDGE, Mass., Dec. 11 (UPI) \u2014", "KYIV, July 4 (Reuters) \u2014",
# "Washington (AFP) \u2013" and "(CNN) --". A mixed-case place needs a
# news agency, so "Trump -" is no dateline. Every repetition is bounded and
# every alternative starts differently, so a match attempt takes constant time.
_SP = r"[\t \xa0\u2000-\u200a\u202f]"
_UPPER_WORD = r"[A-Z][A-Z.'\u2019\-]{1,24}"  # WASHINGTON, ST., O'HARE
_UPPER_PLACE = rf"{_UPPER_WORD}(?:[ /]{_UPPER_WORD}){{0,2}}"  # SALT LAKE CITY, BEIRUT/KYIV
_MIXED_PLACE = r"[A-Z][a-z]{1,24}(?:[ ][A-Z][a-z]{1,24}){0,2}"  # Washington, New York
_QUALIFIER = (  # ", Pa.", ", July 4", ", Dec. 11", ", Puerto Rico"
    rf",{_SP}{{1,3}}(?:[A-Z][A-Za-z.]{{0,15}}|\d{{1,2}})"
    rf"(?:{_SP}(?:[A-Z][A-Za-z.]{{0,15}}|\d{{1,4}})){{0,2}}"
)
_AGENCY = r"\([A-Z][A-Za-z.&/ ]{0,30}\)"  # (Reuters), (AP), (AFP)
_DASH = r"(?:-{1,2}(?=\s|$)|[\u2013\u2014](?=\s|$|[A-Z\"\u201c]))"
_DATELINE = re.compile(
    rf"""
    (?:
        {_UPPER_PLACE}(?:{_QUALIFIER}){{0,2}}(?:{_SP}{{1,3}}{_AGENCY})?
      | {_MIXED_PLACE}(?:{_QUALIFIER}){{0,2}}{_SP}{{1,3}}{_AGENCY}
      | {_AGENCY}
    )
    {_SP}{{0,3}}{_DASH}
    """,
    re.VERBOSE,
)

# What may close a sentence after its final mark.
_CLOSERS = "\"')]}\u2019\u201d\u00bb"
# A sentence cannot start with these: Punkt sometimes breaks before them
# ("the U.S.; the").
_NO_START = frozenset(",;:")
# Headline limits: a first paragraph of at most this many words (any case), a
# later one of at most this many (title case only).
_FIRST_HEADLINE_WORDS = 25
_OTHER_HEADLINE_WORDS = 12
_HEADLINE_CHARS = 300
_WORD = re.compile(r"[^\W\d_][\w'\u2019.\-]*")
_CAMEL_CHARS = 40
# How much of a sentence's end to inspect for a title or an initial.
_TAIL_CHARS = 60
# A sentence so far ending in an abbreviated title: "since Mr." or "(Sen.",
# at most _TITLE_CHARS characters (the look-behind reads the one before).
_TITLE_END = re.compile(r"(?<![\w.])([A-Za-z]{1,8})\.$")
_TITLE_CHARS = 9
# A sentence so far ending in a name's initial after a capitalised word or
# another initial: "Martin D.", "E. J.", "George W.".
_INITIAL_END = re.compile(r"(?<![\w.])(?:[A-Z][\w'\u2019\-]*|[A-Z]\.)\s+[A-Z]\.$")
# A sentence that is only a list number: "1.", "12.".
_LIST_NUMBER = re.compile(r"\d{1,3}\.")
# The kinds given to every sentence, read once (see the kinds in
# attribution.sources).
_BODY = SentenceKind.BODY
_HEADLINE = SentenceKind.HEADLINE
_BOILERPLATE = SentenceKind.BOILERPLATE


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split ``text`` into paragraphs, trimmed of surrounding whitespace.

    If the text has a blank line between two lines of text (or a U+2029
    paragraph separator), paragraphs are separated by blank lines; otherwise
    every line is a paragraph.

    Args:
        text: The exact input.

    Returns:
        The paragraphs in order; none for empty or whitespace-only text.

    Example:
        >>> paragraphs("One.\\nTwo.")
        (Paragraph(start=0, end=4), Paragraph(start=5, end=9))
        >>> paragraphs("One\\nstill one.\\n\\nTwo.")
        (Paragraph(start=0, end=14), Paragraph(start=16, end=20))
    """
    if any(map(text.__contains__, _OTHER_BREAKS)):
        blank_line, line_break = _BLANK_LINE, _LINE_BREAK
    else:
        blank_line, line_break = _BLANK_NEWLINES, _NEWLINE
    blocks = list(_trimmed(text, blank_line))
    if len(blocks) < 2:
        blocks = list(_trimmed(text, line_break))
    return tuple(Paragraph(start, end) for start, end in blocks)


def sentences(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Sentence, ...]:
    """Split each paragraph of ``text`` into sentences and tell their kinds.

    A headline needs another paragraph to head: a text of one paragraph is
    never a headline. Boilerplate wins over headline.

    Args:
        text: The exact input.
        paragraphs: Its paragraphs, as :func:`paragraphs` returns them.

    Returns:
        The sentences of every paragraph in order, each with the index of its
        paragraph.

    Example:
        >>> text = 'WASHINGTON (Reuters) - "Stop!" she shouted. Mr. Smith left.'
        >>> [(text[s.start:s.end], s.kind.value)
        ...  for s in sentences(text, paragraphs(text))]  # doctest: +NORMALIZE_WHITESPACE
        [('WASHINGTON (Reuters) -', 'dateline'), ('"Stop!" she shouted.', 'body'),
         ('Mr. Smith left.', 'body')]
    """
    out: list[Sentence] = []
    boilerplate = _boilerplate().match
    for index, para in enumerate(paragraphs):
        spans = _split(text, para)
        headline = (
            len(paragraphs) > 1
            and spans[0][2] is _BODY
            and _is_headline(text, para, first=index == 0, sentences=len(spans))
        )
        for start, end, kind in spans:
            if kind is _BODY:
                if boilerplate(text, start, end) is not None:
                    kind = _BOILERPLATE
                elif headline:
                    kind = _HEADLINE
            out.append(Sentence(start=start, end=end, paragraph=index, kind=kind))
    return tuple(out)


def _trimmed(text: str, separator: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Yield the spans between matches of ``separator``, trimmed, if not blank."""
    start = 0
    for match in separator.finditer(text):
        span = _trim(text, start, match.start())
        if span is not None:
            yield span
        start = match.end()
    span = _trim(text, start, len(text))
    if span is not None:
        yield span


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return ``[start, end)`` without its surrounding whitespace, or None if blank."""
    first = _first_non_space(text, start, end)
    if first < 0:
        return None
    return first, first + len(text[first:end].rstrip())


def _first_non_space(text: str, start: int, end: int) -> int:
    """Return where the first non-space character of ``text[start:end]`` is, or -1.

    Most spans start with one, which a character test tells without a search.
    """
    if start < end and not text[start].isspace():
        return start
    found = _NON_SPACE.search(text, start, end)
    return -1 if found is None else found.start()


def _split(text: str, para: Paragraph) -> list[tuple[int, int, SentenceKind]]:
    """Return ``(start, end, kind)`` of each sentence of one paragraph."""
    out = []
    start = para.start
    dateline = _DATELINE.match(text, para.start, para.end)
    if dateline is not None:
        out.append((para.start, dateline.end(), SentenceKind.DATELINE))
        start = _first_non_space(text, dateline.end(), para.end)
        if start < 0:
            return out
    starts = [start]
    # Most paragraphs of one sentence have no sentence-end character before
    # their last: Punkt would find no break, so it does not run.
    if may_split(text, start, para.end):
        for local, _ in sentence_spans(text[start : para.end], _model()):
            found = _first_non_space(text, start + local, para.end)
            if found > starts[-1] and not _joins(text, starts[-1], found, para.end):
                starts.append(found)
    starts.append(para.end)
    for begin, end in itertools.pairwise(starts):
        span = _trim(text, begin, end)
        if span is not None:
            out.append((*span, _BODY))
    return out


def _joins(text: str, previous: int, start: int, end: int) -> bool:
    """Return whether a sentence Punkt starts at ``start`` continues the one before.

    Punkt breaks after every "!" and "?", after a word-final period unless it
    knows the word as an abbreviation, and after an abbreviation before a word
    it has seen start sentences. News copy says otherwise when:

    - the next word is in lower case and not camel case ("said", not
      "iPhone"): ``"Stop!" she shouted.``; or it starts with ``,;:``;
    - the sentence so far ends in a title ("since Mr. Tribe");
    - it ends in a name's initial before a capitalised word that is no
      frequent sentence starter ("Martin D. Singer", but "Plan B. The");
    - it is only a list number ("1. FIREWORKS FLY").

    Args:
        text: The exact input.
        previous: Where the sentence before starts.
        start: Where Punkt starts the next one.
        end: The end of the paragraph.
    """
    first = text[start]
    if first in _NO_START:
        return True
    word = _WORD.match(text, start, min(end, start + _CAMEL_CHARS))
    if first.islower():
        return word is None or not any(c.isupper() for c in word[0])
    tail = text[max(previous, start - _TAIL_CHARS) : start].rstrip()
    if not tail.endswith("."):
        return False  # after "?", "!" or a quote: no title, list number or initial
    # A title is at most _TITLE_CHARS long, so the search starts there.
    title = _TITLE_END.search(tail, len(tail) - _TITLE_CHARS)
    if title is not None and title[1].lower() in lexicon.word_list("title_abbreviations"):
        return True
    if start - previous <= _TAIL_CHARS and _LIST_NUMBER.fullmatch(tail) is not None:
        return True
    # An initial is a capital and its period ("D."): most tails end otherwise.
    if word is not None and tail[-2:-1].isupper() and _INITIAL_END.search(tail) is not None:
        return word[0].lower() not in _model().sentence_starters
    return False


def _is_headline(text: str, para: Paragraph, *, first: bool, sentences: int) -> bool:
    """Return whether a paragraph looks like a title.

    A first paragraph of at most 25 words qualifies if it does not end like
    a sentence (in ``.``, ``!``, ``?`` or an ellipsis, maybe before closing
    quotes) nor lead into something (``:``, ``;``, ``,`` or a dash); a later
    paragraph also needs title case and at most 12 words. A first paragraph
    in title case ending in a period still qualifies ("Stealth Over Health:
    Hillary Clinton Was Headed to ER."), as some feeds add one to headlines.
    """
    if para.end - para.start > _HEADLINE_CHARS:
        return False
    body = text[para.start : para.end]
    last = body.rstrip(_CLOSERS)[-1:]
    final = last in SENTENCE_END
    if final and not (first and last == "." and sentences == 1):
        return False
    if not final and (
        not last or last in ":;,-\u2013\u2014" or (not last.isalnum() and last not in ")]")
    ):
        return False
    words = _WORD.findall(body)
    limit = _FIRST_HEADLINE_WORDS if first else _OTHER_HEADLINE_WORDS
    if not words or len(words) > limit:
        return False
    return (first and not final) or _title_case(words)


def _title_case(words: list[str]) -> bool:
    """Return whether at least 3/4 of the words (minor ones aside) are capitalised."""
    minor = lexicon.word_list("title_minor_words")
    major = [w for w in words if w.lower() not in minor]
    capital = sum(1 for w in major if w[0].isupper())
    return len(major) >= 2 and capital * 4 >= len(major) * 3


@functools.cache
def _boilerplate() -> re.Pattern[str]:
    """Compile the boilerplate prefixes into one pattern, matched at a sentence start.

    Case is ignored, a straight apostrophe or quote in an entry also matches
    a curly one, and ``*`` stands for up to 80 characters. Each branch is
    bounded, so a match attempt takes time independent of the sentence length.

    Only whether a sentence matches counts, so the pattern is written for a
    fast failure, which is what nearly every sentence gets: the entries that
    start with a letter are grouped under it ("c(?:lick here|opyright ...)"),
    so the first character is compared once a letter rather than once an
    entry, and ``*`` is greedy, which lets the engine try only the places
    where the literal after it can start.
    """
    others: list[str] = []
    by_letter: dict[str, list[str]] = {}
    for entry in sorted(lexicon.word_list("boilerplate")):
        parts = (re.escape(part).replace("'", "['\u2019]") for part in entry.split("*"))
        branch = ".{0,80}".join(parts).replace('"', '["\u201c\u201d]')
        branch += r"\b" if entry[-1].isalpha() else ""
        if entry[0].isalpha():  # then the branch starts with that letter, unescaped
            by_letter.setdefault(entry[0], []).append(branch[1:])
        else:
            others.append(branch)
    grouped = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()]
    return re.compile("|".join(others + grouped), re.IGNORECASE | re.DOTALL)


@functools.cache
def _model() -> PunktModel:
    """Load the Punkt parameters shipped in ``attribution/data``, once."""
    return PunktModel(
        abbreviations=lexicon.word_list("abbreviations") | lexicon.word_list("punkt_abbreviations"),
        collocations=_pairs("abbreviation_collocations") | _pairs("punkt_collocations"),
        sentence_starters=lexicon.word_list("punkt_sent_starters"),
        ortho_context=tuple(
            sorted((typ, _flags(flags)) for typ, flags in _pairs("punkt_ortho_context"))
        ),
    )


def _pairs(name: str) -> frozenset[tuple[str, str]]:
    """Return the rows of a two-column table ``data/<name>.tsv``."""
    rows = lexicon.table(name)
    for row in rows:
        if len(row) != 2:
            msg = f"package data file {name + '.tsv'!r} has a row of {len(row)} columns: {row!r}"
            raise DataError(msg)
    return frozenset((row[0], row[1]) for row in rows)


def _flags(value: str) -> int:
    """Parse a Punkt orthographic-context bit set."""
    try:
        return int(value)
    except ValueError as err:
        msg = f"expected an integer in 'punkt_ortho_context.tsv', got {value!r}"
        raise DataError(msg) from err
