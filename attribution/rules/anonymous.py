"""ATR2xx: anonymous sources (AP, Reuters, New York Times, SPJ, BBC guidance).

Every rule here reads the sources the analysis marked ``anonymous`` and what
the text says of them (:class:`~attribution.model.Descriptors`), pooled over
every mention of the same entity: "the sources" that refer back to "an
unidentified Ukrainian official" and "a source with knowledge of the call"
are described by what was said of those two. Each source is reported once,
at its first mention.

- ATR201 ``bare-anonymous-source``: nothing said of the source's position or
  access ("a source said", "sources say");
- ATR202 ``anonymous-source-without-knowledge``: described, but not how it knows
  ("an unidentified official", with no "familiar with", "briefed on");
- ATR203 ``unexplained-anonymity``: no reason given why the source is not named;
- ATR204 ``rote-anonymity-reason``: a boilerplate reason ("not authorized to
  speak publicly") where a specific one is asked for;
- ATR205 ``anonymous-opinion``: an anonymous source giving opinion or attack;
- ATR206 ``anonymous-first-quote``: the story's first quotation is anonymous;
- ATR207 ``anonymous-lede-claim``: a headline or lede claim resting on a
  single anonymous source;
- ATR208 ``uncounted-sources``: "sources said" with no count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from attribution.lexicon import word_list
from attribution.model import Attribution, ClaimType, Descriptors, SentenceKind, Source, Span
from attribution.rules._base import (
    Context,
    Hit,
    Option,
    Rule,
    Severity,
    phrase_regex,
)
from attribution.scoring import rubric

_AP = (
    "The AP's policy on anonymous sources: material from anonymous sources may be used "
    "only if it is information, not opinion or speculation, and vital to the story; it is "
    "not available except under anonymity; and the source is reliable, in a position to "
    "have direct knowledge. Reporters must explain why the source was granted anonymity "
    "and describe the source as precisely as possible."
)
_ANON_OPTION = Option(
    name="anonymous-phrases",
    default=(),
    help="extra phrases that mark a source as anonymous ('a person close to the matter')",
)


def _anonymous_mentions(ctx: Context) -> Iterator[tuple[Attribution, Source, list[Source]]]:
    """Yield each anonymous source at its first mention, with every mention of it."""
    seen: set[str] = set()
    for rel in ctx.analysis.attributions:
        for src in rel.sources:
            if not ctx.anonymous_source(rel, src):
                continue
            key = src.entity or f"{src.start}:{src.end}"
            if key in seen:
                continue
            seen.add(key)
            yield rel, src, ctx.mentions_of(src)


def _descriptors(mentions: list[Source]) -> list[Descriptors]:
    return [m.descriptors for m in mentions if m.descriptors is not None]


def _described(mentions: list[Source]) -> bool:
    uninformative = rubric().uninformative_roles
    return any(
        (d.role is not None and d.role not in uninformative)
        or d.affiliation
        or d.seniority
        or d.knowledge is not None
        for d in _descriptors(mentions)
    )


def _show(ctx: Context, src: Source) -> str:
    return ctx.show(src.start, src.end)


def bare_anonymous_source(ctx: Context) -> Iterator[Hit]:
    """Flag anonymous sources described by nothing: "a source said", "sources say"."""
    for _, src, mentions in _anonymous_mentions(ctx):
        if not _described(mentions):
            yield Hit(src.start, src.end, f"anonymous source {_show(ctx, src)!r} is not described")


def anonymous_source_without_knowledge(ctx: Context) -> Iterator[Hit]:
    """Flag described anonymous sources with no basis of knowledge ("familiar with")."""
    knowing = word_list("knowing_roles")
    for _, src, mentions in _anonymous_mentions(ctx):
        descs = _descriptors(mentions)
        if not _described(mentions) or any(d.knowledge is not None for d in descs):
            continue
        if any(d.role in knowing for d in descs):
            continue  # "a spokeswoman for the campaign", "attorneys for the family"
        yield Hit(
            src.start,
            src.end,
            f"anonymous source {_show(ctx, src)!r} has no stated basis of knowledge",
        )


@functools.cache
def _reason_regex() -> re.Pattern[str] | None:
    return phrase_regex(word_list("anonymity_reasons") | word_list("rote_anonymity_reasons"))


def _reason_near(ctx: Context, src: Source) -> bool:
    """Return whether a sentence mentioning the source's entity gives a reason for anonymity."""
    regex = _reason_regex()
    if regex is None or src.entity is None:
        return False
    ent = ctx.entities.get(src.entity)
    if ent is None:
        return False
    for mention in ent.mentions:
        sent = ctx.sentence(ctx.sentence_index(mention.start))
        if regex.search(ctx.text, sent.start, sent.end):
            return True
    return False


