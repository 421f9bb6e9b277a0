"""ATR1xx: attributions that name no one (Wikipedia's MOS:WEASEL).

- ATR101 ``vague-attribution``: a hop whose every source is vague ("some say",
  "critics argue", "experts say", "many believe") or an unnamed body of
  documents ("studies show", "research suggests");
- ATR102 ``agentless-attribution``: a passive cue with no agent ("it is
  believed that", "it was reported that", "has been described as");
- ATR103 ``unsourced-hedge``: a hedge that implies a source without naming one
  ("reportedly", "according to reports", "is said to") where no named
  outlet, organization or document in the sentence supplies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from attribution.lexicon import word_list
from attribution.model import Attribution, SourceKind, Span
from attribution.rules._base import Context, Hit, Rule, Severity, SpanReach

_WEASEL = (
    "Wikipedia's [MOS:WEASEL](https://en.wikipedia.org/wiki/MOS:WEASEL) calls these "
    "*unsupported attributions*: they give a claim the air of authority while naming no "
    "one the reader could weigh or check."
)

# Cue kinds that attribute a claim, a belief or a judgment (not an intention or a
# request: "Democrats want a vote" is an actor wanting, not a weasel).
_CLAIM_KINDS = frozenset(
    {"speech", "writing", "posting", "report", "belief", "evidence", "stance", "according"}
)
# Vague sources that are not weasels: negations and partitives that point back to
# a group named just before ("many of whom said").
_NOT_WEASEL = re.compile(
    r"^(?:no one|nobody|none|neither)\b|\bof (?:whom|them|those|which|these)\b", re.IGNORECASE
)


# Words that open a vague source the reader cannot trace: "some say", "many believe".
_QUANTIFIERS = frozenset(
    "some many most several few other others certain numerous various countless".split()
)
# Determiners that point back to a group already named ("the experts", "these
# voters"): the group is identified earlier, so the attribution is not a weasel.
_ANAPHORIC = frozenset("the these those this that their his her its our such".split())
_RELATIVES = frozenset("who whom which that they them those he she it".split())
# Where a source's core ends: "observers | in Virginia", "others | in the community".
_CORE_END = re.compile(
    r",|\(|\b(?:who|whom|which|that|in|of|from|at|with|for|on|across|around|including|"
    r"such as|like)\b",
    re.IGNORECASE,
)
_NAMED_EXAMPLE = re.compile(r"\b(?:including|such as|like|led by|among them)\s+[A-Z]")
# Words that may stand before "studies", "polls", "research" in a vague source; any
# other ("federal statistics", "Gallup polls") says whose documents they are.
_DOCUMENT_MODIFIERS = frozenset(
    "recent new many some several numerous other most earlier previous past multiple "
    "instant exit national public independent scientific various countless latest few "
    "a an".split()
)
_PARTIES = frozenset("republicans democrats conservatives liberals progressives".split())
_MODALS = frozenset("would could might should may must".split())
# A preposition straight after the cue means it takes no clause: "worried about", "point to".
_PREPOSITIONS = frozenset("about to on with over for of into at against by from in".split())


def _head(text: str) -> str:
    words = re.findall(r"[\w'’-]+", text.lower())
    return words[-1] if words else ""


def _core_head(text: str) -> str:
    m = _CORE_END.search(text)
    return _head(text[: m.start()] if m else text)


def _weasel(ctx: Context, rel: Attribution) -> bool:
    """Return whether a hop with vague sources is a weasel: "critics say", "some believe"."""
    assert rel.source is not None
    text = ctx.slice(rel.source.start, rel.source.end)
    words = re.findall(r"[\w'’-]+", text.lower())
    if not words or len(words) > 10 or _NOT_WEASEL.search(text):
        return False
    if (
        words[0] in _ANAPHORIC
        or words[0] in _PREPOSITIONS
        or (len(words) == 1 and words[0] in _RELATIVES)
    ):
        return False
    after_source = ctx.text[rel.source.end : rel.source.end + 40]
    if _NAMED_EXAMPLE.search(text) or _NAMED_EXAMPLE.match(after_source.lstrip(" ,")):
        return False  # "some Republicans, including Senator Lamar Alexander"
    head = _core_head(text)
    if words[0] not in _QUANTIFIERS and head not in word_list("vague_sources"):
        return False
    if head in _PARTIES and words[0] not in _QUANTIFIERS:
        return False  # "Democrats argued": a party acting, not a weasel
    cue_words = ctx.text[rel.cue.start : rel.cue.end].lower().split()
    before = ctx.text[rel.source.end : rel.cue.start].lower().split()
    if (cue_words and cue_words[0] in _MODALS) or any(w in _MODALS for w in before):
        return False  # "voters could have considered": no attribution
    after = ctx.text[rel.cue.end : rel.cue.end + 20].lower().split()
    return not (after and after[0] in _PREPOSITIONS and rel.form == "pre")


def _is_vague(ctx: Context, rel: Attribution) -> bool:
    if not rel.sources or rel.source is None:
        return False
    documents = False
    for src in rel.sources:
        if src.kind is SourceKind.VAGUE:
            continue
        if (
            src.kind is SourceKind.DOCUMENT
            and not src.named
            and _head(ctx.slice(src.start, src.end)) in word_list("vague_documents")
            and not re.search(r"\b(?:by|from|at|of)\b", ctx.slice(src.start, src.end))
            and all(
                w.lower() in _DOCUMENT_MODIFIERS for w in ctx.slice(src.start, src.end).split()[:-1]
            )
        ):
            documents = True
            continue  # "studies show", "research suggests"; not "a study by Gallup"
        return False
    if documents:
        return True
    return _weasel(ctx, rel)


def _phrase(ctx: Context, rel: Attribution) -> Span:
    """Return the source with its cue when they are side by side ("critics argue")."""
    src = ctx.span_of(rel)
    if rel.cue.start >= src.end and len(ctx.text[src.end : rel.cue.start].split()) <= 1:
        return Span(src.start, rel.cue.end)
    if rel.cue.end <= src.start and not ctx.text[rel.cue.end : src.start].strip(" ,"):
        return Span(rel.cue.start, src.end)  # "according to experts", "said analysts"
    return src


def vague_attribution(ctx: Context) -> Iterator[Hit]:
    """Flag hops whose every source is vague: "critics argue", "studies show"."""
    for rel in ctx.analysis.attributions:
        if rel.cue.kind not in _CLAIM_KINDS and rel.form == "pre":
            continue
        if not _is_vague(ctx, rel):
            continue
        span = _phrase(ctx, rel)
        yield Hit(span.start, span.end, f"vague attribution {ctx.show(span.start, span.end)!r}")


# -- ATR102 ------------------------------------------------------------------------

_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
_EXPLETIVE = frozenset({"it"})


def passive_cue(ctx: Context, rel: Attribution) -> bool:
    """Return whether a hop's cue is an agentless passive of a verb of saying or thinking.

    "it is believed that", "has been described as", "is widely seen as" are;
    "is saying" (progressive) and "was described by aides as" (agent) are not.
    """
    if rel.cue.lemma not in word_list("agentless_verbs"):
        return False
    words = ctx.text[rel.cue.start : rel.cue.end].lower().split()
    if words and words[0] == "to":
        return False  # "the chance to be considered a genius": no claim
    for i, w in enumerate(words[:-1]):
        if w not in _BE:
            continue
        rest = [x for x in words[i + 1 :] if not x.endswith("ly")]
        if rest and rest[0] not in _BE and rest[0] != "to" and not rest[0].endswith("ing"):
            break
    else:
        return False
    if ctx.text[max(0, rel.cue.start - 4) : rel.cue.start].lower().endswith("to "):
        return False  # "the chance to be considered a genius": no claim
    after = ctx.text[rel.cue.end : rel.cue.end + 40].lstrip().lower()
    content = ctx.text[rel.content[0].start : rel.content[0].start + 4].lower()
    return not (after.startswith("by ") or content.startswith("by "))


def agentless_span(ctx: Context, rel: Attribution) -> Span:
    """Return the span of an agentless attribution, with its expletive "it" if any."""
    src = rel.source
    if (
        src is not None
        and ctx.slice(src.start, src.end).lower() in _EXPLETIVE
        and src.end <= rel.cue.start
    ):
        return Span(src.start, rel.cue.end)
    return Span(rel.cue.start, rel.cue.end)


def agentless_hops(ctx: Context) -> list[Attribution]:
    """Return the hops whose cue is an agentless passive."""
    return [rel for rel in ctx.analysis.attributions if passive_cue(ctx, rel)]


def agentless_attribution(ctx: Context) -> Iterator[Hit]:
    """Flag passive cues with no agent: "it is believed that", "has been described as"."""
    for rel in agentless_hops(ctx):
        span = agentless_span(ctx, rel)
        yield Hit(span.start, span.end, f"agentless attribution {ctx.show(span.start, span.end)!r}")


# -- ATR103 ------------------------------------------------------------------------

_SUPPLYING_KINDS = frozenset({SourceKind.MEDIA, SourceKind.DOCUMENT, SourceKind.ORGANIZATION})
_REPORTING_CUES = frozenset({"report", "according", "citing"})


# Words one of which every hedge of sourceless_hedges.txt holds: a cheap test that
# skips the regex scan for texts with none.
_HEDGE_KEYS = ("report", "said", "believ", "thought", "rumo", "understood", "purport", "reput")


def _supplied(ctx: Context, index: int, outlets: set[int]) -> bool:
    """Return whether a sentence names who reported what a hedge refers to.

    A headline's hedge ("Clinton Campaign Reportedly Scrambling") may be sourced
    by the story's first sentences. ``outlets`` is ``_outlet_sentences(ctx)``.
    """
    indexes = [index]
    if ctx.sentence(index).kind.value == "headline":
        indexes += [k for k in range(index + 1, index + 3) if ctx.is_body(k)]
    elif index > 0 and ctx.sentence(index - 1).paragraph == ctx.sentence(index).paragraph:
        indexes.append(index - 1)  # "..., the New York Post reported. She reportedly ..."
    return any(k in outlets or _names_reporter(ctx, k) for k in indexes)


def _outlet_sentences(ctx: Context) -> set[int]:
    """Return the sentences that mention a named news outlet."""
    return {
        ctx.sentence_index(m.start)
        for e in ctx.analysis.entities
        if e.kind is SourceKind.MEDIA and e.named
        for m in e.mentions
    }


def _names_reporter(ctx: Context, index: int) -> bool:
    for rel in ctx.hops_by_sentence.get(index, ()):
        for src in rel.sources:
            if not src.named:
                continue
            if src.kind in _SUPPLYING_KINDS or rel.cue.kind in _REPORTING_CUES:
                return True
    return False


def _taken_spans(ctx: Context) -> SpanReach:
    """Return the spans a hedge may not overlap: agentless cues and sources."""
    spans = [agentless_span(ctx, rel) for rel in agentless_hops(ctx)]
    spans += [r.source for r in ctx.analysis.attributions if r.source is not None]
    return SpanReach((t.start, t.end) for t in spans)


def unsourced_hedge(ctx: Context) -> Iterator[Hit]:
    """Flag "reportedly", "according to reports", "is said to" with no named source."""
    if not any(w in ctx.lower for w in _HEDGE_KEYS):
        return
    taken: SpanReach | None = None
    outlets: set[int] | None = None
    for m in ctx.find_phrases(word_list("sourceless_hedges")):
        if taken is None:
            taken = _taken_spans(ctx)
        if taken.overlaps(m.start(), m.end()):
            continue  # an agentless cue (ATR102) or a source such as "reports" (ATR302)
        if outlets is None:
            outlets = _outlet_sentences(ctx)
        if _supplied(ctx, ctx.sentence_index(m.start()), outlets):
            continue
        shown = ctx.slice(m.start(), m.end())
        yield Hit(m.start(), m.end(), f"hedge {shown!r} names no source")


RULES = (
    Rule(
        code="ATR101",
        name="vague-attribution",
        severity=Severity.WARNING,
        summary="a claim attributed to no one in particular: 'critics argue', 'studies show'",
        why=_WEASEL + " NPR's ethics handbook likewise asks that sources be identified as fully as "
        "possible, and the AP warns against 'experts say'. Name the critics, experts or "
        "studies, or say what the writer knows first-hand.",
        bad=(
            "Critics argue that the tax cut favors the rich.",
            "Some say the plan will fail.",
            "Studies show that the drug is safe.",
            "Many believe the election was stolen.",
        ),
        good=(
            "Senator Jane Hale argued that the tax cut favors the rich.",
            "A 2023 study by the Mayo Clinic found that the drug is safe.",
            "Protesters filled the square, many of whom said they had lost their jobs.",
        ),
        check=vague_attribution,
    ),
    Rule(
        code="ATR102",
        name="agentless-attribution",
        severity=Severity.WARNING,
        summary="a passive verb of saying or thinking with no agent: 'it is believed that'",
        why=_WEASEL + " The passive ('it is believed', 'it was reported', 'has been described as', "
        "'is widely regarded as') hides who believes, reported or described. Say who.",
        bad=(
            "It is believed that the minister will resign.",
            "It was reported that the talks had collapsed.",
            "The deal was described as a disaster.",
        ),
        good=(
            "Aides believe the minister will resign.",
            "The Financial Times reported that the talks had collapsed.",
            "The deal was described by two negotiators as a disaster.",
        ),
        check=agentless_attribution,
    ),
    Rule(
        code="ATR103",
        name="unsourced-hedge",
        severity=Severity.WARNING,
        summary="a hedge that implies a source without naming one: 'reportedly'",
        why="NPR's ethics handbook: when we say something was 'reported', we say who "
        "reported it; 'reportedly' and 'according to reports' leave the reader unable to "
        "find or weigh the report. Wikipedia's "
        "[MOS:WEASEL](https://en.wikipedia.org/wiki/MOS:WEASEL) lists the same phrases. "
        "Name the outlet or source, or drop the claim.",
        bad=(
            "The minister reportedly plans to resign.",
            "The singer was reputedly paid a fortune.",
        ),
        good=(
            "The minister plans to resign, Reuters reported on Tuesday.",
            "The minister reportedly plans to resign, according to The Times.",
        ),
        check=unsourced_hedge,
    ),
)
