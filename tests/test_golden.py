"""Golden files: whole documents analyzed, the JSON compared with a reviewed copy.

Regenerate after an intended change with ``ATTRIBUTION_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff of ``tests/golden/*.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from attribution import analyze, to_dict

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"
INPUTS = [*sorted(GOLDEN.glob("*.txt")), SEED]
UPDATE = os.environ.get("ATTRIBUTION_UPDATE_GOLDEN") == "1"


def render(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return json.dumps(to_dict(analyze(text, id=path.stem)), ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_analysis_matches_golden_file(path: Path) -> None:
    expected_path = GOLDEN / f"{path.stem}.json"
    actual = render(path)
    if UPDATE or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote missing golden file {expected_path.name}: review and commit it")
    assert actual == expected_path.read_text(encoding="utf-8")
