"""``govlint parse FILE [--json]``: output, the JSON interface, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_interface(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse", "--json", str(FIXTURES / "v2021_tabs.txt"))
    assert code == 0 and err == ""
    data = json.loads(out)
    for key in ("path", "year", "agency", "format", "period", "sections", "contact", "tables", "diagnostics"):
        assert key in data
    assert data["year"] == 2022 and data["agency"] == "青禾市文化和旅游局" and data["format"] == "2021"
    assert data["period"]["start"] == "2022-01-01" and data["period"]["end"] == "2022-12-31"
    first = data["sections"][0]
    assert (first["number"], first["title"], first["line"]) == ("一", "总体情况", 5)
    assert [s["number"] for s in first["subsections"]] == ["一", "二", "三", "四", "五"]
    assert data["contact"]["phones"][0]["raw"] == "0931—8123456"
    assert data["contact"]["phones"][0]["line"] == 3
    t3 = data["tables"]["t3"]["cells"]
    cell = t3["一"]["自然人"]
    assert (cell["value"], cell["raw"]) == (12, "12")
    assert cell["line"] == 51
    assert t3["三.六.1"]["社会公益组织"]["value"] == 1
    assert data["tables"]["t2"]["cells"]["第二十条第（一）项"]["行政规范性文件"]["现行有效件数"]["value"] == 17
    assert data["tables"]["t4"]["cells"]["行政复议"]["结果维持"]["value"] == 1


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(FIXTURES / "v2021_pdf_spaces.txt"))
    assert code == 0
    assert "南屿市人民政府2024年政府信息公开工作年度报告" in out
    assert "2024-01-01 — 2024-12-31" in out
    assert "六、其他需要报告的事项" in out


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "parse", str(tmp_path / "nope.txt"))
    assert code == 2 and out == ""
    assert "nope.txt" in err and "无法读取" in err


def test_binary_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf.txt"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02" * 20)
    code, _, err = run(capsys, "parse", str(path))
    assert code == 2 and "binary" in err


def test_empty_file_is_parsed_with_a_diagnostic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, _ = run(capsys, "parse", "--json", str(path))
    assert code == 0
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["empty"]


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["parse"])
    assert excinfo.value.code == 2


def test_lines_option_prints_line_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--lines", str(FIXTURES / "v2019_cell_per_line.txt"))
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split()[:2] == ["1", "title"]
    assert rows[1].split()[:2] == ["2", "meta"]
    assert any(r.split()[1:3] == ["table_row", "一、本年新收政府信息公开申请数量"] for r in rows if len(r.split()) > 2)


def test_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = (FIXTURES / "v2021_tabs.txt").read_bytes().decode("utf-8").encode("gb18030")

    class _Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    code, out, _ = run(capsys, "parse", "--json", "-")
    assert code == 0
    parsed = json.loads(out)
    assert (parsed["path"], parsed["encoding"], parsed["year"]) == ("<stdin>", "gb18030", 2022)
