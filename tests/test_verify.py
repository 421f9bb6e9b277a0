"""Quote verification: locating quotes in their sources and judging them."""

from __future__ import annotations

import argparse
import gc
import io
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution._cli_factcheck import register
from attribution.markup import Markup, mask
from attribution.model import Analysis
from attribution.verify import Change, Difference, Verdict, verify_quotes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f3a939881c0e3f35.txt"
STATEMENTS = Path(__file__).resolve().parent / "fixtures" / "zelenskyy_statements.txt"

TRANSCRIPT = """\
REPORTER: Mr. Mayor, what happens to the bridge now?
MAYOR DANA REYES: Well, look, the bridge will reopen on Monday, and we're going to
inspect every single bolt before a car goes over it. We owe that to the families. I
said it last week and I'll say it again: nobody cuts corners on safety in this city.
The state's engineers have signed off on the repairs, and the total cost was about
four million dol-
lars, which is less than we feared.
REPORTER: Will you ask Albany for the money?
MAYOR DANA REYES: We already have. The governor's office told us — and I'm quoting
them — "the check is in the mail."
"""


@pytest.mark.parametrize(
    ("quote", "verdict", "differences"),
    [
        pytest.param("the bridge will reopen on Monday", Verdict.VERBATIM, (), id="verbatim"),
        pytest.param(
            "The bridge will reopen on Monday.",
            Verdict.VERBATIM,
            (),
            id="capital-and-full-stop-of-news-style",
        ),
        pytest.param(
            "We owe that to the families.",
            Verdict.VERBATIM,
            (),
            id="sentence",
        ),
        pytest.param(
            "we’re going to inspect every single bolt",
            Verdict.VERBATIM,
            (),
            id="curly-apostrophe",
        ),
        pytest.param(
            "the total cost was about four million dollars",
            Verdict.VERBATIM,
            (),
            id="hyphenated-at-line-end",
        ),
        pytest.param(
            "The governor's office told us - and I'm quoting them - \"the check is in the mail.\"",
            Verdict.VERBATIM,
            (),
            id="dashes-and-quote-marks",
        ),
        pytest.param(
            "the bridge will reopen on Tuesday",
            Verdict.NEAR,
            (Difference(change=Change.REPLACE, quote="Tuesday", source="Monday"),),
            id="word-changed",
        ),
        pytest.param(
            "we are going to inspect every bolt",
            Verdict.NEAR,
            (
                Difference(change=Change.REPLACE, quote="are", source="'re"),
                Difference(change=Change.DELETE, quote="", source="single"),
            ),
            id="contraction-and-word-dropped",
        ),
        pytest.param(
            "Nobody cuts corners on safety in this city",
            Verdict.VERBATIM,
            (),
            id="first-word-capitalised",
        ),
        pytest.param(
            "nobody cuts corners on safety in this City",
            Verdict.NEAR,
            (Difference(change=Change.REPLACE, quote="City", source="city"),),
            id="case-changed",
        ),
        pytest.param(
            "the bridge will reopen on Monday ... we're going to inspect every single bolt",
            Verdict.PARAPHRASE,
            (Difference(change=Change.ELIDE, quote="", source="and"),),
            id="ellipsis",
        ),
        pytest.param(
            "the bridge will reopen on Monday… We owe that to the families",
            Verdict.PARAPHRASE,
            None,
            id="ellipsis-character-long-cut",
        ),
        pytest.param(
            "the bridge will reopen on Monday . . . nobody cuts corners on safety",
            Verdict.PARAPHRASE,
            None,
            id="spaced-ellipsis",
        ),
        pytest.param(
            "[The state's engineers] have signed off on the repairs",
            Verdict.PARAPHRASE,
            (Difference(change=Change.BRACKET, quote="The state's engineers", source=""),),
            id="bracket-at-start",
        ),
        pytest.param(
            "the total cost was about four million dollars, which is less than [the city] feared",
            Verdict.PARAPHRASE,
            (Difference(change=Change.BRACKET, quote="the city", source="we"),),
            id="bracket-inside",
        ),
        pytest.param(
            "on safety nobody cuts corners in this city",
            Verdict.PARAPHRASE,
            None,
            id="reordered",
        ),
        pytest.param(
            "the bridge will never reopen and the mayor knew it",
            Verdict.NOT_FOUND,
            (),
            id="invented",
        ),
        pytest.param(
            "a completely different sentence about pizza", Verdict.NOT_FOUND, (), id="unrelated"
        ),
    ],
)
def test_verdicts(quote: str, verdict: Verdict, differences: tuple[Difference, ...] | None) -> None:
    (check,) = verify_quotes([quote], TRANSCRIPT)
    assert check.verdict is verdict
    if differences is not None:
        assert check.differences == differences
    if verdict is not Verdict.NOT_FOUND:
        assert check.source == 0
        assert check.start is not None and check.end is not None
        assert TRANSCRIPT[check.start : check.end] == check.passage


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_a_word_hyphenated_at_a_line_end_is_one_word_whatever_ends_lines(line_end: str) -> None:
    source = TRANSCRIPT.replace("\n", line_end)
    (check,) = verify_quotes(["the total cost was about four million dollars"], source)
    assert check.verdict is Verdict.VERBATIM
    assert check.passage.endswith("dol-" + line_end + "lars")


