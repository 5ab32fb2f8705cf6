"""Property tests: whatever the input, parsing never raises and positions stay inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govlint.model import Span
from govlint.parsing import parse_bytes, parse_text

# Text made of the pieces reports are made of, so the generator reaches the interesting paths.
_PIECES = st.sampled_from(
    [
        "一、总体情况", "二、主动公开政府信息情况", "（一）予以公开", "1.属于国家秘密", "（1）", "三、", "## ",
        "第二十条第（一）项", "\t", "0", "12", " 3 4 5", "|", "|---|", "2021年1月1日至2021年12月31日",
        "2月30日", "20201231日", "地址：", "电话：0951—3050375", "〔2021〕30号", "国办公开办函202130 号",
        "- 1 -", "发布时间:", "标题: ", "年度报告", "\n", "\n\n", "\r\n", "\u3000", "。", "**", "#",
        "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理", "青禾市文化和旅游局",
    ]
)  # fmt: skip
_REPORTISH = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _inside(span: Span | None, length: int) -> bool:
    return span is None or 0 <= span.start.offset <= span.end.offset <= length


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_REPORTISH)
def test_parse_text_never_raises(text: str) -> None:
    report = parse_text(text)
    length = len(report.text)
    for heading in report.headings:
        assert _inside(heading.span, length)
        assert report.text[heading.span.start.offset : heading.span.end.offset] == heading.raw
    for date in report.dates:
        assert _inside(date.span, length)
        assert report.text[date.span.start.offset : date.span.end.offset] == date.raw
    for field in [*report.contact.phones, *report.notices]:
        assert report.text[field.span.start.offset : field.span.end.offset] == field.raw


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_text(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    report = parse_bytes(data)
    assert isinstance(report.diagnostics, list)
