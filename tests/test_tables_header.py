"""表三's header: columns it leaves out, rows that do not line up with it, and its corner note.

Invented reports only (云岭县商务局, 青禾市…); the layouts are those of published reports: a
Word table exported with tabs whose rows hold a lone number amid empty fields, headers whose
corner cell is empty, a PDF text line holding the corner note and ``申请人情况`` together.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tables_support import values

from govlint.engine import lint, load_rules
from govlint.model import Report
from govlint.parsing import parse_file, parse_text
from govlint.tables import extract_tables
from govlint.tables.assemble import fit, uncertain_columns
from govlint.tables.text import Frag, report_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tables"
COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_LABELS = [
    ("一", "一、本年新收政府信息公开申请数量"),
    ("二", "二、上年结转政府信息公开申请数量"),
    ("三.一", "（一）予以公开"),
    ("三.二", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("三.三.1", "1.属于国家秘密"),
    ("三.三.2", "2.其他法律行政法规禁止公开"),
    ("三.三.3", "3.危及“三安全一稳定”"),
    ("三.三.4", "4.保护第三方合法权益"),
    ("三.三.5", "5.属于三类内部事务信息"),
    ("三.三.6", "6.属于四类过程性信息"),
    ("三.三.7", "7.属于行政执法案卷"),
    ("三.三.8", "8.属于行政查询事项"),
    ("三.四.1", "1.本机关不掌握相关政府信息"),
    ("三.四.2", "2.没有现成信息需要另行制作"),
    ("三.四.3", "3.补正后申请内容仍不明确"),
    ("三.五.1", "1.信访举报投诉类申请"),
    ("三.五.2", "2.重复申请"),
    ("三.五.3", "3.要求提供公开出版物"),
    ("三.五.4", "4.无正当理由大量反复申请"),
    ("三.五.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("三.六.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("三.六.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("三.六.3", "3.其他"),
    ("三.七", "（七）总计"),
    ("四", "四、结转下年度继续办理"),
]
ROW_2 = [2, 1, 0, 0, 0, 0, 3]  # an invented balanced row, reused for every row


def frags(*texts: str) -> list[Frag]:
    return [Frag(t, 1, i + 1, i, len(t)) for i, t in enumerate(texts)]


def codes(report: Report) -> list[tuple[str, int]]:
    return [(f.code, f.span.start.line if f.span else 0) for f in lint(report, load_rules(), {})]


# --------------------------------------------------------------------------------------------
# fitting a row's fields to the columns


def test_fit_drops_stray_empty_fields_when_only_one_reading_exists() -> None:
    vals, note = fit(frags("", "1", "", "3"), 3, grid=True)
    assert [v.text if v else None for v in vals or []] == ["1", "", "3"] and note == "realigned"
    vals, note = fit(frags("1", "2", "3", "", ""), 3, grid=True)
    assert [v.text if v else None for v in vals or []] == ["1", "2", "3"] and note is None


def test_fit_says_when_the_values_could_sit_in_other_columns() -> None:
    row = frags("", "", "", "7", "", "")  # one value amid empty fields, 4 columns
    vals, note = fit(row, 4, grid=True)
    assert note == "ambiguous" and vals is not None
    # windows start at fields 0, 1 or 2: the 7 is in column 3, 2 or 1; column 0 is blank in all
    assert uncertain_columns(row, 4) == [1, 2, 3]
    assert fit(frags("", "", "5", "6", "7", ""), 4, grid=True)[1] == "ambiguous"
    assert uncertain_columns(frags("", "", "5", "6", "7", ""), 4) == [0, 1, 2, 3]
    assert fit(frags("1", "", "", "", "5"), 4, grid=True) == (None, "too-many-values")


# --------------------------------------------------------------------------------------------
# a header without 其他 over rows that do not line up with it (a Word table exported with tabs)


def test_header_without_other_over_unaligned_rows() -> None:
    report = parse_file(FIXTURES / "t3_unaligned_no_other.txt")
    t3 = report.table("t3")
    assert t3 is not None and t3.reliable and len(t3.rows) == 25
    assert t3.missing_columns == ["其他"] and "其他" not in t3.columns
    # "一、…\t" + 16 empty fields + "3" + 2 empty fields: 3 windows of 6 columns hold the 3
    assert values(t3, "一", COLS) == [None, None, None, "?", "?", "?", "?"]
    assert t3.raw_values["一"].raw == "3" and "unaligned:一" in t3.notes
    # a row whose value ends the line has one reading only: its last column
    assert values(t3, "三.四.1", COLS) == [None, None, None, None, None, "?", 1]
    assert "unaligned:三.四.1" not in t3.notes
    found = codes(report)
    assert ("GL403", 11) in found and ("GL009", 15) in found
    assert not [c for c, _ in found if c.startswith("GL5")], "no arithmetic on unaligned cells"


def test_header_naming_six_columns_over_rows_of_six_values() -> None:
    header = NOTE + "\t" + "\t".join(c for c in COLS if c != "其他")
    body = "\n".join(label + "\t" + "\t".join(str(v) for i, v in enumerate(ROW_2) if i != 5) for _, label in T3_LABELS)
    report = parse_text("三、收到和处理政府信息公开申请情况\n" + header + "\n" + body + "\n")
    t3 = report.table("t3")
    assert t3 is not None and t3.missing_columns == ["其他"]
    assert values(t3, "四", COLS) == [2, 1, 0, 0, 0, "?", 3] and not t3.raw_values


# --------------------------------------------------------------------------------------------
# headers whose corner cell (the note) is empty, in every layout


def _report(header: list[str], layout: str) -> str:
    sep = {"tabs": "\t", "spaces": " ", "pipe": " | "}[layout]
    lines = ["青禾市文旅局2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    wrap = (lambda s: "| " + s + " |") if layout == "pipe" else (lambda s: s)
    lines += [wrap(h) for h in header]
    if layout == "pipe":
        lines.insert(3, "|" + "---|" * 8)
    for _, label in T3_LABELS:
        lines.append(wrap(sep.join([label, *map(str, ROW_2)])))
    lines += ["五、存在的主要问题及改进情况", "一是公开渠道有待拓展。"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("layout", "header"),
    [
        ("tabs", ["\t" + "\t".join(COLS)]),
        (
            "tabs",
            ["\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"],
        ),
        ("spaces", ["自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]),
        ("spaces", ["申请人情况", "自然人 法人或其他组织 总计", "商业 企业 科研 机构 社会公益组织 法律服务机构 其他"]),
        ("pipe", [" | ".join(["", *COLS])]),
    ],
)
def test_header_with_an_empty_corner_is_the_table_header(layout: str, header: list[str]) -> None:
    report = parse_text(_report(header, layout))
    t3 = report.table("t3")
    assert t3 is not None and t3.span.start.line == 3, "the table starts at its header"
    assert sorted(t3.column_labels) == sorted(COLS) and not t3.missing_columns
    assert t3.corner_note is None and values(t3, "四", COLS) == ROW_2
    assert [c for c in codes(report) if c[0] in ("GL403", "GL407", "GL410")] == [("GL407", 3)]


def test_cell_per_line_header_with_an_empty_corner() -> None:
    lines = ["青禾市文旅局2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", ""]
    for word in ["申请人情况", "自然人", "法人或其他组织", "总计", *COLS[1:6]]:
        lines += [word, ""]
    for _, label in T3_LABELS:
        for item in [label, *map(str, ROW_2)]:
            lines += [item, ""]
    lines += ["五、存在的主要问题及改进情况", "一是公开渠道有待拓展。"]
    report = parse_text("\n".join(lines) + "\n")
    t3 = report.table("t3")
    assert t3 is not None and t3.layout == "cell-per-line" and t3.span.start.line == 4
    assert sorted(t3.column_labels) == sorted(COLS) and values(t3, "四", COLS) == ROW_2
    assert ("GL407", 4) in codes(report)


# --------------------------------------------------------------------------------------------
# the note and 申请人情况 on one line (PDF text)


@pytest.mark.parametrize("gap", [" ", "  ", "\u3000"])
def test_note_and_header_words_on_one_line(gap: str) -> None:
    header = [
        NOTE + gap + "申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    report = parse_text(_report(header, "spaces"))
    t3 = report.table("t3")
    assert t3 is not None and t3.corner_note is not None
    assert t3.corner_note.value == NOTE and t3.corner_note.span.start.column == 1
    assert t3.corner_note.span.end.column == len(NOTE) + 1
    assert sorted(t3.column_labels) == sorted(COLS)
    assert [c for c in codes(report) if c[0].startswith("GL4")] == []


def test_wrong_note_on_a_line_with_header_words_is_reported() -> None:
    wrong = "（本列数据的勾稽关系为：第一项等于第三项）"
    header = [wrong + " 申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    report = parse_text(_report(header, "spaces"))
    t3 = report.table("t3")
    assert t3 is not None and t3.corner_note is not None and t3.corner_note.value == wrong
    assert ("GL407", 3) in codes(report)


def test_extract_tables_without_the_parser() -> None:
    text = _report(["\t" + "\t".join(COLS)], "tabs")
    report = Report(path="<t>", text=text, year=2022)
    report.lines = report_lines(report)
    (t3,) = extract_tables(report)
    assert t3.span.start.line == 3 and values(t3, "一", COLS) == ROW_2


def test_note_without_its_closing_bracket_does_not_swallow_the_header() -> None:
    header = [
        NOTE[:-1] + " 申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    report = parse_text(_report(header, "spaces"))
    t3 = report.table("t3")
    assert t3 is not None and t3.corner_note is not None and "自然人" not in t3.corner_note.value
    assert sorted(t3.column_labels) == sorted(COLS) and not t3.missing_columns
    assert ("GL407", 3) in codes(report)


def test_group_and_row_label_on_one_pdf_line() -> None:
    text = _report(["自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"], "spaces")
    text = text.replace("\n（一）予以公开 ", "\n三、本年度办理结果 （一）予以公开 ")
    report = parse_text(text)
    t3 = report.table("t3")
    assert t3 is not None and not any(n.startswith("assigned-by-order") for n in t3.notes)
    label = t3.row_labels["三.一"]
    assert label.raw == "（一）予以公开" and (label.span.start.line, label.span.start.column) == (7, 11)
    assert values(t3, "三.一", COLS) == ROW_2
