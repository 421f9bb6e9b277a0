#!/usr/bin/env python3
"""Evaluate claim matching on CheckThat! 2022 task 2A (English): MAP@1 and MAP@5.

Reads the shared data (``../shared/data/claim-matching-*.jsonl`` beside the
repository, or ``--data DIR``) and prints, for the ``dev`` and ``dev-test``
splits (``--splits`` to change), the figures of:

- ``plain BM25``: k1 1.2, b 0.75 over claim + title + subtitle, lower-cased
  ``\\w+`` tokens, the raw tweet as query (the lab's reference point);
- ``retrieval``: our first stage alone (query cleaning, stopwords, Porter
  stems, field-weighted BM25F);
- ``+ re-ranking``: the weighted features of ``data/matching.toml``, no veto;
- ``+ veto``: the whole method, as ``attribution match`` runs it.

``--ablate`` adds retrieval without query cleaning (the raw tweet) and with
all fields weighted 1.

MAP@k is computed as ``../shared/eval/score_matching.py`` does (the lab's
definition). ``--tune`` instead fits the re-ranking weights on ``train`` by
coordinate ascent on MAP@5 and prints them as TOML for ``data/matching.toml``.
The withheld test split is never read.

Usage: python scripts/eval_matching.py [--data DIR] [--splits dev,dev-test] [--tune]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from attribution.matching import FEATURES, MatchSettings, match_claims
from attribution.store import CheckedClaim, ClaimIndex, IndexSettings, load_store, terms

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CUTOFFS = (1, 5)


def average_precision(ranked: list[str], gold: set[str], k: int) -> float:
    """Return AP@k divided by the number of gold matches, as the lab's scorer does."""
    hits = total = 0.0
    for rank, cid in enumerate(list(dict.fromkeys(ranked))[:k], 1):
        if cid in gold:
            hits += 1
            total += hits / rank
    return total / len(gold)


def scores(runs: dict[str, list[str]], queries: list[dict[str, object]]) -> dict[str, float]:
    """Return MAP@1, MAP@5 and Recall@5 of ``runs`` over ``queries``."""
    out = {f"MAP@{k}": 0.0 for k in CUTOFFS}
    out["R@5"] = 0.0
    for query in queries:
        gold = set(query["matches"])  # type: ignore[call-overload]
        ranked = runs.get(str(query["id"]), [])
        for k in CUTOFFS:
            out[f"MAP@{k}"] += average_precision(ranked, gold, k)
        out["R@5"] += len(gold.intersection(ranked[:5])) / len(gold)
    return {name: value / len(queries) for name, value in out.items()}


class PlainBM25:
    """BM25 (k1 1.2, b 0.75) over claim + title + subtitle, ``\\w+`` tokens."""

    def __init__(self, claims: tuple[CheckedClaim, ...], k1: float = 1.2, b: float = 0.75) -> None:
        self.ids = [c.id for c in claims]
        docs = [self.tokens(f"{c.claim} {c.title} {c.subtitle}") for c in claims]
        self.n = len(docs)
        average = sum(map(len, docs)) / self.n
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for doc, words in enumerate(docs):
            norm = k1 * (1 - b + b * len(words) / average)
            for word, tf in Counter(words).items():
                self.postings[word].append((doc, tf * (k1 + 1) / (tf + norm)))

    @staticmethod
    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def rank(self, text: str, limit: int = 10) -> list[str]:
        acc: dict[int, float] = defaultdict(float)
        for word in self.tokens(text):
            postings = self.postings.get(word, [])
            idf = math.log(1 + (self.n - len(postings) + 0.5) / (len(postings) + 0.5))
            for doc, impact in postings:
                acc[doc] += idf * impact
        best = sorted(acc.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self.ids[doc] for doc, _ in best]


def candidates(
    index: ClaimIndex, queries: list[dict[str, object]], settings: MatchSettings
) -> dict[str, list[tuple[str, dict[str, float], bool]]]:
    """Return every query's candidates with their features and veto flag."""
    flat = MatchSettings.default(
        weights={"retrieval": 1.0},
        veto_factor=1.0,
        candidates=settings.candidates,
        tolerance=settings.tolerance,
        years=settings.years,
    )
    results = match_claims(
        [str(q["text"]) for q in queries], index, limit=settings.candidates, settings=flat
    )
    return {
        str(q["id"]): [(m.claim.id, dict(m.features), bool(m.conflicts)) for m in r.matches]
        for q, r in zip(queries, results, strict=True)
    }


