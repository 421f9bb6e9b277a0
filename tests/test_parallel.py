"""Parallel analysis: order, laziness, bounded memory, crashes, and the same results."""

from __future__ import annotations

import io
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from attribution import analyze, analyze_many, to_dict
from attribution.cli import Exit, main
from attribution.errors import ConfigError
from attribution.parallel import available_cores, ordered_map, resolve_jobs

TEXTS = [
    "The mayor said the bridge would reopen on Monday.",
    '"We are ready," the minister told reporters. "We will see."',
    "Prices rose 3.5 percent in June, according to the bureau.",
    "",
    "Trump told Zelenskyy he would check the shipments, one source said, according to Axios.",
] * 4


def slow_square(n: int) -> int:
    # Later items finish first, so order must come from the map, not the clock.
    time.sleep(0.002 * (n % 5))
    return n * n


def fail_on_seven(n: int) -> int:
    if n == 7:
        msg = "seven"
        raise ValueError(msg)
    return n


def die_on_seven(n: int) -> int:
    if n == 7:
        os._exit(3)  # a worker killed for memory, or a crash in C code
    return n


def crashed(n: int, err: BaseException) -> int:
    return -n


def test_ordered_map_keeps_input_order_on_two_processes() -> None:
    assert list(ordered_map(slow_square, range(40), jobs=2, chunksize=3)) == [
        n * n for n in range(40)
    ]


def test_one_job_runs_in_process_and_lazily() -> None:
    seen: list[int] = []

    def record(n: int) -> int:  # not picklable: fine, no pool with one job
        seen.append(n)
        return n

    results = ordered_map(record, itertools.count(), jobs=1)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    assert seen == [0, 1, 2]


def test_input_is_read_only_a_bounded_window_ahead() -> None:
    pulled = 0

    def endless() -> Iterator[int]:
        nonlocal pulled
        for n in itertools.count():
            pulled += 1
            yield n

    results = ordered_map(slow_square, endless(), jobs=2, chunksize=4, window=3)
    assert [next(results) for _ in range(50)] == [n * n for n in range(50)]
    # 50 consumed, plus at most a window of chunks in flight.
    assert pulled <= 50 + 3 * 4 + 4
    results.close()  # type: ignore[attr-defined]


def test_an_exception_in_fn_is_raised_with_its_type() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(ordered_map(fail_on_seven, range(20), jobs=2, chunksize=2))


def test_a_dead_worker_costs_only_its_item() -> None:
    results = list(ordered_map(die_on_seven, range(30), jobs=2, chunksize=4, on_crash=crashed))
    assert results == [-7 if n == 7 else n for n in range(30)]


def test_a_dead_worker_without_on_crash_is_an_error() -> None:
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(die_on_seven, range(30), jobs=2, chunksize=4))


def test_jobs_and_chunksize_are_checked() -> None:
    assert resolve_jobs(0) == available_cores() >= 1
    assert resolve_jobs(3) == 3
    with pytest.raises(ConfigError, match="got -1"):
        resolve_jobs(-1)
    with pytest.raises(ConfigError, match="chunksize must be at least 1, got 0"):
        ordered_map(abs, [1], jobs=2, chunksize=0)


@pytest.mark.parametrize("jobs", ["2", 1.5, None])
def test_jobs_that_are_no_whole_number_are_a_config_error(jobs: object) -> None:
    with pytest.raises(ConfigError, match="jobs must be a whole number"):
        list(analyze_many(["He said it rained."], jobs=jobs))  # type: ignore[arg-type]


# --- analyze_many -------------------------------------------------------------


def test_analyze_many_in_parallel_equals_one_by_one() -> None:
    serial = [to_dict(a) for a in analyze_many(TEXTS)]
    parallel = [to_dict(a) for a in analyze_many(TEXTS, jobs=2, chunksize=3)]
    assert parallel == serial == [to_dict(analyze(t)) for t in TEXTS]


def test_analyze_many_takes_id_text_pairs_lazily() -> None:
    pairs = ((f"doc-{n}", TEXTS[n % len(TEXTS)]) for n in itertools.count())
    results = analyze_many(pairs)
    assert [next(results).id for _ in range(3)] == ["doc-0", "doc-1", "doc-2"]


@pytest.mark.parametrize("item", [b"bytes", ("id", b"bytes"), (1, "text"), ("a", "b", "c")])
def test_analyze_many_rejects_other_items(item: object) -> None:
    with pytest.raises(TypeError, match="expects texts or \\(id, text\\) pairs"):
        list(analyze_many([item]))  # type: ignore[list-item]


# --- the command line ---------------------------------------------------------


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out=out)
    return status, out.getvalue()


