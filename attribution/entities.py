"""Find the document's entities and resolve every source to one.

An entity is a person, organization, outlet, document or unnamed source the
article refers to, with every mention of it. Mentions come from three places,
in two passes over the text:

1. **Names** (first pass). A run of capitalized words ("U.S. President Donald
   Trump", "Spiegel magazine", "The Tax Policy Center") is one mention. Titles
   and place adjectives in front ("U.S. President", "Ukrainian leader") are
   kept as the entity's roles. A person's name is indexed by surname, so
   "Trump" joins "Donald Trump" (a surname shared by two entities goes to the
   one a title's gender fits, else to the one mentioned most); an outlet or
   organization by its whole name ("Spiegel magazine" and "Spiegel" are one
   entity). A name that matches no index key is compared with the keys of the
   same initial with rapidfuzz (``ratio >= 88``), so "Zelensky" joins
   "Zelenskyy". Headlines only add mentions of names already known.
2. **Sources, pronouns and descriptions** (second pass, in text order). Each
   source of each hop becomes a mention: of the named entity under its head;
   of the entity a pronoun or description resolves to; or of a new entity
   (an indefinite anonymous source, a vague group, a document).

Resolution rules, each bounded to a window of recent sentences so the stage
stays linear:

- "he"/"she" inside the content of an indirect hop whose source is a person
  of that gender is that source ("Trump told Zelenskyy he would check ..." ->
  Trump). Otherwise it is the first compatible person mentioned in its
  sentence before it, else in the nearest of the three sentences before that
  mentions one (subjects come first in news copy). Gender comes from first
  names (``female_names.txt``, ``male_names.txt``), titles (Mr., Mrs.) and
  earlier resolved pronouns.
- "they" is the nearest plural entity or organization of the last three
  sentences; "it" the nearest organization, outlet or document; "who",
  "which" and "that" the mention just before them.
- "I"/"me" inside a quotation is the quotation's speaker; "I" and "we"
  outside one are the author; "you" is a generic other.
- A definite description with a title ("the senator", "the Ukrainian
  leader") is the most recent entity holding that role; "the two leaders" or
  "both men" is a group of the last two people mentioned.
- A definite anonymous source ("the sources", "the official") refers back to
  the anonymous sources of the last ten sentences: a plural one to all those
  of the most recent hop that had any (a group entity with ``members``), a
  singular one to the most recent with the same role. Such a source inherits
  what its antecedents were described with (knowledge, affiliation,
  seniority, reason). And because those antecedents were relayed, so is it:
  its ``relayed_by`` holds the hops that relayed them (the report that cited
  them, or the hop they were themselves relayed by), unless the claim's own
  chain already holds that hop. This is how "The call lasted about 40
  minutes, the sources said" comes to rest on Axios too.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence

import attrs
from rapidfuzz import fuzz, process

from attribution._caches import MAX_KEY_LENGTH, text_cache
from attribution._tokens import LOWER, Token, tokenize
from attribution.lexicon import word_list
from attribution.model import (
    Analysis,
    Attribution,
    AttributionType,
    Cue,
    Descriptors,
    Entity,
    Mention,
    MentionForm,
    Quote,
    Sentence,
    SentenceKind,
    Source,
    SourceKind,
    Span,
)
from attribution.sources import (
    ANONYMOUS,
    ARTICLES,
    AUTHOR,
    DEFINITE,
    DOCUMENT,
    FEMALE_PRONOUNS,
    FIRST_PRONOUNS,
    MALE_PRONOUNS,
    MEDIA,
    NEUTER_PRONOUNS,
    NUMBERS,
    ORGANIZATION,
    OTHER,
    PERSON,
    PLURAL_PRONOUNS,
    POSSESSIVE_DETERMINERS,
    PRONOUNS,
    UNKNOWN,
    VAGUE,
    WE_PRONOUNS,
    YOU_PRONOUNS,
    Core,
    CoreMemo,
    Described,
    core,
    describe_sources,
    in_quote,
    is_name_token,
    is_plural,
    merge_abbreviations,
    name_kind,
    read_source,
    remembered_core,
    singular,
    starts_sentence,
    strip_possessive,
    strip_titles,
    tiling_tokens,
)

# Sentences searched back for a pronoun's antecedent, a description's and an
# anonymous source's: they bound the work per mention, keeping the stage linear.
PRONOUN_WINDOW = 3
# Mentions looked at per sentence: bounds the work in a pathological sentence.
MENTION_SCAN = 200
# Entities of one role looked at for "the official": the 200 that took the role
# last. A news article has a few, and a text of thousands of "an official said"
# as many.
ROLE_SCAN = 200
# Entities sharing a name key looked at for a name: the 50 listed under it
# last. A news article has a few namesakes ("Bill Clinton", "Hillary Clinton";
# at most 11 in PolNeAR), and a text of thousands of first names before one
# surname as many, each of which every new "X Smith" would compare its first
# name with (with 200, such a text still took 17x the time for 10x the names,
# as the entities compared stopped fitting the processor's caches).
NAMESAKE_SCAN = 50
# Name keys looked at for a near spelling ("Zelensky" for "Zelenskyy"): the 50
# listed last of each length near the key's, under its initial. A news article
# has at most a few (9 in PolNeAR), and a text of thousands of distinct names
# as many, each of which every new name would be compared with.
FUZZY_SCAN = 50
DESCRIPTION_WINDOW = 40
ANAPHORA_WINDOW = 10
FUZZY_CUTOFF = 88.0
# Roles that a description's head may stand for: "the Ukrainian leader" is a
# president, a chancellor or a prime minister.
_ROLE_GROUPS: Mapping[str, frozenset[str]] = {
    "leader": frozenset(
        {"leader", "president", "chancellor", "prime minister", "premier", "king", "queen",
         "emir", "minister", "chairman", "head", "speaker"}
    ),
    "senator": frozenset({"senator", "sen."}),
    "representative": frozenset({"representative", "rep.", "congressman", "congresswoman"}),
    "governor": frozenset({"governor", "gov."}),
    "general": frozenset({"general", "gen."}),
    "nominee": frozenset({"nominee", "candidate"}),
    "candidate": frozenset({"nominee", "candidate"}),
    "president": frozenset({"president", "president-elect"}),
}  # fmt: skip
_ROLE_NORMAL = {
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "gen.": "general",
    "pres.": "president", "lt.": "lieutenant", "adm.": "admiral", "col.": "colonel",
    "dr.": "doctor", "prof.": "professor", "rev.": "reverend", "capt.": "captain",
}  # fmt: skip
_MALE_TITLES = frozenset(
    {"mr.", "king", "prince", "chairman", "spokesman", "congressman", "councilman",
     "assemblyman", "businessman", "father", "pope", "sheikh", "emir"}
)  # fmt: skip
_FEMALE_TITLES = frozenset(
    {"mrs.", "ms.", "miss", "queen", "princess", "chairwoman", "spokeswoman",
     "congresswoman", "councilwoman", "assemblywoman", "businesswoman", "first lady"}
)  # fmt: skip
_GROUP_HEADS = frozenset(
    {"leaders", "men", "women", "presidents", "candidates", "nominees", "senators",
     "sides", "countries", "allies", "rivals", "pair", "two", "both"}
)  # fmt: skip
# The members this stage compares against per name and source, read once (see
# the kinds in attribution.sources). Kind sets are tuples, as tuple membership
# compares identities and a member's __hash__ is a Python method.
_NAME = MentionForm.NAME
_SHORT = MentionForm.SHORT
_TITLE = MentionForm.TITLE
_PRONOUN = MentionForm.PRONOUN
_DESCRIPTION = MentionForm.DESCRIPTION
_GROUP = MentionForm.GROUP
_HEADLINE = SentenceKind.HEADLINE
_DIRECT = AttributionType.DIRECT
_SKIP_KINDS = (SentenceKind.BOILERPLATE, SentenceKind.DATELINE)
_PERSON_OR_UNKNOWN = (PERSON, UNKNOWN)
_NAMEABLE_KINDS = (PERSON, ORGANIZATION, MEDIA)  # a source with a name may be an entity's
_ORGANIZATION_KINDS = (ORGANIZATION, MEDIA)  # bodies: "they" may stand for one
_NEUTER_KINDS = (ORGANIZATION, MEDIA, DOCUMENT)  # not people: "it" may stand for one
_DESCRIBED_KINDS = (ANONYMOUS, VAGUE)  # the kinds whose sources keep their descriptors
_PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
_MARKED = _PERSON_PRONOUNS | {"the"}  # the words _Doc.marks looks for
# Words besides demonyms and numbers that may stand between "the" and a title.
_DESCRIPTION_MODIFIERS = frozenset({"former", "republican", "democratic", "new"})


# Words a noun phrase before "who" does not reach past: "told a staffer who".
_NP_STOPS = frozenset(
    [
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "said",
        "says",
        "told",
        "say",
        "tell",
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
        "had",
        "to",
        "by",
        "with",
        "from",
        "of",
        "for",
        "in",
        "on",
        "at",
        "as",
        "among",
        "could",
        "would",
        "will",
        "can",
        "may",
        "might",
        "should",
        "must",
        "bolster",
        "support",
    ]
)


@attrs.define
class _Entity:
    """An entity being built (private and mutable; frozen into :class:`Entity` at the end)."""

    index: int
    name: str
    kind: SourceKind
    named: bool
    plural: bool = False
    gender: str | None = None  # "m" or "f"
    first: str | None = None
    size: int = 0  # words in the longest name seen
    roles: set[str] = attrs.Factory(set)
    keys: set[str] = attrs.Factory(set)  # the name keys it is listed under
    adjectives: set[str] = attrs.Factory(set)
    mentions: list[tuple[int, int, MentionForm]] = attrs.Factory(list)
    starts: list[int] = attrs.Factory(list)
    members: list[int] = attrs.Factory(list)
    sources: list[tuple[str, int]] = attrs.Factory(list)  # (hop id, source index)
    lexical: bool = False  # known from a lexicon
    descriptors: Descriptors | None = None

    def add(self, start: int, end: int, form: MentionForm) -> bool:
        """Add a mention unless one starts at ``start`` already; return whether it was added."""
        starts = self.starts
        if not starts or start > starts[-1]:  # most mentions come in text order
            starts.append(start)
            self.mentions.append((start, end, form))
            return True
        k = bisect.bisect_left(starts, start)
        if starts[k] == start:
            return False
        starts.insert(k, start)
        self.mentions.insert(k, (start, end, form))
        return True

    def last_before(self, offset: int) -> int:
        """Return the start of the last mention before ``offset``, or -1."""
        k = bisect.bisect_left(self.starts, offset)
        return self.starts[k - 1] if k else -1


@functools.cache
def _female() -> frozenset[str]:
    return word_list("female_names")


@functools.cache
def _male() -> frozenset[str]:
    return word_list("male_names")


def _gender_of(words: Sequence[str]) -> str | None:
    for w in words:
        if w in _MALE_TITLES:
            return "m"
        if w in _FEMALE_TITLES:
            return "f"
    female, male = _female(), _male()
    for w in words:
        if w in female and w not in male:
            return "f"
        if w in male and w not in female:
            return "m"
    return None


def _role(word: str) -> str:
    return _ROLE_NORMAL.get(word, word)


# _Reading, _Marks and _Lexicons are slotted classes, not named tuples: their
# fields are read a dozen times per name run (a _Marks's a few times per
# sentence), and a slot is read through the interpreter's fast path, a named
# tuple's field through a descriptor call (some 200 instructions in CPython
# 3.11).
@attrs.define
class _Reading:
    """What a name run says on its own, in any document (see :func:`_read_name`).

    Never changed once made: the cache shares each reading. (It is not frozen
    because a frozen class sets each field through ``object.__setattr__``,
    which costs more than the reads save.)
    """

    first: int  # the index of the first word of the name proper, past titles
    words: tuple[str, ...]  # the name proper: "donald", "trump"
    kind: SourceKind
    gender: str | None  # of a person, from titles and first name
    org_noun: bool  # the next word names the organization: "the Trump campaign"
    lexical: bool  # a lexicon knows the name (an organization or outlet)
    lookup_words: tuple[str, ...]  # what the index is searched for
    key: str  # the index key of an organization or outlet: its whole name
    media_head: bool  # the last of several words is an outlet's head ("Times"): a key too
    titled: bool  # roles or adjectives came before the name
    roles: tuple[str, ...]  # titles among them
    adjectives: tuple[str, ...]  # the rest: "ukrainian"


@attrs.define
class _Marks:
    """The tokens of a sentence that the two passes start from (see :meth:`_Doc.marks`)."""

    names: list[int]  # capitalized and more than a letter: where a name run may start
    the: list[int]  # "the": where a description may start
    pronouns: list[int]  # "he" and "she", standing for every form of them


@attrs.frozen
class _Lexicons:
    """The word lists the name scan consults for every run, and a new name's reading."""

    not_names: frozenset[str]
    person_titles: frozenset[str]
    demonyms: frozenset[str]
    media_nouns: frozenset[str]
    organization_words: frozenset[str]


