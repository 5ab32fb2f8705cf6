"""Offsets in the normalised text → (line, column) positions."""

from __future__ import annotations

from bisect import bisect_right

from govlint.model import Line, Position, Span


class Locator:
    def __init__(self, lines: list[Line]) -> None:
        self._starts = [line.offset for line in lines] or [0]

    @classmethod
    def of_offsets(cls, offsets: list[int]) -> Locator:
        """The locator of the lines that start at ``offsets`` (kept, not copied)."""
        locator = cls.__new__(cls)
        locator._starts = offsets or [0]
        return locator

    def position(self, offset: int) -> Position:
        index = bisect_right(self._starts, offset) - 1
        index = max(index, 0)
        return Position(index + 1, offset - self._starts[index] + 1, offset)

    def span(self, start: int, end: int) -> Span:
        starts = self._starts
        index = max(bisect_right(starts, start) - 1, 0)
        line_start = starts[index]
        if end >= start and (index + 1 == len(starts) or end < starts[index + 1]):  # on the same line
            return Span(
                Position(index + 1, start - line_start + 1, start), Position(index + 1, end - line_start + 1, end)
            )
        return Span(Position(index + 1, start - line_start + 1, start), self.position(end))
