"""Date checks: the statistics period, malformed or impossible dates, signing and publication dates.

The parser reads the dates (``report.dates`` with ``valid``/``problem`` — impossible ``2月30日``,
malformed ``截止至20201231日`` or ``78日`` —, ``period``, ``signature_date``, ``publication_date``);
these checks judge them against the report year and the deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from govlint.checks.agency import DEPARTMENT, GOVERNMENT, agency_type
from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.textscope import remembered
from govlint.model import DateValue, Report


def as_date(value: DateValue | None) -> dt.date | None:
    if value is None or not value.valid or None in (value.year, value.month, value.day):
        return None
    try:
        return dt.date(value.year, value.month, value.day)  # type: ignore[arg-type]
    except ValueError:
        return None


@check_kind("statistics-period", provides=("period", "year", "start", "end"))
def statistics_period(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The stated statistics period runs from 1 January to 31 December of the report year."""
    year = report.year
    period = report.period
    if year is None or period is None or period.start is None or period.end is None:
        return
    s, e = period.start, period.end
    if (s.year, s.month, s.day) == (year, 1, 1) and (e.year or s.year, e.month, e.day) == (year, 12, 31):
        return
    yield Hit(
        period.span,
        {"period": f"{s.raw.strip()}至{e.raw.strip()}", "year": year, "start": s.raw.strip(), "end": e.raw.strip()},
        matched=period.raw.strip(),
    )


@check_kind("period-stated", provides=("year",))
def period_stated(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The report states its statistics period."""
    if report.period is None and report.sections:
        yield Hit(None, {"year": report.year or ""})


def _scan_bad_dates(report: Report) -> list[DateValue]:
    return remembered(report, "bad_dates", _find_bad_dates)


def _find_bad_dates(report: Report) -> list[DateValue]:
    """The dates the parser found invalid (impossible, or malformed: 20201231日, 78日)."""
    return sorted((d for d in report.dates if not d.valid), key=lambda v: v.span.start.offset)


@check_kind(
    "invalid-dates",
    provides=("date",),
    problem=Param("str", required=True, choices=("malformed", "impossible"), doc="which invalid dates to report"),
)
def invalid_dates(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Dates that are written wrongly (``截止至20201231日``, ``78日``) or cannot exist (2月30日)."""
    wanted = params["problem"]
    for value in _scan_bad_dates(report):
        problem = "impossible" if value.problem == "impossible" else "malformed"
        if problem == wanted:
            yield Hit(value.span, {"date": value.raw.strip()}, matched=value.raw.strip())


def _signing_or_publication(report: Report) -> tuple[DateValue | None, str]:
    pub = report.publication_date
    if as_date(pub) is not None:
        return pub, "publication"
    sig = report.signature_date
    if as_date(sig) is not None:
        return sig, "signature"
    return None, ""


ROLE_ZH = {"publication": "发布日期", "signature": "落款日期"}
ROLE_EN = {"publication": "publication date", "signature": "signing date"}


@check_kind("dated-before-period-end", provides=("date", "year", "role", "role_en"))
def dated_before_period_end(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The report is signed or published before its statistics period has ended."""
    year = report.year
    if year is None:
        return
    for value, role in ((report.signature_date, "signature"), (report.publication_date, "publication")):
        when = as_date(value)
        if value is not None and when is not None and when <= dt.date(year, 12, 31):
            yield Hit(
                value.span,
                {"date": value.raw.strip(), "year": year, "role": ROLE_ZH[role], "role_en": ROLE_EN[role]},
                matched=value.raw.strip(),
            )


def deadline_for(report: Report, options: Mapping[str, Any]) -> tuple[dt.date, str | None] | None:
    year = report.year
    if year is None:
        return None
    kind = agency_type(report, options)
    if report.format == "2008" or year <= 2018 or kind != DEPARTMENT:
        # Old regime; 本级政府 reports; and an issuer we cannot classify gets the later date.
        return dt.date(year + 1, 3, 31), kind
    return dt.date(year + 1, 1, 31), kind


@check_kind(
    "publication-deadline",
    provides=("date", "role", "role_en", "deadline", "deadline_en", "agency_kind", "agency_kind_en", "days"),
)
def publication_deadline(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The report is published (or, failing a publication date, signed) by the statutory deadline."""
    found = deadline_for(report, ctx.options)
    value, role = _signing_or_publication(report)
    when = as_date(value)
    if found is None or value is None or when is None:
        return
    deadline, kind = found
    inclusive = ctx.options.get("deadline_inclusive", True)
    late = when > deadline if inclusive else when >= deadline
    if not late:
        return
    kind_zh = {GOVERNMENT: "人民政府（本级政府）年度报告", DEPARTMENT: "政府部门年度报告"}.get(kind or "", "年度报告")
    kind_en = {GOVERNMENT: "a government's report", DEPARTMENT: "a department's report"}.get(kind or "", "the report")
    if report.format == "2008" or (report.year or 0) <= 2018:
        kind_zh, kind_en = "2019年以前的年度报告", "a report under the pre-2019 regime"
    yield Hit(
        value.span,
        {
            "date": value.raw.strip(),
            "role": ROLE_ZH[role],
            "role_en": ROLE_EN[role],
            "deadline": f"{deadline.year}年{deadline.month}月{deadline.day}日",
            "deadline_en": deadline.isoformat(),
            "agency_kind": kind_zh,
            "agency_kind_en": kind_en,
            "days": (when - deadline).days,
        },
        matched=value.raw.strip(),
    )
