"""The command line: formats, inputs, errors and exit status."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from attribution.cli import Exit, main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out=out)
    return status, out.getvalue()


def test_analyze_json_prints_one_versioned_document() -> None:
    status, out = run(["analyze", "--format", "json", str(SEED)])
    assert status == Exit.OK
    doc = json.loads(out)
    assert doc["version"] >= 1
    assert {"sentences", "attributions", "claims"} <= set(doc)
    text = SEED.read_text(encoding="utf-8")
    for claim in doc["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]


def test_analyze_jsonl_reads_a_corpus_and_keeps_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"id": "a", "text": "The mayor said the bridge would reopen on Monday."},
        {"id": 7, "text": ""},
        {"text": "Prices rose 3 percent, the bureau said."},
    ]
    corpus.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    status, out = run(["analyze", "--input-format", "jsonl", "--format", "jsonl", str(corpus)])
    assert status == Exit.OK
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in docs] == ["a", "7", None]
    assert docs[0]["attributions"][0]["cue"]["text"] == "said"
    assert docs[1]["claims"] == []


def test_analyze_jsonl_bad_line_gives_error_record_and_status_2(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "ok", "text": "He said so."}\nnot json\n', encoding="utf-8")
    status, out = run(["analyze", "--input-format", "jsonl", "--format", "jsonl", str(corpus)])
    assert status == Exit.ERROR
    docs = [json.loads(line) for line in out.splitlines()]
    assert docs[0]["id"] == "ok"
    assert "error" in docs[1]


def test_analyze_text_report_names_chains() -> None:
    status, out = run(["analyze", str(SEED)])
    assert status == Exit.OK
    assert "<- Axios (reported)" in out
    assert f"{SEED}:1:" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\xff\xfeA\x00B", "UTF-16", id="bad-utf16"),
        pytest.param(b"caf\xe9 au lait", "not UTF-8", id="latin-1"),
        pytest.param(b"\x00\x01\x02\x03", "binary", id="binary"),
    ],
)
def test_unreadable_file_is_one_line_error_and_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The minister said the talks would resume.", encoding="utf-8")
    status, out = run(["analyze", "--format", "jsonl", str(bad), str(good)])
    err = capsys.readouterr().err
    assert status == Exit.ERROR
    assert err.count("\n") == 1 and err.startswith("attribution: error: ")
    assert str(bad) in err
    assert len(out.splitlines()) == 1


def test_missing_path_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = run(["analyze", "/no/such/file.txt"])
    assert status == Exit.ERROR
    assert "no such file" in capsys.readouterr().err


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    sentence = "The senator said the bill would pass."
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + sentence.encode())
    (tmp_path / "u16.txt").write_bytes(sentence.encode("utf-16"))
    status, out = run(
        ["analyze", "--format", "jsonl", str(tmp_path / "bom.txt"), str(tmp_path / "u16.txt")]
    )
    assert status == Exit.OK
    for line in out.splitlines():
        assert json.loads(line)["claims"][0]["text"] == "the bill would pass"


def test_usage_error_exits_2() -> None:
    assert run(["analyze", "--format", "yaml"])[0] == Exit.ERROR
    assert run([])[0] == Exit.ERROR


def test_python_dash_m_reads_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "attribution", "analyze", "--format", "json", "-"],
        input=b"Officials said the road was closed.",
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["claims"][0]["text"] == "the road was closed"


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze", "-", "-"],
        ["analyze", "--input-format", "jsonl", "-", "-"],
        ["lint", "-", "-"],
        ["verify", "--source", "-", "-"],
        ["match", "--against", str(SEED), "-", "-"],
    ],
    ids=["analyze", "analyze-jsonl", "lint", "verify", "match"],
)
def test_standard_input_named_twice_is_refused(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # The second read would see an empty text: a document silently lost.
    status, out = run(argv)
    assert status == Exit.ERROR and out == ""
    assert capsys.readouterr().err == (
        "attribution: error: '-' (standard input) can be given only once\n"
    )


# --- line numbers: "\n", "\r\n" and a bare "\r" each end a line --------------------------

ARTICLE = [
    "The mayor spoke on Monday.",
    "",
    "Officials said the bridge was unsafe, according to sources.",
    "",
    'She said "we will rebuild the bridge by next spring" at the meeting.',
]
TRANSCRIPT = ["Good evening.", "Well, we will rebuild the bridge by next spring, I promise."]
CHECKS = [
    {"id": "fc-bridge", "claim": "The bridge was unsafe, officials said."},
    {"id": "fc-rebuild", "claim": "The bridge will be rebuilt by next spring."},
]
# Every field of the commands' JSON and SARIF output that holds a line or a column.
LINE_FIELDS = frozenset(
    ("line", "column", "end_line", "end_column", "startLine", "startColumn", "endLine", "endColumn")
)


def _line_fields(doc: object) -> list[tuple[str, int]]:
    """Return the line and column fields of a JSON document, in document order."""
    if isinstance(doc, list):
        return [pair for item in doc for pair in _line_fields(item)]
    if isinstance(doc, dict):
        return [
            pair
            for key, value in doc.items()
            for pair in ([(key, value)] if key in LINE_FIELDS else _line_fields(value))
        ]
    return []


def _write_inputs(folder: Path, nl: str) -> Path:
    """Write the article, the transcript (both with line ends ``nl``) and the store."""
    folder.mkdir()
    (folder / "article.txt").write_bytes((nl.join(ARTICLE) + nl).encode())
    (folder / "source.txt").write_bytes((nl.join(TRANSCRIPT) + nl).encode())
    (folder / "checks.jsonl").write_text("".join(json.dumps(c) + "\n" for c in CHECKS))
    return folder


def _run_in(folder: Path, nl: str, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """Run ``argv`` in ``folder`` on the article and transcript written with line ends ``nl``."""
    monkeypatch.chdir(_write_inputs(folder, nl))
    _, out = run(argv)
    return out


@pytest.mark.parametrize("nl", [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")])
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["lint", "--isolated", "article.txt"], id="lint-text"),
        pytest.param(["lint", "--isolated", "--format", "github", "article.txt"], id="lint-github"),
        pytest.param(["lint", "--isolated", "--format", "json", "article.txt"], id="lint-json"),
        pytest.param(["lint", "--isolated", "--format", "sarif", "article.txt"], id="lint-sarif"),
        pytest.param(["verify", "article.txt", "--source", "source.txt"], id="verify-text"),
        pytest.param(
            ["verify", "article.txt", "--source", "source.txt", "--format", "json"],
            id="verify-json",
        ),
        pytest.param(["match", "article.txt", "--against", "checks.jsonl"], id="match-text"),
        pytest.param(["analyze", "article.txt"], id="analyze-text"),
    ],
)
def test_line_numbers_are_the_same_for_lf_crlf_and_cr_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], nl: str
) -> None:
    lf = _run_in(tmp_path / "lf", "\n", argv, monkeypatch)
    other = _run_in(tmp_path / "other", nl, argv, monkeypatch)
    if "json" in argv or "sarif" in argv:
        # Offsets differ with two-character line ends; lines and columns do not.
        lf_fields, other_fields = _line_fields(json.loads(lf)), _line_fields(json.loads(other))
        assert max(value for key, value in lf_fields if "ine" in key) >= 3
        assert other_fields == lf_fields
    else:
        assert max(int(n) for n in re.findall(r"(?:article\.txt:|\bline=)(\d+)", lf)) >= 3
        assert other == lf


def test_verify_gives_the_source_line_of_a_cr_transcript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _run_in(
        tmp_path / "cr", "\r", ["verify", "article.txt", "--source", "source.txt"], monkeypatch
    )
    assert out.startswith("article.txt:5:11: verbatim ")
    assert "-> source.txt:2:7 " in out


STORY_MD = """\
---
title: Budget
---

