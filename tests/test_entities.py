"""Tests for :mod:`attribution.entities`: entities, their mentions, and what sources refer to."""

from __future__ import annotations

import time

import attrs
import pytest

from attribution import analyze, entities
from attribution.entities import _Doc, _Entity, _with_sources, entity_at, source_at
from attribution.model import (
    Analysis,
    Attribution,
    AttributionType,
    Cue,
    Entity,
    MentionForm,
    Source,
    SourceKind,
    Span,
)
from attribution.sources import FEMALE_PRONOUNS, MALE_PRONOUNS, Described


def entity_of(analysis: Analysis, mention: str, occurrence: int = 0) -> Entity:
    """Return the entity with a mention exactly at the ``occurrence``-th ``mention``."""
    start = -1
    for _ in range(occurrence + 1):
        start = analysis.text.index(mention, start + 1)
    found = entity_at(analysis.entities, start, start + len(mention))
    assert found is not None, f"no entity for {mention!r} at {start}"
    return found


# (text, [(mention, occurrence), ...] that must all be one entity, its name, its kind)
SAME = [
    pytest.param(
        "U.S. President Donald Trump told reporters he was disappointed. Trump said the talks "
        "would go on.",
        [("U.S. President Donald Trump", 0), ("Trump", 1)],
        "Donald Trump", SourceKind.PERSON, id="surname",
    ),
    pytest.param(
        "Ukrainian President Volodymyr Zelenskyy thanked the allies. Zelensky said more air "
        "defense was needed.",
        [("Ukrainian President Volodymyr Zelenskyy", 0), ("Zelensky", 1)],
        "Volodymyr Zelenskyy", SourceKind.PERSON, id="spelling-variant",
    ),
    pytest.param(
        "Trump spoke with Merz, according to Spiegel magazine. The leaders discussed trade, "
        "Spiegel reported.",
        [("Spiegel magazine", 0), ("Spiegel", 1)],
        "Spiegel", SourceKind.MEDIA, id="outlet-with-and-without-noun",
    ),
    pytest.param(
        "The Alliance to Reclaim Our Schools (AROS) organized the rallies. AROS said the "
        "walk-ins were its largest yet.",
        [("Alliance to Reclaim Our Schools", 0), ("AROS", 1)],
        "Alliance to Reclaim Our Schools", SourceKind.ORGANIZATION, id="acronym-alias",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mentions", "name", "kind"), SAME)
def test_mentions_of_one_entity(
    text: str, mentions: list[tuple[str, int]], name: str, kind: SourceKind
) -> None:
    analysis = analyze(text)
    found = {entity_of(analysis, m, k).id for m, k in mentions}
    assert len(found) == 1
    entity = entity_of(analysis, *mentions[0])
    assert (entity.name, entity.kind, entity.named) == (name, kind, True)


def test_a_title_mention_keeps_its_form() -> None:
    analysis = analyze("German Chancellor Friedrich Merz said the talks were useful.")
    entity = entity_of(analysis, "German Chancellor Friedrich Merz")
    assert entity.mentions[0].form is MentionForm.TITLE
    assert entity.name == "Friedrich Merz"


def test_two_people_who_share_a_surname_stay_apart() -> None:
    text = (
        "Former President Bill Clinton campaigned in Flint. Hillary Clinton spoke in Ohio. "
        "Mrs. Clinton said the plan would work."
    )
    analysis = analyze(text)
    bill = entity_of(analysis, "Former President Bill Clinton")
    hillary = entity_of(analysis, "Hillary Clinton")
    assert bill.id != hillary.id
    assert entity_of(analysis, "Mrs. Clinton").id == hillary.id


def test_a_campaign_is_not_its_candidate() -> None:
    analysis = analyze("The Trump campaign said the poll was wrong. Trump said he would win.")
    campaign = entity_of(analysis, "Trump campaign")
    person = entity_of(analysis, "Trump", 1)
    assert campaign.kind is SourceKind.ORGANIZATION
    assert person.kind is SourceKind.PERSON
    assert campaign.id != person.id


# (text, pronoun, its occurrence, the mention it refers to, that mention's occurrence)
PRONOUNS = [
    pytest.param(
        "U.S. President Donald Trump told Ukrainian leader Volodymyr Zelenskyy on Friday that "
        "he wants to help with air defense.",
        "he", 0, "U.S. President Donald Trump", 0, id="speaker-of-the-content",
    ),
    pytest.param(
        "Trump told Zelenskyy he would check what weapons had been put on hold.",
        "he", 0, "Trump", 0, id="told-someone",
    ),
    pytest.param(
        "Sen. Elizabeth Warren grilled John Stumpf on Tuesday. She said he should resign.",
        "She", 0, "Sen. Elizabeth Warren", 0, id="gender-from-first-name",
    ),
    pytest.param(
        "Mr. Obama met Mrs. Clinton in Ohio. She said the race was close.",
        "She", 0, "Mrs. Clinton", 0, id="gender-from-title",
    ),
    pytest.param(
        "Senator Lindsey Graham spoke after the vote. He said the bill would pass.",
        "He", 0, "Senator Lindsey Graham", 0, id="previous-sentence-subject",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "pronoun", "k", "antecedent", "j"), PRONOUNS)
def test_pronoun_resolves(text: str, pronoun: str, k: int, antecedent: str, j: int) -> None:
    analysis = analyze(text)
    assert entity_of(analysis, pronoun, k).id == entity_of(analysis, antecedent, j).id


def test_pronoun_search_is_windowed() -> None:
    # Ten sentences without a person: "he" has no antecedent that close.
    filler = " ".join(f"Prices rose {n} percent in the quarter." for n in range(10))
    analysis = analyze(f"Trump spoke in Ohio. {filler} He said the vote was rigged.")
    start = analysis.text.index("He said")
    assert entity_at(analysis.entities, start, start + 2) is None


# (text, description, occurrence, the mention it refers to)
DESCRIPTIONS = [
    pytest.param(
        "Ukrainian President Volodymyr Zelenskyy met Trump in Rome. The Ukrainian leader said "
        "the talks were fruitful.",
        "The Ukrainian leader", 0, "Ukrainian President Volodymyr Zelenskyy", id="the-leader",
    ),
    pytest.param(
        "Sen. Lindsey Graham (R-S.C.) met voters in Columbia. The South Carolina senator said "
        "the party would unite.",
        "The South Carolina senator", 0, "Sen. Lindsey Graham", id="the-senator",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "description", "k", "antecedent"), DESCRIPTIONS)
def test_description_resolves(text: str, description: str, k: int, antecedent: str) -> None:
    analysis = analyze(text)
    assert entity_of(analysis, description, k).id == entity_of(analysis, antecedent).id
    src = source_at(analysis, *_span(text, description))
    assert (src.kind, src.named) == (SourceKind.PERSON, True)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_the_two_leaders_are_a_group() -> None:
    text = (
        "President Donald Trump spoke with German Chancellor Friedrich Merz on Thursday. The "
        "two leaders discussed the situation in Ukraine, Spiegel reported."
    )
    analysis = analyze(text)
    group = entity_of(analysis, "The two leaders")
    trump = entity_of(analysis, "President Donald Trump")
    merz = entity_of(analysis, "German Chancellor Friedrich Merz")
    assert group.plural
    assert set(group.members) == {trump.id, merz.id}
    assert group.kind is SourceKind.PERSON and group.named


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param(
            "President Donald Trump met Chancellor Friedrich Merz on Thursday. The two leaders "
            "ate lunch.",
            "Donald Trump and Friedrich Merz",
            id="full-names",
        ),
        pytest.param(
            "Chancellor Friedrich Merz landed on Monday, and President Emmanuel Macron followed "
            "him. The two leaders left early.",
            "Emmanuel Macron and Friedrich Merz",
            id="full-names-and-a-pronoun",
        ),
        # A surname mentioned once, and no source, is no entity: nor is a
        # group of such ("the two candidates" made "Fight and Obama"),
        # however often the group is mentioned.
        pytest.param(
            "President Trump met Chancellor Merz on Thursday. The two leaders ate lunch.",
            None,
            id="surnames-kept-for-nothing-else",
        ),
        pytest.param(
            "President Donald Trump met Chancellor Merz on Thursday. The two leaders ate lunch. "
            "Later the two leaders left early.",
            None,
            id="a-member-kept-for-nothing-else-and-the-group-twice",
        ),
    ],
)
def test_a_group_is_kept_with_its_members_or_not_at_all(text: str, group: str | None) -> None:
    analysis = analyze(text)
    by_id = {entity.id: entity for entity in analysis.entities}
    groups = [entity for entity in analysis.entities if entity.members]
    assert [entity.name for entity in groups] == ([group] if group else [])
    for entity in groups:
        assert len(entity.members) == 2
        assert entity.name == " and ".join(by_id[member].name for member in entity.members)


