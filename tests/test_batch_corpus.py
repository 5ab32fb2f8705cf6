"""Corpus rules (rules/batch.yaml) on report summaries of invented agencies, two years each."""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.batch import sketch as sk
from govlint.batch.corpus import by_agency_year, run_corpus_rules
from govlint.batch.summary import ReportSummary, RowValues, SectionPrint, TablePrint
from govlint.engine import load_rule_file
from govlint.resources import data_dir

COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
OVERVIEW_A = (
    "青禾市文旅局围绕文旅市场监管和公共文化服务，及时发布演出审批、景区开放和文化惠民活动信息。"
    "全年组织旅游安全专项检查，公开检查结果和整改情况。依申请公开方面，严格执行登记审核答复制度。"
) * 3
OVERVIEW_B = (
    "云岭县人民政府聚焦乡村振兴、生态保护和民生保障，集中公开涉农补贴发放、易地搬迁安置和林草防火信息。"
    "县政府常务会议讨论的重要事项会后及时发布，重大项目批准和实施情况按月更新。"
) * 3


def rules(*codes: str) -> list:
    loaded = load_rule_file(data_dir("rules") / "batch.yaml")
    return [r for r in loaded if r.code in codes]


def row(values: list[int | None], line: int) -> RowValues:
    return RowValues(dict(zip(COLUMNS, values, strict=True)), (line, 1, line * 10, line, 20, line * 10 + 19))


def summary(path: str, agency: str | None, year: int | None, fmt: str = "2021", **kw: object) -> ReportSummary:
    return ReportSummary(path=path, agency=agency, year=year, format=fmt, **kw)  # type: ignore[arg-type]


def section(text: str, line: int = 5) -> SectionPrint:
    sig = sk.sketch(text)
    assert sig is not None
    return SectionPrint(sig, len(sk.normalise(text)), (line, 1, 0, line, 7, 6), "总体情况")


# --- carry-over -------------------------------------------------------------------------------------


def test_carryover_mismatch_is_reported_on_this_years_row_per_column() -> None:
    last = summary("qh/2021.txt", "青禾市文旅局", 2021, t3_carried_out=row([3, 0, 0, 0, 0, 1, 4], 80))
    this = summary("qh/2022.txt", "青禾市文旅局", 2022, t3_carried_in=row([2, 0, 0, 0, 0, 1, 3], 42))
    findings = run_corpus_rules([last, this], rules("GL801"))
    assert [(f.path, f.code, f.span.start.line) for f in findings] == [
        ("qh/2022.txt", "GL801", 42),
        ("qh/2022.txt", "GL801", 42),
    ]
    messages = sorted(f.message("zh") for f in findings)
    assert "自然人列为2" in messages[0] + messages[1]
    assert all("qh/2021.txt" in m for m in messages)
    assert "column 总计" in findings[0].message("en") + findings[1].message("en")


def test_carryover_passes_when_equal_and_ignores_other_agencies_and_gaps() -> None:
    reports = [
        summary("a/2021.txt", "青禾市文旅局", 2021, t3_carried_out=row([3, 0, 0, 0, 0, 1, 4], 80)),
        summary("a/2022.txt", "青禾市文旅局", 2022, t3_carried_in=row([3, 0, 0, 0, 0, 1, 4], 42)),
        # another agency's 2022 report: not compared with 青禾市文旅局 2021
        summary("b/2022.txt", "云岭县人民政府", 2022, t3_carried_in=row([9, 9, 9, 9, 9, 9, 54], 40)),
        # a gap of two years is not "last year"
        summary("a/2024.txt", "青禾市文旅局", 2024, t3_carried_in=row([7, 0, 0, 0, 0, 0, 7], 40)),
    ]
    assert run_corpus_rules(reports, rules("GL801")) == []


def test_grouping_uses_the_agency_read_in_the_report_not_the_file_name() -> None:
    reports = [
        summary("x/same-name.txt", "青禾市 文旅局", 2021, t3_carried_out=row([1, 0, 0, 0, 0, 0, 1], 80)),
        summary("y/same-name.txt", "青禾市文旅局", 2022, t3_carried_in=row([0, 0, 0, 0, 0, 0, 0], 42)),
    ]
    groups = by_agency_year(reports)
    assert list(groups) == ["青禾市文旅局"]
    assert len(run_corpus_rules(reports, rules("GL801"))) == 2


