"""Tests for :mod:`attribution.sources`: what kind of source each hop has, and what describes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from attribution import analyze, sources
from attribution._tokens import tokenize
from attribution.entities import source_at
from attribution.model import Cue, Source, SourceKind
from attribution.pipeline import clear_caches
from attribution.sources import find_medium, merge_abbreviations, name_kind, read_source

SHARED = Path(__file__).resolve().parents[2] / "shared"

P = SourceKind.PERSON
OR = SourceKind.ORGANIZATION
M = SourceKind.MEDIA
D = SourceKind.DOCUMENT
A = SourceKind.ANONYMOUS
V = SourceKind.VAGUE
AU = SourceKind.AUTHOR
OT = SourceKind.OTHER


def source_in(text: str, source: str, occurrence: int = 0) -> Source:
    """Classify the ``occurrence``-th ``source`` in ``text``, in its document."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(source, start + 1)
    return source_at(analyze(text), start, start + len(source))


# (sentence, source span, kind, named)
KINDS = [
    pytest.param(
        "U.S. President Donald Trump told Zelenskyy on Friday that he wants to help.",
        "U.S. President Donald Trump", P, True, id="title-and-name",
    ),
    pytest.param(
        "The call lasted 40 minutes, Axios reported.", "Axios", M, True, id="outlet-by-name"
    ),
    pytest.param(
        "Trump spoke with Merz, according to Spiegel magazine.",
        "Spiegel magazine", M, True, id="name-and-media-noun",
    ),
    pytest.param(
        "The Dallas Morning News reported that the mayor would resign.",
        "The Dallas Morning News", M, True, id="newspaper-name-head",
    ),
    pytest.param(
        "Germany said it is in talks on buying Patriot systems.", "Germany", OR, True,
        id="country-as-actor",
    ),
    pytest.param(
        "The move would weaken its defenses, Kyiv warned.", "Kyiv", OR, True,
        id="capital-as-actor",
    ),
    pytest.param(
        "The Tax Policy Center estimated that the plan would cost $6 trillion.",
        "The Tax Policy Center", OR, True, id="organization-word-in-name",
    ),
    pytest.param(
        "The Roper Center for Public Opinion Research said the group had shifted.",
        "The Roper Center for Public Opinion Research", OR, True, id="organization-word-inside",
    ),
    pytest.param(
        "The FBI said it had found no evidence of a crime.", "The FBI", OR, True, id="acronym"
    ),
    pytest.param(
        "The Trump campaign said the report was false.", "The Trump campaign", OR, True,
        id="campaign-of-a-person",
    ),
    pytest.param(
        "Police said the officer was not wearing a camera.", "Police", OR, False,
        id="police-as-institution",
    ),
    pytest.param(
        "A Bloomberg poll shows that wealthy voters favor Clinton.", "A Bloomberg poll", D, True,
        id="poll",
    ),
    pytest.param(
        "A report by the Government Accountability Office found that the program wasted money.",
        "A report by the Government Accountability Office", D, True, id="report-by-agency",
    ),
    pytest.param(
        "Clinton leads by two points, while 46 percent said they would vote for Trump.",
        "46 percent", D, False, id="poll-share",
    ),
    pytest.param(
        "The call lasted 40 minutes, an unidentified Ukrainian official said.",
        "an unidentified Ukrainian official", A, False, id="unnamed-official",
    ),
    pytest.param(
        "Two people familiar with the talks said a deal was close.",
        "Two people familiar with the talks", A, False, id="people-familiar-with",
    ),
    pytest.param(
        "A spokeswoman for Hillary Clinton says the campaign did not help her.",
        "A spokeswoman for Hillary Clinton", A, False, id="unnamed-spokeswoman",
    ),
    pytest.param(
        "Administration officials said they hoped the move would spur investment.",
        "Administration officials", A, False, id="administration-officials",
    ),
    pytest.param(
        "Several judges handling the lawsuits have cited the election.",
        "Several judges handling the lawsuits", A, False, id="counted-judges",
    ),
    pytest.param(
        "Critics say the plan will raise prices.", "Critics", V, False, id="critics"
    ),
    pytest.param(
        "Many Democrats are afraid that turnout will be low.", "Many Democrats", V, False,
        id="many-democrats",
    ),
    pytest.param(
        "In Mrs. Clinton's favor, all the experts I interviewed said her plans were detailed.",
        "all the experts I interviewed", V, False, id="experts-i-interviewed",
    ),
    pytest.param(
        "The plan is popular, but some note that it costs too much.", "some", V, False,
        id="some",
    ),
    pytest.param(
        "Protesters chanted that the mayor must resign.", "Protesters", OT, False,
        id="crowd",
    ),
    pytest.param(
        "We examine the organization's record on refugees.", "We", AU, False,
        id="we-the-writers",
    ),
    pytest.param(
        "Connecticut’s tax commissioner says no one released the returns.",
        "Connecticut’s tax commissioner", P, False, id="possessed-title",
    ),
    pytest.param(
        "Another critic, Laurence H. Tribe, likened the rules to burning the Constitution.",
        "Another critic, Laurence H. Tribe,", P, True, id="appositive-name",
    ),
    pytest.param(
        "Obama and Clinton said the attack was an act of terror.", "Obama and Clinton", P, True,
        id="coordinated-names",
    ),
    pytest.param(
        "Recent polls in Pennsylvania and Virginia have shown the lead eroding.",
        "Recent polls in Pennsylvania and Virginia", D, False, id="and-inside-a-phrase",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "source", "kind", "named"), KINDS)
