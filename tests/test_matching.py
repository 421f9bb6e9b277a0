"""Claim matching: stores, the index, retrieval, re-ranking, the veto, the CLI."""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import re
import time
import warnings
from collections import Counter
from pathlib import Path

import attrs
import pytest

from attribution._cli_factcheck import register
from attribution.errors import ConfigError, InputError, StoreWarning
from attribution.matching import FEATURES, ClaimMatches, MatchSettings, clean_query, match_claims
from attribution.model import Analysis, Claim, ClaimType
from attribution.store import (
    CheckedClaim,
    ClaimIndex,
    IndexSettings,
    claim_reviews,
    index_path,
    load_store,
    open_store,
    stem,
    terms,
    write_index,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "000_f3a939881c0e3f35.txt"
SHARED = ROOT.parent / "shared"
CHECKTHAT = SHARED / "data"

STORE = (
    CheckedClaim(
        id="fc-call-14",
        claim="Trump and Zelenskyy spoke for only 14 minutes in their July 4 call.",
        title="Did the Trump-Zelenskyy Call Last Just 14 Minutes?",
        rating="False",
    ),
    CheckedClaim(
        id="fc-drones",
        claim="Russia launched the largest drone attack of the war on Kyiv hours after Trump spoke"
        " with Putin.",
        rating="True",
    ),
    CheckedClaim(
        id="fc-patriot",
        claim="Germany is in talks to buy Patriot air defense systems for Ukraine.",
        rating="Mostly true",
    ),
    CheckedClaim(
        id="fc-weapons",
        claim="Washington halted some shipments of weapons to Ukraine.",
        rating="True",
    ),
    CheckedClaim(
        id="fc-fries",
        claim="McDonald's restaurants are offering $1 Any Size Fries between May 18 and 31.",
        title="$1 McDonald's Any Size Fries",
    ),
    CheckedClaim(
        id="fc-bounty",
        claim="Iran's government offered an $80 million bounty for the killing of Donald Trump.",
        title="Did Iran Offer an $80 Million Bounty on Trump?",
    ),
    CheckedClaim(
        id="fc-anaconda",
        claim="A viral video shows a 10-meter-long anaconda swimming across a river in Brazil.",
        title="Does Video Show a 10-Meter-Long Anaconda?",
    ),
    CheckedClaim(
        id="fc-draft",
        claim="The U.S. Army is sending text messages to inform people they've been drafted.",
        title="Is the US Army Sending Texts About a Military Draft?",
    ),
)


@pytest.fixture(scope="module")
def index() -> ClaimIndex:
    return ClaimIndex.build(STORE)


def best(text: str, index: ClaimIndex, **kwargs: object) -> list[str]:
    (result,) = match_claims(text, index, **kwargs)  # type: ignore[arg-type]
    return [m.claim.id for m in result.matches]


# --------------------------------------------------------------------------
# Text analysis


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("caresses", "caress", id="sses"),
        pytest.param("ponies", "poni", id="ies"),
        pytest.param("hopping", "hop", id="double-consonant"),
        pytest.param("filing", "file", id="cvc-e"),
        pytest.param("relational", "relat", id="step2-ational"),
        pytest.param("generalizations", "gener", id="steps-2-4"),
        pytest.param("electricity", "electr", id="step3-iciti"),
        pytest.param("adjustment", "adjust", id="step4-ment"),
        pytest.param("controlling", "control", id="step5b"),
        pytest.param("us", "us", id="two-letters-kept"),
    ],
)
def test_stem_follows_porter(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stem_agrees_with_nltk_original_porter() -> None:
    from nltk.stem.porter import PorterStemmer

    porter = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
    words = {w for c in STORE for w in re.findall(r"[a-z]{3,}", f"{c.claim} {c.title}".lower())}
    words |= {"agreed", "conditional", "hopefulness", "formality", "communism", "probate"}
    assert {w: stem(w) for w in words} == {w: porter.stem(w) for w in words}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. Army is NOT contacting anyone regarding the draft",
            ["u", "armi", "contact", "anyon", "regard", "draft"],
            id="stopwords-and-stems",
        ),
        pytest.param("Zelenskyy’s café", ["zelenskyi", "cafe"], id="accents-and-possessive"),
        pytest.param("3,000 people, $2.8M", ["3000", "peopl", "2.8", "m"], id="numbers"),
        pytest.param(
            "Five o’clock, rock 'n' roll", ["five", "oclock", "rock", "n", "roll"], id="apostrophes"
        ),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("tweet", "expected"),
    [
        pytest.param(
            "im screaming. google featured a hoax article that claims Minecraft is being shut"
            " down in 2020 pic.twitter.com/ECRqyfc8mI — Makena Kelly (@kellymakena) January 2,"
            " 2020",
            "im screaming. google featured a hoax article that claims Minecraft is being shut down"
            " in 2020   Makena Kelly",
            id="tail-cut-to-name",
        ),
        pytest.param(
            "Happy #Hanukkahpic.twitter.com/IfkdcwGENr",
            "Happy  Hanukkah",
            id="glued-pic-link",
        ),
        pytest.param(
            "How are butterflies surviving the #AustralianFires?",
            "How are butterflies surviving the  AustralianFires Australian Fires ?",
            id="hashtag-split",
        ),
        pytest.param(
            "ask @LindseyGrahamSC if he still believes it",
            "ask  LindseyGrahamSC Lindsey Graham SC  if he still believes it",
            id="handle-split",
        ),
        pytest.param(
            "The call lasted about 40 minutes, the sources said.",
            "The call lasted about 40 minutes, the sources said.",
            id="article-text-untouched",
        ),
    ],
)
def test_clean_query(tweet: str, expected: str) -> None:
    assert clean_query(tweet) == expected


