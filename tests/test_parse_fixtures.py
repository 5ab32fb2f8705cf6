"""The parser on invented reports, one per layout, with exact positions.

Positions are checked two ways: against hand-counted numbers for a few anchors, and against the
place where the expected text actually sits in the file (``where``), so a shift by one column or
line anywhere fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.model import Report, Span
from govlint.parsing import parse_file, parse_text
from govlint.serialize import period_dict

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"


def load(name: str) -> tuple[Report, str]:
    path = FIXTURES / name
    return parse_file(path), path.read_text(encoding="utf-8")


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def at(span: Span) -> tuple[int, int]:
    return span.start.line, span.start.column


def ordinals(report: Report) -> list[int]:
    return [s.ordinal for s in report.sections]


def test_tabs_layout_v2021() -> None:
    report, text = load("v2021_tabs.txt")
    assert report.title is not None and report.title.value == "青禾市文化和旅游局2022年政府信息公开工作年度报告"
    assert at(report.title.span) == (1, 1)
    assert report.agency is not None and report.agency.value == "青禾市文化和旅游局"
    assert (report.year, report.year_source, report.format) == (2022, "title", "2021")
    assert ordinals(report) == [1, 2, 3, 4, 5, 6]
    assert [s.title for s in report.sections[0].subsections] == [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "平台建设",
        "监督保障",
    ]
    assert at(report.sections[0].heading.span) == (5, 1)
    assert at(report.sections[3].heading.span) == where(text, "四、政府信息公开行政复议")
    # the period and each of its dates, exactly where they are written
    period = report.period
    assert period is not None and period_dict(period)["start"] == "2022-01-01"
    assert at(period.span) == where(text, "2022年1月1日起至")
    assert period.end is not None and at(period.end.span) == where(text, "2022年12月31日止")
    assert period.end.span.end.column - period.end.span.start.column == len("2022年12月31日")
    # contact: the em dash in the phone number is kept as written
    contact = report.contact
    assert contact.address is not None and contact.address.value == "青禾市和平路88号"
    assert at(contact.address.span) == where(text, "青禾市和平路88号")
    assert [p.raw for p in contact.phones] == ["0931—8123456"]
    assert at(contact.phones[0].span) == (3, 183)
    assert [f.raw for f in contact.faxes] == ["0931-8123457"]
    assert contact.postcode is not None and contact.postcode.value == "730010"
    assert [e.value for e in contact.emails] == ["gk@qinghe-wl.example.gov.cn"]
    assert [n.value for n in report.notices] == ["国办公开办函〔2021〕30号"]
    # signature block at the end
    assert report.signature_date is not None and report.signature_date.raw == "2023年1月18日"
    assert at(report.signature_date.span) == (93, 1)
    assert report.signature_date.role == "signature"
    assert [f.value for f in report.signature] == ["青禾市文化和旅游局", "2023年1月18日"]
    # table rows are table rows, and 一、本年新收… inside the table is not a heading
    kinds = {line.number: line.kind for line in report.lines}
    assert kinds[where(text, "一、本年新收政府信息公开申请数量")[0]] == "table_row"
    assert kinds[where(text, "第二十条第（一）项")[0]] == "table_row"
    assert not any("本年新收" in h.title for h in report.headings)
    assert report.diagnostics == []


def test_cell_per_line_v2019_with_page_chrome_and_malformed_dates() -> None:
    report, text = load("v2019_cell_per_line.txt")
    assert (report.year, report.format) == (2020, "2019")
    assert report.agency is not None and report.agency.value == "云岭县自然资源局"
    assert ordinals(report) == [1, 2, 3, 4, 5, 6]
    # 1. headings directly under 一、 nest one level down
    assert [s.number for s in report.sections[0].subsections] == ["1", "2"]
    assert report.sections[0].subsections[0].heading.level == 3
    # 发布时间 line: crawl metadata, and the publication date
    assert report.lines[1].kind == "meta"
    assert report.publication_date is not None and at(report.publication_date.span) == (2, 6)
    # the period is not stated in this report
    assert report.period is None
    malformed = [(d.raw, d.problem, at(d.span)) for d in report.dates if not d.valid]
    assert malformed == [
        ("20201231日", "malformed", where(text, "20201231日")),
        ("20211月5日", "malformed", where(text, "20211月5日")),
    ]
    # labels of 表三 written one per line stay table rows
    for label in ("一、本年新收政府信息公开申请数量", "三、本年度办理结果", "(一)予以公开", "四、结转下年度继续办理"):
        line = where(text, label)[0]
        assert report.lines[line - 1].kind == "table_row", label
    # download leftovers at the end are page chrome
    assert report.lines[where(text, "年度报告.pdf")[0] - 1].kind == "chrome"
    assert report.lines[where(text, "政府信息公开年报", 0)[0] - 1].kind == "chrome"
    assert [h.title for h in report.sections[4].subsections] == ["主要问题", "改进措施"]
    assert report.sections[4].subsections[0].heading.style == "halfwidth"


def test_markdown_pipe_layout() -> None:
    report, text = load("v2021_markdown_pipe.md")
    assert report.title is not None and at(report.title.span) == (1, 3)  # after "# "
    assert report.agency is not None and report.agency.value == "东澜市交通运输局"
    assert ordinals(report) == [1, 2, 3, 4, 5, 6]
    assert report.sections[0].heading.style == "markdown"
    assert report.sections[5].heading.style == "fullwidth"
    # "### 三是提高解读效能。" is a markdown heading but not a numbered one
    subs = report.sections[0].subsections
    assert [s.number for s in subs] == ["一", "二", "三", "四", "五"]
    assert subs[0].heading.style == "halfwidth"
    # an inline heading: the title ends at the full stop, the rest is body text
    assert subs[2].title == "政府信息管理" and subs[2].heading.raw == "（三）政府信息管理。"
    assert subs[2].paragraphs[0].text == "我局动态调整主动公开目录。"
    assert at(subs[2].paragraphs[0].span) == where(text, "我局动态调整")
    # the dated line under the title and the signature at the end
    assert report.signature_date is not None and at(report.signature_date.span) == (106, 1)
    dateline = next(d for d in report.dates if d.span.start.line == 4)
    assert dateline.raw == "2024年1月22日" and dateline.role == "other"
    # markdown headings that are table labels are rows, not sections
    assert not any("本年新收" in h.title or h.title == "予以公开" for h in report.headings)


def test_pdf_text_layout_split_title_wrapped_lines_and_footers() -> None:
    report, text = load("v2021_pdf_spaces.txt")
    title = report.title
    assert title is not None and title.value == "南屿市人民政府2024年政府信息公开工作年度报告"
    assert (title.span.start.line, title.span.end.line) == (1, 2)
    assert report.agency is not None and report.agency.value == "南屿市人民政府"
    assert at(report.agency.span) == (1, 1)
    assert ordinals(report) == [1, 2, 3, 4, 5, 6]
    assert [s.title for s in report.sections[0].subsections][:2] == ["主动公开情况", "依申请公开情况"]
    # page footers are chrome; the paragraph wrapped across lines is one paragraph
    assert report.lines[where(text, "- 1 -")[0] - 1].kind == "chrome"
    first_sub = report.sections[0].subsections[0]
    assert first_sub.paragraphs[0].text.startswith("全年新增公开市政府规章 1 件、行政规\n范性文件")
    # the address wraps onto the next line: its value joins the two parts, the span covers both
    address = report.contact.address
    assert address is not None and address.value == "南屿市滨海大道9号"
    assert (address.span.start.line, address.span.end.line) == (6, 7)
    assert [e.value for e in report.contact.emails] == ["nygk@nanyu.example.gov.cn"]
    # vertical header text inside 表三 ("三、" alone, one character per line) is not a heading
    lone = where(text, "三、\n")[0]
    assert report.lines[lone - 1].kind == "table_row"
    assert [n.raw for n in report.notices] == ["国令第 711 号"]
    assert report.period is not None and at(report.period.span) == (5, 13)


def test_flattened_body() -> None:
    report, text = load("v2021_flattened.txt")
    assert [d.code for d in report.diagnostics][:1] == ["flattened"]
    assert report.title is not None and report.title.value == "北岸区人民政府2022年度政府信息公开工作年度报告"
    assert at(report.title.span) == (1, 5)
    assert (report.year, report.format) == (2022, "2021")
    assert ordinals(report) == [1, 2, 3, 4, 5, 6]
    for section in report.sections:
        assert at(section.heading.span) == where(text, section.heading.raw)
    # 一、本年新收… inside the run-together table is not taken for a heading
    assert [s.title for s in report.sections][2] == "收到和处理政府信息公开申请情况"
    assert [s.title for s in report.sections[0].subsections] == [
        "主动公开方面", "依申请公开方面", "政府信息管理方面", "平台建设方面", "监督保障方面",
    ]  # fmt: skip
    assert report.publication_date is not None and report.publication_date.raw == "2023-01-30"
    assert report.lines[2].kind == "meta"
    assert report.contact.postcode is not None and report.contact.postcode.value == "110011"


def test_pre_2019_report_with_statistics_table() -> None:
    report, text = load("v2008_stat_table.txt")
    assert (report.year, report.format) == (2017, "2008")
    assert ordinals(report) == [1, 2, 3, 4, 5, 6, 7]
    assert report.sections[3].title == "政府信息公开的收费及减免情况"
    # 统计表 rows "一、主动公开情况" etc. follow section 七: table rows, not new sections
    assert report.lines[where(text, "一、主动公开情况")[0] - 1].kind == "table_row"
    assert [s.number for s in report.sections[5].subsections] == ["1", "2"]
    assert report.sections[5].subsections[0].heading.level == 4
    assert any(e.startswith("text:2008:") for e in report.format_evidence)
    assert [n.value for n in report.notices] == ["国务院令第492号"]


def test_truncated_report() -> None:
    report, _ = load("broken_truncated.txt")
    assert ordinals(report) == [1, 2, 3]
    assert report.signature_date is None
    assert report.sections[-1].span is not None
    assert (report.sections[-1].span.end.line, report.sections[-1].span.end.column) == (59, 11)


def test_missing_sections_empty_address_and_impossible_period() -> None:
    report, text = load("broken_missing_sections.txt")
    assert ordinals(report) == [1, 2, 4, 6, 7]
    assert report.title is not None and (report.title.span.start.line, report.title.span.end.line) == (3, 5)
    assert report.agency is not None and report.agency.value == "松川县市场监督管理局"
    period = report.period
    assert period is not None and period.end is not None
    assert (period.end.valid, period.end.problem) == (False, "impossible")
    assert period_dict(period)["end"] is None
    address = report.contact.address
    line, column = where(text, "地址：；")
    assert address is not None and address.value == "" and at(address.span) == (line, column + 3)
    assert report.contact.postcode is not None and report.contact.postcode.value == "15060"
    # 下载() with nothing between the brackets: an empty website, kept for the rules
    assert [(w.value, w.raw, at(w.span)) for w in report.contact.websites] == [("", "()", where(text, "()"))]
    assert [p.raw for p in report.contact.phones] == ["0451—57123456"]
    assert [n.raw for n in report.notices] == ["松办函〔2021〕12）号"]
    # vertical header text in 表四 stays in the table
    assert report.lines[where(text, "果 维 持")[0] - 1].kind == "table_row"
    assert report.signature_date is not None and report.signature_date.raw == "2022年1月4日"


def test_blank_cells_do_not_disturb_structure() -> None:
    report, _ = load("broken_blank_cells.txt")
    assert ordinals(report) == [1, 2, 3, 4, 5, 6]
    assert report.agency is not None and report.agency.value == "云岭县教育体育局"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国办公开办函202130 号", "国办公开办函202130 号"),
        ("依据（攀办函〔2020〕34）号文件", "攀办函〔2020〕34）号"),
        ("按照裕政〔201510号要求", "裕政〔201510号"),
        ("印发的通知国办发[2019]3号", "国办发[2019]3号"),
        ("《条例》（国务院令第711号）", "国务院令第711号"),
    ],
)
def test_document_numbers_including_malformed(text: str, expected: str) -> None:
    report = parse_text(f"某局2021年政府信息公开工作年度报告\n\n{text}\n")
    assert [n.raw for n in report.notices] == [expected]
    notice = report.notices[0]
    assert at(notice.span) == (3, text.index(expected) + 1)


@pytest.mark.parametrize(
    ("written", "valid", "problem"),
    [
        ("2021年2月30日", False, "impossible"),
        ("2021年13月1日", False, "impossible"),
        ("2020年2月29日", True, None),
        ("2021年2月29日", False, "impossible"),
        ("截止至20201231日", False, "malformed"),
        ("于2020年78日", False, "malformed"),
        ("按计划,78日", False, "malformed"),
        ("2021年1月5日", True, None),
        ("2021-01-05", True, None),
    ],
)
def test_dates(written: str, valid: bool, problem: str | None) -> None:
    report = parse_text(f"标题行\n\n一、总体情况\n\n工作于{written}完成。\n")
    assert len(report.dates) == 1
    date = report.dates[0]
    assert (date.valid, date.problem) == (valid, problem)
    assert date.span.start.line == 5


def test_heading_sequence_and_ideographic_spaces() -> None:
    text = "\u3000\u3000一、总体情况\n\u3000\u3000（一）主动公开\n正文。\n二、主动公开政府信息情况\n"
    report = parse_text(text)
    assert [s.title for s in report.sections] == ["总体情况", "主动公开政府信息情况"]
    assert at(report.sections[0].heading.span) == (1, 3)
    assert at(report.sections[0].subsections[0].heading.span) == (2, 3)


def test_grammar_recovers_from_tokens_out_of_place() -> None:
    from lark import Token

    from govlint.parsing.grammar import parse_tokens

    def tok(kind: str, line: int) -> Token:
        return Token(kind, f"{kind}-{line}", start_pos=line * 10, line=line, column=1)

    # a title after a section, and a signature name that is never followed by its date
    stream = [tok("H1", 1), tok("TEXT", 2), tok("TITLE", 3), tok("H2", 4), tok("TEXT", 5), tok("SIGN_NAME", 6)]
    tree, skipped = parse_tokens(stream)
    assert skipped == []
    section = next(t for t in tree.children if getattr(t, "data", None) == "section1")
    texts = [str(t) for t in section.scan_values(lambda v: isinstance(v, Token) and v.type == "TEXT")]
    assert texts == ["TEXT-2", "TITLE-3", "TEXT-5", "SIGN_NAME-6"]


def test_year_falls_back_to_period_then_body() -> None:
    report = parse_text("年度报告\n\n本报告统计期限为2021年1月1日至2021年12月31日。\n\n一、总体情况\n")
    assert (report.year, report.year_source) == (2021, "period")
    report = parse_text("一、总体情况\n\n2022年全年公开信息。2022年还开展培训，2021年未开展。\n")
    assert (report.year, report.year_source, report.format) == (2022, "body", "2021")
    assert report.title is None


def test_web_page_chrome_around_the_report() -> None:
    text = (
        "当前位置：首页 > 政务公开 > 年报\n索引号：11410/2021-00012\n\n"
        "青禾县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n扫一扫在手机打开当前页\n"
    )
    report = parse_text(text)
    assert report.title is not None and at(report.title.span) == (4, 1)
    assert [line.kind for line in report.lines] == [
        "meta", "meta", "blank", "title", "blank", "heading", "blank", "paragraph", "blank", "chrome",
    ]  # fmt: skip


def test_day_counts_are_not_dates() -> None:
    report = parse_text("一、总体情况\n\n在形成或更新 20 日内及时发布，30日内答复，第15日完成，历时45日，为期60日。\n")
    assert report.dates == []


def test_dense_cell_per_line_layout_with_empty_lines_as_empty_cells() -> None:
    report, text = load("v2019_dense_cells.txt")
    assert report.title is not None and at(report.title.span) == (1, 1)
    assert report.agency is not None and report.agency.value == "青禾市人民政府办公室"
    assert report.publication_date is not None and report.publication_date.raw == "2021-01-29"
    assert period_dict(report.period)["end"] == "2020-12-31"  # type: ignore[index]
    assert [s.ordinal for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.title for s in report.sections[4].subsections] == ["主要问题", "改进措施"]
    kinds = [line.kind for line in report.lines]
    first, last = where(text, "（本列数据")[0], where(text, "四、政府信息公开行政复议")[0] - 1
    assert set(kinds[first - 1 : last]) == {"table_row", "blank"}
    assert kinds[where(text, "三、本年度办理结果")[0] - 1] == "table_row"


def test_grammar_feeds_runs_of_text_once() -> None:
    """Only the first TEXT or TABLE of a run is fed to the parser; the tree and the skipped tokens are
    those of feeding every token."""
    from lark import Token
    from lark.exceptions import UnexpectedInput

    from govlint.parsing.grammar import parse_tokens, report_parser

    def tok(kind: str, line: int) -> Token:
        return Token(kind, f"{kind}-{line}", start_pos=line * 10, line=line, column=1)

    def every_token(stream: list[Token]) -> tuple[object, list[Token]]:
        interactive = report_parser().parse_interactive([])
        skipped = []
        for token in stream:
            try:
                interactive.feed_token(token)
            except UnexpectedInput:
                try:
                    interactive.feed_token(Token.new_borrow_pos("TEXT", token.value, token))
                except UnexpectedInput:
                    skipped.append(token)
        return interactive.feed_eof(), skipped

    kinds = ["TITLE", "TEXT", "TEXT", "TABLE", "TEXT", "H1", "TEXT", "TEXT", "TEXT", "TITLE", "TEXT", "H2"]
    kinds += ["TEXT", "TABLE", "TEXT", "TEXT", "H1", "TEXT", "SIGN_NAME", "SIGN_DATE", "TEXT", "TABLE"]
    stream = [tok(kind, line) for line, kind in enumerate(kinds, 1)]
    tree, skipped = parse_tokens(stream)
    expected_tree, expected_skipped = every_token(stream)
    assert [str(t) for t in skipped] == ["TEXT-21", "TABLE-22"]
    assert (tree, skipped) == (expected_tree, expected_skipped)
    assert [(t.type, str(t)) for t in tree.scan_values(lambda v: True)] == [
        (t.type, str(t))
        for t in expected_tree.scan_values(lambda v: True)  # type: ignore[attr-defined]
    ]
