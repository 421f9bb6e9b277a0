"""The editorial linter's commands: ``lint``, ``rules`` and ``explain``.

Wired into the command line by :func:`register`; each command is a few lines
over :mod:`attribution.lint`, :mod:`attribution.config` and
:mod:`attribution._lint_format`, which never print or exit. Exit status of
``lint``: 0 when no finding is at or above ``--fail-on`` (default
``warning``), 1 when one is, 2 for a usage, configuration or input error,
141 when the output is closed before the end (``| head``); never a count.
"""

from __future__ import annotations

import argparse
import json
import os
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from attribution._exit import Exit, add_jobs_argument
from attribution._exit import error as _error
from attribution._hints import did_you_mean
from attribution._io import TEXT_SUFFIXES, dumps, read_raw, stdin_once, walk
from attribution._lint_format import FileResult, github_lines, text_lines, to_json, to_sarif
from attribution.config import (
    OUTPUT_FORMATS,
    Config,
    Layer,
    find_config,
    from_mapping,
    load_config,
    severity_value,
)
from attribution.errors import AttributionError, ConfigError, InputError
from attribution.lint import lint
from attribution.markup import Markup
from attribution.parallel import ordered_map
from attribution.pipeline import collector_paused, warm_up
from attribution.rules import Rule, Severity, all_rules, rule

__all__ = ["register"]


