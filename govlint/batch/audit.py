"""Collecting an audit: totals and breakdowns in memory, findings spooled to a temporary file.

An office audits thousands of reports; their findings can run to tens of thousands. ``Audit`` keeps
only counts and one small row per report in memory and writes each report's findings, as JSON lines,
to an anonymous temporary file, from which the writers (govlint.batch.writers) read them back, report
by report, worst report first or in path order.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from govlint import __version__
from govlint.batch.cache import finding_from_dict, finding_to_dict
from govlint.batch.runner import FileOutcome, RunStats
from govlint.findings import SEVERITIES, Finding

UNKNOWN_AGENCY = "（未识别机关）"


@dataclass
class ReportRow:
    """One checked file as the audit lists it."""

    path: str
    agency: str | None = None
    year: int | None = None
    format: str | None = None
    title: str | None = None
    by_severity: Counter[str] = field(default_factory=Counter)
    blocks: list[tuple[int, int]] = field(default_factory=list)  # (offset, length) in the spool

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    @property
    def badness(self) -> tuple[int, int, int]:
        """Worst first: more errors, then more warnings, then more infos."""
        return (self.by_severity["error"], self.by_severity["warning"], self.by_severity["info"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "title": self.title,
            "findings": self.findings,
            **{sev: self.by_severity[sev] for sev in reversed(SEVERITIES)},
        }


@dataclass
class RuleRow:
    code: str
    name: str
    severity: str
    count: int = 0
    reports: set[str] = field(default_factory=set)
    summary: str = ""


class Audit:
    """Accumulates outcomes; a context manager that removes its spool file when done."""

    def __init__(self, lang: str = "zh", rules: Iterable[Any] = ()) -> None:
        self.lang = lang
        self.started = datetime.now(timezone.utc)
        self.reports: dict[str, ReportRow] = {}
        self.rules: dict[str, RuleRow] = {}
        self._summaries = {r.code: r.summary_in(lang) for r in rules if hasattr(r, "summary_in")}
        self.by_severity: Counter[str] = Counter()
        self.by_agency: Counter[str] = Counter()
        self.by_year: Counter[str] = Counter()
        self.stats = RunStats()
        self._spool = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by close() / __exit__

    def __enter__(self) -> Audit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()

    # --- collecting ---

    def add(self, outcome: FileOutcome) -> None:
        row = self.reports.get(outcome.path)
        if row is None:
            row = self.reports[outcome.path] = ReportRow(outcome.path)
        summary = outcome.summary
        if summary is not None:
            row.agency, row.year, row.format, row.title = summary.agency, summary.year, summary.format, summary.title
        self.add_findings(outcome.path, outcome.findings)

    def add_findings(self, path: str, findings: Sequence[Finding]) -> None:
        row = self.reports.get(path)
        if row is None:
            row = self.reports[path] = ReportRow(path)
        if not findings:
            return
        data = b"".join(
            json.dumps(finding_to_dict(f), ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
            for f in findings
        )
        self._spool.seek(0, 2)
        row.blocks.append((self._spool.tell(), len(data)))
        self._spool.write(data)
        agency = row.agency or UNKNOWN_AGENCY
        year = str(row.year) if row.year is not None else "?"
        for finding in findings:
            row.by_severity[finding.severity] += 1
            self.by_severity[finding.severity] += 1
            self.by_agency[agency] += 1
            self.by_year[year] += 1
            rule = self.rules.get(finding.code)
            if rule is None:
                rule = self.rules[finding.code] = RuleRow(
                    finding.code, finding.name, finding.severity, summary=self._summaries.get(finding.code, "")
                )
            rule.count += 1
            rule.reports.add(path)

    # --- reading back ---

    def findings_of(self, row: ReportRow) -> list[Finding]:
        out: list[Finding] = []
        for offset, length in row.blocks:
            self._spool.seek(offset)
            for line in self._spool.read(length).splitlines():
                out.append(finding_from_dict(json.loads(line), row.path))
        out.sort(key=lambda f: f.sort_key)
        return out

    def rows_by_path(self) -> list[ReportRow]:
        return [self.reports[p] for p in sorted(self.reports)]

    def worst_first(self) -> list[ReportRow]:
        rows = sorted(self.reports.values(), key=lambda r: r.path)
        return sorted(rows, key=lambda r: r.badness, reverse=True)

    def iter_findings(self) -> Iterator[tuple[ReportRow, Finding]]:
        """Every finding, in (path, line, column, code) order."""
        for row in self.rows_by_path():
            for finding in self.findings_of(row):
                yield row, finding

    # --- figures ---

    @property
    def total_findings(self) -> int:
        return sum(self.by_severity.values())

    def rules_by_count(self) -> list[RuleRow]:
        return sorted(self.rules.values(), key=lambda r: (-r.count, r.code))

    def agencies_by_count(self) -> list[tuple[str, int]]:
        return sorted(self.by_agency.items(), key=lambda kv: (-kv[1], kv[0]))

    def years(self) -> list[tuple[str, int]]:
        return sorted(self.by_year.items())

    def reports_per_year(self) -> Counter[str]:
        return Counter(str(r.year) if r.year is not None else "?" for r in self.reports.values())

    def summary_dict(self) -> dict[str, Any]:
        return {
            "generated": self.started.isoformat(timespec="seconds"),
            "govlint_version": __version__,
            "files": len(self.reports),
            "files_with_findings": sum(1 for r in self.reports.values() if r.findings),
            "findings": self.total_findings,
            "by_severity": {sev: self.by_severity[sev] for sev in reversed(SEVERITIES)},
            "by_rule": [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity,
                    "summary": r.summary,
                    "findings": r.count,
                    "reports": len(r.reports),
                }
                for r in self.rules_by_count()
            ],
            "by_agency": [{"agency": a, "findings": n} for a, n in self.agencies_by_count()],
            "by_year": [{"year": y, "findings": n} for y, n in self.years()],
            "seconds": round(self.stats.seconds, 3),
            "cached_files": self.stats.cached,
        }
