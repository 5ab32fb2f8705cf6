"""Audit outputs: every finding in the HTML (escaped, linked, no network), CSV and JSON round trips."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govlint.batch.audit import Audit
from govlint.batch.runner import FileOutcome
from govlint.batch.summary import ReportSummary
from govlint.batch.writers import CSV_COLUMNS, print_summary, write_report, writer_for
from govlint.findings import Finding
from govlint.model import Position, Span


def finding(path: str, line: int, code: str, severity: str, zh: str) -> Finding:
    span = Span(Position(line, 3, line * 40 + 2), Position(line, 9, line * 40 + 8))
    return Finding(path, code, f"rule-{code.lower()}", severity, span, {"zh": zh, "en": f"EN {zh}"}, "x")  # type: ignore[arg-type]


QH = "reports/青禾市文旅局/2023.txt"
BALANCE = "一(3) + 二(1) = 4, but 三.七(3) + 四(0) = 3"
NASTY = "标点 <script>alert('x')</script> & “引号”"


def outcomes() -> list[FileOutcome]:
    return [
        FileOutcome(
            "reports/青禾市文旅局/2023.txt",
            [
                finding(QH, 12, "GL501", "error", BALANCE),
                finding(QH, 30, "GL701", "info", NASTY),
            ],
            ReportSummary("reports/青禾市文旅局/2023.txt", "青禾市文旅局", 2023, "2021"),
        ),
        FileOutcome(
            "reports/云岭县/2022.txt",
            [finding("reports/云岭县/2022.txt", 5, "GL101", "warning", "缺少第五部分")],
            ReportSummary("reports/云岭县/2022.txt", "云岭县人民政府", 2022, "2021"),
        ),
        FileOutcome("reports/clean.txt", [], ReportSummary("reports/clean.txt", "东澜市交通运输局", 2023, "2021")),
    ]


@pytest.fixture
def audit() -> Iterator[Audit]:
    result = Audit(lang="zh")
    for outcome in outcomes():
        result.add(outcome)
    result.add_findings(
        "reports/云岭县/2022.txt", [finding("reports/云岭县/2022.txt", 40, "GL801", "warning", "上年结转不一致")]
    )
    yield result
    result.close()


def all_findings() -> list[Finding]:
    found = [f for o in outcomes() for f in o.findings]
    found.append(finding("reports/云岭县/2022.txt", 40, "GL801", "warning", "上年结转不一致"))
    return sorted(found, key=lambda f: f.sort_key)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.urls.extend(v or "" for k, v in attrs if k in ("href", "src", "action", "data", "poster"))


def test_html_has_every_finding_escaped_and_linked_and_needs_no_network(audit: Audit, tmp_path: Path) -> None:
    out = tmp_path / "audit.html"
    write_report(audit, str(out))
    page = out.read_text(encoding="utf-8")
    for f in all_findings():
        assert Path(f.path).resolve().as_uri() + f"#L{f.span.start.line}" in page
        assert f"<code>{f.code}</code>" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; “引号”" in page
    assert "<script" not in page
    assert "一(3) + 二(1) = 4, but 三.七(3) + 四(0) = 3" in page
    links = _Links()
    links.feed(page)
    assert links.urls and all(url.startswith("file://") for url in links.urls)
    assert "http://" not in page and "https://" not in page
    assert not {"script", "link", "img", "iframe"} & links.tags
    # worst report first: the one with an error comes before the one with warnings only
    assert page.index("reports/青禾市文旅局/2023.txt") < page.index("reports/云岭县/2022.txt</b>")
    assert "reports/clean.txt" in page  # reports without findings are listed too
    for heading in ("按规则", "按机关", "按年度", "<svg", "2 份报告"):
        assert heading in page


def test_csv_round_trip_with_bom(audit: Audit, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    write_report(audit, str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    expected = all_findings()
    assert len(rows) == len(expected)
    for row, f in zip(rows, expected, strict=True):
        assert (row["path"], int(row["line"]), int(row["column"]), row["code"], row["severity"]) == (
            f.path,
            f.span.start.line,
            f.span.start.column,
            f.code,
            f.severity,
        )
        assert row["message"] == f.message("zh")
        assert (int(row["end_line"]), int(row["end_column"])) == (f.span.end.line, f.span.end.column)
    assert rows[0]["agency"] in ("云岭县人民政府", "青禾市文旅局")


def test_json_round_trip(audit: Audit, tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    write_report(audit, str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "govlint-audit" and data["schema_version"] == 1
    summary = data["summary"]
    assert summary["files"] == 3 and summary["files_with_findings"] == 2 and summary["findings"] == 4
    assert summary["by_severity"] == {"error": 1, "warning": 2, "info": 1}
    assert {r["code"]: r["findings"] for r in summary["by_rule"]} == {"GL501": 1, "GL701": 1, "GL101": 1, "GL801": 1}
    assert {a["agency"]: a["findings"] for a in summary["by_agency"]} == {"青禾市文旅局": 2, "云岭县人民政府": 2}
    assert [r["path"] for r in data["reports"]] == sorted(o.path for o in outcomes())
    got = [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in data["findings"]]
    want = [(f.path, f.span.start.line, f.span.start.column, f.code, f.message("zh")) for f in all_findings()]
    assert got == want
    assert data["findings"][0]["messages"]["en"].startswith("EN ")


def test_empty_audit_is_valid(tmp_path: Path) -> None:
    with Audit(lang="en") as empty:
        for name in ("a.json", "a.csv", "a.html"):
            write_report(empty, str(tmp_path / name))
        assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["findings"] == []
        assert "No findings." in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_terminal_summary(audit: Audit) -> None:
    out = io.StringIO()
    print_summary(audit, out)
    text = out.getvalue()
    assert "检查报告 3 份，其中 2 份有问题；共 4 个问题（错误 1，警告 2，提示 1）" in text
    assert "GL501" in text and "reports/青禾市文旅局/2023.txt" in text


def test_unknown_extension_is_refused() -> None:
    with pytest.raises(ValueError, match=r"\.html, \.csv or \.json"):
        writer_for("audit.xlsx")
