"""Unit tests of the date check kinds: period, invalid dates, signing and deadline."""

import pytest
from checks_support import build, run

TITLE = "青禾市文旅局2020年政府信息公开工作年度报告"
BODY = "\n一、总体情况\n内容。\n六、其他需要报告的事项\n无。\n青禾市文旅局\n"


def report(preamble: str, signed: str = "2021年1月20日", title: str = TITLE, **kw: object):
    return build(f"{title}\n{preamble}{BODY}{signed}", year=kw.pop("year", 2020), fmt=kw.pop("fmt", "2019"), **kw)  # type: ignore[arg-type]


def test_period_running_into_next_year_is_reported() -> None:
    r = report("本报告所列数据的统计期限自2020年1月1日至2021年12月31日止。")
    hits = run("statistics-period", r)
    assert len(hits) == 1 and hits[0].args["year"] == 2020
    assert "2021年12月31日" in hits[0].args["period"]


@pytest.mark.parametrize(
    "sentence",
    ["本报告统计期限为2020年1月1日至12月31日。", "统计时限为 2020 年 1 月 1 日起至 2020 年 12 月 31 日止。"],
)
def test_correct_period_passes(sentence: str) -> None:
    assert run("statistics-period", report(sentence)) == []


def test_missing_period_is_noticed() -> None:
    assert len(run("period-stated", report("根据条例编制本报告。"))) == 1
    assert run("period-stated", report("统计期限为2020年1月1日至12月31日。")) == []


def test_malformed_dates() -> None:
    r = report("截止至20201231日，累计公开68条。按照计划，78日召开会议。检查结束7日内录入。20日内发布。")
    found = [h.args["date"] for h in run("invalid-dates", r, problem="malformed")]
    assert found == ["20201231日", "78日"]


def test_impossible_dates() -> None:
    r = report("2021年2月30日召开会议，2020年2月29日发布通知，12月31日完成。")
    assert [h.args["date"] for h in run("invalid-dates", r, problem="impossible")] == ["2021年2月30日"]


def test_signed_before_period_end() -> None:
    hits = run("dated-before-period-end", report("", signed="2020年1月4日"))
    assert [h.args["date"] for h in hits] == ["2020年1月4日"]
    assert run("dated-before-period-end", report("", signed="2021年1月4日")) == []


@pytest.mark.parametrize(
    ("title", "published", "options", "late"),
    [
        ("青禾市文旅局2020年政府信息公开工作年度报告", "2021-01-31", {}, False),  # inclusive by default
        ("青禾市文旅局2020年政府信息公开工作年度报告", "2021-01-31", {"deadline_inclusive": False}, True),
        ("青禾市文旅局2020年政府信息公开工作年度报告", "2021-02-01", {}, True),
        ("青禾市人民政府2020年政府信息公开工作年度报告", "2021-03-20", {}, False),
        ("青禾市人民政府办公室2020年政府信息公开工作年度报告", "2021-03-31", {}, False),
        ("青禾市人民政府2020年政府信息公开工作年度报告", "2021-04-01", {}, True),
        ("青禾市文旅局2020年政府信息公开工作年度报告", "2021-03-01", {"agency_type": "人民政府"}, True),  # 局: 部门
        ("青禾综合实验区2020年政府信息公开工作年度报告", "2021-02-20", {"agency_type": "部门"}, True),
        ("青禾综合实验区2020年政府信息公开工作年度报告", "2021-02-20", {}, False),  # unknown type: later date
    ],
)
def test_publication_deadline(title: str, published: str, options: dict, late: bool) -> None:
    r = report(f"发布时间：{published}\n", title=title, signed="")
    hits = run("publication-deadline", r, options=options)
    assert bool(hits) is late


def test_pre_2019_deadline_is_31_march_for_everyone() -> None:
    title = "青禾市文旅局2018年政府信息公开工作年度报告"
    ok = build(f"{title}\n发布时间：2019-03-30\n一、概述\n内容。", year=2018, fmt="2008")
    late = build(f"{title}\n发布时间：2019-04-02\n一、概述\n内容。", year=2018, fmt="2008")
    assert run("publication-deadline", ok) == []
    assert run("publication-deadline", late)[0].args["deadline"] == "2019年3月31日"


def test_signature_date_used_when_no_publication_date() -> None:
    hits = run("publication-deadline", report("", signed="2021年2月3日"))
    assert hits and hits[0].args["role"] == "落款日期" and hits[0].args["days"] == 3


DURATIONS = ["历时45日完成", "为期60日", "办理时间为45日", "用时 35 日", "平均 40 日", "45日内"]


@pytest.mark.parametrize("duration", DURATIONS)
def test_durations_in_days_are_not_malformed_dates(duration: str) -> None:
    assert run("invalid-dates", report(f"{duration}。"), problem="malformed") == []
