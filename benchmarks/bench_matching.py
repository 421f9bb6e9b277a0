#!/usr/bin/env python3
"""Benchmark claim matching: 1,000 claims against 100,000 checked claims.

The store is synthetic but shaped like a real one: each checked claim is a
claim of the CheckThat! collection (``../shared/data``, when present) with a
third of its words swapped for words drawn from the collection's own word
frequencies, and its numbers changed; the queries are the collection's real
tweets. Without the shared data, claims and queries are drawn from a
Zipf-distributed made-up vocabulary. Prints the time to build the index in
memory, to write and to open it as a SQLite file, and to match the queries
against each (retrieval alone, then the whole method).

Usage: python benchmarks/bench_matching.py [--store 100000] [--queries 1000]
           [--candidates N] [--keep-index PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from attribution.matching import MatchSettings, clean_query, match_claims
from attribution.store import CheckedClaim, ClaimIndex, terms, write_index

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _real() -> tuple[list[CheckedClaim], list[str]] | None:
    claims_path = DATA / "claim-matching-claims.jsonl"
    queries_path = DATA / "claim-matching-train.jsonl"
    if not claims_path.exists() or not queries_path.exists():
        return None
    with claims_path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    claims = [
        CheckedClaim(id=r["id"], claim=r["claim"], title=r["title"], subtitle=r["subtitle"])
        for r in rows
    ]
    with queries_path.open(encoding="utf-8") as fh:
        queries = [json.loads(line)["text"] for line in fh]
    return claims, queries


def _mutate(text: str, words: list[str], rng: random.Random) -> str:
    out = []
    for token in text.split():
        if token[:1].isdigit():
            out.append(str(rng.randint(1, 999)))
        elif rng.random() < 0.33:
            out.append(rng.choice(words))
        else:
            out.append(token)
    return " ".join(out)


def synthetic_store(size: int, seed: int = 7) -> tuple[list[CheckedClaim], list[str]]:
    """Return ``size`` checked claims and a pool of query texts."""
    rng = random.Random(seed)
    real = _real()
    if real is not None:
        base, queries = real
        words = [w for c in base for w in re.findall(r"[A-Za-z]+", f"{c.claim} {c.title}")]
        claims = list(base)
        while len(claims) < size:
            c = rng.choice(base)
            claims.append(
                CheckedClaim(
                    id=f"synthetic-{len(claims)}",
                    claim=_mutate(c.claim, words, rng),
                    title=_mutate(c.title, words, rng),
                    subtitle=_mutate(c.subtitle, words, rng),
                )
            )
        return claims[:size], queries
    vocab = [f"w{i}{chr(97 + i % 26)}" for i in range(50_000)]
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]

    def sentence(n: int) -> str:
        return " ".join(rng.choices(vocab, weights, k=n))

    claims = [
        CheckedClaim(
            id=f"synthetic-{i}", claim=sentence(18), title=sentence(8), subtitle=sentence(20)
        )
        for i in range(size)
    ]
    return claims, [sentence(30) for _ in range(2000)]


def _timed(label: str, func, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<44} {time.perf_counter() - started:8.2f} s")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--store", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--candidates", type=int, default=None)
    parser.add_argument("--keep-index", type=Path, default=None)
    args = parser.parse_args(argv)

    claims, pool = _timed(
        f"make {args.store:,} synthetic checked claims", synthetic_store, args.store
    )
    queries = (pool * (args.queries // len(pool) + 1))[: args.queries]
    overrides = {} if args.candidates is None else {"candidates": args.candidates}
    settings = MatchSettings.default(**overrides)
    memory = _timed("build the index in memory", ClaimIndex.build, claims)
    analysed = [terms(clean_query(q)) for q in queries]

    def retrieve(index: ClaimIndex) -> None:
        for words in analysed:
            index.search(words, limit=settings.candidates, budget=settings.budget)

    _timed(f"retrieve {len(queries):,} claims (memory)", retrieve, memory)
    _timed(
        f"match {len(queries):,} claims (memory)", match_claims, queries, memory, settings=settings
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep_index or Path(tmp) / "store.index"
        _timed("write the SQLite index", write_index, claims, path)
        print(f"{'index file size':<44} {path.stat().st_size / 2**20:8.1f} MiB")
        index = _timed("open the SQLite index", ClaimIndex.open, path)
        with index:
            _timed(f"retrieve {len(queries):,} claims (SQLite)", retrieve, index)
            _timed(
                f"match {len(queries):,} claims (SQLite, warm)",
                match_claims,
                queries,
                index,
                settings=settings,
            )
        with ClaimIndex.open(path) as index:
            _timed(
                f"match {len(queries):,} claims (SQLite, cold)",
                match_claims,
                queries,
                index,
                settings=settings,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
