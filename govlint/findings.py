"""A finding: one problem a rule found in one report. Output formats render these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from govlint.model import Span

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")  # ascending


@dataclass(frozen=True)
class Finding:
    path: str
    code: str
    name: str
    severity: Severity
    span: Span
    # The message in every language the rule declares ({"zh": ..., "en": ...}); renderers pick one.
    messages: dict[str, str] = field(default_factory=dict)
    # The normalised text the finding is about; baselines hash it instead of using line numbers.
    matched: str = ""

    def message(self, lang: str = "zh") -> str:
        return self.messages.get(lang) or self.messages.get("zh") or next(iter(self.messages.values()), "")

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start.line, self.span.start.column, self.code)
