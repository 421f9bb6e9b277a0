"""The command line: a thin layer over the library.

``attribution analyze [PATH ...]`` analyzes articles (``--jobs N`` on N
processes, output still in input order); ``python -m attribution`` works too.
Exit status: 0 clean, 1 findings, 2 usage or input error, 130 interrupted (Ctrl-C),
141 output closed before the end (``| head``).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TextIO

from attrs import frozen

from attribution import __version__, _cli_factcheck, _cli_lint
from attribution._exit import Exit, add_jobs_argument
from attribution._exit import error as _error
from attribution._exit import warning as _warning
from attribution._hints import did_you_mean
from attribution._io import TEXT_SUFFIXES, Record, iter_records, printable, stdin_once
from attribution._io import dumps as _dumps
from attribution.claimreview import to_claimreview
from attribution.errors import AttributionError
from attribution.parallel import ordered_map
from attribution.pipeline import analyze, collector_paused, warm_up
from attribution.report import to_dict, to_text


@frozen
class Rendered:
    """One input's output text (or ``None``) and error message (or ``None``)."""

    output: str | None
    error: str | None


def _error_output(record: Record, error: str, fmt: str) -> str | None:
    # A corpus line always gets an output line, so output stays aligned with
    # input; a whole file that cannot be read only gets the message.
    if record.line is None or fmt in ("text", "claimreview"):
        return None  # (a ClaimReview graph holds ClaimReviews only)
    return _dumps({"id": record.id, "error": error}, None)


def _render_analysis(record: Record, *, fmt: str) -> Rendered:
    """Analyze one record and render it; runs in a worker process with ``--jobs``."""
    if record.text is None:
        error = record.error or f"{record.name}: no text"
        return Rendered(_error_output(record, error, fmt), error)
    try:
        with collector_paused():
            analysis = analyze(record.text, id=record.id)
    except Exception as err:  # a bug in a stage: lose this document, not the run
        error = f"{record.name}: analysis failed ({type(err).__name__}: {err})"
        return Rendered(_error_output(record, error, fmt), error)
    if fmt == "text":
        return Rendered(printable(to_text(analysis, record.name, original=record.raw)), None)
    if fmt == "claimreview":
        return Rendered(_dumps(to_claimreview(analysis, name=record.id or record.name), 2), None)
    return Rendered(_dumps(to_dict(analysis), 2 if fmt == "json" else None), None)


def _crashed(record: Record, err: BaseException, *, fmt: str) -> Rendered:
    error = f"{record.name}: analysis failed (the worker process died: {err})"
    return Rendered(_error_output(record, error, fmt), error)


_ONE_VALUE = frozenset(("json", "claimreview"))  # formats that print one JSON value


class _Output:
    """Write rendered documents as they come: text, JSON Lines, or one JSON value."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.count = 0
        self.first = ""

    def write(self, doc: str) -> None:
        if self.fmt == "text":
            self.out.write(doc)
        elif self.fmt == "jsonl":
            self.out.write(doc + "\n")
        elif self.count == 0:  # json, claimreview: one document alone, several in an array
            self.first = doc
        elif self.count == 1:
            self.out.write("[\n" + self.first + ",\n" + doc)
        else:
            self.out.write(",\n" + doc)
        self.count += 1

    def close(self) -> None:
        if self.fmt not in _ONE_VALUE:
            return
        if self.count == 0:
            self.out.write("[]\n")
        elif self.count == 1:
            self.out.write(self.first + "\n")
        else:
            self.out.write("\n]\n")


def _warned(records: Iterator[Record]) -> Iterator[Record]:
    """Print each record's warning as it is read (the exit status is unchanged)."""
    for record in records:
        if record.warning is not None:
            _warning(record.warning)
        yield record


def _stream(args: argparse.Namespace, out: TextIO, render: Callable[..., Rendered]) -> Exit:
    """Render every input, in order, on ``args.jobs`` processes; report what failed."""
    try:
        stdin_once(args.paths)
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR
    # The file as read numbers the lines of the text report only: other formats
    # give offsets, and a second copy of every file would go to the workers.
    keep_raw = getattr(args, "format", None) == "text"
    records = _warned(iter_records(args.paths, args.input_format, keep_raw=keep_raw))
    output = _Output(out, args.format)
    failed = False
    results = ordered_map(
        partial(render, fmt=args.format),
        records,
        jobs=args.jobs,
        initializer=warm_up,
        on_crash=partial(_crashed, fmt=args.format),
    )
    # In this process too: load the lexicons once and keep them out of the
    # garbage collector's way for the run (undone after, for callers of main()).
    thaw = args.jobs == 1 and gc.get_freeze_count() == 0
    if args.jobs == 1:
        warm_up()
    try:
        for result in results:
            if result.error is not None:
                _error(result.error)
                failed = True
            if result.output is not None:
                output.write(result.output)
                out.flush()  # each document goes out as soon as it is ready, even into a pipe
    finally:
        if thaw:
            gc.unfreeze()
    output.close()
    return Exit.ERROR if failed else Exit.OK