def unexplained_anonymity(ctx: Context) -> Iterator[Hit]:
    """Flag anonymous sources the text never says why it does not name."""
    for _, src, mentions in _anonymous_mentions(ctx):
        if any(d.reason is not None for d in _descriptors(mentions)):
            continue
        if _reason_near(ctx, src):
            continue
        yield Hit(src.start, src.end, f"no reason given for the anonymity of {_show(ctx, src)!r}")


_AUTHORIZED = ("authorized", "authorised", "allowed", "permitted", "cleared")
_FREELY = frozenset({"speak", "talk", "comment"})


def _rote(reason: str) -> bool:
    """Return whether a reason for anonymity is boilerplate.

    Rote: a phrase of ``rote_anonymity_reasons.txt`` ("not authorized to
    speak publicly", "on condition of anonymity", "to speak freely") with
    nothing specific: no specific word (``anonymity_specifics.txt``), no
    "because" clause that is not itself rote, no purpose ("to discuss the
    prime minister's schedule", "to avoid damaging his business").
    """
    low = reason.lower()
    rote = phrase_regex(word_list("rote_anonymity_reasons"))
    if rote is None or rote.search(low) is None:
        return False
    if set(re.findall(r"[\w-]+", low)) & word_list("anonymity_specifics"):
        return False
    for m in re.finditer(r"\bbecause\b(.*?)(?=\bbecause\b|$)", low):
        if rote.search(m.group(1)) is None:
            return False  # "because of a non-disclosure agreement"
    for m in re.finditer(r"(\w+) to (\w+)", low):
        if m.group(1) not in _AUTHORIZED and m.group(2) not in _FREELY:
            return False  # "anonymity to discuss the schedule"
    return True


def rote_anonymity_reason(ctx: Context) -> Iterator[Hit]:
    """Flag boilerplate reasons for anonymity: "not authorized to speak publicly"."""
    seen: set[tuple[int, int]] = set()
    for rel in ctx.analysis.attributions:
        for src in rel.sources:
            desc = src.descriptors
            if not ctx.anonymous_source(rel, src) or desc is None or desc.reason is None:
                continue
            span = (desc.reason.start, desc.reason.end)
            if span in seen:
                continue
            seen.add(span)
            if _rote(ctx.slice(*span)):
                yield Hit(*span, f"rote reason for anonymity {ctx.show(*span)!r}")


@functools.cache
def _pejorative_regex() -> re.Pattern[str] | None:
    return phrase_regex(word_list("pejoratives"))


# An unnamed spokesperson or representative speaks for an employer on the record:
# an official voice, not a source hiding behind anonymity for opinion or a lead.
_OFFICIAL_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})


def _hiding(ctx: Context, rel: Attribution, *, opinion: bool = False) -> bool:
    """Return whether every source of a hop is anonymous and not an official voice.

    A definite description ("the members", "the bespectacled, 71-year-old
    diplomat") most often points back to someone the story has named, so it
    does not count here.
    """
    anonymous = bool(rel.sources) and all(
        ctx.anonymous_source(rel, s, opinion=opinion)
        and not ctx.slice(s.start, s.end).lower().startswith("the ")
        for s in rel.sources
    )
    return anonymous and not any(
        s.descriptors is not None and s.descriptors.role in _OFFICIAL_VOICES for s in rel.sources
    )


