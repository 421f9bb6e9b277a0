"""Acceptance: the seed article, linted with defaults (and with the check-worthy rule on)."""

from __future__ import annotations

from pathlib import Path

from attribution.lint import Finding, lint

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"
TEXT = SEED.read_text("utf-8")


def flagged(found: tuple[Finding, ...], code: str) -> list[str]:
    return [TEXT[f.start : f.end] for f in found if f.code == code]


def test_axios_chain_rests_on_anonymous_sources() -> None:
    found = lint(TEXT)
    assert flagged(found, "ATR301") == ["Axios", "Axios", "Spiegel magazine"]
    messages = [f.message for f in found if f.code == "ATR301"]
    assert "'Axios' relays anonymous 'an unidentified Ukrainian official', unconfirmed" in messages


def test_anonymous_sources_lack_a_reason_for_anonymity() -> None:
    unexplained = flagged(lint(TEXT), "ATR203")
    for source in ("the sources", "one source", "government sources"):
        assert source in unexplained


def test_bare_and_uncounted_sources() -> None:
    found = lint(TEXT)
    assert flagged(found, "ATR201") == ["one source"]
    assert flagged(found, "ATR208") == ["government sources"]


def test_largest_drone_attack_is_unattributed_with_the_check_worthy_rule_on() -> None:
    assert flagged(lint(TEXT), "ATR601") == []
    found = lint(TEXT, {"extend-select": ["ATR601"]})
    assert flagged(found, "ATR601") == ["the largest drone attack of the war"]


def test_nothing_fires_inside_zelenskyys_quoted_post() -> None:
    start = TEXT.index('"I had a very important')
    end = TEXT.index('other partners."') + len('other partners."')
    everything = lint(TEXT, {"select": ["ATR"], "preview": True})
    assert [f for f in everything if start <= f.start < end] == []
    assert [f for f in everything if f.start < end and f.end > start] == []
