"""Describe every source of every hop: what kind of source it is and what the text says of it.

A source span ("U.S. President Donald Trump", "an unidentified Ukrainian
official", "Spiegel magazine", "critics") is read from its *core*: the words
up to the first comma, parenthesis, relative pronoun or preposition that is
not inside a name ("a spokeswoman | for Hillary Clinton", "Kenneth Baer |, a
former Obama administration official"). The last word of the core is the
*head*, and the head decides the kind:

- a capitalized head is a name: an outlet (``media_outlets.txt``, or a name
  ending in "Times", "News", ... from ``media_name_heads.txt``), an
  organization or a place used as an actor (``organizations.txt``,
  ``places.txt``, a name ending in "Committee", "Department", ... from
  ``organization_words.txt``, an acronym), a group named by a party or
  nationality ("Republicans": vague), or else a person;
- a lower-case head is looked up in the lists of media nouns ("magazine"),
  document nouns ("report", "poll"), organization words ("campaign",
  "police"), crowds ("protesters": other), anonymous role nouns ("official",
  "source", "aide"), vague heads ("critics", "experts", "some") and person
  titles ("the senator": a person, resolved later by :mod:`attribution.entities`;
  "a senator": anonymous).

Pronouns get a provisional kind here ("he" a person, "we" the author outside
a quotation) and take the kind of the entity they resolve to in
:mod:`attribution.entities`. For anonymous sources the descriptors the AP,
Reuters and New York Times guidance asks reporters to give are read off the
span and its sentence: role, affiliation, count, seniority, how the source
knows, and why it is not named. The hop's medium ("in a statement", "posted
on X", "told reporters") comes from ``medium.tsv``, matched near the cue.

Capitalization and these lexicons are the only signals: no tagger, no model.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

import attrs

from attribution._tokens import QUOTE_CHARS, Token, tokenize
from attribution.cues import lexicon as cue_lexicon
from attribution.lexicon import table, word_list
from attribution.model import (
    Attribution,
    Cue,
    Descriptors,
    Medium,
    Quote,
    Sentence,
    Source,
    SourceKind,
    Span,
)

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PRONOUNS = frozenset({"i", "me", "my", "mine", "myself"})
WE_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves"})
YOU_PRONOUNS = frozenset({"you", "your", "yours", "yourself", "yourselves"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
PRONOUNS = (
    MALE_PRONOUNS
    | FEMALE_PRONOUNS
    | PLURAL_PRONOUNS
    | NEUTER_PRONOUNS
    | FIRST_PRONOUNS
    | WE_PRONOUNS
    | YOU_PRONOUNS
    | RELATIVE_PRONOUNS
)

NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
    "another": 1, "both": 2, "dozen": 12, "dozens": 24, "a couple of": 2,
}  # fmt: skip
PLURAL_QUANTIFIERS = frozenset(
    "several some many various multiple numerous few other others more most all dozens".split()
)
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "several", "certain"})
# Words that end a source's core unless they sit between two capitalized words
# ("Institute for Policy Integrity", "Bank of America").
_CORE_STOPS = frozenset(
    "of for from at in on with to by about over under among between within without after "
    "before during against and & or but".split()
)
_NAME_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "de", "del", "da", "van", "von"})
_BREAKS = frozenset({",", "(", ")", ";", ":", "—", "–", "―", "[", "]"})
# Nouns for a person who is identified by a relation rather than a name ("his
# wife", "my father", "the woman"): a person when definite, anonymous when not.
_PERSON_NOUNS = frozenset(
    "man woman men women boy girl wife husband father mother son daughter brother sister "
    "uncle aunt grandmother grandfather widow widower child children family parent parents "
    "friend neighbor neighbour lady gentleman guy".split()
)
# Plural person-like heads that an unnamed group is made of: "Several cast members".
_QUANTIFIED_LEAD = frozenset(
    {"one", "two", "three", "four", "five", "some", "many", "several", "each", "most",
     "all", "none", "few", "both", "any", "either", "neither"}
)  # fmt: skip
_PREFIXES = (("at", "least"), ("more", "than"), ("fewer", "than"), ("as", "many", "as"))
# Words that make a capitalized group vague rather than named ("Republicans").
_CAPITALIZED_GROUPS = frozenset(
    {"republicans", "democrats", "americans", "conservatives", "liberals", "progressives"}
)  # fmt: skip
# An outlet or a document speaking of itself ("this newspaper", "our reporters").
_SELF = frozenset({"this", "our", "we"})


# -- lexicons ---------------------------------------------------------------


@functools.cache
def _phrases(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return the multi-word entries of list ``name`` indexed by first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in word_list(name):
        words = tuple(entry.split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@functools.cache
def _media_phrases() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Return the phrases of ``medium.tsv`` indexed by first word, longest first."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in table("medium"):
        words = tuple(row[0].split())
        out.setdefault(words[0], []).append((words, row[1]))
    return {k: tuple(sorted(v, key=lambda p: len(p[0]), reverse=True)) for k, v in out.items()}


@functools.cache
def _titles() -> frozenset[str]:
    return word_list("person_titles")


@functools.cache
def _single_titles() -> frozenset[str]:
    return frozenset(t for t in _titles() if " " not in t)


def _match_at(words: Sequence[str], i: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """Return the length of the longest entry of ``index`` that starts at ``words[i]``, or 0."""
    for phrase in index.get(words[i], ()):
        k = len(phrase)
        if tuple(words[i : i + k]) == phrase:
            return k
    return 0


def merge_abbreviations(tokens: Sequence[Token]) -> list[Token]:
    """Return the tokens with a period glued back onto an abbreviation or initial.

    The shared tokenizer splits "Sen." into "Sen" and "."; titles, initials
    and "U.S." read better whole.

    >>> [t.text for t in merge_abbreviations(tokenize("Sen. J. Smith of the U.S. said."))]
    ['Sen.', 'J.', 'Smith', 'of', 'the', 'U.S.', 'said', '.']
    """
    out: list[Token] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if (
            i + 1 < n
            and tokens[i + 1].text == "."
            and tokens[i + 1].start == tok.end
            and tok.text[0].isalpha()
            and (
                "." in tok.text
                or len(tok.text) == 1 and tok.text.isupper()
                or tok.lower + "." in _abbreviations()
            )
            and not (i + 2 >= n or tokens[i + 2].text in ('"', "”", "’"))
        ):
            text = tok.text + "."
            out.append(Token(tok.start, tok.end + 1, text, text.lower()))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


@functools.cache
def _abbreviations() -> frozenset[str]:
    extra = {"jr.", "sr.", "inc.", "corp.", "co.", "st.", "ltd.", "bros.", "no."}
    return frozenset({t for t in _titles() if t.endswith(".")} | extra)


def strip_possessive(word: str) -> str:
    """Return a word without its possessive ending: "Trump’s" -> "Trump", "Reuters'" stays."""
    for suffix in ("’s", "'s", "’S", "'S"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    if word.endswith(("s’", "s'")) and len(word) > 3:
        return word[:-1]
    return word


def singular(word: str) -> str:
    """Return the singular of a role noun: "officials" -> "official", "people" -> "person"."""
    irregular = {"people": "person", "men": "man", "women": "woman", "children": "child",
                 "staff": "staff", "allies": "ally", "witnesses": "witness"}  # fmt: skip
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def is_plural(word: str) -> bool:
    """Return whether a head noun is plural ("officials", "people", "police")."""
    if word in ("people", "police", "men", "women", "children", "staff", "authorities"):
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "news")) and len(word) > 3


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 6


def is_name_token(tok: Token) -> bool:
    """Return whether a token can be part of a proper name: capitalized, or "&"."""
    return tok.text[0].isupper() and len(tok.text) > 1 or tok.text == "&"


def name_kind(words: Sequence[str], next_word: str = "") -> SourceKind:
    """Return the kind of a capitalized name, given its words lower-cased.

    ``words`` holds the name without titles ("spiegel", "new york times",
    "donald trump"); ``next_word`` is the lower-case word after it, so that
    "Spiegel magazine" or "the Trump campaign" can say what the name is.

    >>> name_kind(["axios"]), name_kind(["kyiv"]), name_kind(["donald", "trump"])
    (<SourceKind.MEDIA: 'media'>, <SourceKind.ORGANIZATION: 'organization'>, \
<SourceKind.PERSON: 'person'>)
    """
    if not words:
        return SourceKind.UNKNOWN
    words = [w for w in words if w not in QUOTE_CHARS]
    if words and words[0] in ("the", "der", "die", "le", "la", "el"):
        words = words[1:]
    if not words:
        return SourceKind.UNKNOWN
    full = " ".join(words)
    last = words[-1]
    if next_word in word_list("media_nouns"):
        return SourceKind.MEDIA
    if next_word in word_list("organization_words") and next_word not in ("police",):
        return SourceKind.ORGANIZATION
    if full in word_list("media_outlets"):
        return SourceKind.MEDIA
    if len(words) >= 2 and last in word_list("media_name_heads"):
        return SourceKind.MEDIA
    if full in word_list("organizations") or full in word_list("places"):
        return SourceKind.ORGANIZATION
    if last in word_list("organization_words") or last in ("police", "authorities"):
        return SourceKind.ORGANIZATION
    if len(words) == 1 and last in _CAPITALIZED_GROUPS:
        return SourceKind.VAGUE
    return SourceKind.PERSON


def strip_titles(words: Sequence[str]) -> int:
    """Return how many leading words of a name are titles or place adjectives.

    >>> strip_titles(["u.s.", "president", "donald", "trump"])
    2
    """
    titles = _titles()
    demonyms = word_list("demonyms")
    places = word_list("places")
    i = 0
    n = len(words)
    while i < n - 1:
        w = words[i]
        if w in titles or w in demonyms or w in places and words[i + 1] in titles:
            i += 1
            continue
        two = " ".join(words[i : i + 2])
        if two in titles and i + 2 < n:
            i += 2
            continue
        if w in ("former", "ex", "acting", "then", "deputy", "vice", "interim", "incoming",
                 "outgoing", "late", "first", "lady", "house", "senate", "state", "white",
                 "republican", "democratic") and i + 1 < n and (
            words[i + 1] in titles or words[i + 1] in demonyms
        ):  # fmt: skip
            i += 1
            continue
        break
    return i


# -- the core of a source span ------------------------------------------------


@attrs.frozen
class Core:
    """The parts of a source span that decide its kind."""

    tokens: tuple[Token, ...]  # every token of the span
    first: int  # index of the core's first token (after "one of", "at least")
    head: int  # index of the head token
    determiner: str  # lower-case determiner or quantifier before the core, or ""
    count: int | None
    sentence_initial: bool


def core(tokens: Sequence[Token], sentence_initial: bool = False) -> Core | None:
    """Return the core of a source span's tokens, or None when it has no word."""
    toks = tuple(
        t for t in merge_abbreviations(tokens) if t.text not in QUOTE_CHARS and t.text[0] not in QUOTE_CHARS
    )
    if not toks:
        return None
    words = [t.lower for t in toks]
    i = 0
    for prefix in _PREFIXES:
        if tuple(words[: len(prefix)]) == prefix:
            i = len(prefix)
            break
    determiner = ""
    count: int | None = None
    # "one of Mr. Obama's climate advisers", "two of the officials", "some of them".
    if i + 1 < len(toks) and words[i] in _QUANTIFIED_LEAD and words[i + 1] == "of":
        determiner = words[i]
        count = NUMBERS.get(words[i])
        i += 2
        if i < len(toks) and words[i] in DEFINITE:
            i += 1
    start = i
    j = start
    last = start
    while j < len(toks):
        tok = toks[j]
        w = words[j]
        if tok.text in _BREAKS or (w in RELATIVE_PRONOUNS and j > start):
            break
        if j > start and _match_at(words, j, _phrases("knowledge_phrases")):
            break
        if w in _CORE_STOPS and j > start:
            prev_cap = is_name_token(toks[j - 1])
            next_cap = j + 1 < len(toks) and is_name_token(toks[j + 1])
            nxt2 = j + 2 < len(toks) and words[j + 1] == "the" and is_name_token(toks[j + 2])
            if w in _NAME_CONNECTORS and prev_cap and (next_cap or nxt2) and w != "and":
                j += 1
                continue
            break
        last = j
        j += 1
    if not determiner and words[start] in (DEFINITE | INDEFINITE | POSSESSIVE_DETERMINERS):
        determiner = words[start]
    if count is None:
        for w in words[start : last + 1]:
            if w in NUMBERS and w not in ("a", "an"):
                count = NUMBERS[w]
                break
            if w.isdigit():
                count = int(w)
                break
        else:
            if determiner in ("a", "an", "another"):
                count = 1
    return Core(toks, start, last, determiner, count, sentence_initial and start == 0)


