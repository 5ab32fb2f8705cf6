"""The rule set without compiling it, for runs the result cache answers.

Loading the rules (``govlint.lint.rules_for``) imports every check kind and compiles every rule's
parameters (regular expressions, table expressions): about 80 ms, which a run whose files are all
in the result cache would pay only to select rules, describe them (SARIF) and run the corpus checks.
The index holds each rule as loaded except the compiled parameters of per-report rules (and the
check function): it is derived from a full load and kept in the user cache (``govlint.usercache``)
while the rule files, govlint and Python are unchanged, so a cached run never compiles a rule and
a file that misses the cache loads the real rules as before. A rule set that loads with an error
is never indexed: the error is raised again at every run.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govlint.batch.cache import code_fingerprint, rules_fingerprint
from govlint.config import Settings
from govlint.usercache import cached_json, name_for

if TYPE_CHECKING:
    from govlint.engine import Rule, RuleSet

INDEX_VERSION = 1


def rule_index(settings: Settings) -> RuleSet:
    """Every rule of ``settings``' rule set, uncompiled: for selection, descriptions and corpus
    checks, never for linting a report (``rules_for`` gives those)."""
    dirs = settings.rule_dirs
    existing = "".join("1" if Path(d).is_dir() else "0" for d in dirs)  # a vanished directory is an error
    key = f"v{INDEX_VERSION}|{sys.version}|{code_fingerprint()}|{rules_fingerprint(dirs)}|{existing}"
    return _index(dirs, key)


@cache
def selected_index(settings: Settings) -> RuleSet:
    """``govlint.lint.selected_rules`` over the index."""
    from govlint.lint import select_rules

    return select_rules(rule_index(settings), settings)


@cache
def _index(rule_dirs: tuple[str, ...], key: str) -> RuleSet:
    from govlint.lint import rules_for

    def describe() -> list[dict[str, Any]] | None:
        return _describe(rules_for(Settings(rule_dirs=rule_dirs)))

    data = cached_json(f"rule-index-{name_for(*rule_dirs)}", key, describe, valid=lambda d: isinstance(d, list))
    if data is not None:
        try:
            return _ruleset(data)
        except (KeyError, TypeError, ValueError):  # a damaged entry
            pass
    return rules_for(Settings(rule_dirs=rule_dirs))


def _describe(rules: RuleSet) -> list[dict[str, Any]] | None:
    """The rules as JSON; None when a corpus rule's parameters do not survive JSON unchanged."""
    from govlint.batch.corpus import CORPUS_CHECKS

    described = []
    for rule in rules:
        entry = {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category,
            "severity": rule.severity,
            "check": rule.check,
            "messages": dict(rule.messages),
            "summary": dict(rule.summary),
            "rationale": rule.rationale,
            "source": rule.source,
            "examples": {kind: list(texts) for kind, texts in rule.examples.items()},
            "formats": sorted(rule.applies_to.formats) if rule.applies_to.formats is not None else None,
            "year_min": rule.applies_to.year_min,
            "year_max": rule.applies_to.year_max,
            "path": rule.path,
            "line": rule.line,
        }
        if rule.check in CORPUS_CHECKS:  # the corpus checks run from the index: keep their parameters
            params = dict(rule.params)
            if not _survives_json(params):
                return None
            entry["params"] = params
        described.append(entry)
    return described


def _survives_json(value: Any) -> bool:
    try:
        return repr(json.loads(json.dumps(value))) == repr(value)
    except (TypeError, ValueError):
        return False


def _ruleset(data: list[dict[str, Any]]) -> RuleSet:
    from govlint.engine import AppliesTo, Rule, RuleSet

    rules: list[Rule] = []
    for entry in data:
        formats = entry["formats"]
        rules.append(
            Rule(
                code=entry["code"],
                name=entry["name"],
                category=entry["category"],
                severity=entry["severity"],
                check=entry["check"],
                fn=_not_compiled,
                params=entry.get("params", {}),
                messages=entry["messages"],
                summary=entry["summary"],
                rationale=entry["rationale"],
                source=entry["source"],
                examples={kind: tuple(texts) for kind, texts in entry["examples"].items()},
                applies_to=AppliesTo(
                    formats=frozenset(formats) if formats is not None else None,
                    year_min=entry["year_min"],
                    year_max=entry["year_max"],
                ),
                path=entry["path"],
                line=entry["line"],
            )
        )
    return RuleSet(rules)


def _not_compiled(*args: Any) -> Any:
    raise RuntimeError("a rule of the rule index cannot lint a report: use govlint.lint.rules_for")
