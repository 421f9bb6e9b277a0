r"""Blank out Markdown and HTML markup, one character for one, so prose can be analyzed.

The linter analyzes the *masked* text and reports spans into it; since every
character of the input gives exactly one character of the output, those spans
are spans of the original file and line and column numbers come out right.

What is blanked (replaced by spaces, newlines kept):

- Markdown: front matter (``---`` YAML or ``+++`` TOML at the top), fenced
  and indented code blocks, HTML blocks that hold no prose (``<pre>``,
  ``<script>``, comments, ``<?...?>``: to their end marker, or their
  container's end), inline code, HTML comments, tags and
  ``<script>``/``<style>``/``<pre>`` elements closed in their paragraph,
  autolinks and bare URLs, link and image destinations, link reference
  definitions, and the syntax characters of headings, lists, block quotes,
  tables and emphasis. Blocks are read as CommonMark reads them, through the
  block quotes and list items open;
- HTML: comments, tags, ``<script>``, ``<style>``, ``<pre>``, ``<code>`` and
  ``<textarea>`` elements with their content, and URLs; entities become the
  character they stand for, padded with spaces;
- plain text: only ``<!-- attribution: ... -->`` suppression comments.

A block boundary that has no blank line (the end of a heading, a list item, a
table row, an HTML comment on lines of its own, a block-level HTML tag) becomes
U+2029 PARAGRAPH SEPARATOR, which :mod:`attribution.segment` reads as a
paragraph break, so a heading never runs into the paragraph under it.

>>> mask("# Title\nSome `code` here.", Markup.MARKDOWN).text
'  Title\u2029Some        here.'
"""

from __future__ import annotations

import bisect
import enum
import html
import re

from attrs import frozen

from attribution._lines import LINE_BREAK
from attribution.model import Span

__all__ = ["Markup", "Masked", "markup_for", "mask"]

PARAGRAPH = "\u2029"


