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
import re
from collections.abc import Sequence
from typing import NamedTuple

import attrs

from attribution._caches import MAX_ENTRIES, MAX_KEY_LENGTH, registered
from attribution._tokens import LOWER, QUOTE_CHARS, TEXT, Token, tokenize, tokenize_columns
from attribution.cues import lexicon as cue_lexicon
from attribution.errors import DataError
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

# The kinds, read once, for this stage and those after it: Python 3.11's enum
# metaclass defines ``__getattr__``, which makes every read of a member through
# its class (``SourceKind.PERSON``) cost about a thousand instructions, against
# a few for a module global. Modules that compare against other enums' members
# per token, source or hop read those once too, for the same reason.
PERSON = SourceKind.PERSON
ORGANIZATION = SourceKind.ORGANIZATION
MEDIA = SourceKind.MEDIA
DOCUMENT = SourceKind.DOCUMENT
ANONYMOUS = SourceKind.ANONYMOUS
VAGUE = SourceKind.VAGUE
AUTHOR = SourceKind.AUTHOR
OTHER = SourceKind.OTHER
UNKNOWN = SourceKind.UNKNOWN

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
    [
        "several",
        "some",
        "many",
        "various",
        "multiple",
        "numerous",
        "few",
        "other",
        "others",
        "more",
        "most",
        "all",
        "dozens",
    ]
)
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "several", "certain"})
_DETERMINERS = DEFINITE | INDEFINITE | POSSESSIVE_DETERMINERS
# Words that end a source's core unless they sit between two capitalized words
# ("Institute for Policy Integrity", "Bank of America").
_CORE_STOPS = frozenset(
    [
        "of",
        "for",
        "from",
        "at",
        "in",
        "on",
        "with",
        "to",
        "by",
        "about",
        "over",
        "under",
        "among",
        "between",
        "within",
        "without",
        "after",
        "before",
        "during",
        "against",
        "and",
        "&",
        "or",
        "but",
    ]
)
_NAME_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "de", "del", "da", "van", "von"})
_BREAKS = frozenset({",", "(", ")", ";", ":", "—", "–", "―", "[", "]"})
# Nouns for a person who is identified by a relation rather than a name ("his
# wife", "my father", "the woman"): a person when definite, anonymous when not.
_PERSON_NOUNS = frozenset(
    [
        "man",
        "woman",
        "men",
        "women",
        "boy",
        "girl",
        "wife",
        "husband",
        "father",
        "mother",
        "son",
        "daughter",
        "brother",
        "sister",
        "uncle",
        "aunt",
        "grandmother",
        "grandfather",
        "widow",
        "widower",
        "child",
        "children",
        "family",
        "parent",
        "parents",
        "friend",
        "neighbor",
        "neighbour",
        "lady",
        "gentleman",
        "guy",
        "niece",
        "nephew",
        "cousin",
        "grandson",
        "granddaughter",
        "spouse",
        "fiance",
        "fiancee",
        "boyfriend",
        "girlfriend",
    ]
)
# Plural person-like heads that an unnamed group is made of: "Several cast members".
_QUANTIFIED_LEAD = frozenset(
    {"one", "two", "three", "four", "five", "some", "many", "several", "each", "most",
     "all", "none", "few", "both", "any", "either", "neither"}
)  # fmt: skip
_PREFIXES = (("at", "least"), ("more", "than"), ("fewer", "than"), ("as", "many", "as"))
_PREFIX_OPENINGS = frozenset(prefix[0] for prefix in _PREFIXES)
# Words that make a capitalized group vague rather than named ("Republicans").
_CAPITALIZED_GROUPS = frozenset(
    {"republicans", "democrats", "americans", "conservatives", "liberals", "progressives"}
)  # fmt: skip
# Articles a name may open with: "the Guardian", "Der Spiegel", "Le Monde".
ARTICLES = frozenset({"the", "der", "die", "le", "la", "el"})
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
def _media_phrases() -> dict[tuple[str, str], tuple[tuple[tuple[str, ...], str], ...]]:
    """Return the phrases of ``medium.tsv`` indexed by their first two words, longest first."""
    out: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    for row in table("medium"):
        words = tuple(row[0].split())
        if len(words) < 2:
            msg = f"medium.tsv: {row[0]!r} needs two words or more"
            raise DataError(msg)
        out.setdefault((words[0], words[1]), []).append((words, row[1]))
    return {k: tuple(sorted(v, key=lambda p: len(p[0]), reverse=True)) for k, v in out.items()}


@functools.cache
def _medium_openings() -> frozenset[str]:
    """Return the first words of the phrases of ``medium.tsv``: "in" (a statement), "told"."""
    return frozenset(first for first, _ in _media_phrases())


@functools.cache
def _titles() -> frozenset[str]:
    return word_list("person_titles")


@functools.cache
def _single_titles() -> frozenset[str]:
    return frozenset(t for t in _titles() if " " not in t)


@functools.cache
def _title_openings() -> frozenset[str]:
    """Return the first words of the titles of several words: "secretary" (of state).

    A run of words can only join into such a title if its first word is one of these.
    """
    return frozenset(t.split(" ", 1)[0] for t in _titles() if " " in t)


