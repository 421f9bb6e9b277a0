"""Tests for :mod:`attribution.scoring`: how well each claim is sourced."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from attribution import analyze
from attribution.lexicon import weights
from attribution.model import (
    Analysis,
    Claim,
    ClaimType,
    Descriptors,
    Grade,
    Hedge,
    Score,
    Source,
    SourceKind,
    Span,
)
from attribution.scoring import (
    _total,
    rests_on_unnamed,
    rubric,
    score_claims,
    source_strength,
    summarize,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

S, MO, W, U, UA = Grade.STRONG, Grade.MODERATE, Grade.WEAK, Grade.UNSUPPORTED, Grade.UNATTRIBUTED


def claim_starting(analysis: Analysis, prefix: str) -> Claim:
    found = [c for c in analysis.claims if analysis.text[c.start : c.end].startswith(prefix)]
    assert found, f"no claim starting {prefix!r}"
    return found[0]


# (text, the claim's first words, grade)
GRADES = [
    pytest.param(
        "“We will not retreat,” Chancellor Olaf Scholz said in a statement on Friday.",
        "We will not retreat", S, id="named-direct-quote-on-record",
    ),
    pytest.param(
        "Senator Elizabeth Warren said the bank should be broken up.",
        "the bank should be broken up", MO, id="named-paraphrase",
    ),
    pytest.param(
        "The Pentagon said in a statement that two soldiers were wounded.",
        "two soldiers were wounded", MO, id="organization-statement",
    ),
    pytest.param(
        "A report by the Government Accountability Office found that the program wasted "
        "$2 billion.", "the program wasted", MO, id="named-document",
    ),
    pytest.param(
        "Two people familiar with the negotiations said the deal was close.",
        "the deal was close", W, id="described-anonymous",
    ),
    pytest.param(
        "The minister reportedly resigned on Tuesday, officials said.",
        "The minister reportedly resigned", W, id="anonymous-and-hedged",
    ),
    pytest.param(
        "Critics say the plan will raise prices.", "the plan will raise prices", U,
        id="vague-critics",
    ),
    pytest.param(
        "Experts warn that the virus could spread.", "the virus could spread", U,
        id="vague-experts",
    ),
    pytest.param(
        "It was reported that the minister had resigned.", "the minister had resigned", U,
        id="no-source",
    ),
    pytest.param(
        "Prices rose sharply in March.", "Prices rose sharply", UA, id="writer-own",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "prefix", "grade"), GRADES)
def test_grade(text: str, prefix: str, grade: Grade) -> None:
    claim = claim_starting(analyze(text), prefix)
    assert claim.score is not None
    assert claim.score.grade is grade


# (better sourced, worse sourced): each claim's first words after the text.
ORDER = [
    pytest.param(
        ("“The deal is dead,” Senator Mitch McConnell said.", "The deal is dead"),
        ("Senator Mitch McConnell said the deal was dead.", "the deal was dead"),
        id="direct-quote-over-paraphrase",
    ),
    pytest.param(
        ("Senator Mitch McConnell said the deal was dead.", "the deal was dead"),
        ("A senior Republican aide said the deal was dead.", "the deal was dead"),
        id="named-over-anonymous",
    ),
    pytest.param(
        ("A senior Republican aide said the deal was dead.", "the deal was dead"),
        ("Some say the deal is dead.", "the deal is dead"),
        id="anonymous-over-vague",
    ),
    pytest.param(
        (
            "Two senior officials familiar with the talks, who spoke on condition of anonymity "
            "because they were not authorized to discuss them, said the deal was dead.",
            "the deal was dead",
        ),
        ("An official said the deal was dead.", "the deal was dead"),
        id="described-and-explained-over-bare",
    ),
    pytest.param(
        ("McConnell said the deal was dead.", "the deal was dead"),
        ("McConnell said the deal was dead, Politico reported.", "the deal was dead"),
        id="first-hand-over-relayed",
    ),
    pytest.param(
        ("McConnell said the deal was dead.", "the deal was dead"),
        ("McConnell said the deal was reportedly dead.", "the deal was reportedly dead"),
        id="unhedged-over-hedged",
    ),
    pytest.param(
        ("The ministry said the figures were wrong.", "the figures were wrong"),
        ("The ministry claimed the figures were wrong.", "the figures were wrong"),
        id="neutral-over-loaded-cue",
    ),
    pytest.param(
        (
            "The deal was dead, according to an aide and a diplomat familiar with the talks.",
            "The deal was dead",
        ),
        ("The deal was dead, according to a diplomat familiar with the talks.", "The deal"),
        id="two-sources-over-one",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("better", "worse"), ORDER)
def test_ordering(better: tuple[str, str], worse: tuple[str, str]) -> None:
    good = claim_starting(analyze(better[0]), better[1]).score
    bad = claim_starting(analyze(worse[0]), worse[1]).score
    assert good is not None and bad is not None
    assert good.value > bad.value


def test_reasons_add_up_to_the_value() -> None:
    text = (
        "Trump told Zelenskyy that he wants to help, Axios reported, citing an unidentified "
        "Ukrainian official and a source with knowledge of the call."
    )
    for claim in analyze(text).claims:
        assert claim.score is not None
        assert 0.0 <= claim.score.value <= 1.0
        total = sum(r.effect for r in claim.score.reasons)
        assert total == pytest.approx(claim.score.value, abs=1e-3)
        assert all(r.code == r.code.lower() and " " not in r.code for r in claim.score.reasons)


def test_reasons_explain_an_anonymous_source() -> None:
    text = (
        "A senior administration official, speaking on condition of anonymity because he was "
        "not authorized to discuss the talks, said the deal was close, according to Reuters."
    )
    claim = claim_starting(analyze(text), "the deal was close")
    assert claim.score is not None
    codes = {r.code for r in claim.score.reasons}
    assert {"anonymous", "anonymous-role", "anonymous-seniority", "anonymity-explained"} <= codes


def test_unattributed_claims_carry_their_own_reason() -> None:
    claim = analyze("Prices rose sharply in March.").claims[0]
    assert claim.score is not None
    assert [r.code for r in claim.score.reasons] == ["unattributed"]


@pytest.mark.parametrize(
    ("kind", "named", "base"),
    [
        (SourceKind.PERSON, True, "person_named"),
        (SourceKind.PERSON, False, "person_unnamed"),
        (SourceKind.ORGANIZATION, True, "organization"),
        (SourceKind.MEDIA, True, "media"),
        (SourceKind.DOCUMENT, False, "document_unnamed"),
        (SourceKind.ANONYMOUS, False, "anonymous"),
        (SourceKind.VAGUE, False, "vague"),
        (SourceKind.UNKNOWN, False, "unknown"),
    ],
)
def test_source_strength_reads_the_rubric(kind: SourceKind, named: bool, base: str) -> None:
    value, reasons = source_strength(Source(start=0, end=1, kind=kind, named=named))
    assert value == rubric().base[base]
    assert len(reasons) == 1


def test_scoring_keeps_every_field_of_a_claim() -> None:
    # score_claims copies each claim field by field (scoring._scored): a field
    # added to Claim must be carried over there too.
    claim = Claim(
        id="c7",
        start=4,
        end=9,
        type=ClaimType.MIXED,
        spans=(Span(4, 9),),
        chain=("a3",),
        sentence=2,
        hedges=(Hedge(start=0, end=3, phrase="reportedly"),),
        score=Score(value=0.0, grade=Grade.WEAK),
    )
    for field in attrs.fields(Claim):
        assert getattr(claim, field.name) != field.default, f"give {field.name} a value"
    (scored,) = score_claims("", [claim], [])
    assert scored.score is not None
    assert scored == attrs.evolve(claim, score=scored.score)


def test_rubric_is_data() -> None:
    data = weights("scoring")
    assert set(data) >= {"grades", "base", "anonymous", "quote", "chain", "hedges", "medium"}
    r = rubric()
    assert r.grades["strong"] > r.grades["moderate"] > r.grades["weak"] > 0
    ladder = [r.base[k] for k in ("person_named", "anonymous", "vague")]
    assert ladder == sorted(ladder, reverse=True)


def test_summary() -> None:
    text = (
        "“We will not retreat,” Chancellor Olaf Scholz said.\n"
        "Critics say the plan will raise prices.\n"
        "Reuters reported that the talks were close, citing an official.\n"
        "Prices rose sharply in March."
    )
    summary = analyze(text).summary
    assert summary is not None
    grades = dict(summary.claims_by_grade)
    assert list(grades) == [g.value for g in Grade]
    assert grades["strong"] >= 1 and grades["unsupported"] >= 1 and grades["unattributed"] >= 1
    kinds = dict(summary.sources_by_kind)
    assert list(kinds) == [k.value for k in SourceKind]
    assert kinds["person"] >= 1 and kinds["vague"] >= 1 and kinds["anonymous"] >= 1
    assert summary.longest_chain == 2
    # Of three attributed claims, two rest only on an anonymous or a vague source.
    assert summary.anonymous_or_vague_only == pytest.approx(2 / 3, abs=1e-3)


@pytest.mark.skipif(not (SHARED / "data" / "polnear-dev.jsonl").exists(), reason="no shared data")
def test_pairwise_ordering_on_labelled_polnear_dev_pairs(
    load_script: Callable[[str], ModuleType],
) -> None:
    ev = load_script("scripts/eval_sources.py")
    corpus = ev.Corpus(ev.load_docs(SHARED / "data"))
    results = ev.pair_results(corpus)
    assert len(results) >= 100
    ordered = sum(1 for _, better, worse in results if better > worse)
    assert ordered / len(results) >= 0.95


def test_score_claims_takes_the_claims_as_any_iterable() -> None:
    text = 'Smith reportedly said the deal was approved. "It may fail," Jones said.'
    a = analyze(text)
    from_list = score_claims(text, a.claims, a.attributions)
    from_generator = score_claims(text, (c for c in a.claims), a.attributions)
    assert from_generator == from_list == a.claims


def test_the_mean_score_is_exactly_rounded_so_every_python_agrees() -> None:
    # Python 3.12 made sum() of floats compensated; a plain sum of these
    # scores gives 0.194 on 3.11 and 0.1939 on 3.12. The summary must not
    # depend on the interpreter.
    values = [0.1243, 0.116, 0.4977, 0.0378]
    claims = [
        Claim(id=f"c{i}", start=0, end=1, type=ClaimType.INDIRECT, spans=[(0, 1)], chain=("a1",),
              score=Score(value=v, grade=W))
        for i, v in enumerate(values)
    ]  # fmt: skip
    assert summarize(claims, []).mean_score == 0.1939


def test_a_source_strength_is_the_exactly_rounded_sum_of_its_effects() -> None:
    # 0.38 + 0.03 + 0.03 is 0.44000000000000006 with a plain sum on 3.11.
    src = Source(start=0, end=9, kind=SourceKind.ANONYMOUS,
                 descriptors=Descriptors(role="diplomat", count=2))  # fmt: skip
    value, reasons = source_strength(src)
    assert [r.code for r in reasons] == ["anonymous", "anonymous-role", "anonymous-count"]
    assert value == 0.44


@pytest.mark.parametrize("module", ["scoring", "matching", "verify", "store"])
def test_scores_are_added_with_fsum_not_sum(module: str) -> None:
    # sum() of floats differs between Python 3.11 and 3.12; counting with
    # sum(1 for ...) is exact everywhere.
    source = (ROOT / "attribution" / f"{module}.py").read_text(encoding="utf-8")
    plain = re.findall(r"(?<![\w.])sum\((?!1 for )", source)
    assert not plain, f"attribution/{module}.py adds with sum(): use math.fsum"


RELAYED = (
    "Trump told Zelenskyy that he wants to help, Axios reported, citing an unidentified "
    "Ukrainian official and a source with knowledge of the call.\n"
    "The call lasted about 40 minutes, the sources said."
)


def test_the_summary_follows_the_relays_recorded_on_sources() -> None:
    # "the sources" were cited by Axios's report: the claim's chain is one hop
    # and a relay, and the longest chain counts both.
    analysis = analyze(RELAYED)
    claim = claim_starting(analysis, "The call lasted")
    by_id = {a.id: a for a in analysis.attributions}
    relayed = [r for h in claim.chain for s in by_id[h].sources for r in s.relayed_by]
    assert len(relayed) == 1
    assert claim.score is not None
    assert "relayed" in [r.code for r in claim.score.reasons]
    assert summarize([claim], analysis.attributions).longest_chain == len(claim.chain) + 1
    assert analysis.summary.longest_chain == 3  # ("a1", "a3", "a4"), the first claim's


def test_scores_read_relays_from_relations_given_as_a_generator() -> None:
    analysis = analyze(RELAYED)
    bare = [attrs.evolve(c, score=None) for c in analysis.claims]
    from_tuple = score_claims(RELAYED, bare, analysis.attributions)
    from_generator = score_claims(RELAYED, bare, (a for a in analysis.attributions))
    assert from_generator == from_tuple
    assert "relayed" in [r.code for c in from_tuple if c.score for r in c.score.reasons]


_SAMPLES = sorted(
    [
        *Path(__file__).resolve().parents[1].glob("seeds/*.txt"),
        *Path(__file__).resolve().parent.glob("golden/*.txt"),
    ]
)


@pytest.mark.parametrize("path", _SAMPLES, ids=lambda p: p.name)
def test_the_summary_counts_the_claims_that_rest_on_unnamed_sources(path: Path) -> None:
    analysis = analyze(path.read_text(encoding="utf-8"))
    by_id = {a.id: a for a in analysis.attributions}
    attributed = [c for c in analysis.claims if c.chain]
    unnamed = sum(1 for c in attributed if rests_on_unnamed(c, by_id))
    expected = round(unnamed / len(attributed), 4) if attributed else 0.0
    assert analysis.summary.anonymous_or_vague_only == expected


# (the effects of a score's reasons, its value, what clamping adds, its grade)
TOTALS = [
    ((0.75,), 0.75, 0.0, MO),
    ((0.38, 0.03, 0.03), 0.44, 0.0, W),
    ((0.3333333,), 0.3333, 0.0, W),
    ((-0.0,), 0.0, 0.0, U),
    ((0.75, 0.15, 0.1, 0.05), 1.0, -0.05, S),
    ((0.12, -0.06, -0.1, -0.1), 0.0, 0.14, U),
]


@pytest.mark.parametrize(("effects", "value", "added", "grade"), TOTALS)
def test_a_score_total_is_its_effects_summed_clamped_and_rounded(
    effects: tuple[float, ...], value: float, added: float, grade: Grade
) -> None:
    found_value, found_added, found_grade = _total(effects)
    assert (found_value, found_grade) == (value, grade)
    if added:
        assert found_added == pytest.approx(added)
    else:
        assert found_added == 0.0  # exactly: no "clamped" reason