def test_the_sources_refer_back_to_the_cited_sources_and_are_relayed() -> None:
    text = (
        "Trump told Zelenskyy that he wants to help, Axios reported, citing an unidentified "
        "Ukrainian official and a source with knowledge of the call.\n"
        "The call lasted about 40 minutes, the sources said."
    )
    analysis = analyze(text)
    official = entity_of(analysis, "an unidentified Ukrainian official")
    knower = entity_of(analysis, "a source with knowledge of the call")
    group = entity_of(analysis, "the sources")
    assert set(group.members) == {official.id, knower.id}
    assert group.kind is SourceKind.ANONYMOUS
    hop = next(a for a in analysis.attributions if a.source and a.source.of(text) == "the sources")
    report = next(a for a in analysis.attributions if text[a.cue.start : a.cue.end] == "reported")
    src = hop.sources[0]
    assert src.relayed_by == (report.id,)
    assert src.descriptors is not None
    assert src.descriptors.knowledge is not None  # inherited from the antecedent
    assert src.descriptors.count == 2


def test_the_source_refers_back_to_one_anonymous_source() -> None:
    text = (
        "The deal is close, a senior official said on Monday. It will be signed next week, "
        "the official added."
    )
    analysis = analyze(text)
    assert entity_of(analysis, "the official").id == entity_of(analysis, "a senior official").id