def _match_at(words: Sequence[str], i: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """Return the length of the longest entry of ``index`` that starts at ``words[i]``, or 0."""
    for phrase in index.get(words[i], ()):
        k = len(phrase)
        if tuple(words[i : i + k]) == phrase:
            return k
    return 0


def merge_abbreviations(tokens: Sequence[Token], text: str | None = None) -> list[Token]:
    """Return the tokens with a period glued back onto an abbreviation or initial.

    The shared tokenizer splits "Sen." into "Sen" and "."; titles, initials
    and "U.S." read better whole. Given ``text``, the string the tokens
    index, tokens with no period between the first and the last (most) are
    returned at once, found by one search of the text.

    >>> [t.text for t in merge_abbreviations(tokenize("Sen. J. Smith of the U.S. said."))]
    ['Sen.', 'J.', 'Smith', 'of', 'the', 'U.S.', 'said', '.']
    """
    # Only a period between two tokens can be glued on, and a period never
    # takes one itself, so each is decided on its own from its neighbours.
    n = len(tokens)
    if text is not None and (n < 3 or text.find(".", tokens[0].end, tokens[-1].start) == -1):
        return list(tokens)
    periods = [p for p in range(1, n - 1) if tokens[p].text == "."]
    if not periods:  # most sentences
        return list(tokens)
    out: list[Token] = []
    done = 0  # tokens[:done] are in ``out``
    for p in periods:
        if tokens[p + 1].text in ('"', "”", "’"):
            continue
        tok = tokens[p - 1]
        if (
            tokens[p].start == tok.end
            and tok.text[0].isalpha()
            and (
                "." in tok.text
                or (len(tok.text) == 1 and tok.text.isupper())
                or tok.lower + "." in _abbreviations()
            )
        ):
            text = tok.text + "."
            out.extend(tokens[done : p - 1])
            out.append(Token(tok.start, tok.end + 1, text, text.lower()))
            done = p + 1
    out.extend(tokens[done:])
    return out


@functools.cache
def _abbreviations() -> frozenset[str]:
    extra = {"jr.", "sr.", "inc.", "corp.", "co.", "st.", "ltd.", "bros.", "no."}
    return frozenset({t for t in _titles() if t.endswith(".")} | extra)


def strip_possessive(word: str) -> str:
    """Return a word without its possessive ending: "Trump’s" -> "Trump", "Reuters'" stays."""
    if "’" not in word and "'" not in word:
        return word  # most words
    if word.endswith(("’s", "'s", "’S", "'S")):
        return word[:-2]
    if word.endswith(("s’", "s'")) and len(word) > 3:
        return word[:-1]
    return word


_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child",
              "staff": "staff", "allies": "ally", "witnesses": "witness"}  # fmt: skip


