"""The benchmark script's probes (hostile input, linearity): what they time and what they print."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import pytest

from attribution import analyze


@pytest.fixture
def counted(
    monkeypatch: pytest.MonkeyPatch, load_script: Callable[[str], ModuleType]
) -> tuple[ModuleType, list[int]]:
    """Return the benchmark script, and the length of each text its ``analyze`` is given."""
    bench = load_script("benchmarks/bench_analyze.py")
    sizes: list[int] = []

    def analyze_counted(text: str) -> object:
        sizes.append(len(text))
        return analyze(text)

    monkeypatch.setattr(bench, "analyze", analyze_counted)
    return bench, sizes


@pytest.mark.parametrize(
    ("repeat", "cutoff", "analyses"),
    [
        # One untimed analysis of the tenth, then per run ten of it, or one of the
        # full size; then one of each size for the size of its output.
        pytest.param(3, 60.0, 1 + 3 * 10 + 3 * 1 + 2, id="best-of-three"),
        pytest.param(1, 60.0, 1 + 10 + 1 + 2, id="once"),
        pytest.param(3, 0.0, 1 + 10 + 1 + 2, id="a-long-run-is-not-repeated"),
    ],
)
def test_adversarial_probe_times_each_size_up_to_repeat_times(
    repeat: int,
    cutoff: float,
    analyses: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    counted: tuple[ModuleType, list[int]],
) -> None:
    bench, sizes = counted
    monkeypatch.setattr(bench, "warm_up", lambda: None)
    monkeypatch.setattr(bench, "_REPEAT_UNDER_S", cutoff)
    bench._adversarial_probe("100,000 quotation marks", 2_000, repeat)
    assert len(sizes) == analyses
    assert sorted(set(sizes)) == [200, 2_000]
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["n"] for row in rows] == [200, 2_000]
    for row in rows:
        assert row["seconds"] > 0 and row["user"] >= 0 and row["output_bytes"] > 0


def test_linearity_times_both_sizes_in_cpu_and_in_user_time(
    counted: tuple[ModuleType, list[int]],
) -> None:
    bench, sizes = counted
    text = "The minister said on Tuesday that the talks had stalled. " * 20
    ratios = bench.linearity(text, 2)
    # One untimed analysis, then per round ten of the text and one of ten times it.
    assert len(sizes) == 1 + 2 * (10 + 1)
    assert sorted(set(sizes)) == [len(text), 10 * len(text) + 9 * 2]
    assert set(ratios) == {"cpu", "user"}
    assert ratios["cpu"] is not None and ratios["cpu"] > 0


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        # (user, system) of small, large, small, large: the quickest of each is taken.
        pytest.param(
            [(0.5, 0.1), (5.5, 0.6), (0.4, 0.1), (5.0, 1.5)],
            {"cpu": 122.0, "user": 137.5},
            id="quickest-of-each",
        ),
        pytest.param(
            [(0.0, 0.0), (1.0, 0.0), (0.0, 0.0), (1.0, 0.0)],
            {"cpu": None, "user": None},
            id="too-short-to-time",
        ),
    ],
)
def test_linearity_divides_the_quickest_runs(
    times: list[tuple[float, float]],
    expected: dict[str, float | None],
    monkeypatch: pytest.MonkeyPatch,
    load_script: Callable[[str], ModuleType],
) -> None:
    bench = load_script("benchmarks/bench_analyze.py")
    given = iter(times)
    monkeypatch.setattr(bench, "cpu_times", lambda _run: next(given))
    assert bench.linearity("He said it rained.", 2) == expected


@pytest.mark.parametrize(
    ("argv", "ratios", "lines"),
    [
        pytest.param(
            [],
            {"cpu": 10.4, "user": 10.1},
            [
                "linearity from 4 words: 10x input took 10.4x time (10.1x in user time)",
                "linearity from 40 words: 10x input took 10.4x time (10.1x in user time)",
            ],
            id="both-sizes",
        ),
        pytest.param(
            ["--quick"],
            {"cpu": 10.4, "user": 10.1},
            ["linearity from 4 words: 10x input took 10.4x time (10.1x in user time)"],
            id="quick-runs-the-smaller",
        ),
        pytest.param(
            ["--quick"],
            {"cpu": None, "user": None},
            ["linearity from 4 words: too little time to measure"],
            id="too-short",
        ),
    ],
)
def test_linearity_prints_a_line_per_size(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    load_script: Callable[[str], ModuleType],
    argv: list[str],
    ratios: dict[str, float | None],
    lines: list[str],
) -> None:
    bench = load_script("benchmarks/bench_analyze.py")
    given: list[str] = []

    def linearity(text: str, repeat: int) -> dict[str, float | None]:
        given.append(text)
        return ratios

    monkeypatch.setattr(bench, "polnear_texts", lambda: ["He said it rained."] * 60)
    monkeypatch.setattr(bench, "measure", lambda name, texts, repeat: {"corpus": name})
    monkeypatch.setattr(bench, "linearity", linearity)
    monkeypatch.setattr(bench, "warm_up", lambda: None)
    monkeypatch.setattr(bench, "_pysbd", lambda: None)
    # The smaller document is one text of four words, the larger ten of them.
    monkeypatch.setattr(bench, "LINEARITY_DOCS", (1, 10))
    assert bench.main(["--only", "throughput", *argv]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if "linearity" in line]
    assert printed == lines
    assert [t.count("rained") for t in given] == [1, 10][: len(lines)]
    assert bench.main(["--only", "throughput", "--json", *argv]) == 0
    rows = json.loads(capsys.readouterr().out)["linearity"]
    assert rows[0] == {"words": 4, **ratios}
    assert [row["words"] for row in rows] == [4, 40][: len(lines)]
