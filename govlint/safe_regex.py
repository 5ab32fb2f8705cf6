"""Regular expressions from rule files, bounded in time.

Rule authors (and users with their own rule directories) write patterns; a pattern such as
``(a+)+$`` backtracks catastrophically on a long line. Patterns are compiled with the ``regex``
module and every match operation runs with a time limit, so a bad pattern costs at most
``timeout`` seconds per call and raises ``RegexTimeout`` instead of hanging the linter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

DEFAULT_TIMEOUT = 0.25  # seconds per match operation; generous for a report-sized text


class RegexError(ValueError):
    """The pattern does not compile; the message says why and where."""


class RegexTimeout(Exception):
    """A match operation exceeded its time limit (the pattern backtracks catastrophically)."""

    def __init__(self, pattern: str, timeout: float) -> None:
        super().__init__(f"pattern {pattern!r} took longer than {timeout:g} s")
        self.pattern = pattern
        self.timeout = timeout


@dataclass(frozen=True)
class SafePattern:
    """A compiled pattern whose match operations are bounded by ``timeout`` seconds.

    The regex module's arguments are passed by position, in each method's own order (search and
    match: string, pos, endpos, concurrent, partial, timeout; findall: string, pos, endpos,
    overlapped, concurrent, timeout; ...): parsing them as keywords costs it more than searching a
    short text. tests/test_engine_safe_regex.py checks that every method still stops at its time limit.
    """

    pattern: str
    compiled: Any  # regex.Pattern[str]
    timeout: float = DEFAULT_TIMEOUT
    literal: str | None = None  # the text the pattern matches, when it is plain text (no special character)

    def occurs_in(self, text: str) -> bool:
        """Whether the pattern matches somewhere in ``text`` (plain text is looked for with ``in``,
        a few times faster than a search, and without backtracking to bound)."""
        if self.literal is not None:
            return self.literal in text
        return self.search(text) is not None

    def search(self, text: str, pos: int = 0) -> Any:
        try:
            return self.compiled.search(text, pos, None, None, False, self.timeout)
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern, self.timeout) from exc

    def match(self, text: str, pos: int = 0) -> Any:
        try:
            return self.compiled.match(text, pos, None, None, False, self.timeout)
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern, self.timeout) from exc

    def fullmatch(self, text: str) -> Any:
        try:
            return self.compiled.fullmatch(text, 0, None, None, False, self.timeout)
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern, self.timeout) from exc

    def finditer(self, text: str) -> Iterator[Any]:
        """All matches; the time limit covers the whole scan, not each match."""
        try:
            yield from self.compiled.finditer(text, 0, None, False, None, False, self.timeout)
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern, self.timeout) from exc

    def findall(self, text: str) -> list[Any]:
        try:
            return list(self.compiled.findall(text, 0, None, False, None, self.timeout))
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern, self.timeout) from exc

    def sub(self, repl: str, text: str) -> str:
        try:
            return str(self.compiled.sub(repl, text, timeout=self.timeout))
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern, self.timeout) from exc

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled.groupindex)


def compile(pattern: str, flags: int = 0, timeout: float = DEFAULT_TIMEOUT) -> SafePattern:
    """Compile ``pattern`` (``regex`` syntax, V0 semantics) or raise ``RegexError``."""
    if not isinstance(pattern, str):
        raise RegexError(f"a pattern must be a string, not {type(pattern).__name__}")
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        position = getattr(exc, "pos", None)
        where = f" at position {position}" if position is not None else ""
        reason = getattr(exc, "msg", None) or str(exc)
        raise RegexError(f"invalid regular expression {pattern!r}: {reason}{where}") from None
    literal = pattern if pattern and not flags and regex.escape(pattern) == pattern else None
    return SafePattern(pattern=pattern, compiled=compiled, timeout=timeout, literal=literal)