@pytest.mark.parametrize(
    "line_end", ["\n", "\r\n", "\r", "\u2029"], ids=["lf", "crlf", "cr", "paragraph"]
)
def test_quotes_on_two_lines_are_two_quotes_whatever_ends_lines(line_end: str) -> None:
    article = f'"We will rebuild,"{line_end}"every single city."'
    checks = verify_quotes(article, "We will rebuild. Every single city will stand.")
    assert [c.text for c in checks] == ["We will rebuild,", "every single city."]


def test_quotes_of_two_markdown_list_items_are_two_quotes() -> None:
    # Blanking the markup puts U+2029 where the line break was.
    article = mask('- "We will rebuild the city,"\n- "every single street."', Markup.MARKDOWN).text
    checks = verify_quotes(article, "We will rebuild the city. Then every single street.")
    assert [c.text for c in checks] == ["We will rebuild the city,", "every single street."]


def test_best_of_several_sources() -> None:
    statement = "Statement: The city will publish the inspection report in full."
    checks = verify_quotes(
        ["will publish the inspection report in full", "nobody cuts corners on safety"],
        [TRANSCRIPT, statement],
    )
    assert [(c.verdict, c.source) for c in checks] == [(Verdict.VERBATIM, 1), (Verdict.VERBATIM, 0)]


def test_a_source_of_more_distinct_words_than_private_use_characters() -> None:
    # Each distinct word is coded as one character; the 131,072 private-use ones
    # ran out ("chr() arg not in range") and the check crashed.
    words = [f"w{i}" for i in range(140_000)]
    source = " ".join(words)
    checks = verify_quotes(["w7 w8 w9", "w139997 w139998", "w5 w139999"], source)
    assert [c.verdict for c in checks] == [Verdict.VERBATIM, Verdict.VERBATIM, Verdict.NOT_FOUND]


def test_quote_split_around_he_said_is_one_quote() -> None:
    article = (
        '"The bridge will reopen on Monday," Reyes said, "and we\'re going to inspect every '
        'single bolt."\nShe added: "We owe that to the families."'
    )
    checks = verify_quotes(article, TRANSCRIPT)
    assert [c.verdict for c in checks] == [Verdict.VERBATIM, Verdict.VERBATIM]
    first = checks[0]
    assert len(first.spans) == 2
    assert [article[s.start : s.end] for s in first.spans] == [
        "The bridge will reopen on Monday,",
        "and we're going to inspect every single bolt.",
    ]
    assert first.passage.startswith("the bridge will reopen on Monday")


def test_two_quotes_around_said_stay_two_when_not_found_together() -> None:
    article = '"Nobody cuts corners on safety," Reyes said, "and pizza is great for lunch."'
    checks = verify_quotes(article, TRANSCRIPT)
    assert [c.verdict for c in checks] == [Verdict.VERBATIM, Verdict.NOT_FOUND]


def test_scare_quotes_are_not_checked() -> None:
    article = 'The mayor called the repairs "historic" and said the bridge is safe.'
    assert verify_quotes(article, TRANSCRIPT) == ()


