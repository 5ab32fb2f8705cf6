"""Check kinds that turn what the reader and parser could not do into findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.tables import is_table, table_args
from govlint.model import Report


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
                    **table_args(table),
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
            {**table_args(table), "rows": shown, "count": len(keys)},
            matched=f"{table.kind}:unaligned:{','.join(keys)}",
        )
