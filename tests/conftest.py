"""What several test modules share: loading the scripts (not a package), timing in CPU time."""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first: attrs and dataclasses look a class's module up by name.
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def load_script() -> Callable[[str], ModuleType]:
    """Return a loader of a script by its path from the repository's root."""
    return _load


def _best_cpu_seconds(func: Callable[[], object], repeat: int) -> float:
    """Return the least CPU time of ``repeat`` runs (other processes do not count)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


@pytest.fixture
def best_time() -> Callable[[Callable[[], object], int], float]:
    """Return a timer: the least CPU time of some runs of a function."""
    return _best_cpu_seconds
