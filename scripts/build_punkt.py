#!/usr/bin/env python3
"""Rebuild the learned Punkt sentence-splitting parameters from PolNeAR train.

Trains NLTK's ``PunktTrainer`` (Kiss and Strunk 2006, unsupervised) on the
texts of PolNeAR train, headlines dropped (title case would teach Punkt that
every word is capitalised mid-sentence), and writes, under ``attribution/data/``:

- ``punkt_abbreviations.txt``: abbreviation types ("sen", "u.s");
- ``punkt_collocations.tsv``: pairs where a period after the first word is no
  sentence break ("d" + "roosevelt" in "Franklin D. Roosevelt");
- ``punkt_sent_starters.txt``: words that often open a sentence ("however");
- ``punkt_ortho_context.tsv``: Punkt's orthographic context flags per type.

``attribution.segment`` merges them at load time with the hand-written
``abbreviations.txt`` and ``abbreviation_collocations.tsv``.

Usage: python scripts/build_punkt.py [PATH/TO/polnear-train.jsonl]
The corpus is read, never copied: only these derived parameters are written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The package of this checkout, which the script writes into, whatever else is installed.
sys.path.insert(0, str(ROOT))

from attribution._nltk import PunktModel, train  # noqa: E402

DATA = ROOT / "attribution" / "data"
DEFAULT = ROOT.parent / "shared" / "data" / "polnear-train.jsonl"

SOURCE = (
    "# Learned by NLTK's PunktTrainer from the {n} texts of PolNeAR train (headlines dropped).\n"
    "# Built by scripts/build_punkt.py; do not edit by hand (edit {hand} instead).\n"
)


def body(text: str) -> str:
    """Return ``text`` without its first paragraph, the headline in PolNeAR."""
    head, sep, rest = text.partition("\n\n")
    return rest if sep else head


def write(name: str, header: str, rows: Iterable[str]) -> None:
    """Write a data file: the header, then the rows sorted and unique."""
    lines = sorted(set(rows))
    (DATA / name).write_text(header + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"{name}: {len(lines)} entries")


def save(model: PunktModel, n: int) -> None:
    """Write the four learned parameter files."""
    write(
        "punkt_abbreviations.txt",
        "# Abbreviations, lower case without the final period, as Punkt stores them.\n"
        + SOURCE.format(n=n, hand="abbreviations.txt"),
        model.abbreviations,
    )
    write(
        "punkt_collocations.tsv",
        "# Pairs where a period after the first word is not a sentence break before\n"
        "# the second; <number> stands for any number.\n"
        + SOURCE.format(n=n, hand="abbreviation_collocations.tsv")
        + "# first\tsecond\n",
        (f"{a}\t{b}" for a, b in model.collocations),
    )
    write(
        "punkt_sent_starters.txt",
        "# Frequent sentence starters: after an abbreviation, a capitalised one ends the\n"
        "# sentence. Names (never lower case, or often after an abbreviation) are dropped.\n"
        + SOURCE.format(n=n, hand="abbreviations.txt"),
        model.sentence_starters,
    )
    write(
        "punkt_ortho_context.tsv",
        "# Punkt's orthographic context: for each word type seen at least twice and ever\n"
        "# in lower case, the bit set of where it was seen: 2 upper case at a sentence\n"
        "# start, 4 upper case mid-sentence, 8 upper case at an unknown position, 16/32/64\n"
        '# the same in lower case. Lets Punkt tell "U.S. Today" (a new sentence) from\n'
        '# "U.S. Senate".\n' + SOURCE.format(n=n, hand="abbreviations.txt") + "# type\tflags\n",
        (f"{t}\t{flags}" for t, flags in model.ortho_context),
    )


def main(argv: list[str]) -> int:
    """Train on the corpus at ``argv[0]`` (or the default path) and save."""
    path = Path(argv[0]) if argv else DEFAULT
    if not path.is_file():
        print(f"build_punkt: error: no training corpus at {path}", file=sys.stderr)
        return 2
    with path.open(encoding="utf-8") as lines:
        texts = [body(json.loads(line)["text"]) for line in lines if line.strip()]
    save(train(texts), len(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
