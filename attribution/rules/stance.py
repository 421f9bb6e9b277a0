"""ATR4xx: attribution verbs that take sides (Wikipedia's MOS:SAID, the AP Stylebook).

- ATR401 ``loaded-attribution-verb``: a cue whose stance is ``loaded``
  ("claimed", "admitted", "conceded", "insisted", "revealed") in the writer's
  own words;
- ATR402 ``uneven-attribution-verbs``: one party gets loaded verbs while another
  gets only neutral ones in the same story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attribution.cues import lexicon
from attribution.lexicon import word_list
from attribution.model import Attribution, SourceKind, Span
from attribution.rules._base import Context, Hit, Option, Rule, Severity

_SAID = (
    "Wikipedia's [MOS:SAID](https://en.wikipedia.org/wiki/MOS:SAID): 'said' is neutral; "
    "'claimed' casts doubt, 'admitted', 'confessed' and 'conceded' imply wrongdoing or a "
    "grudging truth, 'revealed' and 'pointed out' assert that the content is true, and "
    "'insisted' suggests stubbornness against the evidence. The AP Stylebook likewise "
    "prefers 'said' and warns that 'claim' and 'admit' carry judgments."
)
_NEUTRAL = Option(
    name="neutral-verbs",
    default=("accuse", "allege"),
    help="cue lemmas never flagged as loaded; 'accuse' and 'allege' by default, since "
    "'X accused Y of Z' and 'the suit alleges' report an accusation without judging it",
)
# Words after which a loaded word is a noun or a passive participle, not a verb of saying.
_NOT_BEFORE_VERB = frozenset(
    "the a an his her their its our your my these those this that of fifth such any no "
    "false dubious unsubstantiated".split()
)
_BE = frozenset("is are was were be been being".split())
# Kinds of cue that report what someone said or wrote.
_SAYING = frozenset({"speech", "writing", "posting", "report", "stance"})


def _loaded_word(ctx: Context, rel: Attribution) -> Span | None:
    """Return the span of the loaded word of a cue ("has flatly *denied*"), if it is loaded."""
    if rel.cue.stance != "loaded" or rel.cue.lemma in ctx.words("neutral-verbs"):
        return None
    if rel.form == "nominal":
        return None  # "his claim that": a noun, not the writer's verb of saying
    lex = lexicon()
    span = Span(rel.cue.start, rel.cue.end)
    for m in re.finditer(r"[\w'’-]+", ctx.text[rel.cue.start : rel.cue.end]):
        info = lex.get(m.group().lower())
        if info is not None and info.stance == "loaded":
            span = Span(rel.cue.start + m.start(), rel.cue.start + m.end())
            break
    before = re.findall(r"[\w'’-]+", ctx.text[max(0, span.start - 30) : span.start].lower())
    after = re.findall(r"[\w'’-]+", ctx.text[span.end : span.end + 20].lower())
    if before and (
        before[-1] in _NOT_BEFORE_VERB
        or before[-1] in word_list("demonyms")
        or before[-1].endswith(("'s", "’s"))
    ):
        return None  # "Democratic claims", "North Korea's claims": a noun
    if before and before[-1] in _BE:
        return None  # "are revealed as": a passive, not a verb of saying
    if after and after[0] in ("on", "upon"):
        return None  # "will insist on being himself"
    return span


def loaded_attribution_verb(ctx: Context) -> Iterator[Hit]:
    """Flag loaded attribution verbs in the writer's words: "claimed", "admitted"."""
    for rel in ctx.analysis.attributions:
        span = _loaded_word(ctx, rel)
        if span is not None:
            yield Hit(
                span.start,
                span.end,
                f"loaded attribution verb {ctx.slice(span.start, span.end)!r}",
            )


def _party(ctx: Context, rel: Attribution) -> tuple[str, str] | None:
    """Return the (entity id, name) of a hop's named person or organization source."""
    for src in rel.sources:
        if src.kind in (SourceKind.PERSON, SourceKind.ORGANIZATION) and src.entity is not None:
            ent = ctx.entities.get(src.entity)
            if ent is not None and ent.named:
                return ent.id, ent.name
    return None


def uneven_attribution_verbs(ctx: Context) -> Iterator[Hit]:
    """Flag a party given loaded verbs while another party gets only neutral ones.

    Both parties must be named people or organizations the story quotes at
    least twice: one with two loaded verbs or more, the other with none.
    """
    loaded: dict[str, list[Span]] = {}
    neutral: dict[str, int] = {}
    names: dict[str, str] = {}
    for rel in ctx.analysis.attributions:
        if rel.cue.kind not in _SAYING or ctx.in_direct_quote(rel.cue.start):
            continue
        party = _party(ctx, rel)
        if party is None:
            continue
        names[party[0]] = party[1]
        span = _loaded_word(ctx, rel)
        if span is not None:
            loaded.setdefault(party[0], []).append(span)
        else:
            neutral[party[0]] = neutral.get(party[0], 0) + 1
    evenly = [(n, names[key]) for key, n in neutral.items() if key not in loaded and n >= 2]
    if not evenly:
        return
    _, other = max(evenly)
    for key, spans in loaded.items():
        if len(spans) < 2:
            continue
        words = sorted({ctx.slice(s.start, s.end).lower() for s in spans})
        yield Hit(
            spans[0].start,
            spans[0].end,
            f"loaded verbs {', '.join(words)!s} for {names[key]!r}, only neutral ones for "
            f"{other!r}",
        )


RULES = (
    Rule(
        code="ATR401",
        name="loaded-attribution-verb",
        severity=Severity.WARNING,
        summary="an attribution verb that judges: 'claimed', 'admitted', 'insisted'",
        why=_SAID + " Use 'said', or a verb that only describes how something was said.",
        bad=(
            "The senator claimed the bill was fair.",
            "The company admitted that the data had been lost.",
            "The minister insisted the talks were on track.",
        ),
        good=(
            "The senator said the bill was fair.",
            '"I admit it was a mistake," the senator said.',
        ),
        check=loaded_attribution_verb,
        options=(_NEUTRAL,),
    ),
    Rule(
        code="ATR402",
        name="uneven-attribution-verbs",
        severity=Severity.INFO,
        summary="one party gets loaded verbs, another only neutral ones",
        why=_SAID
        + " Using 'said' for one side and 'claimed' or 'admitted' for the other tilts a story "
        "while looking neutral; the SPJ Code of Ethics asks journalists never to "
        "distort facts or context.",
        bad=(
            "Governor Ann Lee said the budget was balanced. She said the deficit was gone. "
            "Mayor Tom Hale claimed the budget was a fraud. Hale insisted the deficit had "
            "grown.",
        ),
        good=(
            "Governor Ann Lee said the budget was balanced. Mayor Tom Hale said the budget "
            "was a fraud.",
        ),
        check=uneven_attribution_verbs,
        options=(_NEUTRAL,),
    ),
)