def singular(word: str) -> str:
    """Return the singular of a role noun: "officials" -> "official", "people" -> "person"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
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
    text = tok.text
    return (text[0].isupper() and len(text) > 1) or text == "&"


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
        return UNKNOWN
    if not QUOTE_CHARS.isdisjoint(words):
        words = [w for w in words if w not in QUOTE_CHARS]
    if words and words[0] in ARTICLES:
        words = words[1:]
    if not words:
        return UNKNOWN
    lex = _name_lexicons()
    full = " ".join(words)
    last = words[-1]
    if next_word in lex.media_nouns:
        return MEDIA
    if next_word in lex.organization_words and next_word not in ("police",):
        return ORGANIZATION
    if full in lex.media_outlets:
        return MEDIA
    if len(words) >= 2 and last in lex.media_name_heads:
        return MEDIA
    if full in lex.organizations_and_places:
        return ORGANIZATION
    if last in lex.organization_words or last in ("police", "authorities"):
        return ORGANIZATION
    if len(words) >= 2:
        # "the Roper Center for Public Opinion Research", "Oversight Committee Republicans";
        # but a title after the organization word introduces a person ("Police Chief Jordan").
        heads = words[:-1]
        if not lex.organization_words.isdisjoint(heads):
            org = max(k for k, w in enumerate(heads) if w in lex.organization_words)
            if lex.titles.isdisjoint(words[org + 1 :]):
                return ORGANIZATION
    if len(words) == 1 and last in _CAPITALIZED_GROUPS:
        return VAGUE
    return PERSON


@attrs.frozen
class _NameLexicons:
    """The word lists :func:`name_kind` reads, fetched once rather than per name."""

    media_nouns: frozenset[str]
    organization_words: frozenset[str]
    media_outlets: frozenset[str]
    media_name_heads: frozenset[str]
    organizations_and_places: frozenset[str]
    titles: frozenset[str]


@functools.cache
def _name_lexicons() -> _NameLexicons:
    return _NameLexicons(
        media_nouns=word_list("media_nouns"),
        organization_words=word_list("organization_words"),
        media_outlets=word_list("media_outlets"),
        media_name_heads=word_list("media_name_heads"),
        organizations_and_places=word_list("organizations") | word_list("places"),
        titles=_titles(),
    )


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
        long = 0
        if w in _title_openings():
            long = next(
                (k for k in (6, 5, 4, 3, 2) if i + k < n and " ".join(words[i : i + k]) in titles),
                0,
            )
        if long:
            i += long  # "Secretary of State John Kerry", "Attorney General Loretta Lynch"
            continue
        if w in titles or w in demonyms or (w in places and words[i + 1] in titles):
            i += 1
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

    tokens: tuple[Token, ...]  # every token of the span (quotation marks dropped)
    first: int  # index of the core's first token (after "one of", "at least")
    head: int  # index of the head token
    determiner: str  # lower-case determiner or quantifier before the core, or ""
    count: int | None
    sentence_initial: bool
    partitive: bool = False  # "one of the ...", "some of his ..."


# Nouns of a partitive or collective before "of": "a number of tax experts",
# "a small group of protesters", "a chorus of prominent Republicans".
_OF_HEADS = frozenset(
    [
        "number",
        "numbers",
        "group",
        "groups",
        "handful",
        "chorus",
        "pair",
        "couple",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "host",
        "lot",
        "lots",
        "rest",
        "bunch",
        "array",
        "variety",
        "series",
        "crowd",
    ]
)
# Adverbs before a number or quantifier: "nearly eight of 10 voters", "only 52 percent".
_LEADING_ADVERBS = frozenset(
    [
        "nearly",
        "only",
        "just",
        "almost",
        "roughly",
        "about",
        "approximately",
        "fully",
        "some",
        "over",
        "under",
    ]
)
# Words after which a source's core ends even though no punctuation says so:
# auxiliaries and modals of a clause that follows the source.
_VERBISH = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "should",
        "must",
        "do",
        "does",
        "did",
    ]
)
# Subject pronouns: a clause starts there ("the experts I interviewed").
_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they", "it"})
# Time words a span may end with: "a poll released last Friday".
_TIME = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
    ]
)


def _head_lexical(word: str) -> bool:
    """Return whether a lower-case word is a head noun of one of the source lexicons."""
    w = strip_possessive(word)
    heads = _head_nouns()
    return w in heads or singular(w) in heads


@functools.cache
def _head_nouns() -> frozenset[str]:
    """Return the head nouns of every source lexicon, person titles and person nouns included."""
    return frozenset().union(
        word_list("document_nouns"),
        word_list("anonymous_roles"),
        word_list("vague_sources"),
        word_list("organization_words"),
        word_list("media_nouns"),
        word_list("other_sources"),
        word_list("institutional_groups"),
        _titles(),
        _PERSON_NOUNS,
    )


def core(tokens: Sequence[Token], sentence_initial: bool = False) -> Core | None:
    """Return the core of a source span's tokens, or None when it has no word.

    The tokens are those :func:`tokenize` makes, in which a quotation mark
    is a token of its own.
    """
    merged = merge_abbreviations(tokens)
    words = list(map(LOWER, merged))
    # A token that opens with a quotation mark is the mark alone (see
    # attribution._tokens), so most spans, with none among their words, keep
    # every token.
    if not QUOTE_CHARS.isdisjoint(words):
        merged = [t for t in merged if t.text[0] not in QUOTE_CHARS]
        words = list(map(LOWER, merged))
    if not merged:
        return None
    toks = tuple(merged)
    n = len(toks)
    i = 0
    if words[0] in _PREFIX_OPENINGS:
        for prefix in _PREFIXES:
            if tuple(words[: len(prefix)]) == prefix:
                i = len(prefix)
                break
    if (
        i < n - 1
        and words[i] in _LEADING_ADVERBS
        and (
            words[i + 1] in NUMBERS or words[i + 1].isdecimal() or words[i + 1] in _QUANTIFIED_LEAD
        )
    ):
        i += 1
    determiner = ""
    count: int | None = None
    partitive = False
    # "one of Mr. Obama's climate advisers", "a small group of protesters", "some of them".
    for _ in range(2):
        if "of" not in words[i + 1 : i + 4]:
            break  # most spans
        found = None
        for k in range(i, min(i + 3, n - 1)):
            if words[k + 1] == "of" and (
                words[k] in _OF_HEADS
                or (k == i and (words[k] in _QUANTIFIED_LEAD or words[k] in NUMBERS
                               or words[k].isdecimal()))
            ):  # fmt: skip
                found = k
                break
        if found is None or found + 2 >= n:
            break
        lead = words[i]
        if not determiner:
            determiner = lead
        if count is None and (lead in NUMBERS or lead.isdecimal()) and lead not in ("a", "an"):
            count = NUMBERS.get(lead) if not lead.isdecimal() else int(lead)
        i = found + 2
        if words[i] in DEFINITE or words[i] in POSSESSIVE_DETERMINERS or words[i].endswith("’s"):
            partitive = True
            if words[i] in DEFINITE:
                i += 1
    if i >= n:
        return None
    knowledge = _phrases("knowledge_phrases")
    start = i
    j = start
    last = start
    while j < n:
        tok = toks[j]
        w = words[j]
        if tok.text in _BREAKS or (w in RELATIVE_PRONOUNS and j > start):
            break
        if j > start and (
            w in _VERBISH or w in _SUBJECTS or (w in knowledge and _match_at(words, j, knowledge))
        ):
            break  # "tax experts I spoke to", "officials have said"
        if (
            j > start
            and w.endswith(("ed", "ing"))
            and not is_name_token(tok)
            and (_head_lexical(words[j - 1]) or is_name_token(toks[j - 1]))
            and not (j + 1 < n and _head_lexical(words[j + 1]))
        ):
            break  # "a poll released last week", "several judges handling the lawsuits"
        if j > start and w in _TIME and is_name_token(tok):
            break
        if w in _CORE_STOPS and j > start:
            prev = toks[j - 1]
            prev_name = is_name_token(prev) and not (j - 1 == 0 and sentence_initial
                                                     and _common(prev.lower))  # fmt: skip
            next_cap = j + 1 < n and is_name_token(toks[j + 1])
            nxt2 = j + 2 < n and words[j + 1] == "the" and is_name_token(toks[j + 2])
            if w in _NAME_CONNECTORS and prev_name and (next_cap or nxt2) and w != "and":
                j += 1
                continue
            break
        last = j
        j += 1
    if not determiner and words[start] in _DETERMINERS:
        determiner = words[start]
    if count is None:
        for w in words[start : last + 1]:
            if w in NUMBERS and w not in ("a", "an"):
                count = NUMBERS[w]
                break
            if w.isdecimal():
                count = int(w)
                break
        else:
            if determiner in ("a", "an", "another"):
                count = 1
    return Core(toks, start, last, determiner, count, sentence_initial and start == 0, partitive)


# The cores of a document's source spans, by the tokens and the sentence-initial
# flag each was taken from: the sources stage and the entities stage both ask
# for the core of most spans, and ``core`` depends on nothing else.
CoreMemo = dict[tuple[tuple[Token, ...], bool], Core | None]


def remembered_core(
    tokens: Sequence[Token], sentence_initial: bool, memo: CoreMemo | None
) -> Core | None:
    """Return ``core(tokens, sentence_initial)``, taken from ``memo`` if there, and kept there."""
    if memo is None:
        return core(tokens, sentence_initial)
    key = (tuple(tokens), sentence_initial)
    if key in memo:
        return memo[key]
    found = memo[key] = core(tokens, sentence_initial)
    return found


@functools.cache
def _lower_case_words() -> frozenset[str]:
    """Return the words Punkt saw in lower case mid-sentence but never capitalized there.

    From ``punkt_ortho_context.tsv`` (PolNeAR train): a sentence-initial
    "Developers" or "Experts" is one of these, "Trump" is not.
    """
    out = set()
    for row in table("punkt_ortho_context"):
        if len(row) >= 2 and row[1].isdecimal():
            flags = int(row[1])
            if flags & 32 and not flags & 4:
                out.add(row[0])
    return frozenset(out)


def _common(word: str) -> bool:
    """Return whether a lower-case word is a common noun or function word of the lexicons."""
    return word in _common_words() or _head_lexical(word)


@functools.cache
def _common_words() -> frozenset[str]:
    """Return the words :func:`_common` knows without looking at head nouns."""
    return frozenset().union(
        _lower_case_words(),
        word_list("not_names"),
        word_list("seniority"),
        word_list("anonymity_words"),
        NUMBERS,
        _QUANTIFIED_LEAD,
        _OF_HEADS,
        ("fellow", "other", "others", "former", "retired", "new", "popular"),
    )


def _has_name(c: Core, upto: int) -> bool:
    """Return whether the span holds a capitalized word (a name) from the core to token ``upto``."""
    for k in range(c.first, min(upto, len(c.tokens))):
        tok = c.tokens[k]
        w = strip_possessive(tok.lower)
        if k == 0 and c.sentence_initial and _common(w):
            continue
        if (
            is_name_token(tok)
            and w not in word_list("not_names")
            and w not in _titles()
            and w not in word_list("demonyms")
        ):
            return True
    return False


def _title_case(c: Core) -> bool:
    """Return whether every word of the core is capitalized, as in a headline."""
    words = [t for t in c.tokens[c.first : c.head + 1] if t.text[0].isalnum()]
    return len(words) >= 1 and all(t.text[0].isupper() for t in words)


def _possessed(c: Core) -> bool:
    """Return whether the head has a possessor: "his aides", "Connecticut's tax commissioner"."""
    if c.determiner in POSSESSIVE_DETERMINERS or c.partitive:
        return True
    return any(
        t.lower.endswith(("’s", "'s", "s’", "s'")) or t.lower in POSSESSIVE_DETERMINERS
        for t in c.tokens[c.first : c.head]
    )


def _by_outlet(c: Core) -> bool:
    """Return whether a report is "by" an outlet: "a new report by Politico"."""
    toks = c.tokens
    for k in range(c.head + 1, min(c.head + 3, len(toks) - 1)):
        if toks[k].lower == "by":
            run = [strip_possessive(t.lower) for t in toks[k + 1 : k + 5] if is_name_token(t)]
            return bool(run) and name_kind(run) is MEDIA
    return False


_REPORT_HEADS = frozenset(
    {"report", "reports", "story", "stories", "article", "analysis", "investigation", "reporting"}
)


def head_kind(c: Core) -> tuple[SourceKind, bool]:
    """Return the kind of a source from its core, and whether it is named.

    The kind depends on the span's words, not on where they stand, so a
    span read before ("Trump", "officials", "the White House": over a
    third of the spans of a corpus) is looked up; a long one is read anew.
    """
    toks = c.tokens
    if toks[-1].end - toks[0].start > MAX_KEY_LENGTH:
        return _head_kind(c)
    # The words joined by spaces (no token holds one): a short string, however many tokens.
    key = (" ".join(map(TEXT, toks)), c.first, c.head, c.determiner, c.count,
           c.sentence_initial, c.partitive)  # fmt: skip
    kind = _KINDS.get(key)
    if kind is None:
        if len(_KINDS) >= MAX_ENTRIES:
            del _KINDS[next(iter(_KINDS))]  # the oldest
        kind = _KINDS[key] = _head_kind(c)
    return kind


# The kinds read so far, by a core's words and fields (see head_kind).
_KINDS: dict[tuple[str, int, int, str, int | None, bool, bool], tuple[SourceKind, bool]] = (
    registered({})
)


def _head_kind(c: Core) -> tuple[SourceKind, bool]:
    """Return :func:`head_kind` of a core, read from its words."""
    toks = c.tokens
    head = toks[c.head]
    hw = strip_possessive(head.lower)
    if c.first == c.head and hw in PRONOUNS:
        return pronoun_kind(hw, quoted=False), False
    capitalized = is_name_token(head) and not (
        _common(hw) and ((c.head == 0 and c.sentence_initial) or _title_case(c))
    )
    if capitalized and hw in ("democrat", "republican", "libertarian", "independent"):
        # "At least one Democrat", "One Republican": an unnamed party member.
        return ANONYMOUS, False
    if (
        capitalized
        and (hw in word_list("demonyms") or hw in _single_titles())
        and (c.first == c.head)
    ):
        return UNKNOWN, False  # an adjective or a title alone
    if capitalized and (hw in _CAPITALIZED_GROUPS or (
        hw.endswith("s") and singular(hw) in word_list("demonyms")
    )):  # fmt: skip
        before = [t.lower for t in toks[c.first : c.head] if is_name_token(t)]
        if any(w in word_list("organization_words") for w in before):
            return ORGANIZATION, True  # "Oversight Committee Republicans"
        return VAGUE, False  # "Many Democrats", "Many Mexicans"
    if capitalized and hw not in _single_titles():
        k = c.head
        while k - 1 >= c.first and (
            is_name_token(toks[k - 1])
            or (
                toks[k - 1].lower in _NAME_CONNECTORS
                and k - 2 >= c.first
                and is_name_token(toks[k - 2])
            )
        ):
            k -= 1
        words = [strip_possessive(t.lower) for t in toks[k : c.head + 1]]
        skip = strip_titles(words)
        kind = name_kind(words[skip:])
        if kind is PERSON and len(words) == 1 and _is_acronym(head.text):
            # "FBI", "NAACP", "AROS": a speaker label "WALLACE:" is resolved by entities.
            kind = ORGANIZATION
        if kind is VAGUE:
            return kind, False
        return kind, True
    named = _has_name(c, c.head)
    det = c.determiner
    mods = {t.lower for t in toks[c.first : c.head]}
    possessed = _possessed(c)
    definite = det in DEFINITE or possessed
    plural = (is_plural(hw) and c.count in (None, 0)) or (c.count or 0) > 1
    if "fellow" in mods and (is_plural(hw) or _head_lexical(hw)):
        return VAGUE, False  # "fellow Democrats", "fellow physicians"
    if det == "no" and hw in ("one", "body"):
        return VAGUE, False
    if hw in word_list("media_nouns") or hw in ("media", "press"):
        if det in _SELF:
            return AUTHOR, False
        return MEDIA, named
    if hw in word_list("document_nouns") or singular(hw) in word_list("document_nouns"):
        if hw in _REPORT_HEADS and _by_outlet(c):
            return MEDIA, True
        # "a report by the Government Accountability Office": a named author names it.
        by = next((k for k in range(c.head + 1, len(toks)) if toks[k].lower in ("by", "from")), 0)
        author = bool(by) and _has_name(attrs.evolve(c, first=by + 1), len(toks))
        return DOCUMENT, named or author
    if hw in word_list("institutional_groups") and c.count is None:
        return ORGANIZATION, named  # "police said", "federal investigators"
    if (
        hw in word_list("organization_words")
        or singular(hw) in word_list("organization_words")
        or (hw in ("states", "countries", "governments", "nations", "agencies"))
    ):
        if is_plural(hw) and det in ("some", "many", "most", "few") and not named:
            return VAGUE, False  # "some environmental groups"
        return ORGANIZATION, named
    if hw in word_list("other_sources"):
        return OTHER, False
    if hw in ("people", "person", "individuals") and not named and c.count is None:
        return VAGUE, False
    if is_plural(hw) and singular(hw) in _titles() and hw not in word_list("anonymous_roles"):
        # "the two leaders" (a group), "E.U. leaders" (governments), "world leaders" (vague).
        if definite:
            return PERSON, False
        if any(m in word_list("demonyms") or m in word_list("places") for m in mods) or named:
            return ORGANIZATION, named
        if c.count is not None or det in ("several", "two", "three", "four", "five", "a"):
            return ANONYMOUS, False  # "several judges handling the lawsuits"
        return VAGUE, False
    if hw in word_list("anonymous_roles"):
        if not is_plural(hw) and (possessed or (not det and _title_case(c))):
            # "Gary Johnson's doctor", "his spokesman", a headline's "Former White House Doctor".
            return PERSON, False
        return ANONYMOUS, False
    if hw in word_list("vague_sources") or hw in _CAPITALIZED_GROUPS:
        return VAGUE, False
    if hw in _titles() or hw in _PERSON_NOUNS or singular(hw) in _PERSON_NOUNS:
        if definite or (not det and not plural):
            # "the senator", "Connecticut's tax commissioner", a headline's "Judge".
            return PERSON, False
        return ANONYMOUS, False
    if singular(hw) in _titles():
        return (PERSON if definite else ANONYMOUS), False
    if hw in NUMBERS or hw in ("each", "both", "either", "neither"):
        return UNKNOWN, False
    return UNKNOWN, named


_POLL_WORDS = frozenset({"percent", "%", "majority", "plurality", "minority", "respondents"})


def _poll_share(words: Sequence[str]) -> bool:
    """Return whether a span is a share of a poll's respondents: "46 percent", "8 of 10 voters"."""
    if not _POLL_WORDS.isdisjoint(words[:6]):
        return True
    if "of" not in words[1:5]:
        return False  # most spans
    return any(
        (words[k] in NUMBERS or words[k].isdecimal())
        and words[k + 1] == "of"
        and words[k + 2].isdecimal()
        for k in range(min(len(words) - 2, 4))
    )


