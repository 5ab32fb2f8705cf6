"""What a batch keeps of each report once it has been linted: a few hundred bytes.

Corpus checks (carry-over between years, copied text, identical tables) and the audit need to see
every report at once; holding thousands of parsed ``Report``s would not keep memory flat, so each
worker reduces its report to a ``ReportSummary`` right after linting it. Summaries are plain data:
they travel between processes and are stored in the result cache as JSON (``to_dict`` /
``from_dict``), never pickled to disk.
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter
from sys import intern
from typing import Any

from govlint.batch import sketch as sk
from govlint.model import Position, Report, Section, Span, Table

# A span as (line, column, offset, end_line, end_column, end_offset): compact and JSON-friendly.
SpanTuple = tuple[int, int, int, int, int, int]

T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T2_STOCK_ROWS = ("规章", "行政规范性文件")
T2_STOCK_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")

# The top-level sections fingerprinted for copy detection by default (一 总体情况 and 五 问题及改进:
# the prose parts; 二 to 四 are tables and 六 is mostly a fixed fee statement); a copied-sections
# rule with other ``sections`` has those sketched instead (``section:N`` parts).
SKETCHED_SECTIONS = (1, 5)
# Totals, left out when counting a table's informative cells (see TablePrint).
TOTAL_ROWS = frozenset({"三.七"})
TOTAL_COLUMNS = frozenset({"总计"})
ALL_TABLES = "all"  # the key of 表二 + 表三 + 表四 together in ReportSummary.tables
# Only the start of a long section is sketched (about a page): a copy shows there, and the cost
# of a sketch grows with the text.
MAX_SKETCH_CHARS = 2500


def span_tuple(span: Span | None) -> SpanTuple | None:
    if span is None:
        return None
    s, e = span.start, span.end
    return (s.line, s.column, s.offset, e.line, e.column, e.offset)


def to_span(t: SpanTuple | None) -> Span:
    if t is None:
        return Span(Position(1, 1, 0), Position(1, 1, 0))
    return Span(Position(t[0], t[1], t[2]), Position(t[3], t[4], t[5]))


@dataclass
class RowValues:
    """The numbers of one table row (None for a blank or non-numeric cell) and where the row is."""

    values: dict[str, float | int | None]
    span: SpanTuple | None


@dataclass
class SectionPrint:
    """A section's MinHash sketch, its length in characters and where its heading is."""

    sketch: bytes
    chars: int
    span: SpanTuple | None
    title: str

    _prepared: sk.Prepared | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def prepared(self) -> sk.Prepared:
        """The sketch ready for comparisons (made once: several corpus rules compare it)."""
        if self._prepared is None:
            self._prepared = sk.prepare(self.sketch)
        return self._prepared


@dataclass
class TablePrint:
    """A digest of every numeric cell of a reliable table, and how many of its cells that are not
    totals (表三 （七）总计 row and 总计 column, 表四 总计 columns) are not zero: one application
    fills six cells of 表三 with the same number, which says little about whether two tables
    were copied."""

    digest: str
    nonzero: int
    span: SpanTuple | None