def test_cli_jobs_gives_the_same_output_as_one_job(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": t}) for n, t in enumerate(TEXTS)]
    lines.insert(5, "not json")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run(["analyze", "--input-format", "jsonl", "--format", "jsonl", str(corpus)])
    two = run(
        ["analyze", "--input-format", "jsonl", "--format", "jsonl", "--jobs", "2", str(corpus)]
    )
    assert one == two
    assert one[0] == Exit.ERROR
    assert len(one[1].splitlines()) == len(lines)


def test_cli_jobs_over_text_files(tmp_path: Path) -> None:
    for n, text in enumerate(TEXTS[:5]):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    one = run(["analyze", str(tmp_path)])
    assert run(["analyze", "-j", "0", str(tmp_path)]) == one
    assert one[0] == Exit.OK


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_cli_lint_jobs_gives_the_same_output_and_status_as_one_job(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for n, text in enumerate(TEXTS[:6]):
        (tmp_path / f"{n}.md").write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Officials said \xff.")
    one = run(["lint", "--isolated", "--format", fmt, str(tmp_path)])
    one_err = capsys.readouterr().err
    two = run(["lint", "--isolated", "--format", fmt, "-j", "2", str(tmp_path)])
    assert two == one
    assert capsys.readouterr().err == one_err
    assert one[0] == Exit.ERROR
    assert "bad.txt: not UTF-8 text" in one_err
    assert "ATR" in one[1]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_lint_reports_the_files_before_a_bad_configuration(
    tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Officials said it rained.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.attribution]\nbogus = 1\n")
    (tmp_path / "sub" / "b.txt").write_text("Sources said it rained.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out = run(["lint", "-j", jobs, "."])
    assert status == Exit.ERROR
    assert "a.txt:1:1: ATR" in out
    assert "b.txt" not in out
    assert "unknown key 'bogus'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["analyze", "lint"])
@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_cli_bad_jobs_is_a_usage_error(
    command: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([command, "--jobs", value])[0] == Exit.ERROR
    assert "--jobs" in capsys.readouterr().err


# --- streaming and interruption -----------------------------------------------


def test_a_result_goes_out_before_the_next_item_of_a_slow_stream() -> None:
    more = threading.Event()

    def stream() -> Iterator[int]:
        yield -1
        more.wait(30)  # a pipe with nothing more to read for now
        yield -2

    results = ordered_map(abs, stream(), jobs=2)
    start = time.monotonic()
    assert next(results) == 1
    assert time.monotonic() - start < 10
    more.set()
    assert list(results) == [2]


def test_an_error_raised_by_the_input_comes_after_the_results_before_it() -> None:
    def stream() -> Iterator[int]:
        yield from range(-5, 0)
        msg = "bad line"
        raise OSError(msg)

    results = ordered_map(abs, stream(), jobs=2, chunksize=2)
    assert [next(results) for _ in range(5)] == [5, 4, 3, 2, 1]
    with pytest.raises(OSError, match="bad line"):
        next(results)


def cli(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "attribution", *args],
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_cli_writes_each_result_while_stdin_stays_open(jobs: str, buffered: bool) -> None:
    # Python buffers a pipe's output by default: each result must be flushed, not
    # only shown when PYTHONUNBUFFERED is set.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    args = ("analyze", "--input-format", "jsonl", "--format", "jsonl", "-j", jobs, "-")
    with cli(*args, env=env) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps({"id": "d1", "text": TEXTS[0]}) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no result while the input stays open"
        assert json.loads(proc.stdout.readline())["id"] == "d1"
        proc.communicate(timeout=60)
    assert proc.returncode == Exit.OK


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_ctrl_c_stops_quietly_with_status_130(jobs: str) -> None:
    args = ("analyze", "--input-format", "jsonl", "--format", "jsonl", "-j", jobs, "-")
    with cli(*args, start_new_session=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps({"id": "d1", "text": TEXTS[0]}) + "\n")
        proc.stdin.flush()
        # A first result out: the run is under way, and waits for more input.
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no result while the input stays open"
        proc.stdout.readline()
        os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
        # Standard input stays open, as a terminal's does: the reader still waits on it.
        proc.wait(timeout=60)
        assert proc.stderr is not None
        err = proc.stderr.read()
    assert proc.returncode == 130
    assert "Traceback" not in err and "Fatal" not in err


def test_cli_jobs_exits_141_quietly_when_its_reader_goes_while_stdin_stays_open() -> None:
    args = ("analyze", "--input-format", "jsonl", "--format", "jsonl", "-j", "2", "-")
    with cli(*args) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps({"id": "d1", "text": TEXTS[0]}) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no result while the input stays open"
        proc.stdout.close()  # as `| head -1` does
        proc.stdin.write(json.dumps({"id": "d2", "text": TEXTS[0]}) + "\n")
        proc.stdin.flush()
        proc.wait(timeout=60)
        assert proc.stderr is not None
        err = proc.stderr.read()
    assert proc.returncode == Exit.BROKEN_PIPE
    assert "Traceback" not in err and "Fatal" not in err


def test_a_dead_worker_is_replaced_without_waiting_for_the_next_item() -> None:
    # The input gives its next item only once it has the results so far (a
    # client answered line by line): replacing the pool must not wait for it.
    answered = threading.Event()

    def stream() -> Iterator[int]:
        yield from (1, 7)
        answered.wait(30)
        yield 2

    results = ordered_map(die_on_seven, stream(), jobs=2, chunksize=1, on_crash=crashed)
    start = time.monotonic()
    assert [next(results), next(results)] == [1, -7]
    assert time.monotonic() - start < 20
    answered.set()
    assert list(results) == [2]
