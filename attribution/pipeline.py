"""Run the stages in order.

text -> sentences + quotes -> cues -> relations -> chains -> claims -> sources
-> entities -> hedges -> scores (and the document summary).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from attribution._prepare import prepare
from attribution.attributions import find_attributions
from attribution.chains import link
from attribution.claims import find_claims
from attribution.entities import find_entities
from attribution.hedges import add_hedges
from attribution.model import Analysis
from attribution.scoring import score_claims, summarize
from attribution.sources import describe_sources


def analyze(text: str, *, id: str | None = None) -> Analysis:
    """Analyze one article into sentences, quotes, attributions and claims.

    Args:
        text: the article, exactly as published; every offset in the result
            indexes this string.
        id: an identifier carried into the result (e.g. a corpus document id).

    Returns:
        The analysis. Empty or whitespace-only text gives an empty analysis.

    >>> a = analyze('The call lasted about 40 minutes, the sources said.')
    >>> [a.text[c.start:c.end] for c in a.claims]
    ['The call lasted about 40 minutes']
    """
    if not isinstance(text, str):
        msg = f"analyze() expects text as str, got {type(text).__name__}"
        raise TypeError(msg)
    if not text.strip():
        return Analysis(text=text, id=id)
    doc = prepare(text)
    relations = link(find_attributions(text, doc.prepared, doc.quotes))
    claims = find_claims(text, doc.sentences, relations, doc.quotes)
    tokens = [p.tokens for p in doc.prepared]
    relations = describe_sources(text, doc.sentences, doc.quotes, relations, tokens)
    entities, relations = find_entities(text, doc.sentences, doc.quotes, relations, tokens)
    claims, relations = add_hedges(text, claims, relations, tokens)
    claims = score_claims(text, claims, relations)
    return Analysis(
        text=text,
        id=id,
        paragraphs=doc.paragraphs,
        sentences=doc.sentences,
        quotes=doc.quotes,
        attributions=relations,
        claims=claims,
        problems=doc.problems,
        entities=entities,
        summary=summarize(claims, relations),
    )


def analyze_many(texts: Iterable[str]) -> Iterator[Analysis]:
    """Analyze each text in turn, lazily; lexicons and models load once."""
    for text in texts:
        yield analyze(text)
