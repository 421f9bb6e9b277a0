"""Read input files and streams as text, with clear errors for what is not text."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen

from attribution.errors import InputError


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or BOM-marked UTF-16.

    Raises:
        InputError: for binary data or bytes that are not valid UTF-8, naming
            the input and the byte offset.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            msg = f"{name}: not valid UTF-16 at byte {err.start}"
            raise InputError(msg) from err
    nul = data.find(b"\x00", 0, 1 << 16)
    if nul >= 0:
        msg = f"{name}: looks like a binary file (NUL byte at offset {nul})"
        raise InputError(msg)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        msg = f"{name}: not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})"
        raise InputError(msg) from err


def read_path(path: str) -> str:
    """Return the text of a file, or of standard input for ``-``."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as err:
        msg = f"{path}: no such file"
        raise InputError(msg) from err
    except IsADirectoryError as err:
        msg = f"{path}: is a directory"
        raise InputError(msg) from err
    except OSError as err:
        msg = f"{path}: cannot read ({err.strerror})"
        raise InputError(msg) from err
    return decode(data, path)


@frozen
class Record:
    """One document of a JSONL corpus: its id and text, or why it could not be read."""

    id: str | None
    text: str | None
    error: str | None = None


def read_jsonl(text: str, name: str) -> Iterator[Record]:
    """Yield one record per non-blank line of a JSONL corpus, bad lines included."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Record(None, None, f"{name}:{number}: not JSON ({err.msg})")
            continue
        if not isinstance(obj, dict):
            yield Record(None, None, f"{name}:{number}: expected an object with 'text'")
            continue
        doc_id = obj.get("id")
        doc_id = None if doc_id is None else str(doc_id)
        body = obj.get("text")
        if not isinstance(body, str):
            yield Record(doc_id, None, f"{name}:{number}: 'text' must be a string")
            continue
        yield Record(doc_id, body)
