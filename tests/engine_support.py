"""Building Report and Table objects directly, for engine tests that must not depend on the parser."""

from __future__ import annotations

from govlint.checks.registry import CHECKS, Param, check_kind
from govlint.engine.tablekeys import table_keys
from govlint.model import Cell, Line, Position, Report, Span, Table


def lines_of(text: str) -> list[Line]:
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, offset, raw))
        offset += len(raw) + 1
    return lines


def span_at(line: int, column: int, length: int = 1) -> Span:
    # Offsets are not used by the checks under test; keep them consistent with the column.
    return Span(Position(line, column, column - 1), Position(line, column + length, column - 1 + length))


def cell(raw: str, line: int = 1, column: int = 1) -> Cell:
    text = raw.strip()
    if not text:
        return Cell("blank", None, raw, span_at(line, column, max(len(raw), 1)))
    try:
        value: int | float = int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            return Cell("text", None, raw, span_at(line, column, len(raw)))
    return Cell("number", value, raw, span_at(line, column, len(raw)))


def make_table(kind: str, version: str, grid: dict[str, list[str]], first_line: int = 10, **extra: object) -> Table:
    """A table whose row ``key`` sits on line ``first_line + i`` with one value per column."""
    keys = table_keys(kind, version)
    assert keys is not None
    columns = list(extra.pop("columns", keys.columns))  # type: ignore[call-overload]
    table = Table(
        kind=kind,  # type: ignore[arg-type]
        template=version,
        span=Span(Position(first_line, 1, 0), Position(first_line + len(grid), 1, 0)),
        layout="tabs",
        columns=columns,
        **extra,  # type: ignore[arg-type]
    )
    for index, (row, values) in enumerate(grid.items()):
        line = first_line + index
        table.rows.append(row)
        table.row_spans[row] = span_at(line, 1, 4)
        for position, (column, raw) in enumerate(zip(columns, values, strict=True)):
            table.cells[(row, column)] = cell(raw, line, 10 + 3 * position)
    return table


def make_report(tables: list[Table], fmt: str = "2021", year: int = 2022, text: str = "") -> Report:
    body = text or "\n".join(f"line {i}" for i in range(1, 60))
    return Report(path="r.txt", text=body, lines=lines_of(body), tables=tables, format=fmt, year=year)  # type: ignore[arg-type]


def register_silent_kind(name: str, provides: tuple[str, ...] = (), **params: Param) -> None:
    """Register a check kind that finds nothing (for rule-loading tests), unless a test already did."""
    if name not in CHECKS:
        check_kind(name, provides=provides, **params)(lambda report, params, ctx: [])
