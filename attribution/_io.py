"""Read inputs as text: files, directories, standard input and JSONL corpora.

Everything here is lazy, so a corpus larger than memory streams through:
directories are walked as they are read, and a JSONL corpus is read one line
at a time. What cannot be read becomes a :class:`Record` carrying an
``error`` (naming the file, and the byte offset for bytes that are not text)
instead of an exception, so one bad input never stops the others.
"""

from __future__ import annotations

import codecs
import itertools
import json
import operator
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from attrs import frozen

from attribution._lines import LINE_BREAK
from attribution.errors import ConfigError, InputError
from attribution.markup import markup_for, mask

# What a directory walk picks up, by input format.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@frozen
class Record:
    """One document to analyze: its id and text, or why it could not be read.

    ``name`` says where it came from (a path, ``<stdin>``, or ``path:line``
    for a corpus line) and is used in reports and messages. ``line`` is the
    1-based line number for a document read from a JSONL corpus and ``None``
    for a whole file: a corpus line always gets an output line, even when it
    fails, so that output and input stay aligned line for line. ``warning``
    says what may be amiss with a document that was read (a ``.jsonl`` file
    read as text), for the command line to print.
    """

    id: str | None
    text: str | None
    error: str | None = None
    name: str = "<stdin>"
    line: int | None = None
    raw: str | None = None  # the file as read, when markup was blanked out of ``text``
    warning: str | None = None


# A lone surrogate (from a JSON "\ud800" escape, or a file name that is not
# UTF-8) cannot be written as UTF-8: output escapes it rather than fail.
SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(doc: object, indent: int | None = None) -> str:
    """Return ``doc`` as JSON, non-ASCII as is, unless it holds a lone surrogate."""
    out = json.dumps(doc, ensure_ascii=False, indent=indent)
    return json.dumps(doc, indent=indent) if SURROGATE.search(out) else out