def test_seed_article_against_made_up_statements() -> None:
    text = SEED.read_text(encoding="utf-8")
    source = STATEMENTS.read_text(encoding="utf-8")
    post, attack = verify_quotes(Analysis(text=text), [source])
    # The X post runs over five paragraphs: one quote, five pieces.
    assert len(post.spans) == 5
    assert post.verdict is Verdict.NEAR
    assert post.differences == (
        Difference(change=Change.REPLACE, quote="fruitful", source="productive"),
    )
    assert source[post.start : post.end].startswith("I had a very important")
    assert source[post.start : post.end].endswith("other partners")
    assert attack.verdict is Verdict.VERBATIM
    assert attack.passage == "deliberately massive and cynical"


def test_long_transcript_is_fast() -> None:
    rng = random.Random(5)
    vocabulary = [f"word{i}" for i in range(3000)]
    transcript = " ".join(rng.choice(vocabulary) for _ in range(300_000))
    words = transcript.split()
    quotes = [" ".join(words[p : p + 12]) for p in rng.sample(range(len(words) - 12), 30)]
    started = time.perf_counter()
    checks = verify_quotes(quotes, transcript)
    assert time.perf_counter() - started < 10
    assert all(c.verdict is Verdict.VERBATIM for c in checks)


def _long_source(n: int) -> tuple[str, list[str]]:
    rng = random.Random(n)
    vocabulary = [f"word{i}" for i in range(3000)]
    words = [rng.choice(vocabulary) for _ in range(n)]
    return "Preamble here. " + " ".join(words) + ". Closing words follow.", words


@pytest.mark.parametrize(
    ("edit", "verdict"),
    [
        ("none", Verdict.VERBATIM),
        ("one word changed", Verdict.NEAR),
        ("shuffled", Verdict.PARAPHRASE),
    ],
)
def test_a_long_quote_is_found_and_judged(edit: str, verdict: Verdict) -> None:
    # Longer than the words partial_ratio is asked to align (verify._LONG_QUOTE).
    source, words = _long_source(2_000)
    quote = words[500:1500]
    if edit == "one word changed":
        quote = [*quote[:400], "changed", *quote[401:]]
    elif edit == "shuffled":
        quote = random.Random(1).sample(quote, len(quote))
    (check,) = verify_quotes([" ".join(quote)], source)
    assert check.verdict is verdict
    if verdict is not Verdict.PARAPHRASE:
        passage = source[check.start : check.end].split()
        assert passage == words[500:1500]


def _seed_words() -> tuple[str, list[re.Match[str]]]:
    text = SEED.read_text(encoding="utf-8")
    return text, list(re.finditer(r"\w+(?:['’-]\w+)*", text))