def rerank(
    cands: dict[str, list[tuple[str, dict[str, float], bool]]],
    weights: dict[str, float],
    veto: float,
) -> dict[str, list[str]]:
    """Rank the candidates by the weighted mean of their features."""
    total = sum(weights.values()) or 1.0
    out = {}
    for qid, items in cands.items():
        scored = []
        for position, (cid, feats, vetoed) in enumerate(items):
            score = sum(w * feats[name] for name, w in weights.items()) / total
            scored.append((-(score * (veto if vetoed else 1.0)), position, cid))
        out[qid] = [cid for _, _, cid in sorted(scored)]
    return out


def tune(
    cands: dict[str, list[tuple[str, dict[str, float], bool]]],
    queries: list[dict[str, object]],
    veto: float,
) -> dict[str, float]:
    """Fit the feature weights by coordinate ascent on MAP@5 (retrieval fixed at 1)."""
    grid = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2)
    weights = {name: 0.0 for name in FEATURES}
    weights["retrieval"] = 1.0

    def objective(w: dict[str, float]) -> float:
        return scores(rerank(cands, w, veto), queries)["MAP@5"]

    best = objective(weights)
    for _ in range(3):
        for name in FEATURES[1:]:
            for value in grid:
                trial = dict(weights, **{name: value})
                result = objective(trial)
                if result > best + 1e-9:
                    best, weights = result, trial
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--splits", default="dev,dev-test")
    parser.add_argument("--tune", action="store_true", help="fit the weights on train")
    parser.add_argument("--ablate", action="store_true", help="add retrieval ablations")
    args = parser.parse_args(argv)
    claims_path = args.data / "claim-matching-claims.jsonl"
    queries_path = args.data / "claim-matching-train.jsonl"
    if not claims_path.exists() or not queries_path.exists():
        print(f"eval_matching: no CheckThat! data in {args.data}", file=sys.stderr)
        return 2
    claims = load_store(claims_path)
    with queries_path.open(encoding="utf-8") as fh:
        queries = [json.loads(line) for line in fh if line.strip()]
    started = time.perf_counter()
    index = ClaimIndex.build(claims)
    print(f"indexed {len(claims)} checked claims in {time.perf_counter() - started:.1f} s")
    settings = MatchSettings.default()

    if args.tune:
        train = [q for q in queries if q["split"] == "train"]
        cands = candidates(index, train, settings)
        weights = tune(cands, train, settings.veto_factor)
        print("[rerank.weights]")
        for name in FEATURES:
            print(f"{name} = {weights[name]:g}")
        fitted = scores(rerank(cands, weights, settings.veto_factor), train)["MAP@5"]
        print(f"# train MAP@5 {fitted:.4f}")
        return 0

    plain = PlainBM25(claims)
    weights = dict(settings.weights)
    header = f"{'split':<9} {'system':<17} {'MAP@1':>6} {'MAP@5':>6} {'R@5':>6}"
    print(header)
    print("-" * len(header))
    for split in args.splits.split(","):
        subset = [q for q in queries if q["split"] == split]
        if not subset:
            print(f"eval_matching: no queries in split {split!r}", file=sys.stderr)
            return 2
        cands = candidates(index, subset, settings)
        systems = {
            "plain BM25": {str(q["id"]): plain.rank(str(q["text"])) for q in subset},
            "retrieval": {qid: [cid for cid, _, _ in items] for qid, items in cands.items()},
            "+ re-ranking": rerank(cands, weights, 1.0),
            "+ veto": rerank(cands, weights, settings.veto_factor),
        }
        if args.ablate:
            flat = ClaimIndex.build(
                claims, settings=IndexSettings(fields={"claim": 1, "title": 1, "subtitle": 1})
            )
            raw = {
                str(q["id"]): [
                    index.claim(doc).id
                    for doc, _ in index.search(terms(str(q["text"])), limit=settings.candidates)
                ]
                for q in subset
            }
            even = candidates(flat, subset, settings)
            systems = {
                "retrieval, raw": raw,
                "retrieval, 1/1/1": {qid: [c for c, _, _ in v] for qid, v in even.items()},
                **systems,
            }
        for name, runs in systems.items():
            result = scores(runs, subset)
            print(
                f"{split:<9} {name:<17} {result['MAP@1']:6.4f} {result['MAP@5']:6.4f}"
                f" {result['R@5']:6.4f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
