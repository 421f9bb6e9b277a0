"""Render lint findings: text lines, versioned JSON, SARIF 2.1.0 and GitHub annotations.

Line and column numbers are computed here, at rendering, from the original
text: both 1-based, columns counted in Unicode code points (SARIF's
``columnKind`` says so), lines ended by "\\n", "\\r\\n" or a bare "\\r"
(:class:`attribution._lines.Lines`). The JSON schema is documented in
``docs/lint.md``; its ``version`` changes only when a field changes meaning
or goes away.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from attrs import frozen

from attribution import __version__
from attribution._lines import Lines
from attribution.lint import Finding
from attribution.rules import Rule, Severity, all_rules

JSON_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@frozen
class FileResult:
    """One linted input: its name as given, its text, and its findings."""

    path: str
    text: str
    findings: tuple[Finding, ...]


def _end(lines: Lines, f: Finding) -> tuple[int, int]:
    return lines.position(max(f.start, f.end))


# -- text and GitHub ---------------------------------------------------------------------


def text_lines(result: FileResult) -> Iterable[str]:
    """Yield ``path:line:col: CODE [severity] message`` for each finding."""
    lines = Lines(result.text)
    for f in result.findings:
        line, col = lines.position(f.start)
        yield f"{result.path}:{line}:{col}: {f.code} [{f.severity.value}] {f.message}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: FileResult) -> Iterable[str]:
    """Yield one GitHub Actions workflow command (annotation) per finding."""
    lines = Lines(result.text)
    for f in result.findings:
        line, col = lines.position(f.start)
        end_line, end_col = _end(lines, f)
        props = [
            f"file={_escape_property(result.path)}",
            f"line={line}",
            f"col={col}",
            f"endLine={end_line}",
            f"endColumn={end_col}",
            f"title={_escape_property(f'{f.code} {f.name}')}",
        ]
        yield f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message)}"


# -- JSON -------------------------------------------------------------------------------


def finding_json(f: Finding, lines: Lines, text: str) -> dict[str, Any]:
    """Return one finding as its JSON object (see ``docs/lint.md``)."""
    line, col = lines.position(f.start)
    end_line, end_col = _end(lines, f)
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "text": text[f.start : f.end],
        "url": f.url,
    }


def to_json(
    results: Sequence[FileResult], errors: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """Return the JSON document for a run: every file's findings, and the inputs that failed."""
    counts = dict.fromkeys((s.value for s in Severity), 0)
    files = []
    for r in results:
        lines = Lines(r.text)
        for f in r.findings:
            counts[f.severity.value] += 1
        files.append(
            {"path": r.path, "findings": [finding_json(f, lines, r.text) for f in r.findings]}
        )
    return {
        "version": JSON_VERSION,
        "tool": {"name": "attribution", "version": __version__},
        "files": files,
        "errors": [{"path": path, "message": message} for path, message in errors],
        "summary": {
            "files": len(results),
            "findings": sum(counts.values()),
            "by_severity": counts,
        },
    }


# -- SARIF 2.1.0 -------------------------------------------------------------------------


def _rule_json(r: Rule) -> dict[str, Any]:
    examples = "\n".join(f"- bad: `{b}`" for b in r.bad)
    examples += "\n" + "\n".join(f"- good: `{g}`" for g in r.good)
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.why},
        "help": {
            "text": f"{r.why}\n\nSee {r.url}",
            "markdown": f"{r.why}\n\n{examples}\n\nSee `{r.url}`.",
        },
        "defaultConfiguration": {
            "level": _SARIF_LEVEL[r.severity],
            "enabled": r.default and not r.preview,
        },
        "properties": {
            "tags": ["attribution", r.family],
            "preview": r.preview,
        },
    }


def _naming(path: str, message: str) -> str:
    return message if message.startswith(f"{path}: ") else f"{path}: {message}"


def _uri(path: str) -> tuple[str, str | None]:
    """Return a SARIF artifact URI for a path, and its base id when relative."""
    if path in ("-", "<stdin>"):
        return "stdin", None
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(os.fsencode(PurePath(os.path.abspath(path)).as_posix())), None
    return quote(os.fsencode(p.as_posix())), "%SRCROOT%"  # a name not UTF-8 keeps its bytes


def to_sarif(
    results: Sequence[FileResult], errors: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """Return a SARIF 2.1.0 log of a run, for GitHub code scanning and other viewers."""
    rules = all_rules()
    index = {r.code: k for k, r in enumerate(rules)}
    out_results = []
    for r in results:
        lines = Lines(r.text)
        uri, base = _uri(r.path)
        location: dict[str, Any] = {"uri": uri}
        if base is not None:
            location["uriBaseId"] = base
        for f in r.findings:
            line, col = lines.position(f.start)
            end_line, end_col = _end(lines, f)
            out_results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": dict(location),
                                "region": {
                                    "startLine": line,
                                    "startColumn": col,
                                    "endLine": end_line,
                                    "endColumn": end_col,
                                    "charOffset": f.start,
                                    "charLength": max(0, f.end - f.start),
                                },
                            }
                        }
                    ],
                }
            )
    notifications = [
        {"level": "error", "message": {"text": _naming(path, message)}} for path, message in errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "attribution",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_json(r) for r in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": out_results,
            }
        ],
    }
