"""Unit tests of the text-versus-table and year-consistency check kinds."""

from checks_support import build, run, table

APPS = r"(?:收到|受理)(?:政府信息公开|信息公开)申请(?:共)?[ \t]*(?P<n>\d+)[ \t]*件"
T3 = {("一", "总计"): 8, ("二", "总计"): 2, ("三.七", "总计"): 9, ("三.六.2", "总计"): 2}


def doc(overview: str, six: str = "无。") -> str:
    return (
        "青禾市文旅局2021年政府信息公开工作年度报告\n一、总体情况\n"
        f"{overview}\n二、主动公开政府信息情况\n表。\n六、其他需要报告的事项\n{six}"
    )


def test_application_count_matches_any_accepted_figure() -> None:
    accept = ["一|总计", "一|总计 + 二|总计", "三.七|总计"]
    for n, ok in ((8, True), (10, True), (9, True), (12, False)):
        r = build(doc(f"全年共收到政府信息公开申请{n}件。"), tables=[table("t3", T3)])
        hits = run("text-vs-table", r, pattern=APPS, table="t3", accept=accept, scope="section:1")
        assert (hits == []) is ok, n
    r = build(doc("全年共收到政府信息公开申请12件。"), tables=[table("t3", T3)])
    hit = run("text-vs-table", r, pattern=APPS, table="t3", accept=accept, scope="section:1")[0]
    assert hit.args["stated"] == "12" and "一[总计] = 8" in hit.args["cells"]


def test_documents_disclosed_on_request_are_not_applications() -> None:
    r = build(doc("共制发文件82件，其中公开发布44件，依申请公开38件。"), tables=[table("t3", T3)])
    assert run("text-vs-table", r, pattern=APPS, table="t3", accept=["一|总计"], scope="section:1") == []


def test_unreliable_table_or_blank_cell_is_not_judged() -> None:
    text = doc("全年共收到政府信息公开申请12件。")
    unreliable = build(text, tables=[table("t3", T3, reliable=False)])
    blank = build(text, tables=[table("t3", {("一", "总计"): None})])
    for r in (unreliable, blank):
        assert run("text-vs-table", r, pattern=APPS, table="t3", accept=["一|总计"], scope="section:1") == []


def test_no_review_statement_against_table_four() -> None:
    pattern = r"(?:未|没有|无)(?:发生|收到)[^。；，]{0,30}?行政复议"
    t4 = table("t4", {("行政复议", "总计"): 2})
    r = build(doc("本年度未发生因政府信息公开引起的行政复议。"), tables=[t4])
    hits = run("statement-vs-table", r, pattern=pattern, table="t4", cells=["行政复议|总计"])
    assert len(hits) == 1 and hits[0].args["cells"] == "行政复议[总计] = 2"
    zero = build(doc("本年度未发生因政府信息公开引起的行政复议。"), tables=[table("t4", {("行政复议", "总计"): 0})])
    assert run("statement-vs-table", zero, pattern=pattern, table="t4", cells=["行政复议|总计"]) == []


def test_fee_statement_against_table_three() -> None:
    pattern = r"未(?:发出|下发)[^。；]{0,8}收费通知"
    contradicting = build(doc("内容。", six="本年度未发出收费通知。"), tables=[table("t3", T3)])
    hits = run("section-vs-cell", contradicting, table="t3", cell="三.六.2|总计", pattern=pattern)
    assert hits and hits[0].args["value"] == "2"
    no_fee_collected = build(doc("内容。", six="本年度未收取信息处理费。"), tables=[table("t3", T3)])
    assert run("section-vs-cell", no_fee_collected, table="t3", cell="三.六.2|总计", pattern=pattern) == []


COUNT = r"\d[ \t]*(?:件|条|次)"
OK = r"上年|去年|同比|较|决算|预算|计划|将"


def test_leftover_year_in_data_sentence() -> None:
    r = build(doc("2020年，我局共主动公开政府信息56条。"))
    hits = run("data-sentence-year", r, count=COUNT, other_year_ok=OK)
    assert [h.args["year"] for h in hits] == ["2020"]


def test_other_years_in_legitimate_contexts_pass() -> None:
    text = doc(
        "2021年，我局共主动公开政府信息56条，较上年增加4条。2020年度部门决算已公开2条。"
        "2022年，我局将继续做好公开工作，计划开展培训3次。"
    )
    assert run("data-sentence-year", build(text), count=COUNT, other_year_ok=OK) == []


def test_comparisons_and_other_years_in_the_clause() -> None:
    accept = ["一|总计", "一|总计 + 二|总计"]
    compared = build(doc("全年共收到政府信息公开申请12件，同比增长20%。"), tables=[table("t3", T3)])
    assert len(run("text-vs-table", compared, pattern=APPS, table="t3", accept=accept, scope="section:1")) == 1
    last_year = build(doc("2020年收到政府信息公开申请12件，今年有所减少。"), tables=[table("t3", T3)])
    assert run("text-vs-table", last_year, pattern=APPS, table="t3", accept=accept, scope="section:1") == []
