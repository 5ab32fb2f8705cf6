"""Row and column keys of each format's tables, read from templates/, for checking rule parameters
that name table cells (assertions, row and column lists) when the rules are loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from govlint.expr import Assertion, ExprError, compile_assertion
from govlint.templates import VERSIONS, LabelSpec, load_template


@dataclass(frozen=True)
class TableKeys:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    groups: tuple[str, ...]
    row_labels: dict[str, str]
    # Value type per column: int (>= 0), signed_int, amount (decimal >= 0) or text; and its unit.
    column_types: dict[str, str]
    column_units: dict[str, str]
    section: int | None = None  # the top-level section that holds the table


@cache
def table_keys(kind: str, version: str) -> TableKeys | None:
    """The keys of table ``kind`` in format ``version``; None when that format has no such table."""
    if version not in VERSIONS:
        return None
    spec = load_template(version).table(kind)
    if spec is None:
        return None
    groups = {g.key: g.label for g in spec.groups}
    return TableKeys(
        rows=tuple(spec.row_keys),
        columns=tuple(spec.column_keys),
        groups=tuple(g.key for g in spec.groups),
        row_labels={r.key: _row_label(r, groups) for r in spec.rows},
        column_types={c.key: c.type for c in spec.columns},
        column_units={c.key: c.unit for c in spec.columns if c.unit},
        section=spec.section,
    )


def _row_label(row: LabelSpec, groups: dict[str, str]) -> str:
    """The label to show in messages: a numbered sub-row (``1.属于国家秘密``) with its group."""
    if row.group and row.group in groups and row.label[:1].isdigit():
        return f"{groups[row.group]} {row.label}"
    return row.label


def versions_with(kind: str, formats: Iterable[str] | None) -> list[str]:
    wanted = VERSIONS if formats is None else [v for v in VERSIONS if v in set(formats)]
    return [v for v in wanted if table_keys(kind, v) is not None]


@dataclass(frozen=True)
class VersionedAssertion:
    """One assertion compiled against each format version's table (keys differ between versions)."""

    source: str
    for_each: str | None
    by_version: dict[str, Assertion]

    def for_version(self, version: str | None) -> Assertion | None:
        return self.by_version.get(version) if version else None


def compile_table_param(type_: str, value: Any, table: Any, for_each: Any, formats: Iterable[str] | None) -> Any:
    """Validate a parameter that names cells of ``table`` (checked for every applicable format)."""
    if table is None:
        raise ValueError("needs the rule's 'table' parameter to know which cells exist")
    versions = versions_with(table, formats)
    if not versions:
        raise ValueError(f"no format the rule applies to has a table {table!r}")
    if type_ == "expr":
        if not isinstance(value, str):
            raise TypeError("expected an assertion such as '一 + 二 == 三.七 + 四'")
        compiled = {}
        for version in versions:
            keys = table_keys(table, version)
            assert keys is not None
            try:
                compiled[version] = compile_assertion(value, keys.rows, keys.columns, for_each, keys.groups)
            except ExprError as exc:
                scope = f" in the {version} format" if len(versions) > 1 else ""
                raise ValueError(f"{exc}{scope}") from None
        return VersionedAssertion(value, for_each, compiled)
    # "rows" / "columns": a list of keys, each present in at least one applicable format.
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise TypeError(f"expected a list of {type_[:-1]} keys")
    known: list[str] = []
    for version in versions:
        keys = table_keys(table, version)
        assert keys is not None
        known.extend(k for k in (keys.rows if type_ == "rows" else keys.columns) if k not in known)
    for item in items:
        if item not in known:
            raise ValueError(f"unknown {type_[:-1]} key {item!r} for table {table}; known: {', '.join(known)}")
    return list(items)
