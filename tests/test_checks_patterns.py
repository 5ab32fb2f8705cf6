"""Unit tests of the generic pattern-present / pattern-absent check kinds and their scopes."""

from checks_support import build, run

TEXT = (
    "青禾市文旅局2021年政府信息公开 公开工作年度报告\n前言：（国办公开办函【2021】30号）\n"
    "一、总体情况\n内容。\n六、其他需要报告的事项\n无。"
)


def test_absent_reports_each_match_with_exact_position() -> None:
    r = build(TEXT)
    hits = run("pattern-absent", r, pattern=r"(?<=\p{Han})[【\[](?P<year>\d{4})[】\]]\d+号")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.args["year"] == "2021" and hit.args["match"] == "【2021】30号"
    assert hit.span is not None and (hit.span.line, hit.span.column) == (2, 11)


def test_title_scope_only_sees_the_title() -> None:
    r = build(TEXT)
    assert len(run("pattern-absent", r, pattern=r"公开[ \t]*公开", scope="title")) == 1
    assert run("pattern-absent", r, pattern=r"国办", scope="title") == []


def test_line_broken_inside_a_word_still_matches() -> None:
    r = build("青禾市2021年政府信息公开工作年度报告\n请联系（电\n子邮箱：a@b.cn）\n一、总体情况")
    hits = run("pattern-absent", r, pattern=r"电子邮箱")
    assert len(hits) == 1 and hits[0].span is not None
    assert (hits[0].span.start.line, hits[0].span.end.line) == (2, 3)


def test_present_in_a_section_scope() -> None:
    r = build(TEXT)
    hits = run("pattern-present", r, pattern="信息处理费", scope="section:6")
    assert len(hits) == 1 and hits[0].span is not None and hits[0].span.line == 5
    ok = build(TEXT.replace("无。", "本年度未收取信息处理费。"))
    assert run("pattern-present", ok, pattern="信息处理费", scope="section:6") == []


def test_missing_scope_is_skipped_unless_asked() -> None:
    r = build("一、总体情况\n内容。")
    assert run("pattern-present", r, pattern="x", scope="section:6") == []
    assert len(run("pattern-present", r, pattern="x", scope="section:6", if_missing_scope="report")) == 1


def test_unless_skips_matches_in_excused_sentences() -> None:
    r = build("青禾市2021年政府信息公开工作年度报告\n引用国务院令第492号。历史沿革：原国务院令第492号已废止。")
    hits = run("pattern-absent", r, pattern=r"国务院令第492号", unless="已废止")
    assert len(hits) == 1


def test_prefilter_skips_the_pattern_where_it_does_not_occur() -> None:
    r = build(TEXT)
    pattern = r"【\d{4}】\d+号"
    assert len(run("pattern-absent", r, pattern=pattern, prefilter=r"\d号")) == 1
    # the prefilter is the rule author's promise that every match holds it: where it is absent the
    # pattern is not even tried
    assert run("pattern-absent", r, pattern=pattern, prefilter="信息处理费") == []
    # several prefilters: the pattern is tried where any of them occurs
    assert len(run("pattern-absent", r, pattern=pattern, prefilter=["信息处理费", r"\d号"])) == 1
    assert run("pattern-absent", r, pattern=pattern, prefilter=["信息处理费", "收费"]) == []
