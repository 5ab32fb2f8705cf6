"""Format-version checks: the report uses the format its report year requires (spec §2, L-02-L-04).

The parser decides ``report.format`` (from the year and fingerprints) and each table's template;
these checks compare that evidence with the year, so a 2021 report built on the 2019 tables, or a
2019+ report with the pre-2019 统计表, is caught even when the parser classified it by its year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.tables import TABLE_NAMES
from govlint.model import Report, Table

FORMAT_NAMES = {
    "2008": ("2019年以前的格式（统计表）", "the pre-2019 format (statistics table)"),
    "2019": ("2019年试行格式（国办公开办函〔2019〕60号）", "the 2019 trial format (60号)"),
    "2021": ("2021年格式（国办公开办函〔2021〕30号）", "the 2021 format (30号)"),
}
# The tables reader's note for a 表三 whose （六）其他处理 is one row (2019) instead of three (2021).
SINGLE_ROW_OTHER = "other-processing-single-row"


def table_version(table: Table) -> str | None:
    """The format version a table's layout shows; None when it does not tell (表四 is the same in
    2019 and 2021)."""
    if table.kind == "t4":
        return None
    if table.kind == "t3" and SINGLE_ROW_OTHER in table.notes:
        return "2019"  # （六）其他处理 as one row: the 2019 表三, whatever the year suggested
    return table.template


def table_versions(report: Report) -> dict[str, list[str]]:
    """Format version -> the tables built on it (only tables whose version shows)."""
    out: dict[str, list[str]] = {}
    for table in report.tables:
        version = table_version(table)
        if version:
            out.setdefault(version, []).append(table.kind)
    return out


@check_kind(
    "format-used",
    forbidden=Param("list[str]", required=True, doc="format versions the report's year rules out"),
    provides=("used", "used_en", "tables", "year"),
)
def format_used(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The report's tables follow a format version its report year no longer allows."""
    versions = table_versions(report)
    for version in params["forbidden"]:
        kinds = versions.get(version)
        if not kinds and report.format == version and report.tables:
            kinds = [t.kind for t in report.tables if t.kind != "t4"] or [report.tables[0].kind]
        if not kinds:
            continue
        first = next(t for t in report.tables if t.kind == kinds[0])
        zh, en = FORMAT_NAMES.get(version, (version, version))
        yield Hit(
            first.span,
            {
                "used": zh,
                "used_en": en,
                "tables": "、".join(TABLE_NAMES.get(k, k) for k in kinds),
                "year": report.year or "",
            },
            matched=f"{version}:{','.join(kinds)}",
        )
        return


@check_kind("mixed-format", provides=("versions", "detail"))
def mixed_format(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Tables of one report follow two different format versions."""
    versions = table_versions(report)
    if len(versions) < 2:
        return
    detail = "；".join(
        f"{'、'.join(TABLE_NAMES.get(k, k) for k in kinds)}：{FORMAT_NAMES.get(v, (v, v))[0]}"
        for v, kinds in sorted(versions.items())
    )
    versioned = [t for t in report.tables if table_version(t)]
    first = table_version(versioned[0])
    later = next(t for t in versioned if table_version(t) != first)
    yield Hit(later.span, {"versions": "、".join(sorted(versions)), "detail": detail}, matched=detail)
