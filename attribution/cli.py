"""The command line: a thin layer over the library.

``attribution analyze [PATH ...]`` analyzes articles; ``python -m attribution``
works too. Exit status: 0 clean, 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from attribution import __version__
from attribution._io import Record, read_jsonl, read_path
from attribution.errors import AttributionError
from attribution.pipeline import analyze
from attribution.report import to_dict, to_text


class Exit(enum.IntEnum):
    """Process exit status."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


def _error(message: str) -> None:
    print(f"attribution: error: {message}", file=sys.stderr)


def _records(paths: Sequence[str], input_format: str) -> tuple[list[tuple[str, Record]], bool]:
    records: list[tuple[str, Record]] = []
    failed = False
    for path in paths or ["-"]:
        name = "<stdin>" if path == "-" else path
        try:
            text = read_path(path)
        except AttributionError as err:
            _error(str(err))
            failed = True
            continue
        if input_format == "jsonl":
            records.extend((name, rec) for rec in read_jsonl(text, name))
        else:
            records.append((name, Record(None, text)))
    return records, failed


def _cmd_analyze(args: argparse.Namespace, out: TextIO) -> Exit:
    records, failed = _records(args.paths, args.input_format)
    documents: list[dict[str, Any]] = []
    for name, rec in records:
        if rec.error is not None or rec.text is None:
            _error(rec.error or f"{name}: no text")
            failed = True
            if args.format == "jsonl":
                out.write(json.dumps({"id": rec.id, "error": rec.error}) + "\n")
            continue
        analysis = analyze(rec.text, id=rec.id)
        if args.format == "text":
            out.write(to_text(analysis, name))
        elif args.format == "jsonl":
            out.write(json.dumps(to_dict(analysis), ensure_ascii=False) + "\n")
        else:
            documents.append(to_dict(analysis))
    if args.format == "json":
        payload: Any = documents[0] if len(documents) == 1 else documents
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return Exit.ERROR if failed else Exit.OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="attribution",
        description="Find claims, who they come from, and how well they are sourced.",
    )
    parser.add_argument("--version", action="version", version=f"attribution {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "analyze",
        help="split articles into claims with their attribution chains",
        description="Split articles into claims with their attribution chains.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="text files; '-' or none reads stdin")
    p.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="output format (default: text)",
    )
    p.add_argument(
        "--input-format",
        choices=("text", "jsonl"),
        default="text",
        help='\'jsonl\' reads one {"id", "text"} object a line',
    )
    p.set_defaults(handler=_cmd_analyze)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return Exit.ERROR
    try:
        return int(args.handler(args, out or sys.stdout))
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR
    except BrokenPipeError:
        return Exit.OK
