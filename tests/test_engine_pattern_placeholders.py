"""pattern-present / pattern-absent declare their placeholders, so messages are fully validated."""

from __future__ import annotations

import pytest

from govlint.engine import RuleError, load_rule_file

RULE = """rules:
  - code: XT790
    name: some-rule
    category: typography
    severity: info
    check: {check}
    params: {{pattern: '{pattern}'}}
    message: {{zh: "{message}", en: "{message}"}}
    summary: {{zh: 摘要, en: summary}}
"""


def load(check: str, message: str, pattern: str = "(?P<year>\\d{{4}})年") -> None:
    load_rule_file("my.yaml", RULE.format(check=check, pattern=pattern, message=message))


@pytest.mark.parametrize("message", ["{match}", "{year}", "{pattern} {scope} {code} {name} {matched}"])
def test_pattern_absent_accepts_its_placeholders(message: str) -> None:
    load("pattern-absent", message)


@pytest.mark.parametrize("message", ["{scope}", "{pattern} {code} {matched}"])
def test_pattern_present_accepts_its_placeholders(message: str) -> None:
    load("pattern-present", message)


@pytest.mark.parametrize(("check", "message"), [("pattern-absent", "{mach}"), ("pattern-present", "{match}")])
def test_unknown_placeholders_are_rule_errors(check: str, message: str) -> None:
    with pytest.raises(RuleError, match="never provided by this check kind"):
        load(check, message)
