"""HTML tables (a saved web page): each ``<tr>`` is a row, each ``<td>``/``<th>`` a field."""

from __future__ import annotations

from html.parser import HTMLParser

from govlint.model import Line, Position, Report, Span, Table
from govlint.tables.assemble import Context, build_stat, build_t2, build_t3, build_t4
from govlint.tables.regions import CAPTION
from govlint.tables.text import Frag, RawRow, report_lines, row_from_fields
from govlint.templates import normalize_label

_BUILDERS = {"t2": build_t2, "t3": build_t3, "t4": build_t4, "stat": build_stat}


class _TableReader(HTMLParser):
    def __init__(self, line_offsets: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offsets = line_offsets
        self.tables: list[tuple[tuple[int, int], tuple[int, int], list[list[Frag]]]] = []
        self._stack: list[tuple[tuple[int, int], list[list[Frag]]]] = []
        self._cell: list[tuple[str, tuple[int, int]]] | None = None

    def _frag(self, pieces: list[tuple[str, tuple[int, int]]], at: tuple[int, int]) -> Frag:
        text = "".join(p for p, _ in pieces)
        first = next((pos for p, pos in pieces if p.strip()), at)
        lead = next((len(p) - len(p.lstrip()) for p, _ in pieces if p.strip()), 0)
        line, col0 = first
        col0 += lead
        offset = (self.line_offsets[line - 1] if line - 1 < len(self.line_offsets) else 0) + col0
        stripped = text.replace("\xa0", " ").strip()
        return Frag(stripped, line, col0 + 1, offset, len(stripped))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append((self.getpos(), []))
        elif not self._stack:
            return
        elif tag == "tr":
            self._stack[-1][1].append([])
        elif tag in ("td", "th"):
            if not self._stack[-1][1]:
                self._stack[-1][1].append([])
            self._cell = []
            self._cell_start = self.getpos()

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        if tag in ("td", "th") and self._cell is not None:
            self._stack[-1][1][-1].append(self._frag(self._cell, self._cell_start))
            self._cell = None
        elif tag == "table":
            start, rows = self._stack.pop()
            self.tables.append((start, self.getpos(), rows))

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append((data, self.getpos()))


def extract_html_tables(report: Report) -> list[Table]:
    lines = report_lines(report)
    reader = _TableReader([ln.offset for ln in lines])
    try:
        reader.feed(report.text)
        reader.close()
    except Exception:  # malformed markup: keep what was read
        pass
    tables: list[Table] = []
    hint = None
    if report.year is not None:
        hint = "2021" if report.year >= 2021 else "2019" if report.year >= 2019 else None
    for start, end, cells in reader.tables:
        rows = [row_from_fields(r[0].line, r, "html") for r in cells if r]
        kind = _classify(rows)
        if kind is None:
            continue
        span = Span(_pos(lines, start), _pos(lines, end))
        table = _BUILDERS[kind](rows, Context(layout="html", stream=False, span=span, hint=hint))
        if not (table.rows or table.cells or table.extra_rows):
            continue
        if kind == "t2" and table.template:
            hint = table.template
        tables.append(table)
    return tables


def _pos(lines: list[Line], at: tuple[int, int]) -> Position:
    line, col0 = at
    offset = lines[line - 1].offset + col0 if 0 < line <= len(lines) else col0
    return Position(line, col0 + 1, offset)


def _classify(rows: list[RawRow]) -> str | None:
    text = normalize_label("".join(f.text for r in rows for f in (*r.labels, *r.values)))
    if CAPTION.search(text):
        return "t2"
    if "勾稽关系" in text or "本年新收政府信息公开申请数量" in text:
        return "t3"
    if "行政复议" in text and "结果维持" in text:
        return "t4"
    if "统计指标" in text or "指标名称" in text:
        return "stat"
    return None
