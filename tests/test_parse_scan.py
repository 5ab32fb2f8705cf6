"""The marker-guided date/year scans find exactly what ``pattern.finditer`` finds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.parsing import contact, dates, meta
from govlint.parsing.scan import finditer_before_markers
from govlint.testing.generate import LAYOUTS, generate

SCANS = [  # (what the scan tries, its markers, the pattern whose finditer it must equal)
    pytest.param(dates._DATE_RE, dates._DATE_MARKERS, dates._DATE_RE, id="date"),
    pytest.param(dates._DATE_RE_BY_MARKER, dates._DATE_MARKERS, dates._DATE_RE, id="date-by-marker"),
    pytest.param(dates._PERIOD_RE, dates._PERIOD_MARKERS, dates._PERIOD_RE, id="period"),
    pytest.param(meta._BODY_YEAR_RE, meta._BODY_YEAR_MARKERS, meta._BODY_YEAR_RE, id="body-year"),
]
Scanned = re.Pattern[str] | Mapping[str, re.Pattern[str]]
# digits (ASCII, full-width, Arabic-Indic, superscript: \d or not), whitespace of several kinds,
# every marker, and the words around dates
ALPHABET = "0123456789１２٣²年月日-./ \t\n\u3000\u2028至起止到~，,；。：于、内前后左右统计a"


def _found(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str]]]:
    """Each match's span and the groups it set, by name (a pattern tried before one marker holds
    only some of the groups), or by number when it names none."""
    return [(m.span(), _set_groups(m)) for m in matches]


def _set_groups(match: re.Match[str]) -> dict[str, str]:
    named = match.groupdict()
    groups = named if named else {str(n): g for n, g in enumerate(match.groups(), 1)}
    return {name: value for name, value in groups.items() if value is not None}


@pytest.mark.parametrize(("scanned", "markers", "pattern"), SCANS)
@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_scan_equals_finditer(scanned: Scanned, markers: str, pattern: re.Pattern[str], text: str) -> None:
    assert _found(finditer_before_markers(scanned, markers, text)) == _found(pattern.finditer(text))


@pytest.mark.parametrize(("scanned", "markers", "pattern"), SCANS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_scan_equals_finditer_on_reports(scanned: Scanned, markers: str, pattern: re.Pattern[str], layout: str) -> None:
    text = generate(6000, seed=5, layout=layout)
    expected = _found(pattern.finditer(text))
    assert expected  # the reports do hold dates and years
    assert _found(finditer_before_markers(scanned, markers, text)) == expected


def test_scan_is_lazy() -> None:
    scan = finditer_before_markers(
        dates._PERIOD_RE, dates._PERIOD_MARKERS, "2021年1月1日至12月31日；2022年1月1日至3月1日"
    )
    assert next(scan).group("sy") == "2021"


NOTICE_ALPHABET = "0123456789１٣²号第令函发字办〔〕[]［］【】()（） \t\u3000\n国a"


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=NOTICE_ALPHABET, max_size=60))
def test_notice_scan_equals_finditer(text: str) -> None:
    assert _found(contact._notice_matches(text)) == _found(contact._NOTICE_CORE_RE.finditer(text))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_notice_scan_equals_finditer_on_reports(layout: str) -> None:
    text = generate(6000, seed=5, layout=layout) + "\n依据国办公开办函〔2021〕30号和国务院令第 711 号、裕政〔201510号。"
    expected = _found(contact._NOTICE_CORE_RE.finditer(text))
    assert len(expected) >= 3
    assert _found(contact._notice_matches(text)) == expected