# --------------------------------------------------------------------------
# Matching


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        pytest.param(
            "Russia pummeled Kyiv with the largest drone attack of the war across the capital,"
            " hours after Trump's conversation with Putin on Thursday.",
            "fc-drones",
            id="news-sentence",
        ),
        pytest.param(
            "Germany said it is in talks on buying Patriot air defense systems to bridge the gap.",
            "fc-patriot",
            id="paraphrase",
        ),
        pytest.param(
            "A decision by Washington to halt some shipments of weapons to Ukraine prompted"
            " warnings by Kyiv.",
            "fc-weapons",
            id="nominalised",
        ),
        pytest.param(
            "OMG! Iran's regime just announced an $80 million bounty for anyone who brings the"
            " head of @realDonaldTrump #FreeIran2020pic.twitter.com/uB3zO — Jo (@jo) January 5,"
            " 2020",
            "fc-bounty",
            id="tweet",
        ),
        pytest.param(
            "Fact check: The U.S. Army is NOT contacting anyone regarding the draft. If you are"
            " receiving texts about a military draft, they are not official.",
            "fc-draft",
            id="denial",
        ),
    ],
)
def test_match_finds_the_fact_check(claim: str, expected: str, index: ClaimIndex) -> None:
    assert best(claim, index)[0] == expected


def test_number_veto_40_minutes_is_not_14_minutes(index: ClaimIndex) -> None:
    (result,) = match_claims("The call lasted about 40 minutes, the sources said.", index)
    call = next(m for m in result.matches if m.claim.id == "fc-call-14")
    assert call.conflicts == ("40 minutes vs 14 minutes",)
    unvetoed = match_claims(
        "The call lasted about 40 minutes, the sources said.",
        index,
        settings=MatchSettings.default(veto_factor=1.0),
    )[0]
    before = next(m for m in unvetoed.matches if m.claim.id == "fc-call-14")
    assert call.score == pytest.approx(before.score * 0.5, abs=1e-3)


@pytest.mark.parametrize(
    ("claim", "conflict"),
    [
        pytest.param("Trump and Zelenskyy spoke for 14 minutes.", None, id="same-amount"),
        pytest.param(
            "Trump and Zelenskyy spoke for 40 minutes.",
            "40 minutes vs 14 minutes",
            id="other-amount",
        ),
        pytest.param("McDonald's offers $1 fries of any size from May 18.", None, id="same-date"),
        pytest.param(
            "McDonald's sells $1 fries of any size on May 30.", "May 30 vs May 18", id="other-date"
        ),
        pytest.param(
            "Iran offered a $4 million bounty on Trump.",
            "$4 million vs $80 million",
            id="other-money",
        ),
        pytest.param("Iran offered an $80M bounty on Trump.", None, id="same-money-abbreviated"),
        pytest.param("Iran offered a bounty on Trump in 2019.", None, id="years-not-vetoed"),
    ],
)
def test_veto(claim: str, conflict: str | None, index: ClaimIndex) -> None:
    (result,) = match_claims(claim, index, limit=1)
    assert result.matches[0].conflicts == (() if conflict is None else (conflict,))


def test_veto_of_years_can_be_switched_on() -> None:
    store = [CheckedClaim(id="a", claim="The bridge collapsed in 2016 after a storm.")]
    settings = MatchSettings.default(years=True)
    (result,) = match_claims(
        "The bridge collapsed in 2019 after a storm.", store, settings=settings
    )
    assert result.matches[0].conflicts == ("2019 vs 2016",)


def test_veto_factor_zero_drops_the_match(index: ClaimIndex) -> None:
    settings = MatchSettings.default(veto_factor=0.0)
    ids = best("Trump and Zelenskyy spoke for 40 minutes.", index, settings=settings)
    assert "fc-call-14" not in ids


def test_reasons_name_shared_numbers_names_and_phrases(index: ClaimIndex) -> None:
    (result,) = match_claims(
        "Iran's regime announced an $80 million bounty for the head of Donald Trump.", index
    )
    top = result.matches[0]
    assert top.claim.id == "fc-bounty"
    assert top.numbers == ("$80 million",)
    assert {"Iran's", "Donald", "Trump"} <= set(top.names)
    assert "$80 million bounty" in top.phrases or "80 million bounty" in top.phrases
    assert dict(top.features).keys() == set(FEATURES)
    assert 0.0 < top.score <= 1.0


def test_matches_are_sorted_best_first_and_limited(index: ClaimIndex) -> None:
    (result,) = match_claims("Trump spoke about Ukraine and weapons and drones.", index, limit=3)
    scores = [m.score for m in result.matches]
    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)


def test_min_score_hides_weak_matches(index: ClaimIndex) -> None:
    settings = MatchSettings.default(min_score=0.99)
    assert best("Russia attacked Kyiv with drones.", index, settings=settings) == []


def test_no_shared_words_no_matches(index: ClaimIndex) -> None:
    assert best("Quantum chromodynamics explains gluons.", index) == []
    assert best("", index) == []


def test_match_an_analysis_keeps_claim_offsets(index: ClaimIndex) -> None:
    text = "Officials said Washington halted some weapons shipments to Ukraine."
    start = text.index("Washington")
    claim = Claim(id="c1", start=start, end=len(text) - 1, type=ClaimType.INDIRECT, spans=())
    analysis = Analysis(text=text, claims=(claim,))
    (result,) = match_claims(analysis, index)
    assert isinstance(result, ClaimMatches)
    assert (result.start, result.end, result.claim_id) == (start, len(text) - 1, "c1")
    assert result.text == text[start : len(text) - 1]
    assert result.matches[0].claim.id == "fc-weapons"


def test_match_many_texts_in_order(index: ClaimIndex) -> None:
    results = match_claims(["Germany is buying Patriot systems.", "A giant anaconda video."], index)
    assert [r.matches[0].claim.id for r in results] == ["fc-patriot", "fc-anaconda"]


