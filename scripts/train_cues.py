#!/usr/bin/env python3
"""Rebuild the learned cue data from PolNeAR train.

Writes, under ``attribution/data/``:

- ``cue_model.json``: averaged-perceptron weights (NLTK's ``AveragedPerceptron``)
  that tell a cue candidate in context from the same word used otherwise;
- ``cue_learned.txt``: cue head words seen in the training data beyond the
  hand-written lexicon;
- ``cue_prefixes.txt``: words PolNeAR includes before a cue head ("has", "also");
- ``cue_suffixes.txt``: word sequences it includes after one ("according to",
  "called for", "said in a statement").

Usage: python scripts/train_cues.py [PATH/TO/polnear-train.jsonl]
The corpus is read, never copied: only these derived parameters are written.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

from nltk.tag.perceptron import AveragedPerceptron

ROOT = Path(__file__).resolve().parents[1]
# The package of this checkout, which the script writes into, whatever else is installed.
sys.path.insert(0, str(ROOT))

from attribution import cues  # noqa: E402
from attribution._prepare import prepare  # noqa: E402

DATA = ROOT / "attribution" / "data"
DEFAULT = ROOT.parent / "shared" / "data" / "polnear-train.jsonl"

# Words that may precede a cue's head inside the cue span. The head is the
# first cue token that is none of these (and no "-ly" adverb).
FUNCTION = {
    "has",
    "have",
    "had",
    "having",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "am",
    "will",
    "would",
    "could",
    "may",
    "might",
    "should",
    "must",
    "can",
    "shall",
    "did",
    "does",
    "do",
    "not",
    "n't",
    "n’t",
    "never",
    "also",
    "to",
    "just",
    "then",
    "now",
    "later",
    "again",
    "still",
    "even",
    "once",
    "first",
    "already",
    "often",
    "always",
    "since",
    "has-been",
}
EPOCHS = 6
MIN_WEIGHT = 0.01  # smaller averaged weights change no decision; dropping them halves the file
# A feature seen in fewer training candidates gets no weight. Rare features
# (most of them word pairs) made six weights in seven; without them the model
# is a seventh of the size, 0.4 points lower in cross-validated cue F1, and
# the analysis faster (docs/method.md, "Cues").
MIN_COUNT = 5
MIN_HEAD = 2


def is_function(word: str) -> bool:
    return word in FUNCTION or (word.endswith("ly") and len(word) > 4 and word != "reply")


def header(what: str) -> str:
    return f"# {what}\n# Built by scripts/train_cues.py from PolNeAR train; do not edit by hand.\n"


def train(examples: list[tuple[list[str], bool, str]]) -> tuple[dict[str, float], float]:
    """Train NLTK's averaged perceptron; return binary weights (cue minus not-cue) and bias."""
    seen = Counter(feat for feats, _label, _word in examples for feat in feats)
    model = AveragedPerceptron()
    model.classes = {True, False}
    rng = random.Random(13)
    order = [([f for f in feats if seen[f] >= MIN_COUNT], label, w) for feats, label, w in examples]
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for feats, label, _w in order:
            fd = dict.fromkeys([*feats, "bias"], 1)
            guess, _conf = model.predict(fd)
            model.update(label, guess, fd)
    model.average_weights()
    weights = {}
    for feat, by_class in model.weights.items():
        value = by_class.get(True, 0.0) - by_class.get(False, 0.0)
        if abs(value) >= MIN_WEIGHT:
            weights[feat] = round(value, 3)
    return weights, weights.pop("bias", 0.0)


