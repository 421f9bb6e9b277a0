"""Tests for :mod:`attribution.hedges`: hedges in claims and the stance of cues."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
import pytest

from attribution import analyze
from attribution._prepare import prepare
from attribution.hedges import add_hedges, find_hedges, stance
from attribution.lexicon import word_list
from attribution.model import Cue

# (text, hedge phrases found, in order)
FOUND = [
    pytest.param("The minister reportedly resigned on Tuesday.", ["reportedly"], id="reportedly"),
    pytest.param(
        "The senator allegedly took bribes from a contractor.", ["allegedly"], id="allegedly"
    ),
    pytest.param(
        "The general is said to have ordered the strike himself.", ["is said to"], id="is-said-to"
    ),
    pytest.param(
        "The hackers are believed to be working for Moscow.", ["are believed to"],
        id="are-believed-to",
    ),
    pytest.param(
        "It is understood that the two sides met in Geneva.", ["it is understood"],
        id="it-is-understood",
    ),
    pytest.param(
        "The leak apparently came from inside the campaign, according to reports.",
        ["apparently", "according to reports"], id="two-hedges",
    ),
    pytest.param(
        "The purportedly secret memo was posted online.", ["purportedly"], id="purportedly"
    ),
    pytest.param("REPORTEDLY, the deal is done.", ["reportedly"], id="any-case"),
    pytest.param("The minister resigned on Tuesday.", [], id="none"),
    pytest.param("He reported the crime to the police.", [], id="reported-is-no-hedge"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrases"), FOUND)
def test_find_hedges(text: str, phrases: list[str]) -> None:
    hedges = find_hedges(text)
    assert [h.phrase for h in hedges] == phrases
    for h in hedges:
        assert " ".join(text[h.start : h.end].lower().split()) == h.phrase


@pytest.mark.parametrize(("text", "phrases"), FOUND)
def test_find_hedges_reads_the_given_tokens_and_lowers_alike(text: str, phrases: list[str]) -> None:
    document = prepare(text)
    tokens = [p.tokens for p in document.prepared]
    lowers = [p.lowers for p in document.prepared]
    alone = find_hedges(text)
    assert [h.phrase for h in alone] == phrases
    assert find_hedges(text, tokens, lowers) == alone
    # Generators are read once, in step with each other.
    assert find_hedges(text, iter(tokens)) == alone
    assert find_hedges(text, iter(tokens), iter(lowers)) == alone


_TWO = "The minister reportedly resigned. He allegedly left."


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda lowers: lowers[:1], id="a-sentence-fewer"),
        pytest.param(lambda lowers: [*lowers, ["x"]], id="a-sentence-more"),
        pytest.param(lambda lowers: [lowers[0][:3], lowers[1]], id="words-missing"),
        pytest.param(lambda lowers: [lowers[0], [*lowers[1], "x"]], id="a-word-more"),
        pytest.param(lambda lowers: "xy", id="a-string"),
    ],
)
def test_find_hedges_refuses_lowers_that_do_not_line_up(
    mangle: Callable[[list[list[str]]], Sequence[Sequence[str]]],
) -> None:
    document = prepare(_TWO)
    assert len(document.prepared) == 2
    tokens = [p.tokens for p in document.prepared]
    lowers = mangle([p.lowers for p in document.prepared])
    with pytest.raises(ValueError, match="do not match the tokens"):
        find_hedges(_TWO, tokens, lowers)


def test_find_hedges_refuses_lowers_without_tokens() -> None:
    lowers = [p.lowers for p in prepare(_TWO).prepared]
    with pytest.raises(ValueError, match="without the tokens"):
        find_hedges(_TWO, None, lowers)


# (text, hedges of the claim that starts with the given prefix)
IN_CLAIMS = [
    pytest.param(
        "The minister reportedly resigned on Tuesday, officials said.",
        "The minister", ["reportedly"], id="inside-the-content",
    ),
    pytest.param(
        "Trump reportedly told aides that he would veto the bill.",
        "he would veto", ["reportedly"], id="around-the-cue",
    ),
    pytest.param(
        "It was reported that the minister had resigned.",
        "the minister had resigned", [], id="a-hedging-cue-is-the-attribution",
    ),
    pytest.param(
        "The deal is done, the minister said. The talks allegedly stalled in May.",
        "The deal is done", [], id="not-from-another-sentence",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "prefix", "phrases"), IN_CLAIMS)
def test_claim_hedges(text: str, prefix: str, phrases: list[str]) -> None:
    analysis = analyze(text)
    claims = [c for c in analysis.claims if text[c.start : c.end].startswith(prefix)]
    assert claims, f"no claim starting {prefix!r}"
    assert [h.phrase for h in claims[0].hedges] == phrases


# (cue word, stance): after the AP Stylebook and Wikipedia's MOS:SAID.
STANCES = [
    pytest.param("said", "neutral", id="said"),
    pytest.param("told", "neutral", id="told"),
    pytest.param("wrote", "neutral", id="wrote"),
    pytest.param("claimed", "loaded", id="claimed"),
    pytest.param("admitted", "loaded", id="admitted"),
    pytest.param("conceded", "loaded", id="conceded"),
    pytest.param("insisted", "loaded", id="insisted"),
    pytest.param("revealed", "loaded", id="revealed"),
]


@pytest.mark.parametrize(("word", "expected"), STANCES)
def test_cue_stance(word: str, expected: str) -> None:
    text = f"The minister {word} that the talks had failed."
    start = text.index(word)
    assert stance(Cue(start=start, end=start + len(word), lemma=word), text) == expected


def test_stance_reaches_the_analysis() -> None:
    analysis = analyze("The company claimed that its products were safe.")
    assert [a.cue.stance for a in analysis.attributions] == ["loaded"]
    analysis = analyze("The company said that its products were safe.")
    assert [a.cue.stance for a in analysis.attributions] == ["neutral"]


def test_hedge_list_is_the_data_file() -> None:
    assert {"reportedly", "allegedly", "apparently", "is said to", "is believed to"} <= (
        word_list("hedges")
    )


def test_add_hedges_takes_the_claims_as_any_iterable() -> None:
    text = 'Smith reportedly said the deal was approved. "It may fail," Jones said.'
    a = analyze(text)
    bare = [attrs.evolve(c, hedges=()) for c in a.claims]
    from_list, _ = add_hedges(text, bare, a.attributions)
    from_generator, _ = add_hedges(text, (c for c in bare), a.attributions)
    assert from_generator == from_list
    assert [h.phrase for c in from_list for h in c.hedges] == ["reportedly"]