def anonymous_opinion(ctx: Context) -> Iterator[Hit]:
    """Flag anonymous sources who give opinion or attack rather than information."""
    regex = _pejorative_regex()
    for rel in ctx.analysis.attributions:
        if not _hiding(ctx, rel, opinion=True) or rel.source is None:
            continue
        trigger = None
        if rel.cue.lemma in word_list("opinion_cues"):
            trigger = ctx.slice(rel.cue.start, rel.cue.end)
        elif regex is not None:
            for part in rel.content:
                m = regex.search(ctx.text, part.start, part.end)
                if m is not None:
                    trigger = m.group()
                    break
        if trigger is None:
            continue
        src = rel.source
        yield Hit(
            src.start,
            src.end,
            f"anonymous source {ctx.show(src.start, src.end)!r} gives opinion or attack "
            f"({trigger!r})",
        )


def anonymous_first_quote(ctx: Context) -> Iterator[Hit]:
    """Flag a story whose first quotation comes from an anonymous source."""
    for claim in ctx.analysis.claims:
        if claim.type not in (ClaimType.DIRECT, ClaimType.MIXED) or not claim.chain:
            continue
        if not ctx.is_body(claim.sentence):
            continue
        rel = ctx.by_id.get(claim.chain[0])
        if rel is None:
            continue
        if _hiding(ctx, rel) and rel.source is not None:
            src = rel.source
            yield Hit(
                src.start,
                src.end,
                f"first quotation of the story is from anonymous {ctx.show(src.start, src.end)!r}",
            )
        return


def _lede(ctx: Context) -> set[int]:
    """Return the indexes of the sentences of the first body paragraph.

    Headlines are left out: they name sources by shorthand ("top aide says")
    that the story resolves at once.
    """
    out: set[int] = set()
    first: int | None = None
    for i, sent in enumerate(ctx.analysis.sentences):
        if sent.kind is SentenceKind.BODY:
            if first is None:
                first = sent.paragraph
            if sent.paragraph == first:
                out.add(i)
    return out


def _single(src: Source) -> bool:
    d = src.descriptors
    return d is None or (not d.plural and (d.count is None or d.count <= 1))


def anonymous_lede_claim(ctx: Context) -> Iterator[Hit]:
    """Flag a headline or lede claim resting on a single anonymous source."""
    lede = _lede(ctx)
    seen: set[str] = set()
    for claim in ctx.analysis.claims:
        if claim.sentence not in lede or not claim.chain:
            continue
        for rel in ctx.hops_of(claim):
            if rel.id in seen or not _hiding(ctx, rel) or rel.source is None:
                continue
            members = {s.entity or f"{s.start}" for s in rel.sources}
            if len(members) != 1 or not all(_single(s) for s in rel.sources):
                continue
            seen.add(rel.id)
            span: Span = rel.source
            yield Hit(
                span.start,
                span.end,
                f"lede claim rests on one anonymous source {ctx.show(span.start, span.end)!r}",
            )


def uncounted_sources(ctx: Context) -> Iterator[Hit]:
    """Flag plural anonymous sources with no count: "sources said", "officials said"."""
    for _, src, mentions in _anonymous_mentions(ctx):
        descs = _descriptors(mentions)
        if not descs or not any(d.plural for d in descs):
            continue
        if any(d.count is not None for d in descs):
            continue
        ent = ctx.entities.get(src.entity) if src.entity else None
        if ent is not None and ent.members:
            continue  # "the sources" after two described ones: the reader can count
        yield Hit(
            src.start,
            src.end,
            f"plural anonymous source {_show(ctx, src)!r} with no count",
        )


