"""Check kinds for the statistics tables: presence, shape (rows, columns, blocks) and cell values.

Expected keys, value types and units come from the format templates (templates/*.yaml, through
govlint.engine.tablekeys); the tables themselves were reconstructed by govlint.tables. A table whose
grid was lost (``reliable`` False) is skipped here: the ``unreliable-table`` check says so once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.engine.tablekeys import TableKeys, table_keys
from govlint.model import Cell, Position, Report, Span, Table
from govlint.templates import TABLE_KINDS, VERSIONS, load_template, normalize_label

TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四", "stat": "统计表"}
TABLE_NAMES_EN = {"t2": "table 2", "t3": "table 3", "t4": "table 4", "stat": "the statistics table"}
# A number followed by a unit, e.g. "1.5万元", "251000 元".
_NUMBER_WITH_UNIT = regex.compile(r"^\s*-?[0-9][0-9,，]*(?:\.[0-9]+)?\s*(?:万元|元|万)\s*$")

_TABLE_ARGS = ("table", "table_name", "table_name_en")


def table_args(kind: str) -> dict[str, str]:
    """The message arguments naming table ``kind`` (t2, t3, t4, stat)."""
    return {
        "table": kind,
        "table_name": TABLE_NAMES.get(kind, kind),
        "table_name_en": TABLE_NAMES_EN.get(kind, kind),
    }


def is_table(table: Table) -> bool:
    """Whether a reconstructed table is one: it has a recognised row or a value. A region with
    neither (a sentence that mentions a table's words) is not a table."""
    return bool(table.rows) or any(cell.kind != "blank" for cell in table.cells.values())


def table_version(report: Report, table: Table) -> str | None:
    return table.template or report.format


def keys_for(report: Report, table: Table) -> TableKeys | None:
    version = table_version(report, table)
    return table_keys(table.kind, version) if version else None


def first_line_span(report: Report, span: Span) -> Span:
    """The first line of a multi-line span (a table's caret belongs on its first line)."""
    index = span.start.line - 1
    if 0 <= index < len(report.lines):
        line = report.lines[index]
        end = Position(line.number, len(line.text) + 1, line.offset + len(line.text))
        return Span(span.start, end) if span.end.offset > end.offset else span
    return span


def cell_span(report: Report, table: Table, row: str, column: str) -> Span:
    cell = table.cell(row, column)
    if cell is not None and cell.span is not None:
        return cell.span
    if row in table.row_spans:
        return table.row_spans[row]
    return first_line_span(report, table.span)


def _selected(report: Report, params: Mapping[str, Any]) -> Iterable[Table]:
    wanted = set(params.get("tables") or TABLE_KINDS)
    return (t for t in report.tables if t.kind in wanted)


_TABLES_PARAM = Param("list[str]", default=list(TABLE_KINDS), choices=TABLE_KINDS, doc="tables to check")


@check_kind(
    "table-present",
    provides=(*_TABLE_ARGS, "section"),
    tables=Param("list[str]", default=["t2", "t3", "t4"], choices=("t2", "t3", "t4"), doc="tables to require"),
)
def table_present(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A section 二/三/四 is present but the statistics table it must hold was not found in it."""
    for kind in params["tables"]:
        table = report.table(kind)
        if (table is not None and is_table(table)) or report.format is None:
            continue
        keys = table_keys(kind, report.format)
        if keys is None or keys.section is None:
            continue
        section = report.section(keys.section)
        if section is None:
            continue  # the structure rules report a missing section
        yield Hit(
            section.heading.span,
            {**table_args(kind), "section": section.heading.raw},
        )


_PROBLEMS = ("missing-rows", "missing-columns", "missing-blocks", "extra-rows", "extra-columns")


@check_kind(
    "table-shape",
    provides=(*_TABLE_ARGS, "items", "count", "item"),
    problem=Param("str", required=True, choices=_PROBLEMS, doc="which shape problem this rule reports"),
    tables=_TABLES_PARAM,
)
def table_shape(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Rows, columns or blocks of the format's template that the table lacks (one finding per table,
    listing them), or rows and columns it has beyond the template (one finding each)."""
    problem = params["problem"]
    for table in _selected(report, params):
        if not table.reliable:
            continue
        args = table_args(table.kind)
        if problem.startswith("missing-"):
            missing = {
                "missing-rows": table.missing_rows,
                "missing-columns": table.missing_columns,
                "missing-blocks": table.missing_blocks,
            }[problem]
            if missing:
                keys = keys_for(report, table)
                labels = [keys.row_labels.get(m, m) if keys and problem == "missing-rows" else m for m in missing]
                items = "、".join(f"“{label}”" for label in labels)
                yield Hit(
                    first_line_span(report, table.span),
                    {**args, "items": items, "count": len(missing), "item": labels[0]},
                    matched=f"{table.kind}:{problem}:{','.join(missing)}",
                )
        else:
            extras = table.extra_rows if problem == "extra-rows" else table.extra_columns
            for extra in extras:
                yield Hit(extra.span, {**args, "items": f"“{extra.raw}”", "count": 1, "item": extra.value})


_CELL_PROBLEMS = ("blank", "text", "negative", "fraction", "unit")


@check_kind(
    "cells",
    provides=(*_TABLE_ARGS, "row", "row_label", "column", "columns", "count", "rows", "raw", "value", "unit"),
    problem=Param("str", required=True, choices=_CELL_PROBLEMS, doc="which cell problem this rule reports"),
    tables=_TABLES_PARAM,
)
def cells(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Cell values against the column's type in the template: blank cells (one finding per table,
    text where a number belongs, negative numbers outside signed columns, decimals in count columns,
    a unit written inside a cell whose column already states its unit."""
    problem = params["problem"]
    for table in _selected(report, params):
        if not table.reliable:
            continue
        keys = keys_for(report, table)
        if keys is None:
            continue
        # (the first cells rule on this table makes the list: the others share it)
        suspects: list[tuple[str, str, Cell, str, str]]
        suspects = ctx.memo(("cells", id(table)), _suspect_cells, table, keys, ctx)
        if not suspects:  # (most tables: every cell a plain count)
            continue
        args = table_args(table.kind)
        blanks: list[tuple[str, str, Cell]] = []
        for row, column, cell, kind, unit in suspects:
            if not _cell_problem(problem, cell, kind, unit):
                continue
            if problem == "blank":
                blanks.append((row, column, cell))
                continue
            yield Hit(
                cell.span or cell_span(report, table, row, column),
                {
                    **args,
                    "row": row,
                    "row_label": keys.row_labels.get(row, row),
                    "column": column,
                    "columns": column,
                    "count": 1,
                    "rows": 1,
                    "raw": cell.raw.strip(),
                    "value": cell.value if cell.value is not None else "",
                    "unit": unit,
                },
                matched=f"{table.kind}:{row}:{column}:{cell.raw.strip()}",
            )
        if blanks:
            # Blank cells come in bulk (zeros left empty): one finding per table, at the first one.
            row, column, first = blanks[0]
            columns = list(dict.fromkeys(c for _, c, _ in blanks))
            yield Hit(
                first.span or cell_span(report, table, row, column),
                {
                    **args,
                    "row": row,
                    "row_label": keys.row_labels.get(row, row),
                    "column": column,
                    "columns": "、".join(columns),
                    "count": len(blanks),
                    "rows": len({r for r, _, _ in blanks}),
                    "raw": "",
                    "value": "",
                    "unit": "",
                },
                matched=f"{table.kind}:blank:" + ",".join(f"{r}/{c}" for r, c, _ in blanks),
            )


@dataclass(frozen=True)
class CellCensus:
    """What the cell and arithmetic rules need of a table's cells, from one pass over them."""

    numbers: dict[tuple[str, str], int | float]  # (row, column) -> value of every numeric cell
    unusual: list[tuple[tuple[str, str], Cell]]  # the cells that are not plain non-negative integers


def cell_census(table: Table, ctx: CheckContext) -> CellCensus:
    """The table's census, taken once per lint call (shared by the cells and balance rules)."""
    census: CellCensus = ctx.memo(("cell-census", id(table)), _take_census, table)
    return census


def _take_census(table: Table) -> CellCensus:
    numbers = {}
    unusual = []
    for key, cell in table.cells.items():
        value = cell.value
        if cell.kind == "number" and value is not None:
            numbers[key] = value
            # (raw.isdigit() first: most raws hold no blanks, and then strip() changes nothing)
            if type(value) is int and value >= 0 and (cell.raw.isdigit() or cell.raw.strip().isdigit()):
                continue
        unusual.append((key, cell))
    return CellCensus(numbers, unusual)


def _suspect_cells(table: Table, keys: TableKeys, ctx: CheckContext) -> list[tuple[str, str, Cell, str, str]]:
    """The cells any cell problem could concern, in row then column order: everything but plain
    non-negative integers, in the columns that hold numbers."""
    census = cell_census(table, ctx)
    if not census.unusual:
        return []  # (most tables: every cell a plain count, whichever way the grid is visited)
    row_order = {row: i for i, row in enumerate(table.rows)}
    column_order = {column: i for i, column in enumerate(table.columns)}
    if len(row_order) != len(table.rows) or len(column_order) != len(table.columns):
        return _suspect_cells_in_grid(table, keys)  # a key listed twice: visit the grid as listed
    suspects = []
    for (row, column), cell in census.unusual:
        kind = keys.column_types.get(column, "int")
        if row in row_order and column in column_order and kind != "text":
            suspects.append((row, column, cell, kind, keys.column_units.get(column, "")))
    suspects.sort(key=lambda s: (row_order[s[0]], column_order[s[1]]))
    return suspects


def _suspect_cells_in_grid(table: Table, keys: TableKeys) -> list[tuple[str, str, Cell, str, str]]:
    suspects = []
    for row in table.rows:
        for column in table.columns:
            cell = table.cells.get((row, column))
            kind = keys.column_types.get(column, "int")
            if cell is None or kind == "text":
                continue
            value = cell.value
            if cell.kind == "number" and type(value) is int and value >= 0 and cell.raw.strip().isdigit():
                continue
            suspects.append((row, column, cell, kind, keys.column_units.get(column, "")))
    return suspects


def _cell_problem(problem: str, cell: Cell, kind: str, unit: str) -> bool:
    if problem == "blank":
        return cell.kind == "blank"
    if problem == "text":
        # A number with a unit in an amount column is the "unit" problem (or fine, when the column
        # fixes no unit, as 2019's 采购总金额), not a non-numeric cell.
        return cell.kind == "text" and not (kind == "amount" and _NUMBER_WITH_UNIT.match(cell.raw))
    if problem == "unit":
        return kind == "amount" and bool(unit) and bool(_NUMBER_WITH_UNIT.match(cell.raw))
    if cell.kind != "number" or cell.value is None:
        return False
    if problem == "negative":
        return cell.value < 0 and kind != "signed_int"
    if problem == "fraction":
        return kind in ("int", "signed_int") and isinstance(cell.value, float) and not cell.value.is_integer()
    return False


@check_kind("corner-note", provides=(*_TABLE_ARGS, "expected", "written"))
def corner_note(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """表三's corner cell must state the identity exactly as the format prints it."""
    for table in report.tables:
        if table.kind != "t3" or not table.reliable:
            continue
        version = table_version(report, table)
        spec = load_template(version).table("t3") if version in VERSIONS else None
        expected = spec.corner_note if spec is not None else None
        if not expected:
            continue
        written = table.corner_note
        if written is None and not table.column_labels:
            continue  # no header in the text at all (pages missing): the shape rules say so
        if written is not None and normalize_label(written.value) == normalize_label(expected):
            continue
        args = {**table_args(table.kind), "expected": expected, "written": written.raw if written else ""}
        yield Hit(written.span if written else first_line_span(report, table.span), args)
