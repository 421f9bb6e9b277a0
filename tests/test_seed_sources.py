"""Acceptance: sources, entities and grades of the seed article, read off the analysis.

Each check finds things by their text in the analysis and compares what the
analysis says of them; nothing is keyed on offsets of the seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import Analysis, Claim, Grade, Source, SourceKind, analyze, to_dict
from attribution.entities import entity_at
from attribution.model import Entity

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze(SEED.read_text(encoding="utf-8"))


def entity_named(analysis: Analysis, name: str) -> Entity:
    found = [e for e in analysis.entities if e.name == name]
    assert len(found) == 1, f"expected one entity named {name!r}, got {len(found)}"
    return found[0]


def mention_texts(analysis: Analysis, entity: Entity) -> set[str]:
    return {analysis.text[m.start : m.end] for m in entity.mentions}


def source(analysis: Analysis, text: str) -> Source:
    found = [
        s
        for a in analysis.attributions
        for s in a.sources
        if analysis.text[s.start : s.end] == text
    ]
    assert found, f"no source {text!r} in the analysis"
    return found[0]


def claims_starting(analysis: Analysis, prefix: str) -> list[Claim]:
    found = [c for c in analysis.claims if analysis.text[c.start : c.end].startswith(prefix)]
    assert found, f"no claim starting {prefix!r}"
    return found


@pytest.mark.parametrize(
    ("name", "kind", "mentions"),
    [
        ("Donald Trump", SourceKind.PERSON, {"U.S. President Donald Trump", "Trump"}),
        (
            "Volodymyr Zelenskyy",
            SourceKind.PERSON,
            {"Ukrainian leader Volodymyr Zelenskyy", "Zelenskyy"},
        ),
        ("Axios", SourceKind.MEDIA, {"Axios"}),
        ("Spiegel", SourceKind.MEDIA, {"Spiegel magazine", "Spiegel"}),
        ("Germany", SourceKind.ORGANIZATION, {"Germany"}),
        ("Kyiv", SourceKind.ORGANIZATION, {"Kyiv"}),
    ],
)
def test_named_entities(seed: Analysis, name: str, kind: SourceKind, mentions: set[str]) -> None:
    entity = entity_named(seed, name)
    assert entity.kind is kind
    assert entity.named
    assert mentions <= mention_texts(seed, entity)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("U.S. President Donald Trump", SourceKind.PERSON),
        ("Axios", SourceKind.MEDIA),
        ("Spiegel magazine", SourceKind.MEDIA),
        ("Spiegel", SourceKind.MEDIA),
        ("Germany", SourceKind.ORGANIZATION),
        ("Kyiv", SourceKind.ORGANIZATION),
        ("Zelenskyy", SourceKind.PERSON),
    ],
)
def test_named_sources(seed: Analysis, text: str, kind: SourceKind) -> None:
    src = source(seed, text)
    assert (src.kind, src.named) == (kind, True)


def test_spiegel_is_one_entity(seed: Analysis) -> None:
    assert source(seed, "Spiegel magazine").entity == source(seed, "Spiegel").entity


# (source text, role, affiliation, count, plural, knowledge text)
ANONYMOUS = [
    pytest.param(
        "an unidentified Ukrainian official", "official", "Ukrainian", 1, False, None,
        id="unidentified-official",
    ),
    pytest.param(
        "a source with knowledge of the call", "source", None, 1, False,
        "with knowledge of the call", id="source-with-knowledge",
    ),
    pytest.param(
        "the sources", "source", "Ukrainian", 2, True, "with knowledge of the call",
        id="the-sources",
    ),
    pytest.param("one source", "source", None, 1, False, None, id="one-source"),
    pytest.param(
        "government sources", "source", "government", None, True, None,
        id="government-sources",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "role", "affiliation", "count", "plural", "knowledge"), ANONYMOUS)
def test_anonymous_sources(
    seed: Analysis,
    text: str,
    role: str,
    affiliation: str | None,
    count: int | None,
    plural: bool,
    knowledge: str | None,
) -> None:
    src = source(seed, text)
    assert (src.kind, src.named) == (SourceKind.ANONYMOUS, False)
    desc = src.descriptors
    assert desc is not None
    got = seed.text[desc.knowledge.start : desc.knowledge.end] if desc.knowledge else None
    assert (desc.role, desc.affiliation, desc.count, desc.plural, got) == (
        role, affiliation, count, plural, knowledge
    )  # fmt: skip
    assert not desc.reason_given  # the seed gives no reason for anonymity


def test_the_sources_are_the_ones_axios_cited(seed: Analysis) -> None:
    group = seed.entities[[e.id for e in seed.entities].index(source(seed, "the sources").entity)]
    cited = {source(seed, t).entity for t in ("an unidentified Ukrainian official",
                                               "a source with knowledge of the call")}  # fmt: skip
    assert set(group.members) == cited
    report = next(a for a in seed.attributions if seed.text[a.cue.start : a.cue.end] == "reported")
    assert report.sources[0].entity == entity_named(seed, "Axios").id
    assert source(seed, "the sources").relayed_by == (report.id,)


@pytest.mark.parametrize(
    "prefix",
    [
        "he wants to help with air defense",
        "he would check what U.S. weapons",
        "he had a disappointing conversation",
    ],
)
def test_he_is_trump(seed: Analysis, prefix: str) -> None:
    claim = claims_starting(seed, prefix)[0]
    he = entity_at(seed.entities, claim.start, claim.start + 2)
    assert he is not None
    assert he.id == entity_named(seed, "Donald Trump").id


def test_zelenskyy_post_is_strong(seed: Analysis) -> None:
    post = next(
        a for a in seed.attributions if seed.text[a.cue.start : a.cue.end].startswith("posted")
    )
    claims = [c for c in seed.claims if c.chain[:1] == (post.id,)]
    assert len(claims) >= 10  # every sentence of the five quoted paragraphs
    assert {c.score.grade for c in claims if c.score} == {Grade.STRONG}
    medium = post.sources[0].medium
    assert medium is not None and (medium.kind, medium.channel) == ("post", "X")


@pytest.mark.parametrize(
    ("prefix", "grades"),
    [
        pytest.param("the attack \"deliberately massive and cynical", {Grade.STRONG},
                     id="massive-and-cynical"),
        pytest.param("it is in talks on buying Patriot", {Grade.STRONG, Grade.MODERATE},
                     id="germany-at-least-moderate"),
        pytest.param("he wants to help with air defense", {Grade.WEAK}, id="axios-via-anonymous"),
        pytest.param("The call lasted about 40 minutes", {Grade.WEAK}, id="the-sources-via-axios"),
        pytest.param("he would check what U.S. weapons", {Grade.WEAK}, id="one-source-via-axios"),
        pytest.param("Trump spoke with German Chancellor Friedrich Merz", {Grade.WEAK},
                     id="spiegel-via-government-sources"),
        pytest.param("Russia pummeled Kyiv", {Grade.UNATTRIBUTED}, id="russia-unattributed"),
    ],
)  # fmt: skip
def test_grades(seed: Analysis, prefix: str, grades: set[Grade]) -> None:
    claim = claims_starting(seed, prefix)[0]
    assert claim.score is not None
    assert claim.score.grade in grades


def test_json_carries_sources_scores_entities_and_summary(seed: Analysis) -> None:
    doc = to_dict(seed)
    assert doc["version"] == 2
    cited = next(a for a in doc["attributions"] if a["form"] == "citing")
    first = cited["source"]["sources"][0]
    assert {"kind", "named", "entity", "descriptors", "medium", "relayed_by"} <= set(first)
    assert first["descriptors"]["role"] == "official"
    claim = doc["claims"][0]
    assert {"value", "grade", "reasons"} == set(claim["score"])
    assert "hedges" in claim
    assert {e["name"] for e in doc["entities"]} >= {"Donald Trump", "Axios", "Spiegel"}
    assert doc["summary"]["claims_by_grade"]["strong"] >= 11
    assert doc["summary"]["longest_chain"] >= 3
