"""Table extraction from invented reports in every supported layout (tests/fixtures/tables/).

Every fixture carries the same invented numbers (a balanced 表三, a 表四, a 表二), so each layout
must give the same cells; positions are checked exactly.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from tables_support import values

from govlint.model import Report, Table
from govlint.tables import extract_tables
from govlint.tables.text import report_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tables"
COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T3_ROWS = [
    ("一", [52, 6, 0, 1, 2, 0, 61]),
    ("二", [3, 1, 0, 0, 0, 0, 4]),
    ("三.一", [20, 2, 0, 0, 1, 0, 23]),
    ("三.二", [5, 1, 0, 0, 0, 0, 6]),
    ("三.三.1", [1, 0, 0, 0, 0, 0, 1]),
    ("三.三.2", [0] * 7),
    ("三.三.3", [0] * 7),
    ("三.三.4", [0] * 7),
    ("三.三.5", [2, 0, 0, 0, 0, 0, 2]),
    ("三.三.6", [0] * 7),
    ("三.三.7", [0] * 7),
    ("三.三.8", [0] * 7),
    ("三.四.1", [10, 1, 0, 1, 0, 0, 12]),
    ("三.四.2", [3, 0, 0, 0, 0, 0, 3]),
    ("三.四.3", [1, 0, 0, 0, 0, 0, 1]),
    ("三.五.1", [4, 0, 0, 0, 0, 0, 4]),
    ("三.五.2", [2, 1, 0, 0, 0, 0, 3]),
    ("三.五.3", [0] * 7),
    ("三.五.4", [0] * 7),
    ("三.五.5", [0] * 7),
    ("三.六.1", [1, 0, 0, 0, 0, 0, 1]),
    ("三.六.2", [0] * 7),
    ("三.六.3", [2, 0, 0, 0, 0, 0, 2]),
    ("三.七", [51, 5, 0, 1, 1, 0, 58]),
    ("四", [4, 2, 0, 0, 1, 0, 7]),
]
T3_2021 = dict(T3_ROWS)
T3_2019 = {k: v for k, v in T3_ROWS if not k.startswith("三.六.")} | {"三.六": [3, 0, 0, 0, 0, 0, 3]}
T4 = [[2, 1, 0, 1, 4], [1, 0, 0, 0, 1], [0, 0, 1, 0, 1]]
T2_2021 = {
    ("规章", "本年制发件数"): 1,
    ("规章", "现行有效件数"): 5,
    ("行政规范性文件", "本年废止件数"): 2,
    ("行政规范性文件", "现行有效件数"): 37,
    ("行政许可", "本年处理决定数量"): 1203,
    ("行政处罚", "本年处理决定数量"): 86,
    ("行政强制", "本年处理决定数量"): 3,
    ("行政事业性收费", "本年收费金额（单位：万元）"): 12.5,
}


def load(name: str, year: int | None = None) -> tuple[Report, dict[str, Table]]:
    path = FIXTURES / name
    report = Report(path=str(path), text=path.read_text(encoding="utf-8"), year=year)
    report.lines = report_lines(report)
    return report, {t.kind: t for t in extract_tables(report)}


def text_at(report: Report, table: Table, key: str, col: str) -> str:
    cell = table.cell(key, col)
    assert cell is not None and cell.span is not None
    line = report.lines[cell.span.start.line - 1]
    assert cell.span.start.offset == line.offset + cell.span.start.column - 1
    return line.text[cell.span.start.column - 1 : cell.span.end.column - 1]


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("v2021_tabs.txt", "tabs"),
        ("v2021_pipe.txt", "pipe"),
        ("v2021_pdf.txt", "spaces"),
        ("v2021.html", "html"),
    ],
)
def test_2021_layouts_give_the_same_cells(name: str, layout: str) -> None:
    report, t = load(name, 2023)
    assert set(t) == {"t2", "t3", "t4"}
    t3 = t["t3"]
    assert t3.layout == layout and t3.template == "2021" and t3.reliable
    assert not t3.missing_rows and not t3.extra_rows
    assert t3.rows == list(T3_2021)
    for key, expected in T3_2021.items():
        if layout == "html" and key.startswith("三.三."):
            expected = [v or None for v in expected]  # the page leaves those zeros as &nbsp;
        assert values(t3, key, COLS) == expected, key
    assert [values(t["t4"], g, T4_COLS) for g in ("行政复议", "未经复议直接起诉", "复议后起诉")] == T4
    t2 = t["t2"]
    assert t2.template == "2021" and not t2.missing_blocks and not t2.missing_rows
    for (r, c), v in T2_2021.items():
        cell = t2.cell(r, c)
        assert cell is not None and cell.value == v
    # every cell's span covers exactly its text
    for (key, col), cell in t3.cells.items():
        assert cell.span is not None
        assert text_at(report, t3, key, col) == cell.raw


def test_tabs_positions_and_labels() -> None:
    report, t = load("v2021_tabs.txt", 2023)
    t3 = t["t3"]
    # line 31 of the fixture: "一、本年新收政府信息公开申请数量\t52\t6\t0\t1\t2\t0\t61"
    cell = t3.cell("一", "自然人")
    assert cell is not None and cell.span is not None
    assert (cell.span.start.line, cell.span.start.column, cell.span.end.column) == (31, 18, 20)
    total = t3.cell("一", "总计")
    assert total is not None and total.span is not None and total.span.start.column == 31
    assert t3.row_labels["三.三.1"].value == "1.属于国家秘密"
    assert t3.row_spans["三.三.1"].start.line == 35
    assert t3.corner_note is not None
    assert t3.corner_note.value == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert t3.column_labels["商业企业"].span.start.line == 30
    caption = t["t2"].block_captions["第二十条第（八）项"]
    assert (caption.span.start.line, caption.span.start.column) == (22, 1)
    assert text_at(report, t["t4"], "复议后起诉", "总计") == "1"


def test_pdf_text_labels_split_and_damaged() -> None:
    _, t = load("v2021_pdf.txt", 2023)
    t3 = t["t3"]
    assert t3.row_labels["三.三.4"].value == "办 （三）不 4.护第三方合法权益"  # damaged + vertical text
    assert t3.row_labels["三.二"].value.startswith("（二）部分公开")  # numbers on the next line
    assert t3.row_spans["三.二"].start.line == 33 and t3.row_spans["三.二"].end.line == 34
    assert t3.row_labels["三.六.2"].value == "求缴纳费用、行政机关不再处理"
    assert t3.cell("三.五.5", "总计") is not None
    assert t["t2"].notes == []  # the page footer "- 3 -" is not a row


def test_markdown_invented_columns_and_injected_header() -> None:
    _, t = load("v2021_pipe.txt", 2023)
    t3 = t["t3"]
    assert t3.row_labels["三.一"].value == "予以公开"  # numbering lost in conversion
    assert values(t3, "三.六.2", COLS) == [0] * 7  # after the injected "| 项目 | 本年新收件数 |" row
    assert t["t4"].row_labels["复议后起诉"].value == "行政诉讼（复议后起诉）"


@pytest.mark.parametrize("name", ["v2019_cells.txt", "v2019_cells_spaced.txt"])
def test_one_cell_per_line_2019(name: str) -> None:
    report, t = load(name, 2020)
    t3 = t["t3"]
    assert t3.layout == "cell-per-line" and t3.template == "2019" and not t3.missing_rows
    blank_zero = name == "v2019_cells.txt"  # there, zeros are left as empty lines (blank cells)
    for key, expected in T3_2019.items():
        want = [None if (blank_zero and v == 0) else v for v in expected]
        assert values(t3, key, COLS) == want, key
    t2 = t["t2"]
    assert values(t2, "行政许可", ["上一年项目数量", "本年增/减", "处理决定数量"]) == [12, -2, 340]
    assert values(t2, "行政事业性收费", ["上一年项目数量", "本年增/减"]) == [3, -1]
    amount = t2.cell("政府集中采购", "采购总金额")
    assert amount is not None and amount.value == 36.8 and amount.raw == "36.8万元"
    assert t2.column_labels["本年新制作数量"].value == "本年新制作数量"  # header split over two lines
    blank = t3.cell("三.三.2", "自然人")
    assert blank is not None and blank.kind == ("blank" if blank_zero else "number")
    if blank_zero:
        assert blank.span is not None
        assert report.lines[blank.span.start.line - 1].text == ""  # the empty line is the cell


def test_extracted_cells_work_with_dataclasses_replace() -> None:
    # the span of an extracted cell is built when first read; the cell is a plain Cell all the same
    _, t = load("v2021_tabs.txt", 2023)
    cell = t["t3"].cell("一", "自然人")
    assert cell is not None and cell.span is not None
    changed = dataclasses.replace(cell, value=53, raw="53")
    assert (changed.kind, changed.value, changed.raw, changed.span) == ("number", 53, "53", cell.span)
    assert changed != cell and dataclasses.replace(cell) == cell
    unread = t["t3"].cell("二", "自然人")  # span not read yet
    assert unread is not None
    moved = dataclasses.replace(unread, kind="text", value=None)
    assert moved.span is not None and moved.span == unread.span and moved.kind == "text"
    assert dataclasses.asdict(unread)["span"]["start"]["line"] == unread.span.start.line


def test_blank_and_text_cells_are_never_zero() -> None:
    report, t = load("v2021_tabs_blanks.txt", 2023)
    t3 = t["t3"]
    blank = t3.cell("一", "科研机构")
    slash = t3.cell("一", "其他")
    assert blank is not None and blank.kind == "blank" and blank.value is None
    assert slash is not None and slash.kind == "text" and slash.raw == "/" and slash.value is None
    assert [c.kind for c in (t3.cell("三.五.3", k) for k in ("自然人", "商业企业", "总计")) if c] == [
        "text",
        "text",
        "text",
    ]
    assert values(t3, "三.五.3", COLS) == ["—", "无", None, None, None, None, "-"]
    assert text_at(report, t3, "一", "其他") == "/"
    t2 = t["t2"]
    assert values(t2, "规章", ["本年制发件数", "本年废止件数", "现行有效件数"]) == [1, None, 5]
    assert values(t2, "行政强制", ["本年处理决定数量"]) == ["/"]
    assert values(t["t4"], "复议后起诉", T4_COLS) == [None] * 5


def test_flattened_text_is_unreliable_and_digits_are_not_split() -> None:
    _, t = load("v2021_flattened.txt", 2023)
    for table in t.values():
        assert table.layout == "flattened" and not table.reliable and "flattened" in table.notes
    t3 = t["t3"]
    assert not t3.cells and t3.rows == list(T3_2021)
    assert t3.raw_values["一"].value == "526012061"
    assert t3.raw_values["三.七"].value == "515011058"
    t2 = t["t2"]
    assert values(t2, "行政许可", ["本年处理决定数量"]) == [1203]
    assert t2.cell("规章", "本年制发件数") is None and t2.raw_values["规章"].value == "105"
    assert [values(t["t4"], g, T4_COLS) for g in ("行政复议", "未经复议直接起诉", "复议后起诉")] == T4


def test_2021_report_with_single_row_other_processing() -> None:
    _, t = load("v2021_single_other.txt", 2022)
    t3 = t["t3"]
    assert t3.template == "2021"
    assert t3.missing_rows == ["三.六.1", "三.六.2", "三.六.3"]
    assert [f.value for f in t3.extra_rows] == ["（六）其他处理"]
    assert values(t3, "三.六", COLS) == [3, 0, 0, 0, 0, 0, 3]
    assert "other-processing-single-row" in t3.notes


def test_extra_subtotal_column() -> None:
    _, t = load("t3_subtotal_column.txt", 2023)
    t3 = t["t3"]
    assert [f.value for f in t3.extra_columns] == ["法人或其他组织小计"]
    assert t3.columns == [*COLS[:6], "法人或其他组织小计", "总计"]
    assert values(t3, "一", [*COLS, "法人或其他组织小计"]) == [52, 6, 0, 1, 2, 0, 61, 9]
    assert values(t3, "三.七", COLS) == T3_2021["三.七"]


def test_pre_2019_statistics_table() -> None:
    _, t = load("v2008_stat.txt", 2017)
    stat = t["stat"]
    assert stat.template == "2008" and stat.columns == ["单位", "统计数"]
    assert values(stat, "主动公开政府信息数", ["单位", "统计数"]) == ["条", 96]
    assert values(stat, "信函申请数", ["统计数"]) == ["—"]
    assert values(stat, "行政复议/被依法纠错数", ["统计数"]) == [0]
    assert values(stat, "依申请公开信息收取的费用", ["单位", "统计数"]) == ["万元", 0.02]
    assert "行政诉讼/被依法纠错数" in stat.rows
    assert [f.value for f in stat.extra_rows] == ["上级专项督查次数"]
    assert values(stat, "上级专项督查次数", ["统计数"]) == [2]


def test_no_tables_and_odd_input() -> None:
    for text in ("", "\n\n", "一、总体情况\n无。\n", "第二十条第（一）项", "|||\n|---|\n", "<table><tr><td>", "\t\t\t"):
        report = Report(path="<t>", text=text)
        extract_tables(report)  # never raises
    report = Report(path="<t>", text="一、总体情况\n2023年，我局共收到申请5件。\n")
    assert extract_tables(report) == []


def test_prose_mentions_are_not_tables() -> None:
    text = (FIXTURES / "v2021_tabs.txt").read_text(encoding="utf-8")
    prose = (
        "我局依据《条例》第二十条第（一）项公开规章，并逐项核对表格勾稽关系，"
        "本年新收政府信息公开申请数量较上年有所增加。\n"
    )
    text = text.replace("一、总体情况\n\n", "一、总体情况\n\n" + prose, 1)
    report = Report(path="<t>", text=text, year=2023)
    report.lines = report_lines(report)
    tables = {t.kind: t for t in extract_tables(report)}
    assert tables["t2"].span.start.line == 12 and tables["t3"].span.start.line == 29
    assert values(tables["t3"], "一", COLS) == T3_2021["一"]


def _inline(text: str, year: int = 2023) -> dict[str, Table]:
    report = Report(path="<t>", text=text, year=year)
    report.lines = report_lines(report)
    return {t.kind: t for t in extract_tables(report)}


def test_missing_column_needs_header_and_rows_to_agree() -> None:
    header = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t" + "\t".join(
        c for c in COLS if c != "其他"
    )
    body = "\n".join(
        "\t".join([label, *(str(v) for i, v in enumerate(vals) if i != 5)])
        for label, vals in (
            ("一、本年新收政府信息公开申请数量", T3_2021["一"]),
            ("二、上年结转政府信息公开申请数量", T3_2021["二"]),
            ("（七）总计", T3_2021["三.七"]),
            ("四、结转下年度继续办理", T3_2021["四"]),
        )
    )
    t3 = _inline("三、收到和处理政府信息公开申请情况\n" + header + "\n" + body + "\n")["t3"]
    assert t3.missing_columns == ["其他"]
    assert values(t3, "一", [c for c in COLS if c != "其他"]) == [52, 6, 0, 1, 2, 61]
    # the same header over rows that do have seven values: the header is damaged, not the table
    body7 = "\n".join(
        "\t".join([label, *map(str, T3_2021[key])])
        for key, label in (("一", "一、本年新收政府信息公开申请数量"), ("四", "四、结转下年度继续办理"))
    )
    t3 = _inline("三、收到和处理政府信息公开申请情况\n" + header + "\n" + body7 + "\n")["t3"]
    assert t3.missing_columns == [] and values(t3, "四", COLS) == T3_2021["四"]


def test_table2_block_header_without_a_column() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\n"
        "规章\t1\t0\n行政规范性文件\t2\t1\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t3\n"
    )
    t2 = _inline(text)["t2"]
    assert t2.missing_columns == ["现行有效件数"]
    assert values(t2, "行政规范性文件", ["本年制发件数", "本年废止件数"]) == [2, 1]
    assert t2.cell("规章", "现行有效件数") is None
    assert t2.missing_blocks == ["第二十条第（六）项", "第二十条第（八）项"]


def test_long_paragraph_citing_labels_is_not_a_flattened_table() -> None:
    paragraph = (
        "2023年，我局依据《条例》第二十条第（一）项及时公开规章2件，" + "并持续做好政策解读和回应关切工作，" * 30
    )
    assert len(paragraph) > 400
    assert _inline("一、总体情况\n" + paragraph + "\n") == {}


def test_rows_without_labels_are_not_read_by_order_wholesale() -> None:
    rows = "\n".join("\t".join(["某项指标", *map(str, vals)]) for _, vals in T3_ROWS)
    text = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    t3 = _inline(text + rows + "\n")["t3"]
    assert not t3.cells and len(t3.missing_rows) == 25 and len(t3.extra_rows) == 25


def test_statistics_table_in_pdf_text() -> None:
    text = (
        "三、政府信息公开情况统计表\n统计指标 单位 统计数\n一、主动公开情况\n"
        "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） 条 96\n"
        "其中：主动公开规范性文件数 条 2\n制发规范性文件总数 件 2\n"
    )
    stat = _inline(text, 2017)["stat"]
    assert stat.layout == "spaces"
    assert values(stat, "制发规范性文件总数", ["单位", "统计数"]) == ["件", 2]
    unit = stat.cell("主动公开政府信息数", "单位")
    assert unit is not None and unit.span is not None
    assert (unit.span.start.line, unit.span.start.column) == (4, 32)


def test_pdf_row_wrapped_onto_the_next_line() -> None:
    text = (FIXTURES / "v2021_pdf.txt").read_text(encoding="utf-8")
    text = text.replace("四、结转下年度继续办理 4 2 0 0 1 0 7", "四、结转下年度继续办理 4 2 0 0\n1 0 7")
    text = text.replace("2 1 0 1 4 1 0 0 0 1 0 0 1 0 1", "2 1 0 1 4 1 0 0\n0 1 0 0 1 0 1")
    t = _inline(text)
    assert values(t["t3"], "四", COLS) == T3_2021["四"] and t["t3"].reliable
    assert [values(t["t4"], g, T4_COLS) for g in ("行政复议", "未经复议直接起诉", "复议后起诉")] == T4
    cell = t["t3"].cell("四", "总计")
    assert cell is not None and cell.span is not None and cell.span.start.column == 5


def test_statistics_table_ends_at_the_next_section() -> None:
    text = (FIXTURES / "v2008_stat.txt").read_text(encoding="utf-8")
    text += "\n四、存在的主要问题及改进措施\n\n培训人数 12\n\n五、其他需要报告的事项\n\n无。\n"
    stat = _inline(text, 2017)["stat"]
    assert "培训人数" not in stat.rows
    assert stat.span.end.line == 33


def test_table4_ends_with_its_fifteen_cells() -> None:
    text = (FIXTURES / "v2021_tabs.txt").read_text(encoding="utf-8")
    text = text.replace("五、存在的主要问题及改进情况", "（一）主要问题\n\n全年共开展专项检查 3")
    t4 = _inline(text)["t4"]
    assert t4.reliable and [values(t4, g, T4_COLS) for g in ("行政复议", "未经复议直接起诉", "复议后起诉")] == T4
