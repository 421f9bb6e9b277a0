"""Load the package's word lists and weights, lazily and once.

Lists live in ``attribution/data/*.txt``: UTF-8, one lower-case entry a line,
``#`` comments. Tables (``*.tsv``) hold tab-separated columns. Weights live in
``*.toml``. Nothing is read at import time.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

from attribution.errors import DataError


def read_data(name: str) -> str:
    """Return the text of the package data file ``name``."""
    try:
        return resources.files("attribution").joinpath("data", name).read_text("utf-8")
    except (FileNotFoundError, OSError) as err:
        msg = f"package data file {name!r} is missing: reinstall attribution"
        raise DataError(msg) from err


def _lines(name: str) -> list[str]:
    out = []
    for raw in read_data(name).splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """Return the entries of the list ``data/<name>.txt`` as a frozen set."""
    return frozenset(_lines(f"{name}.txt"))


@functools.cache
def ordered_list(name: str) -> tuple[str, ...]:
    """Return the entries of ``data/<name>.txt`` in file order."""
    return tuple(_lines(f"{name}.txt"))


@functools.cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Return the rows of the tab-separated table ``data/<name>.tsv``."""
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in _lines(f"{name}.tsv"))


@functools.cache
def weights(name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``data/<name>.toml``."""
    try:
        return tomllib.loads(read_data(f"{name}.toml"))
    except tomllib.TOMLDecodeError as err:
        msg = f"package data file {name + '.toml'!r} is not valid TOML: {err}"
        raise DataError(msg) from err
