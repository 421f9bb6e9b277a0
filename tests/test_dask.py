"""The Dask integration, on Dask's local synchronous scheduler (skipped without Dask)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd

from attribution import analyze, to_dict
from attribution.dask import analyze_bag, analyze_dataframe, analyze_item, analyze_line

TEXTS = [
    "The mayor said the bridge would reopen on Monday.",
    "Prices rose 3.5 percent in June, according to the bureau.",
    "",
    '"We are ready," the minister told reporters.',
    "Trump told Zelenskyy he would check the shipments, one source said, according to Axios.",
]


def test_analyze_bag_of_texts_matches_analyze() -> None:
    bag = db.from_sequence(TEXTS, npartitions=3)
    docs = analyze_bag(bag).compute(scheduler="synchronous")
    assert docs == [to_dict(analyze(t)) for t in TEXTS]


def test_analyze_bag_of_jsonl_lines_keeps_ids_and_reports_bad_items() -> None:
    lines = [json.dumps({"id": f"d{n}", "text": t}) for n, t in enumerate(TEXTS)]
    bag = db.from_sequence(lines, npartitions=2).map(json.loads)
    bad = db.from_sequence([{"id": "x", "text": None}, 42, ("p", TEXTS[0])], npartitions=1)
    docs = analyze_bag(db.concat([bag, bad])).compute(scheduler="synchronous")
    assert [d["id"] for d in docs] == ["d0", "d1", "d2", "d3", "d4", "x", None, "p"]
    assert docs[5] == {"id": "x", "error": "x: 'text' must be a string"}
    assert docs[6]["error"].startswith("expected a text")
    assert json.loads(json.dumps(docs)) == docs


def test_analyze_item_never_raises_for_a_bad_item() -> None:
    assert analyze_item(b"bytes")["error"].endswith("got bytes")
    assert analyze_item(("a", TEXTS[0]))["claims"][0]["text"] == "the bridge would reopen on Monday"


def test_analyze_dataframe_keeps_rows_index_and_ids() -> None:
    pdf = pd.DataFrame(
        {"doc": ["a", "b", "c", "d", "e"], "body": TEXTS}, index=[10, 11, 12, 13, 14]
    )
    pdf.loc[12, "body"] = None
    out = analyze_dataframe(dd.from_pandas(pdf, npartitions=2), text="body", id="doc")
    assert list(out.columns) == ["id", "sentences", "attributions", "claims", "error", "analysis"]
    frame = out.compute(scheduler="synchronous")
    assert list(frame.index) == [10, 11, 12, 13, 14]
    assert list(frame["id"]) == ["a", "b", "c", "d", "e"]
    assert frame.loc[12, "error"] == "c: 'text' must be a string"
    assert frame.loc[10, "claims"] >= 1
    doc = json.loads(frame.loc[10, "analysis"])
    assert doc == to_dict(analyze(TEXTS[0], id="a"))


# Dask's Parquet reader calls a pandas method pandas 3.1 deprecates: not ours.
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.set_index")
def test_analyze_dataframe_writes_to_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pdf = pd.DataFrame({"url": ["a", "b", "c"], "body": [TEXTS[0], None, TEXTS[4]]})
    out = analyze_dataframe(dd.from_pandas(pdf, npartitions=2), text="body", id="url")
    out[out.error.isna()].to_parquet(
        str(tmp_path / "analyses"), compute_kwargs={"scheduler": "sync"}
    )
    back = pd.read_parquet(tmp_path / "analyses")
    assert list(back["id"]) == ["a", "c"]
    assert json.loads(back["analysis"].iloc[1]) == to_dict(analyze(TEXTS[4], id="c"))


def _scaling_recipe(needle: str) -> str:
    scaling = (Path(__file__).resolve().parents[1] / "docs" / "scaling.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", scaling, flags=re.DOTALL)
    return next(b for b in blocks if needle in b)


def test_the_bag_recipe_runs_as_a_script_and_writes_whole_lines(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    good = json.dumps({"id": "a0", "text": TEXTS[0]})
    # A line that is not JSON and one without text get error lines; blank lines get none.
    files = {
        "a": [good, "not JSON", "", json.dumps({"id": 7, "text": TEXTS[0]})],
        "b": ['{"id": "b0", "text": "cut', " \t", json.dumps({"id": "b1"})],
    }
    for name, lines in files.items():
        text = "".join(line + "\n" for line in lines)
        (tmp_path / "corpus" / f"{name}.jsonl").write_text(text, encoding="utf-8")
    (tmp_path / "recipe.py").write_text(_scaling_recipe("analyze_lines("), encoding="utf-8")
    # Dask's default scheduler for a bag: processes, whose workers import the script.
    proc = subprocess.run(
        [sys.executable, "recipe.py"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    outputs = sorted((tmp_path / "analyses").glob("*.jsonl"))
    cat = "".join(f.read_text(encoding="utf-8") for f in outputs)
    docs = [json.loads(line) for line in cat.splitlines()]
    assert [d["id"] for d in docs] == ["a0", None, "7", "b0", "b1"]
    assert docs[0] == to_dict(analyze(TEXTS[0], id="a0"))
    assert docs[1] == {"id": None, "error": "<line>: not JSON (Expecting value at column 1)"}
    assert docs[3]["error"].startswith("<line>: not JSON (Unterminated string")
    assert docs[4] == {"id": "b1", "error": "<line>: no 'text' field"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("", None),
        (" \t\r\n", None),
        ("\u00a0\n", {"id": None, "error": "<line>: not JSON (Expecting value at column 1)"}),
        ('{"id": 3, "text": ""}\n', to_dict(analyze("", id="3"))),
        ('{"id": "x", "text": 5}', {"id": "x", "error": "<line>: 'text' must be a string"}),
        ("[1, 2]", {"id": None, "error": "<line>: expected an object with 'text'"}),
    ],
    ids=["empty", "json-space", "nbsp", "number-id", "text-not-str", "not-an-object"],
)
def test_analyze_line_reads_a_line_as_the_command_line_does(
    line: str, expected: dict[str, object] | None
) -> None:
    assert analyze_line(line) == expected
