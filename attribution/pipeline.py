"""Run the stages in order.

text -> sentences + quotes -> cues -> relations -> chains -> claims -> sources
-> entities -> hedges -> scores (and the document summary).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator

from attribution import _caches
from attribution._prepare import prepare
from attribution.attributions import find_hops
from attribution.chains import link
from attribution.claims import claims_found, make_claims
from attribution.entities import find_entities
from attribution.hedges import claim_hedges, with_stances
from attribution.model import Analysis
from attribution.parallel import ordered_map
from attribution.scoring import claim_scores, summarize
from attribution.sources import CoreMemo, describe_sources


def analyze(text: str, *, id: str | None = None) -> Analysis:
    """Analyze one article into sentences, quotes, attributions and claims.

    Args:
        text: the article, exactly as published; every offset in the result
            indexes this string.
        id: an identifier carried into the result (e.g. a corpus document id).

    Returns:
        The analysis. Empty or whitespace-only text gives an empty analysis.

    For a process of your own, :func:`collector_paused` makes long
    documents cheaper.

    >>> a = analyze('The call lasted about 40 minutes, the sources said.')
    >>> [a.text[c.start:c.end] for c in a.claims]
    ['The call lasted about 40 minutes']
    """
    if not isinstance(text, str):
        msg = f"analyze() expects text as str, got {type(text).__name__}"
        raise TypeError(msg)
    if not text.strip():
        return Analysis(text=text, id=id, summary=summarize((), ()))
    doc = prepare(text)
    # The hops come without their sources: each source is built once, described
    # and resolved, by find_entities, and each hop with sources is copied once.
    hops, spans = find_hops(text, doc.prepared, doc.quotes)
    relations = link(hops)
    found = claims_found(text, doc.sentences, relations, doc.quotes)
    tokens = [p.tokens for p in doc.prepared]
    lowers = [p.lowers for p in doc.prepared]
    # Both stages take the cores of the source spans.
    cores: CoreMemo = {}
    described = describe_sources(
        text, doc.sentences, doc.quotes, relations, tokens, cores, spans=spans, lowers=lowers
    )
    entities, relations = find_entities(
        text, doc.sentences, doc.quotes, relations, tokens, described=described, cores=cores
    )
    # Each claim is built once, with its hedges and score.
    relations = with_stances(text, relations)
    hedges = claim_hedges(text, [(((lo, hi),), hops) for lo, hi, _, hops, _ in found],
                          relations, tokens, lowers)  # fmt: skip
    scores = claim_scores(text, [(hops, kind) for _, _, kind, hops, _ in found], hedges, relations)
    claims = make_claims(found, hedges, scores)
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


def analyze_many(
    items: Iterable[str | tuple[str | None, str]], *, jobs: int = 1, chunksize: int = 8
) -> Iterator[Analysis]:
    """Analyze texts, or ``(id, text)`` pairs, lazily and in order.

    Lexicons, models and tokenizers load once and serve every document. The
    input is read as the output is consumed, so a generator over a corpus
    larger than memory streams through.

    Args:
        items: texts, or ``(id, text)`` pairs whose id is carried into the result.
        jobs: worker processes (see :mod:`attribution.parallel`); 1 analyzes
            in this process, 0 uses every core. Results come back in input
            order either way.
        chunksize: documents sent to a worker at a time when ``jobs`` is not 1.

    Raises:
        TypeError: for an item that is neither a text nor an ``(id, text)`` pair.

    >>> [len(a.claims) for a in analyze_many(["He said it rained.", ("b", "")])]
    [1, 0]
    """
    if jobs == 1:
        return (_analyze_item(item) for item in items)
    return ordered_map(
        _analyze_in_worker, items, jobs=jobs, chunksize=chunksize, initializer=warm_up
    )


def _analyze_item(item: str | tuple[str | None, str]) -> Analysis:
    if isinstance(item, str):
        return analyze(item)
    if isinstance(item, tuple) and len(item) == 2:
        doc_id, text = item
        if (doc_id is None or isinstance(doc_id, str)) and isinstance(text, str):
            return analyze(text, id=doc_id)
    msg = f"analyze_many() expects texts or (id, text) pairs, got {type(item).__name__}"
    raise TypeError(msg)


def _analyze_in_worker(item: str | tuple[str | None, str]) -> Analysis:
    # A worker process is the library's own: the collector pause is safe there.
    with collector_paused():
        return _analyze_item(item)


def warm_up(*, freeze: bool = True) -> None:
    """Load every lexicon and model now, for a process about to analyze many documents.

    With ``freeze`` (the default), everything allocated so far is then moved
    out of the garbage collector's sight (:func:`gc.freeze`): the lexicons
    are some 90,000 objects that every full collection would otherwise walk
    again. Worker processes and the command line do this; a library caller
    should pass ``freeze=False`` unless the process is its own.
    """
    # Two sentences and an abbreviation, so that Punkt loads too: a paragraph
    # with no sentence-end mark before its last character never runs it.
    analyze("Warm up: the lexicons load once, the minister said. Mr. Smith agreed.")
    if freeze:
        gc.collect()
        gc.freeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector's cycle detection for the block, then restore it.

    :func:`analyze` allocates many small objects but no reference cycles
    (the tests check), so the collector finds nothing in them; left on, its
    passes over a growing heap make a long document slower than linear
    (1.6 MB of text took 1.7x the time per character of 50 KB). The command
    line and the worker processes of ``--jobs`` and :func:`analyze_many`
    analyze each document inside this block.
    The collector is process-wide: use it where the process is your own,
    not around code other threads run alongside.

    >>> with collector_paused():
    ...     len(analyze("The talks went well, the minister said.").claims)
    1
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def clear_caches() -> None:
    """Forget what the caches have kept of the text read so far; the lexicons stay loaded.

    A few pure functions of short strings (a name's reading, Punkt's
    decision at a candidate break) are cached across documents, at most a
    few thousand entries each. The benchmark empties them before each timed
    pass, so that a corpus read again is timed as new text.
    """
    _caches.clear()
