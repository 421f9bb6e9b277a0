"""Export an article's claims as schema.org ``ClaimReview`` stubs for fact-checkers.

Each claim becomes a ``ClaimReview`` with the claim's words
(``claimReviewed``), the claim itself as ``itemReviewed`` with its speaker (the
innermost source of its chain, by the entity's canonical name when the
analysis resolved one) and its appearance (the article). The rating, the
review's URL and its date are left for the fact-checker to fill in: these are
stubs, not verdicts.

>>> from attribution import analyze
>>> doc = to_claimreview(analyze("The bridge will reopen in May, the mayor said."))
>>> review = doc["@graph"][0]
>>> review["claimReviewed"], review["itemReviewed"]["author"]["name"]
('The bridge will reopen in May', 'the mayor')
"""

from __future__ import annotations

from typing import Any

from attribution.model import Analysis, Claim, ClaimType, SourceKind

SCHEMA_ORG = "https://schema.org"
_ORGANIZATIONS = frozenset({SourceKind.ORGANIZATION, SourceKind.MEDIA})


def _authors(analysis: Analysis) -> dict[str, dict[str, Any] | None]:
    """Return the schema.org author of every hop, by hop id: its source, named if it can be."""
    names = {e.id: e.name for e in analysis.entities if e.named}
    out: dict[str, dict[str, Any] | None] = {}
    for hop in analysis.attributions:
        if hop.source is None:
            out[hop.id] = None
            continue
        kind = hop.sources[0].kind if hop.sources else SourceKind.UNKNOWN
        entity_id = hop.sources[0].entity if hop.sources else None
        author: dict[str, Any] = {
            "@type": "Organization" if kind in _ORGANIZATIONS else "Person",
            "name": names.get(entity_id or "", hop.source.of(analysis.text)),
        }
        if kind in (SourceKind.ANONYMOUS, SourceKind.VAGUE, SourceKind.UNKNOWN):
            author["description"] = f"{kind.value} source"
        out[hop.id] = author
    return out


def claim_review(
    analysis: Analysis, claim: Claim, *, url: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """Return one ``ClaimReview`` stub for ``claim``.

    Args:
        analysis: the analysis the claim belongs to.
        claim: the claim to export.
        url: where the article appeared, if known.
        name: the article's title or identifier, if known.
    """
    return _review(analysis, claim, url, name, _authors(analysis))


def _review(
    analysis: Analysis,
    claim: Claim,
    url: str | None,
    name: str | None,
    authors: dict[str, dict[str, Any] | None],
) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if url:
        appearance["url"] = url
    if name:
        appearance["name"] = name
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    author = authors[claim.chain[0]] if claim.chain else None  # the innermost hop's source
    if author is not None:
        item["author"] = author
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": analysis.text[claim.start : claim.end],
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": ""},
    }
    if claim.type is not ClaimType.UNATTRIBUTED:
        review["description"] = f"{claim.type.value} claim, chain of {len(claim.chain)} hop(s)"
    return review


def to_claimreview(
    analysis: Analysis, *, url: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """Return every claim of an analysis as a JSON-LD graph of ``ClaimReview`` stubs."""
    authors = _authors(analysis)
    return {
        "@context": SCHEMA_ORG,
        "@graph": [
            _review(analysis, claim, url, name or analysis.id, authors) for claim in analysis.claims
        ],
    }
