"""Measure source classification and claim scoring against the hand-labelled PolNeAR dev sets.

Usage::

    python scripts/eval_sources.py [--data ../shared/data] [--errors]

Two labelled files live in ``tests/data/`` and hold offsets only (never the
articles' text, which stays in ``../shared/data/polnear-dev.jsonl``):

- ``polnear_dev_sources.jsonl``: ``{"doc", "start", "end", "kind"}``, the
  gold source span of a PolNeAR dev attribution and the kind a person gave it
  reading the article (see ``docs/sources.md`` for the labelling rules). The
  span is classified in its document with
  :func:`attribution.entities.source_at`, and the script prints the share of
  kinds that agree (target 0.90).
- ``polnear_dev_pairs.jsonl``: ``{"better": claim, "worse": claim, "why"}``,
  where a claim is ``{"doc", "hops": [hop, ...]}`` innermost hop first and a
  hop is ``{"source": [[s, e], ...], "cue": [[s, e]], "content": [[s, e],
  ...]}`` (gold PolNeAR spans, plus hand-marked inner hops where PolNeAR marks
  only the outer one, as in "Brinkley recalled: 'he said, ...'"). Each claim
  is scored by :func:`attribution.scoring.score_claim` with its sources
  described in context, and the script prints the share of
  pairs the scorer orders as labelled (target 0.95).

Exit status 0; 2 if the shared data is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from attribution import analyze
from attribution.entities import source_at, with_hops
from attribution.hedges import find_hedges, stance
from attribution.model import (
    Analysis,
    Attribution,
    AttributionType,
    Claim,
    ClaimType,
    Cue,
    Source,
    Span,
)
from attribution.scoring import score_claim

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = ROOT / "tests" / "data" / "polnear_dev_sources.jsonl"
PAIRS = ROOT / "tests" / "data" / "polnear_dev_pairs.jsonl"


def load_docs(data: Path) -> dict[str, str]:
    """Return the PolNeAR dev texts by document id."""
    out = {}
    with (data / "polnear-dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            out[doc["id"]] = doc["text"]
    return out


def records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


class Corpus:
    """The dev texts, analyzed lazily and once each."""

    def __init__(self, docs: dict[str, str]) -> None:
        self.docs = docs
        self.cache: dict[str, Analysis] = {}

    def analysis(self, doc: str) -> Analysis:
        if doc not in self.cache:
            self.cache[doc] = analyze(self.docs[doc], id=doc)
        return self.cache[doc]


def kind_results(corpus: Corpus) -> list[tuple[dict[str, Any], str]]:
    """Return each labelled source with the kind the library gives it."""
    out = []
    for rec in records(SOURCES):
        src = source_at(corpus.analysis(rec["doc"]), rec["start"], rec["end"])
        out.append((rec, src.kind.value))
    return out


def _spans(pairs: Sequence[Sequence[int]]) -> tuple[Span, ...]:
    return tuple(Span(int(s), int(e)) for s, e in pairs)


def _quoted(analysis: Analysis, spans: Sequence[Span]) -> ClaimType:
    text = analysis.text
    total = quoted = 0
    for span in spans:
        total += sum(1 for ch in text[span.start : span.end] if ch.isalnum())
        for q in analysis.quotes:
            if q.depth == 0 and q.start < span.end and span.start < q.end:
                lo, hi = max(q.start, span.start), min(q.end, span.end)
                quoted += sum(1 for ch in text[lo:hi] if ch.isalnum())
    if total and quoted >= total:
        return ClaimType.DIRECT
    return ClaimType.MIXED if quoted else ClaimType.INDIRECT


def claim_score(corpus: Corpus, claim: dict[str, Any], tag: str) -> float:
    """Return the score of a hand-marked claim: its hops described in context, then scored."""
    analysis = corpus.analysis(claim["doc"])
    text = analysis.text
    hops = []
    ids = [f"_{tag}{n}" for n in range(len(claim["hops"]))]
    for n, hop in enumerate(claim["hops"]):
        cue_spans = _spans(hop["cue"])
        cue = Cue(start=cue_spans[0].start, end=cue_spans[-1].end, lemma="say")
        cue = Cue(start=cue.start, end=cue.end, lemma=cue.lemma, stance=stance(cue, text))
        sources = tuple(Source(start=s.start, end=s.end) for s in _spans(hop["source"]))
        content = _spans(hop["content"])
        hops.append(
            Attribution(
                id=ids[n],
                type=AttributionType.INDIRECT,
                form=hop.get("form", "pre"),
                cue=cue,
                content=content,
                source=Span(sources[0].start, sources[-1].end) if sources else None,
                sources=sources,
                parent=ids[n + 1] if n + 1 < len(ids) else None,
            )
        )
    resolved = with_hops(analysis, hops)
    content = resolved[0].content
    hedges = tuple(
        h for span in content for h in find_hedges(text[: span.end]) if h.start >= span.start
    )
    made = Claim(
        id=f"_c{tag}",
        start=content[0].start,
        end=content[-1].end,
        type=_quoted(analysis, content),
        spans=content,
        chain=tuple(h.id for h in resolved),
        hedges=hedges,
    )
    by_id = {a.id: a for a in (*analysis.attributions, *resolved)}
    return score_claim(made, by_id, text).value


def pair_results(corpus: Corpus) -> list[tuple[dict[str, Any], float, float]]:
    """Return each labelled pair with the scores of its better and worse claim."""
    out = []
    for n, rec in enumerate(records(PAIRS)):
        better = claim_score(corpus, rec["better"], f"b{n}_")
        worse = claim_score(corpus, rec["worse"], f"w{n}_")
        out.append((rec, better, worse))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    if not (args.data / "polnear-dev.jsonl").exists():
        print(f"eval_sources: no PolNeAR dev data in {args.data}", file=sys.stderr)
        return 2
    corpus = Corpus(load_docs(args.data))
    kinds = kind_results(corpus)
    right = sum(1 for rec, got in kinds if got == rec["kind"])
    confusion = Counter((rec["kind"], got) for rec, got in kinds if got != rec["kind"])
    print(f"kind accuracy: {right}/{len(kinds)} = {right / len(kinds):.3f}")
    for (want, got), count in confusion.most_common():
        print(f"  {want} -> {got}: {count}")
    if args.errors:
        for rec, got in kinds:
            if got != rec["kind"]:
                text = corpus.docs[rec["doc"]][rec["start"] : rec["end"]]
                print(f"    {rec['doc']} {rec['start']}: {text!r} {rec['kind']} -> {got}")
    if PAIRS.exists():
        pairs = pair_results(corpus)
        ordered = sum(1 for _, better, worse in pairs if better > worse)
        print(f"pairwise ordering accuracy: {ordered}/{len(pairs)} = {ordered / len(pairs):.3f}")
        if args.errors:
            for rec, better, worse in pairs:
                if better <= worse:
                    doc = rec["better"]["doc"]
                    print(f"    {doc} {rec.get('why', '')}: {better:.3f} <= {worse:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
