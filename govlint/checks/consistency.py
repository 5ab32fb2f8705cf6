"""Consistency checks: the text against the tables, and the years a report states.

A number quoted in the text is compared with a table only when the table is reliable (the parser
kept its grid) and the cells are numbers; a blank cell or a guessed grid says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

import regex

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.textscope import SCOPE_CHOICES, SCOPE_DOC, Stretch, scope_text
from govlint.model import Report, Table, TableKind

CLAUSE = Stretch("。！？；，,\n")


def _parse_cell_ref(ref: str) -> tuple[str, str]:
    row, _, column = ref.strip().partition("|")
    return row.strip(), column.strip()


def cell_sum(table: Table, expression: str) -> float | None:
    """The value of ``"一|总计 + 二|总计"``: a sum of ``row|column`` cells, None if any is not a number."""
    total: float = 0
    for row, column in _cell_refs(expression):
        cell = table.cell(row, column)
        if cell is None and table.kind == "stat":
            cell = _stat_cell(table, row, column)
        if cell is None or cell.kind != "number" or cell.value is None:
            return None
        total += cell.value
    return total


@lru_cache(maxsize=256)
def _cell_refs(expression: str) -> tuple[tuple[str, str], ...]:
    return tuple(_parse_cell_ref(term) for term in expression.split("+"))


def _stat_cell(table: Table, row: str, column: str) -> Any:
    """统计表 rows are keyed by their normalised label; accept a key that contains ``row``."""
    for key in table.rows:
        if row in key:
            return table.cell(key, column)
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _reliable_table(report: Report, kind: TableKind) -> Table | None:
    """The table to compare with, when the parser kept its grid (a guessed grid says nothing)."""
    table = report.table(kind)
    return table if table is not None and table.reliable else None


def _known_sums(report: Report, kind: TableKind, expressions: Sequence[str]) -> list[tuple[str, float]]:
    """(expression, value) of the cell sums that are numbers in a reliable table of that kind."""
    table = _reliable_table(report, kind)
    if table is None:
        return []
    sums = [(expr, cell_sum(table, expr)) for expr in expressions]
    return [(expr, value) for expr, value in sums if value is not None]


def _cells_shown(values: Sequence[tuple[str, float]]) -> str:
    """``一[总计] = 3；二[总计] = 0`` for messages."""
    return "；".join(f"{expr.replace('|', '[', 1)}] = {_number(value)}" for expr, value in values)


@check_kind(
    "text-vs-table",
    pattern=Param("regex", required=True, doc="a pattern with a group named n: the number stated in the text"),
    table=Param("table", required=True, doc="the table to compare with"),
    accept=Param("list[str]", required=True, doc="cell sums the number may equal, e.g. '一|总计 + 二|总计'"),
    scope=Param("str", default="text", doc=SCOPE_DOC, choices=SCOPE_CHOICES),
    unless=Param("regex", doc="skip a statement whose clause also matches this"),
    provides=("stated", "table_value", "cells"),
)
def text_vs_table(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A count stated in the text equals one of the accepted table figures."""
    known = _known_sums(report, params["table"], params["accept"])
    if not known:
        return
    scope = scope_text(report, params.get("scope") or "text")
    if scope is None:
        return
    unless = params.get("unless")
    for m in params["pattern"].finditer(scope.text):
        if m.start("n") < 0:
            continue
        clause = CLAUSE.around(scope.text, m.start(), m.end())
        if unless is not None and unless.search(clause):
            continue
        if report.year is not None and any(int(y) != report.year for y in YEAR.findall(clause)):
            continue  # a figure of another year (上年度、2021年…)
        stated = float(m.group("n"))
        if any(stated == v for _, v in known):
            continue
        first_value = known[0][1]
        yield Hit(
            scope.span(report, m.start("n"), m.end("n")),
            {
                "stated": m.group("n"),
                "table_value": _number(first_value),
                "cells": _cells_shown(known),
            },
            matched=m.group(0),
        )


