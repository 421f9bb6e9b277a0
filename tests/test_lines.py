"""Tests for :mod:`attribution._lines`: "\\n", "\\r\\n" and a bare "\\r" each end one line."""

from __future__ import annotations

import pytest

from attribution._lines import Lines

BREAKS = [
    pytest.param("\n", id="lf"),
    pytest.param("\r\n", id="crlf"),
    pytest.param("\r", id="cr"),
]

LEDE = [
    "The mayor spoke on Monday.",
    "",
    "Officials said the bridge was unsafe, according to sources.",
    '"We will rebuild it," she said.',
]


@pytest.mark.parametrize("nl", BREAKS)
def test_every_line_start_is_column_1_of_its_line(nl: str) -> None:
    text = nl.join(LEDE) + nl
    lines = Lines(text)
    offset = 0
    for number, line in enumerate(LEDE, 1):
        assert lines.position(offset) == (number, 1)
        if line:
            assert lines.position(offset + len(line) - 1) == (number, len(line))
        offset += len(line) + len(nl)


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        pytest.param("Officials said.", 10, (1, 11), id="one-line"),
        pytest.param("A\r\nB", 1, (1, 2), id="crlf-cr-is-on-the-line-it-ends"),
        pytest.param("A\r\nB", 2, (1, 3), id="crlf-lf-is-on-the-line-it-ends"),
        pytest.param("A\r\nB", 3, (2, 1), id="crlf-counts-once"),
        pytest.param("A\r\rB", 3, (3, 1), id="two-crs-two-breaks"),
        pytest.param("A\n\rB", 3, (3, 1), id="lf-then-cr-two-breaks"),
        pytest.param("A\r\n\r\nB", 5, (3, 1), id="two-crlfs"),
        pytest.param("Said.\r", 6, (2, 1), id="cr-at-the-end"),
        pytest.param("A\rB\nC\r\nD", 7, (4, 1), id="mixed-breaks"),
        pytest.param("A\u2028B", 2, (1, 3), id="line-separator-is-not-a-break"),
        pytest.param("A\fB", 2, (1, 3), id="form-feed-is-not-a-break"),
    ],
)
def test_position_counts_lf_crlf_and_cr_as_one_break(
    text: str, offset: int, expected: tuple[int, int]
) -> None:
    assert Lines(text).position(offset) == expected