def test_two_reports_for_one_agency_year_are_not_guessed_between() -> None:
    reports = [
        summary("a/2021.txt", "青禾市文旅局", 2021, t3_carried_out=row([3, 0, 0, 0, 0, 1, 4], 80)),
        summary("a/2022.txt", "青禾市文旅局", 2022, t3_carried_in=row([2, 0, 0, 0, 0, 1, 3], 42)),
        summary("a/2022-copy.txt", "青禾市文旅局", 2022, t3_carried_in=row([3, 0, 0, 0, 0, 1, 4], 42)),
    ]
    assert run_corpus_rules(reports, rules("GL801")) == []


# --- 现行有效件数 continuity --------------------------------------------------------------------


def stock(issued: int, repealed: int, in_force: int, line: int) -> RowValues:
    values = {"本年制发件数": issued, "本年废止件数": repealed, "现行有效件数": in_force}
    return RowValues(values, (line, 1, 0, line, 9, 8))


def test_stock_continuity() -> None:
    reports = [
        summary("a/2022.txt", "云岭县人民政府", 2022, t2_stock={"规章": stock(1, 0, 10, 30)}),
        summary(
            "a/2023.txt",
            "云岭县人民政府",
            2023,
            t2_stock={"规章": stock(2, 1, 13, 31), "行政规范性文件": stock(5, 0, 5, 32)},
        ),
    ]
    findings = run_corpus_rules(reports, rules("GL802"))
    assert [(f.path, f.span.start.line) for f in findings] == [("a/2023.txt", 31)]
    assert "应为11件" in findings[0].message("zh")
    reports[1].t2_stock["规章"] = stock(2, 1, 11, 31)
    assert run_corpus_rules(reports, rules("GL802")) == []


def test_stock_continuity_skips_a_2019_format_previous_year() -> None:
    reports = [
        summary("a/2020.txt", "云岭县人民政府", 2020, fmt="2019", t2_stock={"规章": stock(1, 0, 10, 30)}),
        summary("a/2021.txt", "云岭县人民政府", 2021, t2_stock={"规章": stock(2, 1, 99, 31)}),
    ]
    assert run_corpus_rules(reports, rules("GL802")) == []


# --- copied sections ----------------------------------------------------------------------------


def test_section_copied_from_last_year() -> None:
    reports = [
        summary("a/2022.txt", "青禾市文旅局", 2022, sections={1: section(OVERVIEW_A.replace("全年", "2022年全年"))}),
        summary("a/2023.txt", "青禾市文旅局", 2023, sections={1: section(OVERVIEW_A.replace("全年", "2023年全年"), 7)}),
    ]
    findings = run_corpus_rules(reports, rules("GL803", "GL804"))
    assert [(f.path, f.code, f.span.start.line) for f in findings] == [("a/2023.txt", "GL803", 7)]
    assert "100%" in findings[0].message("zh") and "a/2022.txt" in findings[0].message("zh")


def test_sections_copied_between_agencies_flag_both() -> None:
    reports = [
        summary("a/2023.txt", "青禾市文旅局", 2023, sections={1: section(OVERVIEW_A)}),
        summary("b/2023.txt", "东澜市文旅局", 2023, sections={1: section(OVERVIEW_A + "另加一句。")}),
        summary("c/2023.txt", "云岭县人民政府", 2023, sections={1: section(OVERVIEW_B)}),
    ]
    findings = run_corpus_rules(reports, rules("GL803", "GL804"))
    assert sorted((f.path, f.code) for f in findings) == [("a/2023.txt", "GL804"), ("b/2023.txt", "GL804")]
    assert "东澜市文旅局" in next(f for f in findings if f.path == "a/2023.txt").message("zh")


def test_different_texts_and_short_sections_are_not_copies() -> None:
    reports = [
        summary("a/2023.txt", "青禾市文旅局", 2023, sections={1: section(OVERVIEW_A)}),
        summary("c/2023.txt", "云岭县人民政府", 2023, sections={1: section(OVERVIEW_B)}),
        summary("d/2023.txt", "北岸区文旅局", 2023, sections={5: section("无。" * 20)}),
        summary("e/2023.txt", "松川县文旅局", 2023, sections={5: section("无。" * 20)}),
    ]
    assert run_corpus_rules(reports, rules("GL803", "GL804")) == []


