r"""Blank out Markdown and HTML markup, one character for one, so prose can be analyzed.

The linter analyzes the *masked* text and reports spans into it; since every
character of the input gives exactly one character of the output, those spans
are spans of the original file and line and column numbers come out right.

What is blanked (replaced by spaces, newlines kept):

- Markdown: front matter (``---`` YAML or ``+++`` TOML at the top), fenced
  and indented code blocks, inline code, HTML comments, tags and
  ``<script>``/``<style>``/``<pre>`` elements, autolinks and bare URLs, link
  and image destinations, link reference definitions, and the syntax
  characters of headings, lists, block quotes, tables and emphasis;
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
# An element whose content is not prose: blanked with its tags. Its opening tag
# is bounded like _TAG's: each of many "<pre" with no ">" ran to the end.
_RAW = re.compile(
    r"<(script|style|pre|code|textarea|template|svg|math)\b[^>]{0,2000}>.*?(?:</\1\s*>|\Z)",
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
_QUOTE_MARKERS = re.compile(r"(?: {0,3}>[ ]?)+")
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


def _quote_prefix(line: str) -> tuple[int, int]:
    """Return the length of a line's block quote markers ("> > ") and how many there are."""
    m = _QUOTE_MARKERS.match(line)
    if m is None:
        return 0, 0
    return m.end(), m.group().count(">")


def _indent(rest: str) -> int:
    """Return the columns of a line's leading spaces, a tab reaching the next multiple of 4."""
    column = 0
    for ch in rest:
        if ch == " ":
            column += 1
        elif ch == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _html_block(line: str) -> tuple[str, int] | None:
    """Return the end marker of an HTML block that ``line`` opens and where to look for it.

    These are CommonMark's HTML blocks that end on the line holding their end
    marker, whatever else it holds: "<pre>", "<script>", "<style>",
    "<textarea>", comments, "<?...?>", "<!DOCTYPE html>" and "<![CDATA[...]]>".
    """
    m = _HTML_BLOCK.match(line)
    if m is None:
        return None
    if m.group(1):
        return f"</{m.group(1).lower()}>", m.end()
    return {"!--": "-->", "?": "?>", "![CDATA[": "]]>"}.get(m.group(2) or "", ">"), m.end()


class _Block(enum.Enum):
    """What a line that is not code leaves open after it."""

    TEXT = "text"  # paragraph text: opens a paragraph or continues one
    ITEM = "item"  # a list item whose text opens a paragraph
    BARE_ITEM = "bare-item"  # an item with no text on its line, or with a heading ("- # Title")
    TABLE = "table"  # a table's header, delimiter or body row
    CLOSED = "closed"  # a heading, a thematic break or a setext underline


class _BlockReader:
    """Blank code blocks and block syntax line by line, following the blocks open.

    As in CommonMark, what a line is depends on whether it would continue an
    open paragraph: an ordered list item can interrupt a paragraph only from
    1, and indented code and a setext underline not at all. ``paragraph`` is
    the quote depth and indentation a line needs to continue the paragraph
    open, ``None`` after a blank line, a heading, a thematic break, a table
    row, a list item with no text, a code block or an HTML block.
    """

    def __init__(self, buf: _Buffer, lines: list[tuple[int, int]]) -> None:
        self.buf = buf
        self.lines = lines
        self.fence: str | None = None  # the backticks or tildes of the open fence
        self.html_end: str | None = None  # the end marker of the open HTML block
        self.paragraph: tuple[int, int] | None = None
        self.items: list[int] = []  # the indentation of each open list item's text
        self.depth = 0  # the quote depth of the last line read
        self.in_code = False
        self.table = False

    def read(self, k: int) -> None:
        """Read line ``k``."""
        start, end = self.lines[k]
        line = self.buf.text[start:end]
        if self.fence is not None:
            self._in_fence(self.fence, line, start, end)
            return
        if self.html_end is not None:
            if self.html_end in line.lower():
                self.html_end = None
                _break_after(self.buf, end)
            return
        offset, level = _quote_prefix(line)
        if level != self.depth:
            self.items, self.depth = [], level
        indent = _indent(line[offset:])
        if not line[offset:].strip():  # a blank line, or ">" alone in a block quote
            self.buf.blank(start, start + offset)
            self.paragraph = None
            self.table = False
            return
        if self._opens_block(line, start, end, indent):
            return
        paragraph = self.paragraph
        # No paragraph goes on into this line: none is open, or a deeper block
        # quote starts a new block.
        new_block = paragraph is None or level > paragraph[0]
        # Indented code cannot interrupt a paragraph, nor continue one lazily
        # ("> a" then "    b").
        if (new_block or self.in_code) and self._code(start, end, indent):
            return
        self.in_code = False
        in_paragraph = paragraph is not None and paragraph[0] == level and indent >= paragraph[1]
        kind, content = _block_line(
            self.buf, self.lines, k, offset, in_paragraph=in_paragraph, table=self.table
        )
        if kind is not _Block.TEXT or new_block:
            self._leave_items(indent)
        if kind in (_Block.ITEM, _Block.BARE_ITEM):
            self.items.append(content)
            self.paragraph = (level, content) if kind is _Block.ITEM else None
        elif kind in (_Block.TABLE, _Block.CLOSED):
            self.paragraph = None
        elif new_block:
            self.paragraph = (level, self.items[-1] if self.items else 0)
        # else the paragraph goes on, here or lazily ("> a" then "b")
        self.table = kind is _Block.TABLE

    def _leave_items(self, indent: int) -> None:
        """Close the list items a line indented ``indent`` is not inside."""
        while self.items and self.items[-1] > indent:
            self.items.pop()

    def _in_fence(self, fence: str, line: str, start: int, end: int) -> None:
        self.buf.blank(start, end, protect=True)
        m = _FENCE.match(line)
        if (
            m
            and m.group(1)[0] == fence[0]
            and len(m.group(1)) >= len(fence)
            and not line[m.end() :].strip()
        ):
            self.fence = None

    def _opens_block(self, line: str, start: int, end: int, indent: int) -> bool:
        """Open a fenced code block or an HTML block at this line, if it starts one."""
        m = _FENCE.match(line)
        html = _html_block(line)
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
            self.fence = m.group(1)
            self.buf.blank(start, end, protect=True)
        elif html is not None:
            self.html_end, opened = html
            _break_before(self.buf, start)
            if self.html_end in line[opened:].lower():
                self.html_end = None
                _break_after(self.buf, end)
        else:
            return False
        self._leave_items(indent)
        self.paragraph = None
        self.table = self.in_code = False
        return True

    def _code(self, start: int, end: int, indent: int) -> bool:
        """Blank the line if it is indented code (no paragraph is open); say whether it was."""
        self._leave_items(indent)  # holding no paragraph, the line is not a lazy one
        if indent < (self.items[-1] if self.items else 0) + 4:
            return False
        self.buf.blank(start, end, protect=True)
        self.in_code = True
        self.paragraph = None
        return True