def _common(word: str) -> bool:
    """Return whether a lower-case word is a common noun or function word of the lexicons."""
    return (
        word in word_list("not_names")
        or word in word_list("vague_sources")
        or word in word_list("anonymous_roles")
        or word in word_list("media_nouns")
        or word in word_list("document_nouns")
        or word in word_list("organization_words")
        or word in word_list("other_sources")
        or word in word_list("seniority")
        or word in word_list("anonymity_words")
        or word in _titles()
        or word in NUMBERS
    )


def _has_name(c: Core, upto: int) -> bool:
    """Return whether the core holds a capitalized word (a name) before token ``upto``."""
    for k in range(c.first, upto):
        tok = c.tokens[k]
        w = strip_possessive(tok.lower)
        if k == 0 and c.sentence_initial and _common(w):
            continue
        if is_name_token(tok) and w not in word_list("not_names") and w not in _titles():
            return True
    return False


def head_kind(c: Core) -> tuple[SourceKind, bool]:
    """Return the kind of a source from its core, and whether it is named."""
    toks = c.tokens
    head = toks[c.head]
    hw = strip_possessive(head.lower)
    if c.first == c.head and hw in PRONOUNS:
        return pronoun_kind(hw, quoted=False), False
    capitalized = is_name_token(head) and not (c.head == 0 and c.sentence_initial and _common(hw))
    if capitalized and hw in ("democrat", "republican", "libertarian", "independent"):
        # "At least one Democrat", "One Republican": an unnamed party member.
        return SourceKind.ANONYMOUS, False
    if capitalized and hw not in _single_titles():
        k = c.head
        while k - 1 >= c.first and (
            is_name_token(toks[k - 1])
            or toks[k - 1].lower in _NAME_CONNECTORS
            and k - 2 >= c.first
            and is_name_token(toks[k - 2])
        ):
            k -= 1
        words = [strip_possessive(t.lower) for t in toks[k : c.head + 1]]
        skip = strip_titles(words)
        kind = name_kind(words[skip:])
        if kind is SourceKind.PERSON and _is_acronym(head.text) and len(words) == 1:
            # "FBI", "NAACP", "AROS": a speaker label "WALLACE:" is resolved by entities.
            kind = SourceKind.ORGANIZATION
        if kind is SourceKind.VAGUE:
            return kind, False
        return kind, True
    named = _has_name(c, c.head)
    det = c.determiner
    definite = det in DEFINITE or det in POSSESSIVE_DETERMINERS or (
        c.head > c.first and toks[c.head - 1].lower.endswith(("’s", "'s"))
    )
    if hw in word_list("media_nouns") or hw in ("media", "press"):
        if det in _SELF:
            return SourceKind.AUTHOR, False
        return SourceKind.MEDIA, named
    if hw in word_list("document_nouns"):
        return SourceKind.DOCUMENT, named
    if (
        hw in word_list("organization_words")
        or singular(hw) in word_list("organization_words")
        or hw in ("police", "authorities", "states", "countries", "governments")
    ):
        return SourceKind.ORGANIZATION, named
    if hw in word_list("other_sources"):
        return SourceKind.OTHER, False
    if hw in ("people", "person", "individuals") and not named and c.count is None:
        return SourceKind.VAGUE, False
    if hw in word_list("anonymous_roles"):
        return SourceKind.ANONYMOUS, False
    if hw in word_list("vague_sources") or hw in _CAPITALIZED_GROUPS:
        return SourceKind.VAGUE, False
    if hw in _titles() or hw in _PERSON_NOUNS or singular(hw) in _PERSON_NOUNS:
        if definite:
            return SourceKind.PERSON, False
        return SourceKind.ANONYMOUS, False
    if singular(hw) in _titles():
        # "top black lawmakers", "the two leaders": an unnamed plural group.
        return (SourceKind.PERSON if definite else SourceKind.ANONYMOUS), False
    if hw in NUMBERS or hw in ("each", "both", "either", "neither"):
        return SourceKind.UNKNOWN, False
    return SourceKind.UNKNOWN, named