# Quotes of 300 to 1,000 words are aligned with their whole window, whose words
# around the passage are insertions: "the" paired far before its place costs
# no more, and the passage took in 21 to 100 words more (three paraphrases).
@pytest.mark.parametrize(
    ("first", "size", "edit"),
    [
        pytest.param(30, 301, "change", id="a-word-changed-near-the-start"),
        pytest.param(50, 320, "drop", id="a-word-left-out"),
        pytest.param(70, 350, "change", id="a-word-changed"),
        pytest.param(100, 320, "drop", id="a-word-left-out-further-on"),
    ],
)
def test_a_quote_of_three_hundred_words_keeps_to_its_passage(
    first: int, size: int, edit: str
) -> None:
    text, words = _seed_words()
    start, end = words[first].start(), words[first + size - 1].end()
    middle = words[first + size // 2]
    rest = words[first + size // 2 + 1].start() if edit == "drop" else middle.end()
    quote = text[start : middle.start()] + ("" if edit == "drop" else "fruitless") + text[rest:end]
    (check,) = verify_quotes([quote], text)
    assert check.verdict is Verdict.NEAR
    assert (check.start, check.end) == (start, end)


Timer = Callable[[Callable[[], object], int], float]


def test_a_long_quote_takes_at_most_quadratic_time(best_time: Timer) -> None:
    # Aligned by partial_ratio, 4x the words took 70x the time (and 10,000
    # words five minutes); edit operations grow with the product of lengths.
    def seconds(n: int) -> float:
        source, words = _long_source(n)
        quote = " ".join(random.Random(2).sample(words, n))
        return best_time(lambda: verify_quotes([quote], source), 3)

    assert seconds(2_000) < 24 * seconds(500)


@pytest.mark.parametrize(
    ("edit", "verdict"),
    [
        ("none", Verdict.VERBATIM),
        ("one word changed", Verdict.NEAR),
        ("one word in fifty changed", Verdict.NEAR),
        ("shuffled", Verdict.PARAPHRASE),
    ],
)
def test_a_quote_of_ten_thousand_words_is_found_and_judged(edit: str, verdict: Verdict) -> None:
    # Too long to align exactly (verify._EXACT): aligned between shared runs.
    source, words = _long_source(20_000)
    quote = _edited(words[5_000:15_000], edit)
    (check,) = verify_quotes([" ".join(quote)], source)
    assert check.verdict is verdict
    if verdict is not Verdict.PARAPHRASE:
        assert source[check.start : check.end].split() == words[5_000:15_000]
        changed = sum(1 for d in check.differences if d.change is Change.REPLACE)
        assert changed == sum(1 for q, w in zip(quote, words[5_000:15_000], strict=True) if q != w)


def _edited(words: list[str], edit: str) -> list[str]:
    if edit == "one word changed":
        return [*words[:400], "changed", *words[401:]]
    if edit == "one word in fifty changed":
        return ["changed" if i % 50 == 25 else w for i, w in enumerate(words)]
    if edit == "shuffled":
        return random.Random(1).sample(words, len(words))
    return list(words)


def _verify_ratio(make: Callable[[int], tuple[str, str]], n: int, best_time: Timer) -> float:
    """Return the time of verifying make(10 n) over that of make(n)."""
    small, large = make(n), make(10 * n)
    # As test_robustness does, keep the session's objects out of the garbage
    # collector's way: the larger run allocates enough to make it walk them.
    gc.collect()
    gc.freeze()
    try:
        return best_time(lambda: verify_quotes([large[0]], large[1]), 1) / best_time(
            lambda: verify_quotes([small[0]], small[1]), 3
        )
    finally:
        gc.unfreeze()


def _huge_quote(edit: str) -> Callable[[int], tuple[str, str]]:
    def make(n: int) -> tuple[str, str]:
        source, words = _long_source(n)
        return " ".join(_edited(words, edit)), source

    return make


# 10x the input may take at most LIMIT times as long (as in test_robustness):
# a quote of 50,000 words took 75 to 100 times as long as one of 5,000.
LIMIT = 20.0


@pytest.mark.parametrize(
    ("make", "n"),
    [
        pytest.param(_huge_quote("none"), 5_000, id="verbatim"),
        pytest.param(_huge_quote("one word in fifty changed"), 5_000, id="near"),
        pytest.param(_huge_quote("shuffled"), 5_000, id="shuffled"),
        pytest.param(
            lambda n: (" ".join(["the"] * n), " ".join(["the"] * 10 * n)), 2_000, id="the-the-the"
        ),
        pytest.param(
            lambda n: (" ".join(["yes", "no"] * n), " ".join(["yes", "no", "maybe"] * 10 * n)),
            1_000,
            id="yes-no-maybe",
        ),
    ],
)
def test_a_huge_quote_takes_linear_time(
    make: Callable[[int], tuple[str, str]], n: int, best_time: Timer
) -> None:
    ratio = _verify_ratio(make, n, best_time)
    if ratio > LIMIT:  # a busy machine can slow one run; a quadratic step fails twice
        ratio = min(ratio, _verify_ratio(make, n, best_time))
    assert ratio <= LIMIT, f"10x input took {ratio:.1f}x the time"


def _few_words(vocabulary: list[str], n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(vocabulary) for _ in range(n)]


# Sources of few words: every word is too common to say where a quote is, and
# single words voted nowhere (each was found more than 2,000 times) or on
# every diagonal alike; runs of words find them.
@pytest.mark.parametrize(
    ("source", "quote"),
    [
        pytest.param("yes no " * 5_000, "yes no yes no yes", id="yes-no-yes-no"),
        pytest.param(
            " ".join(f"{v}." for v in _few_words(["Aye", "No"], 8_000)),
            " ".join(f"{v}." for v in _few_words(["Aye", "No"], 8_000)[5_100:5_124]),
            id="roll-call",
        ),
        pytest.param(
            " ".join(_few_words(["yes", "no", "maybe"], 1_500)),
            " ".join(_few_words(["yes", "no", "maybe"], 1_500)[700:720]),
            id="three-words-each-found-500-times",
        ),
        pytest.param(
            " ".join(_few_words(["lock", "her", "up"], 30_000)),
            " ".join(_few_words(["lock", "her", "up"], 30_000)[20_000:20_400]),
            id="long-quote",
        ),
        pytest.param("the " * 20_000, "the " * 50, id="the-the-the"),
        pytest.param(
            "yes no " * 3_000 + "The minister said the bridge would reopen. " + "yes no " * 3_000,
            "the bridge would reopen",
            id="a-statement-among-them",
        ),
    ],
)
def test_a_quote_is_found_in_a_source_of_few_words(source: str, quote: str) -> None:
    (check,) = verify_quotes([quote], source)
    assert check.verdict is Verdict.VERBATIM
    assert check.start is not None and check.end is not None
    assert re.findall(r"\w+", source[check.start : check.end]) == re.findall(r"\w+", quote)


@pytest.mark.parametrize(
    ("vocabulary", "seed"),
    [
        pytest.param(["yes", "no", "abstain"], 3, id="yes-no-abstain"),
        pytest.param(["yes", "no", "abstain"], 5, id="yes-no-abstain-again"),
        pytest.param(["Aye", "No"], 3, id="aye-no"),
        pytest.param(["lock", "her", "up"], 3, id="lock-her-up"),
    ],
)
def test_a_long_quote_with_changes_is_found_in_a_source_of_few_words(
    vocabulary: list[str], seed: int
) -> None:
    # Too long to align exactly, and no run of 4 words is found once: runs
    # of 8 or 16 anchor it (with no anchor, the first passage of the quote's
    # length was taken: 0.33 paraphrase at the source's start). The words
    # before the first anchor tie with as many words earlier: the passage
    # started up to 10 words early (yes-no-abstain: at 9812, not 9859).
    words = _few_words(vocabulary, 6_000, seed)
    quote = words[2_000:4_500]
    quote[100], quote[1_250] = "maybe", "perhaps"
    (check,) = verify_quotes([" ".join(quote)], " ".join(words))
    assert check.verdict is Verdict.NEAR
    assert check.start == len(" ".join(words[:2_000])) + 1
    assert check.end == len(" ".join(words[:4_500]))
    assert sum(1 for d in check.differences if d.change is Change.REPLACE) == 2


def test_empty_inputs() -> None:
    assert verify_quotes([], TRANSCRIPT) == ()
    (check,) = verify_quotes(["..."], TRANSCRIPT)
    assert check.verdict is Verdict.NOT_FOUND
    (check,) = verify_quotes(["the bridge"], "")
    assert check.verdict is Verdict.NOT_FOUND


# --------------------------------------------------------------------------
# The command line


def run(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="attribution")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out = io.StringIO()
    return args.handler(args, out), out.getvalue()


def test_cli_verify_text_and_exit_status() -> None:
    status, out = run(["verify", str(SEED), "--source", str(STATEMENTS)])
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{SEED}:4:35: near 'I had a very important")
    assert lines[1] == "    replace: 'fruitful' -> 'productive'"
    status, _ = run(["verify", str(SEED), "--source", str(STATEMENTS), "--fail-on", "near"])
    assert status == 1


def test_cli_verify_json(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text('The mayor said: "The bridge is closed for good."\n', encoding="utf-8")
    transcript = tmp_path / "transcript.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    status, out = run(["verify", str(article), "--source", str(transcript), "--format", "json"])
    assert status == 1  # a quote not found is a finding
    doc = json.loads(out)
    (quote,) = doc["quotes"]
    assert quote["verdict"] == "not_found"
    assert (quote["line"], quote["column"]) == (1, 18)
    assert doc["sources"] == [str(transcript)]


def test_cli_verify_missing_source(capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run(["verify", str(SEED), "--source", "missing.txt"])
    assert status == 2
    assert capsys.readouterr().err == "attribution: error: missing.txt: no such file\n"


def test_analysis_quotes_are_used() -> None:
    pipeline = pytest.importorskip("attribution.pipeline", reason="the pipeline is not written yet")
    text = SEED.read_text(encoding="utf-8")
    analysis = pipeline.analyze(text)
    checks = verify_quotes(analysis, STATEMENTS.read_text(encoding="utf-8"))
    assert [(c.verdict, len(c.spans)) for c in checks] == [
        (Verdict.NEAR, 5),
        (Verdict.VERBATIM, 1),
    ]


def test_cli_verify_refuses_stdin_as_article_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["verify", "-", "--source", "-"]) == (2, "")
    assert "only once" in capsys.readouterr().err