def test_kind(text: str, source: str, kind: SourceKind, named: bool) -> None:
    got = source_in(text, source)
    assert (got.kind, got.named) == (kind, named)


# (sentences, source span, its occurrence, kind, named): the kind of what a pronoun refers to.
PRONOUNS = [
    pytest.param(
        "Donald Trump spoke in Ohio. He said the election was rigged.", "He", 0, P, True,
        id="he-a-named-person",
    ),
    pytest.param(
        "The International Monetary Fund cut its forecast. It said growth would slow.",
        "It", 0, OR, True, id="it-an-organization",
    ),
    pytest.param(
        "PolitiFact checked the claim. On Tuesday they published the results.",
        "they", 0, M, True, id="they-an-outlet",
    ),
    pytest.param(
        "“I think it’s terrible,” said Mr. Kamin, who teaches at New York University.",
        "who", 0, P, True, id="who-the-name-before",
    ),
    pytest.param(
        "I know your tax returns are being audited.", "I", 0, AU, False, id="i-the-columnist"
    ),
    pytest.param(
        "“We cannot wait,” said the mayor. “You know it and I know it.”", "You", 0, OT, False,
        id="generic-you",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "source", "occurrence", "kind", "named"), PRONOUNS)
def test_pronoun_takes_the_kind_of_its_entity(
    text: str, source: str, occurrence: int, kind: SourceKind, named: bool
) -> None:
    got = source_in(text, source, occurrence)
    assert (got.kind, got.named) == (kind, named)


# (sentence, source span, role, affiliation, count, plural, seniority, knowledge, reason)
DESCRIPTORS = [
    pytest.param(
        "Trump told Zelenskyy he wants to help, Axios reported, citing an unidentified "
        "Ukrainian official.",
        "an unidentified Ukrainian official",
        ("official", "Ukrainian", 1, False, None, None, None),
        id="role-and-affiliation",
    ),
    pytest.param(
        "The call lasted 40 minutes, according to a source with knowledge of the call.",
        "a source with knowledge of the call",
        ("source", None, 1, False, None, "with knowledge of the call", None),
        id="knowledge",
    ),
    pytest.param(
        "Two senior diplomats familiar with the talks said a deal was close.",
        "Two senior diplomats familiar with the talks",
        ("diplomat", None, 2, True, "senior", "familiar with the talks", None),
        id="count-seniority-knowledge",
    ),
    pytest.param(
        "A senior administration official said the deal was close, speaking on condition of "
        "anonymity because he was not authorized to discuss the talks.",
        "A senior administration official",
        (
            "official", "administration", 1, False, "senior", None,
            "on condition of anonymity because he was not authorized to discuss the talks",
        ),
        id="reason-for-anonymity",
    ),
    pytest.param(
        "Merz and Trump spoke on Thursday, according to Spiegel, citing government sources.",
        "government sources",
        ("source", "government", None, True, None, None, None),
        id="government-sources",
    ),
    pytest.param(
        "A spokeswoman for Hillary Clinton says neither she nor her campaign helped.",
        "A spokeswoman for Hillary Clinton",
        ("spokeswoman", "Hillary Clinton", 1, False, None, None, None),
        id="affiliation-after-the-head",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "source", "expected"), DESCRIPTORS)
