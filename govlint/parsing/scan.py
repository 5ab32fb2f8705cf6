"""``pattern.finditer(text)``, trying the pattern only where a match can start.

Dates and years are found by patterns whose every match starts with a run of digits followed,
after optional whitespace, by one of a few marker characters (``年``, ``月``, ``日``, ``-``…).
``re`` tries such a pattern at every digit of the text — and a report's tables are mostly digits —
so the scan below finds the markers instead and tries the pattern only at the digits just before
each one. The matches are exactly those of ``finditer``, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping


def occurrences(text: str, needles: Iterable[str], start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where each of ``needles`` (characters or words) occurs in ``text[start:end]``, in order.

    (``str.find`` per needle: far cheaper than a regex alternation or character class over the
    text.) A single needle is found as the positions are needed: a caller may stop at the first.
    """
    needles = tuple(needles)
    if len(needles) == 1:
        yield from _finds(text, needles[0], start, len(text) if end is None else end)
    else:
        yield from positions(text, needles, start, end)


def _finds(text: str, needle: str, start: int, end: int) -> Iterator[int]:
    find = text.find
    at = find(needle, start, end)
    while at >= 0:
        yield at
        at = find(needle, at + 1, end)


def positions(text: str, needles: Iterable[str], start: int = 0, end: int | None = None) -> list[int]:
    """Where each of ``needles`` occurs in ``text[start:end]``, in order: ``occurrences`` as a
    list, found at once (one loop, no generator to resume for each position)."""
    find = text.find
    stop = len(text) if end is None else end
    found: list[int] = []
    count = 0
    for needle in needles:
        at = find(needle, start, stop)
        while at >= 0:
            found.append(at)
            at = find(needle, at + 1, stop)
        count += 1
    if count > 1:
        found.sort()
    return found


def finditer_before_markers(
    pattern: re.Pattern[str] | Mapping[str, re.Pattern[str]], markers: str, text: str
) -> Iterator[re.Match[str]]:
    r"""The matches of ``pattern.finditer(text)``, for a pattern with the property above.

    Required of ``pattern``: a match starting at ``p`` begins with ``text[p]`` a digit (``\d``),
    runs over the rest of that run of digits and any whitespace (``\s``) after it, and then over
    a character of ``markers``. So it is tried, in order, at each digit of the run before each
    marker, and only there.

    ``pattern`` may also be given as the pattern to try before each marker character: the
    alternatives of one pattern that can match before that character.
    """
    by_marker = dict.fromkeys(markers, pattern) if isinstance(pattern, re.Pattern) else pattern
    pos = 0
    # (every marker is looked at: one after neither a digit nor whitespace has no run before it;
    # one marker is found as the positions are needed: a scan may stop at the first match)
    found = occurrences(text, markers, 1) if len(markers) == 1 else positions(text, markers, 1)
    for marker in found:
        if marker < pos:
            continue  # inside the previous match
        j = marker
        while j > pos and text[j - 1].isspace():
            j -= 1
        end = j
        while j > pos and text[j - 1].isdecimal():
            j -= 1
        if j < end:
            match = by_marker[text[marker]].match
            for start in range(j, end):
                m = match(text, start)
                if m is not None:
                    yield m
                    pos = m.end()  # past the marker: a match runs over it
                    break
        if pos <= marker:
            pos = marker + 1