class Markup(enum.Enum):
    """The markup language of an input."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


_SUFFIXES = {
    ".md": Markup.MARKDOWN,
    ".markdown": Markup.MARKDOWN,
    ".mdown": Markup.MARKDOWN,
    ".mkd": Markup.MARKDOWN,
    ".html": Markup.HTML,
    ".htm": Markup.HTML,
    ".xhtml": Markup.HTML,
}


def markup_for(path: str | None) -> Markup:
    """Return the markup of a file from its suffix (plain text when unknown).

    >>> markup_for("drafts/story.md"), markup_for("a.HTML"), markup_for(None)
    (<Markup.MARKDOWN: 'markdown'>, <Markup.HTML: 'html'>, <Markup.TEXT: 'text'>)
    """
    if not path:
        return Markup.TEXT
    low = path.lower()
    for suffix, markup in _SUFFIXES.items():
        if low.endswith(suffix):
            return markup
    return Markup.TEXT


@frozen
class Masked:
    """The masked text, and the spans of the HTML comments found outside code."""

    text: str
    comments: tuple[Span, ...]


class _Buffer:
    """The text being masked: a list of characters, and which are already code."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(text)
        self.code = bytearray(len(text))  # 1 where code, front matter or a comment was blanked

    def blank(self, start: int, end: int, *, protect: bool = False) -> None:
        """Replace ``[start, end)`` with spaces, keeping line breaks."""
        chars = self.chars
        for i in range(start, end):
            if chars[i] not in "\n\r\u2029":
                chars[i] = " "
        if protect:
            self.code[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """Return whether no character of ``[start, end)`` is protected."""
        return not any(self.code[start:end])

    def result(self) -> str:
        return "".join(self.chars)


# -- comments, tags and URLs (shared by Markdown and HTML) ---------------------------

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# The elements whose content is not prose: blanked with their tags.
_RAW_NAMES = ("script", "style", "pre", "code", "textarea", "template", "svg", "math")
# Its opening tag is bounded like _TAG's: each of many "<pre" with no ">" ran to the end.
_RAW = re.compile(
    rf"<({'|'.join(_RAW_NAMES)})\b[^>]{{0,2000}}>.*?(?:</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
# Bounded, so that many "<a " with no ">" cannot make the scan quadratic.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,2000})?/?>")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details div dl dt figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p section summary table "
    "tbody td tfoot th thead title tr ul".split()
)
# A bare URL: "https://example.com/a?b=c", "www.example.com". Stops at spaces,
# angle brackets and a closing parenthesis or quotation mark.
_URL = re.compile(r"\b(?:https?://|ftp://|mailto:|www\.)[^\s<>()\[\]\"'“”‘’]+")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_DIRECTIVE = re.compile(r"<!--\s*attribution:.*?(?:-->|\Z)", re.DOTALL | re.IGNORECASE)


def _comments(buf: _Buffer, out: list[Span], pattern: re.Pattern[str] = _COMMENT) -> None:
    for m in pattern.finditer(buf.text):
        if buf.free(m.start(), m.end()):
            buf.blank(m.start(), m.end(), protect=True)
            out.append(Span(m.start(), m.end()))


def _raw_elements(buf: _Buffer) -> None:
    for m in _RAW.finditer(buf.text):
        if buf.free(m.start(), m.start() + 1):
            buf.blank(m.start(), m.end(), protect=True)


# In Markdown a comment or such an element must close in its paragraph to be
# one (CommonMark 6.6): "Use <pre> here" has a tag, and "<!-- a" is text.
_INLINE_OPEN = re.compile(rf"<!--|<({'|'.join(_RAW_NAMES)})\b[^>]{{0,2000}}>", re.IGNORECASE)
_INLINE_CLOSE = {"": re.compile("-->")} | {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _RAW_NAMES
}


def _inline_html(buf: _Buffer, out: list[Span], blank_lines: list[int]) -> None:
    """Blank the comments and raw elements closed in their paragraph; add the comments to ``out``.

    Each kind's end marker is looked for up to the next blank line once: found
    nowhere, none of its openers up to there can close, so the scan is linear.
    """
    text = buf.text
    dead: dict[str, int] = {}  # the kind's openers before this offset cannot close
    for m in _INLINE_OPEN.finditer(text):
        name = (m.group(1) or "").lower()
        if dead.get(name, -1) > m.start() or not buf.free(m.start(), m.start() + 1):
            continue
        below = bisect.bisect(blank_lines, m.start())
        stop = blank_lines[below] if below < len(blank_lines) else len(text)
        closing = _INLINE_CLOSE[name].search(text, m.end() if name else m.start() + 2, stop)
        if closing is None:
            dead[name] = stop
            continue
        buf.blank(m.start(), closing.end(), protect=True)
        if not name:
            out.append(Span(m.start(), closing.end()))


def _tags(buf: _Buffer) -> None:
    for m in _TAG.finditer(buf.text):
        if not buf.free(m.start(), m.end()):
            continue
        buf.blank(m.start(), m.end())
        name = _TAG_NAME.match(m.group())
        if name is not None and name.group(1).lower() in _BLOCK_TAGS:
            buf.chars[m.start()] = PARAGRAPH


def _urls(buf: _Buffer) -> None:
    for pattern in (_AUTOLINK, _URL):
        for m in pattern.finditer(buf.text):
            end = m.end()
            while end > m.start() and buf.text[end - 1] in ".,;:!?":
                end -= 1  # "see https://example.com." keeps its period
            if buf.free(m.start(), end):
                buf.blank(m.start(), end)


def _entities(buf: _Buffer) -> None:
    for m in _ENTITY.finditer(buf.text):
        if not buf.free(m.start(), m.end()):
            continue
        value = html.unescape(m.group())
        if value == m.group() or len(value) != 1:
            continue
        buf.chars[m.start()] = " " if value == "\xa0" else value
        buf.blank(m.start() + 1, m.end())


# -- HTML ------------------------------------------------------------------------------


def _mask_html(text: str) -> Masked:
    buf = _Buffer(text)
    comments: list[Span] = []
    _comments(buf, comments)
    _raw_elements(buf)
    _tags(buf)
    _urls(buf)
    _entities(buf)
    # In HTML a line break inside text is a space; paragraphs come from block tags.
    # "\r\n" and a bare "\r" too, or a file saved with them would break its
    # sentences at every line.
    chars = buf.chars
    for i, ch in enumerate(chars):
        if ch in "\r\n" and buf.code[i] == 0:
            chars[i] = " "
    return Masked(buf.result(), tuple(comments))


# -- Markdown --------------------------------------------------------------------------

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")

_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# The start of an HTML block that ends on the line holding its end marker:
# "<pre>", "<!-- note", "<?php", "<!DOCTYPE html>", "<![CDATA[".
_HTML_BLOCK = re.compile(
    r" {0,3}<(?:(script|pre|style|textarea)(?![^\s>])|(!--|\?|!\[CDATA\[)|![A-Za-z])",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_CELL_DELIMITER = re.compile(r":?-+:?")
_REFERENCE = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*\S+")
_FRONT = {"---": ("---", "..."), "+++": ("+++",)}


def _is_delimiter(line: str) -> bool:
    """Return whether a line is a table's delimiter row: "| --- | :-: |", "---|---".

    Split by hand rather than by one regex: adjacent runs of optional spaces
    make a single pattern backtrack quadratically on a line of whitespace.
    """
    s = line.strip()
    if not s or s.strip("|:- \t"):
        return False
    cells = [c.strip() for c in s.strip("|").split("|")]
    return all(_CELL_DELIMITER.fullmatch(c) for c in cells)


def _closing_hashes(rest: str) -> int | None:
    """Return where an ATX heading's closing "#"s start ("Title ##"), or ``None``."""
    s = rest.rstrip(" \t")
    k = len(s)
    while k > 0 and s[k - 1] == "#":
        k -= 1
    if k == len(s) or k == 0 or s[k - 1] not in " \t":
        return None
    while k > 0 and s[k - 1] in " \t":
        k -= 1
    return k


def _lines(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each line, its line break excluded."""
    out = []
    start = 0
    for m in LINE_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _break_before(buf: _Buffer, start: int) -> None:
    """Make the line break before ``start`` a paragraph break."""
    if start > 0 and buf.chars[start - 1] in "\r\n":  # "\r\n" ends in "\n"; a bare "\r"
        buf.chars[start - 1] = PARAGRAPH


def _break_after(buf: _Buffer, end: int) -> None:
    """Make the line break at ``end`` a paragraph break."""
    chars = buf.chars
    if end < len(chars) and chars[end] in "\r\n":
        crlf = chars[end] == "\r" and end + 1 < len(chars) and chars[end + 1] == "\n"
        chars[end + 1 if crlf else end] = PARAGRAPH  # the "\n" of "\r\n", or a bare "\r"


def _front_matter(buf: _Buffer, lines: list[tuple[int, int]]) -> int:
    """Blank front matter at the top; return the index of the first line after it."""
    if not lines:
        return 0
    first = buf.text[lines[0][0] : lines[0][1]].rstrip()
    closers = _FRONT.get(first)
    if closers is None:
        return 0
    for k in range(1, len(lines)):
        if buf.text[lines[k][0] : lines[k][1]].rstrip() in closers:
            buf.blank(lines[0][0], lines[k][1], protect=True)
            return k + 1
    return 0


def _skip(line: str, pos: int, col: int) -> tuple[int, int]:
    """Return the index and column of the first character from ``pos`` not a space or tab.

    Columns count as CommonMark counts them: a tab reaches the next multiple of 4.
    """
    while pos < len(line) and line[pos] in " \t":
        col += 4 - col % 4 if line[pos] == "\t" else 1
        pos += 1
    return pos, col


def _consume(line: str, pos: int, col: int, columns: int) -> tuple[int, int]:
    """Go past up to ``columns`` columns of spaces and tabs; return the index and column.

    A tab wider than what is left is consumed in part: the index stays on it
    and the column moves ("-\tx" has its text at column 2 of the tab's 4).
    """
    target = col + columns
    while col < target and pos < len(line) and line[pos] in " \t":
        width = 4 - col % 4 if line[pos] == "\t" else 1
        if col + width > target:
            return pos, target
        pos, col = pos + 1, col + width
    return pos, col


def _fence(line: str, at: int) -> str:
    """Return the backticks or tildes of a fence that ``line`` opens at ``at``, or ``""``."""
    m = _FENCE.match(line, at)
    if m is None or (m.group(1)[0] == "`" and "`" in line[m.end() :]):
        return ""
    return m.group(1)


def _html_block(line: str, at: int) -> re.Pattern[str] | None:
    """Return the end marker, as a pattern, of the HTML block ``line`` opens at ``at``, or ``None``.

    These are CommonMark's HTML blocks that end on the line holding their end
    marker, whatever else it holds: "<pre>", "<script>", "<style>",
    "<textarea>", comments, "<?...?>", "<!DOCTYPE html>" and "<![CDATA[...]]>".
    They may interrupt a paragraph. The first four end at the end tag of any
    of the four, as in CommonMark ("<script>" ... "</pre>").
    """
    m = _HTML_BLOCK.match(line, at)
    if m is None:
        return None
    if m.group(1):
        return _RAW_BLOCK_END
    return _HTML_END[{"!--": "-->", "?": "?>", "![CDATA[": "]]>"}.get(m.group(2) or "", ">")]


# Searched in the line as it is: the offsets of line.lower() slip where "İ" lower-cases to two.
_HTML_END = {
    marker: re.compile(re.escape(marker), re.IGNORECASE) for marker in ("-->", "?>", "]]>", ">")
}
# "<pre>" to "</pre>", or to "</script>": CommonMark ends the four raw blocks at any one's end tag.
_RAW_BLOCK_END = re.compile("</(?:script|pre|style|textarea)>", re.IGNORECASE)


class _Leaf(enum.Enum):
    """The leaf block open after a line."""

    NONE = "none"  # after a blank line, a heading, a thematic break or a setext underline
    PARAGRAPH = "paragraph"  # opened or continued by a line of text
    TABLE = "table"  # a table's header, delimiter or body row
    FENCE = "fence"
    HTML = "html"
    CODE = "code"


_QUOTE = -1  # a block quote among the open containers; a list item is its text's column
# Deeper markers are text: a blank line goes through every list item open, so
# "1. 1. 1. ..." then many blank lines would cost their product.
_MAX_DEPTH = 32
_ENDS_WITH_LINE = (_Leaf.FENCE, _Leaf.HTML, _Leaf.CODE)


class _BlockReader:
    """Blank code blocks and block syntax line by line, following the blocks open.

    As CommonMark reads a line: first through the containers open (block
    quotes, which need their ">", and list items, which need their text's
    indentation), then new containers, then the leaf block. A fence, an HTML
    block or indented code ends with its container; a paragraph goes on into a
    line that misses some containers if the line starts no block (a lazy line,
    "> a" then "b"). Whether a paragraph is open decides the rest: an ordered
    list item can interrupt it only from 1, and indented code and a setext
    underline not at all.
    """

    def __init__(self, buf: _Buffer, lines: list[tuple[int, int]]) -> None:
        self.buf = buf
        self.lines = lines
        self.containers: list[int] = []  # _QUOTE, or the column of a list item's text
        self.leaf = _Leaf.NONE
        self.fence = ""  # the backticks or tildes of the open fence
        self.html_end = _HTML_END[">"]  # the end marker of the open HTML block
        self.html_start = 0  # where the open HTML block starts
        self.comments: list[Span] = []  # the HTML blocks that are comments
        self.last_end = 0  # the end of the line read last

    def read(self, k: int) -> None:
        """Read line ``k``."""
        start, end = self.lines[k]
        line = self.buf.text[start:end]
        pos, col, matched = self._match(line, start)
        in_leaf = self.leaf in _ENDS_WITH_LINE
        if not (
            in_leaf
            and matched == len(self.containers)
            and self._goes_on(line, start, end, pos, col)
        ):
            if in_leaf:
                self.finish()
            self._read_blocks(k, line, pos, col, matched)
        self.last_end = end

    def finish(self) -> None:
        """End the leaf block open (its container ends, or the text)."""
        if self.leaf is _Leaf.HTML:
            self._end_html(self.last_end)
        self.leaf = _Leaf.NONE

    def _match(self, line: str, start: int) -> tuple[int, int, int]:
        """Go through the containers the line goes on; return its index, column and their number."""
        pos = col = 0
        for n, width in enumerate(self.containers):
            p, c = _skip(line, pos, col)
            if width == _QUOTE:
                if c - col >= 4 or line[p : p + 1] != ">":
                    return pos, col, n
                self.buf.blank(start + p, start + p + 1)
                pos, col = _consume(line, p + 1, c + 1, 1)  # and one space after ">"
            elif p == len(line):  # a blank line goes on in a list item
                pos, col = p, c
            elif c - col >= width:
                pos, col = _consume(line, pos, col, width)
            else:
                return pos, col, n
        return pos, col, len(self.containers)

    def _goes_on(self, line: str, start: int, end: int, pos: int, col: int) -> bool:
        """Read a line in the fence, HTML block or code open; say whether it was one."""
        p, c = _skip(line, pos, col)
        if self.leaf is _Leaf.HTML:
            self._html_line(line, start, end, pos)
            return True
        if self.leaf is _Leaf.CODE and c - col < 4 and p < len(line):
            return False
        self.buf.blank(start, end, protect=True)
        m = _FENCE.match(line, p)
        if (
            self.leaf is _Leaf.FENCE
            and c - col < 4
            and m
            and m.group(1)[0] == self.fence[0]
            and len(m.group(1)) >= len(self.fence)
            and not line[m.end() :].strip()
        ):
            self.leaf = _Leaf.NONE
        return True

    def _html_line(self, line: str, start: int, end: int, at: int) -> None:
        """End the HTML block open if ``line`` holds its end marker from ``at``."""
        found = self.html_end.search(line, at)
        if found is not None:
            self._end_html(start + found.end())
            self.leaf = _Leaf.NONE
            _break_after(self.buf, end)

    def _end_html(self, stop: int) -> None:
        self.buf.blank(self.html_start, stop, protect=True)
        if self.html_end is _HTML_END["-->"]:
            self.comments.append(Span(self.html_start, stop))

    def _close(self, matched: int, start: int) -> None:
        """Close the containers the line misses and the leaf open: a new block starts."""
        if self.leaf is _Leaf.PARAGRAPH:
            _break_before(self.buf, start)
        del self.containers[matched:]
        self.leaf = _Leaf.NONE

    def _read_blocks(self, k: int, line: str, pos: int, col: int, matched: int) -> None:
        """Read the new containers and the leaf block of a line that no leaf block took."""
        buf = self.buf
        start, end = self.lines[k]
        while True:  # new block quotes and list items
            p, c = _skip(line, pos, col)
            if c - col >= 4 or p == len(line) or len(self.containers) >= _MAX_DEPTH:
                break
            if line[p] == ">":
                self._close(matched, start)
                buf.blank(start + p, start + p + 1)
                _break_before(buf, start)
                self.containers.append(_QUOTE)
                pos, col = _consume(line, p + 1, c + 1, 1)
            else:
                in_paragraph = self.leaf is _Leaf.PARAGRAPH and matched == len(self.containers)
                li = None if _THEMATIC.match(line, p) else _list_item(line, p, in_paragraph)
                if li is None:
                    break
                self._close(matched, start)
                after = c + li.end(2) - p  # the column after the marker
                q, text_col = _skip(line, li.end(2), after)
                # Its text starts after 1 to 4 spaces; with 5, at 1 and is code.
                padding = text_col - after if 0 < text_col - after <= 4 and q < len(line) else 1
                self.containers.append(after - col + padding)
                pos, col = _consume(line, li.end(2), after, padding)
                if li.group(3) or not li.group(2)[0].isdigit():  # "2019." alone: likely a year
                    buf.blank(start + p, start + li.end())
                    _break_before(buf, start)
            matched = len(self.containers)
        p, c = _skip(line, pos, col)
        lazy = self.leaf is _Leaf.PARAGRAPH and matched < len(self.containers)
        if p == len(line):  # a blank line, or ">" alone in a block quote
            del self.containers[matched:]
            self.leaf = _Leaf.NONE
        elif c - col >= 4 and self.leaf is not _Leaf.PARAGRAPH:
            self._close(matched, start)  # indented code, which cannot interrupt a paragraph
            buf.blank(start, end, protect=True)
            self.leaf = _Leaf.CODE
        elif c - col < 4 and (_fence(line, p) or _html_block(line, p)):
            self._open(line, start, end, p, matched)
        else:
            in_paragraph = self.leaf is _Leaf.PARAGRAPH and not lazy
            leaf = _block_line(
                buf, self.lines, k, p, in_paragraph=in_paragraph, table=self.leaf is _Leaf.TABLE
            )
            if not (lazy and leaf is _Leaf.PARAGRAPH):
                del self.containers[matched:]
            self.leaf = leaf

    def _open(self, line: str, start: int, end: int, at: int, matched: int) -> None:
        """Open the fence or HTML block that starts at ``at``."""
        self._close(matched, start)
        fence = _fence(line, at)
        if fence:
            self.buf.blank(start, end, protect=True)
            self.leaf, self.fence = _Leaf.FENCE, fence
            return
        self.leaf, self.html_end, self.html_start = (
            _Leaf.HTML,
            _html_block(line, at) or _HTML_END[">"],
            start + at,
        )
        _break_before(self.buf, start)
        self._html_line(line, start, end, at)


def _blocks(buf: _Buffer, lines: list[tuple[int, int]], first: int) -> list[Span]:
    """Blank code blocks and block syntax line by line; return the comments among HTML blocks."""
    reader = _BlockReader(buf, lines)
    for k in range(first, len(lines)):
        reader.read(k)
    reader.finish()
    return reader.comments


def _list_item(line: str, at: int, in_paragraph: bool) -> re.Match[str] | None:
    """Match a list item's marker at ``at``, unless the line would continue an open paragraph.

    As in CommonMark, a list item interrupts a paragraph only when it has text
    and, if ordered, starts at 1: a wrapped line that begins "2012. Bush won"
    is prose. After a heading, a table or a code block no paragraph is open,
    and "2019. The year" starts a list.
    """
    m = _LIST_ITEM.match(line, at)
    if m is None or not in_paragraph:
        return m
    if not line[m.end() :].strip():
        return None
    if m.group(2)[0].isdigit() and int(m.group(2)[:-1]) != 1:
        return None
    return m


def _block_line(
    buf: _Buffer,
    lines: list[tuple[int, int]],
    k: int,
    at: int,
    *,
    in_paragraph: bool,
    table: bool,
) -> _Leaf:
    """Blank the syntax of a line's leaf block (no code, fence or HTML); return the leaf open after.

    Args:
        buf: the text being masked.
        lines: the text's lines.
        k: the line's index.
        at: where its leaf block starts in it, past its containers' markers.
        in_paragraph: whether the line would continue an open paragraph.
        table: whether the line before was a table's row.
    """
    text = buf.text
    start, end = lines[k]
    at += start
    rest = text[at:end]
    if _REFERENCE.match(rest):
        # In CommonMark a paragraph's first lines can define references.
        buf.blank(at, end)
        return _Leaf.PARAGRAPH
    if _THEMATIC.match(rest) or (in_paragraph and _SETEXT.match(rest)):
        buf.blank(at, end)
        _break_before(buf, start)
        _break_after(buf, end)
        return _Leaf.NONE
    h = _HEADING.match(rest)
    if h:
        buf.blank(at, at + h.end())
        close = _closing_hashes(rest)
        if close is not None and close >= h.end():
            buf.blank(at + close, end)
        _break_before(buf, start)
        _break_after(buf, end)
        return _Leaf.NONE
    if "|" not in rest and not table:
        return _Leaf.PARAGRAPH  # (in GitHub's tables a row needs no "|")
    if _is_delimiter(rest) and "-" in rest:
        buf.blank(at, end)
        # Under a header row, a table's; alone, a line of a paragraph.
        header = k > 0 and "|" in text[lines[k - 1][0] : lines[k - 1][1]]
        return _Leaf.TABLE if header else _Leaf.PARAGRAPH
    below = text[lines[k + 1][0] : lines[k + 1][1]] if k + 1 < len(lines) else ""
    if table or ("|" in below and _is_delimiter(below)):
        for i in range(at, end):
            if text[i] == "|" and (i == 0 or text[i - 1] != "\\"):
                buf.chars[i] = " "
        _break_before(buf, start)
        _break_after(buf, end)
        return _Leaf.TABLE
    return _Leaf.PARAGRAPH


_BACKTICKS = re.compile(r"`+")
# Bounded for the same reason: "](" repeated with no ")" must stay linear.
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK_TAIL = re.compile(r"\]\([^)\n]{0,2000}\)|\]\[[^\]\n]{0,500}\]")
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]{1,3}|[*_]{1,3}(?![\w])|~~")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def _inline_code(buf: _Buffer) -> None:
    text = buf.text
    runs = [m for m in _BACKTICKS.finditer(text) if buf.free(m.start(), m.end())]
    i = 0
    while i < len(runs):
        opening = runs[i]
        n = len(opening.group())
        # A closing run is looked for among the next few runs only, so that many
        # runs of different lengths cannot make this quadratic.
        for j in range(i + 1, min(len(runs), i + 64)):
            closing = runs[j]
            if "\n\n" in text[opening.end() : closing.start()]:
                break  # code spans do not cross paragraphs
            if len(closing.group()) == n:
                buf.blank(opening.start(), closing.end(), protect=True)
                i = j
                break
        i += 1


def _links(buf: _Buffer) -> None:
    for m in _IMAGE.finditer(buf.text):
        if buf.free(m.start(), m.end()):
            buf.blank(m.start(), m.end())
    for m in _LINK_TAIL.finditer(buf.text):
        if not buf.free(m.start(), m.end()):
            continue
        opening = buf.text.rfind("[", 0, m.start())
        if opening < 0 or "\n\n" in buf.text[opening : m.start()]:
            continue
        buf.blank(m.start(), m.end())
        if buf.free(opening, opening + 1):
            buf.chars[opening] = " "


def _emphasis(buf: _Buffer) -> None:
    text = buf.text
    for pattern in (_EMPHASIS, _ESCAPE):
        for m in pattern.finditer(text):
            if buf.free(m.start(), m.end()):
                buf.blank(m.start(), m.end())


def _mask_markdown(text: str) -> Masked:
    buf = _Buffer(text)
    lines = _lines(text)
    first = _front_matter(buf, lines)
    comments = _blocks(buf, lines, first)
    _inline_code(buf)
    blank_lines = [s for s, e in lines if not text[s:e].strip(" \t")]
    _inline_html(buf, comments, blank_lines)
    _tags(buf)
    _links(buf)
    _urls(buf)
    _emphasis(buf)
    _entities(buf)
    return Masked(buf.result(), tuple(sorted(comments, key=lambda s: s.start)))


def _mask_text(text: str) -> Masked:
    if "<!--" not in text:
        return Masked(text, ())
    buf = _Buffer(text)
    comments: list[Span] = []
    _comments(buf, comments, _DIRECTIVE)
    return Masked(buf.result(), tuple(comments))


def mask(text: str, markup: Markup) -> Masked:
    """Return ``text`` with the markup of ``markup`` blanked out, one character for one.

    Args:
        text: the file's text.
        markup: its markup language (see :func:`markup_for`).

    Returns:
        The masked text (same length as ``text``) and the spans of its HTML
        comments outside code, where suppression comments are looked for.
    """
    if markup is Markup.MARKDOWN:
        out = _mask_markdown(text)
    elif markup is Markup.HTML:
        out = _mask_html(text)
    else:
        out = _mask_text(text)
    assert len(out.text) == len(text)
    return out
