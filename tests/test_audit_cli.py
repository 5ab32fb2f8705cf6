"""``govlint audit`` and ``govlint check`` on a directory: corpus rules on fixtures of invented
agencies with two years each, audit files in every format, the terminal summary, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from batch_support import PROSE, carried_out, write_report

from govlint.cli import main


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """青禾市文旅局 2022→2023: carry-over broken and 五 copied; 云岭县人民政府 2022→2023: consistent,
    written afresh, but its 2023 report lacks section 六 (a per-file finding). File names say
    nothing about agency or year: the parser reads them."""
    root = tmp_path_factory.mktemp("audit") / "reports"
    qh_2022 = write_report(root, "inbox/001.txt", "青禾市文旅局", 2022, seed=3)
    broken = {c: v + 2 for c, v in carried_out(qh_2022).items()}
    write_report(root, "inbox/002.txt", "青禾市文旅局", 2023, seed=4, carried_in=broken)
    yl_2022 = write_report(root, "other/a.txt", "云岭县人民政府", 2022, seed=5)
    fresh = [p.replace("。", "，并在年底前完成复核。") for p in reversed(PROSE["云岭县人民政府"])]
    consistent = carried_out(yl_2022)
    write_report(
        root, "other/b.txt", "云岭县人民政府", 2023, seed=6, prose=fresh, carried_in=consistent, without=("六",)
    )
    return root


def _audit(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["audit", str(reports), "--isolated", "--no-cache", "--jobs", "1", *extra])
    return code, capsys.readouterr().out


def test_audit_writes_every_format_and_finds_corpus_defects(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reports.parent)
    html, csv_path, js = tmp_path / "audit.html", tmp_path / "audit.csv", tmp_path / "audit.json"
    code, out = _audit(reports, tmp_path, capsys, "--report", str(html), "--report", str(csv_path), "--report", str(js))
    assert code == 1
    assert "检查报告 4 份" in out and str(html) in out

    data = json.loads(js.read_text(encoding="utf-8"))
    findings = data["findings"]
    gl801 = [f for f in findings if f["code"] == "GL801"]
    assert gl801 and {f["path"] for f in gl801} == {"reports/inbox/002.txt"}
    assert all("reports/inbox/001.txt" in f["message"] for f in gl801)
    gl803 = [f for f in findings if f["code"] == "GL803"]
    assert {f["path"] for f in gl803} == {"reports/inbox/002.txt"}
    assert not [f for f in findings if f["code"] in ("GL801", "GL803") and f["path"].startswith("reports/other/")]
    agencies = {r["path"]: (r["agency"], r["year"]) for r in data["reports"]}
    assert agencies["reports/inbox/002.txt"] == ("青禾市文旅局", 2023)

    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"), newline="")))
    assert [(r["path"], r["code"], int(r["line"])) for r in rows] == [
        (f["path"], f["code"], f["line"]) for f in findings
    ]
    page = html.read_text(encoding="utf-8")
    for f in findings:
        assert f"#L{f['line']}" in page and f["code"] in page
    assert "https://" not in page and "http://" not in page


def test_audit_english_and_exit_zero(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _audit(reports, tmp_path, capsys, "--lang", "en", "--exit-zero", "--select", "GL8")
    assert code == 0
    assert out.startswith("4 reports checked")
    assert "GL801 carryover-mismatch" in out


def test_audit_usage_errors(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(reports), "--isolated", "--report", str(tmp_path / "a.xlsx")]) == 2
    assert "unknown audit format" in capsys.readouterr().err
    assert main(["audit", str(tmp_path / "missing"), "--isolated"]) == 2
    assert main(["audit", str(reports), "--isolated", "--select", "GL899"]) == 2


def test_check_on_a_directory_runs_corpus_rules_once_per_file(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reports.parent)
    code = main(["check", "reports", "--isolated", "--no-cache", "--output-format", "concise", "--select", "GL801"])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if "GL801" in line]
    assert lines and all(line.startswith("reports/inbox/002.txt:") for line in lines)
    code = main(["check", "reports/inbox/002.txt", "--isolated", "--no-cache", "--select", "GL801"])
    assert code == 0  # one report alone has nothing to compare with


def test_check_json_counts_each_file_once_and_jobs_do_not_change_output(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reports.parent)
    outputs = []
    for jobs in ("1", "2"):
        main(["check", "reports", "--isolated", "--no-cache", "--output-format", "json", "--jobs", jobs])
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0]["summary"]["files"] == 4
    assert any(f["code"] == "GL801" for f in outputs[0]["findings"])
    paths = [f["path"] for f in outputs[0]["findings"]]
    assert paths == sorted(paths)  # a file's findings, comparisons included, come together


def test_jobs_must_be_a_number(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", str(reports), "--jobs", "-1"])
    assert exit_info.value.code == 2
    assert "cannot be negative" in capsys.readouterr().err


def test_check_streams_per_file_results_and_comparisons_follow(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reports.parent)
    main(["check", "reports", "--isolated", "--no-cache", "--output-format", "concise"])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("reports/")]
    codes = [line.split(": ", 2)[1].split()[0] for line in lines]
    first_comparison = next(i for i, code in enumerate(codes) if code.startswith("GL8"))
    assert all(code.startswith("GL8") for code in codes[first_comparison:])
    assert any(not code.startswith("GL8") for code in codes[:first_comparison])
