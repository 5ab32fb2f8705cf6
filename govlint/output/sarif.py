"""``sarif``: SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``) and other
SARIF viewers.

One run; ``tool.driver`` lists every rule that was enabled (id, name, short and full description,
help, default level), results point at their rule by ``ruleId`` and ``ruleIndex``. Columns count
Unicode code points (``columnKind: unicodeCodePoints``), matching govlint's character columns; the
region's ``endColumn`` is exclusive, as SARIF defines it. Artifact URIs are relative to the working
directory (percent-encoded). ``partialFingerprints`` carries the baseline fingerprint so alerts
survive line moves. A clean run is a valid run with an empty ``results`` list.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from govlint import __version__
from govlint.baseline import fingerprint
from govlint.output import OutputContext, RuleInfo, Summary

if TYPE_CHECKING:
    from govlint.findings import Finding
    from govlint.lint import FileResult

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/govlint/"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(rule: RuleInfo, lang: str) -> dict[str, Any]:
    short = rule.text(rule.summary, lang) or rule.name
    full = rule.rationale or short
    help_text = full + (f"\n\n{rule.source}" if rule.source else "")
    markdown = f"**{rule.code} {rule.name}**: {short}\n\n{help_text}"
    for kind, text in rule.examples:
        label = {"bad": "Bad", "good": "Good"}.get(kind, kind)
        markdown += f"\n\n{label}:\n\n```text\n{text.strip()}\n```"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        "properties": {"tags": ["govlint"]},
    }


class Writer:
    def __init__(self, stream: IO[str], context: OutputContext) -> None:
        self.stream = stream
        self.context = context
        self.results: list[dict[str, Any]] = []
        self.rules: dict[str, RuleInfo] = {rule.code: rule for rule in context.rules}

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            if f.code not in self.rules:
                self.rules[f.code] = RuleInfo(code=f.code, name=f.name, severity=f.severity)
            self.results.append(self._result(f))

    def _result(self, f: Finding) -> dict[str, Any]:
        start, end = f.span.start, f.span.end
        region: dict[str, int] = {"startLine": start.line, "startColumn": start.column}
        region.update(endLine=max(end.line, start.line), endColumn=end.column)
        if (region["endLine"], region["endColumn"]) <= (start.line, start.column):
            region.update(endLine=start.line, endColumn=start.column + 1)
        return {
            "ruleId": f.code,
            "level": _LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message(self.context.lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(f.path, safe="/")},
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {"govlintFingerprint/v1": fingerprint(f)},
        }

    def finish(self, summary: Summary) -> None:
        ordered = sorted(self.rules.values(), key=lambda r: r.code)
        index = {rule.code: i for i, rule in enumerate(ordered)}
        for result in self.results:
            result["ruleIndex"] = index[result["ruleId"]]
        document = {
            "version": SARIF_VERSION,
            "$schema": SARIF_SCHEMA,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "govlint",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": [_rule_descriptor(rule, self.context.lang) for rule in ordered],
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                }
            ],
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
