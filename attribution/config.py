"""Lint configuration: defaults < ``[tool.attribution]`` or ``attribution.toml`` < CLI flags.

A configuration is found by walking up from the linted file's directory: the
first directory holding an ``attribution.toml`` (read whole) or a
``pyproject.toml`` with a ``[tool.attribution]`` table wins, ``attribution.toml``
first. Keys (all optional)::

    [tool.attribution]
    select = ["ATR1", "ATR2", "ATR3", "ATR4"]  # code prefixes to run (default: the default rules)
    extend-select = ["ATR601"]  # added to the selection
    ignore = ["ATR402"]         # taken out of it
    preview = false             # run preview rules too
    fail-on = "warning"         # lowest severity that makes `attribution lint` exit 1
    report-unused-suppressions = false  # true reports unused suppressions (ATR001) anyway
    output-format = "text"      # text, json, sarif or github
    exclude = ["vendor/**"]     # files a directory walk skips (globs)

    [tool.attribution.severity]  # per code or prefix
    ATR401 = "info"

    [tool.attribution.options]   # rule options (see `attribution rules`)
    outlets = ["The Daily Bugle"]

    [[tool.attribution.overrides]]  # per-glob, applied last, in order
    files = ["opinion/**"]
    ignore = ["ATR4"]

Between ``select``, ``extend-select`` and ``ignore`` of one layer the longest
matching prefix wins (``select = ["ATR1"]``, ``ignore = ["ATR101"]`` runs every
ATR1 rule but ATR101); a later layer (CLI flags, then matching overrides)
overrides an earlier one. Unknown keys, codes, options and severities are
:class:`~attribution.errors.ConfigError` with a "did you mean".
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from attribution._hints import did_you_mean
from attribution.errors import ConfigError
from attribution.rules import Option, OptionValue, Rule, Severity, all_rules, options_by_name

__all__ = [
    "OUTPUT_FORMATS",
    "Config",
    "Layer",
    "Settings",
    "find_config",
    "from_mapping",
    "load_config",
]

OUTPUT_FORMATS = ("text", "json", "sarif", "github")
_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "preview",
    "fail-on",
    "report-unused-suppressions",
    "output-format",
    "exclude",
    "severity",
    "options",
    "overrides",
)
_OVERRIDE_KEYS = ("files", "select", "extend-select", "ignore", "preview", "severity", "options")


@frozen(kw_only=True)
class Layer:
    """One layer of selection, severities and options: the file's table, the CLI, an override.

    ``files`` holds the globs of an override (``None`` for a layer that
    applies everywhere).
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    options: tuple[tuple[str, OptionValue], ...] = ()
    preview: bool | None = None
    files: tuple[str, ...] | None = None


@frozen(kw_only=True)
class Settings:
    """What applies to one file: the rules that run, their severities and the options."""

    rules: tuple[Rule, ...]
    severity: Mapping[str, Severity]
    options: Mapping[str, OptionValue]
    report_unused_suppressions: bool = False


@frozen(kw_only=True)
class Config:
    """A whole configuration: layers that apply everywhere, overrides, and run settings.

    ``root`` is the directory override and exclude globs are relative to (the
    configuration file's); ``path`` the file it was read from, if any.
    """

    layers: tuple[Layer, ...] = ()
    overrides: tuple[Layer, ...] = ()
    fail_on: Severity = Severity.WARNING
    report_unused_suppressions: bool = False
    output_format: str = "text"
    exclude: tuple[str, ...] = ()
    root: str | None = None
    path: str | None = None

    def with_layer(self, layer: Layer) -> Config:
        """Return this configuration with one more layer on top (e.g. the CLI's flags)."""
        return attrs.evolve(self, layers=(*self.layers, layer))

    def settings(self, path: str | None = None) -> Settings:
        """Return the rules, severities and options that apply to the file at ``path``."""
        layers = list(self.layers)
        if path is not None and path != "-":
            rel = self._relative(path)
            layers += [o for o in self.overrides if o.files and _any_match(o.files, rel)]
        return _settings(tuple(layers), self.report_unused_suppressions)

    def excluded(self, path: str) -> bool:
        """Return whether a directory walk should skip ``path``."""
        return bool(self.exclude) and _any_match(self.exclude, self._relative(path))

    def _relative(self, path: str) -> str:
        full = os.path.abspath(path)
        if self.root is not None:
            try:
                return Path(full).relative_to(self.root).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()


