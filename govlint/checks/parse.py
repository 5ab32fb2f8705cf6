"""Check kinds that turn what the reader and parser could not do into findings."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.tables import TABLE_NAMES, TABLE_NAMES_EN, is_table, keys_for, table_args
from govlint.model import Position, Report, Span


@check_kind(
    "diagnostic",
    provides=("diagnostic", "detail"),
    codes=Param("list[str]", required=True, doc="diagnostic codes (govlint.model.Diagnostic.code) to report"),
)
def diagnostic(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """One finding per reader/parser diagnostic whose code is listed (binary, undecodable, empty, ...)."""
    wanted = set(params["codes"])
    for item in report.diagnostics:
        if item.code in wanted:
            yield Hit(item.span, {"diagnostic": item.code, "detail": item.message}, matched=item.code)


@check_kind(
    "unreliable-table",
    provides=("table", "table_name", "table_name_en", "layout", "notes"),
)
def unreliable_table(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Once per table whose grid could not be reconstructed reliably: its shape, cells and
    arithmetic are not judged. A table the extractor failed on altogether is reported the same way."""
    for item in report.diagnostics:
        if item.code == "table-extraction-failed":
            yield Hit(
                item.span,
                {
                    "table_name": "统计表",
                    "table_name_en": "the statistics tables",
                    "layout": "?",
                    "notes": item.message,
                },
                matched=item.code,
            )
    for table in report.tables:
        if not table.reliable and is_table(table):
            yield Hit(
                table.span,
                {
                    **table_args(table.kind),
                    "layout": table.layout,
                    "notes": ", ".join(table.notes),
                },
                matched=f"{table.kind}:{table.layout}",
            )


@check_kind("unaligned-cells", provides=("table", "table_name", "table_name_en", "rows", "count"))
def unaligned_cells(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Once per table with rows whose values could sit in more than one set of columns (the row's
    empty fields do not line up with the header): the cells in doubt were not read, so neither
    they nor the totals that need them were verified."""
    for table in report.tables:
        if not table.reliable:
            continue  # the unreliable-table check speaks for the whole table
        keys = [k for note in table.notes if note.startswith("unaligned:") for k in note[10:].split(",") if k]
        if not keys:
            continue
        labels = [table.row_labels[k].raw if k in table.row_labels else k for k in keys]
        shown = "、".join(f"“{label}”" for label in labels[:3]) + ("等" if len(labels) > 3 else "")
        first = table.row_spans.get(keys[0]) or table.span
        yield Hit(
            first,
            {**table_args(table.kind), "rows": shown, "count": len(keys)},
            matched=f"{table.kind}:unaligned:{','.join(keys)}",
        )


# Markup of a saved web page (not a tag or two quoted in a markdown report).
_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:p|div|table|tr|td|th|span|body|head|meta|style|script)[\s>/]", re.IGNORECASE)
_HTML_TAGS_MIN = 5
_HTML_SCAN = 20_000


@check_kind("html-page", provides=("detail",))
def html_page(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Once when the file is a web page's HTML source rather than the report's text: the parser's
    ``html`` diagnostic, or markup throughout the start of the text."""
    for item in report.diagnostics:
        if item.code == "html":
            yield Hit(item.span, {"detail": item.message}, matched="html")
            return
    if report.text.find("<", 0, _HTML_SCAN) == -1:
        return
    head = report.text[:_HTML_SCAN]
    first = _HTML_DOCUMENT.search(head)
    if first is None:
        tags = list(itertools.islice(_HTML_TAG.finditer(head), _HTML_TAGS_MIN))
        if len(tags) < _HTML_TAGS_MIN:
            return
        first = tags[0]
    yield Hit(_offset_span(report, first.start(), first.end()), {"detail": first.group()}, matched="html")


def _offset_span(report: Report, start: int, end: int) -> Span:
    line = report.text.count("\n", 0, start) + 1
    column = start - (report.text.rfind("\n", 0, start) + 1) + 1
    return Span(Position(line, column, start), Position(line, column + end - start, end))


# A report cut off in the middle of a sentence ends on one of these.
_OPEN_ENDINGS = tuple("，,、：:；;（(“‘《〔[【—")


@check_kind("truncated", provides=("reason", "reason_en"))
def truncated(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The text stops before the report ends: the parser's ``truncated`` diagnostic, a last line
    that breaks off mid-sentence (ends with ，、：（ …), or a table that runs to the end of the
    text with its last rows missing."""
    for item in report.diagnostics:
        if item.code == "truncated":
            yield Hit(item.span, {"reason": item.message, "reason_en": item.message}, matched="truncated")
            return
    last = next((ln for ln in reversed(report.lines) if ln.text.strip() and ln.kind != "chrome"), None)
    if last is None or any(d.code in ("flattened", "html") for d in report.diagnostics):
        return  # one line for the whole body: its end says nothing about a cut
    text = last.text.rstrip()
    if text.endswith(_OPEN_ENDINGS):
        span = Span(Position(last.number, len(text), last.offset + len(text) - 1), last.span.end)
        yield Hit(
            span,
            {"reason": f"最后一句止于“{text[-1]}”", "reason_en": f"the last sentence stops at “{text[-1]}”"},
            matched=f"truncated:{text[-8:]}",
        )
        return
    for table in report.tables:
        if table.kind == "stat" or table.span.end.line < last.number or not table.rows or not table.missing_rows:
            continue  # the 统计表 ends pre-2019 reports, and local variants omit rows
        order = [*table.rows, *table.missing_rows]
        keys = keys_for(report, table)
        if keys is not None and keys.rows:
            order = [k for k in keys.rows if k in order]
        position = {k: i for i, k in enumerate(order)}
        if min(position.get(m, -1) for m in table.missing_rows) > max(position.get(r, -1) for r in table.rows):
            name = TABLE_NAMES.get(table.kind, table.kind)
            yield Hit(
                last.span,
                {
                    "reason": f"{name}到文末只有前{len(table.rows)}行",
                    "reason_en": f"{TABLE_NAMES_EN.get(table.kind, table.kind)} stops after its first "
                    f"{len(table.rows)} rows at the end of the text",
                },
                matched=f"truncated:{table.kind}",
            )
            return