def test_similarity_threshold_is_a_rule_parameter(tmp_path: Path) -> None:
    text = (data_dir("rules") / "batch.yaml").read_text(encoding="utf-8")
    text = text.replace("scope: other-agency, sections: [1, 5], threshold: 0.8", "scope: other-agency, threshold: 0.3")
    (tmp_path / "batch.yaml").write_text(text, encoding="utf-8")
    loose = [r for r in load_rule_file(tmp_path / "batch.yaml") if r.code == "GL804"]
    half = OVERVIEW_A[: len(OVERVIEW_A) // 2] + OVERVIEW_B[: len(OVERVIEW_B) // 2]
    reports = [
        summary("a/2023.txt", "青禾市文旅局", 2023, sections={1: section(OVERVIEW_A)}),
        summary("b/2023.txt", "东澜市文旅局", 2023, sections={1: section(half)}),
    ]
    assert run_corpus_rules(reports, rules("GL804")) == []
    assert len(run_corpus_rules(reports, loose)) == 2


# --- identical tables ---------------------------------------------------------------------------


def table(digest: str, nonzero: int, line: int = 50, kind: str = "all") -> dict[str, TablePrint]:
    return {kind: TablePrint(digest, nonzero, (line, 1, 0, line + 30, 5, 0))}


@pytest.mark.parametrize(
    ("other_agency", "other_year", "flagged"),
    [("东澜市文旅局", 2023, True), ("青禾市文旅局", 2022, True), ("青禾市文旅局", 2023, False)],
)
def test_identical_tables(other_agency: str, other_year: int, flagged: bool) -> None:
    reports = [
        summary("a/2023.txt", "青禾市文旅局", 2023, tables=table("d1", 12)),
        summary("b/x.txt", other_agency, other_year, tables=table("d1", 12, 60)),
    ]
    findings = run_corpus_rules(reports, rules("GL805"))
    assert (len(findings) == 2) is flagged
    if flagged:
        assert findings[0].span.start.line in (50, 60)
        assert "表二、表三、表四的全部数据" in findings[0].message("zh")


def test_one_small_table_matching_by_chance_is_not_flagged_by_default() -> None:
    reports = [
        summary("a/2023.txt", "青禾市文旅局", 2023, tables={**table("t4-same", 6, kind="t4"), **table("x", 40)}),
        summary("b/2023.txt", "东澜市文旅局", 2023, tables={**table("t4-same", 6, kind="t4"), **table("y", 40)}),
    ]
    assert run_corpus_rules(reports, rules("GL805")) == []


def test_identical_tables_with_few_nonzero_cells_are_common_and_not_flagged() -> None:
    reports = [
        summary("a/2023.txt", "青禾市文旅局", 2023, tables=table("zeros", 0)),
        summary("b/2023.txt", "东澜市文旅局", 2023, tables=table("zeros", 0)),
    ]
    assert run_corpus_rules(reports, rules("GL805")) == []


def test_summary_round_trips_through_json() -> None:
    original = summary(
        "a/2023.txt",
        "青禾市文旅局",
        2023,
        t3_carried_in=row([1, 2, 3, 4, 5, 6, 21], 3),
        t2_stock={"规章": stock(1, 0, 4, 9)},
        sections={1: section(OVERVIEW_A)},
        tables=table("abc", 7),
    )
    assert ReportSummary.from_dict(original.to_dict()) == original


def test_findings_do_not_depend_on_the_order_reports_finished() -> None:
    reports = [
        summary(f"{i}/2023.txt", f"第{i}机关", 2023, sections={1: section(OVERVIEW_A + "补充" * i)}) for i in range(6)
    ]
    expected = run_corpus_rules(reports, rules("GL804"))
    assert len(expected) == 6
    for shift in range(1, 6):
        assert run_corpus_rules(reports[shift:] + reports[:shift], rules("GL804")) == expected


def test_an_agency_and_its_office_are_not_each_others_copy() -> None:
    reports = [
        summary("a/2023.txt", "云岭县人民政府", 2023, sections={1: section(OVERVIEW_B)}),
        summary("b/2023.txt", "云岭县人民政府办公室", 2023, sections={1: section(OVERVIEW_B)}),
    ]
    assert run_corpus_rules(reports, rules("GL804")) == []
