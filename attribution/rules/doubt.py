"""ATR7xx: words and marks that cast doubt in the writer's voice (Wikipedia's MOS:DOUBT).

- ATR701 ``doubt-word``: "so-called", "supposed", "purported", "self-styled";
- ATR702 ``alleged-without-accuser``: "alleged" or "allegedly" with no one in the
  sentence (or the one before) doing the alleging;
- ATR703 ``scare-quotes``: a word or phrase held in quotation marks that no one
  in the sentence is quoted as saying, and that is not a name or title.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from attribution.lexicon import word_list
from attribution.model import QuoteKind, SentenceKind, SourceKind
from attribution.rules._base import Context, Hit, Option, Rule, Severity, phrase_regex

_DOUBT = (
    "Wikipedia's [MOS:DOUBT](https://en.wikipedia.org/wiki/MOS:DOUBT): words such as "
    "'supposed', 'apparent', 'alleged', 'purported' and 'so-called', and quotation marks "
    "around a word that is not a quotation, imply that something is not what it claims "
    "to be; used in the writer's own voice they editorialize."
)
_EXTRA = Option(
    name="doubt-words",
    default=(),
    help="extra words of doubt to flag (ATR701)",
)


# Substrings one of which every entry of doubt_words.txt holds (a cheap pre-test).
_DOUBT_KEYS = ("suppos", "purport", "self-")


@functools.cache
def _doubt_regex(extra: frozenset[str]) -> re.Pattern[str] | None:
    return phrase_regex(word_list("doubt_words") | extra)


def doubt_word(ctx: Context) -> Iterator[Hit]:
    """Flag "so-called", "supposed", "purported" in the writer's words."""
    extra = ctx.words("doubt-words")
    regex = _doubt_regex(extra)
    if regex is None or not (extra or any(k in ctx.lower for k in _DOUBT_KEYS)):
        return
    for m in regex.finditer(ctx.text):
        after = ctx.text[m.end() : m.end() + 40].lstrip().lower()
        if m.group().lower() == "supposed" and after.startswith("to "):
            continue  # "was supposed to be escorted": expected, not doubted
        yield Hit(m.start(), m.end(), f"doubt word {m.group()!r}")


_SO_CALLED = re.compile(r"\bso[- ]called\b", re.IGNORECASE)


def so_called(ctx: Context) -> Iterator[Hit]:
    """Flag "so-called" in the writer's words, except before a proper name."""
    for m in _SO_CALLED.finditer(ctx.text):
        after = ctx.text[m.end() : m.end() + 40].lstrip()
        if after[:1].isupper():
            continue  # "the so-called Gang of Eight": the name people use
        yield Hit(m.start(), m.end(), f"{m.group()!r} in the writer's voice")


_ALLEGED = re.compile(r"\balleged(?:ly)?\b", re.IGNORECASE)
# Kinds of source that can be the accuser of an "alleged" in their sentence.
_ACCUSERS = frozenset(
    {
        SourceKind.PERSON,
        SourceKind.ORGANIZATION,
        SourceKind.MEDIA,
        SourceKind.DOCUMENT,
        SourceKind.ANONYMOUS,
    }
)


@functools.cache
def _accuser_regex() -> re.Pattern[str] | None:
    return phrase_regex(word_list("accuser_words"))


def _accuser(ctx: Context, index: int) -> bool:
    for rel in ctx.hops_by_sentence.get(index, ()):
        if any(s.kind in _ACCUSERS for s in rel.sources):
            return True
    regex = _accuser_regex()
    if regex is None:
        return False
    for k in (index - 1, index):
        if k < 0:
            continue
        sent = ctx.sentence(k)
        if regex.search(ctx.text, sent.start, sent.end):
            return True
    return False


def alleged_without_accuser(ctx: Context) -> Iterator[Hit]:
    """Flag "alleged" and "allegedly" with no accuser nearby."""
    # Asked once per sentence: a sentence of thousands of "allegedly" searched
    # itself for an accuser for each.
    accused: dict[int, bool] = {}
    for m in _ALLEGED.finditer(ctx.text):
        index = ctx.sentence_index(m.start())
        if index not in accused:
            accused[index] = _accuser(ctx, index)
        if not accused[index]:
            yield Hit(m.start(), m.end(), f"{m.group()!r} with no accuser")


@functools.cache
def _naming_regex() -> re.Pattern[str]:
    words = sorted(word_list("naming_words"), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:^|\W)(?:{alternatives})\W*$", re.IGNORECASE)


# "called him 'a genius'", "labeled it 'fake'": a verb of naming and its object.
_NAMING_OBJECT = re.compile(
    r"\b(?:called|calls|calling|dubbed|labeled|labelled|branded|named|termed)\s+"
    r"(?:him|her|them|it|himself|herself|themselves|us|me|the\s+\w+|\w+)\s*\W*$",
    re.IGNORECASE,
)
_SMALL = frozenset("a an and the of in on at to for or but by with from as".split())