@dataclass
class ReportSummary:
    path: str
    agency: str | None = None
    year: int | None = None
    format: str | None = None
    title: str | None = None
    size: int = 0  # characters
    t3_carried_in: RowValues | None = None  # 表三 二、上年结转
    t3_carried_out: RowValues | None = None  # 表三 四、结转下年度继续办理
    t2_stock: dict[str, RowValues] = field(default_factory=dict)  # 表二 (一) rows, 2021 format
    sections: dict[int, SectionPrint] = field(default_factory=dict)
    tables: dict[str, TablePrint] = field(default_factory=dict)

    _agency_key: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def agency_key(self) -> str | None:
        """The agency's name as used for grouping (computed once: corpus checks ask often)."""
        if self._agency_key is None and self.agency:
            self._agency_key = agency_key(self.agency)
        return self._agency_key

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "title": self.title,
            "size": self.size,
            "t3_carried_in": _row_to_dict(self.t3_carried_in),
            "t3_carried_out": _row_to_dict(self.t3_carried_out),
            "t2_stock": {k: _row_to_dict(v) for k, v in self.t2_stock.items()},
            "sections": {
                str(k): {"sketch": v.sketch.hex(), "chars": v.chars, "span": v.span, "title": v.title}
                for k, v in self.sections.items()
            },
            "tables": {k: {"digest": v.digest, "nonzero": v.nonzero, "span": v.span} for k, v in self.tables.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportSummary:
        return cls(
            path=d["path"],
            agency=d.get("agency"),
            year=d.get("year"),
            format=d.get("format"),
            title=d.get("title"),
            size=d.get("size", 0),
            t3_carried_in=_row_from_dict(d.get("t3_carried_in")),
            t3_carried_out=_row_from_dict(d.get("t3_carried_out")),
            t2_stock={intern(k): r for k, v in d.get("t2_stock", {}).items() if (r := _row_from_dict(v))},
            sections={
                int(k): SectionPrint(bytes.fromhex(v["sketch"]), v["chars"], _span(v["span"]), intern(v["title"]))
                for k, v in d.get("sections", {}).items()
            },
            tables={
                intern(k): TablePrint(t["digest"], t["nonzero"], _span(t["span"]))
                for k, t in d.get("tables", {}).items()
            },
        )


def agency_key(name: str | None) -> str | None:
    """The agency's name as used for grouping: NFKC, no whitespace, no quotes or brackets."""
    if not name:
        return None
    # (``str.split()`` splits at exactly the characters ``str.isspace`` calls whitespace)
    key = "".join(unicodedata.normalize("NFKC", name).split()).translate(_AGENCY_KEY_DROPPED)
    return key or None


_AGENCY_KEY_DROPPED = dict.fromkeys(map(ord, "\"'“”‘’《》<>"))


def _span(v: Any) -> SpanTuple | None:
    return tuple(v) if v else None


def _row_to_dict(row: RowValues | None) -> dict[str, Any] | None:
    return None if row is None else {"values": row.values, "span": row.span}


def _row_from_dict(d: dict[str, Any] | None) -> RowValues | None:
    # Column names are interned: ten thousand summaries then share one copy of each.
    return None if d is None else RowValues({intern(k): v for k, v in d["values"].items()}, _span(d.get("span")))


# --- building a summary from a parsed report --------------------------------------------------


# Optional parts of a summary, computed only when a corpus rule needs them: "section:N" (the
# sketch of top-level section N), "sections" (those of SKETCHED_SECTIONS) and "tables".
SUMMARY_PARTS = ("sections", "tables")


def summarize(report: Report, wants: Iterable[str] = SUMMARY_PARTS) -> ReportSummary:
    """Reduce ``report`` to what corpus checks and the audit need; ``wants`` names the optional
    parts to compute ("section:N" or "sections": MinHash sketches, "tables": table digests)."""
    wants = frozenset(wants)
    summary = ReportSummary(
        path=report.path,
        agency=report.agency.value if report.agency else None,
        year=report.year,
        format=report.format,
        title=report.title.value if report.title else None,
        size=len(report.text),
    )
    t3 = report.table("t3")
    if t3 is not None and t3.reliable:
        summary.t3_carried_in = _row(t3, "二", T3_COLUMNS)
        summary.t3_carried_out = _row(t3, "四", T3_COLUMNS)
    t2 = report.table("t2")
    if t2 is not None and t2.reliable and report.format == "2021":
        for row in T2_STOCK_ROWS:
            values = _row(t2, row, T2_STOCK_COLUMNS)
            if values is not None:
                summary.t2_stock[row] = values
    if "tables" in wants:
        for table in report.tables:
            printed = _table_print(table)
            if printed is not None and table.kind not in summary.tables:
                summary.tables[table.kind] = printed
        combined = _all_tables(summary.tables)
        if combined is not None:
            summary.tables[ALL_TABLES] = combined
    ordinals = sorted(_sketched_sections(wants))
    table_lines = [(t.span.start.line, t.span.end.line) for t in report.tables] if ordinals else []
    for ordinal in ordinals:
        section = report.section(ordinal)
        if section is not None:
            printed_section = _section_print(section, table_lines)
            if printed_section is not None:
                summary.sections[ordinal] = printed_section
    return summary


def _sketched_sections(wants: frozenset[str]) -> set[int]:
    ordinals = {int(part[len("section:") :]) for part in wants if part.startswith("section:")}
    return ordinals | set(SKETCHED_SECTIONS) if "sections" in wants else ordinals


def _row(table: Table, row: str, columns: tuple[str, ...]) -> RowValues | None:
    values: dict[str, float | int | None] = {}
    for column in columns:
        cell = table.cell(row, column)
        values[column] = cell.value if cell is not None and cell.kind == "number" else None
    if all(v is None for v in values.values()):
        return None
    span = table.row_span(row)
    if span is None:
        cell_spans = [c.span for c in (table.cell(row, col) for col in columns) if c and c.span]
        span = cell_spans[0] if cell_spans else table.span
    return RowValues(values, span_tuple(span))


def _table_print(table: Table) -> TablePrint | None:
    if not table.reliable or not table.cells:
        return None
    cells = table.cells
    # Official row and column keys in the template's order, so the same numbers give the same
    # digest whatever the layout (sorted keys for a table without them).
    grid = _grid(tuple(table.rows), tuple(table.columns)) if table.rows and table.columns else None
    if grid is not None:
        printed = _grid_print(table, grid)
        if printed is not None:
            return printed
    # A blank or non-numeric cell, no official keys, or cells out of the template's order.
    keys = grid.keys if grid is not None else sorted(cells)
    pairs = [
        (key, cell.value)
        for key in keys
        if (cell := cells.get(key)) is not None and cell.kind == "number" and cell.value is not None
    ]
    if not pairs:
        return None
    present_keys, numbers = zip(*pairs, strict=True)  # type: tuple[tuple[str, str], ...], tuple[float | int, ...]
    nonzero = sum(
        1 for (row, column), value in pairs if value and row not in TOTAL_ROWS and column not in TOTAL_COLUMNS
    )
    return _print(table, present_keys, numbers, nonzero)


def _grid_print(table: Table, grid: _Grid) -> TablePrint | None:
    """The commonest case: every cell a number, and the table's cells (as the builders fill them)
    already in the template's order, a whole grid or part of one. Then the cells are read in their
    own order, in C, without looking each key up; None when that does not hold."""
    cells = table.cells
    keys = tuple(cells)
    if keys == grid.keys:
        present = grid.keys
    else:
        positions = list(map(grid.positions.get, keys))
        if None in positions or positions != sorted(positions):  # type: ignore[type-var]  # (None ruled out first)
            return None
        present = keys
    found = list(cells.values())
    if list(map(_KIND, found)).count("number") != len(found):
        return None
    values = list(map(_VALUE, found))
    if None in values:
        return None
    if present is grid.keys:
        totals = grid.total_values(values)
        nonzero = len(values) - values.count(0) - (len(totals) - totals.count(0))
        start = grid.digest_starts.get(table.kind)
        if start is None:
            start = grid.digest_starts[table.kind] = _digest_start(table.kind, present)
        return _printed(table, start, values, nonzero)
    return _print(table, present, values, _nonzero(values, grid.totals, cells))


_KIND = attrgetter("kind")
_VALUE = attrgetter("value")


def _print(
    table: Table, present: tuple[tuple[str, str], ...], values: Sequence[float | int], nonzero: int
) -> TablePrint | None:
    """The digest covers the table kind, which cells hold numbers and the numbers (as doubles, so
    3 and 3.0 agree): joined and packed in C rather than formatted cell by cell."""
    if not values:
        return None
    return _printed(table, _digest_start(table.kind, present), values, nonzero)


def _printed(table: Table, start: Any, values: Sequence[float | int], nonzero: int) -> TablePrint:
    h = start.copy()
    h.update(_doubles(len(values))(*values))
    return TablePrint(h.hexdigest(), nonzero, span_tuple(table.span))


def _nonzero(values: list[float | int], totals: tuple[tuple[str, str], ...], cells: dict[Any, Any]) -> int:
    """How many of ``values`` (every cell of the grid that is there, all numbers) are not zero,
    leaving out the totals: the non-zero count of all, less that of the total cells."""
    nonzero_totals = 0
    for key in totals:
        cell = cells.get(key)
        if cell is not None and cell.value:
            nonzero_totals += 1
    return len(values) - values.count(0) - nonzero_totals


@lru_cache(maxsize=256)
def _digest_start(kind: str, keys: tuple[tuple[str, str], ...]) -> Any:
    """The digest fed the table kind and which cells hold numbers (the same few sets of keys
    every report: hashed once, then copied)."""
    h = hashlib.blake2b(kind.encode("utf-8"), digest_size=12)
    h.update(b"\0" + "\x1f".join(map("\x1e".join, keys)).encode("utf-8") + b"\0")
    return h


@lru_cache(maxsize=256)
def _doubles(count: int) -> Callable[..., bytes]:
    """Packs ``count`` numbers as native doubles (the bytes of ``array("d", values)``, without its
    per-item argument parsing)."""
    return struct.Struct(f"{count}d").pack


@dataclass(frozen=True)
class _Grid:
    keys: tuple[tuple[str, str], ...]  # every (row, column), in order
    totals: tuple[tuple[str, str], ...]  # those in a total row or column
    positions: dict[tuple[str, str], int]  # each key's place in ``keys``
    total_values: Callable[[list[Any]], tuple[Any, ...]]  # the items of a list of ``keys`` that are totals
    digest_starts: dict[str, Any] = field(default_factory=dict, compare=False)  # by table kind, whole grid


@lru_cache(maxsize=64)
def _grid(rows: tuple[str, ...], columns: tuple[str, ...]) -> _Grid:
    """Every (row, column) key of a template's grid, in order (the same few grids every report)."""
    keys = tuple((r, c) for r in rows for c in columns)
    totals = [i for i, (row, column) in enumerate(keys) if row in TOTAL_ROWS or column in TOTAL_COLUMNS]
    return _Grid(
        keys,
        tuple(keys[i] for i in totals),
        {key: i for i, key in enumerate(keys)},
        _items(totals),
    )


def _items(indices: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A function from a list to the tuple of its items at ``indices`` (in C)."""
    if len(indices) > 1:
        return itemgetter(*indices)

    def few(values: list[Any]) -> tuple[Any, ...]:
        return tuple(values[i] for i in indices)

    return few


def _all_tables(tables: dict[str, TablePrint]) -> TablePrint | None:
    """表二, 表三 and 表四 together, when all three were read reliably."""
    parts = [tables.get(kind) for kind in ("t2", "t3", "t4")]
    if any(part is None for part in parts):
        return None
    digest = hashlib.blake2b("".join(p.digest for p in parts if p).encode(), digest_size=12).hexdigest()
    first = parts[0]
    return TablePrint(digest, sum(p.nonzero for p in parts if p), first.span if first else None)


def _section_print(section: Section, table_lines: list[tuple[int, int]]) -> SectionPrint | None:
    """The sketch of the section's prose; paragraphs inside a table's lines are left out."""
    parts: list[str] = []
    length = 0
    if section.span is not None:  # most sections hold no table: then no paragraph needs testing
        first, last = section.span.start.line, section.span.end.line
        table_lines = [(start, end) for start, end in table_lines if start <= last and end >= first]
    for paragraph in _paragraphs(section):
        if table_lines and any(start <= paragraph.span.start.line <= end for start, end in table_lines):
            continue
        parts.append(paragraph.text)
        length += len(paragraph.text)
        if length > 2 * MAX_SKETCH_CHARS:  # enough, even once whitespace and digits are folded
            break
    text = sk.normalise("\n".join(parts))[:MAX_SKETCH_CHARS]
    signature = sk.sketch(text, normalised=True)
    if signature is None:
        return None
    return SectionPrint(signature, len(text), span_tuple(section.heading.span), section.title)


def _paragraphs(section: Section) -> list[Any]:
    out = list(section.paragraphs)
    for sub in section.subsections:
        out.extend(_paragraphs(sub))
    return out
