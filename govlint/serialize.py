"""The report model as JSON (``govlint parse --json``) and as readable text (``govlint parse``).

The JSON is a documented, stable interface (docs/parse.md): keys are only ever added. Positions
are 1-based lines and columns counted in characters, as in every govlint output.
"""

from __future__ import annotations

import json
from typing import Any

from govlint.model import Cell, DateValue, Diagnostic, Field, Period, Report, Section, Span, Table

SCHEMA_VERSION = 1


def _where(span: Span | None) -> dict[str, int | None]:
    if span is None:
        return {"line": None, "column": None, "end_line": None, "end_column": None}
    return {
        "line": span.start.line,
        "column": span.start.column,
        "end_line": span.end.line,
        "end_column": span.end.column,
    }


def field_dict(field: Field | None) -> dict[str, Any] | None:
    if field is None:
        return None
    return {"value": field.value, "raw": field.raw, **_where(field.span)}


def _iso(date: DateValue | None, fallback_year: int | None = None) -> str | None:
    if date is None or not date.valid or date.month is None or date.day is None:
        return None
    year = date.year or fallback_year
    if year is None:
        return None
    return f"{year:04d}-{date.month:02d}-{date.day:02d}"


def date_dict(date: DateValue | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {
        "raw": date.raw,
        "iso": _iso(date),
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "valid": date.valid,
        "problem": date.problem,
        "role": date.role,
        **_where(date.span),
    }


def period_dict(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    start_year = period.start.year if period.start else None
    return {
        "start": _iso(period.start),
        "end": _iso(period.end, fallback_year=start_year),  # 2020年1月1日至12月31日: the end's year is implied
        "raw": period.raw,
        "start_date": date_dict(period.start),
        "end_date": date_dict(period.end),
        **_where(period.span),
    }


def section_dict(section: Section) -> dict[str, Any]:
    heading = section.heading
    return {
        "number": heading.number,
        "ordinal": heading.ordinal,
        "level": heading.level,
        "title": heading.title,
        "raw": heading.raw,
        "style": heading.style,
        "line": heading.span.start.line,
        "column": heading.span.start.column,
        "end_line": section.span.end.line if section.span else heading.span.end.line,
        "subsections": [section_dict(sub) for sub in section.subsections],
    }


def cell_dict(cell: Cell) -> dict[str, Any]:
    where = _where(cell.span)
    return {
        "value": cell.value,
        "raw": cell.raw,
        "kind": cell.kind,
        "line": where["line"],
        "column": where["column"],
    }


def table_dict(table: Table) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    if table.kind == "t2" and table.blocks:
        row_block = {row: block for block, rows in table.blocks.items() for row in rows}
        for (row, column), cell in table.cells.items():
            block = row_block.get(row, "")
            cells.setdefault(block, {}).setdefault(row, {})[column] = cell_dict(cell)
    else:
        for (row, column), cell in table.cells.items():
            cells.setdefault(row, {})[column] = cell_dict(cell)
    return {
        "kind": table.kind,
        "template": table.template,
        "layout": table.layout,
        "reliable": table.reliable,
        **_where(table.span),
        "rows": list(table.rows),
        "columns": list(table.columns),
        "blocks": {block: list(rows) for block, rows in table.blocks.items()},
        "cells": cells,
        "missing_rows": list(table.missing_rows),
        "missing_columns": list(table.missing_columns),
        "missing_blocks": list(table.missing_blocks),
        "extra_rows": [field_dict(f) for f in table.extra_rows],
        "extra_columns": [field_dict(f) for f in table.extra_columns],
        "notes": list(table.notes),
    }


def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    where = _where(diagnostic.span)
    return {"code": diagnostic.code, "message": diagnostic.message, "line": where["line"], "column": where["column"]}


def report_dict(report: Report) -> dict[str, Any]:
    """The model as plain JSON-ready data (see docs/parse.md for every key)."""
    contact = report.contact
    tables: dict[str, Any] = {}
    for table in report.tables:
        tables.setdefault(table.kind, table_dict(table))  # the first table of each kind
    return {
        "schema": SCHEMA_VERSION,
        "path": report.path,
        "encoding": report.encoding,
        "title": field_dict(report.title),
        "agency": report.agency.value if report.agency else None,
        "agency_field": field_dict(report.agency),
        "year": report.year,
        "year_source": report.year_source,
        "format": report.format,
        "format_evidence": list(report.format_evidence),
        "period": period_dict(report.period),
        "signature_date": date_dict(report.signature_date),
        "publication_date": date_dict(report.publication_date),
        "signature": [field_dict(f) for f in report.signature],
        "sections": [section_dict(s) for s in report.sections],
        "contact": {
            "address": field_dict(contact.address),
            "postcode": field_dict(contact.postcode),
            "phones": [field_dict(f) for f in contact.phones],
            "faxes": [field_dict(f) for f in contact.faxes],
            "emails": [field_dict(f) for f in contact.emails],
            "websites": [field_dict(f) for f in contact.websites],
            **_where(contact.span),
        },
        "notices": [field_dict(f) for f in report.notices],
        "dates": [date_dict(d) for d in report.dates],
        "tables": tables,
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
    }


def report_json(report: Report, indent: int | None = 2) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=indent)


# -- human-readable ----------------------------------------------------------------------------


def _at(span: Span | None) -> str:
    return f"{span.start.line}:{span.start.column}" if span else "-"


def _section_lines(section: Section, depth: int, out: list[str]) -> None:
    heading = section.heading
    out.append(f"  {'  ' * depth}{_at(heading.span):>8}  {heading.raw.strip()}")
    for sub in section.subsections:
        _section_lines(sub, depth + 1, out)


def _table_lines(table: Table, out: list[str]) -> None:
    state = "" if table.reliable else "，不可靠 unreliable"
    template = table.template or "?"
    out.append(f"  {table.kind} @ {_at(table.span)}  ({table.layout}, {template}{state}) {len(table.cells)} cells")
    if table.missing_rows:
        out.append(f"      缺少行 missing rows: {', '.join(table.missing_rows)}")
    columns = table.columns
    for row in table.rows:
        values = []
        for column in columns:
            cell = table.cells.get((row, column))
            values.append("·" if cell is None else (cell.raw if cell.raw != "" else "□"))
        out.append(f"      {row:<10} {' '.join(f'{v:>6}' for v in values)}")
    if table.notes:
        out.append(f"      notes: {', '.join(table.notes)}")


def report_text(report: Report) -> str:
    """A readable summary of what the parser found, with positions (line:column)."""
    out = [f"文件 path: {report.path}  ({report.encoding or 'text'})"]
    title = report.title
    out.append(f"标题 title: {title.value if title else '—'}  @ {_at(title.span if title else None)}")
    agency = report.agency
    out.append(f"机关 agency: {agency.value if agency else '—'}  @ {_at(agency.span if agency else None)}")
    out.append(f"年度 year: {report.year if report.year is not None else '—'}  (from {report.year_source or '—'})")
    out.append(f"格式 format: {report.format or '—'}  ({'; '.join(report.format_evidence[:4])})")
    period = report.period
    if period is not None:
        data = period_dict(period) or {}
        out.append(f"统计期限 period: {data['start']} — {data['end']}  @ {_at(period.span)}  「{period.raw}」")
    else:
        out.append("统计期限 period: —")
    for label, date in (("落款日期 signed", report.signature_date), ("发布日期 published", report.publication_date)):
        out.append(f"{label}: {date.raw if date else '—'}  @ {_at(date.span if date else None)}")
    out.append(f"章节 sections: {len(report.sections)}")
    for section in report.sections:
        _section_lines(section, 0, out)
    contact = report.contact
    out.append("联系方式 contact:")
    items: list[tuple[str, Field]] = []
    if contact.address:
        items.append(("地址 address", contact.address))
    if contact.postcode:
        items.append(("邮编 postcode", contact.postcode))
    items += [("电话 phone", f) for f in contact.phones]
    items += [("传真 fax", f) for f in contact.faxes]
    items += [("邮箱 email", f) for f in contact.emails]
    items += [("网址 website", f) for f in contact.websites]
    for label, field in items:
        out.append(f"  {_at(field.span):>8}  {label}: {field.value or '（空 empty）'}")
    if not items:
        out.append("  —")
    if report.notices:
        out.append("文号 notices: " + "，".join(f"{n.raw}@{_at(n.span)}" for n in report.notices))
    invalid = [d for d in report.dates if not d.valid]
    if invalid:
        out.append("日期问题 bad dates: " + "，".join(f"{d.raw}({d.problem})@{_at(d.span)}" for d in invalid))
    out.append(f"表格 tables: {len(report.tables)}")
    for table in report.tables:
        _table_lines(table, out)
    if report.diagnostics:
        out.append("诊断 diagnostics:")
        for diagnostic in report.diagnostics:
            out.append(f"  {_at(diagnostic.span):>8}  {diagnostic.code}: {diagnostic.message}")
    return "\n".join(out) + "\n"
