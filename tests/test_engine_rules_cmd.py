"""`govlint rules` and `govlint explain`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.cli import main
from govlint.engine import load_rules


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(load_rules()) + 1  # GL000 internal-error is built in
    assert lines[0].startswith("GL000  internal-error")
    gl501 = next(line for line in lines if line.startswith("GL501"))
    assert "t3-balance" in gl501 and "error" in gl501 and "表三各列" in gl501


def test_rules_in_english_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--lang", "en"]) == 0
    assert "Table 3, every column" in capsys.readouterr().out
    assert main(["rules", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    by_code = {item["code"]: item for item in items}
    assert by_code["GL501"]["applies_to"]["formats"] == ["2019", "2021"]
    assert by_code["GL501"]["summary"]["en"].startswith("Table 3")
    assert {"code", "name", "category", "severity", "check", "summary", "source"} <= set(by_code["GL410"])


def test_explain_by_code_and_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "GL501"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("GL501 t3-balance (错误, arithmetic)")
    parts = ("原因:", "依据:", "适用范围: formats 2019, 2021", "assert: 一 + 二 == 三.七 + 四", "反例（会报告）:")
    for part in (*parts, "正例（不报告）:"):
        assert part in out
    assert main(["explain", "t3-balance", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Bad example (reported):" in out and "Rationale:" in out


def test_explain_internal_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "GL000", "--lang", "en"]) == 0
    assert "crashed" in capsys.readouterr().out


def test_explain_unknown_rule_exits_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "t3-balanse"]) == 2
    assert "did you mean t3-balance?" in capsys.readouterr().err
    assert main(["explain", "GL9999"]) == 2


def test_invalid_user_rules_exit_2_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("rules:\n  - code: GL990\n    name: x\n", encoding="utf-8")
    assert main(["rules", "--rules-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:2" in err and "GL990" in err


DOCS_EXAMPLE_RULE = """\
rules:
  - code: XT501
    name: partial-within-received
    category: arithmetic
    severity: warning
    applies_to: {formats: ["2019", "2021"]}
    check: balance
    params:
      table: t3
      for_each: column
      assert: 三.二 <= 一 + 二
    message:
      zh: "表三“{item}”列部分公开数多于收到的申请：{left} > {right} = {right_value}。"
      en: "Table 3, column “{item}”: more partial disclosures than applications: {left} > {right} = {right_value}."
    summary: {zh: 部分公开数不超过收到的申请, en: Partial disclosures do not exceed applications}
    rationale: Every partial disclosure answers an application received this year or carried over.
    source: 本单位审核要求
    examples: {bad: "…", good: "…"}
"""


def test_configured_rule_dirs_and_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govlint.config import clear_cache

    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "extra.yaml").write_text(DOCS_EXAMPLE_RULE, encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('rule-dirs = ["my-rules"]\nlang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    clear_cache()
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "XT501  partial-within-received" in out and "Partial disclosures do not exceed" in out
    assert main(["rules", "--isolated"]) == 0
    assert "XT501" not in capsys.readouterr().out
    assert main(["explain", "XT501"]) == 0
    assert "assert: 三.二 <= 一 + 二" in capsys.readouterr().out
    clear_cache()