def printable(text: str) -> str:
    """Return ``text`` with any lone surrogate written as a backslash escape."""
    if SURROGATE.search(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def decode(data: bytes, name: str, *, offset: int = 0) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or BOM-marked UTF-16.

    Args:
        data: the bytes.
        name: the input's name for messages (a path, ``<stdin>``, ``path:line``).
        offset: where ``data`` starts in the file, so messages give file offsets.

    Raises:
        InputError: for binary data or bytes that are not valid UTF-8, naming
            the input and the byte offset.

    >>> decode(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9", "a.txt")
    'café'
    >>> decode(b"caf\\xe9", "a.txt")
    Traceback (most recent call last):
    ...
    attribution.errors.InputError: a.txt: not UTF-8 text (byte 0xe9 at offset 3)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            msg = f"{name}: not valid UTF-16 at byte offset {offset + err.start}"
            raise InputError(msg) from err
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\x00", skip, 1 << 16)
    if nul >= 0:
        kind = "UTF-16 text without a byte-order mark" if _bomless_utf16(data) else "a binary file"
        msg = f"{name}: looks like {kind} (NUL byte at offset {offset + nul})"
        raise InputError(msg)
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        at = skip + err.start
        msg = f"{name}: not UTF-8 text (byte 0x{data[at]:02x} at offset {offset + at})"
        raise InputError(msg) from err


def _bomless_utf16(data: bytes) -> bool:
    """Whether ``data`` starts as ASCII text in UTF-16 would: every other byte NUL, the rest not."""
    head = data[: min(64, len(data) - len(data) % 2)]
    if len(head) < 4:
        return False
    for zeros, chars in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if not zeros.strip(b"\x00") and b"\x00" not in chars:
            return True
    return False


def _os_error(path: str, err: OSError) -> InputError:
    if isinstance(err, FileNotFoundError):
        # Listed by a directory walk and gone before it was read, a broken
        # symlink, or a typo: the same message serves all three.
        return InputError(f"{path}: no such file")
    if isinstance(err, IsADirectoryError):
        return InputError(f"{path}: is a directory")
    return InputError(f"{path}: cannot read ({err.strerror or err})")


def stdin_bytes() -> BinaryIO:
    """Return standard input as bytes, through a reader of its own.

    With ``--jobs`` the input is read on a thread, which may be waiting for a
    line when the run ends early (Ctrl-C, or the reader of the output gone).
    Waiting in ``sys.stdin.buffer``, it would hold the lock the interpreter
    takes to close ``sys.stdin`` at exit, and a worker process as it starts:
    both would then wait for ever (the interpreter aborts instead). A reader of
    its own (the same file descriptor, left open) is closed by neither.
    """
    try:
        return open(sys.stdin.fileno(), "rb", closefd=False)
    except (AttributeError, OSError, ValueError):  # a stand-in without a file descriptor
        return sys.stdin.buffer


def read_raw(path: str) -> str:
    """Return the text of a file, or of standard input for ``-``, as it is.

    Raises:
        InputError: when the file is missing, unreadable or not text.
    """
    if path == "-":
        return decode(stdin_bytes().read(), "<stdin>")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        raise _os_error(path, err) from err
    return decode(data, path)


def read_document(path: str) -> tuple[str, str]:
    """Return a file's text as read and its prose, for ``-`` standard input.

    Markdown and HTML files (by suffix) have their markup blanked out of the
    prose by :func:`attribution.markup.mask`, one character for one, so every
    offset into it is an offset into the file: front matter, code and tags
    give no claims. Line numbers are counted in the text as read: blanking
    markup may put a paragraph break (U+2029) where a line break was.

    Raises:
        InputError: when the file is missing, unreadable or not text.
    """
    text = read_raw(path)
    return text, mask(text, markup_for(None if path == "-" else path)).text


def walk(paths: Iterable[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[str]:
    """Yield file paths, expanding directories into the files below them.

    A path given explicitly is yielded as is, whatever its suffix (errors
    surface when it is read). Directories are walked depth first in sorted
    order, keeping files whose suffix is one of ``suffixes`` and skipping
    hidden entries (``.git``). Symbolic links are followed, but a directory
    already visited (by device and inode) is not entered again, so symlink
    loops end.
    """
    for path in paths:
        if path != "-" and os.path.isdir(path):
            yield from _walk_dir(path, suffixes, set())
        else:
            yield path


def _walk_dir(top: str, suffixes: tuple[str, ...], seen: set[tuple[int, int]]) -> Iterator[str]:
    try:
        info = os.stat(top)
    except OSError:
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks; a broken link is not a dir
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk_dir(entry.path, suffixes, seen)
        elif entry.name.lower().endswith(suffixes) and _readable_kind(entry):
            yield entry.path


def _readable_kind(entry: os.DirEntry[str]) -> bool:
    """Return whether a walk should read ``entry``: not a FIFO, socket or device.

    Opening a FIFO waits for a writer that may never come, and a device may
    never end, so a walk passes them over (a path given explicitly is still
    read, as ``cat`` would). A file or link that is gone is kept, so that
    reading it reports it.
    """
    try:
        if entry.is_file():  # from the directory listing: no system call, unless a link
            return True
        return stat.S_ISREG(entry.stat().st_mode)
    except OSError:  # a broken link, or gone since the listing
        return True


def stdin_once(paths: Iterable[str]) -> None:
    """Refuse '-' named twice: the second read would see an empty text."""
    if list(paths).count("-") > 1:
        msg = "'-' (standard input) can be given only once"
        raise ConfigError(msg)


def iter_records(
    paths: Iterable[str], input_format: str = "text", *, keep_raw: bool = True
) -> Iterator[Record]:
    """Yield one record per text file, or per line of each JSONL corpus.

    ``-`` (or no path at all) reads standard input. Files that cannot be read
    give a record with an ``error`` and ``line=None``; corpus lines that
    cannot be read give a record with an ``error`` and their line number.
    Read as text, a directory holding only JSONL corpora is an error, and a
    JSONL file (named, since a walk for text skips it) a record with a
    ``warning``: both suggest ``--input-format jsonl``. ``keep_raw=False``
    leaves out :attr:`Record.raw` (needed only to number lines).
    """
    jsonl = input_format == "jsonl"
    suffixes = JSONL_SUFFIXES if jsonl else TEXT_SUFFIXES
    for given in list(paths) or ["-"]:
        found = False
        for path in walk([given], suffixes):
            found = True
            yield from _records_of(path, jsonl, keep_raw)
        if not found:  # a directory with nothing to read: say so, don't pass silently
            error = f"{given}: no {'/'.join(suffixes)} files found"
            if not jsonl and next(walk([given], JSONL_SUFFIXES), None) is not None:
                error += f" (it holds JSONL corpora: add {_JSONL_FLAG})"
            yield Record(given, None, error, name=given)


_JSONL_FLAG = "--input-format jsonl"


def _records_of(path: str, jsonl: bool, keep_raw: bool) -> Iterator[Record]:
    name = "<stdin>" if path == "-" else path
    if jsonl:
        yield from _jsonl_records(path, name)
        return
    try:
        raw, text = read_document(path)
    except InputError as err:
        yield Record(None if path == "-" else path, None, str(err), name=name)
        return
    yield Record(
        None if path == "-" else path,
        text,
        name=name,
        raw=None if raw == text or not keep_raw else raw,
        warning=text_read_warning(path),
    )


def text_read_warning(path: str) -> str | None:
    """Return the warning for a file read as text, ``None`` unless it is a JSONL corpus."""
    if path != "-" and path.lower().endswith(JSONL_SUFFIXES):
        return f"{path}: read as text; for a corpus use {_JSONL_FLAG}"
    return None


def _jsonl_records(path: str, name: str) -> Iterator[Record]:
    if path == "-":
        yield from read_jsonl_stream(stdin_bytes(), name)
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 -- closed below, after a lazy read
    except OSError as err:
        yield Record(None, None, str(_os_error(path, err)), name=name)
        return
    with fh:
        try:
            yield from read_jsonl_stream(fh, name)
        except OSError as err:  # e.g. EIO, or a file on a vanished mount
            yield Record(None, None, str(_os_error(path, err)), name=name)


def read_jsonl_stream(stream: BinaryIO, name: str) -> Iterator[Record]:
    """Yield one record per non-blank line of a binary JSONL stream, bad lines included.

    Lines end at ``\\n``, ``\\r\\n`` or a bare ``\\r`` (old Mac files), as
    :mod:`attribution._lines` numbers them, and at nothing else (a JSON
    string may hold U+2028, which :meth:`str.splitlines` would split on);
    they are decoded one at a time, so memory stays flat and a line that is
    not UTF-8 spoils only itself. UTF-16 corpora (with a BOM) are decoded whole.
    """
    chunks = _chunks(stream)
    first = next(chunks, b"")
    while 0 < len(first) < len(codecs.BOM_UTF8):  # a pipe may hand over a BOM in parts
        more = next(chunks, b"")
        if not more:
            break
        first += more
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = decode(b"".join((first, *chunks)), name)
        except InputError as err:
            yield Record(None, None, str(err), name=name)
            return
        yield from read_jsonl(text, name)
        return
    offset = 0
    if first.startswith(codecs.BOM_UTF8):
        first, offset = first[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    for number, line in enumerate(_raw_lines(first, chunks), 1):
        record = _jsonl_line(line, name, number, offset)
        if record is not None:
            yield record
        offset += len(line)


_CHUNK = 1 << 16


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    """Yield what the stream holds as it comes: from a pipe, whatever is there.

    ``read1`` returns once it has some bytes, so a line piped in slowly is read
    when it ends, not when a whole chunk has come.
    """
    read = getattr(stream, "read1", stream.read)
    chunk = read(_CHUNK)
    while chunk:
        yield chunk
        chunk = read(_CHUNK)


def _raw_lines(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    r"""Yield the lines of the bytes ``first`` and then ``rest``, each with its line end.

    Lines end at ``\n``, ``\r\n`` or a bare ``\r``, and at nothing else;
    memory holds one line and one chunk, whatever the line ends are (a file
    of bare ``\r`` ends is not one line). A chunk's last ``\r`` waits for
    the next chunk to say whether a ``\n`` follows; no other line waits for
    more input, so lines piped in one at a time are read as they come.
    """
    pending: list[bytes] = []  # the line begun in earlier chunks
    carry = b""
    for chunk in itertools.chain((first,), rest):
        if carry:
            chunk, carry = carry + chunk, b""
        if chunk.endswith(b"\r"):
            chunk, carry = chunk[:-1], b"\r"
        start = 0
        for end in _LINE_END.finditer(chunk):
            pending.append(chunk[start : end.end()])
            yield b"".join(pending)
            pending.clear()
            start = end.end()
        if start < len(chunk):
            pending.append(chunk[start:])
    pending.append(carry)
    if any(pending):
        yield b"".join(pending)


# A line's end: JSON strings never hold a raw "\r" or "\n".
_LINE_END = re.compile(rb"\r\n?|\n")


def _jsonl_line(raw: bytes, name: str, number: int, offset: int) -> Record | None:
    where = f"{name}:{number}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        msg = (
            f"{where}: not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {offset + err.start})"
        )
        return Record(_salvage_id(raw.decode("utf-8", "replace")), None, msg, where, number)
    return _json_record(line, where, number)


def read_jsonl(text: str, name: str) -> Iterator[Record]:
    """Yield one record per non-blank line of a JSONL corpus, bad lines included."""
    for number, line in enumerate(LINE_BREAK.split(text), 1):
        record = _json_record(line, f"{name}:{number}", number)
        if record is not None:
            yield record


# The id of a line that is not valid JSON, when it can still be seen:
# '{"id": "a7", "text": "unterminated' -> a7. The two alternatives inside the
# string cannot match the same character, so there is nothing to backtrack.
_ID = re.compile(r'"id"\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|(-?\d{1,30})\b)')


def _salvage_id(line: str) -> str | None:
    match = _ID.search(line)
    if match is None:
        return None
    if match.group(2) is not None:
        return match.group(2)
    try:
        value = json.loads(f'"{match.group(1)}"')
    except json.JSONDecodeError:
        return match.group(1)
    return value if isinstance(value, str) else None


@frozen
class _LongInteger:
    """A JSON integer with more digits than :func:`int` reads (``sys.get_int_max_str_digits``)."""

    digits: str


def _parse_int(digits: str) -> int | _LongInteger:
    try:
        return int(digits)
    except ValueError:  # 4,301 digits or more: valid JSON, kept as its digits
        return _LongInteger(digits)


def _id_of(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, _LongInteger):
        return value.digits
    # The one value of json.loads that json.dumps cannot write: a long integer.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_digits)


_digits = operator.attrgetter("digits")
# Built once: json.loads with a keyword argument builds a decoder per call.
_DECODER = json.JSONDecoder(parse_int=_parse_int)


# What JSON counts as white space; str.strip() would also take NBSP, U+3000
# or a form feed, and so pass over in silence a line that is not JSON.
_JSON_SPACE = " \t\r\n"


def record_from_line(line: str, name: str) -> Record | None:
    """Return the record of one corpus line, or ``None`` for a line blank in JSON's terms.

    A line that is not JSON, or not an object with a string ``"text"``, gives
    a record with an ``error`` (and the id, when it can be seen), as on the
    command line.
    """
    return _json_record(line, name, None)


def _json_record(line: str, where: str, number: int | None) -> Record | None:
    if not line.strip(_JSON_SPACE):
        return None
    try:
        # Without its line end, an unclosed string is reported as such, not as a
        # control character inside it.
        obj = _DECODER.decode(line.rstrip("\r\n"))
    except (json.JSONDecodeError, RecursionError) as err:
        if isinstance(err, json.JSONDecodeError):  # "Expecting value", "... character at"
            reason = f"{err.msg.removesuffix(' at')} at column {err.colno}"
        else:
            reason = "nested too deeply"
        return Record(_salvage_id(line), None, f"{where}: not JSON ({reason})", where, number)
    return record_from_object(obj, where, line=number)


def record_from_object(obj: object, name: str, *, line: int | None = None) -> Record:
    """Return the record for one decoded corpus object ``{"id": ..., "text": ...}``.

    The id is kept as a string (numbers become their digits); an object
    without a string ``text`` gives a record with an ``error``.
    """
    if not isinstance(obj, dict):
        return Record(None, None, f"{name}: expected an object with 'text'", name, line)
    doc_id = _id_of(obj.get("id"))
    body = obj.get("text")
    if "text" not in obj:
        return Record(doc_id, None, f"{name}: no 'text' field", name, line)
    if not isinstance(body, str):
        return Record(doc_id, None, f"{name}: 'text' must be a string", name, line)
    return Record(doc_id, body, None, name, line)
