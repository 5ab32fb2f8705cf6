"""The rule engine: rules are YAML instances of registered check kinds.

ruleset = load_rules(extra_dirs)            # validates; raises RuleError
ruleset = ruleset.select(select, ignore, extend_select)
findings = lint(report, ruleset, options)   # sorted; never raises for a failing check

Names are imported from their modules when first used: a run served from the result cache needs
``RuleError`` but not the loader (which brings the regex engine and every check kind).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govlint.engine.loader import load_rule_file, load_rules
    from govlint.engine.rule import AppliesTo, Rule, RuleError
    from govlint.engine.ruleset import RuleSet, UnknownRuleError
    from govlint.engine.runner import INTERNAL_ERROR_CODE, INTERNAL_ERROR_NAME, lint

_HOMES = {
    "load_rule_file": "loader",
    "load_rules": "loader",
    "AppliesTo": "rule",
    "Rule": "rule",
    "RuleError": "rule",
    "RuleSet": "ruleset",
    "UnknownRuleError": "ruleset",
    "INTERNAL_ERROR_CODE": "runner",
    "INTERNAL_ERROR_NAME": "runner",
    "lint": "runner",
}

__all__ = [
    "INTERNAL_ERROR_CODE",
    "INTERNAL_ERROR_NAME",
    "AppliesTo",
    "Rule",
    "RuleError",
    "RuleSet",
    "UnknownRuleError",
    "lint",
    "load_rule_file",
    "load_rules",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"govlint.engine.{home}"), name)
    globals()[name] = value
    return value
