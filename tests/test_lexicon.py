"""Tests for :mod:`attribution.lexicon` and the package's word lists."""

from __future__ import annotations

from importlib import resources

import pytest

from attribution import lexicon

LISTS = sorted(
    path.name.removesuffix(".txt")
    for path in resources.files("attribution").joinpath("data").iterdir()
    if path.name.endswith(".txt")
)


def test_there_are_lists() -> None:
    assert LISTS


@pytest.mark.parametrize("name", LISTS)
def test_list_is_sorted_unique_and_lower_case(name: str) -> None:
    entries = lexicon.ordered_list(name)
    assert entries, f"{name}.txt has no entries"
    assert [e for e in entries if e != e.lower()] == []
    assert [e for e in set(entries) if entries.count(e) > 1] == []
    assert list(entries) == sorted(entries)


@pytest.mark.parametrize("name", LISTS)
def test_list_has_a_header(name: str) -> None:
    assert lexicon.read_data(f"{name}.txt").startswith("#"), f"{name}.txt needs a header comment"
