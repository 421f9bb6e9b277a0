#!/usr/bin/env python3
"""Sample lint findings on PolNeAR dev for a precision review, and tabulate the verdicts.

Lints every PolNeAR dev text (``../shared/data/polnear-dev.jsonl``, field
``text``) with every rule selected (preview and off-by-default rules too),
then draws a fixed random sample of findings per rule and prints each in its
context, the flagged span in ``[[...]]``, for a person to judge. The corpus
is never copied: judgements are recorded by document id, code and offset in
``docs/lint-precision.tsv`` (``id``, ``code``, ``start``, ``end``, ``verdict``
``ok``/``wrong``, a short note), and ``--table`` turns them into the table of
``docs/lint-precision.md``.

Usage:
    python scripts/lint_precision.py --counts
    python scripts/lint_precision.py --rule ATR101 [--n 20] [--seed 4]
    python scripts/lint_precision.py --table
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import random
import sys
from pathlib import Path

from attribution.lint import Finding, lint
from attribution.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DEV = DATA / "polnear-dev.jsonl"
VERDICTS = ROOT / "docs" / "lint-precision.tsv"
EVERYTHING = {"select": ["ATR"], "preview": True}


def findings(split: str = "dev") -> list[tuple[str, str, Finding]]:
    """Return ``(doc id, text, finding)`` for every finding on a PolNeAR split."""
    out = []
    with (DATA / f"polnear-{split}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for f in lint(doc["text"], EVERYTHING):
                out.append((doc["id"], doc["text"], f))
    return out


def context(text: str, f: Finding, width: int = 160) -> str:
    """Return the text around a finding, the span marked with [[ ]], on one line."""
    lo = max(0, f.start - width)
    hi = min(len(text), f.end + width)
    s = text[lo : f.start] + "[[" + text[f.start : f.end] + "]]" + text[f.end : hi]
    return " ".join(s.split())


def sample(code: str, n: int, seed: int, split: str = "dev") -> None:
    """Print a random sample of ``n`` findings of rule ``code``, in context."""
    items = [x for x in findings(split) if x[2].code == code]
    rng = random.Random(seed)
    chosen = items if len(items) <= n else rng.sample(items, n)
    chosen.sort(key=lambda x: (x[0], x[2].start))
    print(f"# {code}: {len(chosen)} of {len(items)} findings on {split} (seed {seed})\n")
    for doc_id, text, f in chosen:
        print(f"{doc_id}\t{f.code}\t{f.start}\t{f.end}\t{f.message}")
        print("    " + context(text, f))
        print()


def counts(split: str = "dev") -> None:
    """Print how many findings each rule has on a PolNeAR split."""
    tally = collections.Counter(f.code for _, _, f in findings(split))
    for r in all_rules():
        print(f"{r.code}\t{r.name}\t{tally.get(r.code, 0)}")


def table() -> None:
    """Print the precision table from the recorded verdicts.

    Verdicts on dev come first; rules with few or no findings on dev were
    also reviewed on a sample of train (and the seed article), shown apart.
    Rows with a note (a finding a later fix removed) are not counted.
    """
    tally = collections.Counter(f.code for _, _, f in findings())
    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    ok: collections.Counter[tuple[str, str]] = collections.Counter()
    with VERDICTS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["note"]:
                continue
            split = "dev" if row["split"] == "dev" else "other"
            seen[row["code"], split] += 1
            ok[row["code"], split] += row["verdict"] == "ok"
    print(
        "| code | name | status | findings on dev | right / reviewed (dev) "
        "| right / reviewed (train, seed) | precision |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for r in all_rules():
        if r.code.startswith("ATR0"):
            continue
        status = "preview" if r.preview else ("off by default" if not r.default else "default")
        cells = []
        for split in ("dev", "other"):
            n = seen[r.code, split]
            cells.append(f"{ok[r.code, split]} / {n}" if n else "-")
        n = seen[r.code, "dev"] + seen[r.code, "other"]
        right = ok[r.code, "dev"] + ok[r.code, "other"]
        p = f"{right / n:.2f}" if n else "n/a"
        print(
            f"| {r.code} | {r.name} | {status} | {tally.get(r.code, 0)} | {cells[0]} | "
            f"{cells[1]} | {p} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rule", help="print a sample of this rule's findings")
    parser.add_argument("--n", type=int, default=20, help="findings to sample (default 20)")
    parser.add_argument("--seed", type=int, default=4, help="random seed (default 4)")
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="corpus split")
    parser.add_argument("--counts", action="store_true", help="findings per rule")
    parser.add_argument("--table", action="store_true", help="precision table from verdicts")
    args = parser.parse_args(argv)
    if not DEV.exists():
        print(f"lint_precision: {DEV} not found", file=sys.stderr)
        return 2
    if args.rule:
        sample(args.rule.upper(), args.n, args.seed, args.split)
    elif args.table:
        table()
    else:
        counts(args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
