"""Turn cues into attribution relations: a source span, a cue and a content span.

Each cue found in a sentence is matched against the patterns news copy uses,
tried in this order:

- "according to X, C" and "C, according to X";
- ", citing X" after a report: a relay hop whose content is the report itself;
- inverted: "C," said X / "C, said X, ...";
- post-posed: "C, X said." (also with a closing quotation mark or a dash);
- pre-posed: "X said (that) C", "X told Y (that) C", "X said: C",
  "X said in a statement that C", "it was reported (by X) that C",
  "as X put it, C";
- nominal: "warnings by X that C", "X's claim that C".

Content spans follow PolNeAR's conventions: a complementizer "that" belongs to
the content, a final period does not (unless it is inside a quotation), and a
quotation keeps its marks. A quotation that runs past its sentence (a
multi-sentence or multi-paragraph quote) is taken whole, and quotations that
follow in the same paragraph without a cue of their own continue the speaker.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import types
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import attrs
from attrs import frozen

from attribution._caches import text_cache
from attribution._prepare import Prepared
from attribution._tokens import (
    CLOSE_QUOTES,
    CLOSING_QUOTES,
    DASHES,
    LOWER,
    OPEN_QUOTES,
    QUOTE_CHARS,
    SENTENCE_END,
    Token,
    char_offsets,
)
from attribution.cues import find_cues, is_possessive, lexicon, make_cue
from attribution.lexicon import word_list
from attribution.model import Attribution, AttributionType, Cue, Quote, Source, Span
from attribution.quotes import quoted_length


@frozen
class _Words:
    """The grammar word lists of ``data/``, loaded together on first use."""

    clause_stops: frozenset[str]
    subject_pronouns: frozenset[str]
    tell_lemmas: frozenset[str]
    adjunct_starts: frozenset[str]
    coordinated_verbs: frozenset[str]
    audiences: frozenset[str]
    conjunct_openers: frozenset[str]
    determiners: frozenset[str]
    auxiliaries: frozenset[str]
    time_words: frozenset[str]


@functools.cache
def _words() -> _Words:
    return _Words(**{name: word_list(name) for name in attrs.fields_dict(_Words)})


_DEMONSTRATIVES = frozenset(("this", "these", "those"))
# No source phrase runs longer than this many tokens: the bound keeps every walk
# from a cue short, so a sentence with thousands of cues stays linear.
_MAX_PHRASE = 40

# The relation types, read once (see the kinds in attribution.sources).
_DIRECT = AttributionType.DIRECT
_MIXED = AttributionType.MIXED
_INDIRECT = AttributionType.INDIRECT

# The cue model's margin a cue nested in another relation's content must clear.
NESTED_MARGIN = 10.0
# Relations kept per sentence, the first by their cues: a news sentence has at
# most a handful (five in PolNeAR), while "told told told ..." has one per word,
# each of whose content runs to the sentence's end, so that the hops' contents
# and the output that spells them out would grow with the square of the text.
MAX_SENTENCE_HOPS = 32
_SPEECH_KINDS = frozenset(("speech", "writing", "posting", "report", "according", "citing"))


# A hop's source spans, (start, end) each: "an official and a source" has two.
SourceSpans = tuple[tuple[int, int], ...]
# A relation found: its source span, source spans, cue, content, sentence and form.
_Found = tuple[Span | None, SourceSpans, Cue, tuple[Span, ...], int, str]


class _Rel(NamedTuple):
    """A relation being built, in token indices of one sentence (or char spans).

    A named tuple rather than an attrs class: a few are built per cue, and a
    tuple is built faster.
    """

    cue: tuple[int, int, int]
    pattern: str
    source: tuple[int, int] | None  # token indices [first, last] or None
    content: tuple[Span, ...]


# A token that starts with one of these ends a phrase, as does a clause word.
_STOP_CHARS = QUOTE_CHARS | DASHES
# Any dash character ("-", "–", "—", "―"): most sentences have none.
_DASH = re.compile("[" + re.escape("".join(sorted(DASHES))) + "]")
# What a punctuation cue needs (see _punctuation_cues): a colon, or a dash before
# (past spaces) a character that may start a capitalized word. Most hyphens
# ("well-known", "COVID-19") are followed by a lower-case letter or a digit.
_CUE_MARK_CHARS = ":" + "".join(sorted(DASHES))
# What follows a dash that may cue a relation, past spaces: anything but a
# lower-case ASCII letter or a digit (" Sonya", "'We", "«", "é").
_NO_LOWER_AFTER = re.compile(r"\s*[^\sa-z0-9]")


def _cue_marks(text: str) -> list[int]:
    """Return the sorted offsets of the marks in ``text`` that may cue a relation by themselves."""
    return [
        k
        for k in char_offsets(text, _CUE_MARK_CHARS)
        if text[k] == ":" or _NO_LOWER_AFTER.match(text, k + 1)
    ]


_AND_BUT = frozenset(("and", "but"))
_BE = frozenset(("is", "was", "are", "were", "been", "be"))

# Shared by the sentences without a quotation, so it cannot be written to.
_NO_QUOTES: Mapping[int, Quote] = types.MappingProxyType({})


# What a token that ends a clause may open with, besides a comma or semicolon.
_CLAUSE_MARKS = DASHES | CLOSE_QUOTES


def _is_comma_like(tok: Token) -> bool:
    text = tok.text
    return text in {",", ";"} or text[0] in _CLAUSE_MARKS


class _Sentence:
    """One sentence's tokens with helpers for span arithmetic.

    Built only for a sentence that holds a cue or a cue mark, or that may
    continue a speaker's quotation (see :func:`find_attributions`).
    """

    def __init__(self, text: str, prep: Prepared, quotes: Sequence[Quote]) -> None:
        self.text = text
        self.prep = prep
        self.toks = prep.tokens
        # The words lower-cased, cheaper to index than a token's ``lower``:
        # the busiest helpers and matchers read them, the rest the tokens.
        self.lowers = prep.lowers
        self.quotes = quotes  # the outermost quotations that overlap the sentence
        self.previous: Quote | None = None  # the quotation just before the sentence
        self.margins: dict[int, float] = {}  # cue head -> the cue model's margin
        self.words = _words()
        # Most sentences hold no quotation.
        self.quote_at: Mapping[int, Quote]
        self.quote_by_end: Mapping[int, Quote]
        if quotes:
            self.quote_at = {q.start: q for q in quotes}
            self.quote_by_end = {q.end: q for q in quotes}
            self.closed_ends = frozenset(q.end for q in quotes if q.closed)
        else:
            self.quote_at = self.quote_by_end = _NO_QUOTES
            self.closed_ends = frozenset()
        # Index of the last token that is content-bearing (drop final punctuation).
        lowers = prep.lowers  # punctuation reads the same in lower case
        last = len(lowers) - 1
        while last >= 0 and lowers[last] in SENTENCE_END:
            last -= 1
        self.last = last

    def closer(self, k: int) -> bool:
        """Return whether token ``k`` is the closing mark of a quotation."""
        tok = self.toks[k]
        return tok.end in self.closed_ends and tok.text[0] in QUOTE_CHARS

    def opener(self, k: int) -> bool:
        """Return whether token ``k`` is the opening mark of a quotation."""
        tok = self.toks[k]
        return tok.start in self.quote_at and tok.text[0] in QUOTE_CHARS

    def starts_with_quote(self) -> bool:
        """Return whether the sentence's first token opens a quotation."""
        return bool(self.toks) and self.opener(0)

    def span(self, first: int, last: int) -> Span:
        return Span(self.toks[first].start, self.toks[last].end)

    def boundary(self, k: int) -> bool:
        """Return whether token ``k`` ends a phrase: a clause word, a quotation mark or a dash.

        Asked of a few tokens around each cue, so not tabulated for the sentence.
        """
        text = self.toks[k].text
        return text in self.words.clause_stops or text[0] in _STOP_CHARS

    def comma_like(self, k: int) -> bool:
        """Return whether token ``k`` ends a clause: a comma, a dash or a closing mark."""
        return _is_comma_like(self.toks[k]) or self.closer(k)

    def subject_left(self, first: int) -> int | None:
        """Return the first token of the noun phrase ending just before ``first``.

        Found once per cue (see :class:`_CueAt`), for the matchers that ask.
        """
        k = first - 1
        if k < 0:
            return None
        if self.toks[k].text == ")":
            k = self._skip_parens(k)
            if k < 0:
                return None
        if self.boundary(k):
            return None
        lowers = self.lowers
        if lowers[k] in self.words.subject_pronouns or lowers[k] == "whom":
            # "he said", "a staffer who told": PolNeAR marks the pronoun alone.
            return k
        start = k
        stop = max(0, k - _MAX_PHRASE)
        while start - 1 >= stop:
            prev = self.toks[start - 1]
            prev_lower = lowers[start - 1]
            if prev.text == ")":
                j = self._skip_parens(start - 1)
                if j < 0:
                    break
                start = j + 1
                continue
            if prev_lower in ("and", "&") and start - 2 >= 0:
                # "Clinton and Sanders said", "The nominee and his aides said":
                # keep coordinated noun phrases together.
                left = self.toks[start - 2]
                right = self.toks[start]
                if (
                    (right.is_cap or lowers[start] in self.words.determiners)
                    and (left.is_cap or (left.is_word and not _verbish(left)))
                ) or (left.is_cap and right.is_word and not _verbish(right)):
                    start -= 2
                    continue
                break
            if (
                self.boundary(start - 1)
                or prev_lower in self.words.clause_stops
                or prev_lower in self.words.auxiliaries
                or start - 1 in self.margins
            ):
                # "The Kremlin said Putin told ...": the source is "Putin";
                # "That was how Ellis described ...": the source is "Ellis".
                break
            if prev_lower in self.words.subject_pronouns and prev_lower not in _DEMONSTRATIVES:
                break
            start -= 1
        return start

    def inverted_source(self, first: int, last: int) -> int | None:
        """Return the last token of the source after an inverted cue, or None.

        The source is a name or a description running to the sentence end,
        appositives included; a clause there ("said parents still want ...")
        means the cue is not inverted.
        """
        k = last + 1
        nxt = self.toks[k]
        if self.boundary(k) or not (nxt.is_cap or nxt.lower in self.words.determiners):
            return None
        end = self.np_right(k)
        if any(t.lower == "who" for t in self.toks[k + 1 : min(end + 2, self.last + 1)]):
            # "said an official who spoke on condition of anonymity because ...":
            # a relative clause describes the source, to the end of the sentence.
            return self.last
        lex = lexicon()
        if any(
            t.lower in self.words.auxiliaries or (not t.is_cap and t.lower in lex)
            for t in self.toks[k + 1 : end + 1]
        ):
            return None
        if end == self.last or self.toks[end + 1].text == ",":
            quoted_before = self.closer(first - 1) or (first >= 2 and self.closer(first - 2))
            if (
                not quoted_before
                and end != self.last
                and any(
                    _verbish(t)
                    for t in self.toks[end + 2 : min(self.last, end + _MAX_PHRASE) + 1]
                    if not t.is_cap
                )
            ):
                # No quotation before, and a clause after the name: not inverted.
                return None
            tail = self.last
            while tail > end and self.toks[tail].text[0] in QUOTE_CHARS:
                tail -= 1
            return tail if not any(self.opener(j) for j in range(end + 1, tail + 1)) else end
        return None

    def appositive_left(self, comma: int) -> tuple[int, int] | None:
        """Return the source "The chairman, Phil Lovas," given the comma before the cue.

        The appositive may hold clauses of its own ("Brian Baker, an adviser
        who oversees the campaign, said"), so only quotation marks, colons
        and semicolons end the search for the comma that opens it.
        """
        for j in range(comma - 1, max(-1, comma - 40), -1):
            tok = self.toks[j]
            if tok.text == ",":
                start = self.subject_left(j) if j > 0 else None
                if start is None:
                    return None
                if self.toks[j + 1].lower.endswith(("ing", "ed")):
                    # "Trump, speaking to a veterans group, warned": the name alone.
                    return start, j - 1
                return start, comma
            if tok.text in (":", ";") or tok.text[0] in QUOTE_CHARS or self.prep.quoted[j]:
                return None
        return None

    def initial_subject(self) -> tuple[int, int] | None:
        """Return the sentence's opening noun phrase: "Rival Hillary Clinton (had mocked)"."""
        toks = self.toks
        k = 1 if self.starts_with_quote() else 0
        if k <= self.last and toks[k].lower in self.words.adjunct_starts:
            # "On Monday night, Clinton ...": skip the opening adjunct.
            for j in range(k, min(k + 8, self.last)):
                if toks[j].text == ",":
                    k = j + 1
                    break
        start = k
        lex = lexicon()
        while k <= min(self.last, start + _MAX_PHRASE):
            t = toks[k]
            if (
                self.boundary(k)
                or t.lower in self.words.clause_stops
                or t.lower in self.words.auxiliaries
            ):
                break
            if not t.is_cap and (t.lower in lex or t.lower.endswith("ed")):
                break
            k += 1
        return (start, k - 1) if k > start else None

    def _skip_parens(self, k: int) -> int:
        """Return the token before the "(" matching the ")" at ``k``, or -1."""
        depth = 0
        for j in range(k, max(-1, k - 12), -1):
            if self.toks[j].text == ")":
                depth += 1
            elif self.toks[j].text == "(":
                depth -= 1
                if depth == 0:
                    return j - 1
        return -1

    def np_right(self, first: int, stop_words: frozenset[str] = frozenset()) -> int:
        """Return the last token of the noun phrase that starts at ``first``."""
        lowers = self.lowers
        k = first
        while k + 1 <= min(self.last, first + _MAX_PHRASE):
            nxt = lowers[k + 1]
            if nxt in ("and", "or") and k + 2 <= self.last:
                after = self.toks[k + 2]
                # "an official and a source with knowledge of the call": one phrase.
                if after.is_cap or lowers[k + 2] in self.words.determiners:
                    k += 1
                    continue
            if self.boundary(k + 1) or nxt in stop_words or nxt == "that":
                break
            k += 1
        return k

    def right_is_empty(self, last: int, lemma: str = "") -> bool:
        """Return whether nothing but an adjunct follows the cue up to a comma or the end.

        For "told"-like cues an addressee may come first: '..., Rubio told
        reporters on Friday.'
        """
        k = last + 1
        if lemma in self.words.tell_lemmas:
            while k <= self.last and (
                self.toks[k].is_cap
                or self.toks[k].lower in self.words.audiences
                or self.toks[k].lower in ("the", "a", "an", ".")
            ):
                k += 1
            if k > last + 1 and (
                k > self.last
                or self.comma_like(k)
                or self.toks[k].lower in self.words.adjunct_starts
            ):
                last = k - 1
        k = last + 1
        if k > self.last:
            return True
        tok = self.toks[k]
        if tok.text in (",", ";") or tok.text[0] in DASHES:
            return True
        if tok.lower not in self.words.adjunct_starts:
            return False
        n = 0
        while k <= self.last and not self.comma_like(k):
            if self.toks[k].lower == "that" or self.toks[k].text[0] in QUOTE_CHARS:
                return False
            n += 1
            k += 1
        return n <= 8

    def quote_ending_at(self, end: int) -> Quote | None:
        """Return the outermost quotation that ends at ``end`` (or just before, past spaces)."""
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        quote = self.quote_by_end.get(end)
        if quote is None and self.previous is not None and self.previous.end == end:
            quote = self.previous
        return quote


