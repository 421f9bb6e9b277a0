"""The docs stay honest: their examples run, and every command is documented."""

from __future__ import annotations

import doctest
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from attribution._exit import Exit
from attribution._io import TEXT_SUFFIXES
from attribution.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_examples_in_docs_run(path: Path) -> None:
    result = doctest.testfile(
        str(path), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.failed == 0


def _commands() -> dict[str, str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    choices = getattr(sub, "choices", {})
    return {name: p.format_help() for name, p in choices.items()}


def test_every_command_has_help() -> None:
    commands = _commands()
    assert {"analyze", "match", "index", "verify"} <= set(commands)
    for name, text in commands.items():
        assert f"usage: attribution {name}" in text


def test_every_command_is_documented() -> None:
    docs = "\n".join(p.read_text(encoding="utf-8") for p in DOCS)
    for name in _commands():
        assert f"attribution {name}" in docs, f"no docs mention 'attribution {name}'"


def test_every_exit_status_is_in_the_help_and_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for where in (build_parser().format_help(), readme):
        said = " ".join(where.partition("Exit status:")[2].split("\n\n")[0].split())
        for status in Exit:
            assert re.search(rf"\b{int(status)} [a-z(]", said), f"{status!r} not in {said!r}"


def test_doctests_in_modules_run() -> None:
    import attribution

    modules = [attribution]
    for path in sorted((ROOT / "attribution").glob("*.py")):
        if path.stem.startswith("__"):
            continue
        modules.append(__import__(f"attribution.{path.stem}", fromlist=["_"]))
    failed = sum(doctest.testmod(m, optionflags=doctest.ELLIPSIS).failed for m in modules)
    assert failed == 0


def test_readme_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\((docs/[^)#]+)\)", readme):
        assert (ROOT / link).exists(), f"README links to missing {link}"


def test_lint_docs_name_every_suffix_a_directory_walk_picks_up() -> None:
    lint_md = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    walk_line = next(line for line in lint_md.splitlines() if "# walk" in line)
    helps = " ".join(_commands()["lint"].split())
    for suffix in TEXT_SUFFIXES:
        assert re.search(rf"{re.escape(suffix)}\b", walk_line), suffix
        assert re.search(rf"{re.escape(suffix)}\b", helps), suffix


def _lint_md_run_step(needle: str) -> str:
    lint_md = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    return next(
        line.split("- run: ", 1)[1]
        for line in lint_md.splitlines()
        if "- run: " in line and needle in line
    )


@pytest.mark.parametrize(
    ("draft", "config", "passes"),
    [
        pytest.param("Critics argue the tax cut favors the rich.\n", "", True, id="findings"),
        pytest.param("The mayor resigned on Monday.\n", "", True, id="clean"),
        pytest.param(
            "The mayor resigned on Monday.\n", "selct = ['ATR']\n", False, id="config-typo"
        ),
    ],
)
def test_the_ci_recipe_fails_only_on_an_error_not_on_findings(
    tmp_path: Path, draft: str, config: str, passes: bool
) -> None:
    step = _lint_md_run_step("--format sarif")
    assert step.startswith("attribution lint ")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "story.txt").write_text(draft, encoding="utf-8")
    (tmp_path / "attribution.toml").write_text(config, encoding="utf-8")
    command = f'"$PYTHON" -m {step}'
    env = {**os.environ, "PYTHON": sys.executable}
    proc = subprocess.run(["bash", "-ec", command], cwd=tmp_path, env=env, check=False)
    assert (proc.returncode == 0) is passes
    assert (tmp_path / "attribution.sarif").exists()


def test_the_quickstart_sample_is_what_analyze_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    quickstart = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    command = "attribution analyze seeds/000_f3a939881c0e3f35.txt"
    after = quickstart[quickstart.index(f"```sh\n{command}\n```") :]
    sample = re.search(r"```text\n(.*?)```", after, flags=re.DOTALL)
    assert sample is not None
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    assert main(command.split()[1:], out=out) == Exit.OK
    printed = out.getvalue().splitlines()
    # Each run of sample lines between "..." cuts is a run of printed lines, in order.
    at = 0
    for run in re.split(r"^\.\.\.\n", sample.group(1), flags=re.MULTILINE):
        lines = run.splitlines()
        found = next(
            (i for i in range(at, len(printed)) if printed[i : i + len(lines)] == lines), None
        )
        assert found is not None, f"not printed after line {at + 1}: {lines}"
        at = found + len(lines)
