"""What every command shares: exit codes, the error and warning lines, ``--jobs``."""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Callable


class Exit(enum.IntEnum):
    """Process exit status: never a count."""

    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + the signal's number, as shells report it
    # The reader of the output left before the end (`| head -1`): 128 + SIGPIPE's
    # number, the status a shell reports for grep or cat stopped that way. Not 0:
    # what was left unwritten may have held findings or errors.
    BROKEN_PIPE = 141


def error(message: str) -> None:
    """Print ``attribution: error: MESSAGE`` on standard error."""
    print(f"attribution: error: {message}", file=sys.stderr)


def warning(message: str) -> None:
    """Print ``attribution: warning: MESSAGE`` on standard error (the exit status is unchanged)."""
    print(f"attribution: warning: {message}", file=sys.stderr)


def non_negative(expected: str) -> Callable[[str], int]:
    """Return an argparse type for a whole number >= 0, described as ``expected`` in errors."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = -1
        if number < 0:
            msg = f"expected {expected}, got {value!r}"
            raise argparse.ArgumentTypeError(msg)
        return number

    return parse


def add_jobs_argument(p: argparse.ArgumentParser, verb: str) -> None:
    """Add ``-j/--jobs N``: worker processes, 0 for one per core, output in input order."""
    p.add_argument(
        "-j",
        "--jobs",
        type=non_negative("0 (one per core) or a positive number of processes"),
        default=1,
        metavar="N",
        help=f"{verb} on N processes, output still in input order (0: one per core; default 1)",
    )
