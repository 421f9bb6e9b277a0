"""The editorial linter: findings about how a draft attributes its claims.

:func:`lint` masks the markup of a text (:mod:`attribution.markup`), analyzes
it (:func:`attribution.analyze`), runs every selected rule of
:mod:`attribution.rules` over the analysis, stamps each hit with its rule's
code, name and severity, drops what a speaker says inside a direct quotation
(rules about the writer's words never fire there), applies inline
suppression comments, and returns the findings sorted by ``(start, code)``.
Every span indexes the original text.

>>> from attribution.lint import lint
>>> [(f.code, f.message) for f in lint("Critics argue the tax cut favors the rich.")]
[('ATR101', "vague attribution 'Critics argue'")]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import frozen

from attribution import _suppressions
from attribution.config import Config, Settings, from_mapping
from attribution.markup import Markup, markup_for, mask
from attribution.model import Analysis, Span
from attribution.pipeline import analyze
from attribution.rules import Context, Rule, Severity, rule

__all__ = ["Finding", "Severity", "lint", "lint_analysis"]


@frozen(kw_only=True)
class Finding:
    """One finding: a rule that fired on a span of the original text.

    ``url`` links to the rule's entry in ``docs/rules.md`` (its why, and bad
    and good examples), relative to the repository root.
    """

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    url: str


def _config(config: Config | Mapping[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return from_mapping(config)
    msg = f"lint() expects config as a Config, a mapping or None, got {type(config).__name__}"
    raise TypeError(msg)


def lint(
    text: str,
    config: Config | Mapping[str, Any] | None = None,
    *,
    path: str | None = None,
    markup: Markup | str | None = None,
) -> tuple[Finding, ...]:
    """Lint one text and return its findings, sorted by ``(start, code)``.

    Args:
        text: the draft, exactly as in its file.
        config: a :class:`~attribution.config.Config`, a mapping shaped like
            ``[tool.attribution]`` (``{"extend-select": ["ATR601"]}``), or
            ``None`` for the defaults. No configuration file is searched for
            here; the command line does that.
        path: the file's path: picks per-glob overrides and, unless
            ``markup`` is given, the markup from its suffix.
        markup: ``"text"``, ``"markdown"`` or ``"html"``.

    Raises:
        TypeError: when ``text`` is not a ``str``.
        ConfigError: for a bad configuration mapping.
    """
    if not isinstance(text, str):
        msg = f"lint() expects text as str, got {type(text).__name__}"
        raise TypeError(msg)
    settings = _config(config).settings(path)
    kind = Markup(markup) if markup is not None else markup_for(path)
    masked = mask(text, kind)
    analysis = analyze(masked.text)
    return _run(analysis, settings, masked.comments, text)


def lint_analysis(
    analysis: Analysis,
    config: Config | Mapping[str, Any] | None = None,
    *,
    path: str | None = None,
    comments: Sequence[Span] = (),
) -> tuple[Finding, ...]:
    """Return the findings for an analysis already made (of plain text).

    ``comments`` are the spans of suppression comments, if any (see
    :func:`attribution.markup.mask`).
    """
    return _run(analysis, _config(config).settings(path), comments, analysis.text)


def _stamp(r: Rule, severity: Severity, start: int, end: int, message: str) -> Finding:
    return Finding(
        code=r.code,
        name=r.name,
        severity=severity,
        message=message,
        start=start,
        end=end,
        url=r.url,
    )


def _run(
    analysis: Analysis, settings: Settings, comments: Sequence[Span], original: str
) -> tuple[Finding, ...]:
    ctx = Context(analysis, settings.options)
    found: dict[tuple[int, str], Finding] = {}
    for r in settings.rules:
        severity = settings.severity[r.code]
        for hit in r.check(ctx):
            if not r.quotations and ctx.in_direct_quote(hit.start):
                continue  # a speaker's words, not the writer's
            key = (hit.start, r.code)
            if key not in found:
                found[key] = _stamp(r, severity, hit.start, hit.end, hit.message)
    findings = list(found.values())
    regions, problems = _suppressions.parse(original, comments)
    if regions:
        flags = _suppressions.suppressed_all(regions, [(f.code, f.start) for f in findings])
        findings = [f for f, hidden in zip(findings, flags, strict=True) if not hidden]
    enabled = {r.code for r in settings.rules}
    findings.extend(_meta(settings, enabled, regions, problems))
    return tuple(sorted(findings, key=lambda f: (f.start, f.code, f.end)))


def _meta(
    settings: Settings,
    enabled: set[str],
    regions: Iterable[_suppressions.Region],
    problems: Iterable[_suppressions.Problem],
) -> Iterable[Finding]:
    """Yield the findings about suppression comments themselves (ATR001, ATR002)."""
    invalid = rule("ATR002")
    if invalid is not None and invalid.code in enabled:
        for p in problems:
            yield _stamp(invalid, settings.severity[invalid.code], p.start, p.end, p.message)
    unused = rule("ATR001")
    if unused is None or not settings.report_unused_suppressions:
        return
    severity = settings.severity[unused.code]
    for region in regions:
        if region.used:
            continue
        what = "every rule" if region.code == "*" else repr(region.code)
        yield _stamp(
            unused,
            severity,
            region.comment.start,
            region.comment.end,
            f"unused suppression of {what}",
        )