def test_every_source_has_an_entity_of_its_kind() -> None:
    text = (
        "Critics say the plan will raise prices. The Treasury said in a statement that it would "
        "not. “We are confident,” said Treasury Secretary Janet Yellen."
    )
    analysis = analyze(text)
    by_id = {e.id: e for e in analysis.entities}
    for rel in analysis.attributions:
        for src in rel.sources:
            assert src.entity in by_id
            assert by_id[src.entity].kind is src.kind


def test_bare_party_in_a_committee_story_is_its_caucus() -> None:
    text = (
        "The House Oversight Committee voted to hold the aide in contempt. Democrats said the "
        "vote was a stunt."
    )
    src = source_at(analyze(text), *_span(text, "Democrats"))
    assert src.kind is SourceKind.ORGANIZATION
    elsewhere = "Prices are rising. Democrats said the plan was a stunt."
    assert source_at(analyze(elsewhere), *_span(elsewhere, "Democrats")).kind is SourceKind.VAGUE


def test_entities_are_ordered_and_mentions_sorted() -> None:
    analysis = analyze(
        "Trump told Zelenskyy he would help. Zelenskyy said he was grateful, Axios reported."
    )
    starts = [e.mentions[0].start for e in analysis.entities]
    assert starts == sorted(starts)
    for entity in analysis.entities:
        mention_starts = [m.start for m in entity.mentions]
        assert mention_starts == sorted(mention_starts)
    assert [e.id for e in analysis.entities] == [f"e{n + 1}" for n in range(len(starts))]


def test_entities_stage_is_linear() -> None:
    paragraph = (
        "Senator Jane Smith said the bill would pass. She told reporters that it had support, "
        "two aides familiar with the talks said. The aides said she would vote on Friday.\n"
    )

    def seconds(n: int) -> float:
        text = paragraph * n
        start = time.perf_counter()
        analyze(text)
        return time.perf_counter() - start

    seconds(5)
    small, large = seconds(40), seconds(320)
    assert large < small * 8 * 3  # 8x the text: well under quadratic growth


def test_an_ampersand_joins_one_name_run() -> None:
    text = "Johnson & Johnson said the recall was voluntary. Johnson & Johnson added more."
    analysis = analyze(text)
    entity = entity_of(analysis, "Johnson & Johnson", 1)
    assert entity.name == "Johnson & Johnson"
    assert [(m.start, m.end) for m in entity.mentions] == [(0, 17), (49, 66)]