def _content_before(s: _Sentence, boundary: int) -> tuple[Span, ...]:
    """Return the content that ends at token ``boundary`` (a comma, dash or closing mark).

    A closing mark belongs to the content: "... now," he said. A quotation
    that began in an earlier sentence is taken whole.
    """
    toks = s.toks
    if boundary < 0:
        return ()
    if s.closer(boundary):
        end = toks[boundary].end
    elif boundary > 0:
        end = toks[boundary - 1].end
    else:
        end = toks[0].start
    quote = s.quote_ending_at(end)
    start = toks[0].start
    if quote is not None and quote.start < start:
        return (Span(quote.start, quote.end),)
    if end <= start:
        return ()
    return (Span(start, end),)


def _content_after(s: _Sentence, first: int) -> tuple[Span, ...]:
    """Return the content that starts at token ``first`` and runs to the clause end."""
    if first > s.last:
        return ()
    toks = s.toks
    start = toks[first].start
    quote = s.quote_at.get(start)
    if quote is not None:
        return (Span(quote.start, quote.end),)
    end_tok = s.last
    # Keep a closing quotation mark that follows the final period: ... end."
    if end_tok + 1 < len(toks) and toks[-1].text[0] in CLOSING_QUOTES:
        end_tok = len(toks) - 1
    if end_tok < first:
        return ()
    return (Span(start, toks[end_tok].end),)


