"""Positions, cell values and the split of one text line into label and value fields.

Every layout (tabs, pipes, space-separated PDF text, one cell per line, HTML) is reduced to a list
of :class:`RawRow`: the label fields and the value fields of one physical row, each a :class:`Frag`
that knows its exact position. The assemblers (govlint.tables.assemble) work on those rows only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from govlint.model import Cell, Field, Line, Position, Report, Span

UNITS = ("人次", "万元", "元", "件", "条", "次", "个", "人", "篇", "项", "期", "场", "家")
_UNIT_ALT = "|".join(UNITS)
_NUMBER = re.compile(rf"^([+-]?)(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?\s*(?:{_UNIT_ALT})?$")
# Written instead of a number: reviewers flag these; they are kept as text, never read as 0.
PLACEHOLDERS = frozenset({"/", "-", "—", "——", "--", "–", "─", "无", "空", "\\"})
_DASHES = str.maketrans({"−": "-", "－": "-", "﹣": "-", "／": "/"})


class Frag(NamedTuple):
    """A piece of the report text at an exact place: ``text`` is stripped, ``line``/``col`` 1-based.

    A tuple rather than a dataclass: tables create thousands of these, and tuples are cheap.
    """

    text: str
    line: int
    col: int
    offset: int
    length: int

    @property
    def span(self) -> Span:
        return Span(
            Position(self.line, self.col, self.offset),
            Position(self.line, self.col + self.length, self.offset + self.length),
        )

    def field(self, value: str | None = None) -> Field:
        text, line, col, offset, length = self
        span = Span(Position(line, col, offset), Position(line, col + length, offset + length))  # self.span
        return Field(text if value is None else value, text, span)


frag_text = itemgetter(0)  # Frag.text, for map(): no generator per row

# Frag(...) without the generated keyword-argument wrapper: rows are split into thousands of these.
_frag = tuple.__new__


def join_frags(frags: list[Frag], sep: str = "") -> Frag:
    """One fragment standing for several (a label broken over lines): text joined, first position."""
    first = frags[0]
    if len(frags) == 1:
        return first
    text = sep.join(f.text for f in frags)
    last = frags[-1]
    length = first.length if last.line != first.line else last.col + last.length - first.col
    return Frag(text, first.line, first.col, first.offset, length)


# --------------------------------------------------------------------------------------------
# Cell values


def normalize_value_text(text: str) -> str:
    if text.isascii():
        return text.replace(" ", "")
    return unicodedata.normalize("NFKC", text).translate(_DASHES).replace(" ", "").replace("\u3000", "")


def _value_text(text: str) -> bool:
    """True for what sits in a value cell: a number (optionally with a unit) or a placeholder."""
    if text.isdigit() and text.isascii():
        return True
    t = normalize_value_text(text)
    return t in PLACEHOLDERS or bool(_NUMBER.match(t))


class _Memo(dict[str, Any]):
    """A memo of ``function`` over texts no longer than a value (24 characters): a hit is one dict
    lookup in C, with no Python frame (these run for every field of every table row). Longer
    texts get ``default`` without being kept; the memo is emptied when it reaches 4,096 texts."""

    def __init__(self, function: Callable[[str], Any], default: Any) -> None:
        super().__init__()
        self.function = function
        self.default = default

    def __missing__(self, text: str) -> Any:
        if len(text) > 24:
            return self.default
        if len(self) >= 4096:
            self.clear()
        self[text] = value = self.function(text)
        return value


# True for what sits in a value cell: a number (optionally with a unit) or a placeholder.
is_value_text: Callable[[str], bool] = _Memo(_value_text, False).__getitem__


def is_number_text(text: str) -> bool:
    return bool(_NUMBER.match(normalize_value_text(text)))


def _value(text: str) -> int | float | None:
    if text.isdigit() and text.isascii():
        return int(text)
    m = _NUMBER.match(normalize_value_text(text))
    if not m:
        return None
    sign, digits, frac = m.groups()
    digits = digits.replace(",", "")
    if frac:
        return float(f"{sign}{digits}{frac}")
    return int(f"{sign}{digits}")


# The number a value cell holds (None for a placeholder or text).
parse_value: Callable[[str], int | float | None] = _Memo(_value, None).__getitem__


# Cell.at, bound once: a table builds up to ~200 cells (the span is built when first read)
new_cell = Cell.at


def make_cell(frag: Frag | None) -> Cell:
    """A cell from its text: a number, blank (nothing written) or text (``/``, ``—``, ``无``…)."""
    if frag is None:
        return Cell("blank", None, "", None)
    text = frag.text
    if not text:
        return new_cell("blank", None, "", frag)
    if len(text) <= 24 and text.isdigit() and text.isascii():
        return new_cell("number", int(text), text, frag)
    value = parse_value(text)
    if value is None:
        return new_cell("text", None, text, frag)
    return new_cell("number", value, text, frag)


# --------------------------------------------------------------------------------------------
# Rows


@dataclass(slots=True)
class RawRow:
    """One physical row: label fields, then value fields (raw text kept, empty text = empty cell).

    ``grid``: the layout marks every cell (tabs, pipes, HTML, one cell per line), so an empty value
    field is a real blank cell; in space-separated PDF text blank cells are invisible.
    ``heading``: a markdown heading line (its text is a label, e.g. ``### （三）不予公开``).
    """

    line: int
    labels: list[Frag] = field(default_factory=list)
    values: list[Frag] = field(default_factory=list)
    grid: bool = False
    heading: bool = False
    layout: str = "spaces"

    @property
    def label_text(self) -> str:
        return "".join(f.text for f in self.labels)


_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")


# any white space but a tab: only then may a tab-separated field have white space at either end
_NON_TAB_SPACE = re.compile(r"[^\S\t]")


def _tab_row(number: int, base: int, text: str) -> RawRow:
    """The row of a tab-separated line (``base``: the line's offset)."""
    parts = text.split("\t")
    frags: list[Frag] = []
    append = frags.append
    start = 0
    if _NON_TAB_SPACE.search(text) is None:
        texts = parts  # no field to strip
        for part in parts:
            size = len(part)
            append(_frag(Frag, (part, number, start + 1, base + start, size)))
            start += size + 1
    else:
        texts = _stripped_fields(parts, frags, number, base, start)
    return _fields_row(number, frags, texts, "tabs")


def _pipe_row(number: int, base: int, text: str) -> RawRow | None:
    """The row of a line that starts with a pipe (None for a separator row such as ``|---|---|``)."""
    if "--" in text and _PIPE_SEPARATOR.match(text):  # (a separator has a run of dashes)
        return None
    frags: list[Frag] = []
    if text[:2] == "| " and text[-2:] == " |":
        texts = list(map(str.strip, text[1:-1].split("|")))
        if " | ".join(texts) == text[2:-2]:
            # every cell is its text between single spaces (an empty cell: two spaces), the usual
            # markdown: positions follow from the lengths (at: the 0-based column of a text)
            append = frags.append
            at = 2
            for cell in texts:
                size = len(cell)
                if size:
                    append(_frag(Frag, (cell, number, at + 1, base + at, size)))
                else:  # an empty cell keeps the start of its field
                    append(_frag(Frag, (cell, number, at, base + at - 1, 0)))
                at += size + 3
            return _fields_row(number, frags, texts, "pipe")
    first = text.index("|")
    last = text.rindex("|")
    inner_end = last if last > first and not text[last + 1 :].strip() else len(text)
    texts = _stripped_fields(text[first + 1 : inner_end].split("|"), frags, number, base, first + 1)
    return _fields_row(number, frags, texts, "pipe")


def _stripped_fields(parts: list[str], frags: list[Frag], number: int, base: int, start: int) -> list[str]:
    """Appends to ``frags`` the stripped fields ``parts`` (the first at column ``start``, 0-based,
    each followed by one separator) and returns their texts."""
    texts = list(map(str.strip, parts))
    append = frags.append
    for part, stripped in zip(parts, texts, strict=True):
        at = start + part.find(stripped)  # where the text starts (an empty field keeps its start)
        append(_frag(Frag, (stripped, number, at + 1, base + at, len(stripped))))
        start += len(part) + 1
    return texts


def _label_count(texts: list[str]) -> int:
    """How many fields come before the values: up to the last non-empty text field before the first
    value (a number or a placeholder)."""
    count = 0
    for i, text in enumerate(texts, 1):
        if text:
            if (text.isdigit() and len(text) <= 24 and text.isascii()) or is_value_text(text):
                break
            count = i
    return count


def _fields_row(number: int, frags: list[Frag], texts: list[str], layout: str) -> RawRow:
    """Label fields are the non-empty text fields before the first value; the rest are values.

    Empty fields are kept among the values: in a grid they are blank cells (the assembler decides,
    knowing how many columns the row must have)."""
    count = _label_count(texts)
    if not count:
        return RawRow(number, [], frags, True, False, layout)
    labels = frags[:1] if count == 1 else list(compress(frags[:count], texts))
    return RawRow(number, labels, frags[count:], True, False, layout)


def row_from_fields(number: int, frags: list[Frag], layout: str) -> RawRow:
    """The row of ``frags`` (see ``_fields_row``), their texts read from them."""
    return _fields_row(number, frags, list(map(frag_text, frags)), layout)


def _tokens_row(line: Line, text: str, may_be_heading: bool) -> RawRow:
    """A plain (PDF-style) line of several tokens, or a heading: trailing value tokens are values,
    the text before them the label."""
    heading = _MD_HEADING.match(text) if may_be_heading else None
    if heading:
        # "### 2. 重复申请" is a label; numbers are never values inside a heading
        body_start = heading.end()
        body = text[body_start:]
        tokens = body.split()  # the \S+ tokens
        k = len(tokens)
        label_start = body_start + len(body) - len(body.lstrip())
    else:
        tokens = text.split()
        k = len(tokens)
        while k > 0 and is_value_text(tokens[k - 1]):
            k -= 1
        label_start = len(text) - len(text.lstrip())
    number, offset = line.number, line.offset
    values: list[Frag] = []
    end = len(text)
    if k < len(tokens):
        value_tokens = tokens[k:]
        run = " ".join(value_tokens)
        if text.endswith(run):
            # the values end the line one space apart (the usual case): positions follow from lengths
            end = at = len(text) - len(run)
            append = values.append
            for token in value_tokens:
                size = len(token)
                append(_frag(Frag, (token, number, at + 1, offset + at, size)))
                at += size + 1
        else:
            # value tokens, found from the right (only white space follows each)
            for token in reversed(value_tokens):
                end = text.rindex(token, 0, end)
                values.append(_frag(Frag, (token, number, end + 1, offset + end, len(token))))
            values.reverse()
    labels: list[Frag] = []
    if k > 0:
        label_end = len(text[:end].rstrip())
        labels.append(
            _frag(
                Frag,
                (text[label_start:label_end], number, label_start + 1, offset + label_start, label_end - label_start),
            )
        )
    return RawRow(number, labels, values, False, bool(heading), "spaces")


_PAGE_CHROME = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def is_page_chrome(line: Line) -> bool:
    """Page numbers left in the text by PDF extraction (``- 3 -``, ``第3页``), or chrome per the parser."""
    text = line.text
    if line.kind == "chrome":
        return True
    first = text.lstrip()[:1]
    if not first or not (first in "-—–－第" or (first.isdigit() and "/" in text)):
        return False  # a page number starts with a dash or 第, or is "3/12"
    return bool(_PAGE_CHROME.match(text))


def tokenize_line(line: Line) -> RawRow | None:
    """The RawRow of one line, or None for a blank line, page chrome or a pipe-table separator."""
    text = line.text
    if text.isdigit() and len(text) <= 24 and text.isascii() and line.kind != "chrome":
        # a bare number (most lines of one-cell-per-line text): what the one-token branch below
        # gives it, without the strips and checks a number cannot need
        number = line.number
        return RawRow(number, [], [_frag(Frag, (text, number, 1, line.offset, len(text)))], False, False, "spaces")
    stripped = text.strip()
    if not stripped or line.kind == "chrome":
        return None
    first = stripped[0]
    if (first in "-—–－第" or (first.isdigit() and "/" in text)) and _PAGE_CHROME.match(text):
        return None  # is_page_chrome, without a second strip of every line
    if "\t" in text:
        return _tab_row(line.number, line.offset, text)
    if first == "|" and stripped.count("|") >= 2:
        return _pipe_row(line.number, line.offset, text)
    if " " not in stripped and "\u3000" not in stripped and first != "#":
        # one token (most lines of one-cell-per-line text): a value or a label
        start = text.index(first) if first != text[0] else 0
        number = line.number
        frag = _frag(Frag, (stripped, number, start + 1, line.offset + start, len(stripped)))
        # RawRow(number, labels=..., values=..., layout="spaces"), positionally: no default factories
        if is_value_text(stripped):
            return RawRow(number, [], [frag], False, False, "spaces")
        return RawRow(number, [frag], [], False, False, "spaces")
    return _tokens_row(line, text, first == "#")


def report_lines(report: Report) -> list[Line]:
    """The report's lines (as the parser set them, or split here when it has not)."""
    if report.lines:
        return report.lines
    lines = []
    offset = 0
    for i, raw in enumerate(report.text.split("\n"), 1):
        text = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(i, offset, text))
        offset += len(raw) + 1
    return lines
