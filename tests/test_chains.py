"""Tests for attribution chains: nested and relayed hops, innermost first.

A relayed relation is its own relation whose ``parent`` is the hop that
relays it, so a claim's ``chain`` runs from the hop that first made the claim
out to the one the writer cites, as issue 2 spells out for the seed article:
"... he wants to help with air defense" <- Trump (told) <- Axios (reported)
<- an unidentified Ukrainian official + a source with knowledge of the call
(citing).
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import pytest

from attribution import Analysis, Claim, analyze


class Hop(NamedTuple):
    """One expected hop, as the strings its spans slice out of the text."""

    source: str | None
    cue: str
    sources: tuple[str, ...] | None = None  # defaults to (source,)


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def describe(text: str, analysis: Analysis) -> str:
    lines = []
    for rel in analysis.attributions:
        source = None if rel.source is None else rel.source.of(text)
        lines.append(
            f"{rel.id} source={source!r} cue={text[rel.cue.start : rel.cue.end]!r} "
            f"content={[span.of(text) for span in rel.content]!r} parent={rel.parent}"
        )
    for claim in analysis.claims:
        lines.append(f"{claim.id} {text[claim.start : claim.end]!r} chain={claim.chain}")
    return "\n".join(lines)


def claim_with_text(text: str, analysis: Analysis, wanted: str) -> Claim:
    found = [c for c in analysis.claims if text[c.start : c.end] == wanted]
    assert len(found) == 1, f"no single claim {wanted!r}:\n{describe(text, analysis)}"
    return found[0]


CHAINS = [
    pytest.param(
        "U.S. President Donald Trump told Ukrainian leader Volodymyr Zelenskyy on Friday that "
        "he wants to help with air defense after escalating attacks from Russia, Axios "
        "reported, citing an unidentified Ukrainian official and a source with knowledge of "
        "the call.",
        "he wants to help with air defense after escalating attacks from Russia",
        (
            Hop("U.S. President Donald Trump", "told"),
            Hop("Axios", "reported"),
            Hop(
                "an unidentified Ukrainian official and a source with knowledge of the call",
                "citing",
                ("an unidentified Ukrainian official", "a source with knowledge of the call"),
            ),
        ),
        id="told-reported-citing",
    ),
    pytest.param(
        "Trump told Zelenskyy he would check what U.S. weapons had been put on hold, one "
        "source said, according to Axios.",
        "he would check what U.S. weapons had been put on hold",
        (Hop("Trump", "told"), Hop("one source", "said"), Hop("Axios", "according to")),
        id="told-said-according-to",
    ),
    pytest.param(
        "The call lasted about 40 minutes, one source said, according to Axios.",
        "The call lasted about 40 minutes",
        (Hop("one source", "said"), Hop("Axios", "according to")),
        id="said-according-to",
    ),
    pytest.param(
        "The shipment was halted last week, Reuters reported, citing two U.S. officials.",
        "The shipment was halted last week",
        (Hop("Reuters", "reported"), Hop("two U.S. officials", "citing")),
        id="reported-citing",
    ),
    pytest.param(
        "Trump spoke with German Chancellor Friedrich Merz on Thursday, according to Spiegel "
        "magazine, citing government sources.",
        "Trump spoke with German Chancellor Friedrich Merz on Thursday",
        (Hop("Spiegel magazine", "according to"), Hop("government sources", "citing")),
        id="according-to-citing",
    ),
    pytest.param(
        "According to Politico, two senior aides said the president was furious.",
        "the president was furious",
        (Hop("two senior aides", "said"), Hop("Politico", "According to")),
        id="fronted-according-to-said",
    ),
    pytest.param(
        "The talks ended without a deal, two sources said, according to Axios.",
        "The talks ended without a deal",
        (Hop("two sources", "said"), Hop("Axios", "according to")),
        id="plural-sources-said-according-to",
    ),
    pytest.param(
        "Netanyahu told aides he would not attend the summit, Israeli media reported, citing "
        "a senior official.",
        "he would not attend the summit",
        (
            Hop("Netanyahu", "told"),
            Hop("Israeli media", "reported"),
            Hop("a senior official", "citing"),
        ),
        id="told-aides-reported-citing",
    ),
    pytest.param(
        "The Kremlin said Putin told Trump that Russia would not back down, Interfax reported.",
        "Russia would not back down",
        (Hop("Putin", "told"), Hop("The Kremlin", "said"), Hop("Interfax", "reported")),
        id="told-inside-said-inside-reported",
    ),
    pytest.param(
        "A spokesperson for the ministry said the minister had told colleagues that he "
        "would resign.",
        "he would resign",
        (Hop("the minister", "had told"), Hop("A spokesperson for the ministry", "said")),
        id="had-told-inside-said",
    ),
    pytest.param(
        "Senate Majority Leader John Thune told reporters that the president had assured "
        "him the bill would pass.",
        "the bill would pass",
        (Hop("the president", "had assured"), Hop("Senate Majority Leader John Thune", "told")),
        id="assured-him-inside-told",
    ),
]


@pytest.mark.parametrize(("text", "claim_text", "hops"), CHAINS)
def test_chain(text: str, claim_text: str, hops: tuple[Hop, ...]) -> None:
    analysis = analyze(text)
    claim = claim_with_text(text, analysis, claim_text)
    assert claim.start == text.find(claim_text)
    context = describe(text, analysis)
    assert len(claim.chain) == len(hops), context
    rels = [analysis.attribution(hop_id) for hop_id in claim.chain]
    for rel, hop in zip(rels, hops, strict=True):
        assert text[rel.cue.start : rel.cue.end] == hop.cue, context
        if text.count(hop.cue) == 1:
            assert rel.cue.start == text.find(hop.cue)
        if hop.source is None:
            assert rel.source is None, context
        else:
            assert rel.source is not None, context
            assert rel.source.of(text) == hop.source, context
            if text.count(hop.source) == 1:
                assert rel.source.start == text.find(hop.source)
        wanted = hop.sources if hop.sources is not None else (hop.source,)
        assert tuple(text[s.start : s.end] for s in rel.sources) == wanted, context
    # Each hop is relayed by the next: parent links follow the chain, the
    # outer hop's content holds the inner hop, and the outermost has no parent.
    for inner, outer in itertools.pairwise(rels):
        assert inner.parent == outer.id
        assert outer.content_span.contains(inner.content_span)
        assert outer.content_span.start <= inner.cue.start < inner.cue.end <= outer.content_span.end
    assert rels[-1].parent is None
    assert rels[0].content_span.contains(claim.spans[0])


def test_relayed_hops_appear_as_attributions() -> None:
    """Every hop of every chain is listed, and each parent id resolves."""
    text = (
        "Trump told Zelenskyy he would check what U.S. weapons had been put on hold, one "
        "source said, according to Axios. Germany said it is in talks on buying Patriot "
        "systems."
    )
    analysis = analyze(text)
    ids = {rel.id for rel in analysis.attributions}
    chains = [claim.chain for claim in analysis.claims]
    for chain in chains:
        assert set(chain) <= ids
    relayed = claim_with_text(
        text, analysis, "he would check what U.S. weapons had been put on hold"
    )
    cues = [analysis.attribution(hop).cue for hop in relayed.chain]
    assert [text[cue.start : cue.end] for cue in cues] == ["told", "said", "according to"]
    assert len(analysis.attributions) == 4
    for rel in analysis.attributions:
        assert rel.parent is None or rel.parent in ids
    separate = claim_with_text(text, analysis, "it is in talks on buying Patriot systems")
    assert len(separate.chain) == 1
    assert analysis.attribution(separate.chain[0]).parent is None
