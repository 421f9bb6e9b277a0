"""Bounded caches of what the stages read in text, and a way to empty them.

A few pure functions of short strings are cached across documents because
the same strings recur: a name's reading ("Donald Trump"), Punkt's decision
at a candidate break ("Mr." before "Trump"), a cue word's weights, a cue
phrase's stance and a source's kind ("the White House"). One is keyed by
numbers: a claim score's total, by its reasons' effects (at most some 15
floats, so it needs no length check). Each cache keeps at most ``maxsize``
entries (a dict registered with :func:`registered` at most
:data:`MAX_ENTRIES`, its owner dropping the oldest when full), and callers
pass only string keys of at most :data:`MAX_KEY_LENGTH` characters (longer
ones are computed without the cache), so a stream of hostile documents
cannot make them grow past a few MB.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., object])
D = TypeVar("D", bound=dict[Any, Any])

MAX_KEY_LENGTH = 64
MAX_ENTRIES = 4096
_clearers: list[Callable[[], None]] = []


def text_cache(maxsize: int = MAX_ENTRIES) -> Callable[[F], F]:
    """Return a decorator caching a pure function of short keys, registered for :func:`clear`."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _clearers.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return decorate


def registered(cache: D) -> D:
    """Register a dict its owner uses as a cache, for :func:`clear`.

    For a cache keyed on something other than the arguments of the
    function that computes the value; a plain dict lookup also costs less
    than a call through ``functools.lru_cache``. The owner must keep it
    within :data:`MAX_ENTRIES`.
    """
    _clearers.append(cache.clear)
    return cache


def clear() -> None:
    """Empty every cache of :func:`text_cache` and :func:`registered`; the lexicons stay loaded."""
    for clear_one in _clearers:
        clear_one()
