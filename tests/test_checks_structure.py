"""Unit tests of the structure check kinds (sections from the format templates)."""

from checks_support import build, run

SIX = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]
NUM = "一二三四五六七八九十"


def doc(headings: list[str], title: str = "青禾市文旅局2021年政府信息公开工作年度报告") -> str:
    body = [title, "前言。"]
    for i, h in enumerate(headings):
        body += [h if "、" in h[:3] else f"{NUM[i]}、{h}", "内容。"]
    return "\n".join(body)


def test_complete_report_has_no_structure_findings() -> None:
    report = build(doc(SIX))
    for kind in ("required-sections", "section-order", "duplicate-sections", "extra-sections", "heading-variant"):
        assert run(kind, report) == [], kind


def test_missing_section_is_named_and_placed_at_the_next_section() -> None:
    headings = [f"{NUM[i]}、{h}" for i, h in enumerate(SIX) if i != 3]
    report = build(doc(headings))
    hits = run("required-sections", report)
    assert [h.args["heading"] for h in hits] == ["政府信息公开行政复议、行政诉讼情况"]
    assert hits[0].args["ordinal"] == "四"
    assert hits[0].span is not None and report.lines[hits[0].span.line - 1].text.startswith("五、")


def test_renumbered_section_is_out_of_order_not_missing() -> None:
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、存在的主要问题及改进情况", "五、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"]  # fmt: skip  # noqa: E501
    report = build(doc(headings))
    assert run("required-sections", report) == []
    hits = run("section-order", report)
    assert {h.args["heading"] for h in hits} == {"存在的主要问题及改进情况", "政府信息公开行政复议、行政诉讼情况"}


def test_duplicate_and_extra_sections() -> None:
    headings = [f"{NUM[i]}、{h}" for i, h in enumerate(SIX)]
    headings += ["二、主动公开政府信息情况", "七、下一年度工作计划"]
    report = build(doc(headings))
    dup = run("duplicate-sections", report)
    assert [h.args["number"] for h in dup] == ["二"]
    extra = run("extra-sections", report)
    assert [(h.args["number"], h.args["heading"]) for h in extra] == [("七", "下一年度工作计划")]


def test_variant_heading_is_recognised_and_reported_as_variant() -> None:
    headings = [f"{NUM[i]}、{h}" for i, h in enumerate(SIX)]
    headings[4] = "五、政府信息公开工作存在的主要问题及改进情况"
    report = build(doc(headings))
    assert run("required-sections", report) == []
    hits = run("heading-variant", report)
    assert [h.args["canonical"] for h in hits] == ["五、存在的主要问题及改进情况"]


def test_fuzzy_heading_counts_as_the_section() -> None:
    headings = [f"{NUM[i]}、{h}" for i, h in enumerate(SIX)]
    headings[4] = "五、存在主要问题和改进情况"
    report = build(doc(headings))
    assert run("required-sections", report) == []
    assert len(run("heading-variant", report)) == 1


def test_pre_2019_report_is_judged_by_the_old_structure() -> None:
    headings = ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况", "四、政府信息公开的收费及减免情况",  # noqa: E501
                "五、因政府信息公开申请行政复议、提起行政诉讼的情况", "六、政府信息公开工作存在的主要问题及改进措施",
                "七、其他需要报告的事项", "八、回应解读情况"]  # fmt: skip
    report = build(doc(headings, "青禾市文旅局2017年政府信息公开工作年度报告"), year=2017, fmt="2008")
    assert run("required-sections", report) == []
    # No fixed order or numbering in the old regime: 七、 and 八、 are not "extra".
    assert run("extra-sections", report) == []
    assert run("section-order", report) == []
    missing = build(
        doc(headings[:3] + headings[5:7], "青禾市文旅局2017年政府信息公开工作年度报告"), year=2017, fmt="2008"
    )
    assert {h.args["heading"] for h in run("required-sections", missing)} == {
        "政府信息公开的收费及减免情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
    }


def test_unknown_format_is_silent() -> None:
    report = build(doc(SIX[:2]), fmt=None)
    assert run("required-sections", report) == []


def test_lost_heading_is_told_apart_from_a_missing_section() -> None:
    headings = [f"{NUM[i]}、{h}" for i, h in enumerate(SIX) if i != 4]
    lines = ["青禾市文旅局2021年政府信息公开工作年度报告"]
    for h in headings:
        lines += [h, "内容。"]
        if h.startswith("四、"):
            lines += ["（一）主要问题", "解读形式单一。", "（二）改进情况", "下一步将丰富解读形式。"]
    report = build("\n".join(lines))
    evidence = {5: "问题.*(?:改进|措施|整改)"}
    assert run("required-sections", report, evidence=evidence) == []
    lost = run("required-sections", report, evidence=evidence, lost_heading="only")
    assert [h.args["ordinal"] for h in lost] == ["五"] and lost[0].args["before"].startswith("四、")
    # Without the content in the gap the section is missing, not its heading.
    bare = build(doc([f"{NUM[i]}、{h}" for i, h in enumerate(SIX) if i != 4]))
    assert [h.args["ordinal"] for h in run("required-sections", bare, evidence=evidence)] == ["五"]


def test_numbering_restart_is_reported_once_instead_of_each_section() -> None:
    headings = ["一、总体情况", "二、工作机制保障", "一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况",
                "三、政府信息公开行政复议、行政诉讼情况", "四、存在的主要问题及改进情况", "五、其他需要报告的事项"]  # fmt: skip  # noqa: E501
    report = build(doc(headings))
    hits = run("numbering-restart", report)
    assert [(h.args["number"], h.args["previous"]) for h in hits] == [("一", "二、工作机制保障")]
    assert run("section-order", report) == [] and run("duplicate-sections", report) == []
    assert run("required-sections", report) == []


def test_a_text_without_any_recognised_section_is_not_judged() -> None:
    report = build("青禾市文旅局2021年政府信息公开工作年度报告\n一段没有标题的文字。\n一、附录\n说明。")
    assert run("required-sections", report) == []


def test_overview_areas_from_the_template() -> None:
    areas = "主动公开、依申请公开、政府信息管理、平台建设、监督保障"
    full = build(doc(SIX).replace("一、总体情况\n内容。", f"一、总体情况\n本局做好{areas}工作。"))
    assert run("overview-areas", full) == []
    hits = run(
        "overview-areas", build(doc(SIX).replace("一、总体情况\n内容。", "一、总体情况\n本局做好主动公开工作。"))
    )
    assert [h.args["missing"] for h in hits] == ["依申请公开、政府信息管理、平台建设、监督保障"]


def test_empty_sections() -> None:
    empty = build(doc(SIX).replace("五、存在的主要问题及改进情况\n内容。", "五、存在的主要问题及改进情况\n无。"))
    assert [h.args["number"] for h in run("empty-section", empty, sections=[1, 5])] == ["五"]
    assert run("empty-section", build(doc(SIX)), sections=[1, 5]) == []