@functools.cache
def _lexicons() -> _Lexicons:
    return _Lexicons(
        not_names=word_list("not_names"),
        person_titles=word_list("person_titles"),
        demonyms=word_list("demonyms"),
        media_nouns=word_list("media_nouns"),
        organization_words=word_list("organization_words"),
    )


@functools.cache
def _description_starters() -> frozenset[str]:
    """Return the words a description may start with after "the" (see :meth:`_Doc.descriptions`)."""
    lexicons = _lexicons()
    return lexicons.person_titles | lexicons.demonyms | set(NUMBERS) | _DESCRIPTION_MODIFIERS


@functools.cache
def _name_context() -> frozenset[str]:
    """Return the words after a name that say what it names: "magazine", "campaign"."""
    return word_list("media_nouns") | word_list("organization_words")


# Names of at most this many words (titles included), and MAX_KEY_LENGTH
# characters, have their reading cached.
_READ_CACHED_WORDS = 8


def _read_name(words: tuple[str, ...], next_word: str, extra: tuple[str, ...]) -> _Reading | None:
    """Return what the name ``words`` says on its own, or None if it is no name.

    The arguments are those of :meth:`_Doc.name`. The reading depends on the
    words and word lists only, and the same names recur across documents, so
    readings of short names are cached (only whether ``next_word`` is a media
    noun or an organization word matters, so other next words are not kept).
    """
    if next_word not in _name_context():
        next_word = ""
    every = words + extra
    if len(every) > _READ_CACHED_WORDS or len("".join(every)) > MAX_KEY_LENGTH:
        return _reading(words, next_word, extra)
    return _cached_reading(words, next_word, extra)