def pronoun_kind(word: str, *, quoted: bool) -> SourceKind:
    """Return the provisional kind of a pronoun source, before it is resolved.

    ``quoted`` tells whether the pronoun stands inside a quotation, where "I"
    and "we" are the speaker rather than the writer.
    """
    if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
        return SourceKind.PERSON
    if word in FIRST_PRONOUNS:
        return SourceKind.PERSON if quoted else SourceKind.AUTHOR
    if word in WE_PRONOUNS:
        return SourceKind.UNKNOWN if quoted else SourceKind.AUTHOR
    if word in YOU_PRONOUNS:
        return SourceKind.OTHER
    return SourceKind.UNKNOWN


# -- descriptors ---------------------------------------------------------------


def _clause_end(toks: Sequence[Token], i: int, limit: int, *, cues: bool = True) -> int:
    """Return the index of the last token of the clause that starts at ``i``.

    The clause stops at punctuation, at "and" and at a cue word ("a source
    with knowledge of the call said ...").
    """
    j = i
    lex = cue_lexicon() if cues else {}
    while j + 1 < len(toks) and j + 1 < i + limit:
        t = toks[j + 1]
        if t.text in (",", ";", ".", ")", "—", "–", "!", "?", ":") or t.text[0] in QUOTE_CHARS:
            break
        if cues and t.lower in ("and", "but"):
            break
        if cues and t.lower in lex and lex[t.lower].kind != "noun":
            # "... with knowledge of the call said": "the call" is a noun, "said" a cue.
            if toks[j].lower not in DEFINITE | INDEFINITE | POSSESSIVE_DETERMINERS:
                break
        j += 1
    return j


