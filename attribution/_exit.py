"""Exit codes and the error line shared by every command of the command line."""

from __future__ import annotations

import enum
import sys


class Exit(enum.IntEnum):
    """Process exit status: never a count."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


def error(message: str) -> None:
    """Print ``attribution: error: MESSAGE`` on standard error."""
    print(f"attribution: error: {message}", file=sys.stderr)
