"""The ``balance`` check kind: an identity over one table's cells, declared in YAML (govlint.expr)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.tables import cell_census, cell_span, table_args, table_version
from govlint.engine.tablekeys import VersionedAssertion
from govlint.expr import format_number
from govlint.model import Report


@check_kind(
    "balance",
    provides=(
        "table_name",
        "table_name_en",
        "item",
        "left",
        "left_value",
        "right",
        "right_value",
        "op",
        "shown",
    ),
    table=Param("table", required=True, doc="the table the identity is about: t2, t3, t4 or stat"),
    for_each=Param("str", default="column", choices=("column", "row"), doc="evaluate per column or per row"),
    **{"assert": Param("expr", required=True, doc="the identity, e.g. '一 + 二 == 三.七 + 四'")},
)
def balance(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """One finding per column (or row) where the identity does not hold. Columns or rows with a blank,
    non-numeric or missing cell are skipped (the cells rules report those); unreliable tables are
    skipped (the unreliable-table rule says once that they were not verified)."""
    assertion_set: VersionedAssertion = params["assert"]
    for table in report.tables:
        if table.kind != params["table"] or not table.reliable:
            continue
        assertion = assertion_set.for_version(table_version(report, table))
        if assertion is None:
            continue
        values = cell_census(table, ctx).numbers  # blank and text cells are left out, never 0
        items = table.columns if params["for_each"] == "column" else table.rows
        for item, outcome in assertion.violations(values, items):
            row, column = outcome.first_cell or (item, item)
            yield Hit(
                cell_span(report, table, row, column),
                {
                    **table_args(table.kind),
                    "item": item,
                    "left": outcome.left,
                    "left_value": format_number(outcome.left_value),
                    "right": outcome.right,
                    "right_value": format_number(outcome.right_value),
                    "op": outcome.op,
                    "shown": outcome.shown,
                },
                matched=f"{table.kind}:{item}:{assertion.source}",
            )
