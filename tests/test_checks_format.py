"""Unit tests of the format-version check kinds."""

from checks_support import build, table


def test_2021_report_with_2019_tables() -> None:
    from checks_support import run

    t2 = table("t2", {("规章", "本年新制作数量"): 0}, template="2019")
    r = build("青禾市文旅局2022年政府信息公开工作年度报告\n一、总体情况", year=2022, fmt="2021", tables=[t2])
    hits = run("format-used", r, forbidden=["2019"])
    assert len(hits) == 1 and hits[0].args["tables"] == "表二"
    current = table("t2", {("规章", "本年制发件数"): 0}, template="2021")
    r_ok = build("青禾市文旅局2022年政府信息公开工作年度报告\n一、总体情况", year=2022, tables=[current])
    assert run("format-used", r_ok, forbidden=["2019"]) == []


def test_statistics_table_in_a_2019_plus_report() -> None:
    from checks_support import run

    stat = table("stat", {("收到申请数", "统计数"): 3}, template="2008")
    r = build("云岭县人民政府2020年政府信息公开工作年度报告\n一、概述", year=2020, fmt="2008", tables=[stat])
    assert run("format-used", r, forbidden=["2008"])[0].args["tables"] == "统计表"


def test_mixed_templates() -> None:
    from checks_support import run

    t2 = table("t2", {("规章", "本年制发件数"): 0}, template="2021")
    t3 = table("t3", {("三.六", "总计"): 0}, template="2019")
    r = build("青禾市文旅局2021年政府信息公开工作年度报告\n一、总体情况", tables=[t2, t3])
    hits = run("mixed-format", r)
    assert len(hits) == 1 and hits[0].args["versions"] == "2019、2021"
    assert run("mixed-format", build("x", tables=[t2])) == []
