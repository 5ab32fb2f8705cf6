"""``govlint check`` end to end: exit codes, options, configuration, per-file ignores, baseline,
stdin, output formats on real files.

The tests use their own rule directory (``TEST_RULES`` below, selected with ``select = ["TST"]``)
so that they exercise the command line, not the shipped rule set, and stay valid as rules evolve.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import DASH_IN_PHONE, HALF_WIDTH_COLON, OLD_REGULATION, rule_file

from govlint.cli import main
from govlint.config import clear_cache
from govlint.output.concise import CONCISE_PATTERN

TEST_RULES = rule_file(DASH_IN_PHONE, OLD_REGULATION, HALF_WIDTH_COLON)

CONFIG = """\
rule-dirs = ["rules"]
select = ["TST"]
"""

REPORT = """\
青禾市文旅局2023年政府信息公开工作年度报告

本报告根据《中华人民共和国政府信息公开条例》编制。联系电话：0931—8123456，传真:0931-8123457。

一、总体情况
2023年，青禾市文旅局认真落实政府信息公开工作要求。
"""
CLEAN = REPORT.replace("0931—8123456", "0931-8123456").replace("传真:", "传真：")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with the test rules, a govlint.toml selecting them, and one defective report."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "test.yaml").write_text(TEST_RULES, encoding="utf-8")
    (tmp_path / "govlint.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "青禾市.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    clear_cache()
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_findings_exit_1_with_concise_output_when_not_a_terminal(project: Path, capsys) -> None:
    code, out, err = run(capsys, "reports")
    assert code == 1
    assert out.splitlines() == [
        "reports/青禾市.txt:3:31: TST001 电话号码“0931—8123456”中的连接号应为“-”：改为0931-8123456。",
        "reports/青禾市.txt:3:44: TST003 “传真”后应使用全角冒号“：”。",
    ]
    assert err == ""


def test_clean_files_exit_0(project: Path, capsys) -> None:
    (project / "reports" / "青禾市.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(capsys, "reports", "--output-format", "full")
    assert code == 0
    assert out == "未发现问题。\n"


def test_exit_zero_and_fail_level(project: Path, capsys) -> None:
    assert run(capsys, "reports", "--exit-zero")[0] == 0
    assert run(capsys, "reports", "--fail-level", "error")[0] == 1
    (project / "reports" / "青禾市.txt").write_text(REPORT.replace("0931—8123456", "0931-8123456"), encoding="utf-8")
    # only the info-level TST003 remains
    assert run(capsys, "reports")[0] == 1
    assert run(capsys, "reports", "--fail-level", "warning")[0] == 0
    (project / "govlint.toml").write_text(CONFIG + 'fail-level = "error"\n', encoding="utf-8")
    clear_cache()
    assert run(capsys, "reports")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--output-format", "xml"], "invalid choice"),
        (["--select", "TST9"], "unknown rule code or name 'TST9'"),
        (["--ignore", "NOPE1"], "unknown rule code or name 'NOPE1'"),
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["--config", "nowhere.toml"], "--config nowhere.toml: no such file"),
        (["--config", "govlint.toml", "--isolated"], "cannot be used together"),
        (["--baseline", "nowhere.json"], "cannot read baseline"),
        (["reports", "-"], "cannot be combined"),
        (["--stdin-filename", "a.txt", "reports"], "only used with '-'"),
    ],
)
def test_usage_errors_exit_2(project: Path, capsys, args: list[str], message: str) -> None:
    try:
        code, _, err = run(capsys, *args)
    except SystemExit as exc:  # argparse rejects bad choices itself
        code, err = int(exc.code or 0), capsys.readouterr().err
    assert code == 2
    assert message in err


def test_configuration_errors_exit_2_naming_file_and_key(project: Path, capsys) -> None:
    (project / "govlint.toml").write_text(CONFIG + "colour = true\n", encoding="utf-8")
    code, _, err = run(capsys, "reports")
    assert code == 2
    assert "govlint.toml: `colour`: unknown key" in err


def test_unknown_code_in_configuration_exits_2(project: Path, capsys) -> None:
    (project / "govlint.toml").write_text(CONFIG + '[per-file-ignores]\n"*.txt" = ["TST9"]\n', encoding="utf-8")
    code, _, err = run(capsys, "reports")
    assert code == 2
    assert "govlint.toml: `per-file-ignores.*.txt`: unknown rule code or name 'TST9'" in err


def test_rule_file_error_exits_2(project: Path, capsys) -> None:
    (project / "rules" / "broken.yaml").write_text("rules:\n  - code: TST009\n    name: x\n", encoding="utf-8")
    code, _, err = run(capsys, "reports")
    assert code == 2
    assert "broken.yaml" in err


def test_select_ignore_extend_select(project: Path, capsys) -> None:
    def codes(*args: str) -> list[str]:
        _, out, _ = run(capsys, "reports", *args)
        return [line.split()[1] for line in out.splitlines()]

    (project / "govlint.toml").write_text(CONFIG + 'ignore = ["TST003"]\n', encoding="utf-8")
    clear_cache()
    assert codes() == ["TST001"]
    # The command line is applied after the configuration, so it can bring an ignored rule back.
    assert codes("--extend-select", "TST003") == ["TST001", "TST003"]
    assert codes("--select", "TST003") == ["TST003"]
    assert codes("--select", "TST", "--ignore", "TST001") == ["TST003"]
    assert codes("--ignore", "TST0") == []
    assert codes("--select", "dash-in-phone") == ["TST001"]  # rule names work too
    (project / "govlint.toml").write_text(CONFIG.replace('"TST"', '"TST003"') + 'extend-select = ["TST001"]\n')
    clear_cache()
    assert codes() == ["TST001", "TST003"]


def test_lang_and_severity_override(project: Path, capsys) -> None:
    (project / "govlint.toml").write_text(CONFIG + '[severity]\nTST003 = "error"\n', encoding="utf-8")
    clear_cache()
    code, out, _ = run(capsys, "reports", "--lang", "en", "--output-format", "json", "--fail-level", "error")
    document = json.loads(out)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in document["findings"]] == [("TST001", "error"), ("TST003", "error")]
    assert document["findings"][0]["message"] == "Phone number “0931—8123456” uses a dash: write 0931-8123456."


def test_per_file_ignores(project: Path, capsys) -> None:
    (project / "reports" / "old").mkdir()
    (project / "reports" / "old" / "2018.txt").write_text(REPORT, encoding="utf-8")
    (project / "govlint.toml").write_text(
        CONFIG + '[per-file-ignores]\n"reports/old/*.txt" = ["TST0"]\n"青禾市.txt" = ["TST003"]\n', encoding="utf-8"
    )
    clear_cache()
    _, out, _ = run(capsys, ".")
    assert [line.split(":")[0] + " " + line.split()[1] for line in out.splitlines()] == ["reports/青禾市.txt TST001"]


def test_nearest_configuration_applies_per_directory(project: Path, capsys) -> None:
    (project / "reports" / "govlint.toml").write_text('rule-dirs = ["../rules"]\nselect = ["TST002", "TST003"]\n')
    (project / "other.txt").write_text(REPORT, encoding="utf-8")
    _, out, _ = run(capsys, ".")
    assert [line.split()[1] for line in out.splitlines()] == ["TST001", "TST003", "TST003"]
    assert out.splitlines()[0].startswith("other.txt:")


def test_config_option_names_one_file_for_everything(project: Path, capsys) -> None:
    (project / "strict.toml").write_text(CONFIG + 'ignore = ["TST001"]\n', encoding="utf-8")
    (project / "reports" / "govlint.toml").write_text('select = ["NOTHING"]\n')  # would be an error if read
    _, out, _ = run(capsys, "--config", "strict.toml", "reports")
    assert [line.split()[1] for line in out.splitlines()] == ["TST003"]


def test_isolated_uses_no_configuration(project: Path, capsys) -> None:
    (project / "govlint.toml").write_text("colour = true\n", encoding="utf-8")  # never read
    code, _, err = run(capsys, "--isolated", "--select", "TST001", "reports")
    assert code == 2  # without the config's rule-dirs, TST001 does not exist
    assert "unknown rule code or name 'TST001'" in err


def test_stdin_with_stdin_filename(project: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    data = REPORT.encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "-", "--stdin-filename", "reports/draft.txt")
    assert code == 1
    assert out.splitlines()[0].startswith("reports/draft.txt:3:31: TST001 ")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.encode()), encoding="utf-8"))
    assert run(capsys, "-")[0] == 0


def test_stdin_filename_selects_per_file_ignores(project: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "govlint.toml").write_text(CONFIG + '[per-file-ignores]\n"drafts/*" = ["TST"]\n', encoding="utf-8")
    clear_cache()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode()), encoding="utf-8"))
    assert run(capsys, "-", "--stdin-filename", "drafts/a.txt")[0] == 0


def test_baseline_round_trip(project: Path, capsys) -> None:
    report = project / "reports" / "青禾市.txt"
    code, _, err = run(capsys, "reports", "--write-baseline", "baseline.json")
    assert code == 1 and "wrote 2 finding(s)" in err
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert [(e["path"], e["code"], e["count"]) for e in data["findings"]] == [
        ("reports/青禾市.txt", "TST001", 1),
        ("reports/青禾市.txt", "TST003", 1),
    ]
    # Known findings are hidden, even after lines move.
    report.write_text("\n\n" + REPORT, encoding="utf-8")
    code, out, err = run(capsys, "reports", "--baseline", "baseline.json")
    assert (code, out, err) == (0, "", "")
    # A new finding is shown; the fixed one is reported as stale.
    report.write_text(REPORT.replace("0931—8123456", "0931-8123456") + "依据国务院令第492号。\n", encoding="utf-8")
    code, out, err = run(capsys, "reports", "--baseline", "baseline.json")
    assert code == 1
    assert [line.split()[1] for line in out.splitlines()] == ["TST002"]
    assert "1 baseline entry in baseline.json no longer match" in err
    assert "reports/青禾市.txt: TST001" in err
    _, out, _ = run(capsys, "reports", "--baseline", "baseline.json", "--statistics")
    assert "1  baseline entries no longer matching" in out


def test_baseline_paths_are_relative_to_the_baseline_file(project: Path, capsys, monkeypatch) -> None:
    run(capsys, "reports", "--write-baseline", "reports/baseline.json")
    data = json.loads((project / "reports" / "baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"青禾市.txt"}
    monkeypatch.chdir(project / "reports")
    assert run(capsys, ".", "--config", "../govlint.toml", "--baseline", "baseline.json")[0] == 0


def test_invalid_baseline_exits_2(project: Path, capsys) -> None:
    (project / "baseline.json").write_text('{"findings": []}', encoding="utf-8")
    code, _, err = run(capsys, "reports", "--baseline", "baseline.json")
    assert code == 2 and "not a govlint baseline" in err


def test_statistics(project: Path, capsys) -> None:
    (project / "reports" / "b.txt").write_text(REPORT, encoding="utf-8")
    code, out, _ = run(capsys, "reports", "--statistics")
    assert code == 1
    assert out.splitlines() == ["2  TST001  dash-in-phone", "2  TST003  half-width-colon"]


def test_output_file_and_sarif_lists_enabled_rules(project: Path, capsys) -> None:
    code, out, _ = run(capsys, "reports", "--output-format", "sarif", "-o", "out.sarif")
    assert code == 1 and out == ""
    sarif = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    driver = sarif["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["TST001", "TST002", "TST003"]
    assert len(sarif["runs"][0]["results"]) == 2


def test_too_large_file_is_a_finding_and_the_run_continues(project: Path, capsys) -> None:
    (project / "reports" / "big.txt").write_text(REPORT * 50, encoding="utf-8")
    (project / "govlint.toml").write_text(CONFIG.replace('"TST"', '"TST", "GL0"') + "max-file-size = 2000\n")
    clear_cache()
    code, out, _ = run(capsys, "reports")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("reports/big.txt:1:1: GL0")
    assert "max-file-size" in lines[0]
    assert any(line.startswith("reports/青禾市.txt:3:31: TST001") for line in lines)


def test_too_slow_file_is_a_finding(project: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import govlint.parsing

    real_parse = govlint.parsing.parse_file

    def slow_parse(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "slow.txt":
            time.sleep(5)
        return real_parse(path)

    real_parse_bytes = govlint.parsing.parse_bytes

    def slow_parse_bytes(data, path):  # type: ignore[no-untyped-def]  # the batch runner reads files once
        if Path(path).name == "slow.txt":
            time.sleep(5)
        return real_parse_bytes(data, path)

    monkeypatch.setattr(govlint.parsing, "parse_file", slow_parse)
    monkeypatch.setattr(govlint.parsing, "parse_bytes", slow_parse_bytes)
    (project / "reports" / "slow.txt").write_text(CLEAN, encoding="utf-8")
    (project / "govlint.toml").write_text(CONFIG.replace('"TST"', '"TST", "GL0"') + "file-time-limit = 0.2\n")
    clear_cache()
    started = time.perf_counter()
    code, out, _ = run(capsys, "reports")
    assert code == 1
    assert time.perf_counter() - started < 4
    lines = out.splitlines()
    assert lines[0].startswith("reports/slow.txt:1:1: GL001") and "file-time-limit" in lines[0]
    assert lines[1].startswith("reports/青禾市.txt:3:31: TST001")


def test_concise_output_parses_with_the_documented_pattern(project: Path, capsys) -> None:
    _, out, _ = run(capsys, "reports")
    pattern = re.compile(CONCISE_PATTERN)
    matches = [pattern.match(line) for line in out.splitlines()]
    assert all(matches) and len(matches) == 2
    first = matches[0]
    assert first is not None
    assert first.group(1, 2, 3, 4) == ("reports/青禾市.txt", "3", "31", "TST001")
    # The documentation gives the same expression: as is (and in VS Code's tasks.json), and for
    # Emacs with its groups written \\( \\) inside an elisp string.
    docs = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"```text\n{CONCISE_PATTERN}\n```" in docs
    assert f'"regexp": "{CONCISE_PATTERN}"' in docs
    assert CONCISE_PATTERN.replace("(", "\\\\(").replace(")", "\\\\)") in docs
    assert "errorformat=%f:%l:%c:\\ %m" in docs


def test_full_output_on_real_file(project: Path, capsys) -> None:
    _, out, _ = run(capsys, "reports", "--output-format", "full")
    lines = out.splitlines()
    assert lines[0] == "reports/青禾市.txt:3:31: TST001 dash-in-phone [错误]"
    assert lines[1] == "  电话号码“0931—8123456”中的连接号应为“-”：改为0931-8123456。"
    source = lines[3]
    carets = lines[4]
    assert source.endswith(REPORT.splitlines()[2])
    # 30 characters before the span, all of them wide: 60 cells; "0931—8123456" is 12 cells.
    assert carets.endswith("| " + " " * 60 + "^" * 12)


def test_github_format_on_real_file(project: Path, capsys) -> None:
    _, out, _ = run(capsys, "reports", "--output-format", "github")
    assert out.splitlines()[0].startswith(
        "::error file=reports/青禾市.txt,line=3,col=31,endLine=3,endColumn=43,title=TST001 dash-in-phone::"
    )


def test_subprocess_run_and_no_color(project: Path) -> None:
    env = {"NO_COLOR": "1", "PATH": "", "SYSTEMROOT": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "govlint", "check", "reports", "--output-format", "full"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=project,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "\x1b[" not in proc.stdout
    assert "TST001 dash-in-phone" in proc.stdout


def test_statistics_as_json_and_json_lines_output(project: Path, capsys) -> None:
    code, out, _ = run(capsys, "reports", "--statistics", "--output-format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["statistics"] == [
        {"code": "TST001", "name": "dash-in-phone", "count": 1},
        {"code": "TST003", "name": "half-width-colon", "count": 1},
    ]
    _, out, _ = run(capsys, "reports", "--output-format", "json-lines")
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["schema_version"], r["code"], r["line"], r["column"], r["end_column"]) for r in records] == [
        (1, "TST001", 3, 31, 43),
        (1, "TST003", 3, 44, 47),
    ]


def test_no_files_found_is_not_an_error(project: Path, capsys) -> None:
    (project / "empty").mkdir()
    code, out, err = run(capsys, "empty")
    assert (code, out) == (0, "")
    assert "no report files" in err


def test_overrides_and_ignores_may_name_rules_that_are_not_selected(project: Path, capsys) -> None:
    (project / "govlint.toml").write_text(
        'rule-dirs = ["rules"]\nselect = ["TST001"]\n'
        '[severity]\nTST003 = "error"\n[per-file-ignores]\n"*.txt" = ["TST002", "half-width-colon"]\n',
        encoding="utf-8",
    )
    clear_cache()
    code, out, err = run(capsys, "reports")
    assert (code, err) == (1, "")
    assert [line.split()[1] for line in out.splitlines()] == ["TST001"]
    code, out, _ = run(capsys, "reports", "--extend-select", "TST003", "--output-format", "json")
    assert [(f["code"], f["severity"]) for f in json.loads(out)["findings"]] == [("TST001", "error")]
