"""Every date written in the report, and the statistics period (统计期限).

One pass of one compiled pattern over the text finds the dates; impossible (2月30日) and malformed
(``截止至20201231日``, ``2020年78日``) dates are kept with ``valid=False`` and a ``problem`` key, so
rules can point at them instead of the parser silently dropping them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import fields
from typing import Any

from govlint.model import DateValue, Period
from govlint.parsing.positions import Locator
from govlint.parsing.scan import finditer_before_markers

# whitespace inside a date, line breaks included (PDF text wraps anywhere); \s covers U+3000
_S = r"\s*"
_YEAR = r"(?:19|20)\d{2}"

# The alternatives of _DATE_RE by the marker (see below) that follows their first run of digits:
# before a given marker only its own alternatives can match, so only they are tried there.
_DATE_ALTERNATIVES_BY_MARKER = {
    "年": (
        rf"(?P<y>{_YEAR}){_S}年{_S}(?P<m>\d{{1,2}}){_S}月{_S}(?P<d>\d{{1,3}}){_S}日",
        rf"(?P<xy>{_YEAR}){_S}年{_S}(?P<xd>\d{{2,4}}){_S}日",  # 2020年78日: no month
        rf"(?P<ym_y>{_YEAR}){_S}年{_S}(?P<ym_m>\d{{1,2}}){_S}月(?!{_S}\d)",
    ),
    "-./": (rf"(?<![\d.])(?P<iy>{_YEAR})(?P<sep>[-./])(?P<im>\d{{1,2}})(?P=sep)(?P<id>\d{{1,2}})(?![\d.])",),
    "月": (
        rf"(?<![\d年])(?P<ny>{_YEAR})(?P<nm>\d{{1,2}}){_S}月{_S}(?P<nd>\d{{1,2}}){_S}日",  # 20211月5日: no 年
        rf"(?<![\d年])(?P<mm>\d{{1,2}}){_S}月{_S}(?P<dd>\d{{1,3}}){_S}日",
    ),
    "日": (
        rf"(?<![\d年])(?P<my>{_YEAR})(?P<md>\d{{2,4}}){_S}日",  # 20201231日, 202114日
        # 78日 at the start of a clause: 7月8日 with 月 lost (not 历时45日, 45日内: durations)
        r"(?<=[，,；;。：:、于])(?P<bd>\d{2,4})日(?!\s*(?:内|以内|之内|后|前|左右))",
    ),
}


def _alternation(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?=\d)(?:{'|'.join(alternatives)})")


_DATE_RE = _alternation(tuple(a for group in _DATE_ALTERNATIVES_BY_MARKER.values() for a in group))
_DATE_RE_BY_MARKER = {
    marker: _alternation(group) for markers, group in _DATE_ALTERNATIVES_BY_MARKER.items() for marker in markers
}
_DATE_GROUPS = tuple(_DATE_RE.groupindex)
_PERIOD_RE = re.compile(
    rf"(?=\d)(?P<start>(?P<sy>{_YEAR}){_S}年{_S}(?P<sm>\d{{1,2}}){_S}月{_S}(?P<sd>\d{{1,2}}){_S}日)"
    rf"{_S}(?:起)?{_S}(?:至|到|—|－|-|~|～|－)+{_S}"
    rf"(?P<end>(?:(?P<ey>{_YEAR}){_S}年{_S})?(?P<em>\d{{1,2}}){_S}月{_S}(?P<ed>\d{{1,2}}){_S}日)(?:{_S}止)?"
)
# Where a date can start: every match of the patterns above starts with a run of digits that ends,
# after optional whitespace, at one of these (see govlint.parsing.scan).
_DATE_MARKERS = "年月日-./"
_PERIOD_MARKERS = "年"
_PERIOD_CUE_RE = re.compile(r"统计|期限|时限|周期|期间|时段|范围")


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # (calendar.mdays is undocumented)


def _check(year: int | None, month: int | None, day: int | None) -> tuple[bool, str | None]:
    if month is not None and not 1 <= month <= 12:
        return False, "impossible"
    if day is not None:
        if month is None:
            return False, "malformed"
        # (calendar.monthrange's day count, without the weekday it computes too)
        limit = 29 if month == 2 and calendar.isleap(year or 2000) else _MONTH_DAYS[month]  # 2000: 2月29日 allowed
        if not 1 <= day <= limit:
            return False, "impossible"
    return True, None


def _splits_into_month_day(digits: str) -> bool:
    for cut in range(1, len(digits)):
        month, day = int(digits[:cut]), int(digits[cut:])
        if 1 <= month <= 12 and 1 <= day <= 31 and not digits[cut:].startswith("0"):
            return True
    return False


def find_dates(text: str, locate: Locator) -> list[DateValue]:
    found: list[DateValue] = []
    for match in finditer_before_markers(_DATE_RE_BY_MARKER, _DATE_MARKERS, text):
        groups: dict[str, Any] = dict.fromkeys(_DATE_GROUPS) | match.groupdict()  # (None for the others' groups)
        problem: str | None = None
        valid = True
        if groups["y"] is not None:
            year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        elif groups["xy"] is not None:
            year, month, day = int(groups["xy"]), None, None
            valid, problem = False, "malformed"
        elif groups["ym_y"] is not None:
            year, month, day = int(groups["ym_y"]), int(groups["ym_m"]), None
        elif groups["iy"] is not None:
            year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
        elif groups["ny"] is not None:
            year, month, day = int(groups["ny"]), int(groups["nm"]), int(groups["nd"])
            valid, problem = False, "malformed"
        elif groups["my"] is not None:
            digits = groups["md"]
            year, month, day = int(groups["my"]), None, None
            if len(digits) == 4:
                month, day = int(digits[:2]), int(digits[2:])
            valid, problem = False, "malformed"
        elif groups["bd"] is not None:
            # a bare day number is a date only when it cannot be a day: 78日 (7月8日 with 月 lost)
            digits = groups["bd"]
            if int(digits) <= 31 or not _splits_into_month_day(digits):
                continue
            year, month, day = None, None, None
            valid, problem = False, "malformed"
        else:
            year = None
            month, day = int(groups["mm"]), int(groups["dd"])
        if valid:
            valid, problem = _check(year, month, day)
        span = locate.span(match.start(), match.end())
        found.append(DateValue(match.group(0), span, year, month, day, valid, problem))
    return found


def find_period(text: str, locate: Locator, limit: int | None = None) -> Period | None:
    """The statistics period: the first date range introduced by 统计/期限/…, else the first range
    starting on 1月1日. ``limit`` restricts the search to the text before that offset first."""
    best = None
    fallback = None
    for match in finditer_before_markers(_PERIOD_RE, _PERIOD_MARKERS, text):
        cue = _PERIOD_CUE_RE.search(text, max(0, match.start() - 40), match.start())
        if cue is not None:
            best = match
            break
        if fallback is None and match.group("sm") == "1" and match.group("sd") == "1":
            fallback = match
        if limit is not None and match.start() > limit and fallback is not None:
            break
    chosen = best or fallback
    if chosen is None:
        return None
    match = chosen
    sy, sm, sd = int(match.group("sy")), int(match.group("sm")), int(match.group("sd"))
    ey = int(match.group("ey")) if match.group("ey") else None
    em, ed = int(match.group("em")), int(match.group("ed"))
    start_valid, start_problem = _check(sy, sm, sd)
    end_valid, end_problem = _check(ey or sy, em, ed)
    start = DateValue(
        match.group("start"),
        locate.span(match.start("start"), match.end("start")),
        sy,
        sm,
        sd,
        start_valid,
        start_problem,
        role="period_start",
    )
    end = DateValue(
        match.group("end"),
        locate.span(match.start("end"), match.end("end")),
        ey,
        em,
        ed,
        end_valid,
        end_problem,
        role="period_end",
    )
    return Period(start, end, locate.span(match.start(), match.end()), match.group(0))


def with_roles(dates: list[DateValue], roles: dict[int, str]) -> list[DateValue]:
    """Copy ``dates`` giving the date that starts at each offset in ``roles`` its role."""
    if not roles:
        return dates
    return [_with_role(d, roles[d.span.start.offset]) if d.span.start.offset in roles else d for d in dates]


def _with_role(date: DateValue, role: str) -> DateValue:
    """``dataclasses.replace(date, role=role)``, written out (replace inspects the fields each call)."""
    return DateValue(date.raw, date.span, date.year, date.month, date.day, date.valid, date.problem, role)


# (_with_role copies every field but the role: a field added to DateValue must be added there too)
assert [f.name for f in fields(DateValue)] == ["raw", "span", "year", "month", "day", "valid", "problem", "role"]