def test_settings_reject_unknown_names() -> None:
    with pytest.raises(ConfigError, match="did you mean 'query_coverage'"):
        MatchSettings.default(weights={"query_coverag": 1.0})
    with pytest.raises(ConfigError, match="unknown matching setting 'limits'"):
        MatchSettings.default(limits=3)
    with pytest.raises(ConfigError, match="at least 1"):
        MatchSettings.default(limit=0)
    with pytest.raises(ConfigError, match="unknown store field 'body'"):
        IndexSettings(fields={"body": 1.0})


# --------------------------------------------------------------------------
# Retrieval


def _brute_force(index: ClaimIndex, words: list[str], limit: int) -> list[tuple[int, float]]:
    acc: Counter[int] = Counter()
    for term in dict.fromkeys(words):
        postings = index._backend.postings_of(term)
        if postings is None:
            continue
        docs, impacts, _ = postings
        idf = math.log(1 + (len(index) - len(docs) + 0.5) / (len(docs) + 0.5))
        for doc, impact in zip(docs, impacts, strict=True):
            acc[doc] += idf * impact
    return sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def test_maxscore_search_is_exact_without_budget() -> None:
    words = ["war", "drone", "attack", "trump", "russia", "ukraine", "weapons", "air", "video"]
    claims = [
        CheckedClaim(
            id=str(i), claim=" ".join(words[(i * 7 + k) % len(words)] for k in range(i % 6 + 2))
        )
        for i in range(400)
    ]
    index = ClaimIndex.build(claims)
    for query in ("drone attack on ukraine", "trump bounty video", "air defense weapons war"):
        got = index.search(terms(query), limit=10, budget=0)
        want = _brute_force(index, terms(query), 10)
        assert [round(s, 4) for _, s in got] == [round(s, 4) for _, s in want]


# --------------------------------------------------------------------------
# Stores