def _find_phrase(
    toks: Sequence[Token], lo: int, hi: int, name: str, limit: int, *, cues: bool = True
) -> Span | None:
    """Return the clause from the first phrase of list ``name`` found in ``toks[lo:hi]``.

    The clause runs to the next punctuation (and, with ``cues``, to the next
    cue word); it starts a few words early at "because" ("because they were
    not authorized to ...").
    """
    index = _phrases(name)
    words = [t.lower for t in toks]
    for i in range(max(lo, 0), min(hi, len(toks))):
        k = _match_at(words, i, index)
        if k:
            end = _clause_end(toks, i + k - 1, limit, cues=cues)
            begin = i
            for j in range(i - 1, max(i - 4, -1), -1):
                if words[j] in ("because", "since", "as"):
                    begin = j
                    break
                if toks[j].text in (",", ";", "."):
                    break
            return Span(toks[begin].start, toks[end].end)
    return None


def descriptors(
    c: Core, sentence_tokens: Sequence[Token], source_end: int
) -> Descriptors:
    """Return what the span and its sentence tell of an unnamed source.

    ``sentence_tokens`` are the tokens of the sentence holding the source and
    ``source_end`` the offset where the source span ends: the knowledge
    phrase may run past it ("a source with knowledge of the call"), and the
    reason for anonymity is anywhere in the sentence.
    """
    toks = c.tokens
    head = toks[c.head]
    hw = strip_possessive(head.lower)
    seniority = None
    affiliation: list[str] = []
    skip = word_list("anonymity_words") | DEFINITE | INDEFINITE | POSSESSIVE_DETERMINERS
    for k in range(c.first, c.head):
        t = toks[k]
        w = t.lower
        if w in word_list("seniority"):
            seniority = seniority or w
            continue
        if w in skip or w in NUMBERS or w in PLURAL_QUANTIFIERS or w.isdigit():
            continue
        affiliation.append(strip_possessive(t.text))

    # "a spokeswoman for Hillary Clinton", "an official at the Pentagon".
    after = toks[c.head + 1 :]
    if after and after[0].lower in ("for", "from", "at", "in", "with", "of", "on", "inside"):
        words = [t.lower for t in after]
        if not _match_at(words, 0, _phrases("knowledge_phrases")):
            end = _clause_end(after, 0, 8)
            phrase = after[1 : end + 1]
            if any(is_name_token(t) or t.lower in word_list("organization_words") for t in phrase):
                affiliation.append(" ".join(t.text for t in phrase))
    # Position of the head and of the span's end in the sentence's tokens.
    starts = [t.start for t in sentence_tokens]
    h = bisect.bisect_left(starts, head.start)
    # The knowledge phrase belongs to this source if it starts inside the span or
    # just after it ("a source, who was briefed on the talks,"), never past "and".
    stop = bisect.bisect_left(starts, source_end)
    limit = min(stop + 4, len(sentence_tokens))
    while stop < limit and sentence_tokens[stop].lower not in ("and", ";", "."):
        stop += 1
    knowledge = _find_phrase(sentence_tokens, h + 1, stop, "knowledge_phrases", 10)
    reason = _find_phrase(
        sentence_tokens, 0, len(sentence_tokens), "anonymity_reasons", 16, cues=False
    )
    if c.count is not None:
        plural = c.count > 1
    else:
        plural = is_plural(hw) or c.determiner in PLURAL_QUANTIFIERS
    role = singular(hw) if hw not in PRONOUNS else None
    return Descriptors(
        role=role,
        affiliation=" ".join(affiliation) or None,
        count=c.count,
        plural=plural,
        seniority=seniority,
        knowledge=knowledge,
        reason=reason,
    )


