"""Tests for :mod:`attribution.config`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.config import Config, Layer, _glob, find_config, from_mapping, load_config
from attribution.errors import AttributionError, ConfigError
from attribution.rules import Severity

Timer = Callable[[Callable[[], object], int], float]  # the best_time fixture


def enabled(config: Config, path: str | None = None) -> list[str]:
    return [r.code for r in config.settings(path).rules]


def test_defaults() -> None:
    codes = enabled(Config())
    assert "ATR101" in codes and "ATR601" not in codes and "ATR703" not in codes
    assert "ATR001" not in codes  # only with report-unused-suppressions


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param({"ignor": []}, "unknown key 'ignor' (did you mean 'ignore'?)", id="key"),
        pytest.param({"select": ["ATR1O1"]}, "unknown rule code 'ATR1O1'", id="code"),
        pytest.param(
            {"select": "ATR101"} | {"extend-select": [3]}, "expected a rule code", id="type"
        ),
        pytest.param({"fail-on": "warn"}, "did you mean 'warning'", id="severity"),
        pytest.param({"output-format": "sariff"}, "did you mean 'sarif'", id="format"),
        pytest.param({"options": {"outlet": []}}, "did you mean 'outlets'", id="option"),
        pytest.param(
            {"options": {"outlets": "Axios"}}, "expected a list of strings", id="option-type"
        ),
        pytest.param(
            {"options": {"max-quote-sentences": -1}}, "non-negative integer", id="option-int"
        ),
        pytest.param({"preview": "yes"}, "expected true or false", id="bool"),
        pytest.param({"overrides": [{"ignore": ["ATR1"]}]}, "files: expected", id="override-files"),
        pytest.param(
            {"overrides": [{"files": ["*"], "selct": []}]},
            "did you mean 'select'",
            id="override-key",
        ),
        pytest.param({"overrides": {"files": []}}, "array of tables", id="override-array"),
    ],
)
def test_bad_values_are_config_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(
        ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
    ):
        from_mapping(table)


def test_config_error_is_a_value_error_and_an_attribution_error() -> None:
    with pytest.raises(ValueError):
        from_mapping({"nope": 1})
    with pytest.raises(AttributionError):
        from_mapping({"nope": 1})


def test_codes_are_case_insensitive_and_comma_strings_work() -> None:
    config = from_mapping({"select": "atr1, ATR201"})
    assert enabled(config) == ["ATR101", "ATR102", "ATR103", "ATR201"]


def test_later_layers_win() -> None:
    config = from_mapping({"ignore": ["ATR101"]})
    assert "ATR101" not in enabled(config)
    config = config.with_layer(Layer(extend_select=("ATR101",)))
    assert "ATR101" in enabled(config)


def test_overrides_apply_by_glob_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "attribution.toml").write_text(
        '[[overrides]]\nfiles = ["opinion/**"]\nignore = ["ATR4"]\n'
        '[overrides.severity]\nATR101 = "error"\n'
        '[[overrides]]\nfiles = ["*.md"]\nextend-select = ["ATR601"]\n'
    )
    config = load_config(tmp_path / "attribution.toml")
    column = tmp_path / "opinion" / "2025" / "column.txt"
    assert "ATR401" not in enabled(config, str(column))
    assert config.settings(str(column)).severity["ATR101"] is Severity.ERROR
    assert "ATR401" in enabled(config, str(tmp_path / "news.txt"))
    assert "ATR601" in enabled(config, str(tmp_path / "drafts" / "a.md"))
    assert "ATR601" not in enabled(config, str(tmp_path / "drafts" / "a.txt"))


def test_options_reach_the_settings() -> None:
    config = from_mapping({"options": {"outlets": ["Daily Bugle"], "window": 2}})
    options = config.settings().options
    assert options["outlets"] == ("Daily Bugle",)
    assert options["window"] == 2
    assert options["max-quote-sentences"] == 2


def test_find_config_walks_up_and_prefers_attribution_toml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None or tmp_path not in find_config(deep).parents  # type: ignore[union-attr]
    (tmp_path / "pyproject.toml").write_text('[tool.attribution]\nselect = ["ATR2"]\n')
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path / "a" / "b" / ".") == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    "content",
    [
        'ignore = ["ATR402"]\n',
        '[attribution]\nignore = ["ATR402"]\n',
        '[tool.attribution]\nignore = ["ATR402"]\n',
    ],
    ids=["top-level", "attribution-table", "tool-attribution-table"],
)
def test_attribution_toml_keys_at_the_top_or_under_a_table(content: str, tmp_path: Path) -> None:
    (tmp_path / "attribution.toml").write_text(content)
    assert "ATR402" not in enabled(load_config(tmp_path / "attribution.toml"))


def test_attribution_toml_wins_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.attribution]\nselect = ["ATR2"]\n')
    (tmp_path / "attribution.toml").write_text('select = ["ATR1"]\n')
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") == tmp_path / "attribution.toml"


def test_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert enabled(load_config(tmp_path / "pyproject.toml")) == enabled(Config())


def test_unreadable_or_invalid_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "attribution.toml"
    bad.write_text("select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        pytest.param("attribution.toml", "tool = 5\n", "unknown key 'tool'", id="tool-a-number"),
        pytest.param("attribution.toml", 'tool = "x"\n', "unknown key 'tool'", id="tool-a-string"),
        pytest.param(
            "attribution.toml",
            "select = " + "[" * 3000 + "]" * 3000 + "\n",
            "not valid TOML",
            id="nested-too-deeply",
        ),
        pytest.param(
            "pyproject.toml",
            "[tool.attribution]\nselect = " + "[" * 3000 + "]" * 3000 + "\n",
            "not valid TOML",
            id="pyproject-nested-too-deeply",
        ),
    ],
)
def test_a_malformed_configuration_is_a_config_error(
    name: str, content: str, error: str, tmp_path: Path
) -> None:
    (tmp_path / name).write_text(content)
    with pytest.raises(ConfigError, match=re.escape(error)):
        load_config(tmp_path / name)


def test_errors_name_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.attribution]\nfail-on = "loud"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.attribution\].fail-on"):
        load_config(tmp_path / "pyproject.toml")


def test_fail_on_and_scalars() -> None:
    config = from_mapping(
        {"fail-on": "error", "report-unused-suppressions": True, "output-format": "sarif"}
    )
    assert config.fail_on is Severity.ERROR
    assert config.output_format == "sarif"
    assert config.settings().report_unused_suppressions
    assert "ATR001" not in enabled(config)  # reported by the engine, not selected


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("*.md", "story.md", True),
        ("*.md", "drafts/2026/story.md", True),
        ("*.md", "story.md.bak", False),
        ("drafts/*.md", "drafts/story.md", True),
        ("drafts/*.md", "drafts/old/story.md", False),
        ("drafts/*.md", "archive/drafts/story.md", False),
        ("drafts/**/*.md", "drafts/story.md", True),
        ("drafts/**/*.md", "drafts/2026/nov/story.md", True),
        ("drafts/**", "drafts/2026/nov/story.md", True),
        ("drafts/", "drafts/2026/story.md", True),
        ("drafts", "drafts/2026/story.md", True),
        ("vendor", "src/vendor/feed.txt", True),
        ("./drafts/*.txt", "drafts/a.txt", True),
        ("story-?.md", "story-1.md", True),
        ("story-?.md", "story-12.md", False),
        ("a?b", "a/b", False),
        ("*", "a/b", True),
        ("**/**/**/x", "x", True),
        ("**/**/**/x", "a/b/x", True),
        ("**a", "b/c/xa", True),
        ("d*/x", "dir/x", True),
        ("d*/x", "dir/sub/x", False),
        ("[ab].md", "[ab].md", True),  # no character classes: brackets are literal
        ("[ab].md", "a.md", False),
    ],
)
def test_globs_match_paths_relative_to_the_config(glob: str, path: str, matches: bool) -> None:
    assert _glob(glob).fullmatch(path) is matches


@pytest.mark.parametrize(
    ("glob", "make"),
    [
        pytest.param("*a*a*a*b", lambda n: "a" * n, id="stars-before-a-missing-letter"),
        pytest.param("**a**a**a**b", lambda n: "a/" * (n // 2), id="double-stars"),
        pytest.param("**/" * 12 + "x", lambda n: "d/" * (n // 2) + "y", id="repeated-dirs"),
        pytest.param("*?*?*?*.md", lambda n: "x" * n, id="stars-and-marks"),
    ],
)
def test_globs_match_in_time_linear_in_the_path(
    glob: str, make: Callable[[int], str], best_time: Timer
) -> None:
    """A glob compiled to a backtracking regex took the path's length to the
    power of its stars; 10 times the path must take about 10 times as long."""
    compiled = _glob(glob)
    small, large = make(200), make(2000)

    def match_time(path: str, times: int) -> float:
        return best_time(lambda: [compiled.fullmatch(path) for _ in range(times)], 3)

    times = 1
    while match_time(small, times) < 0.02:
        times *= 2
    ratio = match_time(large, times) / match_time(small, times)
    assert ratio < 20  # linear is 10; a backtracking "*a*a*a*b" is 1,000 or more


def test_a_globs_remembered_moves_are_bounded() -> None:
    compiled = _glob("**/*.md")
    for i in range(3 * compiled.MOVES):
        compiled.fullmatch(chr(0x4E00 + i) + ".md")
    assert len(compiled.moves) <= compiled.MOVES