def test_load_jsonl_with_configured_columns(tmp_path: Path) -> None:
    path = tmp_path / "checks.jsonl"
    rows = [
        {
            "claim_id": 17,
            "statement": "Tap water in Flint is safe to drink again.",
            "verdict": "Mostly false",
            "site": "Example Check",
            "who": "A city official",
        },
        {"claim_id": 18, "statement": ""},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    claims = load_store(
        path,
        columns={
            "id": "claim_id",
            "claim": "statement",
            "rating": "verdict",
            "checker": "site",
            "speaker": "who",
        },
    )
    assert claims == (
        CheckedClaim(
            id="17",
            claim="Tap water in Flint is safe to drink again.",
            rating="Mostly false",
            checker="Example Check",
            speaker="A city official",
        ),
    )


@pytest.mark.parametrize(
    ("claim", "nl"),
    [
        pytest.param("Flint's water is safe.\u2028It was tested.", "\n", id="line-separator"),
        pytest.param("Flint's water is safe.\u2029It was tested.", "\n", id="paragraph-separator"),
        pytest.param("Flint's water is safe.\x85It was tested.", "\n", id="next-line-nel"),
        pytest.param("Flint's water is safe.", "\r\n", id="crlf-lines"),
        pytest.param("Flint's water is safe.", "\r", id="cr-lines"),
    ],
)
def test_a_jsonl_store_line_ends_only_at_a_line_break_json_cannot_hold(
    claim: str, nl: str, tmp_path: Path
) -> None:
    # A JSON string may hold U+2028, U+2029 and NEL as they are; str.splitlines() broke on them.
    path = tmp_path / "checks.jsonl"
    rows = [{"id": "a", "claim": claim}, {"id": "b", "claim": "The dam held."}]
    path.write_text(nl.join(json.dumps(r, ensure_ascii=False) for r in rows) + nl, newline="")
    loaded = [(c.id, c.claim) for c in load_store(path)]
    assert loaded == [("a", " ".join(claim.split())), ("b", "The dam held.")]  # spaces collapsed


def _review(url: str, claim: str) -> dict[str, object]:
    return {"@type": "ClaimReview", "url": url, "claimReviewed": claim}


FC1 = "https://example.org/fc/1"


@pytest.mark.parametrize(
    ("name", "content", "messages"),
    [
        pytest.param(
            "checks.jsonl",
            '{"id": "fc-1", "claim": "The dam burst in May."}\n'
            '{"id": "fc-2", "claim": "The dam held."}\n\n'
            '{"id": "fc-1", "claim": "The dam burst in June."}\n',
            ["checks.jsonl: 2 claims have the id 'fc-1' (lines 1, 4)"],
            id="jsonl",
        ),
        pytest.param(
            "checks.jsonl",
            "".join(json.dumps({"id": i, "claim": "The dam held."}) + "\n" for i in "abab"),
            [
                "checks.jsonl: 2 claims have the id 'a' (lines 1, 3)",
                "checks.jsonl: 2 claims have the id 'b' (lines 2, 4)",
            ],
            id="jsonl-two-ids-in-file-order",
        ),
        pytest.param(
            "checks.jsonl",
            json.dumps(_review(FC1, "The dam burst."))
            + "\n"
            + json.dumps(_review(FC1, "It held.")),
            ["checks.jsonl: 2 claims have the id 'https://example.org/fc/1' (lines 1, 2)"],
            id="jsonl-claimreviews",
        ),
        pytest.param(
            "checks.jsonl",
            json.dumps({**_review(FC1, "The dam burst."), "@graph": [_review(FC1, "It held.")]}),
            ["checks.jsonl: 2 claims have the id 'https://example.org/fc/1' (line 1)"],
            id="jsonl-one-line-two-claimreviews",
        ),
        pytest.param(
            "checks.csv",
            'id,claim\nfc-1,"The dam burst\nin May."\nfc-2,The dam held.\nfc-1,It burst.\n',
            ["checks.csv: 2 claims have the id 'fc-1' (lines 2, 5)"],
            id="csv-a-field-over-two-lines",
        ),
        pytest.param(
            "checks.tsv",
            "id\tclaim\r\nfc-1\tThe dam burst.\r\nfc-1\tThe dam held.\r\n",
            ["checks.tsv: 2 claims have the id 'fc-1' (lines 2, 3)"],
            id="tsv-crlf",
        ),
        pytest.param(
            "checks.json",
            json.dumps([{"id": "fc-1", "claim": "The dam burst."}] * 3),
            ["checks.json: 3 claims have the id 'fc-1'"],
            id="json-rows-no-lines",
        ),
        pytest.param(
            "reviews.jsonld",
            json.dumps([_review(FC1, "The dam burst."), _review(FC1, "The dam held.")]),
            ["reviews.jsonld: 2 claims have the id 'https://example.org/fc/1'"],
            id="claimreview-json-ld",
        ),
        pytest.param(
            "page.html",
            "".join(
                f'<script type="application/ld+json">{json.dumps(_review(FC1, c))}</script>'
                for c in ("The dam burst.", "The dam held.")
            ),
            ["page.html: 2 claims have the id 'https://example.org/fc/1'"],
            id="html-two-blocks",
        ),
    ],
)
def test_a_store_warns_once_for_each_id_that_claims_share(
    name: str, content: str, messages: list[str], tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    with pytest.warns(StoreWarning) as caught:
        claims = load_store(path)
    assert [str(w.message) for w in caught] == [
        f"{path}: {m.split(': ', 1)[1]}; matches cannot tell them apart" for m in messages
    ]
    assert len(claims) >= 2  # every claim is still loaded


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("checks.csv", "id,statement,title\nfc-1,The dam held.,Dam\n", id="csv"),
        pytest.param(
            "checks.jsonl",
            '{"id": "fc-1", "statement": "The dam held.", "title": "Dam"}\n',
            id="jsonl",
        ),
        pytest.param(
            "checks.json",
            '[{"id": "fc-1", "statement": "The dam held.", "title": "Dam"}]',
            id="json-rows",
        ),
    ],
)
def test_a_column_no_row_has_is_refused_with_a_hint(
    name: str, content: str, tmp_path: Path
) -> None:
    """A typo in --columns left the field empty in every claim: matching ran on titles alone."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no row has the column 'statment' given for claim "
                       r"\(did you mean 'statement'\?\)"):  # fmt: skip
        load_store(path, columns={"claim": "statment"})
    assert [c.claim for c in load_store(path, columns={"claim": "statement"})] == ["The dam held."]


def _unnamed(claim: str) -> dict[str, object]:
    return {"@type": "ClaimReview", "claimReviewed": claim}


@pytest.mark.parametrize(
    ("name", "content", "ids"),
    [
        pytest.param(
            "checks.jsonl",
            "\n".join(json.dumps(_unnamed(c)) for c in ("The dam burst.", "The dam held.")),
            ["checks.jsonl:1-1", "checks.jsonl:2-1"],
            id="jsonl-a-review-a-line",
        ),
        pytest.param(
            "checks.jsonl",
            json.dumps({**_unnamed("The dam burst."), "@graph": [_unnamed("The dam held.")]}),
            ["checks.jsonl:1-1", "checks.jsonl:1-2"],
            id="jsonl-two-reviews-on-a-line",
        ),
        pytest.param(
            "page.html",
            "".join(
                f'<script type="application/ld+json">{json.dumps(_unnamed(c))}</script>'
                for c in ("The dam burst.", "The dam held.")
            ),
            ["page.html:block1-1", "page.html:block2-1"],
            id="html-a-review-a-block",
        ),
        pytest.param(
            "reviews.json",
            json.dumps([_unnamed("The dam burst."), _unnamed("The dam held.")]),
            ["reviews.json-1", "reviews.json-2"],
            id="json-ld-list",
        ),
    ],
)
def test_reviews_without_url_or_id_are_named_by_where_they_are(
    name: str, content: str, ids: list[str], tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # distinct ids: no StoreWarning
        assert [c.id for c in load_store(path)] == ids


def test_a_store_warning_lists_ten_lines_at_most(tmp_path: Path) -> None:
    path = tmp_path / "checks.jsonl"
    path.write_text('{"id": "home", "claim": "The dam held."}\n' * 12)
    with pytest.warns(StoreWarning, match=r"12 claims have the id 'home' \(lines 1, 2, 3, 4, "
                      r"5, 6, 7, 8, 9, 10, \.\.\.\);"):  # fmt: skip
        load_store(path)


def test_a_store_with_distinct_ids_gives_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "checks.jsonl"
    path.write_text('{"claim": "The dam held."}\n{"claim": "The dam held."}\n')
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [c.id for c in load_store(path)] == ["checks.jsonl:1", "checks.jsonl:2"]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["match", "--against", "{store}", "{query}"], id="match"),
        pytest.param(["index", "{store}"], id="index"),
    ],
)
def test_cli_warns_of_shared_ids_on_stderr_and_still_exits_0(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "checks.jsonl"
    store.write_text(
        '{"id": "fc-1", "claim": "The dam burst in May."}\n'
        '{"id": "fc-1", "claim": "The dam held."}\n'
        '{"id": "fc-2", "claim": "The dam held."}\n'
    )
    query = tmp_path / "article.txt"
    query.write_text("Officials said the dam held.\n")
    status, out = run([arg.format(store=store, query=query) for arg in command])
    assert status == 0 and out
    assert capsys.readouterr().err == (
        f"attribution: warning: {store}: 2 claims have the id 'fc-1' (lines 1, 2); "
        "matches cannot tell them apart\n"
    )


def test_load_csv_and_tsv_with_default_names(tmp_path: Path) -> None:
    csv_path = tmp_path / "checks.csv"
    csv_path.write_text(
        'id,claim,rating,url,date,author\nx1,"Vaccines contain microchips, a post said.",False,'
        "https://example.org/x1,2021-02-03,Example Check\n",
        encoding="utf-8",
    )
    tsv_path = tmp_path / "checks.tsv"
    tsv_path.write_text("claim\trating\nThe moon landing was staged.\tFalse\n", encoding="utf-8")
    (first,) = load_store(csv_path)
    assert (first.id, first.rating, first.url, first.date, first.checker) == (
        "x1",
        "False",
        "https://example.org/x1",
        "2021-02-03",
        "Example Check",
    )
    (second,) = load_store(tsv_path)
    assert (second.id, second.claim) == ("checks.tsv:2", "The moon landing was staged.")


def test_load_claimreview_graph() -> None:
    claims = load_store(FIXTURES / "claimreviews.jsonld")
    assert len(claims) == 5  # the WebPage node is skipped
    first = claims[0]
    assert first.id == first.url == "https://factcheck.example/2025/07/trump-zelenskyy-call-length"
    assert (first.rating, first.checker, first.date, first.speaker) == (
        "False",
        "Example Fact Check",
        "2025-07-05",
        "A viral post",
    )
    assert first.title == "Did the Trump-Zelenskyy Call Last Just 14 Minutes?"


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param("object", id="one-object"),
        pytest.param("list", id="list"),
        pytest.param("html", id="html-page"),
    ],
)
def test_load_claimreview_shapes(shape: str, tmp_path: Path) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "The call lasted 14 minutes.",
        "url": "https://example.org/fc/1",
        "reviewRating": {"@type": "Rating", "ratingValue": "1", "name": "False"},
        "itemReviewed": {"@type": "Claim", "author": [{"@type": "Person", "name": "A. Person"}]},
    }
    if shape == "object":
        path = tmp_path / "review.json"
        path.write_text(json.dumps(review), encoding="utf-8")
    elif shape == "list":
        path = tmp_path / "reviews.jsonld"
        path.write_text(json.dumps([review, {"@type": "Article"}]), encoding="utf-8")
    else:
        path = tmp_path / "page.html"
        path.write_text(
            "<html><head><script type='application/ld+json'>{broken</script>"
            f'<script type="application/ld+json">{json.dumps(review)}</script></head></html>',
            encoding="utf-8",
        )
    (claim,) = load_store(path)
    assert (claim.claim, claim.rating, claim.speaker) == (
        "The call lasted 14 minutes.",
        "False",
        "A. Person",
    )


def test_claim_reviews_skips_other_nodes() -> None:
    assert claim_reviews({"@graph": [{"@type": "Organization", "name": "X"}]}) == ()


def test_load_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"claim": "fine"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        load_store(bad)
    with pytest.raises(InputError, match="no store file"):
        load_store(tmp_path / "missing.jsonl")
    with pytest.raises(ConfigError, match="did you mean 'speaker'"):
        load_store(bad, columns={"speeker": "who"})


# --------------------------------------------------------------------------
# The on-disk index


def test_sqlite_index_matches_like_the_memory_index(tmp_path: Path, index: ClaimIndex) -> None:
    path = tmp_path / "store.index"
    assert write_index(STORE, path) == len(STORE)
    started = time.perf_counter()
    with ClaimIndex.open(path) as on_disk:
        assert time.perf_counter() - started < 0.5
        assert len(on_disk) == len(STORE)
        assert on_disk.claim(2) == STORE[2]
        query = [
            "Russia attacked Kyiv with drones after Trump spoke with Putin.",
            "Trump and Zelenskyy spoke for 40 minutes.",
        ]
        assert match_claims(query, on_disk) == match_claims(query, index)


def test_open_store_prefers_a_fresh_index(tmp_path: Path) -> None:
    store = tmp_path / "checks.jsonl"
    store.write_text(
        json.dumps({"id": "a", "claim": "The dam burst in May."}) + "\n", encoding="utf-8"
    )
    write_index(load_store(store), index_path(store), source=store)
    with open_store(store) as index:
        assert index.path == index_path(store)
    # A changed store makes the index stale: the store is read again.
    store.write_text(json.dumps({"id": "b", "claim": "The dam held."}) + "\n", encoding="utf-8")
    os.utime(store, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    with open_store(store) as index:
        assert index.path is None
        assert index.claim(0).id == "b"


def test_open_rejects_other_files(tmp_path: Path) -> None:
    other = tmp_path / "other.index"
    other.write_text("not sqlite", encoding="utf-8")
    with pytest.raises(InputError, match="not an index"):
        ClaimIndex.open(other)
    with pytest.raises(InputError, match="no store file"):
        open_store(tmp_path / "missing.jsonl")


# --------------------------------------------------------------------------
# The command line


def run(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="attribution")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out = io.StringIO()
    return args.handler(args, out), out.getvalue()


def test_cli_match_jsonl_prints_ranked_ids(tmp_path: Path) -> None:
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps({"id": "q1", "text": "Germany is buying Patriot air defense systems."})
        + "\n"
        + json.dumps({"id": "q2", "text": "A viral video of a giant anaconda in Brazil."})
        + "\n",
        encoding="utf-8",
    )
    status, out = run(
        [
            "match",
            "--against",
            str(FIXTURES / "claimreviews.jsonld"),
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--limit",
            "2",
            str(queries),
        ]
    )
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["q1", "q2"]
    assert rows[0]["ranked"][0].endswith("germany-patriot-talks")
    assert rows[1]["matches"][0]["rating"] == "Miscaptioned"
    assert all(len(r["ranked"]) <= 2 for r in rows)


def test_cli_index_then_match_text(tmp_path: Path) -> None:
    store = tmp_path / "checks.jsonl"
    store.write_text(
        "\n".join(
            json.dumps({"id": c.id, "claim": c.claim, "title": c.title, "rating": c.rating})
            for c in STORE
        ),
        encoding="utf-8",
    )
    status, out = run(["index", str(store)])
    assert status == 0 and "indexed 8 checked claims" in out
    assert index_path(store).exists()
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps({"id": "q", "text": "The call lasted 40 minutes."}) + "\n", encoding="utf-8"
    )
    status, out = run(
        ["match", "--against", str(index_path(store)), "--input-format", "jsonl", str(queries)]
    )
    assert status == 0
    assert "fc-call-14" in out and "disagrees: 40 minutes vs 14 minutes" in out


def test_cli_match_fields_option_changes_the_index(tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps({"id": "q", "text": "Does video show it?"}) + "\n", encoding="utf-8"
    )
    store = tmp_path / "checks.jsonl"
    store.write_text(
        json.dumps({"id": "a", "claim": "An anaconda swims.", "title": "Does Video Show It?"})
        + "\n",
        encoding="utf-8",
    )
    _, with_title = run(
        [
            "match",
            "--against",
            str(store),
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            str(queries),
        ]
    )
    _, claim_only = run(
        [
            "match",
            "--against",
            str(store),
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--fields",
            "claim",
            str(queries),
        ]
    )
    assert json.loads(with_title)["ranked"] == ["a"]
    assert json.loads(claim_only)["ranked"] == []


def _title_store(tmp_path: Path) -> tuple[Path, Path]:
    """Write a store whose one claim only its title matches, and a query; return both."""
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "q", "text": "Does video show it?"}) + "\n")
    store = tmp_path / "checks.jsonl"
    store.write_text(
        json.dumps({"id": "a", "claim": "An anaconda swims.", "title": "Does Video Show It?"})
        + "\n"
    )
    return store, queries


@pytest.mark.parametrize(
    ("built_with", "given", "ranked"),
    [
        pytest.param([], [], ["a"], id="defaults-both"),
        pytest.param([], ["--fields", "title=2,subtitle=1,claim=1"], ["a"], id="same-weights"),
        pytest.param(["--fields", "claim"], ["--fields", "claim=1"], [], id="claim-only-both"),
        pytest.param(["--fields", "claim"], [], [], id="weights-of-the-index"),
    ],
)
def test_cli_match_with_an_index_takes_the_weights_it_was_built_with(
    tmp_path: Path, built_with: list[str], given: list[str], ranked: list[str]
) -> None:
    store, queries = _title_store(tmp_path)
    assert run(["index", str(store), "-o", str(tmp_path / "s.index"), *built_with])[0] == 0
    argv = ["match", "--against", str(tmp_path / "s.index"), "--input-format", "jsonl"]
    status, out = run([*argv, "--format", "jsonl", *given, str(queries)])
    assert status == 0
    assert json.loads(out)["ranked"] == ranked


@pytest.mark.parametrize(
    ("built_with", "given", "message"),
    [
        pytest.param(
            [],
            ["--fields", "claim"],
            "index '{index}' weighs the fields claim=1,title=2,subtitle=1, fixed when it was "
            "built, not claim=1: rebuild it with 'attribution index STORE --fields ...'",
            id="fields-other-than-the-index",
        ),
        pytest.param(
            ["--fields", "claim"],
            ["--fields", "claim=1,title=2"],
            "index '{index}' weighs the fields claim=1, fixed when it was built, not "
            "claim=1,title=2",
            id="fields-the-index-left-out",
        ),
        pytest.param(
            [],
            ["--columns", "claim=statement"],
            "'{index}' is an index, whose columns were read when it was built: match against "
            "the store itself to read it with the columns claim=statement",
            id="columns",
        ),
    ],
)
def test_cli_match_with_an_index_refuses_fields_or_columns_it_cannot_honour(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    built_with: list[str],
    given: list[str],
    message: str,
) -> None:
    store, queries = _title_store(tmp_path)
    index = tmp_path / "s.index"
    assert run(["index", str(store), "-o", str(index), *built_with])[0] == 0
    capsys.readouterr()
    status, out = run(["match", "--against", str(index), *given, str(queries)])
    assert (status, out) == (2, "")
    assert capsys.readouterr().err.startswith("attribution: error: " + message.format(index=index))


def test_open_store_refuses_other_weights_for_an_index_file(tmp_path: Path) -> None:
    path = tmp_path / "store.index"
    write_index(STORE, path)
    with pytest.raises(ConfigError, match="fixed when it was built"):
        open_store(path, settings=IndexSettings(fields={"claim": 1.0}))
    with pytest.raises(ConfigError, match=r"weighs the fields .* \(k1=1\.2, b=0\.75\)"):
        open_store(path, settings=attrs.evolve(IndexSettings.default(), k1=2.0))
    with open_store(path, settings=IndexSettings.default()) as index:
        assert len(index) == len(STORE)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["match", "--against", "missing.jsonl", "-"], id="missing-store"),
        pytest.param(
            [
                "match",
                "--against",
                str(FIXTURES / "claimreviews.jsonld"),
                "--columns",
                "claim",
                "-",
            ],
            id="bad-columns",
        ),
        pytest.param(["index", "missing.jsonl"], id="index-missing-store"),
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run(argv)
    assert status == 2
    assert capsys.readouterr().err.startswith("attribution: error: ")


def test_cli_match_article_with_the_pipeline() -> None:
    pytest.importorskip("attribution.pipeline", reason="the pipeline is not written yet")
    status, out = run(
        [
            "match",
            "--against",
            str(FIXTURES / "claimreviews.jsonld"),
            "--format",
            "json",
            "--limit",
            "1",
            str(SEED),
        ]
    )
    assert status == 0
    doc = json.loads(out)
    text = SEED.read_text(encoding="utf-8")
    by_text = {c["text"]: c for c in doc["claims"]}
    assert all(text[c["start"] : c["end"]] == c["text"] for c in doc["claims"])
    call = by_text["The call lasted about 40 minutes"]
    assert call["matches"][0]["conflicts"] == ["40 minutes vs 14 minutes"]
    patriot = next(c for t, c in by_text.items() if "Patriot" in t)
    assert patriot["ranked"] == ["https://factcheck.example/2025/07/germany-patriot-talks"]


# --------------------------------------------------------------------------
# The CheckThat! 2022 task 2A evaluation (shared data; skipped without it)

needs_checkthat = pytest.mark.skipif(
    not (CHECKTHAT / "claim-matching-claims.jsonl").exists(),
    reason="the shared CheckThat! data is not beside the repository",
)


@pytest.fixture(scope="module")
def checkthat() -> tuple[ClaimIndex, list[dict[str, object]]]:
    claims = load_store(CHECKTHAT / "claim-matching-claims.jsonl")
    with (CHECKTHAT / "claim-matching-train.jsonl").open(encoding="utf-8") as fh:
        queries = [json.loads(line) for line in fh]
    return ClaimIndex.build(claims), queries


@needs_checkthat
@pytest.mark.parametrize("split", ["dev", "dev-test"])
def test_checkthat_map_at_5(
    split: str, checkthat: tuple[ClaimIndex, list[dict[str, object]]]
) -> None:
    index, queries = checkthat
    subset = [q for q in queries if q["split"] == split]
    results = match_claims([str(q["text"]) for q in subset], index)
    total = 0.0
    for query, result in zip(subset, results, strict=True):
        gold = set(query["matches"])  # type: ignore[call-overload]
        hits = precision = 0.0
        for rank, match in enumerate(result.matches[:5], 1):
            if match.claim.id in gold:
                hits += 1
                precision += hits / rank
        total += precision / len(gold)
    assert total / len(subset) >= 0.88


def test_claimreview_line_without_type_keeps_its_rating(tmp_path: Path) -> None:
    store = tmp_path / "store.jsonl"
    store.write_text(
        '{"claimReviewed": "The call lasted 40 minutes", '
        '"reviewRating": {"alternateName": "True"}, "url": "https://example.org/1"}\n',
        encoding="utf-8",
    )
    (claim,) = load_store(store)
    assert claim.rating == "True"
    assert claim.claim == "The call lasted 40 minutes"


SURROGATE_STORE = '{"id": "z\\ud800", "claim": "The call lasted about 14 minutes \\udc80"}\n'


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
@pytest.mark.parametrize("indexed", [False, True], ids=["memory", "sqlite"])
def test_cli_match_writes_lone_surrogates_of_a_store_as_escapes(
    fmt: str, indexed: bool, tmp_path: Path
) -> None:
    store = tmp_path / "store.jsonl"
    store.write_text(SURROGATE_STORE)
    article = tmp_path / "a.txt"
    article.write_text("The call lasted about 40 minutes, officials said.\n")
    against = str(store)
    if indexed:
        assert run(["index", str(store), "-o", str(tmp_path / "s.index")])[0] == 0
        against = str(tmp_path / "s.index")
    status, out = run(["match", "--against", against, "--format", fmt, str(article)])
    assert status == 0
    out.encode("utf-8")  # printable as UTF-8
    if fmt == "text":
        assert "z\\ud800" in out
    else:
        (match,) = json.loads(out.splitlines()[0] if fmt == "jsonl" else out)["claims"][0][
            "matches"
        ]
        assert (match["id"], match["claim"][-1]) == ("z\ud800", "\udc80")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["--fields", "claim=nan"], "from 0 to", id="nan-field-weight"),
        pytest.param(["--fields", "claim=inf"], "from 0 to", id="infinite-field-weight"),
        pytest.param(["--fields", "claim=1e308"], "from 0 to", id="huge-field-weight"),
        pytest.param(
            ["--min-score", "nan"], "--min-score must be a number from 0 to 1", id="nan-min-score"
        ),
        pytest.param(
            ["--min-score", "2"], "--min-score must be a number from 0 to 1, not 2\n", id="min-2"
        ),
        pytest.param(["--min-score", "-0.5"], "not -0.5\n", id="negative-min-score"),
        pytest.param(["--limit", "-1"], "error: --limit must be at least 1, not -1\n", id="limit"),
        pytest.param(["--limit", "0"], "--limit must be at least 1, not 0", id="zero-limit"),
        pytest.param(["--fields", "titel=2"], "'titel' (did you mean 'title'?)", id="field"),
        pytest.param(["-", "-"], "only once", id="stdin-twice"),
        pytest.param(
            ["--columns", "claim=nope"],
            "no row has the column 'nope' given for claim",
            id="no-such-key",
        ),
    ],
)
def test_cli_match_refuses_values_that_would_spoil_the_output(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "store.jsonl"
    store.write_text('{"id": "a", "claim": "The call lasted 14 minutes"}\n')
    status, out = run(["match", "--against", str(store), *argv])
    assert (status, out) == (2, "")
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["index", "nope.jsonl"], id="index"),
        pytest.param(["match", "--against", "nope.jsonl", "-"], id="match"),
    ],
)
def test_a_missing_store_is_named_the_same_by_index_and_match(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(argv) == (2, "")
    assert capsys.readouterr().err == "attribution: error: no store file 'nope.jsonl'\n"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"limit": 0}, "limit must be at least 1, not 0", id="limit"),
        pytest.param({"candidates": -2}, "candidates must be at least 1, not -2", id="candidates"),
        pytest.param({"min_score": 1.5}, "min_score must be a number from 0 to 1", id="min-score"),
        pytest.param({"min_score": math.nan}, "min_score must be a number from 0 to 1", id="nan"),
        pytest.param({"budget": -1}, "budget must be at least 0, not -1", id="budget"),
        pytest.param({"veto_factor": 2.0}, "veto_factor must be a number from 0 to 1", id="veto"),
        pytest.param({"tolerance": -0.1}, "tolerance must be at least 0, not -0.1", id="tolerance"),
        pytest.param({"limit": math.inf}, "limit must be at least 1, not inf", id="infinite-limit"),
        pytest.param(
            {"min_score": 10**400},
            "min_score must be a number from 0 to 1, not 1000",
            id="long-int-min-score",
        ),
    ],
)
def test_match_settings_name_the_one_setting_that_is_out_of_range(
    overrides: dict[str, float], message: str
) -> None:
    with pytest.raises(ConfigError, match=f"^{re.escape(message)}"):
        MatchSettings.default(**overrides)
    # Built directly, or changed with attrs.evolve, the same checks hold.
    weights = MatchSettings.default().weights
    with pytest.raises(ConfigError, match=f"^{re.escape(message)}"):
        MatchSettings(weights=weights, **overrides)
    with pytest.raises(ConfigError, match=f"^{re.escape(message)}"):
        attrs.evolve(MatchSettings.default(), **overrides)


def test_match_settings_take_a_count_too_long_for_a_float() -> None:
    # The range checks compared through float(), which overflowed: a traceback, exit 1.
    assert MatchSettings.default(limit=10**400, budget=10**400).limit == 10**400


def test_index_refuses_to_overwrite_its_store(tmp_path: Path) -> None:
    store = tmp_path / "store.jsonl"
    store.write_text('{"id": "a", "claim": "The call lasted 14 minutes"}\n')
    before = store.read_bytes()
    with pytest.raises(InputError, match="over the store"):
        write_index(load_store(store), store, source=store)
    assert store.read_bytes() == before


def test_a_damaged_index_is_an_input_error_when_read(tmp_path: Path) -> None:
    store = [CheckedClaim(id=f"c{i}", claim=f"claim number {i} about taxes") for i in range(2000)]
    path = tmp_path / "s.index"
    write_index(store, path)
    data = bytearray(path.read_bytes())
    data[8192:] = b"\xff" * (len(data) - 8192)  # every page but the first two
    path.write_bytes(bytes(data))
    with ClaimIndex.open(path) as index, pytest.raises(InputError, match="damaged"):
        match_claims(["taxes claim number 7"], index)


@pytest.mark.parametrize(
    "page",
    [
        pytest.param('<script type="application/ld+json">{' * 20000, id="ld-scripts-left-open"),
        pytest.param("<script " * 20000, id="script-tags-never-closed"),
    ],
)
def test_a_hostile_html_store_loads_in_linear_time(page: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page)
    started = time.process_time()
    assert load_store(path) == ()
    assert time.process_time() - started < 1.0  # quadratic: 10 s and a minute


@pytest.mark.parametrize(
    ("page", "claims"),
    [
        pytest.param('<script type="text/js">x</script>', [], id="other-script"),
        pytest.param(
            '<SCRIPT id=a type=\'application/ld+json\'>{"@type": "ClaimReview",'
            ' "claimReviewed": "A", "url": "u"}</SCRIPT>',
            ["A"],
            id="upper-case",
        ),
        pytest.param(
            '<script <script type="application/ld+json">{"@type": "ClaimReview",'
            ' "claimReviewed": "B", "url": "u"}</script>',
            ["B"],
            id="tag-inside-a-tag",
        ),
        pytest.param(
            '<script>"<script type="application/ld+json">"</script>'
            '{"@type": "ClaimReview", "claimReviewed": "C", "url": "u"}</script>',
            [],
            id="tag-inside-a-script-is-skipped-as-broken-json",
        ),
    ],
)
def test_html_store_reads_its_ld_json_blocks(page: str, claims: list[str], tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page)
    assert [c.claim for c in load_store(path)] == claims


@pytest.mark.parametrize(
    ("data", "result"),
    [
        pytest.param("utf-16", ["The call lasted 14 minutes"], id="utf-16-with-bom"),
        pytest.param("utf-8-sig", ["The call lasted 14 minutes"], id="utf-8-with-bom"),
        pytest.param(b"\x00\x01{}", "looks like a binary file", id="binary"),
        pytest.param(
            b'{"claim": "caf\xe9"}', "not UTF-8 text (byte 0xe9 at offset 14)", id="latin-1"
        ),
    ],
)
def test_stores_are_decoded_like_articles(
    data: str | bytes, result: list[str] | str, tmp_path: Path
) -> None:
    path = tmp_path / "store.jsonl"
    row = '{"id": "a", "claim": "The call lasted 14 minutes"}\n'
    path.write_bytes(row.encode(data) if isinstance(data, str) else data)
    if isinstance(result, str):
        with pytest.raises(InputError, match=re.escape(result)):
            load_store(path)
    else:
        assert [c.claim for c in load_store(path)] == result


def test_a_csv_store_takes_a_record_longer_than_the_csv_module_limit(tmp_path: Path) -> None:
    path = tmp_path / "store.csv"
    path.write_text("id,claim\nbig," + "word " * 40_000 + "\nsmall,The call lasted 14 minutes\n")
    assert [c.id for c in load_store(path)] == ["big", "small"]


def test_an_interrupted_index_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import attribution.store

    def interrupted(partial: Path, *args: object) -> None:
        partial.write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(attribution.store, "_write_tables", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_index([CheckedClaim(id="a", claim="b")], tmp_path / "s.index")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "data", "result"),
    [
        pytest.param(
            "store.json", "[" * 5000 + "]" * 5000, "not JSON: nested too deeply", id="json"
        ),
        pytest.param(
            "store.jsonl",
            '{"id": "a", "claim": ' + "[" * 5000 + "]" * 5000 + "}\n",
            "store.jsonl:1: expected one JSON object a line: nested too deeply",
            id="jsonl",
        ),
        pytest.param(
            "page.html",
            '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>",
            [],
            id="html-block-skipped-as-broken",
        ),
    ],
)
def test_a_store_nested_too_deeply_is_an_input_error(
    name: str, data: str, result: list[str] | str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(data)
    if isinstance(result, str):
        with pytest.raises(InputError, match=re.escape(result)):
            load_store(path)
    else:
        assert [c.claim for c in load_store(path)] == result
