"""Helpers shared by the table tests."""

from __future__ import annotations

from govlint.model import Table


def values(table: Table, key: str, columns: list[str]) -> list[object]:
    """The row's cells as a test compares them: the number, the raw text of a non-numeric cell,
    None for a blank one, "?" for a cell the table does not have."""
    out: list[object] = []
    for col in columns:
        cell = table.cell(key, col)
        out.append("?" if cell is None else cell.value if cell.kind == "number" else cell.raw or None)
    return out
