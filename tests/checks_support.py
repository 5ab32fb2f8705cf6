"""Build ``Report`` objects directly from text for unit tests of check kinds.

This is deliberately not the parser's grammar: the structure is read simply (the title on the
first line, 一、-style top-level headings, tables given explicitly as cells), so the checks are
tested independently of how govlint.parsing reads real layouts. Dates, the statistics period and
the contact block are read with the parser's own field readers, which the checks rely on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from govlint.checks.registry import CHECKS, CheckContext, Hit
from govlint.checks.textscope import span_of
from govlint.engine.loader import import_check_kinds
from govlint.model import Cell, DateValue, Field, Heading, Line, Paragraph, Report, Section, Table
from govlint.parsing import contact as contact_reader
from govlint.parsing import dates as date_reader
from govlint.parsing.positions import Locator
from govlint.safe_regex import compile as compile_regex

import_check_kinds()

HEADING = regex.compile(r"^(?P<number>[一二三四五六七八九十]+)、(?P<title>.+)$")
NUMERALS = "一二三四五六七八九十"


def build(
    text: str,
    *,
    year: int | None = 2021,
    fmt: str | None = "2021",
    agency: str | None = None,
    tables: list[Table] | None = None,
) -> Report:
    report = Report(path="<test>", text=text, year=year, format=fmt)  # type: ignore[arg-type]
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        report.lines.append(Line(number=number, offset=offset, text=raw))
        offset += len(raw) + 1
    first = next((ln for ln in report.lines if ln.text.strip()), None)
    if first is not None and not HEADING.match(first.text):
        report.title = Field(first.text.strip(), first.text, first.span)
    if agency is not None:
        report.agency = Field(agency, agency, span_of(report, 0, 0))
    for ln in report.lines:
        m = HEADING.match(ln.text.strip())
        if m is None:
            continue
        ordinal = NUMERALS.index(m.group("number")) + 1 if len(m.group("number")) == 1 else 10
        heading = Heading(1, m.group("number"), ordinal, m.group("title"), ln.text, ln.span)
        report.headings.append(heading)
        report.sections.append(Section(heading))
    ends = [s.heading.span.start.offset for s in report.sections[1:]] + ([len(text)] if report.sections else [])
    for section, end in zip(report.sections, ends, strict=True):
        start = section.heading.span.start.offset
        section.span = span_of(report, start, end)
        body = text[section.heading.span.end.offset : end]
        if body.strip():
            section.paragraphs.append(Paragraph(body.strip(), span_of(report, start, end)))
    _read_fields(report)
    report.tables = tables or []
    return report


DATE_LINE = regex.compile(r"^[\s(（]*\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[\s)）]*$")


def _read_fields(report: Report) -> None:
    """Dates, period and contact block with the parser's readers; the signing date is a date alone on
    a line after the last section, the publication date one on a 发布时间/发布日期 line."""
    text, locate = report.text, Locator([line.offset for line in report.lines])
    preamble_end = report.sections[0].heading.span.start.offset if report.sections else len(text)
    report.dates = date_reader.find_dates(text, locate)
    report.period = date_reader.find_period(text, locate, preamble_end)
    report.contact = contact_reader.find_contact(text, locate, 0, preamble_end)
    last = report.sections[-1].heading.span.start.offset if report.sections else len(text)
    for date in report.dates:
        line = report.lines[date.span.start.line - 1].text
        if regex.match(r"\s*(发布时间|发布日期)", line):
            report.publication_date = _with_role(date, "publication")
        elif date.span.start.offset > last and DATE_LINE.match(line):
            report.signature_date = _with_role(date, "signature")


def _with_role(date: DateValue, role: str) -> DateValue:
    return DateValue(date.raw, date.span, date.year, date.month, date.day, date.valid, date.problem, role)


def table(
    kind: str, cells: Mapping[tuple[str, str], int | None], *, reliable: bool = True, template: str | None = None
) -> Table:
    """A table whose cells are numbers (None = blank), placed at the start of the text."""
    zero = span_of(Report(path="", text=""), 0, 0)
    t = Table(kind=kind, template=template, span=zero, layout="tabs", reliable=reliable)  # type: ignore[arg-type]
    for (row, column), value in cells.items():
        t.cells[(row, column)] = Cell(
            "blank" if value is None else "number", value, "" if value is None else str(value), None
        )
        if row not in t.rows:
            t.rows.append(row)
        if column not in t.columns:
            t.columns.append(column)
    return t


def run(kind: str, report: Report, options: Mapping[str, Any] | None = None, **params: Any) -> list[Hit]:
    """Run check kind ``kind`` with ``params`` (regex parameters given as strings are compiled,
    defaults filled in as the rule loader would)."""
    spec = CHECKS[kind]
    full: dict[str, Any] = {}
    for name, param in spec.params.items():
        value = params.get(name, param.default)
        if param.type == "regex" and isinstance(value, str):
            value = compile_regex(value)
        if param.type == "list[regex]" and value is not None:
            value = [compile_regex(v) for v in ([value] if isinstance(value, str) else value)]
        full[name] = value
    return list(spec.fn(report, full, CheckContext(rule_code="TEST", options=options or {})))
