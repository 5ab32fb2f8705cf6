"""extract_tables never raises, whatever the text (table-like fragments shuffled and damaged)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.model import Report
from govlint.tables import extract_tables
from govlint.tables.text import report_lines

PIECES = [
    "第二十条第（一）项",
    "第二十条第(九)项",
    "信息内容",
    "本年制发件数",
    "本年新",
    "规章",
    "行政规范性文件",
    "行政许可",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "总计",
    "一、本年新收政府信息公开申请数量",
    "三、本年度办理结果",
    "（三）不予公开",
    "1.属于国家秘密",
    "4.护第三方合法权益",
    "（六）其他处理",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议",
    "结果维持",
    "统计指标",
    "单位",
    "统计数",
    "<table><tr><td>",
    "</td></tr></table>",
    "0",
    "12",
    "-3",
    "4.5",
    "/",
    "—",
    "无",
    "元",
    "- 3 -",
    "",
]
SEPARATORS = ["\t", " ", "|", "\n", "\n\n", "", "###"]

tokens = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(SEPARATORS), st.text(max_size=5)), max_size=120)


@settings(max_examples=150, deadline=None)
@given(tokens, st.sampled_from([None, 2018, 2020, 2023]))
def test_extract_tables_never_raises(parts: list[str], year: int | None) -> None:
    report = Report(path="<fuzz>", text="".join(parts), year=year)
    report.lines = report_lines(report)
    for table in extract_tables(report):
        for cell in table.cells.values():
            assert cell.kind in ("number", "blank", "text")
            assert cell.kind != "number" or cell.value is not None
            assert cell.kind == "number" or cell.value is None