RULES = (
    Rule(
        code="ATR201",
        name="bare-anonymous-source",
        severity=Severity.WARNING,
        summary="an anonymous source described by nothing: 'a source said', 'sources say'",
        why=_AP + " Reuters likewise asks that unnamed sources be described as fully as possible "
        "(their position, their affiliation, how they know). 'A source' tells the reader "
        "nothing with which to weigh the claim.",
        bad=(
            "A source said the deal was close.",
            "Sources say the minister will resign.",
        ),
        good=(
            "A senior Treasury official familiar with the talks said the deal was close.",
            "Two diplomats involved in the negotiations said the minister will resign.",
        ),
        check=bare_anonymous_source,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR202",
        name="anonymous-source-without-knowledge",
        severity=Severity.INFO,
        summary="an anonymous source with no stated basis of knowledge",
        why=_AP + " Reuters and the New York Times ask too that the story say how the source knows "
        "('familiar with the talks', 'who attended the meeting', 'briefed on the call').",
        bad=("A senior Treasury official said the deal was close.",),
        good=(
            "A senior Treasury official who attended the talks said the deal was close.",
            "A source said the deal was close.",
        ),
        check=anonymous_source_without_knowledge,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR203",
        name="unexplained-anonymity",
        severity=Severity.WARNING,
        summary="an anonymous source the story never says why it does not name",
        why=_AP + " The SPJ Code of Ethics: 'Consider sources' motives before promising anonymity. "
        "Reserve anonymity for sources who may face danger, retribution or other harm... "
        "Explain why anonymity was granted.' The New York Times' guidelines ask the same.",
        bad=(
            "The talks have stalled, one official said.",
            "Trump spoke with Merz on Thursday, according to Spiegel, citing government sources.",
        ),
        good=(
            "The talks have stalled, said one official, who spoke on condition of anonymity "
            "for fear of reprisals.",
        ),
        check=unexplained_anonymity,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR204",
        name="rote-anonymity-reason",
        severity=Severity.INFO,
        summary="a boilerplate reason for anonymity: 'not authorized to speak publicly'",
        why="The New York Times' guidelines on confidential sources ask reporters to tell "
        "readers why a source was granted anonymity, as specifically as possible. 'Not "
        "authorized to speak publicly' and 'on condition of anonymity' alone describe "
        "nearly every unnamed official; say what the source fears, or why the matter is "
        "private. A suggestion, not an error.",
        bad=(
            "The plan was dead, an official said on condition of anonymity because he was "
            "not authorized to speak publicly.",
        ),
        good=(
            "The plan was dead, an official said on condition of anonymity for fear of "
            "losing his job.",
        ),
        check=rote_anonymity_reason,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR205",
        name="anonymous-opinion",
        severity=Severity.WARNING,
        summary="an anonymous source giving opinion or personal attack",
        why=_AP + " Reuters: anonymous sources are for facts, not for opinion or pejorative "
        "comment. A personal attack from behind anonymity cannot be answered.",
        bad=(
            '"He is an idiot," a senior aide said.',
            "A senior administration official thinks the plan is doomed.",
        ),
        good=(
            "The plan will be withdrawn on Friday, a senior administration official said.",
            '"He is an idiot," Senator Jane Hale said.',
        ),
        check=anonymous_opinion,
        preview=True,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR206",
        name="anonymous-first-quote",
        severity=Severity.INFO,
        summary="the story's first quotation comes from an anonymous source",
        why=_AP + " The first voice a reader hears sets the story's authority; an anonymous "
        "quotation in that place puts the least accountable voice first.",
        bad=(
            'The mayor will resign. "It is over," a city official said. '
            '"We will miss her," Governor Ann Lee said.',
        ),
        good=(
            'The mayor will resign. "We will miss her," Governor Ann Lee said. '
            '"It is over," a city official said.',
        ),
        check=anonymous_first_quote,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR207",
        name="anonymous-lede-claim",
        severity=Severity.WARNING,
        summary="a lede claim resting on a single anonymous source",
        why="The BBC's editorial guidelines ask for a second source before broadcasting a "
        "claim from a single unnamed source, and Reuters asks for two sources for "
        "anonymously sourced facts; a story should not lead on one anonymous voice. " + _AP,
        bad=(
            "The minister will resign on Friday, a government source said.\n\n"
            "The minister declined to comment.",
        ),
        good=(
            "The minister will resign on Friday, two government sources said.\n\n"
            "The minister declined to comment.",
        ),
        check=anonymous_lede_claim,
        preview=True,
        options=(_ANON_OPTION,),
    ),
    Rule(
        code="ATR208",
        name="uncounted-sources",
        severity=Severity.INFO,
        summary="plural anonymous sources with no count: 'sources said'",
        why="Reuters: say how many sources there are; the plural 'sources' must never "
        "stand for one. A count ('two officials') tells the reader whether a claim was "
        "corroborated. " + _AP,
        bad=(
            "Government sources said the plan was dead.",
            "Officials said the talks had stalled.",
        ),
        good=(
            "Two government sources said the plan was dead.",
            "Three officials said the talks had stalled.",
        ),
        check=uncounted_sources,
        options=(_ANON_OPTION,),
    ),
)
