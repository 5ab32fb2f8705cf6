"""Rule-file validation: every kind of malformed rule names the file, the line, the rule and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from engine_support import register_silent_kind
from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.checks.registry import Param
from govlint.engine import RuleError, load_rule_file, load_rules

GOOD = """\
rules:
  - code: GL999
    name: t3-test-balance
    category: arithmetic
    severity: error
    applies_to: {formats: ["2019", "2021"], years: {min: 2019, max: null}}
    check: balance
    params:
      table: t3
      for_each: column
      assert: 一 + 二 == 三.七 + 四
    message:
      zh: "表三“{item}”列：{left} = {left_value}，但 {right} = {right_value}"
      en: "Table 3 column {item}: {shown}"
    summary: {zh: 测试, en: test}
"""


def load(text: str, name: str = "custom.yaml"):
    return load_rule_file(name, textwrap.dedent(text))


def error_of(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load(text)
    return info.value


def test_a_valid_rule_loads_with_compiled_params() -> None:
    (rule,) = load(GOOD)
    assert rule.code == "GL999" and rule.line == 2 and rule.path == "custom.yaml"
    assert rule.params["assert"].by_version.keys() == {"2019", "2021"}
    assert rule.applies_to.year_min == 2019


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem"),
    [
        ("    category: arithmetic\n", "    category: arithmetic\n    colour: red\n", 5, "colour", "unknown key"),
        ("    severity: error", "    severity: fatal", 5, "severity", "not one of"),
        ("    severity: error", "    severity: [error]", 5, "severity", "non-empty string"),
        ("    check: balance", "    check: balanse", 7, "check", "unknown check kind 'balanse'"),
        ("      table: t3", "      table: t9", 9, "params.table", "unknown table 't9'"),
        ("      for_each: column", "      for_each: cell", 10, "params.for_each", "not one of"),
        (
            "      for_each: column\n",
            "      for_each: column\n      colour: 1\n",
            11,
            "params.colour",
            "unknown parameter",
        ),
        ("一 + 二 == 三.七 + 四", "一 + 二 == 三.八 + 四", 11, "params.assert", "unknown row key '三.八'"),
        ("一 + 二 == 三.七 + 四", "一[自然人] == 一[人民]", 11, "params.assert", "unknown column key '人民'"),
        ("一 + 二 == 三.七 + 四", "一 + (二 == 四", 11, "params.assert", "unexpected"),
        ("    name: t3-test-balance", "    name: T3_Test", 3, "name", "kebab-case"),
        ("  - code: GL999", "  - code: gl999", 2, "code", "not a rule code"),
        ('      en: "Table 3 column {item}: {shown}"\n', "", 12, "message.en", "both zh and en"),
        ('{right_value}"', '{right_valu}"', 13, "message.zh", "{right_valu} is never provided"),
        ("{shown}", "{shown.__class__}", 14, "message.en", "plain name"),
        ("{shown}", "{shown", 14, "message.en", "malformed placeholder"),
        ("    summary: {zh: 测试, en: test}\n", "", 2, "summary", "required key is missing"),
        ('formats: ["2019", "2021"]', 'formats: ["2020"]', 6, "applies_to.formats", "unknown format"),
        ("max: null", "max: 2010", 6, "applies_to.years", "min is after max"),
    ],
)
def test_each_problem_names_file_line_rule_and_field(old: str, new: str, line: int, field: str, problem: str) -> None:
    assert old in GOOD
    error = error_of(GOOD.replace(old, new, 1))
    assert error.path == "custom.yaml"
    assert error.field == field, str(error)
    assert error.line == line, str(error)
    assert problem in error.problem, str(error)
    assert str(error).startswith(f"custom.yaml:{line}: rule ")
    assert f"field '{field}'" in str(error)


def test_a_bad_regex_is_reported_with_its_field(tmp_path: Path) -> None:
    register_silent_kind("engine-test-pattern", pattern=Param("regex", required=True))

    text = (
        GOOD.replace("    check: balance", "    check: engine-test-pattern")
        .replace(
            "    params:\n      table: t3\n      for_each: column\n      assert: 一 + 二 == 三.七 + 四\n",
            "    params:\n      pattern: '(unclosed'\n",
        )
        .replace("{item}", "{code}")
        .replace("{left} = {left_value}，但 {right} = {right_value}", "x")
        .replace("{shown}", "y")
    )
    error = error_of(text)
    assert (error.field, error.line) == ("params.pattern", 9)
    assert "invalid regular expression" in error.problem


def test_duplicate_code_and_duplicate_name_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("t3-test-balance", "another-name"), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    assert info.value.field == "code" and info.value.code == "GL999" and info.value.line == 2
    assert "duplicate code" in info.value.problem and "a.yaml:2" in info.value.problem

    (tmp_path / "b.yaml").write_text(GOOD.replace("GL999", "GL998"), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    assert info.value.field == "name" and "duplicate name" in info.value.problem


def test_a_user_rule_cannot_reuse_a_shipped_code(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(GOOD.replace("GL999", "GL501"), encoding="utf-8")
    with pytest.raises(RuleError, match="duplicate code"):
        load_rules([tmp_path])


def test_user_rule_directories_add_rules(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(GOOD, encoding="utf-8")
    assert "GL999" in load_rules([tmp_path])


def test_missing_rule_directory() -> None:
    with pytest.raises(RuleError, match="does not exist"):
        load_rules(["/nonexistent/rules"])


def test_yaml_syntax_error_has_a_line() -> None:
    error = error_of("rules:\n  - code: GL1\n    name: [unclosed\n")
    assert error.line is not None and "not valid YAML" in error.problem


def test_duplicate_key_in_a_mapping() -> None:
    error = error_of(GOOD.replace("    severity: error\n", "    severity: error\n    severity: info\n"))
    assert (error.line, error.field) == (6, "severity")


def test_top_level_must_be_rules_list() -> None:
    assert "one key, 'rules'" in error_of("- code: GL1\n").problem
    assert error_of("rules: {code: GL1}\n").field == "rules"


def test_unsafe_yaml_tags_are_refused() -> None:
    error = error_of("rules: !!python/object/apply:os.system ['true']\n")
    assert "not valid YAML" in error.problem


def test_shipped_rules_load_and_every_rule_is_documented() -> None:
    rules = load_rules()
    assert len(rules) > 20
    for rule in rules:
        assert rule.summary["zh"] and rule.summary["en"], rule.code
        assert rule.rationale and rule.source, rule.code
        assert rule.examples.get("bad") and rule.examples.get("good"), rule.code
        assert rule.path.endswith(".yaml")


def test_named_groups_of_a_rules_patterns_are_placeholders() -> None:
    register_silent_kind("engine-test-groups", provides=("match",), pattern=Param("regex", required=True))

    rule = """\