def _codes(values: Sequence[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def _cli_layer(args: argparse.Namespace) -> Layer:
    """Return the layer of selection that the command line's flags make (checked)."""
    table: dict[str, object] = {}
    if args.select is not None:
        table["select"] = list(_codes(args.select))
    if args.extend_select:
        table["extend-select"] = list(_codes(args.extend_select))
    if args.ignore:
        table["ignore"] = list(_codes(args.ignore))
    if args.preview:
        table["preview"] = True
    return from_mapping(table, source="command line").layers[0]


class _Configs:
    """The configuration of each file: found upward from it, cached, CLI flags on top."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.layer = _cli_layer(args)
        self.fixed: Config | None = None
        if args.config is not None:
            self.fixed = load_config(args.config)
        elif args.isolated:
            self.fixed = Config()
        self.cache: dict[str, Config] = {}
        self.folders: dict[str, Path | None] = {}

    def _base(self, path: str | None) -> Config:
        if self.fixed is not None:
            return self.fixed
        folder = os.getcwd() if path is None else os.path.dirname(os.path.abspath(path))
        if folder not in self.folders:
            self.folders[folder] = find_config(folder)
        found = self.folders[folder]
        if found is None:
            return Config()
        key = str(found)
        if key not in self.cache:
            self.cache[key] = load_config(found)
        return self.cache[key]

    def for_path(self, path: str | None) -> Config:
        base = self._base(path).with_layer(self.layer)
        if self.args.fail_on is not None:
            base = attrs.evolve(base, fail_on=severity_value(self.args.fail_on, "--fail-on"))
        if self.args.report_unused_suppressions:
            base = attrs.evolve(base, report_unused_suppressions=True)
        return base


@attrs.frozen
class _Job:
    """One input to lint, with everything a worker process needs.

    Attributes:
        path: the path as given (``-`` for standard input).
        shown: the name findings are reported under.
        config: the input's configuration, resolved in the main process.
        markup: ``--markup``, if given.
        text: standard input's text, read in the main process (a worker has
            no standard input); ``None`` for files, read by the worker.
        error: why standard input could not be read.
        config_error: why the input's configuration could not be read.
    """

    path: str
    shown: str
    config: Config
    markup: str | None
    text: str | None = None
    error: str | None = None
    config_error: str | None = None

    @property
    def name(self) -> str:
        """The input's name in error messages."""
        return "<stdin>" if self.path == "-" else self.path


@attrs.frozen
class _Linted:
    """What linting one input gave: findings, or an input error, or a configuration error."""

    name: str
    result: FileResult | None = None
    failed: bool = False
    error: str | None = None
    config_error: str | None = None


def _jobs_of(args: argparse.Namespace, configs: _Configs) -> Iterator[_Job]:
    """Yield a job per file to lint: paths as given, directories walked (minus excluded files).

    ``exclude`` applies to the files a directory walk finds; with
    ``--force-exclude`` also to files named on the command line and to
    ``--stdin-filename`` (a pre-commit hook names every staged file, excluded
    or not). A configuration that cannot be read becomes a job that reports it
    in its turn, so that with ``--jobs`` the files before it are still reported.
    """
    for path in args.paths or ["-"]:
        if path == "-":
            shown = args.stdin_filename or "<stdin>"
            try:
                config = configs.for_path(args.stdin_filename)
            except ConfigError as err:
                yield _Job(path, shown, Config(), args.markup, config_error=str(err))
                return
            if args.force_exclude and args.stdin_filename and config.excluded(shown):
                continue
            try:
                yield _Job(path, shown, config, args.markup, text=read_raw(path))
            except InputError as err:
                yield _Job(path, shown, config, args.markup, error=str(err))
            continue
        for found in walk([path], TEXT_SUFFIXES) if os.path.isdir(path) else [path]:
            try:
                config = configs.for_path(found)
            except ConfigError as err:
                yield _Job(found, found, Config(), args.markup, config_error=str(err))
                return
            named = found == path and not args.force_exclude
            if named or not config.excluded(found):
                yield _Job(found, found, config, args.markup)


def _lint_job(job: _Job) -> _Linted:
    """Read and lint one input; runs in a worker process with ``--jobs``."""
    name = job.name
    if job.config_error is not None:
        return _Linted(name, config_error=job.config_error)
    if job.error is not None:
        return _Linted(name, error=job.error)
    try:
        text = job.text if job.text is not None else read_raw(job.path)
        with collector_paused():
            findings = lint(text, job.config, path=job.shown, markup=job.markup)
    except ConfigError as err:
        return _Linted(name, config_error=str(err))
    except InputError as err:
        return _Linted(name, error=str(err))
    except Exception as err:  # a bug in a stage: lose this file, not the run
        return _Linted(name, error=f"{name}: lint failed ({type(err).__name__}: {err})")
    failed = any(f.severity.rank >= job.config.fail_on.rank for f in findings)
    return _Linted(name, result=FileResult(job.shown, text, findings), failed=failed)


def _crashed(job: _Job, err: BaseException) -> _Linted:
    return _Linted(job.name, error=f"{job.name}: lint failed (the worker process died: {err})")


def _cmd_lint(args: argparse.Namespace, out: TextIO) -> int:
    try:
        stdin_once(args.paths)
        configs = _Configs(args)
        fmt = args.format or configs.for_path(None).output_format
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR
    results: list[FileResult] = []
    errors: list[tuple[str, str]] = []
    failed = False
    linted = ordered_map(
        _lint_job, _jobs_of(args, configs), jobs=args.jobs, initializer=warm_up,
        on_crash=_crashed,
    )  # fmt: skip
    for outcome in linted:
        if outcome.config_error is not None:
            _error(outcome.config_error)
            return Exit.ERROR
        if outcome.error is not None:
            _error(outcome.error)
            errors.append((outcome.name, outcome.error))
            continue
        result = outcome.result
        assert result is not None
        failed = failed or outcome.failed
        if fmt == "text":
            out.writelines(line + "\n" for line in text_lines(result))
            out.flush()  # each file's findings go out as soon as they are ready
        elif fmt == "github":
            out.writelines(line + "\n" for line in github_lines(result))
            out.flush()
        else:
            results.append(result)
    if fmt == "json":
        out.write(dumps(to_json(results, errors), 2) + "\n")
    elif fmt == "sarif":
        out.write(dumps(to_sarif(results, errors), 2) + "\n")
    if errors:
        return Exit.ERROR
    return Exit.FINDINGS if failed else Exit.OK


def _status(r: Rule) -> str:
    if r.preview:
        return "preview"
    return "default" if r.default else "off"


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    rules = all_rules()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "default": r.default,
                "preview": r.preview,
                "summary": r.summary,
                "url": r.url,
                "options": [o.name for o in r.options],
            }
            for r in rules
        ]
        out.write(dumps(data, 2) + "\n")
        return Exit.OK
    width = max(len(r.name) for r in rules)
    for r in rules:
        out.write(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {_status(r):<7}  "
                  f"{r.summary}\n")  # fmt: skip
    return Exit.OK


