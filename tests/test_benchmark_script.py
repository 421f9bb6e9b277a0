"""The benchmark script's hostile-input probe reports what its table is made of."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.mark.parametrize(
    ("case", "repeat"),
    [("100,000 quotation marks", 3), ("one 1 MB sentence", 1), ("periods, 1 MB", 2)],
)
def test_adversarial_probe_prints_cpu_and_user_time_for_both_sizes(
    case: str,
    repeat: int,
    capsys: pytest.CaptureFixture[str],
    load_script: Callable[[str], ModuleType],
) -> None:
    load_script("benchmarks/bench_analyze.py")._adversarial_probe(case, 2_000, repeat)
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["n"] for row in rows] == [200, 2_000]
    for row in rows:
        assert 0 <= row["user"] <= row["seconds"]
