"""Tests for claims: what each sentence asserts, its type and its attribution chain.

Every sentence yields at least one claim: the content of an attribution
(direct, indirect or mixed) or the writer's own, unattributed assertion; a
sentence that frames an attribution ("The call came a day after Trump said
...") yields both; boilerplate yields none. A claim's text drops a leading
complementizer "that", the quotation marks around a direct quote and the
sentence-final period. Chains are given here as the cue of each hop,
innermost first.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from attribution import Analysis, ClaimType, SentenceKind, analyze
from attribution._tokens import CLOSING_QUOTES
from attribution.claims import _TRIM_LEFT, _TRIM_RIGHT, _WORD, _has_word, _trim
from attribution.quotes import quoted_length

D = ClaimType.DIRECT
I = ClaimType.INDIRECT  # noqa: E741
M = ClaimType.MIXED
U = ClaimType.UNATTRIBUTED

Expected = list[tuple[str, ClaimType, tuple[str, ...]]]


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def claims_of(text: str, analysis: Analysis) -> Expected:
    """Each claim as (its text, type, the cue of each hop innermost first)."""
    out = []
    for claim in analysis.claims:
        cues = []
        for attribution_id in claim.chain:
            cue = analysis.attribution(attribution_id).cue
            cues.append(text[cue.start : cue.end])
        out.append((text[claim.start : claim.end], claim.type, tuple(cues)))
    return out


def check_claims(text: str, expected: Expected) -> Analysis:
    analysis = analyze(text)
    assert claims_of(text, analysis) == expected
    for claim, (wanted, _, _) in zip(analysis.claims, expected, strict=True):
        assert 0 <= claim.start < claim.end <= len(text)
        if text.count(wanted) == 1:
            assert claim.start == text.find(wanted)
    return analysis


# --- the writer's own assertions -----------------------------------------------

UNATTRIBUTED = [
    pytest.param(
        "Russia pummeled Kyiv with the largest drone attack of the war on Friday.",
        [("Russia pummeled Kyiv with the largest drone attack of the war on Friday", U, ())],
        id="plain",
    ),
    pytest.param(
        "The Senate adjourned for the August recess.",
        [("The Senate adjourned for the August recess", U, ())],
        id="short",
    ),
    pytest.param(
        "Shares of Nvidia fell 3.2% to $118.50 in early trading on Tuesday.",
        [("Shares of Nvidia fell 3.2% to $118.50 in early trading on Tuesday", U, ())],
        id="decimals-and-money",
    ),
    pytest.param(
        "Sen. Mitch McConnell, R-Ky., was first elected to the Senate in 1984.",
        [("Sen. Mitch McConnell, R-Ky., was first elected to the Senate in 1984", U, ())],
        id="abbreviations",
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNATTRIBUTED)
def test_unattributed(text: str, expected: Expected) -> None:
    analysis = check_claims(text, expected)
    assert analysis.attributions == ()


# --- a sentence that frames an attribution yields both claims ------------------

FRAMING = [
    pytest.param(
        "The call came a day after Trump said he had a disappointing conversation with Putin.",
        [
            (
                "The call came a day after Trump said he had a disappointing conversation "
                "with Putin",
                U,
                (),
            ),
            ("he had a disappointing conversation with Putin", I, ("said",)),
        ],
        id="a-day-after-said",
    ),
    pytest.param(
        "The vote was delayed hours after Schumer said Democrats would block the bill.",
        [
            (
                "The vote was delayed hours after Schumer said Democrats would block the bill",
                U,
                (),
            ),
            ("Democrats would block the bill", I, ("said",)),
        ],
        id="hours-after-said",
    ),
    pytest.param(
        "Markets rallied on Wednesday after the Fed signaled that it would cut rates in September.",
        [
            (
                "Markets rallied on Wednesday after the Fed signaled that it would cut rates "
                "in September",
                U,
                (),
            ),
            ("it would cut rates in September", I, ("signaled",)),
        ],
        id="after-signaled-that",
    ),
    pytest.param(
        "The announcement came two days after Zelenskyy warned that Ukraine was running low "
        "on interceptors.",
        [
            (
                "The announcement came two days after Zelenskyy warned that Ukraine was "
                "running low on interceptors",
                U,
                (),
            ),
            ("Ukraine was running low on interceptors", I, ("warned",)),
        ],
        id="after-warned-that",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FRAMING)
def test_framing_sentence_yields_both(text: str, expected: Expected) -> None:
    analysis = check_claims(text, expected)
    outer, inner = analysis.claims
    assert outer.start <= inner.start and inner.end <= outer.end


# --- an attribution alone yields only its content -------------------------------

ATTRIBUTED = [
    pytest.param(
        "Senator Elizabeth Warren has also said that she wants to help small businesses recover.",
        [("she wants to help small businesses recover", I, ("has also said",))],
        id="strips-that",
    ),
    pytest.param(
        "That decision was a mistake, the senator said.",
        [("That decision was a mistake", I, ("said",))],
        id="keeps-demonstrative-that",
    ),
    pytest.param(
        "The ceasefire collapsed within hours, according to local officials.",
        [("The ceasefire collapsed within hours", I, ("according to",))],
        id="according-to",
    ),
    pytest.param(
        "Prices rose 0.4% in March, the Labor Department said on Wednesday.",
        [("Prices rose 0.4% in March", I, ("said",))],
        id="post-posed-said-on-day",
    ),
    pytest.param(
        "Netanyahu told President Emmanuel Macron that Israel would not accept a unilateral "
        "ceasefire.",
        [("Israel would not accept a unilateral ceasefire", I, ("told",))],
        id="told-titled-addressee",
    ),
    pytest.param(
        '"We will win this fight," Sanders said at the rally.',
        [("We will win this fight", D, ("said",))],
        id="quote-said-at-the-rally",
    ),
    pytest.param(
        "Trump believes the tariffs will bring manufacturing jobs back to Ohio.",
        [("the tariffs will bring manufacturing jobs back to Ohio", I, ("believes",))],
        id="belief-cue",
    ),
    pytest.param(
        # An intention ("hopes to ...") carries no checkable proposition of its
        # own: the claim is the writer's, that Pelosi hopes so.
        "Pelosi hopes to bring the bill to the floor next month.",
        [("Pelosi hopes to bring the bill to the floor next month", U, ())],
        id="intention-cue",
    ),
    pytest.param(
        # As with "hopes": a wish is no checkable proposition; the claim is the
        # writer's, that the governor wants it (the relation is still listed).
        "The governor wants the legislature to pass the budget before July.",
        [("The governor wants the legislature to pass the budget before July", U, ())],
        id="wants",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTED)
def test_attributed_only(text: str, expected: Expected) -> None:
    check_claims(text, expected)


# --- direct, indirect and mixed claims -----------------------------------------

TYPES = [
    pytest.param(
        '"We will not back down," Governor Gavin Newsom said.',
        [("We will not back down", D, ("said",))],
        id="direct-strips-marks-and-comma",
    ),
    pytest.param(
        "“I have no intention of resigning,” said Prime Minister Keir Starmer.",
        [("I have no intention of resigning", D, ("said",))],
        id="direct-curly",
    ),
    pytest.param(
        'German Chancellor Friedrich Merz said: "Europe must take responsibility for its '
        'own security."',
        [("Europe must take responsibility for its own security", D, ("said:",))],
        id="direct-colon-strips-period",
    ),
    pytest.param(
        "Ford said in a statement that it would recall 1.2 million vehicles.",
        [("it would recall 1.2 million vehicles", I, ("said in a statement",))],
        id="indirect",
    ),
    pytest.param(
        'Rubio said the talks were "productive" and would continue next week.',
        [('the talks were "productive" and would continue next week', M, ("said",))],
        id="mixed-inner-quote",
    ),
    pytest.param(
        "The White House said the president “looks forward” to meeting Xi next month.",
        [("the president “looks forward” to meeting Xi next month", M, ("said",))],
        id="mixed-curly",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TYPES)
def test_claim_types(text: str, expected: Expected) -> None:
    check_claims(text, expected)


# A mixed content that ends in a quotation: the claim cannot drop the marks
# (they do not enclose it), so it must keep both or neither, never an opening
# mark without its closing one.
MIXED_ENDING_IN_QUOTE = [
    pytest.param(
        'Zelenskyy called the attack "deliberately massive and cynical."',
        "the attack",
        "deliberately massive and cynical",
        id="called",
    ),
    pytest.param(
        'The Kremlin said in a statement that the talks had been "constructive."',
        "the talks had been",
        "constructive",
        id="statement",
    ),
    pytest.param(
        'As Treasury Secretary Scott Bessent put it, the economy is "in transition."',
        "the economy is",
        "in transition",
        id="as-put-it",
    ),
]


@pytest.mark.parametrize(("text", "opening", "quoted"), MIXED_ENDING_IN_QUOTE)
def test_mixed_claim_keeps_quotes_balanced(text: str, opening: str, quoted: str) -> None:
    analysis = analyze(text)
    (claim,) = analysis.claims
    assert claim.type is M
    claim_text = text[claim.start : claim.end]
    assert claim_text.startswith(opening)
    assert quoted in claim_text
    assert claim_text.count('"') % 2 == 0
    assert claim_text.count("“") == claim_text.count("”")


# --- quotes of several sentences: one claim per sentence, one chain -------------

MULTI_SENTENCE = [
    pytest.param(
        '"We are ready to talk. But we will not surrender," Zelenskyy said.',
        [
            ("We are ready to talk", D, ("said",)),
            ("But we will not surrender", D, ("said",)),
        ],
        id="one-quote-two-sentences",
    ),
    pytest.param(
        '"The vote is a disaster for working families," Sanders said. "We will keep fighting."',
        [
            ("The vote is a disaster for working families", D, ("said",)),
            ("We will keep fighting", D, ("said",)),
        ],
        id="continued-in-paragraph",
    ),
    pytest.param(
        'Polish President Andrzej Duda said: "We are grateful for the support. It helps us '
        'protect lives.\n"We discussed air defense and joint production.\n"We also agreed to '
        'a meeting between our teams."',
        [
            ("We are grateful for the support", D, ("said:",)),
            ("It helps us protect lives", D, ("said:",)),
            ("We discussed air defense and joint production", D, ("said:",)),
            ("We also agreed to a meeting between our teams", D, ("said:",)),
        ],
        id="three-paragraphs",
    ),
    pytest.param(
        "“We have the votes,” Thune told reporters. “The bill will pass this week.”",
        [
            ("We have the votes", D, ("told",)),
            ("The bill will pass this week", D, ("told",)),
        ],
        id="told-reporters",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTI_SENTENCE)
def test_multi_sentence_quote(text: str, expected: Expected) -> None:
    analysis = check_claims(text, expected)
    assert len({claim.chain for claim in analysis.claims}) == 1
    assert len({claim.sentence for claim in analysis.claims}) == len(analysis.claims)


# --- boilerplate yields no claim ------------------------------------------------

BOILERPLATE = [
    pytest.param("© 2025 Reuters. All rights reserved.", id="reuters-copyright"),
    pytest.param("© 2025 Thomson/Reuters. All rights reserved.", id="thomson-reuters"),
    pytest.param(
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        id="ap-copyright",
    ),
    pytest.param("(Reporting by Jane Doe; Editing by John Smith)", id="reuters-credit"),
]


@pytest.mark.parametrize("text", BOILERPLATE)
def test_boilerplate_yields_no_claim(text: str) -> None:
    analysis = analyze(text)
    assert analysis.sentences
    assert analysis.claims == ()


# --- whole documents: every sentence has a claim, boilerplate none -------------

ARTICLE = (
    "Trump told Zelenskyy on Friday that he wants to help with air defense, Axios reported, "
    "citing an unidentified Ukrainian official and a source with knowledge of the call.\n"
    "The call lasted about 40 minutes, one source said. Russia launched hundreds of drones "
    "at Kyiv overnight.\n"
    '"We will not give up," Zelenskyy said. "We will defend every city."\n'
    "The attack came a day after Germany said it was in talks on buying Patriot systems.\n"
    "© 2025 Reuters. All rights reserved."
)


def test_every_body_sentence_yields_a_claim() -> None:
    analysis = analyze(ARTICLE)
    assert len(analysis.sentences) == 8
    for index, sentence in enumerate(analysis.sentences):
        own = [claim for claim in analysis.claims if claim.sentence == index]
        if sentence.kind is SentenceKind.BOILERPLATE:
            assert own == [], ARTICLE[sentence.start : sentence.end]
        else:
            assert own, ARTICLE[sentence.start : sentence.end]
            for claim in own:
                assert sentence.start <= claim.start and claim.end <= sentence.end
    copyright_start = ARTICLE.index("©")
    tail = [s for s in analysis.sentences if s.start >= copyright_start]
    assert tail
    assert all(sentence.kind is SentenceKind.BOILERPLATE for sentence in tail)
    last = analysis.claims[-1]
    assert ARTICLE[last.start : last.end] == "it was in talks on buying Patriot systems"


@pytest.mark.parametrize(
    "text",
    [
        str(param.values[0])
        for table in (UNATTRIBUTED, FRAMING, ATTRIBUTED, TYPES)
        for param in table
    ]
    + [str(param.values[0]) for param in MULTI_SENTENCE]
    + [ARTICLE],
)
def test_claims_are_well_formed(text: str) -> None:
    """Whatever is found: ordered, unique ids, spans inside, chains linked and typed."""
    analysis = analyze(text)
    ids = [claim.id for claim in analysis.claims]
    assert len(set(ids)) == len(ids)
    starts = [claim.start for claim in analysis.claims]
    assert starts == sorted(starts)
    for claim in analysis.claims:
        claim_text = text[claim.start : claim.end]
        assert claim_text and claim_text.strip() == claim_text
        assert not claim_text.endswith(".") or claim_text.endswith(("U.S.", "a.m.", "p.m."))
        assert claim.spans
        assert claim.spans[0].start == claim.start
        assert claim.spans[-1].end == claim.end
        assert 0 <= claim.sentence < len(analysis.sentences)
        if not claim.chain:
            assert claim.type is U
            continue
        assert claim.type is not U
        innermost = analysis.attribution(claim.chain[0])
        assert innermost.content_span.contains(claim.spans[0])
        for inner, outer in itertools.pairwise(claim.chain):
            assert analysis.attribution(inner).parent == outer
        assert analysis.attribution(claim.chain[-1]).parent is None


def _trim_by_stripping(text: str, start: int, end: int) -> tuple[int, int]:
    """What ``_trim`` computed before it stepped over the marks: strip a slice."""
    kept = text[start:end].lstrip("".join(_TRIM_LEFT))
    start = end - len(kept)
    return start, start + len(kept.rstrip("".join(_TRIM_RIGHT)))


@pytest.mark.parametrize(
    "text",
    [
        'He said "the plan is dead."',
        "that the talks had stalled.",
        ' "“—',
        "",
        "It rained -- and then it stopped --",
        "(in part) the budget, he said;",
        "“Yes,” she said.\r\n",
        'the attack "deliberately massive and cynical."',
    ],
)
def test_trimming_a_claim_steps_over_the_marks_that_stripping_removes(text: str) -> None:
    for start, end in itertools.combinations_with_replacement(range(len(text) + 1), 2):
        first, last = _trim(text, start, end)
        stripped_first, stripped_last = _trim_by_stripping(text, start, end)
        # What _trim does beyond stripping: drop a leading "that ", keep a closing quote.
        that = text.startswith("that ", stripped_first) and stripped_last - stripped_first > 5
        assert first == stripped_first + 5 * that, (start, end)
        kept_quote = last > stripped_last and text[last - 1] in CLOSING_QUOTES
        assert last == stripped_last or (kept_quote and last <= end), (start, end)


def test_a_claim_has_a_word_exactly_when_it_holds_a_letter_or_digit() -> None:
    # Every character, lone surrogates included: the shortcut reads str.isalnum,
    # the fallback the pattern, and the two must agree whatever Unicode's tables say.
    every = "".join(map(chr, range(0x110000)))
    assert _WORD.findall(every) == [c for c in every if c.isalnum()]
    assert not _has_word(' "—(.) ', 0, 7)
    assert _has_word(' "—(.) 7', 0, 8)
    assert not _has_word("Yes", 1, 1)


def test_a_claim_of_a_direct_or_indirect_relation_has_its_type() -> None:
    # claims_found takes the type of a claim cut from a direct or an indirect
    # content from its relation: measured against the quotations, it is the same.
    root = Path(__file__).resolve().parents[1]
    paths = [*(root / "tests" / "golden").glob("*.txt"), *(root / "seeds").glob("*.txt")]
    measured = 0
    for path in paths:
        analysis = analyze(path.read_text(encoding="utf-8"))
        outer = [q for q in analysis.quotes if q.depth == 0]
        starts = [q.start for q in outer]
        for claim in analysis.claims:
            if not claim.chain:
                continue
            quoted = quoted_length(claim.start, claim.end, outer, starts)
            kind = D if quoted >= claim.end - claim.start else M if quoted else I
            assert claim.type is kind, (path.name, claim)
            measured += 1
    assert measured > 20
