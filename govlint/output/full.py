"""``full`` (default on a terminal): each finding with its rule, message and the source line, with
carets under the span aligned by display width (East Asian wide and fullwidth characters take two
cells)::

    reports/a.txt:3:5: GL101 missing-section [error]
      message
       |
     3 | 一、总体情况
       |     ^^^^^^^^

Colour only when writing to a terminal and NO_COLOR is not set.
"""

from __future__ import annotations

import unicodedata
from typing import IO, TYPE_CHECKING

from govlint.output import OutputContext, Summary

if TYPE_CHECKING:
    from govlint.findings import Finding
    from govlint.lint import FileResult

TAB_WIDTH = 4
MAX_CELLS = 100  # longer source lines are cut around the span (deterministic, not the terminal width)
CONTEXT_CELLS = 24  # cells of text kept before the span when a line is cut

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM_BLUE = "\x1b[34m"
_SEVERITY_COLOR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}

_SEVERITY_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def char_width(ch: str) -> int:
    """Terminal cells taken by ``ch``: 2 for wide/fullwidth, 0 for combining and format marks."""
    if ch == "\t":
        return TAB_WIDTH
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def caret_line(text: str, start_column: int, end_column: int | None) -> tuple[int, int]:
    """(cells before the span, cells of carets) for a span from ``start_column`` to ``end_column``
    (exclusive, 1-based characters; None = to the end of the line). At least one caret."""
    start, end = _span_indices(text, start_column, end_column)
    return display_width(text[:start]), max(display_width(text[start:end]), 1)


def _span_indices(text: str, start_column: int, end_column: int | None) -> tuple[int, int]:
    """0-based ``text[start:end]`` of a span given in 1-based columns, kept within ``text``."""
    start = min(max(start_column - 1, 0), len(text))
    end = len(text) if end_column is None else max(min(end_column - 1, len(text)), start)
    return start, end


def excerpt(text: str, start_column: int, end_column: int | None) -> tuple[str, int, int]:
    """The part of a long line worth showing: at most MAX_CELLS cells, with the span and some
    context before it, cut ends marked with "…". Returns (text to show, 1-based start and exclusive
    end column of the span within it)."""
    start, end = _span_indices(text, start_column, end_column)
    if display_width(text) <= MAX_CELLS:
        return text, start + 1, end + 1
    left = start
    while left > 0 and display_width(text[left - 1 : start]) <= CONTEXT_CELLS:
        left -= 1
    right = left
    budget = MAX_CELLS - (1 if left else 0) - 1  # room for the "…" marks
    while right < len(text) and display_width(text[left : right + 1]) <= budget:
        right += 1
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    shown = prefix + text[left:right] + suffix
    offset = len(prefix) - left
    return shown, start + offset + 1, min(end, right) + offset + 1


class Writer:
    def __init__(self, stream: IO[str], context: OutputContext) -> None:
        self.stream = stream
        self.context = context
        self.first = True

    def _paint(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.context.color else text

    def file(self, result: FileResult) -> None:
        for finding in result.findings:
            self._finding(finding, result.source_lines.get(finding.span.start.line))

    def _finding(self, f: Finding, source: str | None) -> None:
        lang = self.context.lang
        color = _SEVERITY_COLOR.get(f.severity, "")
        label = _SEVERITY_LABEL.get(lang, _SEVERITY_LABEL["en"]).get(f.severity, f.severity)
        start = f.span.start
        out = [] if self.first else [""]
        self.first = False
        where = self._paint(f"{f.path}:{start.line}:{start.column}:", _BOLD)
        out.append(f"{where} {self._paint(f.code, color)} {f.name} [{self._paint(label, color)}]")
        for line in f.message(lang).splitlines() or [""]:
            out.append(f"  {line}")
        if source is not None:
            number = str(start.line)
            pad = " " * len(number)
            bar = self._paint("|", _DIM_BLUE)
            end = f.span.end.column if f.span.end.line == start.line else None
            source, first, last = excerpt(source, start.column, end)
            before, width = caret_line(source, first, last)
            shown = source.replace("\t", " " * TAB_WIDTH)
            out.append(f" {pad} {bar}")
            out.append(f" {self._paint(number, _DIM_BLUE)} {bar} {shown}".rstrip())
            out.append(f" {pad} {bar} {' ' * before}{self._paint('^' * width, color)}")
        self.stream.write("\n".join(out) + "\n")

    def finish(self, summary: Summary) -> None:
        lang = self.context.lang
        if not summary.findings:
            text = "未发现问题。" if lang == "zh" else "All checks passed!"
            self.stream.write(f"{text}\n")
            return
        counts = summary.by_severity
        labels = _SEVERITY_LABEL.get(lang, _SEVERITY_LABEL["en"])
        present = [s for s in ("error", "warning", "info") if counts[s]]
        if lang == "zh":
            parts = [f"{labels[s]} {counts[s]}" for s in present]
        else:
            parts = [f"{counts[s]} {labels[s]}{'s' * (counts[s] != 1)}" for s in present]
        files = len(summary.files_with_findings)
        if lang == "zh":
            text = f"共发现 {summary.findings} 个问题（{'，'.join(parts)}），涉及 {files} 个文件。"
        else:
            noun = "finding" if summary.findings == 1 else "findings"
            text = f"Found {summary.findings} {noun} ({', '.join(parts)}) in {files} file{'s' * (files != 1)}."
        self.stream.write(f"\n{text}\n")
