"""Output formats for ``govlint check``. One small module per format; each defines a ``Writer``
class taking ``(stream, context)`` with ``file(result)`` called once per checked file, in output
order, and ``finish(summary)`` called once at the end.

Formats: full, concise, json, json-lines, sarif, github (see README.md for samples).
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from govlint.engine import Rule
    from govlint.findings import Finding
    from govlint.lint import FileResult

JSON_SCHEMA_VERSION = 1

FORMATS: dict[str, str] = {
    "full": "govlint.output.full",
    "concise": "govlint.output.concise",
    "json": "govlint.output.json_format",
    "json-lines": "govlint.output.json_lines",
    "sarif": "govlint.output.sarif",
    "github": "govlint.output.github",
}


@dataclass(frozen=True)
class RuleInfo:
    """What output formats show about a rule (SARIF lists every rule that ran)."""

    code: str
    name: str
    severity: str
    summary: Mapping[str, str] = field(default_factory=dict)
    rationale: str = ""
    source: str = ""
    examples: tuple[tuple[str, str], ...] = ()  # ("bad" | "good", text)

    def text(self, mapping: Mapping[str, str], lang: str) -> str:
        return mapping.get(lang) or mapping.get("zh") or next(iter(mapping.values()), "")

    @classmethod
    def from_rule(cls, rule: Rule) -> RuleInfo:
        return cls(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            summary=dict(rule.summary),
            rationale=rule.rationale,
            source=rule.source,
            examples=tuple((kind, text) for kind, texts in rule.examples.items() for text in texts),
        )


@dataclass
class Summary:
    """Counts for the end of a run."""

    files: int = 0
    files_with_findings: set[str] = field(default_factory=set)
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)  # code -> rule name
    baselined: int = 0  # findings hidden by --baseline
    stale_baseline: int = 0  # baseline entries that matched nothing

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.findings:
            self.files_with_findings.add(result.path)
        for finding in result.findings:
            self.by_severity[finding.severity] += 1
            self.by_rule[finding.code] += 1
            self.names.setdefault(finding.code, finding.name)


@dataclass(frozen=True)
class OutputContext:
    lang: str = "zh"
    color: bool = False
    rules: tuple[RuleInfo, ...] = ()


class Writer(Protocol):
    def __init__(self, stream: IO[str], context: OutputContext) -> None: ...

    def file(self, result: FileResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


class FindingLineWriter:
    """A format that writes one line per finding as each file comes, and nothing at the end."""

    def __init__(self, stream: IO[str], context: OutputContext) -> None:
        self.stream = stream
        self.context = context

    def line(self, finding: Finding) -> str:
        raise NotImplementedError

    def file(self, result: FileResult) -> None:
        for finding in result.findings:
            self.stream.write(self.line(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        pass


def get_writer(name: str, stream: IO[str], context: OutputContext) -> Writer:
    module = importlib.import_module(FORMATS[name])
    writer: Writer = module.Writer(stream, context)
    return writer


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def one_line(text: str) -> str:
    """Messages in line-oriented formats must stay on one line."""
    return " ".join(text.split("\n")).replace("\r", " ")
