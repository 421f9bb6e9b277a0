"""ATR3xx: second-hand chains (AP and Reuters guidance on crediting other outlets).

- ATR301 ``relayed-anonymous-source``: a claim that reaches the reader through
  another outlet which itself rests on anonymous sources ("according to Axios,
  citing an unidentified official"), when the story never says whether it
  could confirm the report ("could not independently verify");
- ATR302 ``uncredited-media-report``: "media reports said", "according to
  reports", "local media reported": another outlet's reporting with no outlet
  named.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from attribution.lexicon import word_list
from attribution.model import Attribution, Source, SourceKind
from attribution.rules._base import (
    Context,
    Hit,
    Option,
    Rule,
    Severity,
    all_anonymous,
    phrase_regex,
)

_OUTLETS = Option(
    name="outlets",
    default=(),
    help="extra names of news outlets ('The Daily Bugle'; case and a leading 'the' don't matter)",
)


@functools.cache
def _confirmation_regex() -> re.Pattern[str] | None:
    return phrase_regex(word_list("confirmation_phrases"))


def _related(media: Attribution, anonymous: Attribution) -> bool:
    """Return whether an outlet's hop relays an anonymous hop.

    "Axios reported, citing an official" (the citing hop holds the report),
    "one source said, according to Axios" (the report holds the source), or
    "the sources said" after such a report (recorded as a relay on the source).
    """
    return (
        anonymous.parent == media.id
        or media.parent == anonymous.id
        or any(media.id in s.relayed_by for s in anonymous.sources)
    )


def relayed_anonymous_source(ctx: Context) -> Iterator[Hit]:
    """Flag outlets relaying anonymous sources when the story says nothing of confirming them."""
    regex = _confirmation_regex()
    if regex is not None and regex.search(ctx.text):
        return
    reported: set[str] = set()
    for claim in ctx.analysis.claims:
        if not claim.chain:
            continue
        hops = ctx.hops_of(claim)
        anonymous = [h for h in hops if all_anonymous(ctx, h)]
        if not anonymous:
            continue
        for hop in hops:
            media = [
                s
                for s in hop.sources
                if ctx.is_media(s)
                and s.named
                and ctx.slice(s.start, s.end).removeprefix("the ")[:1].isupper()
            ]
            if not media or hop.id in reported:
                continue
            cited = next((a for a in anonymous if _related(hop, a)), None)
            if cited is None:
                continue
            reported.add(hop.id)
            outlet = media[0]
            first = cited.sources[0]
            yield Hit(
                outlet.start,
                outlet.end,
                f"{ctx.show(outlet.start, outlet.end)!r} relays anonymous "
                f"{ctx.show(first.start, first.end)!r}, unconfirmed",
            )


def _uncredited(ctx: Context, rel: Attribution, src: Source) -> bool:
    if src.kind not in (SourceKind.MEDIA, SourceKind.DOCUMENT, SourceKind.UNKNOWN):
        return False
    text = ctx.slice(src.start, src.end)
    if ctx.is_listed_outlet(text):
        return False
    words = re.findall(r"[\w'’.&-]+", text)
    if not words:
        return False
    heads = word_list("report_heads")
    low = [w.lower() for w in words]
    if low[-1] not in heads and " ".join(low[-2:]) not in heads:
        return False
    sentence = ctx.sentence(ctx.sentence_index(src.start))
    initial = not ctx.text[sentence.start : src.start].strip(" \"'“‘(")
    modifiers = word_list("report_modifiers") | heads
    known = word_list("demonyms") | word_list("places")
    for k, word in enumerate(words):
        if not word[0].isupper():
            continue
        w = word.lower()
        if w in known or (k == 0 and w in ("the", "a", "an")):
            continue
        if k == 0 and initial and w in modifiers:
            continue
        return False  # a capitalized word that may be an outlet's name
    return True


def uncredited_media_report(ctx: Context) -> Iterator[Hit]:
    """Flag reports credited to "the media" or "reports" with no outlet named."""
    for rel in ctx.analysis.attributions:
        for src in rel.sources:
            if _uncredited(ctx, rel, src):
                span = src
                if rel.form == "according" and rel.cue.end <= src.start:
                    yield Hit(
                        rel.cue.start,
                        src.end,
                        f"{ctx.show(rel.cue.start, src.end)!r} names no outlet",
                    )
                    continue
                shown = ctx.show(span.start, span.end)
                yield Hit(span.start, span.end, f"{shown!r} names no outlet")


RULES = (
    Rule(
        code="ATR301",
        name="relayed-anonymous-source",
        severity=Severity.WARNING,
        summary="another outlet's anonymously sourced report, relayed unconfirmed",
        why="When a story relays another outlet's report that rests on anonymous sources "
        "('according to Axios, citing an unidentified official'), the reader gets a claim "
        "two hops from anyone accountable. The AP asks that such material be confirmed "
        "independently where possible, and that the story say so when it could not be "
        "('could not independently verify the report'); Reuters asks the same of reports it "
        "relays. The rule holds back when the story says either.",
        bad=(
            "Trump told Zelenskyy he wants to help, Axios reported, citing an unidentified "
            "Ukrainian official.",
        ),
        good=(
            "Trump told Zelenskyy he wants to help, Axios reported, citing an unidentified "
            "Ukrainian official. Reuters could not independently verify the report.",
            "Trump told Zelenskyy he wants to help, Axios reported.",
        ),
        check=relayed_anonymous_source,
        options=(_OUTLETS,),
    ),
    Rule(
        code="ATR302",
        name="uncredited-media-report",
        severity=Severity.WARNING,
        summary="another outlet's reporting with no outlet named: 'media reports said'",
        why="The AP Stylebook: material taken from another news organization is credited "
        "to it by name. 'Media reports', 'local media' and 'according to reports' leave the "
        "reader unable to find the original or weigh the outlet.",
        bad=(
            "Media reports said the mayor had resigned.",
            "The mayor has resigned, according to reports.",
            "Local media reported that the mayor had resigned.",
        ),
        good=(
            "The Boston Globe reported that the mayor had resigned.",
            "Iranian state broadcaster IRIB said the ship was seized.",
        ),
        check=uncredited_media_report,
        options=(_OUTLETS,),
    ),
)
