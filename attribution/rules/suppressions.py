"""ATR0xx: the linter's own findings about inline suppression comments.

These rules are emitted by the engine (:mod:`attribution.lint`) while it
applies ``<!-- attribution: disable ... -->`` comments, not by a check over
the analysis; they live here so that they are listed, documented, selected and
ignored like every other rule.

- ATR001 ``unused-suppression``: a suppression that suppressed nothing
  (reported with ``--report-unused-suppressions``, or when selected);
- ATR002 ``invalid-suppression``: an ``attribution:`` comment that cannot be
  read (an unknown action or code).
"""

from __future__ import annotations

from collections.abc import Iterator

from attribution.rules._base import Context, Hit, Rule, Severity


def _engine(ctx: Context) -> Iterator[Hit]:
    """Yield nothing: the engine emits these findings itself."""
    return iter(())


RULES = (
    Rule(
        code="ATR001",
        name="unused-suppression",
        severity=Severity.WARNING,
        summary="a suppression comment that suppressed no finding",
        why="A suppression that suppresses nothing is noise, and hides later findings it "
        "was never meant for. Remove it. Reported only with `--report-unused-suppressions` "
        "(or `report-unused-suppressions = true`, or when `ATR001` is selected).",
        bad=(
            "<!-- attribution: disable-next-line ATR101 -->\nThe senator said the bill was fair.",
        ),
        good=(
            "<!-- attribution: disable-next-line ATR101 -- quoting the ad's own words -->\n"
            "Critics argue the bill is unfair.",
        ),
        check=_engine,
        default=False,
        quotations=True,
    ),
    Rule(
        code="ATR002",
        name="invalid-suppression",
        severity=Severity.WARNING,
        summary="an 'attribution:' comment that cannot be read",
        why="A suppression comment with a typo in its action or codes silently suppresses "
        "nothing, so the findings it was meant for come back, or a different one is "
        "hidden. The actions are `disable`, `enable` and `disable-next-line`; codes are "
        "rule codes or prefixes (`ATR101`, `ATR2`).",
        bad=("<!-- attribution: disabel ATR101 -->\nCritics argue the bill is unfair.",),
        good=("<!-- attribution: disable ATR101 -->\nCritics argue the bill is unfair.",),
        check=_engine,
        quotations=True,
    ),
)
