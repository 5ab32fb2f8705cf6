"""``govlint rules`` (list every rule) and ``govlint explain CODE|NAME`` (one rule's documentation)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from govlint.cli import EXIT_CLEAN, EXIT_USAGE, UsageError, options
from govlint.config import ConfigError, find_config, settings_from
from govlint.engine import INTERNAL_ERROR_CODE, INTERNAL_ERROR_NAME, Rule, RuleError, RuleSet, load_rules

_LABELS: dict[str, dict[str, Any]] = {
    "zh": {
        "rationale": "原因",
        "source": "依据",
        "applies": "适用范围",
        "check": "检查类型",
        "params": "参数",
        "message": "提示信息",
        "bad": "反例（会报告）",
        "good": "正例（不报告）",
        "all": "所有报告",
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
    },
    "en": {
        "rationale": "Rationale",
        "source": "Source",
        "applies": "Applies to",
        "check": "Check kind",
        "params": "Parameters",
        "message": "Message",
        "bad": "Bad example (reported)",
        "good": "Good example (not reported)",
        "all": "all reports",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
    },
}

_INTERNAL_DOC = {
    "zh": "检查规则自身运行出错（govlint 的缺陷）。该规则的结果缺失；请附上报告文本反馈。",
    "en": "A rule's check crashed (a govlint bug). That rule's results are missing; please report it with the text.",
}


# GL000 is built into the engine (a check that crashed), not a rule file entry; it is listed so that
# every code a user can meet is documented.
_INTERNAL_SUMMARY = {"zh": "检查规则自身运行出错（govlint 的缺陷）", "en": "A rule's check crashed (a govlint bug)"}
_INTERNAL_JSON: dict[str, Any] = {
    "code": INTERNAL_ERROR_CODE,
    "name": INTERNAL_ERROR_NAME,
    "category": "internal",
    "severity": "error",
    "check": None,
    "summary": _INTERNAL_SUMMARY,
    "applies_to": {"formats": None, "years": {"min": None, "max": None}},
    "source": "govlint",
}


def register(subparsers: Any) -> None:
    rules = subparsers.add_parser("rules", help="list every rule (code, name, severity, summary)")
    _common(rules)
    rules.add_argument("--json", action="store_true", help="print the list as JSON")
    rules.set_defaults(func=run_rules)

    explain = subparsers.add_parser("explain", help="print a rule's documentation, examples included")
    explain.add_argument("rule", metavar="CODE|NAME", help="a rule code (GL501) or name (t3-balance)")
    _common(explain)
    explain.set_defaults(func=run_explain)


def _common(parser: argparse.ArgumentParser) -> None:
    options.add_lang_argument(parser)
    parser.add_argument(
        "--rules-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the rule files in DIR (repeatable), besides the configuration's rule-dirs",
    )
    parser.add_argument("--isolated", action="store_true", help="ignore all configuration files")


def _load(args: argparse.Namespace) -> RuleSet:
    """The shipped rules, the nearest configuration's rule-dirs and --rules-dir; sets args.lang."""
    dirs = list(args.rules_dir)
    lang = args.lang
    if not args.isolated:
        try:
            settings = settings_from(find_config(Path.cwd()))
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
        dirs = [*settings.rule_dirs, *dirs]
        lang = lang or settings.lang
    args.lang = lang if lang in _LABELS else "zh"
    try:
        return load_rules(dirs)
    except RuleError as exc:
        raise UsageError(f"invalid rule file: {exc}") from None


def run_rules(args: argparse.Namespace) -> int:
    ruleset = _load(args)
    if args.json:
        items = [_INTERNAL_JSON, *(_as_json(rule) for rule in ruleset)]
        json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    rows = [(INTERNAL_ERROR_CODE, INTERNAL_ERROR_NAME, "error", _INTERNAL_SUMMARY[args.lang])]
    rows += [(rule.code, rule.name, rule.severity, rule.summary_in(args.lang)) for rule in ruleset]
    name_width = max(len(name) for _, name, _, _ in rows)
    for code, name, severity, summary in rows:
        print(f"{code:<6} {name:<{name_width}}  {severity:<7}  {summary}")
    return EXIT_CLEAN


def _as_json(rule: Rule) -> dict[str, Any]:
    applies = rule.applies_to
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "check": rule.check,
        "summary": dict(rule.summary),
        "applies_to": {
            "formats": sorted(applies.formats) if applies.formats is not None else None,
            "years": {"min": applies.year_min, "max": applies.year_max},
        },
        "source": rule.source,
    }


def run_explain(args: argparse.Namespace) -> int:
    ruleset = _load(args)
    lang = args.lang
    wanted = args.rule.strip()
    if wanted.upper() == INTERNAL_ERROR_CODE or wanted.lower() == INTERNAL_ERROR_NAME:
        print(f"{INTERNAL_ERROR_CODE} {INTERNAL_ERROR_NAME} ({_LABELS[lang]['severity']['error']})")
        print(_INTERNAL_DOC[lang])
        return EXIT_CLEAN
    rule = ruleset.get(wanted)
    if rule is None:
        suggestion = ruleset.suggest(wanted)
        hint = f"; did you mean {suggestion}?" if suggestion else "; `govlint rules` lists them"
        print(f"govlint: error: unknown rule {wanted!r}{hint}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(explain_text(rule, lang))
    return EXIT_CLEAN


def explain_text(rule: Rule, lang: str = "zh") -> str:
    labels = _LABELS[lang]
    severity = labels["severity"][rule.severity]
    out = [f"{rule.code} {rule.name} ({severity}, {rule.category})", rule.summary_in(lang), ""]
    if rule.rationale:
        out += [f"{labels['rationale']}:", _indent(rule.rationale), ""]
    if rule.source:
        out += [f"{labels['source']}: {rule.source}"]
    applies = rule.applies_to.describe()
    out += [f"{labels['applies']}: {labels['all'] if applies == 'all reports' else applies}"]
    out += [f"{labels['check']}: {rule.check}"]
    if rule.raw_params:
        out += [f"{labels['params']}:"]
        out += [f"  {key}: {_show(value)}" for key, value in rule.raw_params.items()]
    out += [f"{labels['message']}: {rule.messages.get(lang) or rule.messages.get('zh', '')}", ""]
    for kind in ("bad", "good"):
        for text in rule.examples.get(kind, ()):
            out += [f"{labels[kind]}:", _indent(text.rstrip("\n") or "(empty)"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def _show(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