# The budget

Bob Smith said the talks stalled.

- The mayor said the bridge would reopen.
- "We will rebuild," Ann Lee said.

| year | cost |
|---|---|
| 2024 | 12 |

Officials said the plan was dead.
"""

STORY_HTML = """\
<html>
<body>
<h1>The budget</h1>

<p>Bob Smith said the talks stalled.</p>
<ul>
<li>The mayor said the bridge would reopen.</li>
<li>"We will rebuild," Ann Lee said.</li>
</ul>
<p>Officials said the plan was dead.</p>
</body>
</html>
"""


@pytest.mark.parametrize(
    ("name", "story"), [("story.md", STORY_MD), ("story.html", STORY_HTML)], ids=["md", "html"]
)
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["analyze", "{story}"], id="analyze"),
        pytest.param(["match", "{story}", "--against", "checks.jsonl"], id="match"),
        pytest.param(["verify", "{story}", "--source", "source.txt"], id="verify"),
    ],
)
def test_line_numbers_of_markdown_and_html_are_the_files_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, story: str, argv: list[str]
) -> None:
    """Blanking markup puts paragraph breaks where line breaks were; lines are the file's."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(story, encoding="utf-8")
    Path("source.txt").write_text("ANN LEE: We will rebuild, and we will do it fast.\n")
    Path("checks.jsonl").write_text('{"id": "fc-1", "claim": "The bridge would reopen."}\n')
    _, out = run([arg.format(story=name) for arg in argv])
    lines = story.split("\n")
    found = re.findall(rf"^{re.escape(name)}:(\d+):(\d+): .*?'([^'…]+)", out, re.MULTILINE)
    assert len(found) >= 1 if "verify" in argv else len(found) >= 4
    for line, column, quoted in found:
        at = lines[int(line) - 1][int(column) - 1 :]
        assert at.startswith(quoted.split()[0]), (line, column, quoted, at)


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (["lint", "--formt", "json", "a.md"], "usage: attribution lint ",
         "attribution lint: error: unrecognized arguments: --formt (did you mean '--format'?)"),
        (["analyze", "--fromat=json"], "usage: attribution analyze ",
         "unrecognized arguments: --fromat=json (did you mean '--format'?)"),
        (["lint", "--fial-on", "error"], "usage: attribution lint ",
         "unrecognized arguments: --fial-on (did you mean '--fail-on'?)"),
        (["verify", "a.txt", "b.txt", "--source", "s.txt"], "usage: attribution verify ",
         "attribution verify: error: unrecognized arguments: b.txt\n"),
        (["--bogus"], "usage: attribution [-h]",
         "attribution: error: unrecognized arguments: --bogus\n"),
    ],
)  # fmt: skip
def test_unknown_arguments_get_the_commands_own_usage_and_a_hint(
    argv: list[str], usage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(argv)
    err = capsys.readouterr().err
    assert (status, out) == (Exit.ERROR, "")
    assert err.startswith(usage) and message in err


class _Terminal(io.TextIOWrapper):
    """Standard input at a terminal, on which the user typed nothing yet (Ctrl-D)."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(b""), encoding="utf-8")

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("argv", "noted"),
    [
        (["lint"], True),
        (["analyze"], True),
        (["analyze", "--input-format", "jsonl"], True),
        (["lint", "-"], False),  # asked for by name
        (["analyze", "-"], False),
    ],
)
def test_reading_a_terminal_for_want_of_paths_says_so(
    argv: list[str],
    noted: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())
    run(argv)
    err = capsys.readouterr().err
    assert ("reading standard input (end it with Ctrl-D)" in err) is noted


def test_reading_piped_input_for_want_of_paths_says_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    piped = io.TextIOWrapper(
        io.BytesIO(b"Officials said the bridge was unsafe.\n"), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "stdin", piped)
    status, out = run(["analyze"])
    assert status == 0 and "the bridge was unsafe" in out
    assert capsys.readouterr().err == ""


# --- the reader of the output leaves early: status 141, no traceback ---------------------

DRAFT = "Officials said the bridge was unsafe, according to sources.\n\n"


def _environment(*, buffered: bool) -> dict[str, str]:
    """Return this environment, with standard output buffered (the default) or not."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return env if buffered else {**env, "PYTHONUNBUFFERED": "1"}


def _closed_stdout(
    argv: list[str], cwd: Path, *, buffered: bool
) -> subprocess.CompletedProcess[bytes]:
    """Run the command line with a standard output whose reader is already gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "attribution", *argv],
            cwd=cwd,
            env=_environment(buffered=buffered),
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["analyze", "article.txt"], id="analyze"),
        pytest.param(["analyze", "-j", "2", "--format", "json", "article.txt"], id="analyze-jobs"),
        pytest.param(["lint", "--isolated", "article.txt"], id="lint"),
        pytest.param(["lint", "--isolated", "--format", "sarif", "article.txt"], id="lint-sarif"),
        pytest.param(["rules"], id="rules"),
        pytest.param(["explain", "ATR201"], id="explain"),
        pytest.param(["match", "article.txt", "--against", "checks.jsonl"], id="match"),
        pytest.param(["index", "checks.jsonl"], id="index"),
        pytest.param(["verify", "article.txt", "--source", "source.txt"], id="verify"),
    ],
)
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_every_command_exits_141_without_a_traceback_when_its_output_is_closed(
    tmp_path: Path, argv: list[str], buffered: bool
) -> None:
    # Buffered, the text not yet written would fail again in the interpreter's
    # last flush ("Exception ignored ...", status 120) if main() left it there.
    proc = _closed_stdout(argv, _write_inputs(tmp_path / "in", "\n"), buffered=buffered)
    assert proc.returncode == Exit.BROKEN_PIPE
    assert proc.stderr == b""


@pytest.mark.parametrize(
    ("fmt", "first_line"),
    [("text", b"draft.txt:1:1: ATR"), ("json", b"{\n")],
    ids=["text", "json"],
)
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_lint_piped_to_head_exits_141_not_0_after_findings(
    tmp_path: Path, fmt: str, first_line: bytes, buffered: bool
) -> None:
    # `attribution lint drafts/ | head -1`: the first finding is read, the rest is cut off.
    # The JSON report is one long write, which unbuffered output used to cut short in silence.
    (tmp_path / "draft.txt").write_text(DRAFT * 1500, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "attribution", "lint", "--isolated", "--format", fmt, "draft.txt"],
        cwd=tmp_path,
        env=_environment(buffered=buffered),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=120) == Exit.BROKEN_PIPE
    assert first.startswith(first_line)
    assert err == b""


def test_main_given_a_closed_stream_returns_141() -> None:
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    assert main(["rules"], out=Gone()) == Exit.BROKEN_PIPE


def test_analyze_warns_once_that_a_jsonl_file_was_read_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("two.jsonl").write_text('{"id": "a", "text": "It rained, he said."}\n', encoding="utf-8")
    assert main(["analyze", "two.jsonl"]) == Exit.OK
    err = capsys.readouterr().err
    assert err == (
        "attribution: warning: two.jsonl: read as text; for a corpus use --input-format jsonl\n"
    )
    assert main(["analyze", "--input-format", "jsonl", "two.jsonl"]) == Exit.OK
    assert capsys.readouterr().err == ""


def test_match_warns_as_analyze_does_that_a_jsonl_file_was_read_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("store.jsonl").write_text('{"claim": "The moon is made of cheese"}\n', encoding="utf-8")
    Path("two.jsonl").write_text(
        '{"id": "a", "text": "Officials said the moon is made of cheese."}\n', encoding="utf-8"
    )
    assert main(["match", "--against", "store.jsonl", "two.jsonl"]) == Exit.OK
    assert capsys.readouterr().err == (
        "attribution: warning: two.jsonl: read as text; for a corpus use --input-format jsonl\n"
    )
    argv = ["match", "--against", "store.jsonl", "--input-format", "jsonl", "two.jsonl"]
    assert main(argv) == Exit.OK
    assert capsys.readouterr().err == ""