def test_a_source_is_built_with_every_field() -> None:
    # entities._freeze builds each Source from a sources.Described, its entity
    # and its relays: a field added to Source must be added there too.
    fields = {f.name for f in attrs.fields(Source)}
    assert fields == {*Described._fields, "entity", "relayed_by"}


def test_resolving_keeps_every_field_of_a_hop() -> None:
    # find_entities copies each hop field by field (entities._with_sources): a
    # field added to Attribution must be carried over there too.
    hop = Attribution(
        id="a7",
        type=AttributionType.DIRECT,
        form="post",
        cue=Cue(start=20, end=24, lemma="say"),
        content=(Span(0, 18),),
        source=Span(25, 30),
        sources=(Source(start=25, end=30),),
        parent="a2",
        sentence=1,
    )
    for field in attrs.fields(Attribution):
        assert getattr(hop, field.name) != field.default, f"give {field.name} a value"
    sources = (Source(start=25, end=30, kind=SourceKind.PERSON, named=True),)
    assert _with_sources(hop, sources) == attrs.evolve(hop, sources=sources)


@pytest.mark.parametrize(
    ("starts", "added"),
    [
        pytest.param([5, 9, 12], [True, True, True], id="in-text-order"),
        pytest.param([5, 9, 9], [True, True, False], id="the-last-again"),
        pytest.param([9, 3, 5, 3], [True, True, True, False], id="before-the-last"),
        pytest.param([5, 9, 5, 1], [True, True, False, True], id="an-earlier-again"),
    ],
)
def test_an_entity_keeps_one_mention_per_start_in_text_order(
    starts: list[int], added: list[bool]
) -> None:
    ent = _Entity(0, "Maria Lopez", SourceKind.PERSON, named=True)
    assert [ent.add(s, s + 3, MentionForm.NAME) for s in starts] == added
    assert ent.starts == sorted(set(starts))
    assert [m[0] for m in ent.mentions] == ent.starts


def test_marks_are_the_capitalized_words_the_and_he_or_she() -> None:
    text = (
        "The senator said he met A. Smith and THE Times. He, she and Her Majesty's aide "
        'met "the" Ukrainian leader; her view: him, I, a, them, the end.'
    )
    a = analyze(text)
    doc = _Doc(text, a.sentences, a.quotes, (), ())
    for i in range(len(a.sentences)):
        toks = doc.toks(i)
        marks = doc.marks(i)
        assert marks.names == [
            k for k, t in enumerate(toks) if t.text[0].isupper() and len(t.text) > 1
        ]
        assert marks.the == [k for k, t in enumerate(toks) if t.lower == "the"]
        assert marks.pronouns == [
            k for k, t in enumerate(toks) if t.lower in MALE_PRONOUNS | FEMALE_PRONOUNS
        ]


class _EveryWord:
    """A set that holds every word: turns off the descriptions' one-set test."""

    def __contains__(self, word: object) -> bool:
        return True


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian President Volodymyr Zelenskyy met Trump in Rome. The Ukrainian leader said "
        "the talks went well, and the two leaders left. The former senator and the three "
        "senators agreed; the new Republican governor did not. The",
        "Sen. Lindsey Graham met Gov. Nikki Haley. The senator and the governor spoke, and "
        "both men left. Then the 2 presidents and the democratic nominee met the Democratic press.",
        "The senators said the deal was done, and the senators' aides agreed.",
    ],
)
def test_descriptions_are_found_as_without_the_starter_shortcut(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = analyze(text)
    monkeypatch.setattr(entities, "_description_starters", lambda: _EveryWord())
    assert analyze(text) == fast


def test_a_name_is_compared_with_at_most_namesake_scan_namesakes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 300 people sharing a surname: each new "X Smith" weighs only the latest
    # NAMESAKE_SCAN of them, so a text of thousands stays linear.
    weighed: list[int] = []
    best = _Doc._best

    def counting(self: _Doc, hits: list[int], gender: str | None, first: str | None) -> int | None:
        weighed.append(len(hits))
        return best(self, hits, gender, first)

    monkeypatch.setattr(_Doc, "_best", counting)
    firsts = [f"B{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(300)]
    analyze(" ".join(f"{first} Smith said it." for first in firsts))
    assert max(weighed) == entities.NAMESAKE_SCAN
