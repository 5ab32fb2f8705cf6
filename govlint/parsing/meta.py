"""Agency, report year and format version."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from govlint.model import Field, FormatVersion, Line, Report
from govlint.parsing.labels import normalize
from govlint.parsing.positions import Locator
from govlint.parsing.scan import finditer_before_markers

_YEAR_IN_TITLE_RE = re.compile(r"((?:19|20)\d{2})[ \t\u3000]*年")
_AGENCY_AFTER_YEAR_RE = re.compile(
    r"((?:19|20)\d{2})[ \t\u3000]*年度?[ \t\u3000]*(?P<agency>.+?)[ \t\u3000]*"
    r"(?:政府信息公开|政务公开|信息公开|政务信息公开)"
)
_BODY_YEAR_RE = re.compile(r"((?:19|20)\d{2})[ \t\u3000]*年")
_BODY_YEAR_MARKERS = "年"  # where a match ends (govlint.parsing.scan)
_WS_RE = re.compile(r"[\s\u3000]+")


def agency_from_line(text: str, line_offset: int, start: int, end: int, locate: Locator) -> Field | None:
    """The issuing agency written in a title line ``text[start:end]`` (columns within the line)."""
    segment = text[line_offset + start : line_offset + end]
    match = _YEAR_IN_TITLE_RE.search(segment)
    if match is None:
        # no year: the whole line names the agency (first line of a split title)
        value = _WS_RE.sub("", segment)
        if 2 <= len(value) <= 40 and not re.search(r"报告|年报|信息公开", value):
            return Field(value, segment, locate.span(line_offset + start, line_offset + end))
        return None
    before = segment[: match.start()].rstrip(" \t\u3000")
    if before.endswith("关于"):  # 青禾县民政局关于2021年政府信息公开工作年度报告
        before = before[:-2].rstrip(" \t\u3000")
    if len(_WS_RE.sub("", before)) >= 2:
        return Field(
            _WS_RE.sub("", before), before, locate.span(line_offset + start, line_offset + start + len(before))
        )
    after = _AGENCY_AFTER_YEAR_RE.search(segment)
    if after is not None and len(after.group("agency")) >= 2:
        a_start, a_end = after.span("agency")
        raw = segment[a_start:a_end]
        return Field(_WS_RE.sub("", raw), raw, locate.span(line_offset + start + a_start, line_offset + start + a_end))
    return None


def year_from_title(title: str) -> int | None:
    match = _YEAR_IN_TITLE_RE.search(title)
    return int(match.group(1)) if match else None


def year_from_body(text: str) -> int | None:
    counts = Counter(int(m.group(1)) for m in finditer_before_markers(_BODY_YEAR_RE, _BODY_YEAR_MARKERS, text))
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def version_for_year(year: int) -> FormatVersion:
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "2008"


_WHITESPACE_CHARACTERS = " \t\n\u3000\u00a0\f"
_HALF_TO_FULL = str.maketrans("()/:", "（）／：")


def _without_whitespace(text: str) -> str:
    """``text`` without the characters of _WHITESPACE_CHARACTERS: one str.replace per character
    the text holds (far cheaper than str.split or a regex over table rows full of tabs)."""
    for character in _WHITESPACE_CHARACTERS:
        if character in text:
            text = text.replace(character, "")
    return text


def lines_of_kind(lines: list[Line], kinds: list[str], kind: str) -> list[Line]:
    """The lines of ``kind`` in text order (``kinds[i]`` is ``lines[i].kind``): list.index skips the
    other lines without a Python step for each."""
    found: list[Line] = []
    index = -1
    for _ in range(kinds.count(kind)):
        index = kinds.index(kind, index + 1)
        found.append(lines[index])
    return found


def _variants(word: str) -> tuple[str, ...]:
    """The forms a fingerprint is written in: as given, NFKC (half-width) and full-width."""
    half = normalize(word)
    return tuple({word, half, half.translate(_HALF_TO_FULL)})


@cache
def _fingerprints() -> tuple[tuple[str, str, int, tuple[str, ...]], ...]:
    """(version, text, weight, forms) of every fingerprint the format templates declare
    (templates/v*.yaml ``fingerprints``: the one place they are listed)."""
    from govlint.templates import VERSIONS, load_template

    return tuple(
        (version, f.text, f.weight, _variants(f.text))
        for version in reversed(VERSIONS)  # newest first, as the evidence is listed
        for f in load_template(version).fingerprints
    )


def detect_format(report: Report) -> tuple[FormatVersion | None, list[str]]:
    """Format from the report year first, then from the templates' fingerprints (weighted); with
    the evidence for both."""
    evidence: list[str] = []
    # fingerprints are table labels, headings and citations: body paragraphs (the bulk) can't hold
    # a table label, so only the other lines and the preamble are searched
    first_section = report.sections[0].span.start.offset if report.sections and report.sections[0].span else None
    parts = [line.text for line in report.lines if line.kind != "paragraph"]
    if first_section is not None:
        parts.append(report.text[:first_section])
    compact = _without_whitespace("".join(parts))
    hits: Counter[str] = Counter()
    for version, word, weight, variants in _fingerprints():
        for variant in variants:
            if variant in compact:
                hits[version] += weight
                evidence.append(f"text:{version}:{word}")
                break
    for table in report.tables:
        if table.template:
            template = str(table.template)[-4:]
            if template in ("2008", "2019", "2021"):
                hits[template] += 2
                evidence.append(f"table:{template}:{table.kind}")
    if report.year is not None:
        version = version_for_year(report.year)
        evidence.insert(0, f"year:{report.year}:{version}")
        return version, evidence
    if hits:
        best = max(hits.items(), key=lambda item: (item[1], item[0]))[0]
        return best, evidence  # type: ignore[return-value]
    return None, evidence