def test_descriptors(
    text: str,
    source: str,
    expected: tuple[str, str | None, int | None, bool, str | None, str | None, str | None],
) -> None:
    got = source_in(text, source)
    assert got.kind is A
    desc = got.descriptors
    assert desc is not None
    knowledge = text[desc.knowledge.start : desc.knowledge.end] if desc.knowledge else None
    reason = text[desc.reason.start : desc.reason.end] if desc.reason else None
    assert (
        desc.role, desc.affiliation, desc.count, desc.plural, desc.seniority, knowledge, reason
    ) == expected  # fmt: skip
    assert desc.reason_given is (reason is not None)


def test_named_sources_have_no_descriptors() -> None:
    got = source_in("Chancellor Olaf Scholz said the talks would resume.", "Chancellor Olaf Scholz")
    assert got.descriptors is None


# (sentence, cue, medium kind, channel, medium text)
MEDIA = [
    pytest.param(
        "Zelenskyy on Friday posted on X: “I had a very important conversation.”",
        "posted", "post", "X", "posted on X", id="posted-on-x",
    ),
    pytest.param(
        "The Pentagon said in a statement that two soldiers were wounded.",
        "said", "statement", None, "in a statement", id="in-a-statement",
    ),
    pytest.param(
        "Trump told reporters on Air Force One that he was disappointed.",
        "told", "remarks to reporters", None, "told reporters", id="told-reporters",
    ),
    pytest.param(
        "“It is a disgrace,” Christie said in an interview with CNN on Tuesday.",
        "said", "interview", "CNN", "in an interview with CNN", id="interview-with-cnn",
    ),
    pytest.param(
        "The company said in a court filing that the merger should proceed.",
        "said", "court filing", None, "in a court filing", id="court-filing",
    ),
    pytest.param(
        "The senators wrote in a letter to the secretary that the rules were unlawful.",
        "wrote", "letter", None, "in a letter", id="letter",
    ),
    pytest.param(
        "Warren said at a press conference that the bank should be broken up.",
        "said", "press conference", None, "at a press conference", id="press-conference",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "kind", "channel", "span"), MEDIA)
def test_medium(text: str, cue: str, kind: str, channel: str | None, span: str) -> None:
    start = text.index(cue)
    toks = tokenize(text)
    found = find_medium(
        toks, Cue(start=start, end=start + len(cue), lemma=cue), [t.lower for t in toks]
    )
    assert found is not None
    assert (found.kind, found.channel, text[found.start : found.end]) == (kind, channel, span)


def test_no_medium_for_a_plain_said() -> None:
    text = "The minister said the talks would resume."
    start = text.index("said")
    toks = tokenize(text)
    assert (
        find_medium(toks, Cue(start=start, end=start + 4, lemma="say"), [t.lower for t in toks])
        is None
    )


def test_medium_reaches_the_source_in_the_analysis() -> None:
    text = "The Pentagon said in a statement that two soldiers were wounded."
    rel = analyze(text).attributions[0]
    assert rel.sources[0].medium is not None
    assert rel.sources[0].medium.kind == "statement"


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (["spiegel"], M),
        (["new", "york", "times"], M),
        (["white", "house"], OR),
        (["washington"], OR),
        (["donald", "trump"], P),
        (["republicans"], V),
        (["trump"], OR),  # followed by "campaign", below
    ],
)
def test_name_kind(words: list[str], kind: SourceKind) -> None:
    next_word = "campaign" if words == ["trump"] else ""
    assert name_kind(words, next_word) is kind


