"""Tests for :mod:`attribution.lint` and the ``lint``, ``rules`` and ``explain`` commands."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from attribution import _suppressions, analyze
from attribution.cli import main
from attribution.config import Config, load_config
from attribution.errors import ConfigError
from attribution.lint import Finding, lint, lint_analysis
from attribution.model import Span
from attribution.rules import Rule, Severity, all_rules

ROOT = Path(__file__).resolve().parents[1]
# Not the lede, so that ATR207 (a lede resting on one anonymous source) stays out.
ANONYMOUS = "Talks resumed on Monday.\n\nA source said the deal was close.\n"
SEED = ROOT / "seeds" / "000_f3a939881c0e3f35.txt"


def codes(text: str, config: object = None, **kw: object) -> list[str]:
    return [f.code for f in lint(text, config, **kw)]  # type: ignore[arg-type]


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_err, old_in = sys.stderr, sys.stdin
    sys.stderr = err
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")))
    try:
        status = main(args, out)
    finally:
        sys.stderr, sys.stdin = old_err, old_in
    return status, out.getvalue(), err.getvalue()


# -- the API -----------------------------------------------------------------------------


def test_finding_is_frozen_with_spans_into_the_text() -> None:
    text = "The deal is done. Critics argue the tax cut favors the rich."
    (f,) = lint(text)
    assert isinstance(f, Finding)
    assert (f.code, f.name, f.severity) == ("ATR101", "vague-attribution", Severity.WARNING)
    assert text[f.start : f.end] == "Critics argue"
    assert f.message == "vague attribution 'Critics argue'"
    assert f.url == "docs/rules.md#atr101-vague-attribution"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        f.code = "ATR102"  # type: ignore[misc]


def test_findings_sorted_by_start_then_code() -> None:
    found = lint(SEED.read_text("utf-8"))
    keys = [(f.start, f.code) for f in found]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(None, ["ATR201", "ATR203"], id="defaults"),
        pytest.param({"select": ["ATR2"]}, ["ATR201", "ATR203"], id="select-family"),
        pytest.param({"select": ["ATR201"]}, ["ATR201"], id="select-code"),
        pytest.param({"ignore": ["ATR2"]}, [], id="ignore-family"),
        pytest.param({"select": ["ATR2"], "ignore": ["ATR203"]}, ["ATR201"], id="longest-wins"),
        pytest.param({"select": ["ATR203"], "ignore": ["ATR2"]}, ["ATR203"], id="specific-select"),
        pytest.param({"select": ["ATR1"], "extend-select": ["ATR201"]}, ["ATR201"], id="extend"),
        pytest.param({"select": []}, [], id="select-nothing"),
    ],
)
def test_select_ignore_extend_select_by_prefix(config: object, expected: list[str]) -> None:
    assert codes(ANONYMOUS, config) == expected


def test_per_rule_severity_by_code_or_prefix() -> None:
    found = lint(ANONYMOUS, {"severity": {"ATR2": "error", "ATR203": "info"}})
    assert {f.code: f.severity.value for f in found} == {"ATR201": "error", "ATR203": "info"}


def test_unknown_severity_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="did you mean 'warning'"):
        lint("x", {"severity": {"ATR101": "warnign"}})


def test_config_of_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        lint("x", 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lint(b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "config", "expected"),
    [
        pytest.param(
            "The mayor has resigned, the Daily Bugle reported, citing a city official.",
            {"select": ["ATR301"], "options": {"outlets": ["Daily Bugle"]}},
            ["ATR301"],
            id="outlets",
        ),
        pytest.param(
            "The senator claimed the bill was fair.",
            {"select": ["ATR401"], "options": {"neutral-verbs": ["claim"]}},
            [],
            id="neutral-verbs",
        ),
        pytest.param(
            '"We will not back down. We will fight on. Nobody can stop us," said Senator '
            "Jane Hale.",
            {"select": ["ATR502"], "options": {"max-quote-sentences": 3}},
            [],
            id="max-quote-sentences",
        ),
        pytest.param(
            "A little bird said the deal was close.",
            {"select": ["ATR201"], "options": {"anonymous-phrases": ["little bird"]}},
            ["ATR201"],
            id="anonymous-phrases",
        ),
    ],
)
def test_rule_options(text: str, config: dict[str, object], expected: list[str]) -> None:
    assert codes(text, config) == expected


RELAYED = "The minister will resign, The Daily Bugle reported, citing government sources."
UNCREDITED = "The mayor has resigned, the press reported."


@pytest.mark.parametrize(
    ("text", "outlets", "expected"),
    [
        pytest.param(RELAYED, ["The Daily Bugle"], ["ATR301"], id="relayed-with-the"),
        pytest.param(RELAYED, ["Daily Bugle"], ["ATR301"], id="relayed-without-the"),
        pytest.param(RELAYED, ["the daily bugle"], ["ATR301"], id="relayed-lower-case"),
        pytest.param(UNCREDITED, ["The Press"], [], id="uncredited-with-the"),
        pytest.param(UNCREDITED, ["Press"], [], id="uncredited-without-the"),
        pytest.param(UNCREDITED, [], ["ATR302"], id="uncredited-unlisted"),
    ],
)
def test_outlets_match_with_or_without_a_leading_the(
    text: str, outlets: list[str], expected: list[str]
) -> None:
    assert codes(text, {"select": ["ATR3"], "options": {"outlets": outlets}}) == expected


def test_unknown_option_is_a_config_error_with_a_hint() -> None:
    with pytest.raises(ConfigError, match="did you mean 'outlets'"):
        lint("x", {"options": {"outlet": ["Axios"]}})


# Words-to-watch rules never fire inside a direct quotation: the words are the
# speaker's, not the writer's.
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            '"Critics argue the tax cut favors the rich," Senator Jane Hale said.', id="vague"
        ),
        pytest.param(
            '"It is believed that the talks failed," Senator Jane Hale said.', id="agentless"
        ),
        pytest.param(
            '"The minister reportedly plans to resign," Senator Jane Hale said.', id="hedge"
        ),
        pytest.param(
            '"The senator claimed the bill was fair," Governor Ann Lee said.', id="loaded"
        ),
        pytest.param('"The supposed savings never appeared," Governor Ann Lee said.', id="doubt"),
        pytest.param('"The mayor allegedly took bribes," Governor Ann Lee said.', id="alleged"),
    ],
)
def test_words_to_watch_never_fire_inside_a_direct_quotation(text: str) -> None:
    assert codes(text, {"select": ["ATR"], "preview": True}) == []


def test_lint_analysis_of_an_existing_analysis() -> None:
    text = "Critics argue the tax cut favors the rich."
    assert [f.code for f in lint_analysis(analyze(text))] == ["ATR101"]


def test_empty_and_odd_text_give_no_exception() -> None:
    assert lint("") == ()
    assert lint("   \n\n") == ()
    odd = lint('"' * 50 + "<!-- attribution: -->")  # an empty suppression comment
    assert [(f.code, f.start, f.end) for f in odd] == [("ATR002", 50, 71)]


# -- suppression comments --------------------------------------------------------------------


DRAFT = (
    "Critics argue the plan failed.\n"
    "<!-- attribution: disable ATR101 -- quoting the campaign's own phrasing -->\n"
    "Some say the plan will fail.\n"
    "<!-- attribution: enable ATR101 -->\n"
    "Experts say the bridge is unsafe.\n"
)


def test_disable_and_enable_regions() -> None:
    found = lint(DRAFT, {"select": ["ATR101"]})
    assert [DRAFT[f.start : f.end] for f in found] == ["Critics argue", "Experts say"]


def test_disable_next_line_skips_blank_lines() -> None:
    text = "<!-- attribution: disable-next-line ATR1 -->\n\nCritics argue the plan failed.\n"
    assert codes(text, {"select": ["ATR101"]}) == []


@pytest.mark.parametrize(
    "nl",
    [pytest.param("\n", id="lf"), pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")],
)
def test_disable_next_line_finds_the_next_line_whatever_the_line_ends(nl: str) -> None:
    text = nl.join(
        [
            "<!-- attribution: disable-next-line ATR101 -->",
            "",
            "Critics argue the plan failed.",
            "Some say the plan will fail.",
            "",
        ]
    )
    found = lint(text, {"select": ["ATR101"], "report-unused-suppressions": True})
    assert [text[f.start : f.end] for f in found] == ["Some say"]


def _next_line_comments(n: int) -> tuple[str, list[Span]]:
    comment = "<!-- attribution: disable-next-line ATR101 -->"
    text = comment * n + "\n" * n + "Critics argue the plan failed.\n"
    return text, [Span(i * len(comment), (i + 1) * len(comment)) for i in range(n)]


def test_disable_next_line_comments_on_one_line_take_linear_time(
    best_time: Callable[[Callable[[], object], int], float],
) -> None:
    # Each comment looked for the next non-blank line on its own, past every
    # blank line: 900 comments and 900 blank lines took 0.26 s, 9,000 took 23 s.
    (small, few), (large, many) = _next_line_comments(1000), _next_line_comments(10_000)
    regions, _ = _suppressions.parse(large, many)
    assert {(r.start, r.end) for r in regions} == {(len(large) - 31, len(large) - 1)}
    ratio = best_time(lambda: _suppressions.parse(large, many), 2) / best_time(
        lambda: _suppressions.parse(small, few), 3
    )
    assert ratio <= 12, f"10x input took {ratio:.1f}x the time"


def test_disable_without_codes_disables_everything() -> None:
    text = "<!-- attribution: disable -->\nA source said critics argue the plan failed.\n"
    assert codes(text) == []


def test_unused_suppressions_reported_only_when_asked() -> None:
    text = "<!-- attribution: disable-next-line ATR101 -->\nThe senator said the bill was fair.\n"
    assert codes(text) == []
    found = lint(text, {"report-unused-suppressions": True})
    assert [(f.code, f.message) for f in found] == [("ATR001", "unused suppression of 'ATR101'")]
    assert found[0].start == 0


def test_invalid_suppressions_are_findings_not_errors() -> None:
    text = "<!-- attribution: disabel ATR101 -->\n<!-- attribution: disable ATR999 -->\nHi.\n"
    found = lint(text)
    assert [f.code for f in found] == ["ATR002", "ATR002"]
    assert "did you mean 'disable'" in found[0].message
    assert "'ATR999'" in found[1].message


def test_suppression_comment_inside_code_is_ignored() -> None:
    text = "```\n<!-- attribution: disable ATR101 -->\n```\n\nCritics argue the plan failed.\n"
    assert codes(text, {"select": ["ATR101"]}, path="draft.md") == ["ATR101"]


def _suppressed_one_by_one(regions: list[_suppressions.Region], code: str, offset: int) -> bool:
    """The plain reading of a region, one finding at a time, to check the sweep against."""
    hit = False
    for region in regions:
        if region.start <= offset < region.end and (
            region.code == "*" or code.startswith(region.code)
        ):
            region.used = True
            hit = True
    return hit


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(DRAFT, id="disable-enable"),
        pytest.param(
            "<!-- attribution: disable ATR1 -->\nCritics argue it failed.\n"
            "<!-- attribution: disable ATR101 -->\nSome say it will.\n"
            "<!-- attribution: enable ATR101 -->\nExperts say so.\n",
            id="prefix-and-code-overlap",
        ),
        pytest.param(
            "<!-- attribution: disable -->\nSources said it failed.\n"
            "<!-- attribution: enable ATR2 -->\nA source said so.\n"
            "<!-- attribution: enable -->\nOfficials said so.\n",
            id="every-rule-not-closed-by-a-code",
        ),
        pytest.param(
            "Critics argue it failed.\n<!-- attribution: disable-next-line ATR101 ATR2 -->\n\n"
            "Sources said critics argue it.\n<!-- attribution: disable-next-line -->",
            id="next-line-and-next-line-at-the-end",
        ),
        pytest.param(
            "".join(
                f"<!-- attribution: disable ATR10{i % 3 + 1} -->\nCritics argue {i} failed.\n"
                + ("<!-- attribution: enable ATR102 -->\n" if i % 4 == 0 else "")
                for i in range(40)
            ),
            id="many-regions",
        ),
    ],
)
def test_suppression_sweep_hides_and_marks_as_one_region_at_a_time(text: str) -> None:
    settings = {"select": ["ATR"], "report-unused-suppressions": True}
    everything = lint(text, {"select": ["ATR"]}, path="draft.md")
    comments = [m.span() for m in re.finditer("<!--.*?-->", text)]
    regions, _ = _suppressions.parse(text, [Span(a, b) for a, b in comments])
    expected, _ = _suppressions.parse(text, [Span(a, b) for a, b in comments])
    pairs = [(f.code, f.start) for f in everything if f.code not in ("ATR001", "ATR002")]
    flags = _suppressions.suppressed_all(regions, pairs)
    assert flags == [_suppressed_one_by_one(expected, c, o) for c, o in pairs]
    assert [(r.code, r.start, r.end, r.used) for r in regions] == [
        (r.code, r.start, r.end, r.used) for r in expected
    ]
    kept = [f for f, hidden in zip(pairs, flags, strict=True) if not hidden]
    found = lint(text, settings, path="draft.md")
    assert [(f.code, f.start) for f in found if f.code != "ATR001"] == sorted(
        kept, key=lambda p: (p[1], p[0])
    )


def test_enable_with_a_code_closes_only_that_codes_regions() -> None:
    text = (
        "<!-- attribution: disable ATR101 -->\n<!-- attribution: disable ATR102 -->\n"
        "<!-- attribution: enable ATR102 -->\nCritics argue the plan failed.\n"
    )
    regions, _ = _suppressions.parse(text, [Span(m.start(), m.end()) for m in re.finditer(
        "<!--.*?-->", text)])  # fmt: skip
    assert [(r.code, r.end) for r in regions] == [("ATR101", len(text)), ("ATR102", 74)]
    assert text[74:].startswith("<!-- attribution: enable ATR102")
    assert codes(text, {"select": ["ATR101"]}) == []


# -- the command line ------------------------------------------------------------------------


def test_text_output_and_exit_status(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("The deal is done.\nCritics argue the tax cut favors the rich.\n")
    status, out, err = run(["lint", "--isolated", str(draft)])
    assert status == 1
    assert out == f"{draft}:2:1: ATR101 [warning] vague attribution 'Critics argue'\n"
    assert err == ""


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("The senator said the bill was fair.\n")
    assert run(["lint", "--isolated", str(draft)]) == (0, "", "")


def test_fail_on_decides_the_exit_status(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Government sources said the plan was dead.\n")
    assert run(["lint", "--isolated", "--select", "ATR208", str(draft)])[0] == 0  # info
    assert (
        run(["lint", "--isolated", "--select", "ATR208", "--fail-on", "info", str(draft)])[0] == 1
    )
    assert run(["lint", "--isolated", "--fail-on", "error", str(draft)])[0] == 0


def test_stdin_with_dash_and_stdin_filename() -> None:
    status, out, _ = run(["lint", "--isolated", "-"], stdin="Critics argue it failed.\n")
    assert (status, out) == (1, "<stdin>:1:1: ATR101 [warning] vague attribution 'Critics argue'\n")
    status, out, _ = run(
        ["lint", "--isolated", "--stdin-filename", "draft.md", "-"],
        stdin="`Critics argue` it failed.\n",
    )
    assert (status, out) == (0, "")


def test_directories_are_walked_for_text_markdown_and_html(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.markdown", "skip.py"):
        (tmp_path / name).write_text("Critics argue it failed.\n")
    status, out, _ = run(["lint", "--isolated", str(tmp_path)])
    assert status == 1
    assert sorted(Path(line.split(":")[0]).name for line in out.splitlines()) == [
        "a.txt",
        "b.md",
        "c.html",
        "d.markdown",
    ]


def test_input_errors_exit_two_and_other_files_still_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Critics argue it failed.\n")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01")
    status, out, err = run(
        ["lint", "--isolated", str(tmp_path / "missing.txt"), str(binary), str(good)]
    )
    assert status == 2
    assert "ATR101" in out
    assert err.count("attribution: error: ") == 2
    assert "missing.txt: no such file" in err


def test_config_errors_exit_two_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "attribution.toml").write_text('ignor = ["ATR101"]\n')
    (tmp_path / "a.txt").write_text("Critics argue it failed.\n")
    status, out, err = run(["lint", str(tmp_path / "a.txt")])
    assert status == 2
    assert out == ""
    assert err.startswith("attribution: error: ")
    assert "did you mean 'ignore'" in err


def test_unknown_code_on_the_command_line_exits_two() -> None:
    status, _, err = run(["lint", "--isolated", "--select", "ATR1O1", "-"], stdin="x")
    assert status == 2
    assert "unknown rule code 'ATR1O1'" in err


def test_usage_error_exits_two() -> None:
    assert run(["lint", "--format", "xml"])[0] == 2


def test_config_found_upward_from_the_linted_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.attribution]\nignore = ["ATR101"]\n'
        '[[tool.attribution.overrides]]\nfiles = ["opinion/**"]\nextend-select = ["ATR601"]\n'
    )
    (tmp_path / "news").mkdir()
    (tmp_path / "opinion").mkdir()
    text = "Kyiv suffered the largest drone attack of the war.\n\nCritics argue it failed.\n"
    (tmp_path / "news" / "a.txt").write_text(text)
    (tmp_path / "opinion" / "b.txt").write_text(text)
    status, out, _ = run(["lint", str(tmp_path)])
    assert status == 0  # ATR601 is info, below the default --fail-on
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["ATR601"]
    assert "opinion" in out
    # CLI flags override the file: --select brings ATR101 back everywhere.
    status, out, _ = run(["lint", "--select", "ATR101", str(tmp_path)])
    assert status == 1 and out.count("ATR101") == 2


SUPPRESSED_LOADED = (
    "<!-- attribution: disable-next-line ATR401 -->\nThe senator claimed the bill was fair.\n"
)
OPINION = {"files": ["opinion/**"], "ignore": ["ATR4"]}


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param({}, [], id="default-selection"),
        pytest.param({"select": ["ATR"]}, [], id="used"),
        pytest.param({"select": ["ATR0", "ATR1"]}, ["ATR001"], id="not-selected"),
        pytest.param({"select": ["ATR"], "ignore": ["ATR401"]}, ["ATR001"], id="ignored"),
        pytest.param({"select": ["ATR"], "overrides": [OPINION]}, ["ATR001"], id="override"),
        pytest.param(
            {"ignore": ["ATR4"], "report-unused-suppressions": True}, ["ATR001"], id="by-key"
        ),
        pytest.param({"select": ["ATR"], "ignore": ["ATR001", "ATR4"]}, [], id="atr001-ignored"),
    ],
)
def test_a_suppression_of_a_rule_switched_off_for_the_file_is_unused(
    config: dict[str, object], expected: list[str]
) -> None:
    path = "opinion/column.md"
    assert codes(SUPPRESSED_LOADED, config, path=path) == expected


def test_the_sample_configuration_in_the_docs_means_what_it_says(tmp_path: Path) -> None:
    lint_md = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    sample = re.search(r"```toml\n(\[tool\.attribution\]\n.*?)```", lint_md, flags=re.DOTALL)
    assert sample is not None
    (tmp_path / "pyproject.toml").write_text(sample.group(1), encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    chosen = {r.code for r in config.settings(str(tmp_path / "news.md")).rules}
    assert "ATR001" not in chosen  # ignored, and report-unused-suppressions = false
    assert not config.settings(str(tmp_path / "news.md")).report_unused_suppressions
    assert {"ATR002", "ATR101", "ATR401", "ATR601"} <= chosen
    assert "ATR402" not in chosen
    opinion = {r.code for r in config.settings(str(tmp_path / "opinion" / "a.md")).rules}
    assert not any(c.startswith("ATR4") for c in opinion)


@pytest.mark.parametrize(
    ("cwd", "args", "stdin", "linted"),
    [
        pytest.param(".", ["."], None, ["./news/b.txt"], id="walk"),
        pytest.param(
            ".", ["news/b.txt", "vendor/a.txt"], None, ["news/b.txt", "vendor/a.txt"], id="named"
        ),
        pytest.param(
            ".",
            ["--force-exclude", "news/b.txt", "vendor/a.txt"],
            None,
            ["news/b.txt"],
            id="forced",
        ),
        pytest.param(
            "news", ["--force-exclude", "b.txt", "../vendor/a.txt"], None, ["b.txt"], id="cwd"
        ),
        pytest.param(
            ".", ["--stdin-filename", "vendor/a.txt", "-"], ANONYMOUS, ["vendor/a.txt"], id="stdin"
        ),
        pytest.param(
            ".",
            ["--force-exclude", "--stdin-filename", "vendor/a.txt", "-"],
            ANONYMOUS,
            [],
            id="stdin-forced",
        ),
    ],
)
def test_force_exclude_applies_exclude_to_files_named_on_the_command_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cwd: str,
    args: list[str],
    stdin: str | None,
    linted: list[str],
) -> None:
    (tmp_path / "attribution.toml").write_text('exclude = ["vendor/**"]\n')
    for name in ("news/b.txt", "vendor/a.txt"):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(ANONYMOUS)
    monkeypatch.chdir(tmp_path / cwd)
    status, out, err = run(["lint", "--select", "ATR201", *args], stdin=stdin)
    assert not err
    assert status == (1 if linted else 0)
    assert [line.split(":")[0] for line in out.splitlines()] == linted


def test_the_pre_commit_hook_forces_exclude() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: attribution lint --force-exclude\n" in hooks


def test_isolated_and_explicit_config(tmp_path: Path) -> None:
    (tmp_path / "attribution.toml").write_text('ignore = ["ATR101"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["ATR101"]\nfail-on = "error"\n')
    draft = tmp_path / "a.txt"
    draft.write_text("Critics argue it failed.\n")
    assert run(["lint", str(draft)])[:2] == (0, "")
    assert run(["lint", "--isolated", str(draft)])[0] == 1
    status, out, _ = run(["lint", "--config", str(other), str(draft)])
    assert status == 0 and "ATR101" in out  # found, but below fail-on = "error"


def test_exclude_skips_walked_files(tmp_path: Path) -> None:
    (tmp_path / "attribution.toml").write_text('exclude = ["vendor/**"]\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "a.txt").write_text("Critics argue it failed.\n")
    assert run(["lint", str(tmp_path)])[:2] == (0, "")


def test_json_output_is_versioned(tmp_path: Path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("Hello.\nCritics argue it failed.\n")
    status, out, _ = run(["lint", "--isolated", "--format", "json", str(draft)])
    doc = json.loads(out)
    assert status == 1
    assert doc["version"] == 1
    assert doc["tool"]["name"] == "attribution"
    (finding,) = doc["files"][0]["findings"]
    assert finding == {
        "code": "ATR101",
        "name": "vague-attribution",
        "severity": "warning",
        "message": "vague attribution 'Critics argue'",
        "start": 7,
        "end": 20,
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 14,
        "text": "Critics argue",
        "url": "docs/rules.md#atr101-vague-attribution",
    }
    assert doc["summary"] == {
        "files": 1,
        "findings": 1,
        "by_severity": {"info": 0, "warning": 1, "error": 0},
    }
    assert doc["errors"] == []


def test_github_annotations_escape_their_data(tmp_path: Path) -> None:
    draft = tmp_path / "a,b.txt"
    draft.write_text("Critics argue it failed.\n")
    status, out, _ = run(["lint", "--isolated", "--format", "github", str(draft)])
    assert status == 1
    path = str(draft).replace(",", "%2C").replace(":", "%3A")
    assert out == (
        f"::warning file={path},line=1,col=1,endLine=1,endColumn=14,"
        "title=ATR101 vague-attribution::vague attribution 'Critics argue'\n"
    )


def test_info_findings_are_github_notices() -> None:
    status, out, _ = run(
        ["lint", "--isolated", "--format", "github", "--select", "ATR208", "-"],
        stdin="Government sources said the plan was dead.\n",
    )
    assert status == 0
    assert out.startswith("::notice file=<stdin>,line=1,col=1,")


def test_rules_command_lists_every_rule() -> None:
    status, out, _ = run(["rules"])
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ATR001", "unused-suppression", "warning", "off"]
    assert any(
        line.split()[:4] == ["ATR703", "scare-quotes", "warning", "preview"] for line in lines
    )
    status, out, _ = run(["rules", "--format", "json"])
    assert {r["code"] for r in json.loads(out)} >= {"ATR101", "ATR301", "ATR601"}


def test_explain_prints_a_rules_docs() -> None:
    status, out, _ = run(["explain", "ATR301"])
    assert status == 0
    assert out.startswith("ATR301 relayed-anonymous-source\n")
    assert "could not independently verify" in out
    assert "Axios reported, citing an unidentified Ukrainian official." in out
    assert run(["explain", "vague-attribution"])[1].startswith("ATR101 ")


MULTI_LINE = [r for r in all_rules() if any("\n" in e for e in (*r.bad, *r.good))]


@pytest.mark.parametrize("rule", MULTI_LINE, ids=[r.code for r in MULTI_LINE])
def test_explain_indents_every_line_of_a_multi_line_example(rule: Rule) -> None:
    status, out, _ = run(["explain", rule.code])
    assert status == 0
    printed = out.splitlines()
    for example in (*rule.bad, *rule.good):
        lines = [f"    {line}".rstrip() if line.strip() else "" for line in example.splitlines()]
        start = printed.index(lines[0])
        assert printed[start : start + len(lines)] == lines


def test_explain_unknown_rule_exits_two_with_a_hint() -> None:
    status, out, err = run(["explain", "vague-atribution"])
    assert (status, out) == (2, "")
    assert err.startswith("attribution: error: unknown rule 'vague-atribution'")
    assert "did you mean 'vague-attribution'" in err


def test_register_wires_into_any_parser() -> None:
    import argparse

    from attribution._cli_lint import register

    parser = argparse.ArgumentParser(prog="attribution")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["lint", "--select", "ATR1,ATR2", "--preview", "x.md"])
    assert args.select == ["ATR1,ATR2"] and args.preview and args.paths == ["x.md"]
    assert callable(args.handler)


def test_default_config_object() -> None:
    config = Config()
    assert config.fail_on is Severity.WARNING
    assert [r.code for r in config.settings().rules if r.code == "ATR601"] == []


# -- what the linter needs from other stages ------------------------------------------------


def test_sentence_initial_media_noun_is_not_a_name() -> None:
    a = analyze("Local media reported that the mayor had resigned.")
    assert not a.attributions[0].sources[0].named


def test_passive_subject_is_not_the_source() -> None:
    a = analyze("The senator has been described as a maverick.")
    assert a.attributions[0].source is None


def test_inverted_source_with_relative_clause() -> None:
    text = (
        "The talks have stalled, said an official who spoke on condition of anonymity "
        "because the negotiations are private."
    )
    a = analyze(text)
    src = a.attributions[0].source
    assert src is not None and text[src.start : src.end].startswith("an official")
