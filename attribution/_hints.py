"""The "did you mean" of error messages about unknown names (keys, codes, fields)."""

from __future__ import annotations

from collections.abc import Sequence


def did_you_mean(value: str, choices: Sequence[str]) -> str:
    """Return `` (did you mean 'X'?)`` for the closest choice, or ``""`` when none is close.

    >>> did_you_mean("titel", ["claim", "title", "subtitle"])
    " (did you mean 'title'?)"
    >>> did_you_mean("zzz", ["claim", "title"])
    ''
    """
    from rapidfuzz import process  # only when a message needs it

    guess = process.extractOne(value, list(choices))
    return f" (did you mean {guess[0]!r}?)" if guess and guess[1] >= 60 else ""
