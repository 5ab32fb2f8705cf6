"""``json``: one JSON document for the whole run (schema version 1)::

    {
      "schema_version": 1,
      "tool": {"name": "govlint", "version": "0.1.0"},
      "findings": [
        {"path": "reports/a.txt", "code": "GL101", "name": "missing-section", "severity": "error",
         "line": 3, "column": 5, "end_line": 3, "end_column": 9, "message": "…",
         "fingerprint": "…"}
      ],
      "summary": {"files": 1, "findings": 1, "error": 1, "warning": 0, "info": 0}
    }

Positions are 1-based characters; ``end_column`` is exclusive (the column just after the span).
``fingerprint`` is the baseline key hash (code, path and normalised matched text). Fields are only
ever added, never renamed or removed; a breaking change would bump ``schema_version``.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from govlint import __version__
from govlint.baseline import fingerprint
from govlint.output import JSON_SCHEMA_VERSION, OutputContext, Summary

if TYPE_CHECKING:
    from govlint.findings import Finding
    from govlint.lint import FileResult


def finding_record(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "path": f.path,
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "line": f.span.start.line,
        "column": f.span.start.column,
        "end_line": f.span.end.line,
        "end_column": f.span.end.column,
        "message": f.message(lang),
        "fingerprint": fingerprint(f),
    }


def summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "files": summary.files,
        "findings": summary.findings,
        "error": summary.by_severity["error"],
        "warning": summary.by_severity["warning"],
        "info": summary.by_severity["info"],
        "baselined": summary.baselined,
    }


class Writer:
    def __init__(self, stream: IO[str], context: OutputContext) -> None:
        self.stream = stream
        self.context = context
        self.records: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        self.records.extend(finding_record(f, self.context.lang) for f in result.findings)

    def finish(self, summary: Summary) -> None:
        document = {
            "schema_version": JSON_SCHEMA_VERSION,
            "tool": {"name": "govlint", "version": __version__},
            "findings": self.records,
            "summary": summary_record(summary),
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
