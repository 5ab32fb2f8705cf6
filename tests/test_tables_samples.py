"""Tables read from the real sample reports: what a person reading each file sees.

The samples live outside the repository (``../shared/samples``); the test is skipped without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.model import Report, Table
from govlint.tables import extract_tables
from govlint.tables.text import report_lines

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

YEARS = {
    "000_5e35528bc28bd323.txt": 2020,
    "001_c2173b29a2f695bc.txt": 2020,
    "002_325a78626e0cba12.txt": 2018,
    "003_8f13c6250060a023.txt": 2020,
    "004_16a2895a5a091397.txt": 2021,
    "real-001.txt": 2024,
    "real-005.txt": 2022,
    "real-009.txt": 2018,
    "real-021.txt": 2025,
    "real-022.txt": 2024,
    "real-024.txt": 2019,
    "real-024.html": 2019,
}

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _tables(name: str) -> tuple[Report, dict[str, Table]]:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not available")
    report = Report(path=str(path), text=path.read_text(encoding="utf-8"), year=YEARS[name])
    report.lines = report_lines(report)
    tables = extract_tables(report)
    return report, {t.kind: t for t in tables}


def row(table: Table, key: str, columns: list[str]) -> list[object]:
    """The row as a reader sees it: numbers, None for blank cells, the raw text of text cells."""
    out: list[object] = []
    for col in columns:
        cell = table.cell(key, col)
        if cell is None:
            out.append("?")
        elif cell.kind == "number":
            out.append(cell.value)
        elif cell.kind == "blank":
            out.append(None)
        else:
            out.append(cell.raw)
    return out


def t4(table: Table) -> list[list[object]]:
    return [row(table, g, T4_COLUMNS) for g in ("行政复议", "未经复议直接起诉", "复议后起诉")]


@pytest.mark.parametrize("name", sorted(YEARS))
def test_every_cell_position_points_at_its_text(name: str) -> None:
    report, tables = _tables(name)
    lines = report.lines
    for table in tables.values():
        for (key, col), cell in table.cells.items():
            if cell.span is None:
                assert cell.kind == "blank", (table.kind, key, col)
                continue
            start, end = cell.span.start, cell.span.end
            line = lines[start.line - 1]
            assert line.offset + start.column - 1 == start.offset
            assert line.text[start.column - 1 : end.column - 1] == cell.raw, (table.kind, key, col)
        for key, label in table.row_labels.items():
            line = lines[label.span.start.line - 1]
            col = label.span.start.column
            assert line.text[col - 1 : col - 1 + len(label.raw)] == label.raw, (table.kind, key)


def test_000_tab_separated_2019() -> None:
    _, t = _tables("000_5e35528bc28bd323.txt")
    assert set(t) == {"t2", "t3", "t4"}
    assert t["t2"].template == "2019" and t["t2"].layout == "tabs"
    assert row(t["t2"], "其他对外管理服务事项", ["上一年项目数量", "本年增/减", "处理决定数量"]) == [0, 0, 0]
    assert row(t["t2"], "政府集中采购", ["采购项目数量", "采购总金额"]) == [0, 0]
    t3 = t["t3"]
    assert t3.template == "2019" and len(t3.rows) == 23 and not t3.missing_rows
    assert row(t3, "三.六", T3_COLUMNS) == [0] * 7
    assert t3.corner_note is not None and "勾稽关系" in t3.corner_note.value
    assert t4(t["t4"]) == [[0] * 5] * 3
    assert all(x.reliable for x in t.values())


def test_001_cell_per_line_with_damaged_labels() -> None:
    _, t = _tables("001_c2173b29a2f695bc.txt")
    assert {x.layout for x in t.values()} == {"cell-per-line"}
    t3 = t["t3"]
    assert not t3.missing_rows and len(t3.rows) == 23
    assert t3.row_labels["三.三.4"].value == "4.护第三方合法权益"
    assert t3.row_labels["三.三.3"].value == "3.三安全一稳定"
    assert t3.row_spans["三.三.4"].start.line == 276
    assert row(t3, "三.三.4", T3_COLUMNS) == [0] * 7
    assert t4(t["t4"]) == [[0] * 5] * 3
    assert t["t2"].row_labels["行政事业性收费"].span.start.line == 116


def test_002_statistics_table_pre_2019() -> None:
    _, t = _tables("002_325a78626e0cba12.txt")
    assert set(t) == {"stat"}
    stat = t["stat"]
    assert stat.template == "2008" and stat.reliable
    assert row(stat, "主动公开政府信息数", ["单位", "统计数"]) == ["条", 22]
    assert row(stat, "其他方式公开政府信息数", ["单位", "统计数"]) == ["条", 19]
    assert row(stat, "从事政府信息公开工作人员数", ["单位", "统计数"]) == ["人", 1]
    assert row(stat, "接受培训人员数", ["单位", "统计数"]) == ["人次", 5]
    assert row(stat, "依申请公开信息收取的费用", ["单位", "统计数"]) == ["万元", 0]
    assert "行政复议/被依法纠错数" in stat.rows and "行政诉讼/被依法纠错数" in stat.rows
    assert not stat.missing_rows


def test_003_pages_missing_and_vertical_header() -> None:
    _, t = _tables("003_8f13c6250060a023.txt")
    assert t["t2"].missing_rows == ["行政强制", "行政事业性收费", "政府集中采购"]
    assert t["t2"].missing_blocks == ["第二十条第（八）项", "第二十条第（九）项"]
    t3 = t["t3"]
    assert t3.rows[0] == "三.三.7" and "一" in t3.missing_rows and "partial" in t3.notes
    assert row(t3, "四", T3_COLUMNS) == [0] * 7
    assert t4(t["t4"]) == [[0] * 5] * 3


def test_004_many_blank_cells_2021() -> None:
    _, t = _tables("004_16a2895a5a091397.txt")
    assert t["t2"].template == "2021" and row(t["t2"], "行政许可", ["本年处理决定数量"]) == [0]
    t3 = t["t3"]
    assert t3.template == "2021" and len(t3.rows) == 25
    # the header names no 其他 column; each row holds one 0 amid a run of empty fields that does
    # not line up with the header, so only the cells every reading agrees on are kept
    assert t3.missing_columns == ["其他"] and "其他" not in t3.columns
    assert row(t3, "一", T3_COLUMNS) == [None] * 3 + ["?"] * 4
    assert "unaligned:一" in t3.notes and t3.raw_values["一"].raw == "0"
    assert row(t3, "三.六.2", T3_COLUMNS) == [None] * 4 + ["?"] * 3
    assert t4(t["t4"])[2] == [None, None, None, None, 0]


def test_real_001_pdf_text() -> None:
    _, t = _tables("real-001.txt")
    t2 = t["t2"]
    assert t2.layout == "spaces" and t2.template == "2021"
    assert row(t2, "规章", ["本年制发件数", "本年废止件数", "现行有效件数"]) == [1, 0, 11]
    assert row(t2, "行政规范性文件", ["本年制发件数", "本年废止件数", "现行有效件数"]) == [8, 26, 66]
    assert row(t2, "行政许可", ["本年处理决定数量"]) == [447228]
    assert row(t2, "行政事业性收费", ["本年收费金额（单位：万元）"]) == [96171.6]
    t3 = t["t3"]
    assert not t3.missing_rows and not t3.extra_rows and t3.reliable
    assert row(t3, "一", T3_COLUMNS) == [3001, 53, 0, 0, 61, 4, 3119]
    assert row(t3, "三.二", T3_COLUMNS) == [447, 7, 0, 0, 0, 0, 454]  # label split over lines
    assert row(t3, "三.三.4", T3_COLUMNS) == [6, 0, 0, 0, 0, 0, 6]  # vertical header text in front
    assert row(t3, "三.五.5", T3_COLUMNS) == [1, 0, 0, 0, 0, 0, 1]
    assert row(t3, "三.六.1", T3_COLUMNS) == [67, 3, 0, 0, 1, 0, 71]
    assert row(t3, "三.六.3", T3_COLUMNS) == [108, 2, 0, 0, 0, 0, 110]
    assert row(t3, "三.七", T3_COLUMNS) == [2932, 53, 0, 0, 61, 4, 3050]
    assert row(t3, "四", T3_COLUMNS) == [103, 0, 0, 0, 0, 0, 103]
    cell = t3.cell("一", "自然人")
    assert cell is not None and cell.span is not None
    assert (cell.span.start.line, cell.span.start.column) == (84, 18)
    assert t4(t["t4"]) == [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]]


def test_real_005_flattened_is_unreliable_and_never_split() -> None:
    _, t = _tables("real-005.txt")
    assert set(t) == {"t2", "t3", "t4"}
    assert all(x.layout == "flattened" and not x.reliable and "flattened" in x.notes for x in t.values())
    t2 = t["t2"]
    assert row(t2, "行政许可", ["本年处理决定数量"]) == [10690]  # one column: nothing to split
    assert row(t2, "行政事业性收费", ["本年收费金额（单位：万元）"]) == [9116.36]
    assert t2.cell("规章", "本年制发件数") is None and t2.raw_values["规章"].value == "000"
    t3 = t["t3"]
    assert not t3.cells and len(t3.rows) == 25
    assert t3.raw_values["一"].value == "713000074"
    assert t3.raw_values["三.七"].value == "723000075"
    assert t4(t["t4"]) == [[0, 1, 1, 0, 2], [1, 0, 0, 0, 1], [0, 0, 0, 0, 0]]


def test_real_009_flattened_statistics_table() -> None:
    _, t = _tables("real-009.txt")
    stat = t["stat"]
    assert stat.layout == "flattened" and not stat.reliable
    assert stat.raw_values["主动公开政府信息数"].value == "206912106"
    assert row(stat, "主动公开政府信息数", ["单位"]) == ["条"]
    assert stat.cell("主动公开政府信息数", "统计数") is None


def test_real_021_markdown_with_invented_columns() -> None:
    _, t = _tables("real-021.txt")
    t2 = t["t2"]
    assert row(t2, "行政许可", ["本年处理决定数量"]) == [517645]
    assert row(t2, "行政事业性收费", ["本年收费金额（单位：万元）"]) == [4068.208]
    t3 = t["t3"]
    assert t3.layout == "pipe" and not t3.missing_rows and not t3.extra_rows
    assert row(t3, "一", T3_COLUMNS) == [705, 3, 0, 0, 5, 0, 713]
    assert row(t3, "三.一", T3_COLUMNS) == [290, 1, 0, 0, 3, 0, 294]
    assert row(t3, "三.六.2", T3_COLUMNS) == [7, 0, 0, 0, 0, 0, 7]  # after an injected header row
    assert row(t3, "三.七", T3_COLUMNS) == [710, 3, 0, 0, 5, 0, 718]
    assert t4(t["t4"]) == [[27, 10, 9, 15, 61], [3, 0, 0, 0, 3], [8, 0, 1, 1, 10]]


def test_real_022_broken_pipe_tables() -> None:
    _, t = _tables("real-022.txt")
    t2 = t["t2"]
    assert t2.template == "2021"
    assert row(t2, "行政规范性文件", ["本年制发件数", "本年废止件数", "现行有效件数"]) == [13, 0, 55]
    assert t2.row_labels["行政规范性文件"].value == "规范性文件"  # non-canonical label kept as written
    assert row(t2, "行政许可", ["本年处理决定数量"]) == [97]
    t3 = t["t3"]
    assert not t3.missing_rows and not t3.extra_rows
    assert row(t3, "三.三.5", T3_COLUMNS) == [1, 0, 0, 0, 0, 0, 1]
    assert row(t3, "三.四.1", T3_COLUMNS) == [4, 0, 0, 0, 0, 0, 4]
    assert row(t3, "三.四.2", T3_COLUMNS) == [6, 0, 0, 0, 0, 0, 6]
    assert row(t3, "三.六.1", T3_COLUMNS) == [8, 2, 0, 0, 0, 0, 10]
    assert row(t3, "三.七", T3_COLUMNS) == [33, 2, 0, 0, 0, 0, 35]
    assert row(t3, "四", T3_COLUMNS) == [1, 0, 0, 0, 0, 0, None]
    assert t4(t["t4"]) == [[1, 0, 0, 0, 1], [0] * 5, [0] * 5]


@pytest.mark.parametrize("name", ["real-024.txt", "real-024.html"])
def test_real_024_cell_per_line_and_html_agree(name: str) -> None:
    _, t = _tables(name)
    assert {x.layout for x in t.values()} == ({"html"} if name.endswith("html") else {"cell-per-line"})
    t2 = t["t2"]
    assert t2.template == "2019"
    assert row(t2, "规章", ["本年新制作数量", "本年新公开数量", "对外公开总数量"]) == [13, 13, 524]
    amount = t2.cell("政府集中采购", "采购总金额")
    assert amount is not None and amount.value == 251000 and amount.raw == "251000元"
    t3 = t["t3"]
    assert t3.template == "2019" and not t3.missing_rows
    assert row(t3, "一", T3_COLUMNS) == [821, 35, None, None, 2, 1, 859]
    assert row(t3, "三.一", T3_COLUMNS) == [258, 12, None, None, 1, 1, None]
    assert row(t3, "三.三.2", T3_COLUMNS) == [None] * 7
    assert row(t3, "三.六", T3_COLUMNS) == [None] * 7
    assert row(t3, "三.七", T3_COLUMNS) == [767, 35, None, None, 2, 1, 805]
    assert t4(t["t4"]) == [[5, None, None, 2, 7], [8, None, None, 1, 9], [None] * 5]


EXPECTED_KINDS = {
    "000_5e35528bc28bd323.txt": {"t2": True, "t3": True, "t4": True},
    "001_c2173b29a2f695bc.txt": {"t2": True, "t3": True, "t4": True},
    "002_325a78626e0cba12.txt": {"stat": True},
    "003_8f13c6250060a023.txt": {"t2": True, "t3": True, "t4": True},
    "004_16a2895a5a091397.txt": {"t2": True, "t3": True, "t4": True},
    "real-001.txt": {"t2": True, "t3": True, "t4": True},
    "real-005.txt": {"t2": False, "t3": False, "t4": False},
    "real-009.txt": {"stat": False},
    "real-021.txt": {"t2": True, "t3": True, "t4": True},
    "real-022.txt": {"t2": True, "t3": True, "t4": True},
    "real-024.txt": {"t2": True, "t3": True, "t4": True},
    "real-024.html": {"t2": True, "t3": True, "t4": True},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_parser_pipeline_finds_the_same_tables(name: str) -> None:
    """Through the parser (which detects the year itself): table kinds, reliability, templates."""
    parsing = pytest.importorskip("govlint.parsing")
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not available")
    report = parsing.parse_file(str(path))
    assert {t.kind: t.reliable for t in report.tables} == EXPECTED_KINDS[name]
    _, direct = _tables(name)
    for table in report.tables:
        assert table.template == direct[table.kind].template
        assert table.cells.keys() == direct[table.kind].cells.keys()