def test_abbreviations_are_glued_back() -> None:
    toks = merge_abbreviations(tokenize("Sen. J. D. Vance of the U.S. said."))
    assert [t.text for t in toks] == ["Sen.", "J.", "D.", "Vance", "of", "the", "U.S.", "said", "."]


def test_describe_without_context() -> None:
    text = "Experts warn that the virus could spread."
    assert read_source(text, 0, 7).kind is V
    assert read_source(text, 0, 0).kind is SourceKind.UNKNOWN


@pytest.mark.skipif(not (SHARED / "data" / "polnear-dev.jsonl").exists(), reason="no shared data")
def test_kind_accuracy_on_labelled_polnear_dev_sources(
    load_script: Callable[[str], ModuleType],
) -> None:
    ev = load_script("scripts/eval_sources.py")
    corpus = ev.Corpus(ev.load_docs(SHARED / "data"))
    results = ev.kind_results(corpus)
    assert len(results) >= 200
    right = sum(1 for rec, got in results if got == rec["kind"])
    assert right / len(results) >= 0.90


@pytest.mark.parametrize(
    "text",
    [
        "² said Maria Lopez.",
        "³ officials said the talks had stalled.",
        "Officials, ² of them senior, said it rained.",
        "Some ¹⁰ people familiar with the plan said it would fail.",
    ],
)
def test_digits_that_are_not_decimal_are_no_count_and_no_crash(text: str) -> None:
    sources = [src for hop in analyze(text).attributions for src in hop.sources]
    assert sources
    assert all(src.descriptors is None or src.descriptors.count is None for src in sources)


_MANY_SOURCES = (
    "Trump said it rained. Officials said it snowed. The White House said it was sunny. "
    "A spokesman said it was windy. Reuters reported it was cold. Two aides said it was hot."
)


def test_the_kinds_read_are_kept_within_their_bound_and_emptied_with_the_caches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = analyze(_MANY_SOURCES).attributions
    assert len({s.kind for a in expected for s in a.sources}) >= 4
    clear_caches()
    monkeypatch.setattr(sources, "MAX_ENTRIES", 2)
    assert analyze(_MANY_SOURCES).attributions == expected
    assert 0 < len(sources._KINDS) <= 2
    clear_caches()
    assert not sources._KINDS


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Officials said it rained. On Monday, officials said it snowed.",
            id="sentence-initial-or-not",
        ),
        pytest.param(
            "Trump said it rained. Later Mr. Trump and Trump aides said it snowed.",
            id="name-alone-or-in-a-phrase",
        ),
        pytest.param(
            "The White House said so. Aides at the White House said so.",
            id="head-or-modifier",
        ),
    ],
)
def test_a_kind_kept_for_the_same_words_is_the_kind_read_afresh(text: str) -> None:
    # head_kind keeps a kind by the words and the core's fields; wherever the
    # words stand, the kind kept must be the kind read from them anew.
    calls: list[tuple[sources.Core, tuple[SourceKind, bool]]] = []
    clear_caches()
    real = sources.head_kind

    def recorded(c: sources.Core) -> tuple[SourceKind, bool]:
        kind = real(c)
        calls.append((c, kind))
        return kind

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "head_kind", recorded)
        analyze(text)
    assert len(calls) >= 2
    assert sources._KINDS  # the kinds were kept, and read back for the repeated words
    for c, kind in calls:
        assert kind == sources._head_kind(c)


def test_find_medium_refuses_words_not_as_many_as_the_tokens() -> None:
    toks = tokenize("The minister said in a statement that talks resumed.")
    with pytest.raises(ValueError, match="got 9 lower-cased words for 10 tokens"):
        find_medium(toks, Cue(start=13, end=17, lemma="say"), [t.lower for t in toks][:-1])