rules:
  - code: ZZ300
    name: groups
    category: test
    severity: info
    check: engine-test-groups
    params: {pattern: '(?P<year>20[0-9]{2})年'}
    message: {zh: "年份{year}：{match}", en: "year {year}: {match}"}
    summary: {zh: 组, en: groups}
"""
    assert load(rule)[0].code == "ZZ300"
    error = error_of(rule.replace("year {year}", "year {yaer}"))
    assert (error.field, error.line) == ("message.en", 8) and "{yaer}" in error.problem


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    error = error_of("\n".join([*lines, "rules: *a11"]))
    assert "aliases" in error.problem


def test_row_and_column_key_parameters_are_checked_against_the_template() -> None:
    register_silent_kind(
        "engine-test-keys", table=Param("table", required=True), rows=Param("rows"), columns=Param("columns")
    )

    rule = """\
rules:
  - code: ZZ400
    name: keys
    category: test
    severity: info
    applies_to: {formats: ["2019"]}
    check: engine-test-keys
    params: {table: t2, rows: [规范性文件, 行政许可], columns: [本年增/减]}
    message: {zh: 键, en: keys}
    summary: {zh: 键, en: keys}
"""
    (loaded,) = load(rule)
    assert loaded.params["rows"] == ["规范性文件", "行政许可"] and loaded.params["columns"] == ["本年增/减"]
    error = error_of(rule.replace("[本年增/减]", "[本年制发件数]"))  # a 2021 column, not in 2019
    assert error.field == "params.columns" and "unknown column key '本年制发件数'" in error.problem
    error = error_of(rule.replace("table: t2, ", ""))
    assert error.field == "params.table" and "required" in error.problem


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="rules:-codenamGL0123 \n{}[],'\"&*!|>#", max_size=120))
def test_any_file_content_loads_or_is_a_rule_error(text: str) -> None:
    try:
        load_rule_file("fuzz.yaml", text)
    except RuleError as exc:
        assert str(exc).startswith("fuzz.yaml")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(GOOD.splitlines()), st.sampled_from(["", "x", "- 1", "{", "[1, 2]", "null", "3.5", "true"]))
def test_mutated_rules_load_or_are_rule_errors(line: str, replacement: str) -> None:
    text = GOOD.replace(line, line.split(":")[0] + ": " + replacement if ":" in line else replacement, 1)
    try:
        load_rule_file("fuzz.yaml", text)
    except RuleError as exc:
        assert str(exc).startswith("fuzz.yaml")