# -- medium ------------------------------------------------------------------


def find_medium(sentence_tokens: Sequence[Token], cue: Cue) -> Medium | None:
    """Return where the hop's words appeared, from the words around its cue.

    Matches "said in a statement", "posted on X", "told reporters", "in an
    interview with CNN" (``medium.tsv``), and cues that are a medium
    themselves ("tweeted", "testified").
    """
    toks = sentence_tokens
    if not toks:
        return None
    starts = [t.start for t in toks]
    first = bisect.bisect_left(starts, cue.start)
    last = max(first, bisect.bisect_left(starts, cue.end) - 1)
    words = [t.lower for t in toks]
    index = _media_phrases()
    best: tuple[int, int, int, str] | None = None  # (distance, i, length, medium)
    for i in range(max(0, first - 6), min(len(toks), last + 10)):
        for phrase, medium in index.get(words[i], ()):
            k = len(phrase)
            if tuple(words[i : i + k]) == phrase:
                distance = 0 if first <= i <= last else min(abs(i - last), abs(i - first))
                if best is None or distance < best[0]:
                    best = (distance, i, k, medium)
                break
    if best is None:
        lemma = cue.lemma
        if lemma in ("tweet", "retweet"):
            return Medium(start=cue.start, end=cue.end, kind="post", channel="Twitter")
        if lemma == "testify":
            return Medium(start=cue.start, end=cue.end, kind="testimony")
        return None
    _, i, k, medium = best
    end = i + k - 1
    channel = None
    if words[end] in ("on", "with", "to", "told") or toks[end].text in ("X", "Twitter"):
        j = end + 1 if words[end] in ("on", "with", "to", "told") else end
        if j < len(toks) and words[j] == "the":
            j += 1
        m = j
        while m < len(toks) and m < j + 4 and (is_name_token(toks[m]) or toks[m].text == "X"):
            m += 1
        if m > j:
            channel = " ".join(t.text for t in toks[j:m])
            end = m - 1
    elif toks[end].lower in ("facebook", "instagram", "telegram", "twitter", "x", "social"):
        channel = toks[end].text if toks[end].lower != "social" else None
    return Medium(start=toks[i].start, end=toks[end].end, kind=medium, channel=channel)