# -- resolving layers ----------------------------------------------------------------


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=0)


@functools.cache
def _settings(layers: tuple[Layer, ...], report_unused: bool) -> Settings:
    rules = all_rules()
    enabled = {r.code: r.default for r in rules}
    severity = {r.code: r.severity for r in rules}
    options: dict[str, OptionValue] = {}
    for name, opt in options_by_name().items():
        options[name] = opt.default
    preview = False
    for layer in layers:
        if layer.preview is not None:
            preview = layer.preview
        if layer.select is not None:
            enabled = dict.fromkeys(enabled, False)
        on = (*(layer.select or ()), *layer.extend_select)
        for r in rules:
            yes, no = _longest(r.code, on), _longest(r.code, layer.ignore)
            if yes and yes > no:
                enabled[r.code] = True
            elif no:
                enabled[r.code] = False
        for r in rules:
            best = max(
                ((len(p), sev) for p, sev in layer.severity if r.code.startswith(p)),
                default=None,
                key=lambda pair: pair[0],
            )
            if best is not None:
                severity[r.code] = best[1]
        options.update(layer.options)
    chosen = tuple(r for r in rules if enabled[r.code] and (preview or not r.preview))
    unused = report_unused or any(r.code == "ATR001" for r in chosen)
    return Settings(rules=chosen, severity=severity, options=options,
                    report_unused_suppressions=unused)  # fmt: skip


# -- globs ------------------------------------------------------------------------------


# A glob compiles to steps: a literal character, or one of these.
_ONE = 0  # "?": one character but "/"
_STAR = 1  # "*": any run of characters but "/"
_ANY = 2  # "**" not before "/": any run of characters
_DIRS = 3  # "**/", and before an unanchored pattern: nothing, or a run ending in "/"
_TAIL = 4  # after every pattern: nothing, or "/" and anything (what a directory holds)
_WIDE = frozenset((_STAR, _ANY, _DIRS, _TAIL))  # steps that may match nothing


@functools.cache
def _glob(pattern: str) -> _Glob:
    """Compile a glob: ``**`` any directories, ``*`` within one, ``?`` one character.

    A pattern with no slash matches a file name at any depth ("*.md"); a
    pattern ending in "/" or naming a directory matches everything below it.
    """
    pattern = pattern.strip().removeprefix("./")
    steps: list[str | int] = [] if "/" in pattern.rstrip("/") else [_DIRS]
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            i += 3
            if steps[-1:] != [_DIRS]:  # "**/**/" is "**/"
                steps.append(_DIRS)
            continue
        if pattern.startswith("**", i):
            steps.append(_ANY)
            i += 2
            continue
        ch = pattern[i]
        steps.append(_STAR if ch == "*" else _ONE if ch == "?" else ch)
        i += 1
    while steps[-1:] == ["/"]:
        steps.pop()
    steps.append(_TAIL)
    return _Glob(tuple(steps))


class _Glob:
    """A compiled glob, matched in time linear in the path and in the glob.

    The glob's steps run as a set of states (a step's index times two, plus
    one inside a ``_DIRS`` or ``_TAIL`` run), with no backtracking: "*a*a*a*b"
    costs its length times the path's. The moves from a set of states by a
    character are remembered (at most ``MOVES`` of them), so a walk's paths,
    which share their directories and suffixes, mostly cost a lookup a
    character.
    """

    MOVES = 4096
    __slots__ = ("end", "moves", "start", "steps")

    def __init__(self, steps: tuple[str | int, ...]) -> None:
        self.steps = steps
        self.end = 2 * len(steps)
        self.start = self._closure({0})
        self.moves: dict[tuple[frozenset[int], str], frozenset[int]] = {}

    def fullmatch(self, path: str) -> bool:
        states = self.start
        moves = self.moves
        for ch in path:
            after = moves.get((states, ch))
            if after is None:
                if len(moves) >= self.MOVES:
                    moves.clear()
                after = moves[states, ch] = self._move(states, ch)
            if not after:
                return False
            states = after
        return self.end in states

    def _move(self, states: frozenset[int], ch: str) -> frozenset[int]:
        steps = self.steps
        after: set[int] = set()
        for state in states:
            if state == self.end:
                continue
            step = steps[state >> 1]
            following = (state | 1) + 1
            if state & 1:  # inside a run: any character; "/" may end a _DIRS one
                after.add(state)
                if step == _DIRS and ch == "/":
                    after.add(following)
            elif step == _STAR:
                if ch != "/":
                    after.add(state)
            elif step == _ONE:
                if ch != "/":
                    after.add(following)
            elif step == _ANY:
                after.add(state)
            elif step == _DIRS:
                after.add(state | 1)
                if ch == "/":
                    after.add(following)
            elif step == _TAIL:
                if ch == "/":
                    after.add(state | 1)
            elif step == ch:
                after.add(following)
        return self._closure(after)

    def _closure(self, states: set[int]) -> frozenset[int]:
        """``states`` with every state they reach by matching nothing."""
        todo = list(states)
        while todo:
            state = todo.pop()
            if state == self.end:
                continue
            step = self.steps[state >> 1]
            if step in _WIDE and (not state & 1 or step == _TAIL):
                following = (state | 1) + 1
                if following not in states:
                    states.add(following)
                    todo.append(following)
        return frozenset(states)


