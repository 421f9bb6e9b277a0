"""Reading inputs: encodings, directories, vanishing files, JSONL corpora, HTML."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from attribution._io import (
    Record,
    decode,
    iter_records,
    read_document,
    read_jsonl_stream,
    walk,
)
from attribution.cli import Exit, main
from attribution.errors import InputError

SENTENCE = "The senator said the bill would pass."


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out=out)
    return status, out.getvalue()


# --- decoding ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SENTENCE.encode(), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + SENTENCE.encode(), id="utf-8-bom"),
        pytest.param(SENTENCE.encode("utf-16"), id="utf-16-native-bom"),
        pytest.param(b"\xff\xfe" + SENTENCE.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + SENTENCE.encode("utf-16-be"), id="utf-16-be-bom"),
    ],
)
def test_decode_accepts_utf8_and_bom_marked_utf16(data: bytes) -> None:
    assert decode(data, "a.txt") == SENTENCE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"caf\xe9 au lait", "a.txt: not UTF-8 text (byte 0xe9 at offset 3)", id="latin-1"
        ),
        pytest.param(
            b"\xef\xbb\xbfcaf\xe9",
            "a.txt: not UTF-8 text (byte 0xe9 at offset 6)",
            id="bom-counted",
        ),
        pytest.param(
            b"ab\x00cd", "a.txt: looks like a binary file (NUL byte at offset 2)", id="nul"
        ),
        pytest.param(
            "He said so.\n".encode("utf-16-le"),
            "a.txt: looks like UTF-16 text without a byte-order mark (NUL byte at offset 1)",
            id="utf-16-le-without-bom",
        ),
        pytest.param(
            "He said so.\n".encode("utf-16-be"),
            "a.txt: looks like UTF-16 text without a byte-order mark (NUL byte at offset 0)",
            id="utf-16-be-without-bom",
        ),
        pytest.param(
            b"\x00\x00\x00\x00PK\x03\x04",
            "a.txt: looks like a binary file (NUL byte at offset 0)",
            id="nul-runs",
        ),
        pytest.param(b"\xff\xfeA\x00B", "a.txt: not valid UTF-16 at byte offset 4", id="odd-utf16"),
        pytest.param(
            b"\xff\xfeA\x00\x00\xd8B\x00",
            "a.txt: not valid UTF-16 at byte offset 4",
            id="surrogate",
        ),
    ],
)
def test_decode_error_names_file_and_byte_offset(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "a.txt")
    assert str(info.value) == message


def test_decode_offset_is_relative_to_the_file() -> None:
    with pytest.raises(InputError, match="at offset 103"):
        decode(b"abc\xff", "c.jsonl:2", offset=100)


def test_read_document_errors_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_document(str(tmp_path))


# --- directories --------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (root / "b" / "c.md").write_text(SENTENCE, encoding="utf-8")
    (root / "b" / "d.markdown").write_text(SENTENCE, encoding="utf-8")
    (root / "b" / "e.html").write_text(f"<p>{SENTENCE}</p>", encoding="utf-8")
    (root / "b" / "f.jsonl").write_text(json.dumps({"text": SENTENCE}) + "\n", encoding="utf-8")
    (root / "b" / "g.png").write_bytes(b"\x89PNG\x00")
    (root / ".git").mkdir()
    (root / ".git" / "h.txt").write_text(SENTENCE, encoding="utf-8")


def test_walk_finds_text_files_in_sorted_order_and_skips_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = [Path(p).relative_to(tmp_path).as_posix() for p in walk([str(tmp_path)])]
    assert found == ["a.txt", "b/c.md", "b/d.markdown", "b/e.html"]


def test_walk_keeps_explicit_files_whatever_their_suffix(tmp_path: Path) -> None:
    make_tree(tmp_path)
    png = str(tmp_path / "b" / "g.png")
    assert list(walk([png, "-"])) == [png, "-"]


def test_walk_for_jsonl_finds_corpora(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = list(walk([str(tmp_path)], (".jsonl",)))
    assert found == [str(tmp_path / "b" / "f.jsonl")]


def test_walk_ends_on_symlink_loops(tmp_path: Path) -> None:
    make_tree(tmp_path)
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    os.symlink(tmp_path / "b", tmp_path / "again")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in walk([str(tmp_path)])]
    # b/ is reached once, whichever name comes first; the loop back to the root is cut.
    assert found == ["a.txt", "again/c.md", "again/d.markdown", "again/e.html"]


def test_broken_symlink_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    records = list(iter_records([str(tmp_path)]))
    assert [r.error is None for r in records] == [True, False]
    assert records[1].error == f"{tmp_path / 'broken.txt'}: no such file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_walk_passes_over_fifos_but_reports_broken_links(tmp_path: Path) -> None:
    # Opening a FIFO waits for a writer: a walk that read it would hang for ever.
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    os.symlink(tmp_path / "b.txt", tmp_path / "c.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "d.txt")
    found: list[Record] = []
    walk = threading.Thread(target=lambda: found.extend(iter_records([str(tmp_path)])))
    walk.start()
    walk.join(30)
    if walk.is_alive():  # waiting on the FIFO: give it a writer, so the test ends
        os.close(os.open(tmp_path / "b.txt", os.O_WRONLY | os.O_NONBLOCK))
        walk.join()
        pytest.fail("the walk opened a FIFO")
    assert [(Path(r.name).name, r.error is None) for r in found] == [
        ("a.txt", True),
        ("d.txt", False),
    ]


def test_file_that_disappears_mid_run_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SENTENCE, encoding="utf-8")
    records = iter_records([str(tmp_path)])
    first = next(records)
    (tmp_path / "b.txt").unlink()
    rest = list(records)
    assert first.text == SENTENCE
    assert [r.error for r in rest] == [f"{tmp_path / 'b.txt'}: no such file", None]
    assert rest[1].text == SENTENCE


def test_cli_walks_a_directory_and_reports_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path)
    (tmp_path / "b" / "z.txt").write_bytes(b"caf\xe9")
    status, out = run(["analyze", "--format", "jsonl", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == Exit.ERROR
    bad = tmp_path / "b" / "z.txt"
    assert err == f"attribution: error: {bad}: not UTF-8 text (byte 0xe9 at offset 3)\n"
    docs = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["id"]).name for d in docs] == ["a.txt", "c.md", "d.markdown", "e.html"]
    assert all(d["claims"][0]["text"] == "the bill would pass" for d in docs)


# --- JSONL corpora ------------------------------------------------------------


def records_of(data: bytes) -> list[Record]:
    return list(read_jsonl_stream(io.BytesIO(data), "c.jsonl"))


def test_jsonl_line_with_u2028_is_one_document() -> None:
    # U+2028 and U+0085 are legal inside JSON strings; str.splitlines() splits on them.
    line = json.dumps({"id": "x", "text": "One.\u2028Two.\x85Three."}, ensure_ascii=False)
    records = records_of(line.encode() + b"\n")
    assert [(r.id, r.text) for r in records] == [("x", "One.\u2028Two.\x85Three.")]


def test_jsonl_crlf_bom_and_blank_lines() -> None:
    data = b'\xef\xbb\xbf{"id": 1, "text": "a"}\r\n\r\n   \n{"id": "2", "text": "b"}'
    records = records_of(data)
    assert [(r.id, r.text, r.line) for r in records] == [("1", "a", 1), ("2", "b", 4)]


_THREE_LINES = ['{"id": "a", "text": "ok"}', '{"id": "b", "text": "caf\xe9"}', "", '{"id": "c"}']


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_jsonl_lines_end_at_lf_crlf_or_a_bare_cr(end: bytes, encoding: str) -> None:
    lines = [line.encode("latin-1") for line in _THREE_LINES]
    data = end.join(lines) + end
    if encoding == "utf-16":
        data = data.decode("latin-1").encode("utf-16")
    records = records_of(data)
    assert [(r.id, r.line) for r in records] == [("a", 1), ("b", 2), ("c", 4)]
    assert records[2].error == "c.jsonl:4: no 'text' field"
    if encoding == "utf-8":  # the bad byte's offset counts the line ends before it
        offset = len(lines[0]) + len(end) + lines[1].index(b"\xe9")
        assert records[1].error == f"c.jsonl:2: not UTF-8 text (byte 0xe9 at offset {offset})"
    else:
        assert records[1].text == "caf\xe9"


class _Trickle(io.RawIOBase):
    """A pipe that hands over ``size`` bytes a read, and counts its reads."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.reads = data, size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        self.reads += 1
        piece, self.data = self.data[: self.size], self.data[self.size :]
        buffer[: len(piece)] = piece
        return len(piece)