def explain(r: Rule) -> str:
    """Return a rule's documentation as plain text (Markdown-flavoured)."""
    parts = [
        f"{r.code} {r.name}",
        "",
        f"Severity: {r.severity.value}. "
        + ("Preview (runs with --preview)." if r.preview else "")
        + ("" if r.default else "Off by default (select it to run it)."),
        "",
        r.summary[0].upper() + r.summary[1:] + ".",
        "",
        "Why",
        "",
        r.why,
        "",
        "Flagged",
        "",
        *(textwrap.indent(b, "    ") for b in r.bad),
        "",
        "Not flagged",
        "",
        *(textwrap.indent(g, "    ") for g in r.good),
    ]
    if r.options:
        parts += ["", "Options ([tool.attribution.options])", ""]
        for o in r.options:
            default = list(o.default) if isinstance(o.default, tuple) else o.default
            parts.append(f"    {o.name} = {json.dumps(default)}  # {o.help}")
    parts += ["", f"See {r.url}"]
    return "\n".join(p.rstrip() for p in parts).replace("\n\n\n", "\n\n") + "\n"


def _cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    found = rule(args.rule)
    if found is None:
        keys = [r.code for r in all_rules()] + [r.name for r in all_rules()]
        hint = did_you_mean(args.rule, keys)
        _error(f"unknown rule {args.rule!r}{hint}; 'attribution rules' lists them")
        return Exit.ERROR
    out.write(explain(found))
    return Exit.OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``lint``, ``rules`` and ``explain`` commands to a parser."""
    p = subparsers.add_parser(
        "lint",
        help="report weak, vague or anonymous sourcing in drafts",
        description=(
            "Lint drafts for how they attribute claims: vague and agentless attribution, "
            "anonymous sources, second-hand chains, loaded verbs, quotation problems, doubt "
            "words. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, "
            "configuration or input error, 141 output closed before the end (| head)."
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or directories (walked for {', '.join(TEXT_SUFFIXES)}); '-' or none "
        "reads stdin",
    )
    p.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="output format (default: output-format from the configuration, else text)",
    )
    p.add_argument("--select", action="append", metavar="CODES",
                   help="run only these rule codes or prefixes (comma-separated)")  # fmt: skip
    p.add_argument("--extend-select", action="append", metavar="CODES",
                   help="run these rules too (e.g. ATR601)")  # fmt: skip
    p.add_argument("--ignore", action="append", metavar="CODES",
                   help="do not run these rules")  # fmt: skip
    p.add_argument("--preview", action="store_true", help="run preview rules too")
    p.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="exit 1 when a finding is at least this severe (default: warning)",
    )
    p.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report suppression comments that suppress nothing (ATR001)",
    )
    p.add_argument("--config", metavar="FILE",
                   help="read this configuration file instead of searching for one")  # fmt: skip
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply 'exclude' to files named on the command line and to --stdin-filename "
        "too, not only to directory walks (for pre-commit hooks)",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of the text read from stdin (for its markup, overrides and output)",
    )
    p.add_argument(
        "--markup",
        choices=[m.value for m in Markup],
        default=None,
        help="read every input as this markup (default: by suffix)",
    )
    add_jobs_argument(p, "lint")
    p.set_defaults(handler=_cmd_lint)

    p = subparsers.add_parser(
        "rules",
        help="list the lint rules",
        description="List every lint rule: code, name, severity, status (default, off, "
        "preview) and what it flags.",
    )
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format (default: text)")  # fmt: skip
    p.set_defaults(handler=_cmd_rules)

    p = subparsers.add_parser(
        "explain",
        help="print a lint rule's documentation",
        description="Print a rule's documentation: why it matters, examples, options.",
    )
    p.add_argument("rule", metavar="CODE", help="a rule code (ATR101) or name")
    p.set_defaults(handler=_cmd_explain)