def _tell_content_start(s: _Sentence, last: int) -> int:
    """Skip the addressee of "told"-like cues: "told Zelenskyy on Friday (that) ..."."""
    toks, lowers = s.toks, s.lowers
    for k in range(last + 1, min(last + 14, s.last + 1)):
        t = toks[k]
        text = t.text
        if lowers[k] == "that" or text == ":" or text[0] in OPEN_QUOTES or text == '"':
            return k
        if _is_comma_like(t):
            break
    k = last + 1
    while k <= s.last:
        w = lowers[k]
        if k > last + 1 and (w in s.words.subject_pronouns or w in ("the", "a", "an")):
            return k
        if not (toks[k].is_cap or w in s.words.adjunct_starts or w in s.words.audiences):
            return k if k > last + 1 else last + 1
        k += 1
    return last + 1


def _skip_to_content(s: _Sentence, last: int, lemma: str) -> int:
    """Return the token where a pre-posed cue's content starts."""
    toks = s.toks
    k = last + 1
    window = min(k + 7, s.last + 1)
    # "posted on X: ...", "said in a statement: ...": the content follows the
    # colon. A colon is a token of its own; most windows hold none.
    if k < window and s.text.find(":", toks[k].start, toks[window - 1].end) >= 0:
        for j in range(k, window):
            if toks[j].text == ":":
                return j + 1
            if s.boundary(j):
                break
    if k <= s.last and toks[k].text in (":", ","):
        k = _past_citing(s, k + 1)
    if lemma in s.words.tell_lemmas:
        return _tell_content_start(s, k - 1)
    # "said in a statement on Friday that ...": jump to the complementizer.
    if k <= s.last and s.lowers[k] in s.words.adjunct_starts:
        for j in range(k, min(k + 10, s.last + 1)):
            if s.lowers[j] == "that":
                return j
            if s.boundary(j) and toks[j].text != ",":
                break
    return k