def _any_match(patterns: Iterable[str], rel: str) -> bool:
    return any(_glob(p).fullmatch(rel) for p in patterns)


# -- reading ------------------------------------------------------------------------------


@functools.cache
def _prefixes() -> frozenset[str]:
    codes = [r.code for r in all_rules()]
    return frozenset(c[:k] for c in codes for k in range(3, len(c) + 1))


def _code(value: object, where: str) -> str:
    if not isinstance(value, str):
        msg = f"{where}: expected a rule code or prefix such as 'ATR101', got {value!r}"
        raise ConfigError(msg)
    code = value.strip().upper()
    if code in _prefixes():
        return code
    codes = [r.code for r in all_rules()]
    msg = f"{where}: unknown rule code {value!r}{did_you_mean(code, codes)}"
    raise ConfigError(msg)


def _codes(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list | tuple):
        msg = f"{where}: expected a list of rule codes, got {value!r}"
        raise ConfigError(msg)
    return tuple(_code(v, where) for v in value)


def severity_value(value: object, where: str) -> Severity:
    """Return the :class:`Severity` named by ``value``, or raise :class:`ConfigError`."""
    names = [s.value for s in Severity]
    if isinstance(value, str) and value.strip().lower() in names:
        return Severity(value.strip().lower())
    hint = did_you_mean(value, names) if isinstance(value, str) else ""
    msg = f"{where}: expected one of {', '.join(names)}, got {value!r}{hint}"
    raise ConfigError(msg)


def _bool(value: object, where: str) -> bool:
    if isinstance(value, bool):
        return value
    msg = f"{where}: expected true or false, got {value!r}"
    raise ConfigError(msg)


def _table(value: object, where: str) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    msg = f"{where}: expected a table, got {value!r}"
    raise ConfigError(msg)


