"""Tests for :mod:`attribution.cues`: the fast scorer agrees with the model's features."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import cues
from attribution._prepare import prepare

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/golden/*.txt")])


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_score_at_equals_the_score_of_the_features(path: Path) -> None:
    # score_at reads the weights by neighbouring words instead of building the
    # feature strings; a feature changed in one and not the other shows here.
    text = path.read_text(encoding="utf-8")
    candidates = cues._candidates()
    checked = 0
    for sent in prepare(text).prepared:
        toks, quoted = sent.tokens, sent.quoted
        for i, tok in enumerate(toks):
            if tok.lower in candidates:
                expected = cues.score(cues.features(toks, i, quoted, any(quoted)))
                got = cues.score_at(toks, i, quoted, any(quoted), sent.lowers)
                assert got == expected, tok.text
                checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump told Zelenskyy he wants to help, Axios reported.",
        '"We will not back down," the mayor said on Tuesday.',
        "The report, which officials said was leaked, claims that prices rose.",
        "WALLACE: Senator, you said that the deal was dead.",
        "It was reported by the Times that the talks had stalled.",
    ],
)
def test_score_at_agrees_at_every_candidate_of_a_sentence(sentence: str) -> None:
    candidates = cues._candidates()
    (sent, *_) = prepare(sentence).prepared
    toks, quoted = sent.tokens, sent.quoted
    positions = [i for i, t in enumerate(toks) if t.lower in candidates]
    assert positions
    for i in positions:
        assert cues.score_at(toks, i, quoted, any(quoted), sent.lowers) == cues.score(
            cues.features(toks, i, quoted, any(quoted))
        )


@pytest.mark.parametrize(
    ("sentence", "heads"),
    [
        ("Trump told Zelenskyy he wants to help, Axios reported.", ["told", "wants", "reported"]),
        ('"We will not back down," the mayor said on Tuesday.', ["said"]),
        ("It was reported by the Times that the talks had stalled.", ["reported"]),
        ("The weather was fine.", []),
    ],
)
def test_find_cues_reads_given_lowers_as_it_reads_the_tokens(
    sentence: str, heads: list[str]
) -> None:
    (sent, *_) = prepare(sentence).prepared
    alone = cues.find_cues(sent.tokens, sent.quoted)
    assert [sent.tokens[head].lower for _, head, _, _ in alone] == heads
    assert cues.find_cues(sent.tokens, sent.quoted, sent.lowers) == alone


def test_find_cues_refuses_lowers_not_as_long_as_the_tokens() -> None:
    (sent, *_) = prepare("Officials said he reportedly resigned.").prepared
    with pytest.raises(ValueError, match="lower-cased words for"):
        cues.find_cues(sent.tokens, sent.quoted, [*sent.lowers, "said"])


@pytest.mark.parametrize(
    ("sentence", "head", "cue"),
    [
        ("Officials have repeatedly said the talks stalled.", "said", "have repeatedly said"),
        ("The talks stalled, according to a statement.", "according", "according to"),
        ("He also told reporters that it rained.", "told", "also told"),
        ("She pointed out that it rained.", "pointed", "pointed out"),
        ("Said the minister: no.", "said", "Said"),
    ],
)
def test_a_cue_spans_its_prefixes_and_suffixes(sentence: str, head: str, cue: str) -> None:
    (sent, *_) = prepare(sentence).prepared
    first, last = cues.head_and_span(sent.tokens, sent.lowers.index(head), sent.lowers)
    assert sentence[sent.tokens[first].start : sent.tokens[last].end] == cue