class _CueAt(NamedTuple):
    """A cue found in a sentence: token indices and what the lexicon says of it."""

    first: int
    head: int
    last: int
    word: str
    lemma: str
    kind: str
    # The first token of the noun phrase before the cue (see _Sentence.subject_left),
    # found once for the matchers that ask.
    subject: int | None

    @property
    def tokens(self) -> tuple[int, int, int]:
        return self.first, self.head, self.last


class _Stop:
    """A matcher's answer: the pattern is this one, but it yields no relation."""


_STOP = _Stop()
_Match = _Rel | _Stop | None  # None: not this pattern, try the next one


def _according(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match "according to X, C" and "C, according to X"."""
    if cue.lemma != "according to":
        return None
    toks = s.toks
    src_first = cue.last + 1
    if src_first > s.last:
        return _STOP
    src_last = s.np_right(src_first, frozenset({"citing"}))
    if cue.first > 0 and s.comma_like(cue.first - 1):
        content = _content_before(s, cue.first - 1)
    else:
        k = src_last + 1
        if k <= s.last and toks[k].text == ",":
            k += 1
        content = _content_after(s, _past_citing(s, k))
    if not content:
        return _STOP
    return _Rel(cue.tokens, "according", (src_first, src_last), content)


def _past_citing(s: _Sentence, k: int) -> int:
    """Return the token after ", citing X," that starts at ``k``, or ``k``.

    In "According to Spiegel, citing officials, the minister will resign"
    (and "Reuters reported, citing officials, that ...") the content comes
    after the relay; the relay itself is matched by :func:`_citing`.
    """
    if k > s.last or s.lowers[k] != "citing":
        return k
    end = s.np_right(k + 1) + 1
    if end <= s.last and s.toks[end].text == ",":
        return end + 1
    return k  # no comma closes the relay: not the shape above


def _citing(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match ", citing X" after a report: a relay hop whose content is the report.

    ", citing low growth" names a reason, not a source: only a phrase with a
    source noun ("officials", "a report", "people familiar") relays.
    """
    toks = s.toks
    if cue.lemma != "cite" or cue.first == 0 or toks[cue.first - 1].text != "," or not rels:
        return None
    src_first = cue.last + 1
    if src_first > s.last:
        return None
    src_last = s.np_right(src_first)
    heads = word_list("source_nouns")
    if not any(t.lower in heads for t in toks[src_first : src_last + 1]):
        return None
    prev = rels[-1]
    start = min(prev.content[0].start, toks[prev.cue[0]].start)
    end = toks[prev.cue[2]].end
    if prev.source is not None:
        start = min(start, toks[prev.source[0]].start)
        end = max(end, toks[prev.source[1]].end)
    if prev.content[0].start > toks[cue.last].end and cue.first >= 2:
        # The report's content comes after the relay ("According to X, citing
        # Y, C"): the relay holds the report around itself.
        report = Span(start, toks[cue.first - 2].end)
        return _Rel(cue.tokens, "citing", (src_first, src_last), (report, *prev.content))
    return _Rel(cue.tokens, "citing", (src_first, src_last), (Span(start, end),))


def _nominal_cue(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match a cue noun: "warnings by Kyiv that C", "Trump's claim that C"."""
    if cue.kind != "noun" and not _nominal_use(s, cue.first, cue.head):
        return None
    return _nominal(s, cue.first, cue.head, cue.last) or _STOP


def _inverted(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match '"C," said Caddell.' and "C, said Quentin Kidd, a political scientist."."""
    first, last = cue.first, cue.last
    if not (first > 0 and s.comma_like(first - 1) and last + 1 <= s.last):
        return None
    src_last = s.inverted_source(first, last)
    if src_last is None:
        return None
    content = _content_before(s, first - 1)
    if not content:
        return None
    return _Rel(cue.tokens, "inverted", (last + 1, src_last), content)


def _after_comma(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match a cue right after a comma with no subject of its own.

    "..., saying C" takes the main clause's subject; "The chairman, Phil
    Lovas, said C" takes the whole appositive phrase.
    """
    toks = s.toks
    first, last = cue.first, cue.last
    if not (first > 1 and toks[first - 1].text == "," and cue.subject is None):
        return None
    if cue.word.endswith("ing"):
        source = rels[-1].source if rels else s.initial_subject()
        content = _content_after(s, _skip_to_content(s, last, cue.lemma))
        return _Rel(cue.tokens, "participle", source, content) if content else _STOP
    apposition = s.appositive_left(first - 1)
    if apposition is None or s.right_is_empty(last):
        return None
    content = _content_after(s, _skip_to_content(s, last, cue.lemma))
    return _Rel(cue.tokens, "pre", apposition, content) if content else _STOP


def _coordinated(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match "X said A and added B": the coordinated cue shares the subject."""
    toks = s.toks
    first = cue.first
    if not (first > 0 and toks[first - 1].lower in ("and", "but")):
        return None
    if cue.subject is not None:
        return None
    source = rels[-1].source if rels else None
    content = _content_after(s, _skip_to_content(s, cue.last, cue.lemma))
    return _Rel(cue.tokens, "pre", source, content) if content else _STOP


def _as_put_it(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match "as X put it, C" and "C, as X said"."""
    toks = s.toks
    src_first = cue.subject
    if src_first is None or src_first == 0 or s.lowers[src_first - 1] != "as":
        return None
    before = src_first - 1
    if before == 0:
        k = cue.last + 1
        while k <= s.last and toks[k].text != ",":
            k += 1
        content = _content_after(s, k + 1)
    else:
        content = _content_before(s, before - 1)
    if not content:
        return _STOP
    return _Rel(cue.tokens, "as", (src_first, cue.first - 1), content)


def _post_posed(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match "C, X said." (also after a closing quotation mark or a dash)."""
    src_first = cue.subject
    if src_first is None or src_first == 0:
        return None
    before = src_first - 1
    if not (s.comma_like(before) and s.right_is_empty(cue.last, cue.lemma)):
        return None
    content = _content_before(s, before)
    if not content:
        return None
    return _Rel(cue.tokens, "post", (src_first, cue.first - 1), content)


def _pre_posed(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match "X said (that) C", "X told Y C", "X said: C", "It was reported by X that C"."""
    toks = s.toks
    first, head, last = cue.tokens
    src_first = cue.subject
    if src_first is None:
        return None
    source: tuple[int, int] | None = (src_first, first - 1)
    passive = _passive(toks, first, head)
    if passive:
        # "It is believed that ...": an expletive, no source. "The senator has
        # been described as a maverick": the subject is content, not source.
        source = None
    start = _skip_to_content(s, last, cue.lemma)
    if source is None and s.lowers[last] == "by" and start <= s.last:
        start -= 1  # "It was reported by The Times that ...": the agent is the source
    if start < s.last and s.lowers[start] == "by" and source is None:  # an agent after "by"
        src_last = s.np_right(start + 1)
        source = (start + 1, src_last)
        start = src_last + 1
    content = _content_after(s, start)
    if start - 1 > last and toks[start - 1].text == ":":
        last = start - 1  # "posted on X:": the colon and the medium are the cue's
    elif (
        start - 1 > last
        and start <= s.last
        and s.lowers[start] == "that"
        and _medium_phrase(toks[last + 1 : start])
    ):
        last = start - 1  # "said in a regulatory filing that": the medium too
    if not content:
        return _STOP
    if passive and source is None and toks[src_first].lower != "it":
        # PolNeAR's convention: the passive subject is part of the content.
        content = (s.span(src_first, first - 1), *content)
    return _Rel((first, head, last), "pre", source, content)


def _subjectless(s: _Sentence, cue: _CueAt, rels: Sequence[_Rel]) -> _Match:
    """Match a cue with no subject found: a headline "Says ...", an agentless passive."""
    content = _content_after(s, _skip_to_content(s, cue.last, cue.lemma))
    return _Rel(cue.tokens, "pre", None, content) if content else _STOP


# In the order they are tried for a cue; the first that answers decides. A cue
# tries only those that may answer for it (see _cue_word and _clause_matchers).
_MATCHERS = (
    _according,
    _citing,
    _nominal_cue,
    _inverted,
    _after_comma,
    _coordinated,
    _as_put_it,
    _post_posed,
    _pre_posed,
    _subjectless,
)
_Matcher = Callable[[_Sentence, _CueAt, Sequence[_Rel]], _Match]


@text_cache()  # more than there are cue words
def _cue_word(word: str) -> tuple[str, str, tuple[_Matcher, ...], bool]:
    """Return a cue word's lemma and kind, the word's own matchers, and whether the clause's follow.

    Trying the word's matchers, then (if the last value is true) those of
    :func:`_clause_matchers`, gives the same answer as trying every matcher
    of :data:`_MATCHERS` in order: left out are the matchers whose condition
    on the word fails ("according to" for :func:`_according`, "cite" for
    :func:`_citing`, a cue noun for :func:`_nominal_cue`) and those after one
    that always answers for it.
    """
    info = lexicon().get(word)
    lemma, kind = (info.lemma, info.kind) if info else (word, "other")
    if lemma == "according to":
        return lemma, kind, (_according,), False
    matchers: tuple[_Matcher, ...] = (_citing,) if lemma == "cite" else ()
    if kind == "noun":
        return lemma, kind, (*matchers, _nominal_cue), False
    if word in word_list("cue_nouns"):
        matchers += (_nominal_cue,)
    return lemma, kind, matchers, True


# The matchers that may answer for a cue in a clause, in the order of
# _MATCHERS, keyed by whether the token before the cue may end a clause (a
# comma-like token, "and" or "but": _inverted, _after_comma and _coordinated
# ask for one) and whether a subject ends there (_as_put_it, _post_posed and
# _pre_posed ask for one, and _pre_posed then always answers; _after_comma and
# _coordinated ask for none).
_CLAUSE_MATCHERS: dict[tuple[bool, bool], tuple[_Matcher, ...]] = {
    (False, False): (_subjectless,),
    (False, True): (_as_put_it, _post_posed, _pre_posed),
    (True, False): (_inverted, _after_comma, _coordinated, _subjectless),
    (True, True): (_inverted, _as_put_it, _post_posed, _pre_posed),
}


def _clause_matchers(s: _Sentence, first: int, subject: int | None) -> tuple[_Matcher, ...]:
    """Return the matchers of :data:`_MATCHERS` that may answer for a cue in a clause.

    ``subject`` is ``s.subject_left(first)``.
    """
    after_break = first > 0 and (s.comma_like(first - 1) or s.lowers[first - 1] in _AND_BUT)
    return _CLAUSE_MATCHERS[after_break, subject is not None]


def _relations_in_sentence(
    s: _Sentence, found: Sequence[tuple[int, int, int, float]], cue_marks: bool
) -> list[_Rel]:
    """Return the relations of one sentence, one per cue that a pattern matches.

    ``found`` holds the sentence's cues (see :func:`find_cues`); ``cue_marks``
    tells whether it holds a mark that may cue a relation by itself (a colon
    or a dash, see :func:`_punctuation_cues`).
    """
    rels: list[_Rel] = []
    for _first, head, _last, margin in found:
        s.margins[head] = margin
    for first, head, last, _margin in found:
        word = s.lowers[head]
        lemma, kind, matchers, in_clause = _cue_word(word)
        subject = s.subject_left(first)
        if in_clause:
            matchers += _clause_matchers(s, first, subject)
        cue = _CueAt(first, head, last, word, lemma, kind, subject)
        for matcher in matchers:
            match = matcher(s, cue, rels)
            if match is None:
                continue
            if isinstance(match, _Rel):
                rels.append(match)
            break
    if cue_marks:
        rels.extend(_punctuation_cues(s, rels))
    if not rels:
        return rels  # nothing to cut or drop
    rels = _drop_doubtful_nested(s, _cut_contents(s, rels))
    if len(rels) > MAX_SENTENCE_HOPS:
        rels = sorted(rels, key=lambda r: r.cue[1])[:MAX_SENTENCE_HOPS]
    return rels


def _semicolons(s: _Sentence, first: int) -> list[int]:
    """Return the semicolons from token ``first`` on outside quotations: each ends a clause.

    "X said it would create jobs; she calls for more": what follows a
    semicolon is the writer's next clause, not the reported speech.
    """
    if s.text.find(";", s.toks[first - 1].end, s.toks[s.last].end) < 0:
        return []
    quoted = s.prep.quoted
    return [k for k in range(first, s.last + 1) if s.toks[k].text == ";" and not quoted[k]]


def _drop_doubtful_nested(s: _Sentence, rels: list[_Rel]) -> list[_Rel]:
    """Keep a cue inside another relation's content only if the lexicon knows it.

    The model learned its cue words from PolNeAR, which marks outermost
    relations only; inside a content ("The deal was approved on Friday,
    according to Die Welt") it has seen no counter-examples, so only the
    hand-written lexicon's verbs and nouns are trusted there, and only with
    a clear margin ("it would recall 1.2 million vehicles" is no cue).
    """
    quoted = s.prep.quoted
    if len(rels) == 1 and not quoted[rels[0].cue[1]]:
        # Most sentences: a relation's own content lies before or after its cue.
        return rels
    lex = lexicon()
    toks = s.toks
    # Contents sorted by start with the running maximum of their ends: a cue is
    # nested when some content starting before it reaches past it.
    holders = sorted(
        [(c.start, c.end) for other in rels if other.pattern != "citing" for c in other.content]
    )
    starts = [lo for lo, _ in holders]
    reach = list(itertools.accumulate([hi for _, hi in holders], max))
    out = []
    for rel in rels:
        first, head, last = rel.cue
        k = bisect.bisect_right(starts, toks[first].start) - 1
        nested = k >= 0 and reach[k] >= toks[last].end
        if nested or quoted[head]:
            info = lex.get(toks[head].lower)
            if nested and (info is None or s.margins.get(head, math.inf) < NESTED_MARGIN):
                continue
            if quoted[head] and (info is None or info.kind not in _SPEECH_KINDS):
                # Inside a quotation, "we agreed to ..." is the speaker's own words,
                # not a relation of the article's.
                continue
        out.append(rel)
    return out


def _cut_contents(s: _Sentence, rels: list[_Rel]) -> list[_Rel]:
    """End a content where the sentence moves on to another clause.

    - A clause-final attribution relays what precedes it: in "Trump told
      Zelenskyy that C, Axios reported, citing X", the content of "told" stops
      at the comma before "Axios reported".
    - A new subject with its own cue starts a new relation: "X said C, and
      rights groups warned that D".
    - A coordinated verb returns to the subject: "X said C and called it D",
      "X described C but stopped short of D".
    """
    toks = s.toks
    # Only a content in one span after its cue is cut ("C, X said" is not): the
    # last token of the first such cue; no cut before it can matter.
    after = [
        rel.cue[2]
        for rel in rels
        if len(rel.content) == 1 and rel.content[0].start >= toks[rel.cue[2]].end
    ]
    if not after:
        return rels
    cuts = []
    for rel in rels:
        first = rel.cue[0]
        if rel.pattern == "post" and rel.source is not None:
            cuts.append(rel.source[0] - 1)
        elif rel.pattern in ("inverted", "according", "participle", "citing") and first > 0:
            cuts.append(first - 1)
        elif rel.pattern == "pre" and rel.source is not None and rel.source[0] > 0:
            k = rel.source[0] - 1
            if s.lowers[k] in _AND_BUT and k > 0:
                cuts.append(k - 1 if toks[k - 1].text == "," else k)
    cuts = [c for c in cuts if c > 0 and (s.comma_like(c) or s.lowers[c] in _AND_BUT)]
    cuts.extend(_coordinated_verbs(s, min(after) + 1))
    cuts.extend(_semicolons(s, min(after) + 1))
    if not cuts:
        return rels
    cuts.sort()
    cut_starts = [toks[c].start for c in cuts]
    out = []
    for rel in rels:
        span = rel.content[0]
        if len(rel.content) == 1 and span.start >= toks[rel.cue[2]].end:
            k = bisect.bisect_right(cut_starts, span.start)
            if k < len(cuts) and cut_starts[k] < span.end:
                c = cuts[k]
                end = toks[c].end if s.closer(c) else toks[c - 1].end
                if end > span.start:
                    rel = _Rel(rel.cue, rel.pattern, rel.source, (Span(span.start, end),))
        out.append(rel)
    return out


def _coordinated_verbs(s: _Sentence, start: int) -> list[int]:
    """Return the indices of "and"/"but" from ``start`` on that join a second verb to the subject.

    ``start`` must be at least 1: "And" opening the sentence joins nothing.
    """
    toks, lowers = s.toks, s.lowers
    lex = lexicon()
    quoted = s.prep.quoted
    out = []
    # The "and"s and "but"s, found at C speed.
    joints = map(_AND_BUT.__contains__, lowers[start : s.last])
    for k in itertools.compress(range(start, s.last), joints):
        if quoted[k]:
            continue
        k2 = k + 1
        while k2 < s.last and (lowers[k2] in ("also", "then", "later") or _adverb(toks[k2])):
            k2 += 1
        nxt = lowers[k2]
        if (
            not toks[k2].is_cap
            and (nxt in lex or nxt in s.words.coordinated_verbs)
            and (
                nxt.endswith(("ed", "id", "old", "ote", "aw", "ent", "ought"))
                or nxt in s.words.coordinated_verbs
            )
        ):
            out.append(k - 1 if toks[k - 1].text == "," else k)
    return out


def _verbish(tok: Token) -> bool:
    """Return whether a lower-case token looks like a verb rather than a noun."""
    w = tok.lower
    return w in _words().auxiliaries or w in lexicon() or w.endswith(("ed", "n't", "n’t"))


def _adverb(tok: Token) -> bool:
    return len(tok.lower) > 4 and tok.lower.endswith("ly") and not tok.is_cap


def _punctuation_cues(s: _Sentence, rels: Sequence[_Rel]) -> list[_Rel]:
    """Find attributions cued by punctuation alone.

    - A speaker label: "WALLACE: Let's start ..." or a headline "Pence: Flowers
      Won't Be at Debate" (a short capitalized name before a colon), unless
      the name is a section label ("Exclusive:", "Editor's Note:", see
      :func:`_kicker`) or what follows has no word ("Clinton: 1,769.", a tally);
    - a dash after a quotation: "... our greatest shame." ― Sonya Herridge.
    """
    toks = s.toks
    out: list[_Rel] = []
    first = 1 if s.starts_with_quote() else 0
    for k in range(first + 1, min(first + 6, s.last + 1)):
        tok = toks[k]
        if tok.text == ":":
            words = toks[first:k]
            cue_among_words = any(r.cue[0] < k and r.cue[2] >= first for r in rels)
            if (
                all(t.is_cap or t.text in (".", "’s", "'s") for t in words)
                and not cue_among_words
                and not _kicker(s.text[words[0].start : words[-1].end])
            ):
                content = _content_after(s, k + 1)
                if content and _worded(s.text[content[0].start : content[-1].end]):
                    out.append(_Rel((k, k, k), "label", (first, k - 1), content))
            break
        if not (tok.is_cap or tok.text in (".", "’s", "'s")):
            break
    if not toks or not _DASH.search(s.text, toks[0].start, toks[-1].end):
        return out
    # Lower-casing leaves a dash a dash.
    for k in [k for k, word in enumerate(s.lowers) if word[0] in DASHES]:
        tok = toks[k]
        if k + 1 > s.last or not toks[k + 1].is_cap:
            continue
        if k == 0:
            quote = s.quote_ending_at(tok.start)
            if quote is None:
                continue
            content = (Span(quote.start, quote.end),)
        elif s.closer(k - 1):
            content = _content_before(s, k - 1)
        else:
            continue
        if content:
            out.append(_Rel((k, k, k), "dash", (k + 1, s.np_right(k + 1)), content))
    return out


def _kicker(label: str) -> bool:
    """Return whether the words before a colon are a section label ("Exclusive", "The Latest").

    Such a label (``data/kickers.txt``) names the kind of piece that follows,
    not who said it.
    """
    return " ".join(label.lower().replace("’", "'").split()) in word_list("kickers")


def _worded(content: str) -> bool:
    """Return whether a label's content holds a word: "Sanders: 1,501." is a tally."""
    return any(ch.isalpha() for ch in content)


def _passive(toks: Sequence[Token], first: int, head: int) -> bool:
    """Return whether the cue is a passive: "was reported", "is believed"."""
    # Most cues have no auxiliary before the head (first == head): nothing to scan.
    return first < head and (
        not _BE.isdisjoint(map(LOWER, toks[first:head]))
        and toks[head].lower.endswith(("ed", "wn", "id", "ht", "ld"))
    )


def _medium_phrase(toks: Sequence[Token]) -> bool:
    """Return whether tokens are a medium phrase: "in a statement", "in a post on X"."""
    if not toks or toks[0].lower not in ("in", "on", "during") or len(toks) > 7:
        return False
    media = word_list("medium_nouns")
    return any(t.lower in media or t.lower.rstrip("s") in media for t in toks[1:])


def _nominal_use(s: _Sentence, first: int, head: int) -> bool:
    """Return whether a cue word that is also a verb is used as a noun here.

    "Trump's claim that ...", "its warning that ...": a possessive before the
    word and a complementizer after it.
    """
    toks = s.toks
    if toks[head].lower not in word_list("cue_nouns") or first == 0 or head + 1 > s.last:
        return False
    return is_possessive(toks[first - 1].lower) and toks[head + 1].lower == "that"


def _nominal(s: _Sentence, first: int, head: int, last: int) -> _Rel | None:
    """Match "warnings by X that C", "X's claim that C", "the claim that C"."""
    toks = s.toks
    k = last + 1
    source: tuple[int, int] | None = None
    if k <= s.last and toks[k].lower in ("by", "from") and k + 1 <= s.last:
        src_last = s.np_right(k + 1)
        source = (k + 1, src_last)
        k = src_last + 1
    if k > s.last or toks[k].lower != "that":
        return None
    if source is None and first > 0:
        prev = toks[first - 1]
        if prev.lower.endswith(("'s", "’s")):
            # "the White House's assertion": the whole possessive phrase.
            start = first - 1
            while start > 0 and (
                toks[start - 1].is_cap or toks[start - 1].lower in ("the", "a", "an")
            ):
                start -= 1
            source = (start, first - 1)
        elif is_possessive(prev.lower):  # "its warning that ..."
            source = (first - 1, first - 1)
    content = _content_after(s, k)
    if not content:
        return None
    return _Rel((first, head, last), "nominal", source, content)


def _content_type(
    content: Sequence[Span], outer: Sequence[Quote], starts: Sequence[int]
) -> AttributionType:
    total = quoted = 0
    for span in content:
        total += span.end - span.start
        quoted += quoted_length(span.start, span.end, outer, starts)
    if quoted >= total:
        return _DIRECT
    return _MIXED if quoted else _INDIRECT


def _split_sources(sent: _Sentence, first: int, last: int) -> SourceSpans:
    """Split "an official and a source with knowledge" into its sources' spans."""
    toks = sent.toks
    if "and" not in sent.lowers[first + 1 : last]:
        # Most sources: no "and" inside, one source.
        return ((toks[first].start, toks[last].end),)
    parts: list[tuple[int, int]] = []
    start = first
    for k in range(first, last + 1):
        if toks[k].lower == "and" and k > start and k < last:
            nxt = toks[k + 1]
            names = (
                nxt.is_cap
                and toks[k - 1].is_cap
                and not any(t.lower in ("of", "for") for t in toks[start:k])
            )
            if (
                names
                or nxt.lower in sent.words.conjunct_openers
                or (not nxt.is_cap and toks[start].is_cap and k - start == 1)
            ):
                parts.append((start, k - 1))
                start = k + 1
    parts.append((start, last))
    return tuple([(toks[a].start, toks[b].end) for a, b in parts])


def find_attributions(
    text: str, prepared: Sequence[Prepared], quotes: Sequence[Quote]
) -> tuple[Attribution, ...]:
    """Return every attribution relation in the text, sorted by cue, not yet linked."""
    return _number(*_relations(text, prepared, quotes), with_sources=True)[0]


def find_hops(
    text: str, prepared: Sequence[Prepared], quotes: Sequence[Quote]
) -> tuple[tuple[Attribution, ...], list[SourceSpans]]:
    """Return the relations of :func:`find_attributions` without their sources, and their spans.

    The analysis builds each :class:`~attribution.model.Source` once,
    complete, when :func:`attribution.entities.find_entities` has resolved
    it: until then the spans travel beside the hops. Such hops must reach
    ``find_entities`` with ``described`` from
    :func:`attribution.sources.describe_sources` given these ``spans``:
    a hop's sources are there and nowhere else.
    """
    return _number(*_relations(text, prepared, quotes), with_sources=False)


def _relations(
    text: str, prepared: Sequence[Prepared], quotes: Sequence[Quote]
) -> tuple[list[_Found], list[Quote], list[int]]:
    """Return the relations found, unordered, with the outermost quotations and their starts."""
    outer = [q for q in quotes if q.depth == 0]
    starts = [q.start for q in outer]
    # Found once for the text: few sentences hold any.
    marks = _cue_marks(text)
    per_sentence: list[tuple[_Sentence | None, list[_Rel]]] = []
    for prep in prepared:
        start, end = prep.sentence.start, prep.sentence.end
        found = find_cues(prep.tokens, prep.quoted, prep.lowers)
        k = bisect.bisect_left(marks, start)
        cue_marks = k < len(marks) and marks[k] < end
        lo = max(bisect.bisect_left(starts, start) - 1, 0)
        hi = bisect.bisect_left(starts, end)
        # The outermost quotations do not overlap: only the one starting before
        # the sentence may end before it.
        local = outer[lo + (outer[lo].end <= start) : hi] if lo < hi else []
        if not (found or cue_marks or local) and prep.tokens:
            # Most sentences: no relation, and no quotation to continue a speaker's.
            per_sentence.append((None, []))
            continue
        sentence = _Sentence(text, prep, local)
        if hi > 0 and outer[hi - 1].end <= start:
            sentence.previous = outer[hi - 1]
        per_sentence.append((sentence, _relations_in_sentence(sentence, found, cue_marks)))
    _continue_quotes(per_sentence)
    results: list[_Found] = []
    for sent, rels in per_sentence:
        if sent is None:  # a sentence without a relation
            continue
        for rel in rels:
            first, head, last = rel.cue
            cue = make_cue(sent.toks, first, head, last)
            source_span = None
            sources: SourceSpans = ()
            if rel.source is not None:
                a, b = rel.source
                b = _strip_time(sent.toks, sent.lowers, a, b)
                if a <= b:
                    source_span = sent.span(a, b)
                    sources = _split_sources(sent, a, b)
            results.append((source_span, sources, cue, rel.content, sent.prep.index, rel.pattern))
    return results, outer, starts


def _strip_time(toks: Sequence[Token], lowers: Sequence[str], first: int, last: int) -> int:
    """Drop a trailing time adjunct from a source: "the Supreme Court this month".

    ``lowers`` are the tokens' lower-cased texts.
    """
    time_words = _words().time_words
    if time_words.isdisjoint(lowers[first + 1 : last + 1]):
        return last  # both tests below need a time word past the first token
    for k in range(first + 1, last + 1):
        word = lowers[k]
        if word in ("on", "this", "last", "earlier", "late", "in") and not time_words.isdisjoint(
            lowers[k + 1 : min(k + 3, last + 1)]
        ):
            return k - 1
        if (
            word in time_words
            and toks[k].is_cap
            and k == last
            and word not in ("may", "march", "august")
        ):
            return k - 1
    return last


def _quote_content(rel: _Rel, sent: _Sentence) -> bool:
    return rel.content[-1].start in sent.quote_at


def _continue_quotes(per_sentence: list[tuple[_Sentence | None, list[_Rel]]]) -> None:
    """Give a speaker the quotations that follow without a cue of their own.

    ``"We show anger," Harvey said. "We show emotion."``: the second quotation
    continues Harvey's, within the sentence, in the sentences after it, and in
    the paragraphs after it that hold nothing but quotation (the news
    convention for a long quote). Works in place, in one pass. A sentence
    given as None (it has tokens, but neither a cue nor a quotation) ends the
    speaker's run.
    """
    current: tuple[int, int] | None = None  # (sentence index, relation index) speaking
    taken: set[int] = set()
    for i, (sent, rels) in enumerate(per_sentence):
        if sent is None:
            current = None
            continue
        if not sent.toks or (current is None and not rels):
            continue
        # Cues inside a quotation belong to the quoted speaker's words: they do
        # not interrupt the speaker whose quotation continues.
        rels_here = [r for r in rels if not sent.prep.quoted[r.cue[1]]]
        if rels_here:
            current = None
            for r_index, rel in enumerate(rels):
                if sent.prep.quoted[rel.cue[1]]:
                    continue
                for span in rel.content:
                    taken.add(span.start)
                if _quote_content(rel, sent):
                    current = (i, r_index)
            if current is None:
                continue
            rel = rels[current[1]]
            end = rel.content[-1].end
            extra = [q for q in sent.quotes if q.start >= end and q.start not in taken]
            if extra:
                _append(rels, current[1], extra, taken)
            continue
        if current is None:
            continue
        first_start = sent.toks[0].start
        starts_quoted = sent.starts_with_quote() or any(
            q.start < first_start < q.end for q in sent.quotes
        )
        if not starts_quoted:
            current = None
            continue
        ci, cr = current
        owner = per_sentence[ci][1]
        last_end = owner[cr].content[-1].end
        extra = [q for q in sent.quotes if q.start not in taken and q.start >= last_end]
        if extra:
            _append(owner, cr, extra, taken)


def _append(rels: list[_Rel], index: int, quotes: Sequence[Quote], taken: set[int]) -> None:
    rel = rels[index]
    spans = list(rel.content)
    for q in quotes:
        if q.start >= spans[-1].end:
            spans.append(Span(q.start, q.end))
            taken.add(q.start)
    rels[index] = _Rel(rel.cue, rel.pattern, rel.source, tuple(spans))


def _number(
    results: list[_Found], outer: Sequence[Quote], starts: Sequence[int], *, with_sources: bool
) -> tuple[tuple[Attribution, ...], list[SourceSpans]]:
    """Sort the relations by cue and number them ``a1``, ``a2``, ...

    Returns the hops, with their sources or without them, and each hop's
    source spans. ``outer`` holds the outermost quotations and ``starts``
    their start offsets, to tell direct from indirect content.
    """
    ordered = sorted(results, key=lambda r: (r[2].start, r[2].end))
    hops = tuple(
        [
            Attribution(
                id=f"a{n + 1}",
                type=_content_type(content, outer, starts),
                form=form,
                cue=cue,
                content=content,
                source=src,
                sources=tuple([Source(start=a, end=b) for a, b in spans]) if with_sources else (),
                sentence=sent,
            )
            for n, (src, spans, cue, content, sent, form) in enumerate(ordered)
        ]
    )
    return hops, [r[1] for r in ordered]
