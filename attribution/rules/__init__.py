"""The lint rules, by family: the hundreds digit of a code is its family.

- ``ATR0xx`` the linter's own (suppression comments): :mod:`.suppressions`
- ``ATR1xx`` vague, agentless and hedged attribution: :mod:`.vague`
- ``ATR2xx`` anonymous sources: :mod:`.anonymous`
- ``ATR3xx`` second-hand chains: :mod:`.chains`
- ``ATR4xx`` loaded verbs and stance: :mod:`.stance`
- ``ATR5xx`` quotation problems: :mod:`.quotations`
- ``ATR6xx`` check-worthy unattributed claims (off by default): :mod:`.checkworthy`
- ``ATR7xx`` doubt words and scare quotes: :mod:`.doubt`

Codes are never reused: a retired rule keeps its code out of circulation.
"""

from __future__ import annotations

import functools

from attribution.rules import (
    anonymous,
    chains,
    checkworthy,
    doubt,
    quotations,
    stance,
    suppressions,
    vague,
)
from attribution.rules._base import Context, Hit, Option, OptionValue, Rule, Severity

__all__ = [
    "Context",
    "Hit",
    "Option",
    "OptionValue",
    "Rule",
    "Severity",
    "all_rules",
    "option_defaults",
    "options_by_name",
    "rule",
]


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Return every rule, sorted by code."""
    rules = (
        suppressions.RULES
        + vague.RULES
        + anonymous.RULES
        + chains.RULES
        + stance.RULES
        + quotations.RULES
        + checkworthy.RULES
        + doubt.RULES
    )
    return tuple(sorted(rules, key=lambda r: r.code))


def rule(code_or_name: str) -> Rule | None:
    """Return the rule with this code ("ATR101", any case) or name, or ``None``.

    >>> rule("atr101").name
    'vague-attribution'
    """
    key = code_or_name.strip()
    for r in all_rules():
        if r.code == key.upper() or r.name == key.lower():
            return r
    return None


@functools.cache
def option_defaults() -> dict[str, OptionValue]:
    """Return every rule option's default value, by option name."""
    out: dict[str, OptionValue] = {}
    for r in all_rules():
        for opt in r.options:
            out.setdefault(opt.name, opt.default)
    return out


@functools.cache
def options_by_name() -> dict[str, Option]:
    """Return every rule option by name."""
    out: dict[str, Option] = {}
    for r in all_rules():
        for opt in r.options:
            out.setdefault(opt.name, opt)
    return out
