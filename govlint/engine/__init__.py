"""The rule engine: rules are YAML instances of registered check kinds.

ruleset = load_rules(extra_dirs)            # validates; raises RuleError
ruleset = ruleset.select(select, ignore, extend_select)
findings = lint(report, ruleset, options)   # sorted; never raises for a failing check
"""

from govlint.engine.loader import load_rule_file, load_rules
from govlint.engine.rule import AppliesTo, Rule, RuleError
from govlint.engine.ruleset import RuleSet, UnknownRuleError
from govlint.engine.runner import INTERNAL_ERROR_CODE, INTERNAL_ERROR_NAME, lint

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
