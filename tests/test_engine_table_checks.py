"""Table shape, cell and arithmetic checks on Report/Table objects built directly (no parser)."""

from __future__ import annotations

import pytest
from engine_support import make_report, make_table, span_at

from govlint.engine import lint, load_rules
from govlint.engine.ruleset import RuleSet
from govlint.model import Field, Heading, Section


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


def run(rules: RuleSet, report, *codes: str) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.span.line, f.span.column) for f in lint(report, rules.select(select=list(codes)))]


def messages(rules: RuleSet, report, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message("zh") for f in lint(report, rules.select(select=[code]))]


ZERO7 = ["0"] * 7


def test_missing_rows_one_finding_listing_them(rules: RuleSet) -> None:
    table = make_table("t2", "2021", {"规章": ["0", "0", "0", "", ""]}, missing_rows=["行政强制", "行政事业性收费"])
    report = make_report([table])
    assert run(rules, report, "GL402") == [("GL402", 10, 1)]
    (message,) = messages(rules, report, "GL402")
    assert "表二缺少2行：“行政强制”、“行政事业性收费”" in message


def test_missing_column_and_block(rules: RuleSet) -> None:
    t3 = make_table(
        "t3",
        "2021",
        {"一": ["1"] * 6},
        columns=["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "总计"],
        missing_columns=["其他"],
    )
    t2 = make_table("t2", "2021", {}, first_line=3, missing_blocks=["第二十条第（八）项"])
    report = make_report([t2, t3])
    assert run(rules, report, "GL403", "GL404") == [("GL404", 3, 1), ("GL403", 10, 1)]
    assert "“其他”" in messages(rules, report, "GL403")[0]


def test_extra_column_each_reported_at_its_place(rules: RuleSet) -> None:
    extra = Field("法人或其他组织小计", "法人或其他组织小计", span_at(9, 40, 9))
    report = make_report([make_table("t3", "2021", {"一": ZERO7}, extra_columns=[extra])])
    assert run(rules, report, "GL406") == [("GL406", 9, 40)]
    assert "法人或其他组织小计" in messages(rules, report, "GL406")[0]


def test_blank_cells_one_finding_per_table_at_the_first(rules: RuleSet) -> None:
    grid = {"一": ["3", "1", "", "", "0", "0", "4"], "二": ["0", "", "0", "0", "0", "0", "0"]}
    report = make_report(
        [
            make_table("t3", "2021", grid),
            make_table("t4", "2021", {"行政复议": ["", "0", "0", "0", "0"]}, first_line=20),
        ]
    )
    assert run(rules, report, "GL410") == [("GL410", 10, 16), ("GL410", 20, 10)]
    message = messages(rules, report, "GL410")[0]
    assert "表三有3个空白单元格（2行，首个在“一、本年新收政府信息公开申请数量”行“科研机构”列）" in message


def test_text_cells_are_errors_and_never_zero(rules: RuleSet) -> None:
    grid = {
        "一": ["3", "1", "/", "—", "0", "0", "4"],
        "二": ZERO7,
        "三.七": ["3", "1", "0", "0", "0", "0", "4"],
        "四": ZERO7,
    }
    report = make_report([make_table("t3", "2021", grid)])
    assert run(rules, report, "GL411") == [("GL411", 10, 16), ("GL411", 10, 19)]
    # the columns holding text are not judged by the identity; the others balance
    assert run(rules, report, "GL501") == []


def test_negative_only_where_the_column_is_signed(rules: RuleSet) -> None:
    t2_2019 = make_table(
        "t2",
        "2019",
        {"行政许可": ["", "", "", "5", "-2", "3", "", ""], "规章": ["-1", "0", "0", "", "", "", "", ""]},
    )
    report = make_report([t2_2019], fmt="2019", year=2020)
    assert run(rules, report, "GL412") == [("GL412", 11, 10)]
    assert "“规章”行“本年新制作数量”列是负数（-1）" in messages(rules, report, "GL412")[0]


def test_fraction_in_a_count_column_but_not_in_an_amount(rules: RuleSet) -> None:
    grid = {"行政事业性收费": ["", "", "", "", "0.35"], "规章": ["1.5", "0", "0", "", ""]}
    report = make_report([make_table("t2", "2021", grid)])
    assert run(rules, report, "GL413") == [("GL413", 11, 10)]


def test_amount_with_unit(rules: RuleSet) -> None:
    report = make_report([make_table("t2", "2021", {"行政事业性收费": ["", "", "", "", "1200元"]})])
    assert run(rules, report, "GL414", "GL411") == [("GL414", 10, 22)]
    assert "表头已注明单位为万元" in messages(rules, report, "GL414")[0]
    # 2019's 采购总金额 fixes no unit: "251000元" is neither non-numeric nor a unit problem
    t2_2019 = make_table("t2", "2019", {"政府集中采购": ["", "", "", "", "", "", "3", "251000元"]})
    assert run(rules, make_report([t2_2019], fmt="2019", year=2020), "GL411", "GL414") == []


def test_missing_table_reported_at_its_section(rules: RuleSet) -> None:
    heading = Heading(
        1, "四", 4, "政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况", span_at(30, 1, 20)
    )
    report = make_report([make_table("t3", "2021", {"一": ZERO7})])
    report.sections = [Section(heading)]
    assert run(rules, report, "GL401") == [("GL401", 30, 1)]
    assert "表四" in messages(rules, report, "GL401")[0]


def test_t3_results_total_uses_the_version_rows(rules: RuleSet) -> None:
    rows_2019 = {"三.一": ["1"] * 7, "三.二": ["1"] * 7, "三.六": ["1"] * 7, "三.七": ["3"] * 6 + ["4"]}
    grid = {key: values for key, values in rows_2019.items()}
    # fill every other result row of 2019 with zeros
    from govlint.engine.tablekeys import table_keys

    keys = table_keys("t3", "2019")
    assert keys is not None
    full = {row: grid.get(row, ["0"] * 7) for row in keys.rows}
    report = make_report([make_table("t3", "2019", full)], fmt="2019", year=2020)
    assert [c for c, _, _ in run(rules, report, "GL502")] == ["GL502"]
    message = messages(rules, report, "GL502")[0]
    assert "三.七(4) ≠" in message and "sum(三.六*)(1)" in message and "= 3" in message


def test_row_total_and_t4_group_total(rules: RuleSet) -> None:
    t3 = make_table("t3", "2021", {"一": ["5", "2", "0", "0", "0", "1", "7"]})
    t4 = make_table("t4", "2021", {"行政复议": ["1", "1", "0", "0", "3"], "复议后起诉": ["0"] * 5}, first_line=20)
    report = make_report([t3, t4])
    assert run(rules, report, "GL503", "GL504") == [("GL503", 10, 28), ("GL504", 20, 22)]
    assert "总计(7)，但 sum(自然人..其他)(8) = 8" in messages(rules, report, "GL503")[0]


def test_stat_identities(rules: RuleSet) -> None:
    grid = {
        "从事政府信息公开工作人员数": ["人", "3"],
        "专职人员数": ["人", "1"],
        "兼职人员数": ["人", "1"],
        "主动公开政府信息数": ["条", "22"],
        "政府公报公开政府信息数": ["条", "0"],
        "政府网站公开政府信息数": ["条", "2"],
        "政务微博公开政府信息数": ["条", "0"],
        "政务微信公开政府信息数": ["条", "1"],
        "其他方式公开政府信息数": ["条", "19"],
    }
    table = make_table("stat", "2008", grid, columns=["单位", "统计数"])
    report = make_report([table], fmt="2008", year=2018)
    assert run(rules, report, "GL5") == [("GL506", 10, 13)]
    # the unit column holds text by design: never a cell finding
    assert run(rules, report, "GL4") == []


def test_t2_in_force_heuristic(rules: RuleSet) -> None:
    report = make_report([make_table("t2", "2021", {"行政规范性文件": ["5", "1", "2", "", ""]})])
    assert run(rules, report, "GL505") == [("GL505", 10, 16)]
    assert "现行有效件数(2) < 本年制发件数(5) - 本年废止件数(1) = 4" in messages(rules, report, "GL505")[0]


def test_unreliable_tables_skip_shape_and_cells(rules: RuleSet) -> None:
    table = make_table("t3", "2021", {"一": ["", "/", "-1", "0", "0", "0", "9"]}, missing_rows=["二"])
    table.reliable = False
    assert run(rules, make_report([table]), "GL4", "GL5") == []


def test_corner_note_missing_or_reworded(rules: RuleSet) -> None:
    official = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table = make_table("t3", "2021", {"一": ZERO7})
    report = make_report([table])
    assert run(rules, report, "GL407") == []  # no header read at all (a page missing): not judged
    table.column_labels = {"自然人": Field("自然人", "自然人", span_at(9, 5, 3))}
    assert run(rules, report, "GL407") == [("GL407", 10, 1)]
    table.corner_note = Field(official.replace("（", "(").replace("）", ")"), official, span_at(9, 1, 30))
    assert run(rules, report, "GL407") == []  # half-width brackets normalise to the official text
    table.corner_note = Field("本列数据", "本列数据", span_at(9, 1, 4))
    assert run(rules, report, "GL407") == [("GL407", 9, 1)]
    assert official in messages(rules, report, "GL407")[0]


def test_a_table_without_cells_is_not_a_table(rules: RuleSet) -> None:
    heading = Heading(
        1, "四", 4, "政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况", span_at(30, 1, 20)
    )
    empty_t4 = make_table("t4", "2021", {}, first_line=31)
    empty_t4.reliable = False
    report = make_report([make_table("t3", "2021", {"一": ZERO7}), empty_t4])
    report.sections = [Section(heading)]
    assert run(rules, report, "GL401", "GL006") == [("GL401", 30, 1)]


def test_a_flattened_table_without_split_values_is_unverified_not_missing(rules: RuleSet) -> None:
    heading = Heading(
        1, "三", 3, "收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况", span_at(8, 1, 17)
    )
    flat = make_table("t3", "2021", {}, first_line=9)
    flat.rows = ["一", "二", "三.七", "四"]  # labels recognised, digits run together: no cells
    flat.reliable = False
    report = make_report([flat])
    report.sections = [Section(heading)]
    assert run(rules, report, "GL401", "GL006") == [("GL006", 9, 1)]