def _title(words: list[str]) -> bool:
    """Return whether quoted words look like a title or name: "Gone With the Wind"."""
    content = [w for w in words if w.lower() not in _SMALL]
    return bool(content) and all(w[:1].isupper() or not w[:1].isalpha() for w in content)


_SAYING = frozenset(
    {"speech", "writing", "posting", "report", "according", "citing", "belief", "stance"}
)


def _saying(ctx: Context, index: int) -> bool:
    """Return whether a sentence attributes words or views to someone."""
    return any(r.cue.kind in _SAYING for r in ctx.hops_by_sentence.get(index, ()))


def _speakers(ctx: Context) -> set[int]:
    """Return the sentences that mention a named person, organization, outlet or document."""
    out: set[int] = set()
    for ent in ctx.analysis.entities:
        if not ent.named or ent.kind not in _ACCUSERS:
            continue
        for mention in ent.mentions:
            out.add(ctx.sentence_index(mention.start))
    return out


def scare_quotes(ctx: Context) -> Iterator[Hit]:
    """Flag quotation marks around words no one nearby is quoted saying.

    A short quotation in a sentence that names a person or an organization
    is most often a partial quotation of them ("Trump admires Putin as a
    'strong leader'"), even with no verb of saying; so is one right after an
    attribution. Only quotations with no possible speaker in their sentence
    or the one before are flagged.
    """
    speakers: set[int] | None = None
    for q in ctx.outer_quotes:
        if q.kind is not QuoteKind.SCARE or not q.closed:
            continue
        index = ctx.sentence_index(q.start)
        if ctx.sentence(index).kind is not SentenceKind.BODY:
            continue
        inner = ctx.slice(q.inner.start, q.inner.end).strip(" ,.;:!?")
        words = inner.split()
        if not words or _title(words) or not any(c.isalpha() for c in inner):
            continue
        if re.search(r"[/@#<>=]|\.com\b", inner):
            continue  # markup or a handle, not words
        before = ctx.text[max(ctx.sentence(index).start, q.start - 30) : q.start]
        if _naming_regex().search(before) or _NAMING_OBJECT.search(before):
            continue  # "dubbed 'the wall'", "called him 'a genius'"
        if _saying(ctx, index) or _saying(ctx, index - 1):
            continue  # the words may be the speaker's: a partial quotation
        if speakers is None:
            speakers = _speakers(ctx)
        if index in speakers:
            continue
        yield Hit(q.start, q.end, f"scare quotes around {inner!r}")


RULES = (
    Rule(
        code="ATR701",
        name="doubt-word",
        severity=Severity.WARNING,
        summary="a word that casts doubt in the writer's voice: 'supposed', 'purported'",
        why=_DOUBT + " Report who doubts it instead, or describe the thing plainly.",
        bad=(
            "The supposed savings never appeared.",
            "The purported cure was sold online.",
        ),
        good=(
            "The savings never appeared.",
            "The van was supposed to be escorted by the police.",
        ),
        check=doubt_word,
        options=(_EXTRA,),
    ),
    Rule(
        code="ATR702",
        name="alleged-without-accuser",
        severity=Severity.WARNING,
        summary="'alleged' or 'allegedly' with no accuser",
        why="Wikipedia's [MOS:ALLEGED](https://en.wikipedia.org/wiki/MOS:ALLEGED): "
        "'alleged' and 'allegedly' are appropriate when wrongdoing is asserted but "
        "undetermined, but the source of the allegation should be clear. The AP Stylebook's "
        "entry 'allege' asks for the word to be used with great care, without any "
        "suggestion that the writer is making the allegation, and with its source named.",
        bad=("The mayor allegedly took bribes.",),
        good=(
            "The mayor allegedly took bribes, prosecutors said.",
            "Prosecutors say the mayor took bribes; his alleged partner was arrested.",
        ),
        check=alleged_without_accuser,
    ),
    Rule(
        code="ATR703",
        name="scare-quotes",
        severity=Severity.WARNING,
        summary="quotation marks around words no one is quoted saying",
        why=_DOUBT
        + " Quotation marks belong around someone's words, with the someone named; around "
        "a word of the writer's they sneer. Name the speaker, or drop the marks.",
        bad=('The senator\'s "plan" was unveiled on Tuesday.',),
        good=(
            'The senator called his plan "a fresh start."',
            'She starred in "Gone With the Wind" in 1939.',
            'Critics dubbed the barrier "the wall."',
        ),
        check=scare_quotes,
        preview=True,
    ),
    Rule(
        code="ATR704",
        name="so-called",
        severity=Severity.INFO,
        summary="'so-called' in the writer's voice",
        why=_DOUBT + " 'So-called' is fine where it means 'commonly named' (the so-called carried "
        "interest loophole), which the rule cannot tell from sneering (the so-called "
        "reform): a preview rule for editors who want to review every use.",
        bad=("The so-called reform package passed on Tuesday.",),
        good=(
            "The reform package passed on Tuesday.",
            "The so-called Gang of Eight met on Tuesday.",
        ),
        check=so_called,
        preview=True,
    ),
)
