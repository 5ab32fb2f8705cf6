"""Every rule's cases (tests/rule_cases/<CODE>.yaml, sqlfluff style) and examples.

Texts are read as govlint reads a file holding them (``parse_bytes`` of their UTF-8 bytes).
A case file::

    rule: GL501
    cases:
      - name: balanced                    # a passing case: expect nothing
        text: "..."                       # a short report text (or `file:` relative to tests/fixtures)
        expect: []
      - name: column does not balance
        text: "..."
        options: {agency_type: 部门}      # optional: the effective settings given to the checks
        expect: [{code: GL501, line: 4, column: 38}]

Only the case file's rule runs (plus GL000, so a crash fails the case); the findings must be exactly
the expected (code, line[, column]) list. Corpus rules (category batch) compare several reports and
are tested by tests/test_batch*.py instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from govlint.engine import INTERNAL_ERROR_CODE, Rule, RuleSet, lint, load_rules

TESTS = Path(__file__).resolve().parent
CASES_DIR = TESTS / "rule_cases"
FIXTURES = TESTS / "fixtures"
# Rules whose problem lives in the bytes of a file, not in a text: their examples describe the file
# and their cases use `file:` fixtures.
BYTE_LEVEL_RULES = {"GL001", "GL002", "GL003"}

parsing = pytest.importorskip("govlint.parsing")


def _rules() -> RuleSet:
    return load_rules()


RULES = _rules()


def _case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _load_cases() -> list[tuple[str, str, dict[str, Any]]]:
    cases = []
    for path in _case_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = document["rule"]
        for index, case in enumerate(document["cases"]):
            cases.append((code, f"{path.stem}::{case.get('name', index)}", case))
    return cases


CASES = _load_cases()


def _parse(text: str, path: str):  # type: ignore[no-untyped-def]
    """A text as govlint reads a file holding it (UTF-8 bytes: decoding diagnostics included)."""
    return parsing.parse_bytes(text.encode("utf-8"), path)


def _report(case: dict[str, Any], name: str):  # type: ignore[no-untyped-def]
    if "file" in case:
        return parsing.parse_file(str(FIXTURES / case["file"]))
    return _parse(case["text"], f"{name}.txt")


def _findings(rule: Rule, report, options: dict[str, Any] | None = None) -> list[Any]:  # type: ignore[no-untyped-def]
    found = lint(report, RuleSet([rule]), options or {})
    return [f for f in found if f.code in (rule.code, INTERNAL_ERROR_CODE)]


@pytest.mark.parametrize(("code", "name", "case"), CASES, ids=[name for _, name, _ in CASES])
def test_rule_case(code: str, name: str, case: dict[str, Any]) -> None:
    rule = RULES.get(code)
    assert rule is not None, f"{name}: no rule {code}"
    findings = _findings(rule, _report(case, name), case.get("options"))
    expected = case.get("expect") or []
    with_column = [e for e in expected if "column" in e]
    actual = [(f.code, f.span.line) for f in findings]
    assert actual == [(e["code"], e["line"]) for e in expected], "\n".join(f.message("zh") for f in findings)
    if with_column:
        columns = {(f.code, f.span.line, f.span.column) for f in findings}
        for item in with_column:
            assert (item["code"], item["line"], item["column"]) in columns, (item, sorted(columns))


def _single_report_rules() -> list[Rule]:
    return [rule for rule in RULES if rule.category != "batch"]


@pytest.mark.parametrize("rule", _single_report_rules(), ids=lambda r: r.code)
def test_every_rule_has_a_passing_and_a_failing_case(rule: Rule) -> None:
    mine = [case for code, _, case in CASES if code == rule.code]
    assert any(not case.get("expect") for case in mine), f"{rule.code} has no passing case in tests/rule_cases"
    assert any(case.get("expect") for case in mine), f"{rule.code} has no failing case in tests/rule_cases"


@pytest.mark.parametrize(
    "rule", [r for r in _single_report_rules() if r.code not in BYTE_LEVEL_RULES], ids=lambda r: r.code
)
def test_examples_bad_triggers_and_good_does_not(rule: Rule) -> None:
    for text in rule.examples.get("bad", ()):
        report = _parse(text, "bad.txt")
        assert [f.code for f in _findings(rule, report)].count(rule.code) >= 1, f"{rule.code}: examples.bad is clean"
    for text in rule.examples.get("good", ()):
        findings = _findings(rule, _parse(text, "good.txt"))
        assert findings == [], [f.message("zh") for f in findings]


def test_case_files_name_existing_rules() -> None:
    for path in _case_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert document["rule"] == path.stem, f"{path.name} holds cases for {document['rule']}"
        assert document["rule"] in RULES, f"{path.name}: unknown rule"