def _conjuncts(toks: Sequence[Token]) -> list[list[Token]]:
    """Split a span at "and"/"or" before its first comma: "Obama and Clinton"."""
    if _CONJUNCT_STOPS.isdisjoint(map(LOWER, toks)):
        return [list(toks)] if toks else []  # most spans: one part
    parts: list[list[Token]] = [[]]
    for k, tok in enumerate(toks):
        if (
            tok.text in _BREAKS
            or (tok.lower in RELATIVE_PRONOUNS and parts[-1])
            or (tok.lower in _CORE_STOPS and tok.lower not in ("and", "or") and parts[-1])
        ):
            # Past a comma or a preposition, "and" joins something else:
            # "polls in Pennsylvania and Virginia".
            parts[-1].extend(toks[k:])
            break
        if tok.lower in ("and", "or") and parts[-1]:
            parts.append([])
            continue
        parts[-1].append(tok)
    return [p for p in parts if p]


# The words at which :func:`_conjuncts` may split or stop (punctuation reads
# the same in lower case).
_CONJUNCT_STOPS = _BREAKS | RELATIVE_PRONOUNS | _CORE_STOPS


def _appositive_name(toks: Sequence[Token]) -> bool:
    """Return whether a comma in the span is followed by a person's name.

    As in "Another critic, Laurence H. Tribe," or "Critics, like Senator Charles Grassley,".
    """
    for k, tok in enumerate(toks):
        if tok.text != ",":
            continue
        run = []
        for t in toks[k + 1 : k + 7]:
            if is_name_token(t) and t.lower not in word_list("not_names"):
                run.append(strip_possessive(t.lower))
            elif run or t.lower not in (
                "state",
                "del.",
                "rep.",
                "sen.",
                "like",
                "including",
                "such",
                "as",
            ):
                break
        names = run[strip_titles(run) :]
        return len(names) >= 2 and name_kind(names) is PERSON
    return False