# -- the stage -------------------------------------------------------------------


def in_quote(quotes: Sequence[Quote], starts: Sequence[int], offset: int) -> bool:
    """Return whether ``offset`` lies inside an outermost quotation.

    ``starts`` are the start offsets of ``quotes``, which must be the sorted
    outermost quotations.
    """
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and quotes[k].start < offset < quotes[k].end


def describe(
    text: str,
    start: int,
    end: int,
    *,
    sentence_tokens: Sequence[Token] = (),
    sentence_start: int | None = None,
    quoted: bool = False,
) -> Source:
    """Return the source ``text[start:end]`` with its kind, whether named, and descriptors.

    Args:
        text: the whole text.
        start: where the source span starts.
        end: where it ends.
        sentence_tokens: the tokens of the sentence that holds the span (for
            the knowledge phrase and the reason for anonymity).
        sentence_start: where that sentence starts (a capital there says
            nothing).
        quoted: whether the span is inside a quotation.

    >>> describe("Critics said so.", 0, 7).kind
    <SourceKind.VAGUE: 'vague'>
    """
    toks = tokenize(text, start, end)
    initial = sentence_start is not None and _starts_sentence(text, sentence_start, start)
    c = core(toks, initial)
    if c is None:
        return Source(start=start, end=end)
    hw = strip_possessive(c.tokens[c.head].lower)
    if c.first == c.head and hw in PRONOUNS:
        return Source(start=start, end=end, kind=pronoun_kind(hw, quoted=quoted))
    kind, named = head_kind(c)
    desc = None
    if kind in (SourceKind.ANONYMOUS, SourceKind.VAGUE):
        desc = descriptors(c, sentence_tokens or toks, end)
        if kind is SourceKind.VAGUE and desc.knowledge is not None:
            # "people familiar with the talks": described, so anonymous rather than vague.
            kind = SourceKind.ANONYMOUS
    return Source(start=start, end=end, kind=kind, named=named, descriptors=desc)