_MIXED_ENDS = (
    b'\xef\xbb\xbf{"id": "a", "text": "x"}\r\n\r{"id": "b", "text": "y"}\r\r\n'
    b'{"id": "c"}\n{"id": "d", "text": "\xe9"}\r'
)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 64])
def test_jsonl_line_ends_split_between_reads_are_read_alike(size: int) -> None:
    # A "\r\n" or a BOM cut in two by the pipe is still one line end, one BOM.
    records = list(read_jsonl_stream(io.BufferedReader(_Trickle(_MIXED_ENDS, size)), "c.jsonl"))
    expected = records_of(_MIXED_ENDS)
    assert [(r.id, r.line, r.error) for r in records] == [(r.id, r.line, r.error) for r in expected]
    assert [(r.id, r.line) for r in expected] == [("a", 1), ("b", 3), ("c", 5), ("d", 6)]
    assert expected[3].error == "c.jsonl:6: not UTF-8 text (byte 0xe9 at offset 90)"


def test_jsonl_with_bare_cr_ends_streams_a_line_at_a_time() -> None:
    # An old Mac corpus has no "\n" at all: it is read a chunk at a time, not whole.
    class EndlessMac(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            line = b'{"text": "He said so."}\r'
            buffer[: len(line)] = line
            return len(line)

    records = read_jsonl_stream(io.BufferedReader(EndlessMac()), "endless")
    assert [next(records).line for _ in range(3)] == [1, 2, 3]


def test_jsonl_line_from_a_pipe_is_read_before_the_next_one_comes() -> None:
    pipe = _Trickle(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', 25)
    records = read_jsonl_stream(io.BufferedReader(pipe), "<stdin>")
    assert next(records).id == "a"
    assert pipe.reads == 1


def test_jsonl_bad_bytes_spoil_only_their_line_and_give_the_file_offset() -> None:
    data = b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n'
    records = records_of(data)
    assert [r.id for r in records] == ["a", "b", "c"]
    assert records[1].error == "c.jsonl:2: not UTF-8 text (byte 0xe9 at offset 50)"
    assert data[50] == 0xE9
    assert records[2].text == "ok"


@pytest.mark.parametrize(
    ("line", "record_id", "error"),
    [
        pytest.param(
            '{"id": "a7", "text": "unterminated',
            "a7",
            "not JSON (Unterminated string starting at column 22)",
            id="truncated",
        ),
        pytest.param(
            '{"id": 12, "text": }', "12", "not JSON (Expecting value at column 20)", id="bad-value"
        ),
        pytest.param(
            '{"id": "t", "text": "a\tb"}',
            "t",
            "not JSON (Invalid control character at column 23)",
            id="raw-tab",
        ),
        pytest.param('{"id": "q\\"x", "text": ', 'q"x', "not JSON", id="escaped-id"),
        pytest.param("[1, 2]", None, "expected an object with 'text'", id="array"),
        pytest.param('{"id": "n", "text": null}', "n", "'text' must be a string", id="null-text"),
        pytest.param('{"id": true, "body": "x"}', "true", "no 'text' field", id="no-text"),
        pytest.param("[" * 100_000, None, "not JSON", id="deeply-nested"),
    ],
)
def test_jsonl_bad_lines_keep_their_id_when_it_can_be_seen(
    line: str, record_id: str | None, error: str
) -> None:
    (record,) = records_of(line.encode() + b"\n")
    assert record.id == record_id
    assert record.text is None and record.error is not None and error in record.error
    assert record.error.startswith("c.jsonl:1: ") and record.line == 1


_DIGITS = "9" * 5000  # past Python's 4,300-digit limit on reading an integer


@pytest.mark.parametrize(
    ("line", "record_id", "text", "error"),
    [
        pytest.param(f'{{"id": {_DIGITS}, "text": "a"}}', _DIGITS, "a", None, id="long-id"),
        pytest.param(
            f'{{"id": "n", "text": "a", "views": {_DIGITS}}}', "n", "a", None, id="long-field"
        ),
        pytest.param(
            f'{{"id": [{_DIGITS}], "text": "a"}}', f'["{_DIGITS}"]', "a", None, id="long-in-list"
        ),
        pytest.param(
            f'{{"id": "t", "text": {_DIGITS}}}',
            "t",
            None,
            "'text' must be a string",
            id="long-text",
        ),
    ],
)
def test_jsonl_integers_too_long_for_int_are_read_not_fatal(
    line: str, record_id: str, text: str | None, error: str | None
) -> None:
    (record,) = records_of(line.encode() + b"\n")
    assert (record.id, record.text) == (record_id, text)
    assert record.error == (None if error is None else f"c.jsonl:1: {error}")


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\x0c", "\x1c", "\u2028"])
def test_jsonl_line_of_non_json_white_space_is_an_error_line_not_skipped(space: str) -> None:
    data = f'{{"id": "a", "text": "x"}}\n{space}\n \t\r\n{{"id": "b", "text": "y"}}\n'
    records = records_of(data.encode())
    assert [(r.id, r.line) for r in records] == [("a", 1), (None, 2), ("b", 4)]
    assert records[1].error is not None and records[1].error.startswith("c.jsonl:2: not JSON")


def test_jsonl_in_utf16_is_read() -> None:
    text = json.dumps({"id": "u", "text": SENTENCE}) + "\n"
    records = records_of(text.encode("utf-16"))
    assert [(r.id, r.text) for r in records] == [("u", SENTENCE)]


def test_jsonl_stream_reads_lazily() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            line = b'{"text": "He said so."}\n'
            buffer[: len(line)] = line
            return len(line)

    records = read_jsonl_stream(io.BufferedReader(Endless()), "endless")
    assert [next(records).line for _ in range(3)] == [1, 2, 3]


def test_missing_corpus_is_reported_without_an_output_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run(
        ["analyze", "--input-format", "jsonl", "--format", "jsonl", str(tmp_path / "x")]
    )
    assert status == Exit.ERROR and out == ""
    assert "no such file" in capsys.readouterr().err


# --- nothing lost -------------------------------------------------------------


CORPUS = [
    '{"id": "a", "text": "The mayor said the bridge would reopen on Monday."}',
    '{"id": "b", "text": "unterminated',
    "",
    '{"id": 3, "text": ""}',
    '{"id": "d", "text": 4}',
    '{"text": "Prices rose 3 percent, the bureau said."}',
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_corpus_line_gets_one_output_line_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes("\n".join(CORPUS).encode() + b'\n{"id": "e", "text": "\xff"}\n')
    status, out = run(
        ["analyze", "--input-format", "jsonl", "--format", "jsonl", "-j", jobs, str(corpus)]
    )
    assert status == Exit.ERROR
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b", "3", "d", None, "e"]
    assert [sorted(d) == ["error", "id"] for d in docs] == [False, True, False, True, False, True]
    assert "Traceback" not in out + capsys.readouterr().err


def test_json_format_gives_one_document_or_an_array(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(CORPUS[:2]) + "\n", encoding="utf-8")
    status, out = run(["analyze", "--input-format", "jsonl", "--format", "json", str(corpus)])
    assert status == Exit.ERROR
    assert [d["id"] for d in json.loads(out)] == ["a", "b"]
    corpus.write_text(CORPUS[0] + "\n", encoding="utf-8")
    assert (
        json.loads(run(["analyze", "--input-format", "jsonl", "--format", "json", str(corpus)])[1])[
            "id"
        ]
        == "a"
    )
    corpus.write_text("\n", encoding="utf-8")
    assert (
        json.loads(run(["analyze", "--input-format", "jsonl", "--format", "json", str(corpus)])[1])
        == []
    )


def test_a_crash_in_a_stage_costs_one_document_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import attribution.cli

    real = attribution.cli.analyze

    def flaky(text: str, *, id: str | None = None):  # type: ignore[no-untyped-def]
        if "boom" in text:
            raise IndexError("tuple index out of range")
        return real(text, id=id)

    monkeypatch.setattr(attribution.cli, "analyze", flaky)
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"id": "a", "text": "He said so."},
        {"id": "b", "text": "boom"},
        {"id": "c", "text": ""},
    ]
    corpus.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    status, out = run(["analyze", "--input-format", "jsonl", "--format", "jsonl", str(corpus)])
    docs = [json.loads(line) for line in out.splitlines()]
    assert status == Exit.ERROR
    assert docs[1] == {
        "id": "b",
        "error": f"{corpus}:2: analysis failed (IndexError: tuple index out of range)",
    }
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    assert capsys.readouterr().err.count("\n") == 1


# --- HTML ---------------------------------------------------------------------


def test_html_is_masked_keeping_offsets(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Bridge</title><style>p { color: red }</style>"
        "<script>if (a < b) { x = '<p>'; }</script></head><body>\n"
        "<!-- ad slot -->\n<p>The mayor said the bridge would reopen &ldquo;soon&rdquo;.</p>"
        "</body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    status, out = run(["analyze", "--format", "json", str(tmp_path / "page.html")])
    assert status == Exit.OK
    doc = json.loads(out)
    assert doc["length"] == len(page)
    texts = [c["text"] for c in doc["claims"]]
    assert any(t.startswith("the bridge would reopen") for t in texts)
    assert not any("color" in t or "<" in t for t in texts)


@pytest.mark.parametrize(
    "page",
    [
        "a < b and c > d",
        "<p>unclosed <!-- comment",
        "<script>never closed",
        "&amp;&lt;&#8220;&#x201d;&bogus;&NotEqualTilde;",
        "<" * 1000,
        "<İ>İİ</İ>",
    ],
)
def test_mask_html_keeps_length_and_drops_markup(page: str) -> None:
    from attribution.markup import Markup, mask

    masked = mask(page + "\n" + page, Markup.HTML).text
    assert len(masked) == len(page) * 2 + 1
    # (In HTML a newline is only white space: it may become a space.)
    assert "<p>" not in masked and "<!--" not in masked


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_lone_surrogates_in_a_corpus_are_escaped_not_fatal(tmp_path: Path, fmt: str) -> None:
    # json.loads turns the escape "\ud800" into a lone surrogate, which UTF-8 cannot encode.
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "s\\udfff", "text": "He said \\ud800 it rained."}\n{"id": "t", "text": "ok."}\n',
        encoding="utf-8",
    )
    argv = ["analyze", "--input-format", "jsonl", "--format", fmt, str(corpus)]
    proc = subprocess.run(
        [sys.executable, "-m", "attribution", *argv],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == Exit.OK, proc.stderr
    out = proc.stdout.decode("utf-8")  # strict: valid UTF-8
    if fmt == "jsonl":
        docs = [json.loads(line) for line in out.splitlines()]
        assert [d["id"] for d in docs] == ["s\udfff", "t"]
        assert docs[0]["claims"][0]["text"] == "\ud800 it rained"
    elif fmt == "json":
        assert [d["id"] for d in json.loads(out)] == ["s\udfff", "t"]
    else:
        assert "\\ud800 it rained" in out


def test_a_directory_with_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    records = list(iter_records([str(tmp_path)]))
    assert len(records) == 1
    assert records[0].text is None
    assert "no .txt/.md" in (records[0].error or "")


@pytest.mark.parametrize(
    ("name", "input_format", "warned"),
    [
        pytest.param("two.jsonl", "text", True, id="jsonl-as-text"),
        pytest.param("two.NDJSON", "text", True, id="ndjson-as-text"),
        pytest.param("two.jsonl", "jsonl", False, id="jsonl-as-jsonl"),
        pytest.param("two.txt", "text", False, id="text-as-text"),
    ],
)
def test_a_jsonl_file_read_as_text_suggests_the_jsonl_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, input_format: str, warned: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text('{"text": "It rained, he said."}\n', encoding="utf-8")
    [record] = iter_records([name], input_format)
    assert record.error is None
    hint = f"{name}: read as text; for a corpus use --input-format jsonl"
    assert record.warning == (hint if warned else None)


def test_a_directory_of_corpora_read_as_text_suggests_the_jsonl_format(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text('{"text": "It rained, he said."}\n', encoding="utf-8")
    [record] = iter_records([str(tmp_path)])
    assert "--input-format jsonl" in (record.error or "")
    [record] = iter_records([str(tmp_path)], "jsonl")
    assert record.error is None
    assert record.text == "It rained, he said."


@pytest.mark.parametrize(("keep_raw", "kept"), [(True, True), (False, False)])
def test_a_markdown_record_keeps_the_file_as_read_only_when_asked(
    keep_raw: bool, kept: bool, tmp_path: Path
) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Head\n\nOfficials said the plan failed.\n", encoding="utf-8")
    (record,) = iter_records([str(path)], keep_raw=keep_raw)
    assert (record.raw == path.read_text(encoding="utf-8")) is kept
    assert record.raw is None or len(record.raw) == len(str(record.text))