def pronoun_kind(word: str, *, quoted: bool) -> SourceKind:
    """Return the provisional kind of a pronoun source, before it is resolved.

    ``quoted`` tells whether the pronoun stands inside a quotation, where "I"
    and "we" are the speaker rather than the writer.
    """
    if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
        return PERSON
    if word in FIRST_PRONOUNS:
        return PERSON if quoted else AUTHOR
    if word in WE_PRONOUNS:
        return UNKNOWN if quoted else AUTHOR
    if word in YOU_PRONOUNS:
        return OTHER
    return UNKNOWN


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
        if (
            cues
            and t.lower in lex
            and lex[t.lower].kind != "noun"
            and toks[j].lower not in _DETERMINERS
        ):
            break  # "... with knowledge of the call said": "the call" is a noun, "said" a cue
        j += 1
    return j


def _token_at(tokens: Sequence[Token], offset: int) -> int:
    """Return the index of the first of the sorted ``tokens`` that starts at or after ``offset``.

    A token is a tuple that opens with its start offset, so ``(offset,)``
    sorts just before every token starting there: no key function is needed.
    """
    return bisect.bisect_left(tokens, (offset,))


def tiling_tokens(tokens: Sequence[Token], start: int, end: int) -> Sequence[Token]:
    """Return the tokens of a sentence that lie in ``[start, end)``, if they tile it exactly.

    A span that cuts a token gives ``()``: it is to be tokenized on its own.
    """
    if not tokens:
        return ()
    lo = _token_at(tokens, start)
    hi = _token_at(tokens, end)
    out = tokens[lo:hi]
    if not out or out[0].start != start or out[-1].end != end:
        return ()  # the span cuts a token: tokenize it on its own
    return out


