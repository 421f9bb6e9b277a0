"""Acceptance: the seed article's claims and chains, read off the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import Analysis, Claim, ClaimType, analyze

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze(SEED.read_text(encoding="utf-8"))


def claim_starting(analysis: Analysis, prefix: str) -> Claim:
    found = [c for c in analysis.claims if analysis.text[c.start : c.end].startswith(prefix)]
    assert len(found) == 1, f"expected one claim starting {prefix!r}, got {len(found)}"
    return found[0]


def hops(analysis: Analysis, claim: Claim) -> list[tuple[str, str]]:
    """Return (source, cue) texts of a claim's chain, innermost first."""
    out = []
    for hop_id in claim.chain:
        hop = analysis.attribution(hop_id)
        source = hop.source.of(analysis.text) if hop.source else ""
        out.append((source, analysis.text[hop.cue.start : hop.cue.end]))
    return out


@pytest.mark.parametrize(
    ("prefix", "chain"),
    [
        pytest.param(
            "he wants to help with air defense after escalating attacks from Russia",
            [
                ("U.S. President Donald Trump", "told"),
                ("Axios", "reported"),
                (
                    "an unidentified Ukrainian official and a source with knowledge of the call",
                    "citing",
                ),
            ],
            id="1-told-reported-citing",
        ),
        pytest.param(
            "The call lasted about 40 minutes", [("the sources", "said")], id="2-the-sources"
        ),
        pytest.param(
            "he would check what U.S. weapons due to be sent to Ukraine",
            [("Trump", "told"), ("one source", "said"), ("Axios", "according to")],
            id="3-told-said-according",
        ),
        pytest.param(
            "he had a disappointing conversation with Russian President Vladimir Putin",
            [("Trump", "said")],
            id="4-inside-frame",
        ),
        pytest.param(
            "it is in talks on buying Patriot air defense systems",
            [("Germany", "said")],
            id="9-germany",
        ),
        pytest.param(
            "Trump spoke with German Chancellor Friedrich Merz on Thursday",
            [("Spiegel magazine", "according to"), ("government sources", "citing")],
            id="10-spiegel-citing",
        ),
        pytest.param(
            "The two leaders discussed the situation in Ukraine",
            [("Spiegel", "reported")],
            id="11-spiegel-reported",
        ),
    ],
)
def test_seed_claim_chain(seed: Analysis, prefix: str, chain: list[tuple[str, str]]) -> None:
    claim = claim_starting(seed, prefix)
    assert hops(seed, claim) == chain


def test_seed_first_hop_has_two_sources(seed: Analysis) -> None:
    claim = claim_starting(seed, "he wants to help")
    citing = seed.attribution(claim.chain[-1])
    assert [seed.text[s.start : s.end] for s in citing.sources] == [
        "an unidentified Ukrainian official",
        "a source with knowledge of the call",
    ]


def test_seed_frame_sentence_is_also_an_unattributed_claim(seed: Analysis) -> None:
    claim = claim_starting(seed, "The call cane a day after Trump said")
    assert claim.type is ClaimType.UNATTRIBUTED
    assert claim.chain == ()
    # The typo is the source's: the input is never altered.
    assert "cane" in seed.text[claim.start : claim.end]


def test_seed_post_is_direct_quote_across_five_paragraphs(seed: Analysis) -> None:
    sentences = [
        "I had a very important and fruitful conversation with @POTUS",
        "We - in Ukraine - are grateful for all the support provided",
        "A noble agreement for peace is needed",
        "Today we discussed the current situation",
        "We have also agreed to a meeting between our teams",
        "We had a detailed conversation about defense industry capabilities",
        "We also touched on mutual procurement and investment",
        "Finally, we exchanged views on the diplomatic situation",
    ]
    for prefix in sentences:
        claim = claim_starting(seed, prefix)
        assert claim.type is ClaimType.DIRECT, prefix
        assert hops(seed, claim) == [("Zelenskyy", "posted on X:")], prefix
    post = seed.attribution(claim_starting(seed, sentences[0]).chain[0])
    assert len(post.content) == 5


def test_seed_russia_pummeled_kyiv_is_unattributed(seed: Analysis) -> None:
    claim = claim_starting(seed, "Russia pummeled Kyiv with the largest drone attack of the war")
    assert claim.type is ClaimType.UNATTRIBUTED


def test_seed_called_is_a_mixed_quote(seed: Analysis) -> None:
    claim = next(
        c for c in seed.claims if "deliberately massive and cynical" in seed.text[c.start : c.end]
    )
    assert claim.type is ClaimType.MIXED
    assert hops(seed, claim) == [("Zelenskyy", "called")]


def test_seed_warnings_by_kyiv(seed: Analysis) -> None:
    claim = claim_starting(seed, "the move would weaken its ability to defend")
    assert hops(seed, claim) == [("Kyiv", "warnings")]


def test_seed_copyright_line_yields_no_claim(seed: Analysis) -> None:
    assert not [c for c in seed.claims if "Thomson/Reuters" in seed.text[c.start : c.end]]


def test_seed_every_body_sentence_yields_a_claim(seed: Analysis) -> None:
    covered = {c.sentence for c in seed.claims}
    for index, sentence in enumerate(seed.sentences):
        if sentence.kind.value == "body":
            assert index in covered, seed.text[sentence.start : sentence.end]


def test_seed_offsets_slice_the_input(seed: Analysis) -> None:
    text = seed.text
    for rel in seed.attributions:
        for span in (*rel.content, rel.cue, *(s for s in [rel.source] if s)):
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end].strip() == text[span.start : span.end]
