#!/usr/bin/env python3
"""Write ``docs/rules.md`` from the rules themselves (their why, examples and options).

The rules carry their own documentation (:class:`attribution.rules.Rule`), so
the reference is generated, never edited by hand; ``tests/test_rules.py``
checks that every rule is in it. Run after changing a rule:

    python scripts/rules_doc.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from attribution.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "rules.md"

HEADER = """# Lint rules

`attribution lint` reports how a draft attributes its claims. Each rule has a
stable code (`ATR` and three digits; the hundreds digit is its family; a code
is never reused), a kebab-case name for the pattern it flags, a default
severity, and the editorial standard it enforces. `attribution rules` lists
them and `attribution explain CODE` prints one. This page is generated from the
rules by `scripts/rules_doc.py`; usage, configuration and output formats are in
[lint.md](lint.md), measured precision in [lint-precision.md](lint-precision.md).

Rules about the writer's words (every rule but those about quotations
themselves) never fire inside a direct quotation: there the words are the
speaker's. *Default* rules run unless deselected; *off* rules run when
selected (`extend-select = ["ATR601"]`); *preview* rules run only with
`preview = true` (or `--preview`) and when selected, since their precision on
PolNeAR was below 0.8 or could not be measured.

| family | about |
| --- | --- |
| ATR0xx | the linter's own suppression comments |
| ATR1xx | vague, agentless and hedged attribution (MOS:WEASEL) |
| ATR2xx | anonymous sources (AP, Reuters, NYT, SPJ, BBC) |
| ATR3xx | second-hand chains and uncredited reports |
| ATR4xx | loaded attribution verbs (MOS:SAID) |
| ATR5xx | quotation problems |
| ATR6xx | check-worthy claims without attribution (off by default) |
| ATR7xx | doubt words and scare quotes (MOS:DOUBT) |

"""


def status(rule: object) -> str:
    preview = rule.preview
    default = rule.default
    return "preview" if preview else ("default" if default else "off")


def render() -> str:
    rules = all_rules()
    out = [HEADER, "| code | name | severity | status |", "| --- | --- | --- | --- |"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.anchor}) | {r.name} | {r.severity.value} | {status(r)} |")
    out.append("")
    for r in rules:
        out += [
            f"## {r.code} {r.name}",
            "",
            f"Severity **{r.severity.value}**, {status(r)}. Flags {r.summary}.",
            "",
            r.why,
            "",
            "Flagged:",
            "",
        ]
        out += [f"- {json.dumps(b, ensure_ascii=False)}" for b in r.bad]
        out += ["", "Not flagged:", ""]
        out += [f"- {json.dumps(g, ensure_ascii=False)}" for g in r.good]
        if r.options:
            out += ["", "Options (`[tool.attribution.options]`):", ""]
            for o in r.options:
                default = list(o.default) if isinstance(o.default, tuple) else o.default
                out.append(f"- `{o.name}` (default `{json.dumps(default)}`): {o.help}")
        out.append("")
    return "\n".join(out)


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