def _find_phrase(
    toks: Sequence[Token], lo: int, hi: int, name: str, limit: int, *, cues: bool = True
) -> Span | None:
    """Return the clause from the first phrase of list ``name`` found in ``toks[lo:hi]``.

    The clause runs to the next punctuation (and, with ``cues``, to the next
    cue word); it starts a few words early at "because" ("because they were
    not authorized to ...").
    """
    index = _phrases(name)
    base = max(lo - 4, 0)
    words = [t.lower for t in toks[base : min(hi + 12, len(toks))]]
    for i in range(max(lo, 0), min(hi, len(toks))):
        k = _match_at(words, i - base, index) if words[i - base] in index else 0
        if k:
            end = _clause_end(toks, i + k - 1, limit, cues=cues)
            begin = i
            for j in range(i - 1, max(i - 4, -1), -1):
                if toks[j].lower in ("because", "since", "as"):
                    begin = j
                    break
                if toks[j].text in (",", ";", "."):
                    break
            return Span(toks[begin].start, toks[end].end)
    return None


@functools.cache
def _unaffiliated() -> frozenset[str]:
    """Return the words before a role that say nothing of an affiliation: "anonymous", "the"."""
    return word_list("anonymity_words") | _DETERMINERS


def descriptors(c: Core, sentence_tokens: Sequence[Token], source_end: int) -> Descriptors:
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
    skip = _unaffiliated()
    for k in range(c.first, c.head):
        t = toks[k]
        w = t.lower
        if w in word_list("seniority"):
            seniority = seniority or w
            continue
        if w in skip or w in NUMBERS or w in PLURAL_QUANTIFIERS or w.isdecimal():
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
    h = _token_at(sentence_tokens, head.start)
    # The knowledge phrase belongs to this source if it starts inside the span or
    # just after it ("a source, who was briefed on the talks,"), never past "and".
    stop = _token_at(sentence_tokens, source_end)
    limit = min(stop + 4, len(sentence_tokens))
    while stop < limit and sentence_tokens[stop].lower not in ("and", ";", "."):
        stop += 1
    knowledge = _find_phrase(sentence_tokens, h + 1, stop, "knowledge_phrases", 10)
    reason = _find_phrase(
        sentence_tokens, max(h - 40, 0), stop + 40, "anonymity_reasons", 16, cues=False
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


def find_medium(sentence_tokens: Sequence[Token], cue: Cue, lowers: Sequence[str]) -> Medium | None:
    """Return where the hop's words appeared, from the words around its cue.

    Matches "said in a statement", "posted on X", "told reporters", "in an
    interview with CNN" (``medium.tsv``), and cues that are a medium
    themselves ("tweeted", "testified"). ``lowers`` are the tokens'
    lower-cased texts.

    Raises:
        ValueError: for ``lowers`` not as long as the tokens.
    """
    toks = sentence_tokens
    if len(lowers) != len(toks):
        msg = f"find_medium() got {len(lowers)} lower-cased words for {len(toks)} tokens"
        raise ValueError(msg)
    if not toks:
        return None
    first = _token_at(toks, cue.start)
    last = max(first, _token_at(toks, cue.end) - 1)
    best = _nearest_medium_phrase(lowers, first, last)
    if best is None:
        lemma = cue.lemma
        if lemma in ("tweet", "retweet"):
            return Medium(start=cue.start, end=cue.end, kind="post", channel="Twitter")
        if lemma == "testify":
            return Medium(start=cue.start, end=cue.end, kind="testimony")
        return None
    i, k, medium = best
    end = i + k - 1
    n = len(toks)
    channel = None
    if lowers[end] in ("on", "with", "to", "told") or toks[end].text in ("X", "Twitter"):
        j = end + 1 if lowers[end] in ("on", "with", "to", "told") else end
        if j < n and lowers[j] == "the":
            j += 1
        m = j
        while m < len(toks) and m < j + 4 and (is_name_token(toks[m]) or toks[m].text == "X"):
            m += 1
        if m > j:
            channel = " ".join(t.text for t in toks[j:m])
            end = m - 1
    elif lowers[end] in ("facebook", "instagram", "telegram", "twitter", "x", "social"):
        channel = toks[end].text if lowers[end] != "social" else None
    return Medium(start=toks[i].start, end=toks[end].end, kind=medium, channel=channel)


def _nearest_medium_phrase(
    lowers: Sequence[str], first: int, last: int
) -> tuple[int, int, str] | None:
    """Return the phrase of ``medium.tsv`` nearest the cue's words ``lowers[first:last + 1]``.

    The phrase is given as its first word's index, its length and its
    medium; it starts at most six words before the cue or nine after it.
    """
    lo = max(0, first - 6)
    hi = min(len(lowers), last + 10)
    openings = _medium_openings()
    if openings.isdisjoint(lowers[lo:hi]):
        return None  # two windows in three: no word opens a phrase ("in", "told")
    index = _media_phrases()
    best: tuple[int, int, int, str] | None = None  # (distance, i, length, medium)
    for i in range(lo, hi):
        w = lowers[i]
        if w not in openings:
            continue
        after = lowers[i + 1] if i + 1 < len(lowers) else ""
        for phrase, medium in index.get((w, after), ()):
            k = len(phrase)
            if tuple(lowers[i : i + k]) == phrase:
                distance = 0 if first <= i <= last else min(abs(i - last), abs(i - first))
                if best is None or distance < best[0]:
                    best = (distance, i, k, medium)
                break
    return None if best is None else best[1:]


# -- the stage -------------------------------------------------------------------


def in_quote(quotes: Sequence[Quote], starts: Sequence[int], offset: int) -> bool:
    """Return whether ``offset`` lies inside an outermost quotation.

    ``starts`` are the start offsets of ``quotes``, which must be the sorted
    outermost quotations.
    """
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and quotes[k].start < offset < quotes[k].end


class Described(NamedTuple):
    """A source span as this stage reads it, before :mod:`attribution.entities` resolves it.

    The fields are those of :class:`~attribution.model.Source` that this
    stage fills in. The analysis keeps these plain tuples until the sources
    are resolved, and then builds each :class:`~attribution.model.Source`
    once, complete.
    """

    start: int
    end: int
    kind: SourceKind = SourceKind.UNKNOWN
    named: bool = False
    descriptors: Descriptors | None = None
    medium: Medium | None = None

    def source(self) -> Source:
        """Return the source as described, resolved to no entity."""
        return Source(
            start=self.start,
            end=self.end,
            kind=self.kind,
            named=self.named,
            descriptors=self.descriptors,
            medium=self.medium,
        )


def read_source(
    text: str,
    start: int,
    end: int,
    *,
    sentence_tokens: Sequence[Token] = (),
    sentence_start: int | None = None,
    quoted: bool = False,
    medium: Medium | None = None,
    cores: CoreMemo | None = None,
) -> Described:
    """Return what the source ``text[start:end]`` is: its kind, whether named, its descriptors.

    Args:
        text: the whole text.
        start: where the source span starts.
        end: where it ends.
        sentence_tokens: the tokens of the sentence that holds the span (for
            the knowledge phrase and the reason for anonymity).
        sentence_start: where that sentence starts (a capital there says
            nothing).
        quoted: whether the span is inside a quotation.
        medium: the hop's medium, carried into the result.
        cores: where the cores of the span's parts are remembered (see
            :func:`remembered_core`), if anywhere.

    >>> read_source("Critics said so.", 0, 7).kind
    <SourceKind.VAGUE: 'vague'>
    """
    toks = tiling_tokens(sentence_tokens, start, end) or tokenize(text, start, end)
    toks = merge_abbreviations(toks, text)
    words = list(map(LOWER, toks))
    if not QUOTE_CHARS.isdisjoint(words):  # a quotation mark is lower-case already
        words = [w for w in words if w not in QUOTE_CHARS]
    if not words:
        return Described(start, end, medium=medium)
    if len(words) == 1 and words[0] in PRONOUNS:
        return Described(start, end, pronoun_kind(words[0], quoted=quoted), medium=medium)
    if words[:2] in (["no", "one"],) or words[0] in ("nobody", "everyone", "everybody", "someone"):
        return Described(start, end, VAGUE, medium=medium)
    if len(words) >= 3 and words[1] == "of" and words[2] in ("whom", "them", "those", "which"):
        return Described(start, end, VAGUE, medium=medium)  # "many of whom"
    if _poll_share(words):
        return Described(start, end, DOCUMENT, medium=medium)
    initial = sentence_start is not None and starts_sentence(text, sentence_start, start)
    kinds: list[tuple[SourceKind, bool, Core]] = []
    for n, part in enumerate(_conjuncts(toks)):
        c = remembered_core(part, initial and n == 0, cores)
        if c is None:
            continue
        kind, named = head_kind(c)
        if kind is not UNKNOWN or named:
            kinds.append((kind, named, c))
    if not kinds:
        if _appositive_name(toks):
            return Described(start, end, PERSON, named=True, medium=medium)
        return Described(start, end, medium=medium)
    people = [k for k in kinds if k[0] is PERSON]
    if people:
        kind, named, c = people[0][0], any(k[1] for k in people), people[0][2]
    else:
        kind, named, c = kinds[-1]
        if len({k[0] for k in kinds}) == 1:
            named = any(k[1] for k in kinds)
    if not named and kind is not DOCUMENT and _appositive_name(toks):
        return Described(start, end, PERSON, named=True, medium=medium)
    desc = None
    if kind in (ANONYMOUS, VAGUE):
        desc = descriptors(c, sentence_tokens or toks, end)
        if kind is VAGUE and desc.knowledge is not None:
            # "people familiar with the talks": described, so anonymous rather than vague.
            kind = ANONYMOUS
    return Described(start, end, kind, named, desc, medium)


def starts_sentence(text: str, sentence_start: int, offset: int) -> bool:
    """Return whether only quotation marks, dashes or spaces precede ``offset`` in its sentence."""
    if offset <= sentence_start:
        return True
    return _SENTENCE_LEAD.fullmatch(text, sentence_start, offset) is not None


# What may stand before the first word of a sentence: quotation marks, dashes,
# spaces and an opening parenthesis, as in '“(' or "— '".
_SENTENCE_LEAD = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS | set(" \t\n(—–-")))) + "]*")