def _starts_sentence(text: str, sentence_start: int, offset: int) -> bool:
    """Return whether only quotation marks, dashes or spaces precede ``offset`` in its sentence."""
    return all(ch in QUOTE_CHARS or ch in " \t\n(—–-" for ch in text[sentence_start:offset])


def describe_sources(
    text: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    attributions: Sequence[Attribution],
    tokens: Sequence[Sequence[Token]] | None = None,
) -> tuple[Attribution, ...]:
    """Return the relations with every source described and every hop's medium found.

    ``tokens`` may give each sentence's tokens, already made by an earlier
    stage; they are made again otherwise.
    """
    outer = [q for q in quotes if q.depth == 0]
    qstarts = [q.start for q in outer]
    cache: dict[int, Sequence[Token]] = {}
    out = []
    for rel in attributions:
        if not rel.sources or rel.sentence >= len(sentences):
            out.append(rel)
            continue
        sent = sentences[rel.sentence]
        toks = cache.get(rel.sentence)
        if toks is None:
            if tokens is not None and rel.sentence < len(tokens):
                toks = tokens[rel.sentence]
            else:
                toks = tokenize(text, sent.start, sent.end)
            cache[rel.sentence] = toks
            if len(cache) > 8:
                cache.pop(next(iter(cache)))
        medium = find_medium(toks, rel.cue)
        described = tuple(
            attrs.evolve(
                describe(
                    text,
                    src.start,
                    src.end,
                    sentence_tokens=toks,
                    sentence_start=sent.start,
                    quoted=in_quote(outer, qstarts, src.start),
                ),
                medium=medium,
            )
            for src in rel.sources
        )
        out.append(attrs.evolve(rel, sources=described))
    return tuple(out)
