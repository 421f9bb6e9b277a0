"""The command line: formats, inputs, errors and exit status."""

from __future__ import annotations

import io
import json
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
