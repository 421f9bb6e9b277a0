"""Bounded caches of what the stages read in text, and a way to empty them.

A few pure functions of short strings are cached across documents because
the same strings recur: a name's reading ("Donald Trump"), Punkt's decision
at a candidate break ("Mr." before "Trump"), a cue word's weights and a cue
phrase's stance. Each cache keeps at most ``maxsize`` entries, and callers
pass only keys of at most :data:`MAX_KEY_LENGTH` characters (longer ones are
computed without the cache), so a stream of hostile documents cannot make
them grow past a few MB.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

MAX_KEY_LENGTH = 64
_clearers: list[Callable[[], None]] = []


def text_cache(maxsize: int = 4096) -> Callable[[F], F]:
    """Return a decorator caching a pure function of short strings, registered for :func:`clear`."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _clearers.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return decorate


def clear() -> None:
    """Empty every cache made with :func:`text_cache`; the lexicons stay loaded."""
    for clear_one in _clearers:
        clear_one()
