"""Where in a report a check looks, and how positions in that text map back to the report.

A *scope* names a part of the report: ``text`` (everything), ``title``, ``preamble`` (before the
first top-level section), ``body`` (from the first top-level section on), ``section:N`` (the section
the official format numbers N, recognised by its heading, see govlint.checks.structure).

Scope text is the report text with line breaks that fall inside a sentence removed, so that a
regular expression sees ``电子邮箱`` even when a PDF broke it as ``电\\n子邮箱``. Every character
keeps its offset into the report text, so a match maps back to an exact ``Span``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import regex

from govlint.model import Line, Position, Report, Span

T = TypeVar("T")

SCOPES = ("text", "title", "preamble", "body")
SCOPE_CHOICES = SCOPES + tuple(f"section:{n}" for n in range(1, 8))
SCOPE_DOC = "text | title | preamble | body | section:N (N = the official section number)"
SENTENCE_END = "。！？；!?;：:）)”】>|"


class Stretch:
    """The text around a match up to the nearest of some delimiters on either side: the sentence
    (``Stretch("。！？；\\n")``) or the clause a match stands in.

    The delimiters are searched for with one pattern each way: looking for each one alone scans the
    whole text for those it does not contain, at every match.
    """

    def __init__(self, delimiters: str) -> None:
        self.delimiters = delimiters
        one_of = "[" + regex.escape(delimiters) + "]"
        self._after = regex.compile(one_of)
        self._before = regex.compile("(?r)" + one_of)

    def around(self, text: str, start: int, end: int) -> str:
        """The stretch of ``text`` containing ``text[start:end]``, without its delimiters."""
        before = self._before.search(text, 0, start)
        after = self._after.search(text, end)
        return text[before.end() if before else 0 : after.start() if after else len(text)]


@dataclass(slots=True)
class ScopeText:
    """A piece of the report text, and where each of its characters is in the report text.

    Characters are left out of the report text (line breaks inside sentences), so the positions
    are kept per unbroken segment, not per character: ``whole[starts[k]:starts[k + 1]]`` is the
    report text from offset ``origins[k]`` on, where ``text`` is ``whole[shift:shift + len(text)]``
    (a piece shares the segments of the text it was cut from instead of copying them).
    A value: never changed once made (not frozen only because a frozen dataclass is slow to make).
    """

    text: str
    starts: tuple[int, ...] = ()  # index in the whole text where each segment begins, increasing
    origins: tuple[int, ...] = ()  # offset in ``report.text`` of the whole text's ``starts[k]``
    shift: int = 0  # index in the whole text of ``text[0]``

    @classmethod
    def contiguous(cls, text: str, origin: int = 0) -> ScopeText:
        """A piece copied as is from the report text at ``origin``."""
        return cls(text, (0,), (origin,)) if text else cls(text)

    def offset(self, index: int) -> int:
        """The offset in the report text of ``text[index]``."""
        index += self.shift
        k = bisect_right(self.starts, index) - 1
        return self.origins[k] + index - self.starts[k]

    @property
    def offsets(self) -> tuple[int, ...]:
        """The offset of every character (built on demand: for tests and debugging)."""
        return tuple(self.offset(i) for i in range(len(self.text)))

    def span(self, report: Report, start: int, end: int) -> Span:
        """The report span of ``text[start:end]`` (end exclusive, end > start)."""
        return span_of(report, self.offset(start), self.offset(end - 1) + 1)

    def index_at(self, offset: int) -> int:
        """The index of the first character at or after report offset ``offset`` (``len(text)``
        when there is none)."""
        k = bisect_right(self.origins, offset) - 1
        if k < 0:
            return 0
        index = self.starts[k] + offset - self.origins[k]
        if k + 1 < len(self.starts) and index > self.starts[k + 1]:
            index = self.starts[k + 1]  # (an offset in a left-out line break)
        index -= self.shift
        size = len(self.text)
        return 0 if index < 0 else size if index > size else index

    def piece(self, first: int, last: int) -> ScopeText:
        """``text[first:last]`` with its positions."""
        if last <= first:
            return ScopeText("")
        if first == 0 and last == len(self.text):
            return self
        return ScopeText(self.text[first:last], self.starts, self.origins, self.shift + first)


_MEMO = "_govlint_memo"


def memo(report: Report) -> dict[str, Any]:
    """Per-report memo for values several checks derive from the same report (scope text, the
    recognised sections). Kept on the instance, outside the dataclass fields, so it never reaches
    serialisation and dies with the report."""
    found = report.__dict__.get(_MEMO)
    if found is None or found["text"] is not report.text:
        found = {"text": report.text}
        report.__dict__[_MEMO] = found
    return found


def remembered(report: Report, key: str, compute: Callable[..., T], *args: Any) -> T:
    """``compute(report, *args)``, worked out once per report and key (kept in ``memo(report)``)."""
    cache = memo(report)
    try:
        value: T = cache[key]
    except KeyError:
        value = cache[key] = compute(report, *args)
    return value


def _line_starts(report: Report) -> list[int]:
    return remembered(report, "line_starts", lambda r: [ln.offset for ln in r.lines])


def position(report: Report, offset: int) -> Position:
    """The 1-based line and column of a 0-based character offset."""
    if not report.lines:
        before = report.text[:offset]
        return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1, offset)
    index = max(bisect_right(_line_starts(report), offset) - 1, 0)
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


# A line break inside a sentence: after a line whose last visible character does not end a
# sentence, before a line with visible text that does not start a numbered item. (Breaks after a
# heading or the title are kept too; ``_joined`` checks those.)
# Whitespace as str.strip() sees it (regex's \s leaves out \x1c-\x1f).
_SPACE_BUT_NEWLINE = "\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE = "\n" + _SPACE_BUT_NEWLINE
_WRAPPED_BREAK = regex.compile(
    f"(?<=[^{_SPACE}{regex.escape(SENTENCE_END)}][{_SPACE_BUT_NEWLINE}]*)\n(?=[^\n]*[^{_SPACE}])"
    f"(?!{NUMBERED_START.pattern})"
)
# The same breaks, looked for with the standard library's engine, which finds the line break the
# pattern starts with far faster than ``regex`` does. Its look-behind has a fixed width: it sees the
# last character of the line only, so a line ending in blanks is a candidate whose last visible
# character is checked apart (see _wrapped_breaks).
_WRAPPED_BREAK_CANDIDATE = re.compile(
    f"\n(?<=[^\n{re.escape(SENTENCE_END)}]\n)(?=[^\n]*[^{_SPACE}])(?!{NUMBERED_START.pattern})"
)


def _wrapped_breaks(text: str) -> list[int]:
    """The offsets of ``_WRAPPED_BREAK.finditer(text)``."""
    breaks = []
    for m in _WRAPPED_BREAK_CANDIDATE.finditer(text):
        at = m.start()
        if text[at - 1].isspace() and text[text.rfind("\n", 0, at) + 1 : at].rstrip()[-1:] in SENTENCE_END:
            continue  # blanks end the line, and before them a sentence end (or nothing)
        breaks.append(at)
    return breaks


def _joined(report: Report) -> ScopeText:
    """The whole report text with sentence-internal line breaks removed (computed once).

    A line break is kept after a sentence end, a heading or the title, before a numbered line and
    around blank lines; any other break is taken for a line wrapped inside a sentence. A carriage
    return ending a line is dropped too.
    """
    return remembered(report, "joined", _join)


def _join(report: Report) -> ScopeText:
    text = report.text
    kept = _kept_breaks(report)
    dropped = [at for at in _wrapped_breaks(text) if at not in kept]
    if "\r" in text:
        carriage_returns = [m.start() for m in regex.finditer(r"\r(?=\n|\Z)", text)]
        dropped = sorted([*dropped, *carriage_returns])
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0
    start = 0
    for at in (*dropped, len(text)):
        if at > start:
            pieces.append(text[start:at])
            starts.append(length)
            origins.append(start)
            length += at - start
        start = at + 1
    return ScopeText("".join(pieces), tuple(starts), tuple(origins))


def slice_scope(report: Report, start: int, end: int) -> ScopeText:
    """The joined text (see ``_joined``) of the report between two offsets."""
    whole = _joined(report)
    return whole.piece(whole.index_at(max(start, 0)), whole.index_at(min(end, len(report.text))))


def scope_text(report: Report, scope: str) -> ScopeText | None:
    """The text of ``scope`` in ``report``, or None when the report has no such part (computed
    once per report and scope: a dozen rules read the same scopes)."""
    key = _SCOPE_KEYS.get(scope) or f"scope:{scope}"
    cache = memo(report)
    if key in cache:
        return cache[key]  # (a dozen rules read the same scopes: the common case, one call)
    return remembered(report, key, _scope_text, scope)


_SCOPE_KEYS = {scope: f"scope:{scope}" for scope in SCOPE_CHOICES}  # (memo keys, built once)


def _scope_text(report: Report, scope: str) -> ScopeText | None:
    if scope == "text":
        return slice_scope(report, 0, len(report.text))
    if scope == "title":
        if report.title is not None:
            return slice_scope(report, report.title.span.start.offset, report.title.span.end.offset)
        line = _untitled_title_line(report)
        return slice_scope(report, line.offset, line.offset + len(line.text)) if line is not None else None
    from govlint.checks.structure import identify_sections, top_level_sections

    if scope.startswith("section:"):
        found = identify_sections(report).get(int(scope[8:]))
        if found is None or found.span is None:
            return None
        return slice_scope(report, found.span.start.offset, found.span.end.offset)
    sections = top_level_sections(report)
    if scope == "preamble":
        end = sections[0].heading.span.start.offset if sections else len(report.text)
        start = report.title.span.end.offset if report.title is not None else 0
        return slice_scope(report, start, end) if end > start else None
    if scope == "body":
        if not sections:
            return None
        return slice_scope(report, sections[0].heading.span.start.offset, len(report.text))
    raise ValueError(f"unknown scope {scope!r}")


TITLE_LIKE = regex.compile(r"(?:年度报告|工作报告|年报)[ \t]*$")


def _untitled_title_line(report: Report) -> Line | None:
    """When the parser found no title (it wants a year in it), the first non-blank line before the
    first section is the title if it reads like one (ends with 年度报告/工作报告)."""
    first_section = report.sections[0].heading.span.start.offset if report.sections else len(report.text)
    for line in report.lines:
        if line.offset >= first_section:
            return None
        if line.text.strip():
            return line if TITLE_LIKE.search(line.text) else None
    return None
