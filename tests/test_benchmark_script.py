"""The benchmark script's hostile-input probe reports what its table is made of."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_analyze.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_analyze", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_analyze"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("case", "repeat"),
    [("100,000 quotation marks", 3), ("one 1 MB sentence", 1), ("periods, 1 MB", 2)],
)
def test_adversarial_probe_prints_cpu_and_user_time_for_both_sizes(
    case: str, repeat: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _bench()._adversarial_probe(case, 2_000, repeat)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["n"] for row in rows] == [200, 2_000]
    for row in rows:
        assert 0 <= row["user"] <= row["seconds"]