def describe_sources(
    text: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    attributions: Sequence[Attribution],
    tokens: Sequence[Sequence[Token]] | None = None,
    cores: CoreMemo | None = None,
    *,
    spans: Sequence[Sequence[tuple[int, int]]] | None = None,
    lowers: Sequence[Sequence[str]] | None = None,
) -> list[tuple[Described, ...] | None]:
    """Return what each relation's sources are, and each hop's medium.

    A relation left as it is (no sources, or a sentence index beyond
    ``sentences``) has None. The analysis passes these straight to
    :func:`attribution.entities.find_entities`, which builds each source
    once, both described and resolved, and copies each relation once;
    ``tokens`` may give each sentence's tokens, and ``cores``, if given,
    keeps the cores of the spans for that stage to look up.
    ``spans``, if given, holds each relation's source spans, ``(start, end)``
    each, for relations built without their sources
    (:func:`attribution.attributions.find_hops`); a :class:`ValueError`
    says when it does not hold one entry per relation. ``lowers``, with
    ``tokens``, may give the lower-cased texts of each sentence's tokens
    (a :class:`ValueError` says when those of a sentence it reads are not
    as many as its tokens).
    """
    if spans is not None and len(spans) != len(attributions):
        msg = f"describe_sources() got {len(spans)} spans for {len(attributions)} relations"
        raise ValueError(msg)
    outer = [q for q in quotes if q.depth == 0]
    qstarts = [q.start for q in outer]
    cache: dict[int, tuple[Sequence[Token], Sequence[str]]] = {}
    out: list[tuple[Described, ...] | None] = []
    for n, rel in enumerate(attributions):
        pairs = [(s.start, s.end) for s in rel.sources] if spans is None else spans[n]
        if not pairs or rel.sentence >= len(sentences):
            out.append(None)
            continue
        sent = sentences[rel.sentence]
        cached = cache.get(rel.sentence)
        if cached is None:
            cached = cache[rel.sentence] = _columns(text, sent, rel.sentence, tokens, lowers)
            if len(cache) > 8:
                cache.pop(next(iter(cache)))
        toks, words = cached
        medium = find_medium(toks, rel.cue, words)
        described = []
        for start, end in pairs:
            found = read_source(
                text,
                start,
                end,
                sentence_tokens=toks,
                sentence_start=sent.start,
                quoted=in_quote(outer, qstarts, start),
                medium=medium,
                cores=cores,
            )
            if found.kind is VAGUE and _caucus(text, sentences, rel.sentence, start, end):
                found = found._replace(kind=ORGANIZATION, descriptors=None)
            described.append(found)
        out.append(tuple(described))
    return out