@check_kind(
    "statement-vs-table",
    pattern=Param("regex", required=True, doc="a statement that the counted things did not happen"),
    table=Param("table", required=True, doc="the table to compare with"),
    cells=Param("list[str]", required=True, doc="cell sums that must all be 0 for the statement to hold"),
    scope=Param("str", default="text", doc=SCOPE_DOC, choices=SCOPE_CHOICES),
    provides=("statement", "cells"),
)
def statement_vs_table(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A statement that something did not happen (未发生行政复议) while the table counts some."""
    nonzero = [(e, v) for e, v in _known_sums(report, params["table"], params["cells"]) if v > 0]
    if not nonzero:
        return
    scope = scope_text(report, params.get("scope") or "text")
    if scope is None:
        return
    for m in params["pattern"].finditer(scope.text):
        yield Hit(
            scope.span(report, m.start(), m.end()),
            {
                "statement": m.group(0),
                "cells": _cells_shown(nonzero),
            },
            matched=m.group(0),
        )
        return  # one statement is enough to show the contradiction


@check_kind(
    "section-vs-cell",
    table=Param("table", required=True, doc="the table holding the cell"),
    cell=Param("str", required=True, doc="'row|column' of the cell"),
    when=Param("str", default="positive", choices=("positive", "zero"), doc="when the statement contradicts"),
    pattern=Param("regex", required=True, doc="the statement that contradicts the cell"),
    scope=Param("str", default="section:6", doc=SCOPE_DOC, choices=SCOPE_CHOICES),
    provides=("statement", "value", "cell"),
)
def section_vs_cell(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A statement in a section contradicts one table cell (e.g. 六 says no fee notices were sent
    while 表三（六）2 counts requests dropped for not paying one)."""
    table = _reliable_table(report, params["table"])
    if table is None:
        return
    value = cell_sum(table, params["cell"])
    if value is None or (value > 0) != (params.get("when", "positive") == "positive"):
        return
    scope = scope_text(report, params.get("scope") or "section:6")
    if scope is None:
        return
    m = params["pattern"].search(scope.text)
    if m is not None:
        row, column = _parse_cell_ref(params["cell"])
        yield Hit(
            scope.span(report, m.start(), m.end()),
            {"statement": m.group(0), "value": _number(value), "cell": f"{row}[{column}]"},
            matched=m.group(0),
        )


# --- years ----------------------------------------------------------------------------------

YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})[ \t]*年")
# A sentence that opens with a year, after any item numbering: “（一）2019年，…”, “一是2019年…”.
OPENING_YEAR = regex.compile(
    r"(?:^|(?<=[。！？；\n]))[\s（(一二三四五六七八九十\d、.．)）是，]*((?:19|20)\d{2})[ \t]*年(?:度)?[，,]?"
)
SENTENCE_BREAK = regex.compile(r"[。！？；\n]")
# The run of OPENING_YEAR's leading characters that ends at a given position, matched backwards.
_OPENING_RUN = regex.compile(r"(?r)[\s（(一二三四五六七八九十\d、.．)）是，]*")


def _opening_years(text: str) -> Iterator[Any]:
    """The matches of ``OPENING_YEAR.finditer(text)``, found in linear time.

    Scanning with OPENING_YEAR itself is quadratic in a run of its leading characters (a table laid
    out one number per line is one long run: each line start rescans the rest of it). Every match
    ends with 年 right after such a run, so each 年 is looked at once: the search is confined to the
    run before it (runs of different 年 never overlap; what a match consumes after its 年 — 度, a
    comma — cannot precede a match start), which gives exactly the matches of the plain scan.
    """
    at = text.find("年")
    while at != -1:
        if _after_century(text, at):  # many a 年 (本年、上年度) follows no year: no regex call then
            run = _OPENING_RUN.match(text, 0, at)  # always matches (possibly empty)
            m = OPENING_YEAR.search(text, run.start() if run is not None else at, at + 3)
            if m is not None:
                yield m
        at = text.find("年", at + 1)


def _after_century(text: str, at: int) -> bool:
    """Whether 19 or 20 stands two characters before the blanks before ``text[at]``: what a year
    (``(?:19|20)\\d{2}[ \\t]*``) right before it starts with."""
    end = at
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return end >= 4 and text[end - 4 : end - 2] in ("19", "20")


def title_year(report: Report) -> int | None:
    # Imported here: importing govlint.parsing loads the whole parser, which a re-run served from
    # the result cache never uses (a report reaching this check has been parsed already).
    from govlint.parsing.meta import year_from_title

    return year_from_title(report.title.value) if report.title is not None else None


@check_kind(
    "data-sentence-year",
    scopes=Param("list[str]", default=["section:1"], doc="where data sentences are looked for"),
    count=Param("regex", required=True, doc="what makes a sentence a data sentence (a count with its unit)"),
    other_year_ok=Param("regex", required=True, doc="words that make another year legitimate in a sentence"),
    provides=("year", "report_year", "sentence"),
)
def data_sentence_year(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A data sentence that opens with another year than the report's (a leftover from last year's
    report): ``2019年，我局主动公开信息50条`` in a 2020 report."""
    year = report.year
    if year is None or title_year(report) not in (None, year):
        return
    seen: set[int] = set()
    for name in _scopes(params.get("scopes") or ["section:1"]):
        scope = scope_text(report, name)
        if scope is None:
            continue
        text = scope.text
        for m in _opening_years(text):
            if int(m.group(1)) == year:
                continue
            sentence_start = m.start()
            ends = SENTENCE_BREAK.search(text, m.end())
            sentence = text[sentence_start : ends.end() if ends else len(text)]
            if not params["count"].search(sentence) or params["other_year_ok"].search(sentence):
                continue
            if any(int(y) == year for y in YEAR.findall(sentence)):
                continue
            start = m.start(1)
            if start in seen:
                continue
            seen.add(start)
            yield Hit(
                scope.span(report, start, start + 4),
                {"year": m.group(1), "report_year": year, "sentence": sentence.strip()[:60]},
                matched=sentence.strip()[:60],
            )


def _scopes(names: Sequence[str]) -> list[str]:
    return [n for n in names if n in SCOPE_CHOICES]
