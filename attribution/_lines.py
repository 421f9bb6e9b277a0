"""Line breaks and line:column positions, one definition for every command.

A line ends at ``"\\n"``, at ``"\\r\\n"`` (one break, not two) or at a bare
``"\\r"`` (old Mac files), as editors and SARIF viewers count lines. The
``path:line:col`` output of ``analyze``, ``lint``, ``match`` and ``verify``,
their JSON and SARIF line fields, and lint's ``disable-next-line`` all use
this definition. Line and column are computed only when rendering: every
value carries offsets into the text.
"""

from __future__ import annotations

import bisect
import re

# "\n", "\r\n" or a bare "\r": "a\rb", "a\r\nb" and "a\nb" are each two lines.
LINE_BREAK = re.compile(r"\r\n?|\n")


class Lines:
    """Line starts of a text, for offset -> (line, column) in logarithmic time.

    >>> [Lines(text).position(len(text) - 1) for text in ("a\\nbc", "a\\r\\nbc", "a\\rbc")]
    [(2, 2), (2, 2), (2, 2)]
    """

    def __init__(self, text: str) -> None:
        self.starts = [0]
        if "\r" in text:
            self.starts.extend(m.end() for m in LINE_BREAK.finditer(text))
            return
        find = text.find  # "\n" alone, most texts: found at C speed
        k = find("\n")
        while k >= 0:
            self.starts.append(k + 1)
            k = find("\n", k + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column (in code points) of ``offset``."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1