def _blocks(buf: _Buffer, lines: list[tuple[int, int]], first: int) -> None:
    """Blank code blocks and block syntax, line by line."""
    reader = _BlockReader(buf, lines)
    for k in range(first, len(lines)):
        reader.read(k)


def _list_item(line: str, in_paragraph: bool) -> re.Match[str] | None:
    """Match a list item's marker, unless the line would continue an open paragraph.

    As in CommonMark, a list item interrupts a paragraph only when it has text
    and, if ordered, starts at 1: a wrapped line that begins "2012. Bush won"
    is prose. After a heading, a table or a code block no paragraph is open,
    and "2019. The year" starts a list.
    """
    m = _LIST_ITEM.match(line)
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
    offset: int,
    *,
    in_paragraph: bool,
    table: bool,
) -> tuple[_Block, int]:
    """Blank the block syntax of one line that is not code; say what it was.

    Args:
        buf: the text being masked.
        lines: the text's lines.
        k: the line's index.
        offset: the length of its block quote markers.
        in_paragraph: whether the line would continue an open paragraph.
        table: whether the line before was a table's row.

    Returns:
        What the line is and, for a list item, the indentation of its text.
    """
    text = buf.text
    start, end = lines[k]
    buf.blank(start, start + offset)
    rest = text[start + offset : end]
    at = start + offset
    if _REFERENCE.match(rest):
        # In CommonMark a paragraph's first lines can define references.
        buf.blank(at, end)
        return _Block.TEXT, 0
    if _THEMATIC.match(rest) or (in_paragraph and _SETEXT.match(rest)):
        buf.blank(at, end)
        _break_before(buf, start)
        _break_after(buf, end)
        return _Block.CLOSED, 0
    h = _HEADING.match(rest)
    if h:
        buf.blank(at, at + h.end())
        close = _closing_hashes(rest)
        if close is not None and close >= h.end():
            buf.blank(at + close, end)
        _break_before(buf, start)
        _break_after(buf, end)
        return _Block.CLOSED, 0
    li = _list_item(rest, in_paragraph)
    if li:
        spaces = _indent(li.group(3))
        content = li.end(2) + (spaces if 0 < spaces <= 4 else 1)
        after = rest[li.end() :]
        if li.group(2)[0].isdigit() and not li.group(3):
            return _Block.BARE_ITEM, content  # "2019." alone: kept, likely a year
        buf.blank(at, at + li.end())
        _break_before(buf, start)
        if not after.strip() or _HEADING.match(after):
            return _Block.BARE_ITEM, content
        return _Block.ITEM, content
    if "|" not in rest and not (table and not offset):
        return _Block.TEXT, 0  # (in GitHub's tables a row needs no "|")
    if _is_delimiter(rest) and "-" in rest:
        buf.blank(at, end)
        # Under a header row, a table's; alone, a line of a paragraph.
        header = k > 0 and "|" in text[lines[k - 1][0] : lines[k - 1][1]]
        return (_Block.TABLE if header else _Block.TEXT), 0
    below = text[lines[k + 1][0] : lines[k + 1][1]] if k + 1 < len(lines) else ""
    if table or ("|" in below and _is_delimiter(below)):
        for i in range(at, end):
            if text[i] == "|" and (i == 0 or text[i - 1] != "\\"):
                buf.chars[i] = " "
        _break_before(buf, start)
        _break_after(buf, end)
        return _Block.TABLE, 0
    return _Block.TEXT, 0


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
    _blocks(buf, lines, first)
    comments: list[Span] = []
    _inline_code(buf)
    _comments(buf, comments)
    _raw_elements(buf)
    _tags(buf)
    _links(buf)
    _urls(buf)
    _emphasis(buf)
    _entities(buf)
    return Masked(buf.result(), tuple(comments))


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