def _reading(words: tuple[str, ...], next_word: str, extra: tuple[str, ...]) -> _Reading | None:
    """Return the reading of a name, uncached (see :func:`_read_name`)."""
    lexicons = _lexicons()
    skip = strip_titles(words)
    titles = (*extra, *words[:skip])
    first = skip  # the first token of the name proper
    while first < len(words) and words[first] in lexicons.not_names:
        first += 1
    if first == len(words) or (first == len(words) - 1 and words[first] in lexicons.demonyms):
        return None
    if words[first] in ARTICLES and first < len(words) - 1:
        first += 1
    name_words = words[first:]
    kind = name_kind(name_words, next_word)
    gender = _gender_of([*titles, name_words[0]]) if kind is PERSON else None
    org_noun = kind is ORGANIZATION and next_word in lexicons.organization_words
    full = " ".join(name_words)
    roles: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    if titles:  # most names have none
        roles = tuple(w for w in titles if w in lexicons.person_titles)
        adjectives = tuple(w for w in titles if w not in lexicons.person_titles)
    return _Reading(
        first=first,
        words=name_words,
        kind=kind,
        gender=gender,
        org_noun=org_noun,
        lexical=kind is not PERSON or next_word in lexicons.media_nouns,
        lookup_words=(*name_words, next_word) if org_noun else name_words,
        # "the Trump campaign" is not Trump
        key=f"{full} {next_word}" if org_noun else full,
        media_head=len(name_words) > 1 and name_words[-1] in word_list("media_name_heads"),
        titled=bool(titles),
        roles=roles,
        adjectives=adjectives,
    )


_cached_reading = text_cache(maxsize=1 << 13)(_reading)


