"""Rules of their own for the command-line tests (``select = ["TST"]``), so that the tests
exercise the command line, not the shipped rule set, and stay valid as rules evolve."""

from __future__ import annotations

DASH_IN_PHONE = """\
  - code: TST001
    name: dash-in-phone
    category: contact
    severity: error
    check: pattern-absent
    params: {pattern: '(?P<area>0\\d{2,3})—(?P<local>\\d{7,8})'}
    message:
      zh: "电话号码“{match}”中的连接号应为“-”：改为{area}-{local}。"
      en: "Phone number “{match}” uses a dash: write {area}-{local}."
    summary: {zh: 电话号码连接号, en: Phone number dash}
    rationale: Test rule.
    source: tests
    examples: {bad: "0931—8123456", good: "0931-8123456"}
"""

OLD_REGULATION = """\
  - code: TST002
    name: old-regulation
    category: typography
    severity: warning
    check: pattern-absent
    params: {pattern: '国务院令第492号'}
    message: {zh: "引用了已废止的国务院令第492号。", en: "Cites the repealed State Council Order No. 492."}
    summary: {zh: 旧条例, en: Old regulation}
    rationale: Test rule.
    source: tests
    examples: {bad: "国务院令第492号", good: "国务院令第711号"}
"""

HALF_WIDTH_COLON = """\
  - code: TST003
    name: half-width-colon
    category: typography
    severity: info
    check: pattern-absent
    params: {pattern: '传真:'}
    message: {zh: "“传真”后应使用全角冒号“：”。", en: "Use a full-width colon after 传真."}
    summary: {zh: 半角冒号, en: Half-width colon}
    rationale: Test rule.
    source: tests
    examples: {bad: "传真:", good: "传真："}
"""


def rule_file(*rules: str) -> str:
    """A rule file (YAML) holding ``rules``."""
    return "rules:\n" + "".join(rules)
