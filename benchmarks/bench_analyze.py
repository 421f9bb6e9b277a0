#!/usr/bin/env python3
"""Measure analysis throughput (words per second) and how it grows with input.

Runs over the PolNeAR texts in ``../shared/data/`` when they are there, and
always over a synthetic corpus the script generates, on one core:

- ``analyze``: the whole analysis, in process, lexicons already loaded;
- ``analyze+json``: the same plus rendering the versioned JSON;
- linearity: one document made of 1x and 10x the same text (time ratio);
- peak memory of the analysis (tracemalloc);
- pySBD's sentence segmentation over the same texts, as a reference peer,
  when ``pysbd`` is installed (it only splits sentences; we do everything).

Usage: python benchmarks/bench_analyze.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from attribution import analyze, to_dict

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

_NAMES = ["Maria Lopez", "the minister", "Sen. John Hale", "a spokesman", "Reuters", "officials"]
_VERBS = ["said", "told reporters", "wrote", "argued", "added"]
_FACTS = [
    "the bridge would reopen in May",
    "prices rose 3.5 percent in June",
    "the talks had stalled over funding",
    "the U.S. embassy would stay closed",
]


def synthetic_corpus(n_docs: int, seed: int = 7) -> list[str]:
    """Return news-like documents: attributions of every form, quotes, paragraphs."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        paras = []
        for _ in range(rng.randint(6, 14)):
            name, verb, fact = rng.choice(_NAMES), rng.choice(_VERBS), rng.choice(_FACTS)
            form = rng.randrange(4)
            if form == 0:
                paras.append(f"{name.capitalize()} {verb} that {fact}.")
            elif form == 1:
                paras.append(f'"{fact.capitalize()}," {name} {verb}. "We will see."')
            elif form == 2:
                paras.append(f"{fact.capitalize()}, according to {name}.")
            else:
                paras.append(f"{fact.capitalize()}. The decision drew criticism on Monday.")
        docs.append("\n\n".join(paras))
    return docs


def polnear_texts() -> list[str]:
    texts = []
    for split in ("train", "dev"):
        path = SHARED / f"polnear-{split}.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh)
    return texts


def words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(name: str, texts: Sequence[str], repeat: int) -> dict[str, float]:
    n = words(texts)
    t_analyze = best_time(lambda: [analyze(t) for t in texts], repeat)
    t_json = best_time(lambda: [json.dumps(to_dict(analyze(t))) for t in texts], repeat)
    tracemalloc.start()
    for t in texts[:50]:
        analyze(t)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    row = {
        "corpus": name,
        "documents": len(texts),
        "words": n,
        "analyze_words_per_s": round(n / t_analyze),
        "analyze_json_words_per_s": round(n / t_json),
        "peak_memory_mb_50_docs": round(peak / 2**20, 1),
    }
    try:
        import pysbd  # type: ignore[import-not-found]
    except ImportError:
        return row
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    sample = list(texts[: max(20, len(texts) // 10)])
    t_sbd = best_time(lambda: [seg.segment(t) for t in sample], 1)
    sbd = words(sample) / t_sbd
    row["pysbd_words_per_s"] = round(sbd)
    row["ratio_vs_pysbd"] = round(row["analyze_words_per_s"] / sbd, 1)
    return row


def linearity(text: str, repeat: int) -> float:
    small = best_time(lambda: analyze(text), repeat)
    large = best_time(lambda: analyze("\n\n".join([text] * 10)), repeat)
    return round(large / small, 2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    analyze("Warm up: the lexicons load once, the minister said.")
    rows = [measure("synthetic", synthetic_corpus(300), args.repeat)]
    texts = polnear_texts()
    if texts:
        rows.append(measure("polnear", texts, args.repeat))
    else:
        print("note: ../shared/data absent, PolNeAR skipped", file=sys.stderr)
    sample = "\n\n".join(texts[:5]) if texts else "\n\n".join(synthetic_corpus(5))
    result = {"rows": rows, "time_ratio_for_10x_input": linearity(sample, args.repeat)}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for row in rows:
        print(", ".join(f"{k} {v}" for k, v in row.items()))
    print(f"linearity: 10x input took {result['time_ratio_for_10x_input']}x time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