def _check_keys(data: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    for key in data:
        if key not in allowed:
            msg = f"{where}: unknown key {key!r}{did_you_mean(str(key), allowed)}"
            raise ConfigError(msg)


def _option(name: str, value: object, where: str) -> tuple[str, OptionValue]:
    known = options_by_name()
    opt: Option | None = known.get(name)
    if opt is None:
        msg = f"{where}: unknown option {name!r}{did_you_mean(name, sorted(known))}"
        raise ConfigError(msg)
    default = opt.default
    if isinstance(default, bool):
        return name, _bool(value, f"{where}.{name}")
    if isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return name, value
        msg = f"{where}.{name}: expected a non-negative integer, got {value!r}"
        raise ConfigError(msg)
    if isinstance(default, tuple):
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return name, tuple(value)
        msg = f"{where}.{name}: expected a list of strings, got {value!r}"
        raise ConfigError(msg)
    if isinstance(value, str):
        return name, value
    msg = f"{where}.{name}: expected a string, got {value!r}"
    raise ConfigError(msg)


def _layer(data: Mapping[str, Any], where: str, *, files: bool = False) -> Layer:
    select = _codes(data["select"], f"{where}.select") if "select" in data else None
    severity = tuple(
        (_code(code, f"{where}.severity"), severity_value(sev, f"{where}.severity.{code}"))
        for code, sev in _table(data.get("severity", {}), f"{where}.severity").items()
    )
    options = tuple(
        _option(str(name), value, f"{where}.options")
        for name, value in _table(data.get("options", {}), f"{where}.options").items()
    )
    globs: tuple[str, ...] | None = None
    if files:
        raw = data.get("files")
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw or not all(isinstance(g, str) for g in raw):
            msg = f"{where}.files: expected a non-empty list of globs, got {raw!r}"
            raise ConfigError(msg)
        globs = tuple(raw)
    return Layer(
        select=select,
        extend_select=_codes(data.get("extend-select", []), f"{where}.extend-select"),
        ignore=_codes(data.get("ignore", []), f"{where}.ignore"),
        severity=severity,
        options=options,
        preview=_bool(data["preview"], f"{where}.preview") if "preview" in data else None,
        files=globs,
    )


def from_mapping(
    data: Mapping[str, Any], *, source: str = "configuration", root: str | None = None
) -> Config:
    """Return the configuration of a ``[tool.attribution]`` table, checked.

    Args:
        data: the table, keys as in the TOML file ("extend-select", ...).
        source: where it came from, for messages ("pyproject.toml").
        root: the directory globs are relative to.

    Raises:
        ConfigError: for an unknown key, code, option or severity, or a value
            of the wrong type.

    >>> from_mapping({"ignor": ["ATR101"]})
    Traceback (most recent call last):
    ...
    attribution.errors.ConfigError: configuration: unknown key 'ignor' (did you mean 'ignore'?)
    """
    data = _table(data, source)
    _check_keys(data, _KEYS, source)
    overrides = []
    raw = data.get("overrides", [])
    if not isinstance(raw, list):
        msg = f"{source}.overrides: expected an array of tables ([[...overrides]]), got {raw!r}"
        raise ConfigError(msg)
    for k, item in enumerate(raw):
        where = f"{source}.overrides[{k}]"
        table = _table(item, where)
        _check_keys(table, _OVERRIDE_KEYS, where)
        overrides.append(_layer(table, where, files=True))
    fmt = data.get("output-format", "text")
    if fmt not in OUTPUT_FORMATS:
        msg = (
            f"{source}.output-format: expected one of {', '.join(OUTPUT_FORMATS)}, got {fmt!r}"
            f"{did_you_mean(str(fmt), OUTPUT_FORMATS)}"
        )
        raise ConfigError(msg)
    exclude = data.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(g, str) for g in exclude):
        msg = f"{source}.exclude: expected a list of globs, got {exclude!r}"
        raise ConfigError(msg)
    return Config(
        layers=(_layer(data, source),),
        overrides=tuple(overrides),
        fail_on=severity_value(data.get("fail-on", "warning"), f"{source}.fail-on"),
        report_unused_suppressions=_bool(
            data.get("report-unused-suppressions", False), f"{source}.report-unused-suppressions"
        ),
        output_format=str(fmt),
        exclude=tuple(exclude),
        root=root,
    )


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read a configuration file: ``attribution.toml``, or ``pyproject.toml``'s table.

    A ``pyproject.toml`` without ``[tool.attribution]`` gives the defaults.

    Raises:
        ConfigError: when the file cannot be read, is not TOML, or holds a bad value.
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except OSError as err:
        msg = f"{p}: cannot read configuration ({err.strerror or err})"
        raise ConfigError(msg) from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        msg = f"{p}: not valid TOML ({err})"
        raise ConfigError(msg) from err
    except RecursionError as err:  # tomllib recurses into each nested array or table
        msg = f"{p}: not valid TOML (nested too deeply)"
        raise ConfigError(msg) from err
    root = str(p.resolve().parent)
    if p.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("attribution") if isinstance(tool, dict) else None
        if table is None:
            return Config(root=root, path=str(p))
        source = f"{p} [tool.attribution]"
    else:  # the keys at the top level, or under [attribution] or [tool.attribution]
        tool = data.get("tool")
        table = tool.get("attribution", data) if isinstance(tool, dict) else data
        if set(data) == {"attribution"}:
            table = data["attribution"]
        source = str(p)
    config = from_mapping(_table(table, source), source=source, root=root)
    return attrs.evolve(config, path=str(p))


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """Return the configuration file that applies to files in ``start`` (a directory).

    Walks up from ``start``: the first directory with an ``attribution.toml``,
    or a ``pyproject.toml`` holding ``[tool.attribution]``, wins.
    """
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "attribution.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\[?\s*tool\s*\.\s*attribution\b", text, re.MULTILINE):
                return pyproject
    return None
