"""ClaimReview export: one schema.org stub per claim, speaker from the chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import analyze
from attribution.claimreview import SCHEMA_ORG, to_claimreview

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"


@pytest.mark.parametrize(
    ("text", "claim", "author", "author_type"),
    [
        pytest.param(
            "The bridge will reopen in May, Mayor Karen Bass said on Friday.",
            "The bridge will reopen in May",
            "Karen Bass",
            "Person",
            id="named-person",
        ),
        pytest.param(
            "Prices rose 0.4 percent in March, the Labor Department said.",
            "Prices rose 0.4 percent in March",
            "Labor Department",
            "Organization",
            id="organization",
        ),
        pytest.param(
            "The talks stalled over funding, two officials familiar with the matter said.",
            "The talks stalled over funding",
            "two officials familiar with the matter",
            "Person",
            id="anonymous",
        ),
    ],
)
def test_claim_review_names_the_speaker(
    text: str, claim: str, author: str, author_type: str
) -> None:
    graph = to_claimreview(analyze(text), url="https://example.org/story")["@graph"]
    review = next(r for r in graph if r["claimReviewed"] == claim)
    assert review["@type"] == "ClaimReview"
    assert author in review["itemReviewed"]["author"]["name"]
    assert review["itemReviewed"]["author"]["@type"] == author_type
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/story"


def test_unattributed_claim_has_no_author() -> None:
    graph = to_claimreview(analyze("Russia launched 500 drones overnight."))["@graph"]
    assert graph[0]["claimReviewed"] == "Russia launched 500 drones overnight"
    assert "author" not in graph[0]["itemReviewed"]


def test_seed_export_is_json_ld_with_one_review_per_claim() -> None:
    analysis = analyze(SEED.read_text(encoding="utf-8"), id="seed")
    doc = to_claimreview(analysis)
    assert doc["@context"] == SCHEMA_ORG
    assert len(doc["@graph"]) == len(analysis.claims)
    assert all(r["itemReviewed"]["appearance"]["name"] == "seed" for r in doc["@graph"])
    first = doc["@graph"][0]
    assert first["itemReviewed"]["author"]["name"] == "Donald Trump"


def test_cli_prints_claimreview_json_ld() -> None:
    import io
    import json

    from attribution.cli import main

    out = io.StringIO()
    assert main(["analyze", "--format", "claimreview", str(SEED)], out=out) == 0
    doc = json.loads(out.getvalue())
    assert doc["@context"] == SCHEMA_ORG
    assert doc["@graph"][0]["itemReviewed"]["author"]["name"] == "Donald Trump"
