"""Inline suppression comments: ``<!-- attribution: disable ATR101 -- reason -->``.

Three actions, each followed by rule codes or prefixes (none means every
rule) and an optional reason after ``--``:

- ``disable``: from the end of the comment to a matching ``enable`` (the same
  codes, or ``enable`` alone) or the end of the file;
- ``enable``: closes ``disable`` regions;
- ``disable-next-line``: the next line that is not blank.

A private helper of :mod:`attribution.lint`, which applies them and reports
the unused (ATR001) and unreadable (ATR002) ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import define, frozen
from rapidfuzz import process

from attribution.model import Span
from attribution.rules import all_rules

ACTIONS = ("disable", "enable", "disable-next-line")
_DIRECTIVE = re.compile(r"^\s*attribution\s*:(.*)$", re.DOTALL | re.IGNORECASE)


@frozen
class Problem:
    """A comment that looks like a directive but cannot be read."""

    start: int
    end: int
    message: str


@define
class Region:
    """Where one code (or every code, ``"*"``) is suppressed, and whether it was used."""

    code: str
    start: int
    end: int
    comment: Span
    used: bool = False


def _known(code: str) -> bool:
    return any(r.code.startswith(code) for r in all_rules()) and len(code) >= 3


def _next_line(text: str, offset: int) -> tuple[int, int]:
    """Return the span of the first non-blank line after the line holding ``offset``."""
    nl = text.find("\n", offset)
    while nl >= 0:
        start = nl + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return start, end
        nl = end if end < len(text) else -1
    return len(text), len(text)


def parse(text: str, comments: Sequence[Span]) -> tuple[list[Region], list[Problem]]:
    """Return the suppressed regions of ``text`` and the directives that cannot be read.

    Args:
        text: the original text.
        comments: spans of its HTML comments (``<!-- ... -->``) outside code.
    """
    regions: list[Region] = []
    problems: list[Problem] = []
    open_regions: list[Region] = []
    for span in comments:
        body = text[span.start : span.end]
        body = body.removeprefix("<!--").removesuffix("-->")
        m = _DIRECTIVE.match(body)
        if m is None:
            continue
        words, _, _reason = m.group(1).partition("--")
        parts = [p for p in re.split(r"[,\s]+", words) if p]
        if not parts:
            problems.append(Problem(span.start, span.end, "suppression comment has no action"))
            continue
        action = parts[0].lower()
        if action not in ACTIONS:
            guess = process.extractOne(action, list(ACTIONS))
            hint = f" (did you mean {guess[0]!r}?)" if guess and guess[1] >= 60 else ""
            problems.append(
                Problem(span.start, span.end, f"unknown suppression action {parts[0]!r}{hint}")
            )
            continue
        codes = [p.upper() for p in parts[1:]]
        bad = [c for c in codes if not _known(c)]
        if bad:
            problems.append(
                Problem(span.start, span.end, f"unknown rule code {bad[0]!r} in suppression")
            )
            continue
        keys = codes or ["*"]
        if action == "disable-next-line":
            start, end = _next_line(text, span.end)
            regions.extend(Region(code, start, end, span) for code in keys)
        elif action == "disable":
            for code in keys:
                region = Region(code, span.end, len(text), span)
                regions.append(region)
                open_regions.append(region)
        else:
            for region in list(open_regions):
                if not codes or region.code in codes:
                    region.end = span.start
                    open_regions.remove(region)
    return regions, problems


def suppressed(regions: Sequence[Region], code: str, offset: int) -> bool:
    """Return whether a finding of ``code`` at ``offset`` is suppressed; mark the regions used."""
    hit = False
    for region in regions:
        if region.start <= offset < region.end and (
            region.code == "*" or code.startswith(region.code)
        ):
            region.used = True
            hit = True
    return hit