class _Doc:
    """The working state of one document: entities, their index and per-sentence mentions."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        quotes: Sequence[Quote],
        attributions: Sequence[Attribution],
        described: Sequence[Sequence[Source | Described] | None],
        tokens: Sequence[Sequence[Token]] | None = None,
        cores: CoreMemo | None = None,
    ) -> None:
        self.text = text
        self.given = tokens
        self.cores = cores
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.outer = [q for q in quotes if q.depth == 0]
        self.qstarts = [q.start for q in self.outer]
        self.attributions = attributions
        self.by_id = {a.id: a for a in attributions}
        # Each hop's described sources, by hop id (a hop left as it is keeps its own).
        self.sources: dict[str, Sequence[Source | Described]] = {
            a.id: a.sources if srcs is None else srcs
            for a, srcs in zip(attributions, described, strict=True)
        }
        self.entities: list[_Entity] = []
        self.keys: dict[str, list[int]] = {}
        # The index keys by initial, then length: the keys a near spelling may match.
        self.initials: dict[str, dict[int, list[str]]] = {}  # keys by initial and length
        self.roles: dict[str, list[int]] = {}
        # The group entities, by their members ("the two leaders", "the sources").
        self.groups: dict[tuple[int, ...], int] = {}
        # Per sentence: (start, end, entity index) of every mention, sorted by start.
        self.per_sentence: dict[int, list[tuple[int, int, int]]] = {}
        self.hops_by_sentence: dict[int, list[Attribution]] = {}
        for rel in attributions:
            for span in rel.content:
                for s in range(self.sentence_of(span.start), self.sentence_of(span.end - 1) + 1):
                    self.hops_by_sentence.setdefault(s, []).append(rel)
        self.by_cue_sentence: dict[int, list[Attribution]] = {}
        for rel in attributions:
            self.by_cue_sentence.setdefault(rel.sentence, []).append(rel)
        self.entity_hops: dict[int, list[tuple[int, str]]] = {}
        self.source_entity: dict[tuple[str, int], int | None] = {}
        self.resolving: set[tuple[str, int]] = set()
        self.author: int | None = None
        self.tokens: dict[int, list[Token]] = {}
        self.marks_of: dict[int, _Marks] = {}
        self.lexicons = _lexicons()

    # -- bookkeeping -----------------------------------------------------------

    def sentence_of(self, offset: int) -> int:
        k = bisect.bisect_right(self.sent_starts, offset) - 1
        return k if k > 0 else 0

    def toks(self, index: int) -> list[Token]:
        toks = self.tokens.get(index)
        if toks is None:
            s = self.sentences[index]
            if self.given is not None and index < len(self.given):
                raw = self.given[index]
            else:
                raw = tokenize(self.text, s.start, s.end)
            toks = merge_abbreviations(raw, self.text)
            self.tokens[index] = toks
        return toks

    def marks(self, index: int) -> _Marks:
        """Return the tokens of sentence ``index`` that the name scan and the second pass visit.

        One Python loop over the tokens finds all three kinds: it costs fewer
        instructions than the two scans at C level it replaces (a ``map``
        over the tokens for their first letters and another for their
        lower-cased words, each step of which costs some 400 instructions a
        token in CPython 3.11). The loop reads the two fields by index:
        unpacking a token (a tuple subclass, which the interpreter's fast
        paths leave out) costs more than two subscripts.
        """
        marks = self.marks_of.get(index)
        if marks is None:
            names: list[int] = []
            the: list[int] = []
            pronouns: list[int] = []
            for k, tok in enumerate(self.toks(index)):
                text = tok[2]
                if text[0].isupper() and len(text) > 1:
                    names.append(k)
                lower = tok[3]
                if lower in _MARKED:  # one test for the many tokens that are neither
                    if lower == "the":
                        the.append(k)
                    else:
                        pronouns.append(k)
            marks = self.marks_of[index] = _Marks(names, the, pronouns)
        return marks

    def span_tokens(self, sentence: int, start: int, end: int) -> Sequence[Token]:
        """Return the tokens of ``text[start:end]``, taken from its sentence when they tile it."""
        return tiling_tokens(self.toks(sentence), start, end) or tokenize(self.text, start, end)

    def new(self, name: str, kind: SourceKind, *, named: bool, plural: bool = False) -> int:
        ent = _Entity(len(self.entities), name, kind, named, plural)
        self.entities.append(ent)
        return ent.index

    def mention(
        self, index: int, start: int, end: int, form: MentionForm, sentence: int | None = None
    ) -> None:
        """Add a mention of entity ``index`` (in sentence ``sentence``, if the caller knows)."""
        if self.entities[index].add(start, end, form):
            s = self.sentence_of(start) if sentence is None else sentence
            bisect.insort(self.per_sentence.setdefault(s, []), (start, end, index))

    def key(self, key: str, index: int) -> None:
        ent = self.entities[index]
        if key not in ent.keys:  # the entity is listed under each of its keys once
            ent.keys.add(key)
            listed = self.keys.get(key)
            if listed is None:  # a new key: listed by its initial and length, once
                self.keys[key] = [index]
                self.initials.setdefault(key[:1], {}).setdefault(len(key), []).append(key)
            else:
                listed.append(index)

    def add_roles(self, index: int, roles: Sequence[str], adjectives: Sequence[str]) -> None:
        ent = self.entities[index]
        for role in roles:
            r = _role(role)
            if r not in ent.roles:  # the entity is listed under each of its roles once
                ent.roles.add(r)
                self.roles.setdefault(r, []).append(index)
        ent.adjectives.update(adjectives)

    def quoted(self, offset: int) -> bool:
        return in_quote(self.outer, self.qstarts, offset)

    # -- names -------------------------------------------------------------------

    def lookup(self, words: Sequence[str], gender: str | None, kind: SourceKind) -> int | None:
        """Return the entity a name refers to, by surname, whole name or a near spelling."""
        if kind is not PERSON or len(words) == 1:
            hits = self.keys.get(" ".join(words), [])[-NAMESAKE_SCAN:]
            if hits:
                return self._best(hits, gender, None)
        if kind is PERSON:
            surname = words[-1]
            first = words[0] if len(words) > 1 else None
            hits = self.keys.get(surname, [])[-NAMESAKE_SCAN:]
            if hits and len(words) > 1:
                hits = [i for i in hits if self.entities[i].kind is PERSON]
            if hits:
                best = self._best(hits, gender, first)
                if best is not None:
                    return best
                return None
            fuzzy = self._fuzzy(surname)
            if fuzzy is not None:
                return self._best(self.keys[fuzzy][-NAMESAKE_SCAN:], gender, first)
        elif len(words) == 1:
            fuzzy = self._fuzzy(words[0])
            if fuzzy is not None:
                return self._best(self.keys[fuzzy][-NAMESAKE_SCAN:], gender, None)
        return None

    def _fuzzy(self, key: str) -> str | None:
        if len(key) < 5:
            return None
        # Keys of the same initial and at most two letters longer or shorter,
        # the latest FUZZY_SCAN of each length: a few, however many names the
        # document has. Most keys have none, which one test at C level tells
        # before the keys are gathered.
        by_length = self.initials.get(key[:1])
        near = range(len(key) - 2, len(key) + 3)
        if by_length is None or by_length.keys().isdisjoint(near):
            return None
        candidates = [
            k for length in near for k in by_length.get(length, ())[-FUZZY_SCAN:] if k != key
        ]
        if not candidates:
            return None
        hit = process.extractOne(key, sorted(candidates), scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_CUTOFF)  # fmt: skip
        return None if hit is None else str(hit[0])

    def _best(self, hits: Sequence[int], gender: str | None, first: str | None) -> int | None:
        best = None
        for i in hits:
            ent = self.entities[i]
            if (
                first is not None
                and ent.first is not None
                and ent.first != first
                and not (ent.first.startswith(first[:1]) and fuzz.ratio(ent.first, first) >= 80)
            ):
                continue  # "Bill Clinton" is not "Hillary Clinton"; "Bill" may be "William"
            if gender and ent.gender and gender != ent.gender:
                continue
            if best is None or len(ent.mentions) > len(self.entities[best].mentions):
                best = i
        return best

    def name(
        self,
        toks: Sequence[Token],
        start: int,
        end: int,
        *,
        next_word: str = "",
        extra: Sequence[str] = (),
        words: tuple[str, ...] | None = None,
        sentence: int | None = None,
    ) -> int | None:
        """Register the name ``toks`` (titles included) and return its entity.

        ``extra`` holds lower-case roles and adjectives found before the name
        ("Ukrainian leader"); ``next_word`` the word after it ("magazine");
        ``words`` the lower-case words of ``toks`` without possessive endings,
        when the caller has them already; ``sentence`` the index of the
        sentence the name is in, when the caller knows it.
        """
        if words is None:
            words = tuple(map(strip_possessive, map(LOWER, toks)))
        reading = _read_name(words, next_word, tuple(extra))
        if reading is None:
            return None
        kind = reading.kind
        name_words = reading.words
        found = self.lookup(reading.lookup_words, reading.gender, kind)
        written = None
        if found is None:
            if kind is VAGUE:
                return None
            written = self._text(toks[reading.first], toks[-1])
            label = f"{written} {next_word}" if reading.org_noun else written
            found = self.new(label, kind, named=True)
            self.entities[found].lexical = reading.lexical
        ent = self.entities[found]
        if kind is PERSON and ent.kind is PERSON:
            self.key(name_words[-1], found)
            if len(name_words) > 1 and ent.first is None:
                ent.first = name_words[0]
            if reading.gender and not ent.gender:
                ent.gender = reading.gender
        else:
            self.key(reading.key, found)
            if reading.media_head:
                self.key(name_words[-1], found)
        if len(name_words) > ent.size and ent.kind is kind and not reading.org_noun:
            ent.size = len(name_words)
            ent.name = written if written is not None else self._text(toks[reading.first], toks[-1])
        if reading.titled:
            self.add_roles(found, reading.roles, reading.adjectives)
        form = _TITLE if reading.titled else (_NAME if len(name_words) >= ent.size else _SHORT)
        self.mention(found, start, end, form, sentence)
        return found

    def _text(self, first: Token, last: Token) -> str:
        """Return the text from ``first`` to ``last``, spaces normalized, without a possessive."""
        text = self.text[first.start : last.end]
        return strip_possessive(" ".join(text.split()))

    def scan_names(self, index: int, *, known_only: bool) -> None:
        """Find the capitalized name runs of sentence ``index`` and register them."""
        toks = self.toks(index)
        # Every run starts with a capitalized word of more than a letter: most
        # tokens can be passed over at once. (A run is made of tokens
        # ``is_name_token`` accepts, "&" among them, so "Johnson & Johnson" is
        # one run; quotation marks are never upper case.)
        starts = self.marks(index).names
        if not starts:
            return
        # The name tokens but "&".
        names = set(starts)
        n = len(toks)
        first_word = 0
        while first_word < n and not toks[first_word].text[0].isalnum():
            first_word += 1
        not_names = self.lexicons.not_names
        after = 0  # the token after the last run
        for i in starts:
            if i < after:
                continue
            tok = toks[i]
            if i > 0 and toks[i - 1].text == "@" and toks[i - 1].end == tok.start:
                continue
            j = i
            while j + 1 < n:
                if j + 1 in names:
                    j += 1
                    continue
                nxt = toks[j + 1]
                if nxt.text == "&":
                    j += 1
                    continue
                if (
                    nxt.lower in ("of", "for", "de", "and", "to")
                    and j + 2 < n
                    and is_name_token(toks[j + 2])
                    and (nxt.lower != "and" or toks[j + 2].lower.endswith(("center", "co.")))
                ):
                    j += 2
                    continue
                break
            after = j + 1
            initial = i == first_word
            # A sentence-initial word that is never a name ("After Smith left") is left out.
            start = i + 1 if initial and tok.lower in not_names else i
            if start <= j:
                self._run(index, toks, start, j, known_only=known_only, initial=initial)

    def _run(
        self, index: int, toks: Sequence[Token], i: int, j: int, *, known_only: bool, initial: bool
    ) -> None:
        """Register the name run ``toks[i : j + 1]`` of sentence ``index``."""
        run = toks[i : j + 1]
        words = tuple(map(LOWER, run))
        joined = "".join(words)
        if "'" in joined or "’" in joined:  # a possessive ending to strip: few runs
            words = tuple(map(strip_possessive, words))
        next_word = toks[j + 1].lower if j + 1 < len(toks) else ""
        lexicons = self.lexicons
        if len(run) == 1 and (len(run[0].text) < 2 or words[0] in lexicons.not_names):
            return
        # "(AROS)" after a name: an alias of the entity just registered.
        if (
            len(run) == 1
            and i > 0
            and toks[i - 1].text == "("
            and j + 1 < len(toks)
            and toks[j + 1].text == ")"
            and run[0].text.isupper()
        ):
            prev = self.per_sentence.get(index)
            if prev and prev[-1][1] <= toks[i - 1].start:
                self.key(words[0], prev[-1][2])
                self.mention(prev[-1][2], run[0].start, run[0].end, _SHORT, index)
                return
        if known_only or (initial and len(run) == 1):
            kind = name_kind(words)
            hit = self.lookup(words, None, kind)
            if hit is None and len(run) == 1 and kind is not PERSON:
                # A place or an outlet the lexicons know: "PolitiFact checked the claim."
                self.name(run, run[0].start, run[0].end, next_word=next_word, words=words,
                          sentence=index)  # fmt: skip
                return
            if hit is not None:
                self.mention(hit, run[0].start, run[-1].end, _SHORT, index)
            return
        # Roles and adjectives just before the name: "Ukrainian leader Volodymyr Zelenskyy".
        extra: list[str] = []
        start = run[0].start
        k = i - 1
        while k >= 0 and len(extra) < 3:
            w = toks[k].lower
            if w in lexicons.person_titles or (w in lexicons.demonyms and extra):
                extra.insert(0, w)
                start = toks[k].start
                k -= 1
                continue
            break
        end = run[-1].end
        if next_word in lexicons.media_nouns or (
            next_word in lexicons.organization_words and next_word != "police"
        ):
            end = toks[j + 1].end
        self.name(run, start, end, next_word=next_word, extra=extra, words=words, sentence=index)

    # -- pronouns and descriptions --------------------------------------------------

    def _candidates(
        self, sentence: int, offset: int, window: int
    ) -> list[list[tuple[int, int, int]]]:
        """Return the mentions of each sentence from ``sentence`` back, those before ``offset``."""
        out = [self._before(sentence, offset)]
        for s in range(sentence - 1, max(sentence - window - 1, -1), -1):
            out.append(self.per_sentence.get(s, [])[:MENTION_SCAN])
        return out

    def _before(self, sentence: int, offset: int) -> list[tuple[int, int, int]]:
        """Return the last mentions of a sentence that end by ``offset`` (at most a few hundred)."""
        items = self.per_sentence.get(sentence, [])
        k = bisect.bisect_left(items, (offset, -1, -1))
        return [m for m in items[max(0, k - MENTION_SCAN) : k] if m[1] <= offset]

    def _covering(self, sentence: int, offset: int) -> list[tuple[int, int, int]]:
        """Return the mentions of a sentence that cover ``offset``."""
        items = self.per_sentence.get(sentence, [])
        k = bisect.bisect_right(items, (offset, len(self.text) + 1, len(self.entities)))
        return [m for m in items[max(0, k - 8) : k] if m[0] <= offset < m[1]]

    def person_pronoun(self, word: str, offset: int, exclude: int | None) -> int | None:
        """Resolve "he" or "she" at ``offset`` (see the module's rules)."""
        gender = "m" if word in MALE_PRONOUNS else "f"
        sentence = self.sentence_of(offset)
        quoted = self.quoted(offset)
        if not quoted:
            hit = self._speaker(offset, sentence, gender)
            if hit is not None:
                return hit
        for items in self._candidates(sentence, offset, PRONOUN_WINDOW):
            for _, _, idx in items:
                ent = self.entities[idx]
                if idx == exclude or ent.kind is not PERSON or ent.plural:
                    continue
                if ent.gender and ent.gender != gender:
                    continue
                if not ent.gender:
                    ent.gender = gender
                return idx
        return None

    def _speaker(self, offset: int, sentence: int, gender: str) -> int | None:
        """Return the person source of the innermost indirect hop whose content holds ``offset``."""
        best: tuple[int, int] | None = None
        for rel in self.hops_by_sentence.get(sentence, ()):
            sources = self.sources[rel.id]
            if rel.type is _DIRECT or not sources:
                continue
            for span in rel.content:
                if span.start <= offset < span.end and (
                    best is None or span.end - span.start < best[0]
                ):
                    if sources[0].start >= offset:
                        continue
                    idx = self.resolve_source(rel, 0)
                    if idx is None:
                        continue
                    ent = self.entities[idx]
                    if ent.kind is PERSON and not ent.plural and ent.gender in (None, gender):
                        best = (span.end - span.start, idx)
        return None if best is None else best[1]

    def quote_speaker(self, offset: int) -> int | None:
        """Return the entity whose quotation holds ``offset``."""
        sentence = self.sentence_of(offset)
        best: tuple[int, int] | None = None
        for rel in self.hops_by_sentence.get(sentence, ()):
            if not self.sources[rel.id]:
                continue
            for span in rel.content:
                if span.start <= offset < span.end and (
                    best is None or span.end - span.start < best[0]
                ):
                    idx = self.resolve_source(rel, 0)
                    if idx is not None:
                        best = (span.end - span.start, idx)
        return None if best is None else best[1]

    def nearest(self, offset: int, kinds: tuple[SourceKind, ...], *, plural: bool) -> int | None:
        """Return the nearest entity before ``offset`` of one of ``kinds`` (or plural, if asked)."""
        sentence = self.sentence_of(offset)
        for items in self._candidates(sentence, offset, PRONOUN_WINDOW):
            # Subjects first, as for "he": the first fitting mention of the nearest sentence.
            for _, _, idx in items:
                ent = self.entities[idx]
                if ent.kind in kinds or (plural and ent.plural):
                    return idx
        return None

    def relative(self, offset: int) -> int | None:
        """Return what a relative pronoun stands for: the noun phrase just before it.

        "Clarke, who said" is Clarke; "a staffer who told" a new anonymous
        entity described by "a staffer".
        """
        sentence = self.sentence_of(offset)
        person_ok = self.text[offset : offset + 3].lower() == "who"
        items = self._before(sentence, offset)
        if items and not self.text[items[-1][1] : offset].strip(" ,\n\t"):
            ent = self.entities[items[-1][2]]
            if person_ok or ent.kind is not PERSON:
                return items[-1][2]
        toks = [t for t in self.toks(sentence) if t.end <= offset]
        k = len(toks) - 1
        if k >= 0 and toks[k].text == ",":
            k -= 1
        first = k
        while first - 1 >= 0 and k - first < 5:
            prev = toks[first - 1]
            if not prev.text[0].isalnum() or prev.lower in _NP_STOPS:
                break
            first -= 1
        if k < 0 or first > k:
            return None
        if person_ok and first >= 2 and toks[first - 1].text == ",":
            # "Heather Samuelson, a Clinton campaign staffer who ...": the name.
            for _, end, idx in reversed(items):
                if (
                    end <= toks[first - 1].start
                    and not self.text[end : toks[first - 1].start].strip()
                ):
                    if self.entities[idx].kind is PERSON:
                        return idx
                    break
        sent = self.sentences[sentence]
        src = read_source(self.text, toks[first].start, toks[k].end,
                          sentence_tokens=self.toks(sentence), sentence_start=sent.start,
                          cores=self.cores)  # fmt: skip
        if src.kind is UNKNOWN:
            return None
        c = core(tokenize(self.text, src.start, src.end))
        if c is None:
            return None
        if src.named and is_name_token(c.tokens[c.head]):
            return self.name(self._name_run(c), src.start, src.end)
        return self._description(c, src, strip_possessive(c.tokens[c.head].lower))

    def by_role(self, role: str, adjectives: Sequence[str], offset: int) -> int | None:
        """Return the most recent entity holding ``role`` ("the senator") before ``offset``."""
        roles = _ROLE_GROUPS.get(role, frozenset({role}))
        best: tuple[int, int, int] | None = None  # (adjective matches, last mention, index)
        floor = self.sentences[max(self.sentence_of(offset) - DESCRIPTION_WINDOW, 0)].start
        for r in roles:
            for idx in self.roles.get(r, [])[-ROLE_SCAN:]:
                ent = self.entities[idx]
                last = ent.last_before(offset)
                if last < floor:
                    continue
                score = sum(1 for a in adjectives if a in ent.adjectives)
                if adjectives and not score and any(a in word_list("demonyms") for a in adjectives):
                    continue
                if best is None or (score, last) > best[:2]:
                    best = (score, last, idx)
        return None if best is None else best[2]

    def group(self, count: int, offset: int) -> int | None:
        """Return a group of the last ``count`` distinct people mentioned before ``offset``."""
        members: list[int] = []
        sentence = self.sentence_of(offset)
        for items in self._candidates(sentence, offset, PRONOUN_WINDOW):
            for _, _, idx in reversed(items):
                ent = self.entities[idx]
                if ent.kind is PERSON and not ent.plural and idx not in members:
                    members.append(idx)
                if len(members) == count:
                    break
            if len(members) == count:
                break
        if len(members) < 2:
            return None
        members.reverse()
        known = self.groups.get(tuple(members))
        if known is not None:
            return known
        names = [self.entities[m].name for m in members]
        idx = self.new(" and ".join(names), PERSON,
                       named=all(self.entities[m].named for m in members), plural=True)  # fmt: skip
        self._set_members(idx, members)
        return idx

    def _set_members(self, index: int, members: list[int]) -> None:
        """Make entity ``index`` the group of ``members``."""
        self.entities[index].members = members
        self.groups[tuple(members)] = index

    def anonymous_antecedent(self, role: str, plural: bool, offset: int) -> int | None:
        """Return what "the sources" or "the official" at ``offset`` refers back to."""
        sentence = self.sentence_of(offset)
        recent: list[tuple[int, int]] = []  # (last mention start, index)
        for items in self._candidates(sentence, offset, ANAPHORA_WINDOW):
            for start, _, idx in reversed(items):
                ent = self.entities[idx]
                if ent.kind is ANONYMOUS and not any(r[1] == idx for r in recent):
                    recent.append((start, idx))
        if not recent:
            return None
        if not plural:
            for _, idx in recent:
                ent = self.entities[idx]
                if ent.descriptors and ent.descriptors.role == role and not ent.plural:
                    return idx
            return recent[0][1]
        # All anonymous sources of the most recent hop that had any.
        first = self.entities[recent[0][1]]
        hop = first.sources[-1][0] if first.sources else None
        members = [idx for _, idx in recent if hop and any(
            h == hop for h, _ in self.entities[idx].sources
        )]  # fmt: skip
        if len(members) <= 1:
            if first.plural:
                return first.index
            members = [idx for _, idx in recent[:2]] if len(recent) > 1 else [first.index]
        if len(members) == 1:
            return members[0]
        members.sort(key=lambda m: self.entities[m].starts[0])
        known = self.groups.get(tuple(members))
        if known is not None:
            return known
        idx = self.new("the sources", ANONYMOUS, named=False, plural=True)
        self._set_members(idx, members)
        return idx

    # -- sources ----------------------------------------------------------------------

    def resolve_source(self, rel: Attribution, i: int) -> int | None:
        """Return the entity of source ``i`` of hop ``rel``, registering its mention."""
        key = (rel.id, i)
        if key in self.source_entity:
            return self.source_entity[key]
        if key in self.resolving:
            return None
        self.resolving.add(key)
        try:
            idx = self._resolve_source(rel, self.sources[rel.id][i])
        finally:
            self.resolving.discard(key)
        self.source_entity[key] = idx
        if idx is not None:
            self.entities[idx].sources.append((rel.id, i))
        return idx

    def _resolve_source(self, rel: Attribution, src: Source | Described) -> int | None:
        sentence = self.sentence_of(src.start)
        toks = self.span_tokens(sentence, src.start, src.end)
        if len(toks) == 1 and toks[0].lower in PRONOUNS:
            # A quarter of the sources: the pronoun is its own core.
            return self._pronoun_source(toks[0].lower, src)
        initial = starts_sentence(self.text, self.sentences[sentence].start, src.start)
        c = remembered_core(toks, initial, self.cores)
        if c is None:
            return None
        head = c.tokens[c.head]
        hw = strip_possessive(head.lower)
        if c.first == c.head and hw in PRONOUNS:
            return self._pronoun_source(hw, src)
        # A name under the head: the entity of that mention.
        for _, _, idx in self._covering(sentence, head.start):
            if idx < len(self.entities):
                ent = self.entities[idx]
                if ent.kind is not PERSON or src.kind in _PERSON_OR_UNKNOWN:
                    return idx
        kind = src.kind
        if kind in _NAMEABLE_KINDS and src.named and is_name_token(head):
            found = self.name(self._name_run(c), src.start, src.end)
            if found is not None:
                return found
        return self._description(c, src, hw)

    def _pronoun_source(self, word: str, src: Source | Described) -> int | None:
        """Resolve a source whose core is the pronoun ``word`` and register its mention."""
        idx = self.pronoun(word, src.start)
        if idx is not None:
            self.mention(idx, src.start, src.end, _PRONOUN)
        return idx

    def _name_run(self, c: Core) -> list[Token]:
        k = c.head
        toks = c.tokens
        while k - 1 >= c.first and (is_name_token(toks[k - 1]) or toks[k - 1].lower in (
            "of", "for", "&"
        )):  # fmt: skip
            k -= 1
        return list(toks[k : c.head + 1])

    def _description(self, c: Core, src: Source | Described, hw: str) -> int | None:
        """Resolve or create the entity of a source that is not a name or a pronoun."""
        kind = src.kind
        det = c.determiner
        definite = det in DEFINITE or det in POSSESSIVE_DETERMINERS
        mods = [t.lower for t in c.tokens[c.first : c.head] if t.lower not in DEFINITE]
        label = " ".join(self.text[src.start : src.end].split())
        if kind is PERSON and definite:
            count = c.count or (2 if any(m in ("two", "both") for m in mods) else None)
            if (count or 0) >= 2 or (hw in _GROUP_HEADS and is_plural(hw)):
                idx = self.group(count or 2, src.start)
                if idx is not None:
                    self.mention(idx, src.start, src.end, _GROUP)
                    return idx
            else:
                idx = self.by_role(_role(singular(hw)), mods, src.start)
                if idx is not None:
                    self.mention(idx, src.start, src.end, _DESCRIPTION)
                    return idx
        if kind is ANONYMOUS and (det in DEFINITE or det in ("these", "those")):
            role = singular(hw)
            named = (
                self.by_role(role, mods, src.start) if role not in ("source", "person") else None
            )
            idx = (
                named
                if named is not None and self.entities[named].named
                else (self.anonymous_antecedent(role, is_plural(hw), src.start))
            )
            if idx is not None:
                form = _GROUP if self.entities[idx].members else _DESCRIPTION
                self.mention(idx, src.start, src.end, form)
                return idx
        if kind in _NEUTER_KINDS and det in DEFINITE and not src.named:
            idx = self._same_kind(kind, hw, src.start)
            if idx is not None:
                self.mention(idx, src.start, src.end, _DESCRIPTION)
                return idx
        if kind is AUTHOR:
            return self.author_entity(src.start, src.end)
        idx = self.new(label, kind, named=src.named, plural=bool(
            (src.descriptors and src.descriptors.plural) or is_plural(hw)
        ))  # fmt: skip
        self.entities[idx].descriptors = src.descriptors
        if src.descriptors and src.descriptors.role:
            self.add_roles(idx, [src.descriptors.role], [])
        self.mention(idx, src.start, src.end, _DESCRIPTION)
        return idx

    def _same_kind(self, kind: SourceKind, head: str, offset: int) -> int | None:
        """Return the nearest entity of ``kind`` for "the campaign", "the newspaper"."""
        sentence = self.sentence_of(offset)
        fallback = None
        for items in self._candidates(sentence, offset, ANAPHORA_WINDOW):
            for _, _, idx in reversed(items):
                ent = self.entities[idx]
                if ent.kind is not kind:
                    continue
                if head in ent.name.lower():
                    return idx
                if fallback is None and kind is not DOCUMENT:
                    fallback = idx
        return fallback

    def author_entity(self, start: int, end: int) -> int:
        if self.author is None:
            self.author = self.new("the author", AUTHOR, named=False)
        self.mention(self.author, start, end, _PRONOUN)
        return self.author

    def pronoun(self, word: str, offset: int) -> int | None:
        """Resolve a pronoun source at ``offset`` (see the module's rules)."""
        quoted = self.quoted(offset)
        if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
            exclude = self.quote_speaker(offset) if quoted else None
            return self.person_pronoun(word, offset, exclude)
        if word in FIRST_PRONOUNS or word in WE_PRONOUNS:
            if quoted:
                return self.quote_speaker(offset)
            return self.author_entity(offset, offset + len(word))
        if word in YOU_PRONOUNS:
            idx = self.new("you", OTHER, named=False)
            return idx
        if word in PLURAL_PRONOUNS:
            return self.nearest(offset, _ORGANIZATION_KINDS, plural=True)
        if word in NEUTER_PRONOUNS:
            return self.nearest(offset, _NEUTER_KINDS, plural=False)
        return self.relative(offset)

    def body_pronouns(self, index: int, pronouns: Sequence[int]) -> None:
        """Resolve every "he"/"she" of sentence ``index`` that is not a source.

        ``pronouns`` holds the indices of its tokens "he" and "she" (see :meth:`marks`).
        """
        toks = self.toks(index)
        for tok in [toks[k] for k in pronouns]:
            w = tok.lower
            if not self.quoted(tok.start):
                idx = self.person_pronoun(w, tok.start, None)
                if idx is not None:
                    self.mention(idx, tok.start, tok.end, _PRONOUN, index)

    def descriptions(self, index: int, the: Sequence[int]) -> None:
        """Resolve descriptions in sentence ``index``: "the Ukrainian leader", "the two leaders".

        ``the`` holds the indices of its tokens "the" (see :meth:`marks`).
        Most are followed by no title, so the words after each are read
        before asking whether it is quoted, and a "the" whose next word no
        description starts with (see :func:`_description_starters`) is passed
        over after one set test.
        """
        toks = self.toks(index)
        n = len(toks)
        titles = self.lexicons.person_titles
        demonyms = self.lexicons.demonyms
        starters = _description_starters()
        for i in the:
            if i + 1 < n and toks[i + 1].lower not in starters:
                continue  # most: "the talks", "the White House"
            tok = toks[i]
            mods: list[str] = []
            for j in range(i + 1, min(i + 5, n)):
                w = toks[j].lower
                if w in titles or (mods and w in _GROUP_HEADS):
                    if j + 1 < n and is_name_token(toks[j + 1]):
                        break  # "the Ukrainian leader Volodymyr Zelenskyy": a title
                    if self.quoted(tok.start) or self._covering(index, tok.start):
                        break  # quoted, or already a mention, as a source
                    if w in _GROUP_HEADS or any(m in ("two", "both") for m in mods):
                        count = next((NUMBERS[m] for m in mods if m in NUMBERS), 2)
                        idx = self.group(count, tok.start)
                        form = _GROUP
                    else:
                        idx = self.by_role(_role(w), mods, tok.start)
                        form = _DESCRIPTION
                    if idx is not None:
                        self.mention(idx, tok.start, toks[j].end, form)
                    break
                if w in demonyms or w in NUMBERS or w in _DESCRIPTION_MODIFIERS:
                    mods.append(w)
                    continue
                if mods and singular(w) in titles:
                    count = next((NUMBERS[m] for m in mods if m in NUMBERS), 0)
                    if count >= 2 and not self.quoted(tok.start):
                        idx = self.group(count, tok.start)
                        if idx is not None:
                            self.mention(idx, tok.start, toks[j].end, _GROUP)
                    break
                break


def find_entities(
    text: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    attributions: Sequence[Attribution],
    tokens: Sequence[Sequence[Token]] | None = None,
    *,
    described: Sequence[Sequence[Source | Described] | None],
    cores: CoreMemo | None = None,
) -> tuple[tuple[Entity, ...], tuple[Attribution, ...]]:
    """Return the document's entities and the relations with every source resolved to one.

    ``described`` holds what :func:`attribution.sources.describe_sources`
    returned for the relations: their sources take those descriptions, and
    each is built once, described and resolved (a relation built without
    its sources, by :func:`attribution.attributions.find_hops`, has them
    only there).
    ``cores`` may hold the cores of source spans that stage found (see
    :func:`attribution.sources.remembered_core`).
    ``tokens`` may give each sentence's tokens, already made by an earlier
    stage; they are made again otherwise.
    A source whose entity is a named person, organization or outlet takes the
    entity's kind; a pronoun or a description takes the kind of what it
    refers to.
    """
    doc = _Doc(text, sentences, quotes, attributions, described, tokens, cores)
    body = [i for i, s in enumerate(sentences) if s.kind not in _SKIP_KINDS]
    for i in body:
        if sentences[i].kind is not _HEADLINE:
            doc.scan_names(i, known_only=False)
    for i in body:
        if sentences[i].kind is _HEADLINE:
            doc.scan_names(i, known_only=True)
    # Second pass, in text order: sources, descriptions and pronouns.
    sources = doc.sources
    hops = sorted(attributions, key=lambda r: _first_offset(r, sources[r.id]))
    by_sentence: dict[int, list[Attribution]] = {}
    for rel in hops:
        if sources[rel.id]:
            by_sentence.setdefault(doc.sentence_of(sources[rel.id][0].start), []).append(rel)
    for i in body:
        for rel in by_sentence.get(i, ()):
            for k in range(len(sources[rel.id])):
                doc.resolve_source(rel, k)
        marks = doc.marks(i)
        if marks.the:
            doc.descriptions(i, marks.the)
        if marks.pronouns:
            doc.body_pronouns(i, marks.pronouns)
    for i, s in enumerate(sentences):
        if s.kind in _SKIP_KINDS:
            for rel in by_sentence.get(i, ()):
                for k in range(len(sources[rel.id])):
                    doc.resolve_source(rel, k)
    return _freeze(doc)


def _first_offset(rel: Attribution, sources: Sequence[Source | Described]) -> int:
    """Return where the first of a hop's sources starts, or its cue if it has none."""
    if len(sources) == 1:  # most hops
        return sources[0].start
    return min([s.start for s in sources]) if sources else rel.cue.start


def _previous_hop(doc: _Doc, ent: _Entity, rel: Attribution) -> str | None:
    """Return the last hop before ``rel`` that had ``ent`` among its sources."""
    hops = doc.entity_hops.get(ent.index)
    if hops is None:
        hops = sorted((doc.by_id[h].cue.start, h) for h, _ in ent.sources)
        doc.entity_hops[ent.index] = hops
    k = bisect.bisect_left(hops, (rel.cue.start, ""))
    while k > 0:
        k -= 1
        if hops[k][1] != rel.id:
            return hops[k][1]
    return None


def _relayers(doc: _Doc, hop_id: str) -> list[str]:
    """Return the hops that relayed the words of hop ``hop_id``'s sources."""
    rel = doc.by_id[hop_id]
    if rel.form == "citing":
        # "..., Axios reported, citing X": the report just before the citing cue.
        before = [
            a
            for a in doc.by_cue_sentence.get(rel.sentence, ())
            if a.cue.end <= rel.cue.start and a.id != rel.id
        ]
        return [max(before, key=lambda a: a.cue.start).id] if before else []
    return [rel.parent] if rel.parent is not None else []


def _chain(doc: _Doc, hop_id: str) -> set[str]:
    out = set()
    current: str | None = hop_id
    while current is not None and current not in out:
        out.add(current)
        current = doc.by_id[current].parent
    return out


def _merge(own: Descriptors | None, others: Sequence[Descriptors | None]) -> Descriptors | None:
    """Return a source's descriptors completed with those of its antecedents."""
    if own is None:
        return None
    fields = {}
    for name in ("affiliation", "seniority", "knowledge", "reason"):
        if getattr(own, name) is None:
            for other in others:
                if other is not None and getattr(other, name) is not None:
                    fields[name] = getattr(other, name)
                    break
    if own.count is None and own.plural and len(others) > 1:
        fields["count"] = len(others)
    return attrs.evolve(own, **fields) if fields else own


def _stands_alone(ent: _Entity) -> bool:
    """Return whether an entity no source refers to is worth listing on its own.

    A person named by two words or more, an organization or outlet the
    lexicons know, or anything mentioned twice other than by a pronoun.
    """
    return (
        (ent.kind is PERSON and ent.size >= 2)
        or (ent.lexical and ent.kind in _ORGANIZATION_KINDS)
        or (len(ent.mentions) >= 2 and sum(1 for m in ent.mentions if m[2] is not _PRONOUN) >= 2)
    )


def _freeze(doc: _Doc) -> tuple[tuple[Entity, ...], tuple[Attribution, ...]]:
    """Turn the working entities into values and update every source."""
    used = {idx for idx in doc.source_entity.values() if idx is not None}
    for member in list(used):
        used.update(doc.entities[member].members)
    kept = {
        ent.index
        for ent in doc.entities
        if ent.mentions and (ent.index in used or (not ent.members and _stands_alone(ent)))
    }
    # A group ("the two leaders") that is no source is kept when its members
    # are: one that names a word kept for nothing else ("Fight and Obama"),
    # however often it is mentioned, is no group.
    kept.update(
        ent.index
        for ent in doc.entities
        if ent.members and ent.mentions and all(member in kept for member in ent.members)
    )
    keep = [ent for ent in doc.entities if ent.index in kept]
    keep.sort(key=lambda e: e.starts[0])
    ids = {ent.index: f"e{n + 1}" for n, ent in enumerate(keep)}
    entities = tuple(
        Entity(
            id=ids[ent.index],
            name=ent.name,
            kind=ent.kind,
            named=ent.named,
            plural=ent.plural,
            mentions=tuple([Mention(start=s, end=e, form=f) for s, e, f in ent.mentions]),
            members=tuple(ids[m] for m in ent.members if m in ids) if ent.members else (),
        )
        for ent in keep
    )
    out = []
    for rel in doc.attributions:
        if not doc.sources[rel.id]:
            out.append(rel)
            continue
        chain = None
        sources = []
        for i, src in enumerate(doc.sources[rel.id]):
            idx = doc.source_entity.get((rel.id, i))
            if idx is None or idx not in ids:
                sources.append(src if isinstance(src, Source) else src.source())
                continue
            ent = doc.entities[idx]
            kind, named = src.kind, src.named
            if ent.kind is not UNKNOWN and (
                kind in _PERSON_OR_UNKNOWN
                or src.named
                or (ent.named and kind is ANONYMOUS)
                or (kind is OTHER and ent.kind is OTHER)
            ):
                kind, named = ent.kind, ent.named
            desc = src.descriptors
            relayed: list[str] = []
            if kind is ANONYMOUS and (ent.members or len(ent.sources) > 1):
                antecedents = [doc.entities[m] for m in ent.members] or [ent]
                desc = _merge(desc, [a.descriptors for a in antecedents])
                if chain is None:
                    chain = _chain(doc, rel.id)
                for a in antecedents:
                    hop_id = _previous_hop(doc, a, rel)
                    if hop_id is not None:
                        relayed.extend(h for h in _relayers(doc, hop_id) if h not in chain)
            if kind not in _DESCRIBED_KINDS:
                desc = None
            sources.append(
                Source(
                    start=src.start,
                    end=src.end,
                    kind=kind,
                    named=named,
                    entity=ids[idx],
                    descriptors=desc,
                    medium=src.medium,
                    relayed_by=tuple(sorted(set(relayed), key=_id_order)) if relayed else (),
                )
            )
        out.append(_with_sources(rel, tuple(sources)))
    return entities, tuple(out)


def _with_sources(rel: Attribution, sources: tuple[Source, ...]) -> Attribution:
    """Return a copy of the hop with ``sources``.

    Built field by field: this runs once per hop, and ``attrs.evolve`` costs
    more. ``tests/test_entities.py`` checks that every field of
    :class:`~attribution.model.Attribution` is carried over.
    """
    return Attribution(
        id=rel.id,
        type=rel.type,
        form=rel.form,
        cue=rel.cue,
        content=rel.content,
        source=rel.source,
        sources=sources,
        parent=rel.parent,
        sentence=rel.sentence,
    )


def _id_order(hop_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in hop_id if ch.isdigit())
    return (int(digits) if digits else 0, hop_id)


def entity_at(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """Return the entity with a mention covering ``[start, end)``, the tightest one."""
    best: tuple[int, Entity] | None = None
    span = Span(start, end)
    for ent in entities:
        for m in ent.mentions:
            if (
                m.start <= span.start
                and span.end <= m.end
                and (best is None or m.end - m.start < best[0])
            ):
                best = (m.end - m.start, ent)
    return None if best is None else best[1]


def with_hops(analysis: Analysis, hops: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """Return ``hops`` (relations not found by the analysis) described and resolved in context.

    Each hop's sources are described as the analysis describes its own
    (:func:`attribution.sources.describe_sources`) and resolved to entities
    alongside the analysis's own relations, so that a pronoun or "the
    sources" is read in its document. Used to classify
    spans marked by hand (a gold source span) and in evaluations.
    """
    ids = {a.id for a in analysis.attributions}
    clash = [h.id for h in hops if h.id in ids]
    if clash:
        msg = f"hop ids {clash!r} are already used by the analysis"
        raise ValueError(msg)
    sentences = analysis.sentences
    starts = [s.start for s in sentences]
    placed = tuple(
        attrs.evolve(h, sentence=max(bisect.bisect_right(starts, h.cue.start) - 1, 0)) for h in hops
    )
    base = tuple(
        attrs.evolve(a, sources=tuple(Source(start=s.start, end=s.end) for s in a.sources))
        for a in analysis.attributions
    )
    merged = sorted((*base, *placed), key=lambda a: (a.cue.start, a.id))
    described = describe_sources(analysis.text, sentences, analysis.quotes, merged)
    _, resolved = find_entities(
        analysis.text, sentences, analysis.quotes, merged, described=described
    )
    wanted = {h.id for h in hops}
    by_id = {a.id: a for a in resolved if a.id in wanted}
    return tuple(by_id[h.id] for h in hops)


def source_at(analysis: Analysis, start: int, end: int) -> Source:
    """Return the source ``analysis.text[start:end]`` described and resolved in its document.

    >>> from attribution import analyze
    >>> a = analyze("Donald Trump spoke on Friday. He said the talks went well.")
    >>> source_at(a, 30, 32).kind.value, source_at(a, 30, 32).named
    ('person', True)
    """
    cue = Cue(start=end, end=end, lemma="say")
    hop = Attribution(
        id="_span",
        type=AttributionType.INDIRECT,
        cue=cue,
        content=(Span(end, end),),
        source=Span(start, end),
        sources=(Source(start=start, end=end),),
    )
    return with_hops(analysis, [hop])[0].sources[0]
