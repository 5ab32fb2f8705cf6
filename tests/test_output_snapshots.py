"""Snapshot tests: every output format renders the same fixed findings to exactly the text stored in
tests/snapshots/<name>. After an intended change to a format, regenerate the snapshots with

    GOVLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_output_snapshots.py

and review the diff before committing it.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from govlint import __version__
from govlint.findings import Finding
from govlint.lint import FileResult
from govlint.model import Position, Span
from govlint.output import FORMATS, OutputContext, RuleInfo, Summary, get_writer
from govlint.output.concise import CONCISE_PATTERN
from govlint.output.statistics import write_statistics

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = bool(os.environ.get("GOVLINT_UPDATE_SNAPSHOTS"))

LINE_TITLE = "青禾市文旅局2023年政府信息公开工作年度报告"
LINE_TABLE = "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4"
LINE_CONTACT = "联系电话：0931—8123456，传真:0931-8123457"


def span(line: int, col: int, end_line: int, end_col: int) -> Span:
    return Span(Position(line, col, 0), Position(end_line, end_col, 0))


RULES = (
    RuleInfo(
        "GL101",
        "missing-section",
        "error",
        {"zh": "缺少规定的部分", "en": "A required section is missing"},
        "《条例》第五十条规定了年度报告的内容。",
        "《中华人民共和国政府信息公开条例》第五十条",
    ),
    RuleInfo(
        "GL301",
        "phone-dash",
        "warning",
        {"zh": "电话号码用了破折号", "en": "Phone number uses a dash"},
        examples=(("bad", "电话：0931—8123456"), ("good", "电话：0931-8123456")),
    ),
    RuleInfo("GL501", "t3-balance", "error", {"zh": "表三不平衡", "en": "Table 3 does not balance"}),
    RuleInfo("GL701", "title-form", "info", {"zh": "标题格式", "en": "Title form"}),
)


def results() -> list[FileResult]:
    a = "reports/青禾市文旅局.txt"
    b = "reports/yunling.md"
    return [
        FileResult(
            path=a,
            findings=[
                Finding(
                    a,
                    "GL701",
                    "title-form",
                    "info",
                    span(1, 7, 1, 12),
                    {"zh": "标题中的年份与统计期限不一致。", "en": "The title year differs from the period."},
                    "2023年",
                ),
                Finding(
                    a,
                    "GL301",
                    "phone-dash",
                    "warning",
                    span(3, 6, 3, 18),
                    {
                        "zh": "电话号码“0931—8123456”中的连接号应为“-”：改为0931-8123456。",
                        "en": "Phone \"0931—8123456\": use '-', e.g. 0931-8123456, not a dash; 100% sure.",
                    },
                    "0931—8123456",
                ),
                Finding(
                    a,
                    "GL501",
                    "t3-balance",
                    "error",
                    span(7, 1, 9, 4),
                    {
                        "zh": "表三第一列：一(3) + 二(1) = 4，但三.七(3) + 四(0) = 3。\n请核对数字。",
                        "en": "Table 3, column 1: 一(3) + 二(1) = 4, but 三.七(3) + 四(0) = 3.\nCheck the numbers.",
                    },
                    "一 + 二 == 三.七 + 四",
                ),
            ],
            source_lines={1: LINE_TITLE, 3: LINE_CONTACT, 7: LINE_TABLE},
        ),
        FileResult(
            path=b,
            findings=[
                Finding(
                    b,
                    "GL101",
                    "missing-section",
                    "error",
                    span(1, 1, 1, 1),
                    {
                        "zh": "缺少第六部分“其他需要报告的事项”：请按年度报告格式补上该部分。",
                        "en": "Section 6 is missing: add it as the official format requires.",
                    },
                    "",
                ),
            ],
            source_lines={1: "# 云岭县人民政府2022年政府信息公开工作年度报告"},
        ),
        FileResult(path="reports/clean.txt"),
    ]


def render(fmt: str, lang: str = "zh", rendered: list[FileResult] | None = None, color: bool = False) -> str:
    stream = io.StringIO()
    writer = get_writer(fmt, stream, OutputContext(lang=lang, color=color, rules=RULES))
    summary = Summary()
    for result in results() if rendered is None else rendered:
        summary.add(result)
        writer.file(result)
    writer.finish(summary)
    return stream.getvalue().replace(__version__, "<VERSION>")


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing snapshot {name}: run with GOVLINT_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


CASES = [(fmt, lang) for fmt in FORMATS for lang in ("zh", "en")]


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_format_snapshot(fmt: str, lang: str) -> None:
    ext = {"json": "json", "sarif": "sarif.json", "json-lines": "jsonl"}.get(fmt, "txt")
    check_snapshot(f"{fmt}.{lang}.{ext}", render(fmt, lang))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_clean_run_snapshot(fmt: str) -> None:
    ext = {"json": "json", "sarif": "sarif.json", "json-lines": "jsonl"}.get(fmt, "txt")
    check_snapshot(f"{fmt}.clean.{ext}", render(fmt, "en", [FileResult(path="reports/clean.txt")]))


def test_full_colour_snapshot() -> None:
    check_snapshot("full.color.txt", render("full", "zh", results()[1:2], color=True))


def test_statistics_snapshot() -> None:
    stream = io.StringIO()
    summary = Summary()
    for result in results():
        summary.add(result)
    summary.baselined = 2
    write_statistics(stream, summary, "concise")
    check_snapshot("statistics.txt", stream.getvalue())


def test_full_carets_align_by_display_width() -> None:
    lines = render("full").splitlines()
    source_row = next(i for i, line in enumerate(lines) if LINE_CONTACT in line)
    source, carets = lines[source_row], lines[source_row + 1]
    prefix = source[: source.index(LINE_CONTACT)]
    # "联系电话：" is five wide characters = ten cells before the span; the span is 12 characters,
    # one of them (the dash "—", East Asian ambiguous) one cell wide.
    assert carets == " " * (len(prefix) - 2) + "| " + " " * 10 + "^" * 12


def test_concise_lines_match_the_documented_pattern() -> None:
    pattern = re.compile(CONCISE_PATTERN)
    lines = render("concise").splitlines()
    assert len(lines) == 4
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed)
    first = parsed[0]
    assert first is not None
    assert first.group(1, 2, 3, 4) == (
        "reports/青禾市文旅局.txt",
        "1",
        "7",
        "GL701",
    )


def test_json_schema_fields() -> None:
    document = json.loads(render("json"))
    assert document["schema_version"] == 1
    required = {"path", "code", "name", "severity", "line", "column", "end_line", "end_column", "message"}
    assert all(required <= set(f) for f in document["findings"])
    assert document["summary"]["findings"] == 4
    for line in render("json-lines").splitlines():
        assert required | {"schema_version"} <= set(json.loads(line))


def test_sarif_structure() -> None:
    sarif = json.loads(render("sarif"))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert {"name", "version", "informationUri", "rules"} <= set(driver)
    ids = [r["id"] for r in driver["rules"]]
    for rule in driver["rules"]:
        assert {"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"} <= set(rule)
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        region = location["region"]
        assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "reports/%E9%9D%92%E7%A6%BE%E5%B8%82%E6%96%87%E6%97%85%E5%B1%80.txt" in uris


def test_github_escapes_properties_and_data() -> None:
    text = render("github", "en")
    phone = next(line for line in text.splitlines() if "GL301" in line)
    assert phone.startswith("::warning file=reports/青禾市文旅局.txt,line=3,col=6,endLine=3,endColumn=18,")
    assert "100%25 sure" in phone
    balance = next(line for line in text.splitlines() if "GL501" in line)
    assert "endColumn" not in balance  # a multi-line span: GitHub rejects endColumn
    assert "%0A" in balance and "\n" not in balance
    assert "::notice " in text


def test_full_cuts_long_lines_around_the_span() -> None:
    from govlint.output.full import MAX_CELLS, caret_line, display_width, excerpt

    target = "传真：0951—3050375"
    line = "根据有关规定编制本报告，" * 30 + target + "；电子邮箱：office@example.cn。" * 10
    column = line.index(target) + 1
    shown, first, last = excerpt(line, column, column + len(target))
    assert shown.startswith("…") and shown.endswith("…")
    assert display_width(shown) <= MAX_CELLS
    assert shown[first - 1 : last - 1] == target
    before, width = caret_line(shown, first, last)
    assert (before, width) == (display_width(shown[: first - 1]), display_width(target))
    # A short line is shown whole.
    assert excerpt("短行", 1, 2) == ("短行", 1, 2)
    # A span running past the cut ends at the cut.
    shown, first, last = excerpt(line, 1, None)
    assert first == 1 and last == len(shown)
