"""Every lint rule: its examples fire (bad) or stay quiet (good), and it is documented.

One meta-test runs each rule's bad and good examples, as proselint's examples
table does; the structure tests check codes, names, docs and messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from attribution.lint import lint
from attribution.rules import Rule, Severity, all_rules, option_defaults, rule

ROOT = Path(__file__).resolve().parents[1]
RULES = all_rules()
RULES_MD = ROOT / "docs" / "rules.md"


def _config(r: Rule) -> dict[str, object]:
    # The rule on top of the defaults, preview on: a good example must not fire
    # the rule even with its neighbours running.
    return {"extend-select": [r.code], "preview": True}


BAD = [pytest.param(r, text, id=f"{r.code}-bad-{k}") for r in RULES for k, text in enumerate(r.bad)]
GOOD = [
    pytest.param(r, text, id=f"{r.code}-good-{k}") for r in RULES for k, text in enumerate(r.good)
]


@pytest.mark.parametrize(("r", "text"), BAD)
def test_bad_example_fires_its_rule(r: Rule, text: str) -> None:
    codes = [f.code for f in lint(text, _config(r))]
    assert r.code in codes, f"{r.code} did not fire on its bad example {text!r}"


@pytest.mark.parametrize(("r", "text"), GOOD)
def test_good_example_does_not_fire_its_rule(r: Rule, text: str) -> None:
    found = [f.message for f in lint(text, _config(r)) if f.code == r.code]
    assert found == [], f"{r.code} fired on its good example {text!r}: {found}"


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(r: Rule) -> None:
    assert re.fullmatch(r"ATR\d{3}", r.code)
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", r.name), r.name
    assert r.summary and r.summary == r.summary.strip() and not r.summary.endswith(".")
    assert len(r.why) > 80, "the why should cite the editorial standard"
    assert r.bad, "a rule needs bad examples"
    assert r.good, "a rule needs good examples"
    assert isinstance(r.severity, Severity)
    docs = RULES_MD.read_text("utf-8")
    assert f"## {r.code} {r.name}" in docs, f"{r.code} is missing from docs/rules.md"


def test_codes_and_names_are_unique_and_sorted() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert codes == sorted(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_family_matches_module(r: Rule) -> None:
    modules = {
        "0": "suppressions",
        "1": "vague",
        "2": "anonymous",
        "3": "chains",
        "4": "stance",
        "5": "quotations",
        "6": "checkworthy",
        "7": "doubt",
    }
    assert r.check.__module__ == f"attribution.rules.{modules[r.code[3]]}"


@pytest.mark.parametrize(("r", "text"), BAD)
def test_messages_follow_house_style(r: Rule, text: str) -> None:
    for f in lint(text, _config(r)):
        assert f.message[:1] == f.message[:1].lower() or f.message[0] in "'\"", f.message
        assert not f.message.endswith("."), f.message
        assert "\n" not in f.message


def test_docs_list_no_rule_that_does_not_exist() -> None:
    documented = re.findall(r"^## (ATR\d{3}) ", RULES_MD.read_text("utf-8"), re.MULTILINE)
    assert sorted(documented) == [r.code for r in RULES]


def test_rule_lookup_by_code_or_name() -> None:
    assert rule("atr101") is rule("vague-attribution") is rule("ATR101")
    assert rule("ATR999") is None


def test_options_have_one_default_each() -> None:
    defaults = option_defaults()
    for r in RULES:
        for opt in r.options:
            assert defaults[opt.name] == opt.default
            assert opt.help


def test_check_worthy_rule_is_off_by_default() -> None:
    text = "Russia pummeled Kyiv with the largest drone attack of the war."
    assert [f.code for f in lint(text)] == []
    assert [f.code for f in lint(text, {"extend-select": ["ATR601"]})] == ["ATR601"]


def test_preview_rules_need_preview() -> None:
    text = 'The senator\'s "plan" was unveiled on Tuesday.'
    assert [f.code for f in lint(text, {"select": ["ATR703"]})] == []
    assert [f.code for f in lint(text, {"select": ["ATR703"], "preview": True})] == ["ATR703"]


def test_rules_doc_is_generated_from_the_rules(load_script: Callable[[str], ModuleType]) -> None:
    module = load_script("scripts/rules_doc.py")
    assert RULES_MD.read_text("utf-8") == module.render(), "run python scripts/rules_doc.py"
