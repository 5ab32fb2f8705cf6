"""``pattern.finditer(text)``, trying the pattern only where a match can start.

Dates and years are found by patterns whose every match starts with a run of digits followed,
after optional whitespace, by one of a few marker characters (``年``, ``月``, ``日``, ``-``…).
``re`` tries such a pattern at every digit of the text — and a report's tables are mostly digits —
so the scan below finds the markers instead and tries the pattern only at the digits just before
each one. The matches are exactly those of ``finditer``, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_before_markers(pattern: re.Pattern[str], markers: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""The matches of ``pattern.finditer(text)``, for a pattern with the property above.

    Required of ``pattern``: a match starting at ``p`` begins with ``text[p]`` a digit (``\d``),
    runs over the rest of that run of digits and any whitespace (``\s``) after it, and then over
    the marker character that follows. So it is tried, in order, at each digit of the run before
    each marker, and only there. ``markers`` matches one marker character; it may also require
    the character before it to be a digit or whitespace (``年(?<=[\d\s]年)``, a literal first so
    that ``re`` finds it fast).
    """
    match = pattern.match
    search = markers.search
    pos = 0
    while True:
        found = search(text, pos)
        if found is None:
            return
        marker = found.start()
        j = marker
        while j > pos and text[j - 1].isspace():
            j -= 1
        end = j
        while j > pos and text[j - 1].isdecimal():
            j -= 1
        for start in range(j, end):
            m = match(text, start)
            if m is not None:
                yield m
                pos = m.end()  # past the marker: a match runs over it
                break
        pos = max(pos, marker + 1)
