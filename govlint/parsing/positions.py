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
        return Span(self.position(start), self.position(end))
