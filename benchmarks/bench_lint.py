#!/usr/bin/env python3
"""Measure lint throughput (words per second), analysis included.

Runs ``attribution.lint.lint`` with the default rules, and with every rule
(preview and off-by-default ones too), over the PolNeAR texts in
``../shared/data/`` when they are there (dev and train), and always over a
small Markdown corpus the script generates, on one core, lexicons already
loaded. Also reports the share of the time spent in the analysis, so the
linter's own cost is visible.

Usage: python benchmarks/bench_lint.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from attribution import analyze
from attribution.lint import lint

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EVERYTHING = {"select": ["ATR"], "preview": True}


def polnear(split: str) -> list[str]:
    path = SHARED / f"polnear-{split}.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def markdown_corpus(n: int = 60) -> list[str]:
    para = (
        "Critics argue the plan failed, a source said. The minister reportedly plans to "
        "resign, according to reports. `code` and [a link](https://example.com) are skipped."
    )
    doc = "---\ntitle: x\n---\n\n# Heading\n\n" + "\n\n".join([para] * 12) + "\n\n```\nx = 1\n```\n"
    return [doc] * n


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(
    name: str, docs: Sequence[str], repeat: int, path: str | None = None
) -> dict[str, object]:
    words = sum(len(d.split()) for d in docs)
    t_analyze = best_of(lambda: [analyze(d) for d in docs], repeat)
    t_default = best_of(lambda: [lint(d, path=path) for d in docs], repeat)
    t_all = best_of(lambda: [lint(d, EVERYTHING, path=path) for d in docs], repeat)
    return {
        "corpus": name,
        "docs": len(docs),
        "words": words,
        "analyze_words_per_s": round(words / t_analyze),
        "lint_words_per_s": round(words / t_default),
        "lint_all_rules_words_per_s": round(words / t_all),
        "lint_overhead": round(t_default / t_analyze - 1, 3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; best is kept")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    lint("Warm up: critics argue the lexicons load once, a source said.")
    rows = []
    for split in ("dev", "train"):
        docs = polnear(split)
        if docs:
            rows.append(measure(f"polnear-{split}", docs, args.repeat))
    rows.append(measure("markdown", markdown_corpus(), args.repeat, path="draft.md"))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'corpus':<15} {'docs':>5} {'words':>8} {'analyze w/s':>12} {'lint w/s':>10} "
          f"{'all rules':>10} {'overhead':>9}")  # fmt: skip
    for r in rows:
        print(f"{r['corpus']:<15} {r['docs']:>5} {r['words']:>8} {r['analyze_words_per_s']:>12} "
              f"{r['lint_words_per_s']:>10} {r['lint_all_rules_words_per_s']:>10} "
              f"{r['lint_overhead']:>9.1%}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
