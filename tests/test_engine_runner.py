"""Selecting rules (ruff semantics), severity overrides, applicability, and the runner's guarantees."""

from __future__ import annotations

import pytest
from engine_support import make_report, make_table

from govlint.checks.registry import CHECKS, Hit, check_kind
from govlint.engine import INTERNAL_ERROR_CODE, UnknownRuleError, lint, load_rule_file, load_rules
from govlint.engine.ruleset import RuleSet
from govlint.model import Diagnostic, Report


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


def test_select_by_prefix_and_ignore_more_specific(rules: RuleSet) -> None:
    chosen = rules.select(select=["GL5"], ignore=["GL50"])
    assert chosen.codes and all(c.startswith("GL51") for c in chosen.codes)


def test_more_specific_select_beats_broader_ignore(rules: RuleSet) -> None:
    chosen = rules.select(select=["GL501"], ignore=["GL5"])
    assert chosen.codes == ["GL501"]


def test_extend_select_adds_to_select_and_names_work(rules: RuleSet) -> None:
    chosen = rules.select(select=["GL41"], extend_select=["t3-balance"])
    assert "GL501" in chosen.codes and all(c.startswith("GL41") or c == "GL501" for c in chosen.codes)


def test_default_selects_everything_and_ignore_all_nothing(rules: RuleSet) -> None:
    assert len(rules.select()) == len(rules)
    assert len(rules.select(ignore=["ALL"])) == 0


def test_unknown_selector_is_an_error_with_a_suggestion(rules: RuleSet) -> None:
    with pytest.raises(UnknownRuleError, match="did you mean GL511"):
        rules.select(select=["GL5011"])
    with pytest.raises(UnknownRuleError, match="t3-balance"):
        rules.resolve("t3-balanse")


def test_severity_overrides_most_specific_wins(rules: RuleSet) -> None:
    changed = rules.with_severities({"GL5": "warning", "GL501": "info"})
    assert changed.resolve("GL501").severity == "info"
    assert changed.resolve("GL502").severity == "warning"
    assert rules.resolve("GL502").severity == "error"  # the original set is unchanged
    with pytest.raises(ValueError):
        rules.with_severities({"GL5": "fatal"})


def unbalanced_t3(version: str = "2021") -> Report:
    grid = {
        "一": ["3", "1", "0", "0", "0", "0", "4"],
        "二": ["1", "0", "0", "0", "0", "0", "1"],
        "三.七": ["3", "1", "0", "0", "0", "0", "4"],
        "四": ["0", "0", "0", "0", "0", "0", "0"],
    }
    return make_report([make_table("t3", version, grid)], fmt=version)


def test_stated_identity_message_shows_the_numbers(rules: RuleSet) -> None:
    findings = lint(unbalanced_t3(), rules.select(select=["GL501"]))
    assert [(f.code, f.span.line, f.span.column) for f in findings] == [("GL501", 10, 10), ("GL501", 10, 28)]
    assert "一(3) + 二(1) = 4，但 三.七(3) + 四(0) = 3" in findings[0].message("zh")
    assert "“自然人”" in findings[0].message("zh")
    assert "column “自然人”" in findings[0].message("en")
    assert findings[1].message("zh").startswith("表三“总计”列")


def test_applies_to_formats_and_years(rules: RuleSet) -> None:
    report = unbalanced_t3()
    report.format = None  # unknown format: a format-restricted rule does not guess
    assert lint(report, rules.select(select=["GL501"])) == []
    report = unbalanced_t3("2019")
    report.year = 2020
    assert len(lint(report, rules.select(select=["GL501"]))) == 2


def test_findings_are_sorted_and_deterministic(rules: RuleSet) -> None:
    report = unbalanced_t3()
    first = lint(report, rules)
    assert first == lint(report, rules)
    assert [f.sort_key for f in first] == sorted(f.sort_key for f in first)


def test_a_crashing_check_becomes_one_internal_error_finding() -> None:
    if "engine-test-crash" not in CHECKS:

        @check_kind("engine-test-crash", provides=())
        def _crash(report, params, ctx):  # type: ignore[no-untyped-def]
            yield Hit(None)
            raise ZeroDivisionError("boom")

    (rule,) = load_rule_file(
        "crash.yaml",
        """
rules:
  - code: ZZ100
    name: crashes
    category: test
    severity: info
    check: engine-test-crash
    message: {zh: 坏, en: bad}
    summary: {zh: 坏, en: bad}
""",
    )
    findings = lint(Report(path="x.txt", text="abc"), RuleSet([rule]))
    assert [f.code for f in findings] == [INTERNAL_ERROR_CODE]
    assert "ZZ100" in findings[0].message("zh") and "ZeroDivisionError: boom" in findings[0].message("en")


def test_parse_diagnostics_become_findings(rules: RuleSet) -> None:
    report = Report(path="x.txt", text="", diagnostics=[Diagnostic("binary", "binary file")])
    assert [f.code for f in lint(report, rules)] == ["GL002"]


def test_unreliable_table_is_reported_once_and_not_judged(rules: RuleSet) -> None:
    report = unbalanced_t3()
    report.tables[0].reliable = False
    report.tables[0].layout = "flattened"
    findings = lint(report, rules.select(select=["GL0", "GL4", "GL5"]))
    assert [f.code for f in findings] == ["GL006"]
    assert "表三" in findings[0].message("zh") and "flattened" in findings[0].message("zh")


def test_rules_share_work_through_ctx_memo() -> None:
    calls: list[str] = []
    if "engine-test-memo" not in CHECKS:

        @check_kind("engine-test-memo", provides=())
        def _memo(report, params, ctx):  # type: ignore[no-untyped-def]
            ctx.memo("lines", lambda: calls.append(ctx.rule_code) or len(report.text))
            return []

    text = """
rules:
  - code: ZZ10{n}
    name: memo-{n}
    category: test
    severity: info
    check: engine-test-memo
    message: {{zh: 坏, en: bad}}
    summary: {{zh: 坏, en: bad}}
"""
    rules = [load_rule_file("m.yaml", text.format(n=n))[0] for n in (1, 2)]
    lint(Report(path="x.txt", text="abc"), RuleSet(rules))
    lint(Report(path="y.txt", text="abcd"), RuleSet(rules))
    assert calls == ["ZZ101", "ZZ101"]  # once per lint call, not once per rule


def test_a_pattern_timeout_is_one_finding_not_a_hang() -> None:
    from govlint import safe_regex

    if "engine-test-slow" not in CHECKS:

        @check_kind("engine-test-slow", provides=())
        def _slow(report, params, ctx):  # type: ignore[no-untyped-def]
            pattern = safe_regex.compile(r"(a+)+$", timeout=0.05)
            for match in pattern.finditer(report.text):
                yield Hit(None, matched=match.group())

    (rule,) = load_rule_file(
        "slow.yaml",
        """
rules:
  - code: ZZ200
    name: slow
    category: test
    severity: info
    check: engine-test-slow
    message: {zh: 慢, en: slow}
    summary: {zh: 慢, en: slow}
""",
    )
    findings = lint(Report(path="x.txt", text="a" * 30_000 + "!"), RuleSet([rule]))
    assert [f.code for f in findings] == [INTERNAL_ERROR_CODE]
    assert "timed out" in findings[0].message("en")
