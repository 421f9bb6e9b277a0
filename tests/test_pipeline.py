"""The whole analysis: empty and hostile input, offsets, linear time."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import tracemalloc

import pytest

from attribution import Analysis, Attribution, _caches, analyze
from attribution._prepare import Document, prepare
from attribution._tokens import Token
from attribution.attributions import find_attributions, find_hops
from attribution.chains import link
from attribution.pipeline import clear_caches, collector_paused
from attribution.sources import describe_sources


def spans_of(analysis: Analysis) -> list[tuple[int, int]]:
    out = [(s.start, s.end) for s in analysis.sentences]
    out += [(q.start, q.end) for q in analysis.quotes]
    for rel in analysis.attributions:
        out.append((rel.cue.start, rel.cue.end))
        out += [(s.start, s.end) for s in rel.content]
        if rel.source:
            out.append((rel.source.start, rel.source.end))
    out += [(c.start, c.end) for c in analysis.claims]
    return out


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u00a0\u2003"], ids=repr)
def test_empty_or_blank_text_gives_empty_analysis(text: str) -> None:
    analysis = analyze(text)
    assert analysis.text == text
    assert analysis.sentences == () and analysis.claims == () and analysis.attributions == ()


def test_non_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="expects text as str"):
        analyze(b"bytes")  # type: ignore[arg-type]


def test_crlf_keeps_exact_offsets() -> None:
    lf = 'The mayor said the bridge would reopen.\n\n"We are ready," she said.\n'
    crlf = lf.replace("\n", "\r\n")
    a, b = analyze(lf), analyze(crlf)
    assert [crlf[s:e] for s, e in spans_of(b)] == [lf[s:e] for s, e in spans_of(a)]


@pytest.mark.parametrize(
    "text",
    [
        '"' * 5000,
        "“" * 3000 + "said " * 200,
        "said " * 5000,
        "(" * 3000 + "He said so." + ")" * 3000,
        "a" * 20000,
        "\u200b\u0301\u202e" * 2000 + " he said.",
        "\ud800 broken surrogate, he said.",
    ],
    ids=[
        "straight-quotes",
        "curly-quotes",
        "said-said",
        "parens",
        "one-word",
        "zero-width",
        "surrogate",
    ],
)
def test_hostile_input_finishes_and_spans_stay_inside(text: str) -> None:
    analysis = analyze(text)
    for start, end in spans_of(analysis):
        assert 0 <= start <= end <= len(text)


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        with collector_paused():  # as the command line runs it
            t0 = time.process_time()
            analyze(text)
            best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "word " * 40,
        'He said "yes and no. ',
        "The official said the talks, which began in May, would go on. ",
    ],
    ids=["no-punctuation", "unbalanced-quotes", "prose"],
)
def test_time_grows_linearly(unit: str) -> None:
    small = unit * 200
    large = unit * 2000
    ratio = _seconds(large) / max(_seconds(small), 1e-4)
    if ratio >= 25:
        # A busy machine can slow one run; a quadratic stage fails the second too.
        ratio = min(ratio, _seconds(large) / max(_seconds(small), 1e-4))
    assert ratio < 25, f"10x input took {ratio:.1f}x time"


@pytest.mark.parametrize(
    "text",
    [
        "Trump told Zelenskyy he wants to help, Axios reported, citing an unidentified "
        "Ukrainian official.",
        '"We will not back down," said Maria Lopez, the mayor. She added that talks go on.',
        "Some say the plan failed. According to a report by the Associated Press, it did not.",
        "The minister, who spoke on condition of anonymity, said the deal (signed in May) holds.",
    ],
    ids=["chain", "quote-and-pronoun", "vague-and-document", "anonymous"],
)
def test_analysis_leaves_no_reference_cycles(text: str) -> None:
    # collector_paused() rests on this guarantee: pausing the collector loses nothing.
    gc.collect()
    gc.disable()
    try:
        analyze(text)
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_collector_paused_restores_the_collector_state(enabled: bool) -> None:
    if not enabled:
        gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
            analyze("The talks went well, the minister said.")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_collector_paused_restores_the_collector_after_an_error() -> None:
    with pytest.raises(RuntimeError, match="a stage failed"), collector_paused():
        raise RuntimeError("a stage failed")
    assert gc.isenabled()


def test_analyze_leaves_the_collector_alone() -> None:
    gc.disable()
    try:
        analyze("The talks went well, the minister said.")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "document",
    [
        "Q" + "x" * 50_000 + " Smith said the plan failed. Mr. Q" + "y" * 50_000 + " left.",
        "Officials said" + " " * 50_000 + "in a statement that the plan failed.",
        "Mr. " + "Z" * 50_000 + ". Dr. " + "W" * 50_000 + " won. No. 5 was next.",
    ],
    ids=["long-name", "long-cue", "long-word-after-abbreviation"],
)
def test_a_stream_of_long_words_leaves_nothing_in_the_caches(document: str) -> None:
    # The caches that outlive a document keep only short strings.
    analyze(document)  # the lexicons and the short keys of this text
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for k in range(5):
            analyze(document.replace("x", "xv"[k % 2]).replace(" ", "  " if k else " "))
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 100_000, f"{kept} bytes kept"


def test_clear_caches_empties_every_cache() -> None:
    analyze("Mr. Trump said the plan failed, Reuters reported, citing officials.")
    assert sum(_cache_sizes()) > 0
    clear_caches()
    assert not any(_cache_sizes())


def _cache_sizes() -> list[int]:
    """Return the number of entries of each cache :func:`clear_caches` empties."""
    owners = [clear.__self__ for clear in _caches._clearers]  # type: ignore[attr-defined]
    return [len(o) if isinstance(o, dict) else o.cache_info().currsize for o in owners]


def test_warm_up_loads_every_model_before_the_first_document() -> None:
    # In a fresh process: NLTK's Punkt, imported on first use, must load in
    # warm_up and not in the first document a worker or a benchmark times.
    code = (
        "import sys\n"
        "from attribution.pipeline import warm_up\n"
        "warm_up(freeze=False)\n"
        "print('nltk.tokenize.punkt' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"


def test_hops_built_without_their_sources_are_described_alike() -> None:
    text = (
        "Trump told Zelenskyy he wants to help, Axios reported, citing an unidentified "
        "Ukrainian official and a source with knowledge of the call."
    )
    doc, tokens, complete = _prepared_hops(text)
    hops, spans = find_hops(text, doc.prepared, doc.quotes)
    hops = link(hops)
    assert [tuple((s.start, s.end) for s in a.sources) for a in complete] == list(spans)
    assert any(len(s) == 2 for s in spans)  # "an official and a source": two sources
    assert not any(a.sources for a in hops)
    described = describe_sources(text, doc.sentences, doc.quotes, complete, tokens)
    assert describe_sources(text, doc.sentences, doc.quotes, hops, tokens, spans=spans) == described
    with pytest.raises(ValueError, match="got 3 spans for 4 relations"):
        describe_sources(text, doc.sentences, doc.quotes, hops, tokens, spans=spans[:-1])


def test_sources_read_the_given_lower_cased_words_as_the_tokens() -> None:
    text = (
        "Trump told Zelenskyy in a phone call he wants to help, Axios reported, citing an "
        'unidentified Ukrainian official. "We are ready," the minister said on X.'
    )
    doc, tokens, hops = _prepared_hops(text)
    lowers = [p.lowers for p in doc.prepared]
    alone = describe_sources(text, doc.sentences, doc.quotes, hops, tokens)
    assert any(d is not None and any(x.medium for x in d) for d in alone)  # "in a phone call"
    given = describe_sources(text, doc.sentences, doc.quotes, hops, tokens, lowers=lowers)
    assert given == alone
    with pytest.raises(
        ValueError, match="got 20 lower-cased words for the 21 tokens of sentence 0"
    ):
        wrong = [words[:-1] for words in lowers]
        describe_sources(text, doc.sentences, doc.quotes, hops, tokens, lowers=wrong)


def _prepared_hops(text: str) -> tuple[Document, list[list[Token]], tuple[Attribution, ...]]:
    """Return the first stages' output for ``text``, its sentences' tokens and its linked hops."""
    doc = prepare(text)
    return (
        doc,
        [p.tokens for p in doc.prepared],
        link(find_attributions(text, doc.prepared, doc.quotes)),
    )
