"""Where in a report a check looks, and how positions in that text map back to the report.

A *scope* names a part of the report: ``text`` (everything), ``title``, ``preamble`` (before the
first top-level section), ``body`` (from the first top-level section on), ``section:N`` (the section
the official format numbers N, recognised by its heading, see govlint.checks.structure).

Scope text is the report text with line breaks that fall inside a sentence removed, so that a
regular expression sees ``电子邮箱`` even when a PDF broke it as ``电\\n子邮箱``. Every character
keeps its offset into the report text, so a match maps back to an exact ``Span``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from govlint.model import Position, Report, Span

SCOPES = ("text", "title", "preamble", "body")
SCOPE_CHOICES = SCOPES + tuple(f"section:{n}" for n in range(1, 8))
SENTENCE_END = "。！？；!?;：:）)”】>|"


@dataclass(frozen=True)
class ScopeText:
    """A piece of the report text with the offset of each of its characters."""

    text: str
    offsets: tuple[int, ...]  # offsets[i] = offset in report.text of text[i]

    def span(self, report: Report, start: int, end: int) -> Span:
        """The report span of ``text[start:end]`` (end exclusive, end > start)."""
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        return span_of(report, first, last)


def position(report: Report, offset: int) -> Position:
    """The 1-based line and column of a 0-based character offset."""
    if not report.lines:
        before = report.text[:offset]
        return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1, offset)
    starts = [ln.offset for ln in report.lines]
    index = max(bisect_right(starts, offset) - 1, 0)
    found = report.lines[index]
    return Position(found.number, offset - found.offset + 1, offset)


def span_of(report: Report, start: int, end: int) -> Span:
    return Span(position(report, start), position(report, max(end, start)))


NUMBERED_START = regex.compile(
    r"[ \t#*]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d))"
)


def _kept_breaks(report: Report) -> frozenset[int]:
    """Offsets of line breaks that end a heading or the title: never joined to the next line."""
    ends = {h.span.end.offset for h in report.headings}
    if report.title is not None:
        ends.add(report.title.span.end.offset)
    return frozenset(ends)


def slice_scope(report: Report, start: int, end: int) -> ScopeText:
    """The report text between two offsets, with sentence-internal line breaks removed.

    A line break is kept after a sentence end, a heading or the title, before a numbered line and
    around blank lines; any other break is taken for a line wrapped inside a sentence.
    """
    text = report.text
    kept = _kept_breaks(report)
    chars: list[str] = []
    offsets: list[int] = []
    i = max(start, 0)
    end = min(end, len(text))
    while i < end:
        ch = text[i]
        if ch == "\r":
            i += 1
            continue
        if ch == "\n":
            prev = chars[-1] if chars else "\n"
            nxt = text[i + 1] if i + 1 < end else "\n"
            if (
                prev in SENTENCE_END
                or prev == "\n"
                or nxt in "\r\n"
                or not prev.strip()
                or i in kept
                or i - 1 in kept
                or NUMBERED_START.match(text, i + 1)
            ):
                chars.append("\n")
                offsets.append(i)
            i += 1
            continue
        chars.append(ch)
        offsets.append(i)
        i += 1
    return ScopeText("".join(chars), tuple(offsets))


def scope_text(report: Report, scope: str) -> ScopeText | None:
    """The text of ``scope`` in ``report``, or None when the report has no such part."""
    if scope == "text":
        return slice_scope(report, 0, len(report.text))
    if scope == "title":
        if report.title is None:
            return None
        return slice_scope(report, report.title.span.start.offset, report.title.span.end.offset)
    from govlint.checks.structure import identify_sections, top_level_sections

    sections = top_level_sections(report)
    if scope == "preamble":
        end = sections[0].heading.span.start.offset if sections else len(report.text)
        start = report.title.span.end.offset if report.title is not None else 0
        return slice_scope(report, start, end) if end > start else None
    if scope == "body":
        if not sections:
            return None
        return slice_scope(report, sections[0].heading.span.start.offset, len(report.text))
    if scope.startswith("section:"):
        wanted = int(scope.split(":", 1)[1])
        found = identify_sections(report).get(wanted)
        if found is None or found.span is None:
            return None
        return slice_scope(report, found.span.start.offset, found.span.end.offset)
    raise ValueError(f"unknown scope {scope!r}")