def best_threshold(
    weights: dict[str, float], bias: float, held_out: list[tuple[list[str], bool, str]]
) -> float:
    """Return the score threshold that maximises cue F1 on held-out candidates."""
    scored = [(bias + sum(weights.get(f, 0.0) for f in feats), y) for feats, y, _ in held_out]
    gold = sum(1 for _, y in scored if y)
    best = (0.0, 0.0)
    for step in range(-40, 41):
        th = step / 2
        tp = sum(1 for s, y in scored if y and s > th)
        sys_n = sum(1 for s, _ in scored if s > th)
        p = tp / sys_n if sys_n else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best[0]:
            best = (f, th)
    print(f"held-out cue F1 {best[0]:.3f} at threshold {best[1]}")
    return best[1]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    heads: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    prefix_in: Counter[str] = Counter()
    prefix_seen: Counter[str] = Counter()
    suffix_in: Counter[tuple[str, ...]] = Counter()
    suffix_seen: Counter[tuple[str, ...]] = Counter()
    examples: list[tuple[list[str], bool, str]] = []
    prepared = []
    for doc in docs:
        text = doc["text"]
        gold_heads: set[int] = set()
        cue_spans = []
        contents = []
        for rel in doc["attributions"]:
            if rel["cue"]:
                cue_spans.append(tuple(rel["cue"][0]))
            contents.extend(tuple(span) for span in rel["content"])
        sents = prepare(text).prepared
        prepared.append((text, sents, cue_spans, gold_heads, contents))
        for sent in sents:
            toks = sent.tokens
            for s, e in cue_spans:
                inside = [k for k, t in enumerate(toks) if t.start >= s and t.end <= e]
                if not inside:
                    continue
                head = next((k for k in inside if not is_function(toks[k].lower)), inside[0])
                if not toks[head].is_word:
                    continue
                gold_heads.add(toks[head].start)
                heads[toks[head].lower] += 1
                for k in inside:
                    if k < head:
                        prefix_in[toks[k].lower] += 1
                after = tuple(toks[k].lower for k in inside if k > head)
                if after and inside[-1] - head == len(after):
                    suffix_in[(toks[head].lower, *after)] += 1
                for n in range(1, 6):
                    following = tuple(t.lower for t in toks[head + 1 : head + 1 + n])
                    if len(following) == n:
                        suffix_seen[(toks[head].lower, *following)] += 1
    for _text, sents, _spans, gold_heads, _contents in prepared:
        for sent in sents:
            toks = sent.tokens
            for k, t in enumerate(toks):
                seen[t.lower] += 1
                if k + 1 < len(toks) and toks[k + 1].start in gold_heads:
                    prefix_seen[t.lower] += 1
    learned = sorted(
        w
        for w, c in heads.items()
        if c >= MIN_HEAD
        and w not in cues.lexicon()
        and c / seen[w] >= 0.03
        and w.isalpha()
        and not is_function(w)
    )
    prefixes = sorted(
        w for w, c in prefix_in.items() if c >= 3 and c / max(prefix_seen[w], 1) >= 0.5
    )
    # A suffix belongs to the cue when PolNeAR includes it at least half the
    # times it follows that head ("according to" always; "reported by" rarely).
    suffixes = sorted(
        " ".join(seq)
        for seq, c in suffix_in.items()
        if c >= 3 and len(seq) <= 6 and c / max(suffix_seen[seq], 1) >= 0.5
    )
    (DATA / "cue_learned.txt").write_text(
        header("Cue head words learned from PolNeAR train (beyond cue_lemmas.tsv).")
        + "\n".join(learned)
        + "\n",
        encoding="utf-8",
    )
    (DATA / "cue_prefixes.txt").write_text(
        header("Words PolNeAR includes before a cue head: 'has said', 'also told'.")
        + "\n".join(prefixes)
        + "\n",
        encoding="utf-8",
    )
    (DATA / "cue_suffixes.txt").write_text(
        header("Cue head followed by the words PolNeAR includes in the cue: 'according to'.")
        + "\n".join(suffixes)
        + "\n",
        encoding="utf-8",
    )
    cues.lexicon.cache_clear()
    cues._candidates.cache_clear()
    cands = cues._candidates()
    for _text, sents, _spans, gold_heads, contents in prepared:
        for sent in sents:
            for k, t in enumerate(sent.tokens):
                if t.lower not in cands:
                    continue
                label = t.start in gold_heads
                if not label and any(s <= t.start < e for s, e in contents):
                    # PolNeAR marks only the outermost relation: a cue inside
                    # another relation's content is unlabelled, not a negative.
                    continue
                examples.append((cues.features(sent.tokens, k, sent.quoted), label, t.lower))
    # Pick the decision threshold on a held-out tenth of the documents, then
    # train the shipped model on everything.
    cut = len(examples) * 9 // 10
    weights, bias = train(examples[:cut])
    threshold = best_threshold(weights, bias, examples[cut:])
    weights, bias = train(examples)
    (DATA / "cue_model.json").write_text(
        json.dumps(
            {
                "about": "cue classifier; built by scripts/train_cues.py from PolNeAR train",
                "bias": bias,
                "threshold": threshold,
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    pos = sum(1 for _, y, _ in examples if y)
    print(
        f"{len(examples)} candidates, {pos} cues; {len(learned)} learned words, "
        f"{len(prefixes)} prefixes, {len(suffixes)} suffixes, {len(weights)} weights"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
