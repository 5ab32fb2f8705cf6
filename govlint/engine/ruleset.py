"""A set of loaded rules, and choosing among them (ruff's select / ignore / extend-select)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, cast

from govlint.checks.registry import CheckFn
from govlint.engine.rule import AppliesTo, Rule
from govlint.findings import SEVERITIES, Severity


class UnknownRuleError(ValueError):
    """A rule code, prefix or name that matches no rule; the message suggests the nearest one."""

    def __init__(self, selector: str, suggestion: str | None) -> None:
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        super().__init__(f"unknown rule code or name {selector!r}{hint}")
        self.selector = selector
        self.suggestion = suggestion


class RuleSet:
    """Rules ordered by code. Selection returns a new RuleSet; the original is never changed."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(sorted(rules, key=lambda r: r.code))
        self._by_code = {r.code: r for r in self.rules}
        self._by_name = {r.name: r for r in self.rules}
        # What the runner needs of each rule, unpacked once: (rule, check function, parameters,
        # index of its applies_to among the distinct ones, ``applies_tos``).
        distinct: dict[AppliesTo, int] = {}
        self.runs: tuple[tuple[Rule, CheckFn, Mapping[str, Any], int], ...] = tuple(
            (r, r.fn, r.params, distinct.setdefault(r.applies_to, len(distinct))) for r in self.rules
        )
        self.applies_tos: tuple[AppliesTo, ...] = tuple(distinct)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.rules]

    def get(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        return self._by_code.get(key.upper()) or self._by_name.get(key.lower())

    def resolve(self, code_or_name: str) -> Rule:
        """The rule with this code or name, or ``UnknownRuleError`` with a suggestion."""
        rule = self.get(code_or_name)
        if rule is None:
            raise UnknownRuleError(code_or_name, self.suggest(code_or_name))
        return rule

    def suggest(self, selector: str) -> str | None:
        candidates = [*self._by_code, *self._by_name]
        close = difflib.get_close_matches(selector, candidates, n=1, cutoff=0.5)
        if not close and selector.upper() in self._by_code:
            return selector.upper()
        return close[0] if close else None

    def _check_selectors(self, selectors: Sequence[str]) -> None:
        for selector in selectors:
            # ALL, a code prefix (GL4, GL40, GL401) or a rule name
            if not any(_specificity([selector], rule) >= 0 for rule in self.rules):
                raise UnknownRuleError(selector, self.suggest(selector))

    def select(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> RuleSet:
        """Ruff semantics: ``select`` replaces the default (every rule), ``extend_select`` adds to it,
        ``ignore`` removes; when a rule matches both, the more specific selector (longer prefix; a
        rule name is the most specific) wins, and on a tie ``ignore`` wins."""
        chosen = list(select) if select is not None else ["ALL"]
        self._check_selectors([*chosen, *ignore, *extend_select])

        kept = []
        for rule in self.rules:
            wanted = _specificity([*chosen, *extend_select], rule)
            unwanted = _specificity(ignore, rule)
            if wanted >= 0 and wanted > unwanted:
                kept.append(rule)
        return RuleSet(kept)

    def with_severities(self, overrides: Mapping[str, str]) -> RuleSet:
        """Override severities by code, code prefix or name; the most specific selector wins."""
        for selector, severity in overrides.items():
            if severity not in SEVERITIES:
                raise ValueError(f"severity for {selector!r} must be one of {', '.join(SEVERITIES)}")
        self._check_selectors(list(overrides))
        rules = []
        for rule in self.rules:
            best, chosen = -1, None
            for selector, severity in overrides.items():
                rank = _specificity([selector], rule)
                if rank > best:
                    best, chosen = rank, cast(Severity, severity)
            rules.append(replace(rule, severity=chosen) if chosen else rule)
        return RuleSet(rules)


def _specificity(selectors: Sequence[str], rule: Rule) -> int:
    """How specifically the most specific of ``selectors`` names ``rule``: -1 not at all, 0 by
    ``ALL``, the prefix's length by a code prefix, 1000 by the rule's name."""
    best = -1
    for selector in selectors:
        key = selector.strip()
        if key.upper() == "ALL":
            best = max(best, 0)
        elif key.lower() == rule.name:
            best = max(best, 1000)
        elif rule.code.startswith(key.upper()):
            best = max(best, len(key))
    return best