def _columns(
    text: str,
    sent: Sentence,
    index: int,
    tokens: Sequence[Sequence[Token]] | None,
    lowers: Sequence[Sequence[str]] | None,
) -> tuple[Sequence[Token], Sequence[str]]:
    """Return the tokens of sentence ``index`` and their lower-cased texts, given or made here."""
    if tokens is None or index >= len(tokens):
        toks, _starts, words = tokenize_columns(text, sent.start, sent.end)
        return toks, words
    if lowers is None or index >= len(lowers):
        return tokens[index], list(map(LOWER, tokens[index]))
    if len(lowers[index]) != len(tokens[index]):
        msg = (
            f"describe_sources() got {len(lowers[index])} lower-cased words"
            f" for the {len(tokens[index])} tokens of sentence {index}"
        )
        raise ValueError(msg)
    return tokens[index], lowers[index]


_PARTIES = frozenset({"democrats", "republicans", "gop"})
# A legislative body: "the committee", "House Republicans", "the oversight panel".
_LEGISLATIVE = re.compile(
    r"\b(?:committee|subcommittee|panel|caucus|hearing|oversight|house|senate|congress|"
    r"legislature|chamber)\b",
    re.IGNORECASE,
)


def _caucus(text: str, sentences: Sequence[Sentence], index: int, start: int, end: int) -> bool:
    """Return whether a bare "Democrats" or "Republicans" is a legislative caucus.

    In reporting on a committee or a chamber, "Democrats said" speaks for the
    party's members of that body, an identifiable group, so the source is an
    organization; elsewhere (and always with "many", "some" or an adjective)
    the party's supporters at large are a vague source.
    """
    words = text[start:end].lower().split()
    if any(w.strip(",.") in _PARTIES for w in words) and _LEGISLATIVE.search(text, start, end):
        return True  # "a group of Republicans and Democrats on the Oversight Committee"
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) != 1 or words[0] not in _PARTIES:
        return False
    lo = sentences[max(index - 5, 0)].start
    return _LEGISLATIVE.search(text, lo, start) is not None
