"""A rule: one YAML instance of a check kind, validated and ready to run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from govlint.checks.registry import CheckFn
from govlint.findings import Severity
from govlint.model import Report

LANGUAGES = ("zh", "en")


class RuleError(Exception):
    """A rule file is malformed. Names the file, the line, the rule code (when known) and the field."""

    def __init__(self, path: str, line: int | None, code: str | None, field: str | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.code = code
        self.field = field
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where]
        if self.code:
            parts.append(f"rule {self.code}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.problem}"


@dataclass(frozen=True)
class AppliesTo:
    """Which reports a rule is meant for. None means "no restriction"."""

    formats: frozenset[str] | None = None
    year_min: int | None = None
    year_max: int | None = None

    def matches(self, report: Report) -> bool:
        return self.admits(report.format, report.year)

    def admits(self, format_version: str | None, year: int | None) -> bool:
        # A restricted rule never runs on a guess: unknown format or year means "not applicable".
        if self.formats is not None and format_version not in self.formats:
            return False
        if self.year_min is not None or self.year_max is not None:
            if year is None:
                return False
            if self.year_min is not None and year < self.year_min:
                return False
            if self.year_max is not None and year > self.year_max:
                return False
        return True

    def describe(self) -> str:
        parts = []
        if self.formats is not None:
            parts.append("formats " + ", ".join(sorted(self.formats)))
        if self.year_min is not None or self.year_max is not None:
            low = str(self.year_min) if self.year_min is not None else "…"
            high = str(self.year_max) if self.year_max is not None else "…"
            parts.append(f"report years {low}–{high}")
        return "; ".join(parts) or "all reports"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    check: str
    fn: CheckFn = field(repr=False, compare=False)
    params: Mapping[str, Any] = field(default_factory=dict)  # validated, compiled
    raw_params: Mapping[str, Any] = field(default_factory=dict)  # as written, for `govlint explain`
    messages: Mapping[str, str] = field(default_factory=dict)
    summary: Mapping[str, str] = field(default_factory=dict)
    rationale: str = ""
    source: str = ""
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "bad"/"good" -> texts
    applies_to: AppliesTo = field(default_factory=AppliesTo)
    path: str = ""
    line: int = 0

    def summary_in(self, lang: str = "zh") -> str:
        return self.summary.get(lang) or self.summary.get("zh", "")
