"""Offsets in the normalised text → (line, column) positions."""

from __future__ import annotations

from bisect import bisect_right

from govlint.model import Position, Span


class Locator:
    def __init__(self, line_starts: list[int]) -> None:
        """The locator of the lines that start at ``line_starts`` (kept, not copied)."""
        self._starts = line_starts or [0]

    def position(self, offset: int) -> Position:
        index = bisect_right(self._starts, offset) - 1
        index = max(index, 0)
        return Position(index + 1, offset - self._starts[index] + 1, offset)

    def span(self, start: int, end: int) -> Span:
        starts = self._starts
        index = max(bisect_right(starts, start) - 1, 0)
        line_start = starts[index]
        first = Position(index + 1, start - line_start + 1, start)
        if end >= start and (index + 1 == len(starts) or end < starts[index + 1]):  # on the same line
            return Span(first, Position(index + 1, end - line_start + 1, end))
        return Span(first, self.position(end))
