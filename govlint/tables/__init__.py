"""Statistics tables: 表二, 表三, 表四 and the pre-2019 统计表, reconstructed from any layout.

``extract_tables(report)`` is called by the parser once ``report.lines`` (and the year) are set.
It finds each table's region (govlint.tables.regions), reads its lines into rows of label and value
fields whatever the layout (govlint.tables.text; HTML in govlint.tables.html; flattened text in
govlint.tables.flattened) and maps them onto the official rows and columns declared in
templates/*.yaml (govlint.tables.assemble). See docs/tables.md.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter, sub

from govlint.model import Line, Position, Report, Span, Table
from govlint.tables.assemble import Context, build_stat, build_t2, build_t3, build_t4
from govlint.tables.regions import Region, find_regions
from govlint.tables.text import Frag, RawRow, _frag, is_page_chrome, report_lines, tokenize_line

__all__ = ["extract_tables"]

_BUILDERS = {"t2": build_t2, "t3": build_t3, "t4": build_t4, "stat": build_stat}


def extract_tables(report: Report) -> list[Table]:
    """Every statistics table of ``report``, in text order. Never raises for odd input."""
    text = report.text
    if "<" in text and "<table" in (lowered := text.lower()) and "</t" in lowered:
        from govlint.tables.html import extract_html_tables

        found = extract_html_tables(report)
        if found:
            return found
    lines = report_lines(report)
    regions = find_regions(lines, text)
    if not regions:
        return []
    year_hint = _year_hint(report.year)
    tables: list[Table] = []
    hint = year_hint
    for region in regions:
        if region.flattened:
            from govlint.tables.flattened import extract_flattened

            table = extract_flattened(lines[region.start], region.kind, hint)
        else:
            table = _extract_region(lines, region, hint)
        if table is None or not (table.rows or table.cells or table.extra_rows):
            continue  # anchors without any row: a mention in the text, not a table
        if table.kind == "t2" and table.template:
            hint = table.template
        tables.append(table)
    return tables


def _year_hint(year: int | None) -> str | None:
    if year is None:
        return None
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return None


def _extract_region(lines: list[Line], region: Region, hint: str | None) -> Table | None:
    region_lines = lines[region.start : region.end]
    rows, layout, stream = read_rows(region_lines)
    if not rows:
        return None
    ctx = Context(layout=layout, stream=stream, span=_span(region_lines), hint=hint)
    return _BUILDERS[region.kind](rows, ctx)


_LAYOUT_OF = attrgetter("layout")
_LINE_OF = attrgetter("line")
_CELL_PER_LINE = "cell-per-line"


def read_rows(lines: list[Line]) -> tuple[list[RawRow], str, bool]:
    """The rows of a region, its layout name and whether cells come one per line."""
    rows: list[RawRow] = []
    append = rows.append
    tokenized: list[RawRow] = []  # the rows but those of bare numbers
    keep = tokenized.append
    single = 0  # rows of one value and no label (one cell per line, when most rows are)
    multi = 0  # rows of several values
    rowless = False  # a line with text gave no row (page chrome, a pipe-table rule)
    for line in lines:
        text = line.text
        if not text:
            continue
        if text.isdigit() and len(text) <= 24 and text.isascii() and line.kind != "chrome":
            # tokenize_line's first case inline (most lines of one-cell-per-line text), as a cell
            # of that layout: _bare_rows makes it a "spaces" row when the layout is another
            number = line.number
            frag = _frag(Frag, (text, number, 1, line.offset, len(text)))
            append(RawRow(number, [], [frag], True, False, _CELL_PER_LINE))
            continue
        row = tokenize_line(line)
        if row is None:
            rowless = rowless or not text.isspace()
            continue
        append(row)
        keep(row)
        values = row.values
        if len(values) > 1:
            multi += 1
        elif values and not row.labels:
            single += 1
    if not rows:
        return rows, "none", False
    bare = len(rows) - len(tokenized)
    single += bare
    layouts = list(map(_LAYOUT_OF, tokenized))
    tabs = layouts.count("tabs")
    pipes = layouts.count("pipe")
    if not tabs and not pipes and single >= 5 and single > 3 * multi:
        return _stream_rows(lines, rows, tokenized, rowless), _CELL_PER_LINE, True
    if bare:
        _bare_rows(rows)
    spaces = layouts.count("spaces") + bare
    if tabs and pipes:
        layout = "mixed"
    elif tabs or pipes:
        grid = tabs or pipes
        layout = ("tabs" if tabs else "pipe") if grid * 2 >= len(rows) else "mixed"
    else:
        layout = "spaces"
    if layout == "mixed" or (layout != "spaces" and spaces):
        layout = "mixed" if spaces * 4 > len(rows) else layout
    return rows, layout, False


def _bare_rows(rows: list[RawRow]) -> None:
    """The rows of bare numbers as tokenize_line gives them (outside one-cell-per-line text)."""
    for row in rows:
        if row.layout is _CELL_PER_LINE:
            row.grid = False
            row.layout = "spaces"


_ODD = (1).__and__


def _separated(lines: list[Line]) -> bool:
    """Nearly every cell is followed by one empty line (a separator), see _stream_rows.

    Cells are the lines with text; a gap is the count of blank lines between two of them."""
    gaps = zero = odd = 0
    gap = -1  # blank lines since the last line with text (-1: none seen yet)
    for line in lines:
        if not line.text or line.text.isspace():
            if gap >= 0:
                gap += 1
            continue
        if gap >= 0:
            gaps += 1
            zero += not gap
            odd += gap & 1
        gap = 0
    return _mostly_separated(gaps, zero, odd)


def _separated_steps(steps: list[int]) -> bool:
    """_separated when every line with text gave a row: the gaps are the steps between the rows'
    line numbers, less one."""
    # a gap of none is a step of 1; an odd gap is an even step
    return _mostly_separated(len(steps), steps.count(1), len(steps) - sum(map(_ODD, steps)))


def _mostly_separated(gaps: int, zero: int, odd: int) -> bool:
    return bool(gaps) and zero <= 0.1 * gaps and odd >= 0.8 * gaps


def _stream_rows(lines: list[Line], cells: list[RawRow], tokenized: list[RawRow], rowless: bool) -> list[RawRow]:
    """One row per non-empty line; empty lines become empty cells.

    ``cells``: the rows of the lines with text, bare numbers already rows of this layout, the
    others (``tokenized``) still as tokenize_line gave them. When nearly every cell is followed by
    one empty line (separated), a run of k empty lines stands for (k - 1) // 2 empty cells instead.
    """
    for row in tokenized:
        row.grid = True
        row.layout = _CELL_PER_LINE
        if row.labels and row.values:
            # a label that ends in digits ("2.重复申请 5") is still one cell in this layout
            first_label = row.labels[0]
            text = lines[row.line - lines[0].number].text.strip()
            row.labels, row.values = [Frag(text, row.line, first_label.col, first_label.offset, len(text))], []
    numbers = list(map(_LINE_OF, cells))
    steps = list(map(sub, numbers[1:], numbers))
    separated = _separated(lines) if rowless else _separated_steps(steps)
    rows: list[RawRow] = []
    blanks: list[Line] = []
    cell_run = 3 if separated else 1  # the fewest blank lines that make an empty cell (flush's count > 0)

    def flush() -> None:
        count = (len(blanks) - 1) // 2 if separated else len(blanks)
        for blank in blanks[len(blanks) - count :] if count > 0 else []:
            empty = _frag(Frag, ("", blank.number, 1, blank.offset, 0))
            rows.append(RawRow(blank.number, [], [empty], True, False, _CELL_PER_LINE))
        blanks.clear()

    def between(start: int, stop: int) -> None:
        # lines that are not cells: page chrome is transparent, a blank line an empty cell;
        # anything else (a stray pipe-table rule) ends the run of empty cells
        for line in lines[start:stop]:
            if line.kind == "chrome":
                continue
            text = line.text
            if not text or not text.strip():  # (most blank lines are empty: no strip)
                blanks.append(line)
                continue
            if is_page_chrome(line):
                continue
            if blanks:
                flush() if rows and len(blanks) >= cell_run else blanks.clear()

    # only the lines between two cells at least cell_run + 1 lines apart can hold empty cells
    # (lines before the first cell never do); region lines are numbered consecutively
    first = lines[0].number
    done = 0  # the cells up to here are in rows
    for index in compress(range(1, len(cells)), map((cell_run + 1).__le__, steps)):
        rows += cells[done:index]
        done = index
        between(numbers[index - 1] + 1 - first, numbers[index] - first)
        if blanks:  # (flush with too few blank lines pending for an empty cell only clears them)
            flush() if len(blanks) >= cell_run else blanks.clear()
    rows += cells[done:]
    between(numbers[-1] + 1 - first, len(lines))
    flush()
    return rows


def _span(lines: list[Line]) -> Span:
    # the first and last lines with text (the whole region when it is all blank)
    first = next((ln for ln in lines if ln.text.strip()), None)
    last = next((ln for ln in reversed(lines) if ln.text.strip()), None)
    if first is None or last is None:
        first, last = lines[0], lines[-1]
    return Span(
        Position(first.number, 1, first.offset),
        Position(last.number, len(last.text) + 1, last.offset + len(last.text)),
    )
