"""Running a rule set over one report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govlint.checks.registry import CheckContext, Hit
from govlint.engine.rule import LANGUAGES, Rule
from govlint.engine.ruleset import RuleSet
from govlint.findings import Finding
from govlint.model import Position, Report, Span
from govlint.safe_regex import RegexTimeout

INTERNAL_ERROR_CODE = "GL000"
INTERNAL_ERROR_NAME = "internal-error"

WHOLE_REPORT = Span(Position(1, 1, 0), Position(1, 1, 0))


class _Args(dict):
    """Message arguments; a placeholder with no value renders as an empty string, never a crash."""

    def __missing__(self, key: str) -> str:
        return ""


def lint(report: Report, ruleset: RuleSet, options: Mapping[str, Any] | None = None) -> list[Finding]:
    """Every finding of every applicable rule on ``report``, in (path, line, column, code) order.

    A check that raises does not stop the run: it becomes one ``GL000 internal-error`` finding that
    names the rule.
    """
    settings = dict(options or {})
    findings: list[Finding] = []
    shared: dict[Any, Any] = {}  # CheckContext.memo: work shared between the rules of this call
    # A rule set holds a handful of distinct applies_to: each is asked once per report.
    admitted = [applies.matches(report) for applies in ruleset.applies_tos]
    ctx = CheckContext("", settings, shared)  # one per call: each rule's code is set as it runs
    for rule, fn, params, applies in ruleset.runs:
        if not admitted[applies]:
            continue
        ctx.rule_code = rule.code
        first = len(findings)  # a rule that raises half-way reports only the error, not its earlier hits
        try:
            for hit in fn(report, params, ctx):
                findings.append(_finding(report, rule, hit))
        except RegexTimeout as exc:
            del findings[first:]
            findings.append(_internal_error(report, rule, f"a pattern timed out ({exc})"))
        except Exception as exc:  # a bug in a check must not hide the other rules' findings
            del findings[first:]
            findings.append(_internal_error(report, rule, f"{type(exc).__name__}: {exc}"))
    findings.sort(key=lambda f: (*f.sort_key, f.message("zh")))
    return findings


def _finding(report: Report, rule: Rule, hit: Hit) -> Finding:
    span = hit.span or WHOLE_REPORT
    matched = hit.matched if hit.matched is not None else _text_under(report, span)
    args = _Args(rule.params)
    args.update(rule.raw_params)  # a parameter placeholder shows what the rule file says ({assert})
    args.update(hit.args)
    args.setdefault("matched", matched)
    args["code"] = rule.code
    args["name"] = rule.name
    messages = {}
    for lang in LANGUAGES:
        template = rule.messages.get(lang)
        if template:
            try:
                messages[lang] = template.format_map(args)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                messages[lang] = f"{template} ({type(exc).__name__}: {exc})"
    return Finding(
        path=report.path,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        span=span,
        messages=messages,
        matched=matched,
    )


def _text_under(report: Report, span: Span) -> str:
    if span.end.offset <= span.start.offset:
        return ""
    return report.text[span.start.offset : span.end.offset]


def internal_error(path: str, zh: str, en: str, matched: str) -> Finding:
    """A GL000 finding: govlint itself failed on this report (never a traceback)."""
    bug = ("这是 govlint 的缺陷，请附上报告文本反馈。", "This is a govlint bug; please report it with the report text.")
    return Finding(
        path=path,
        code=INTERNAL_ERROR_CODE,
        name=INTERNAL_ERROR_NAME,
        severity="error",
        span=WHOLE_REPORT,
        messages={"zh": f"{zh}。{bug[0]}", "en": f"{en}. {bug[1]}"},
        matched=matched,
    )


def _internal_error(report: Report, rule: Rule, detail: str) -> Finding:
    return internal_error(
        report.path,
        f"规则 {rule.code}（{rule.name}）未能完成检查：{detail}",
        f"Rule {rule.code} ({rule.name}) could not finish: {detail}",
        matched=rule.code,
    )