def _cmd_analyze(args: argparse.Namespace, out: TextIO) -> Exit:
    return _stream(args, out, _render_analysis)


def _add_input_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments every command that reads documents shares."""
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or directories (walked for {', '.join(TEXT_SUFFIXES)}; "
        "for .jsonl with --input-format jsonl); '-' or none reads stdin",
    )
    p.add_argument(
        "--input-format",
        choices=("text", "jsonl"),
        default="text",
        help='\'jsonl\' reads one {"id", "text"} object a line',
    )
    add_jobs_argument(p, "analyze")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="attribution",
        description="Find claims, who they come from, and how well they are sourced.",
        epilog="Exit status: 0 clean, 1 findings (lint, verify), 2 usage or input error, "
        "130 interrupted (Ctrl-C), 141 output closed before the end (| head).",
    )
    parser.add_argument("--version", action="version", version=f"attribution {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "analyze",
        help="split articles into claims with their attribution chains",
        description="Split articles into claims with their attribution chains.",
    )
    _add_input_arguments(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "claimreview"),
        default="text",
        help="output format (default: text); claimreview: schema.org ClaimReview stubs "
        "of every claim, as JSON-LD",
    )
    p.set_defaults(handler=_cmd_analyze)
    _cli_factcheck.register(sub)
    _cli_lint.register(sub)
    return parser


def _run(argv: Sequence[str] | None, out: TextIO) -> int:
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:
            _unrecognized(parser, args, unknown)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return Exit.ERROR
    if getattr(args, "paths", None) == [] and _at_a_terminal(sys.stdin):
        # No path reads standard input, which at a terminal looks like a hang.
        print(
            f"attribution {args.command}: reading standard input (end it with {_EOF_KEY}); "
            "name files or directories to read them",
            file=sys.stderr,
        )
    try:
        return int(args.handler(args, out))
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR


def _unrecognized(
    parser: argparse.ArgumentParser, args: argparse.Namespace, unknown: list[str]
) -> None:
    """Exit 2 with the command's own usage, naming the unknown arguments and the nearest option."""
    command = parser
    for action in parser._actions:  # argparse keeps its subcommands' parsers to itself
        if isinstance(action, argparse._SubParsersAction) and args.command in action.choices:
            command = action.choices[args.command]
    known = [flag for action in command._actions for flag in action.option_strings]
    long = [flag for flag in known if flag.startswith("--")]
    asked = [arg.split("=")[0] for arg in unknown if arg.startswith("--")]
    hint = did_you_mean(asked[0], long) if asked else ""
    command.error(f"unrecognized arguments: {' '.join(unknown)}{hint}")


# The keys that end standard input at a terminal.
_EOF_KEY = "Ctrl-Z, Enter" if sys.platform == "win32" else "Ctrl-D"


def _at_a_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):  # closed
        return False


def _discard_stdout() -> None:
    """Point standard output at the null device, where the interpreter's last flush cannot fail.

    Without it, the text still buffered when the reader left is flushed at
    exit, fails again, and Python prints "Exception ignored ... BrokenPipeError"
    and exits 120 (the recipe of the ``signal`` module's documentation).
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # a stand-in without a file descriptor
        pass
    finally:
        os.close(null)


def _stdout() -> TextIO:
    """Return standard output, given a buffer of its own when Python runs unbuffered.

    Unbuffered (``python -u``, ``PYTHONUNBUFFERED=1``, as container images
    often set), ``sys.stdout`` writes to the file directly and drops what a
    short write leaves out: a reader that left (``| head -1``) during a long
    write went unnoticed, and the run cut short exited 0. A buffer writes it
    all or raises. It flushes at every line end, as unbuffered output shows
    each line at once.
    """
    stdout = sys.stdout
    if not isinstance(getattr(stdout, "buffer", None), io.RawIOBase):
        return stdout
    try:
        raw = io.FileIO(stdout.fileno(), "wb", closefd=False)
    except (AttributeError, OSError, ValueError):  # a stand-in without a file descriptor
        return stdout
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stdout.encoding,
        errors=stdout.errors,
        newline=None if sys.platform == "win32" else "\n",  # as Python's own stdout
        line_buffering=True,
    )


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line and return the exit status."""
    stream = out or _stdout()
    try:
        status = _run(argv, stream)
        stream.flush()  # a reader that left is found here, not at the interpreter's exit
    except BrokenPipeError:  # the reader of the output left (`| head -1`)
        if out is None:
            _discard_stdout()
        return Exit.BROKEN_PIPE
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, the workers with us
        return Exit.INTERRUPTED
    return status
