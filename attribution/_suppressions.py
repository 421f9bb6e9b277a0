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

import heapq
import re
from collections.abc import Sequence

from attrs import define, frozen

from attribution._hints import did_you_mean
from attribution._lines import LINE_BREAK
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


@define
class _NextLine:
    """The span of the first non-blank line after the line holding an offset.

    Lines end as they are numbered (:data:`attribution._lines.LINE_BREAK`):
    at "\\n", "\\r\\n" or a bare "\\r". The last answer is kept for the
    rest of its line, so the comments of one line, asked in order, share one
    search: each searching on its own looked past the rest of the line and
    every blank line after it again.
    """

    text: str
    searched: int = -1  # the offset last searched from
    line_end: int = -1  # and where its line ends
    found: tuple[int, int] = (0, 0)

    def __call__(self, offset: int) -> tuple[int, int]:
        if not self.searched <= offset <= self.line_end:
            found = LINE_BREAK.search(self.text, offset)
            self.searched = offset
            self.line_end = len(self.text) if found is None else found.start()
            self.found = _after(self.text, found)
        return self.found


def _after(text: str, found: re.Match[str] | None) -> tuple[int, int]:
    """Return the span of the first non-blank line after the line break ``found``."""
    while found is not None:
        start = found.end()
        found = LINE_BREAK.search(text, start)
        end = len(text) if found is None else found.start()
        if text[start:end].strip():
            return start, end
    return len(text), len(text)


def parse(text: str, comments: Sequence[Span]) -> tuple[list[Region], list[Problem]]:
    """Return the suppressed regions of ``text`` and the directives that cannot be read.

    Args:
        text: the original text.
        comments: spans of its HTML comments (``<!-- ... -->``) outside code.
    """
    regions: list[Region] = []
    problems: list[Problem] = []
    # The regions an ``enable`` may close, by code: an ``enable ATR101`` looks
    # at the ATR101 regions only, so many comments cost linear time.
    open_regions: dict[str, list[Region]] = {}
    next_line = _NextLine(text)
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
            hint = did_you_mean(action, list(ACTIONS))
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
            start, end = next_line(span.end)
            regions.extend(Region(code, start, end, span) for code in keys)
        elif action == "disable":
            for code in keys:
                region = Region(code, span.end, len(text), span)
                regions.append(region)
                open_regions.setdefault(code, []).append(region)
        else:
            for code in codes or list(open_regions):
                for region in open_regions.pop(code, ()):
                    region.end = span.start
    return regions, problems


def suppressed_all(regions: Sequence[Region], findings: Sequence[tuple[str, int]]) -> list[bool]:
    """Return whether each finding ``(code, offset)`` is suppressed; mark the regions used.

    A finding is suppressed by every region that holds its offset and whose
    code is ``"*"`` or a prefix of its code; each such region is marked used
    (an unused one is reported as ATR001). One sweep over the offsets: each
    finding looks at the open regions of its own code's prefixes, not at
    every region, so a file with thousands of suppression comments and
    findings is linted in linear time.
    """
    flags = [False] * len(findings)
    starts = sorted(regions, key=lambda r: r.start)
    ends: list[tuple[int, int, Region]] = []  # heap of the open regions, by end
    count: dict[str, int] = {}  # open regions by code
    unused: dict[str, dict[int, Region]] = {}  # open regions not yet marked used
    k = 0
    for i in sorted(range(len(findings)), key=lambda i: findings[i][1]):
        code, offset = findings[i]
        while k < len(starts) and starts[k].start <= offset:
            region = starts[k]
            heapq.heappush(ends, (region.end, k, region))
            count[region.code] = count.get(region.code, 0) + 1
            unused.setdefault(region.code, {})[k] = region
            k += 1
        while ends and ends[0][0] <= offset:
            _, j, region = heapq.heappop(ends)
            count[region.code] -= 1
            unused[region.code].pop(j, None)
        for key in ("*", *(code[:n] for n in range(1, len(code) + 1))):
            if count.get(key):
                flags[i] = True
                for region in unused[key].values():
                    region.used = True
                unused[key].clear()
    return flags
