"""Audit outputs: HTML (one self-contained page), CSV (one row per finding) and JSON.

The format follows the file name's extension (``write_report(audit, "audit.html")``).

CSV columns (UTF-8 with a byte-order mark, so that Excel shows Chinese correctly):
``path, line, column, end_line, end_column, severity, code, name, message, agency, year, format``.

JSON (``schema: "govlint-audit"``, ``schema_version: 1``; fields are only ever added):
``{"schema", "schema_version", "summary": {...}, "reports": [{path, agency, year, format, title,
findings, error, warning, info}], "findings": [{path, code, name, severity, line, column, end_line,
end_column, message, messages}]}``.

The HTML page needs no network: CSS is inline, charts are CSS bars and inline SVG, and the only
links are ``file://`` links to each finding's file and line (``#L12``).
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from govlint.batch.audit import UNKNOWN_AGENCY, Audit, ReportRow
from govlint.findings import Finding
from govlint.output.json_format import finding_record

TOP_AGENCIES = 30  # agencies listed before the rest are folded into a <details>
SCHEMA = "govlint-audit"
SCHEMA_VERSION = 1
CSV_COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "code",
    "name",
    "message",
    "agency",
    "year",
    "format",
)


def writer_for(path: str) -> Callable[[Audit, IO[str]], None]:
    suffix = Path(path).suffix.lower()
    writers = {".html": write_html, ".htm": write_html, ".csv": write_csv, ".json": write_json}
    if suffix not in writers:
        raise ValueError(f"{path}: unknown audit format {suffix or '(no extension)'}; use .html, .csv or .json")
    return writers[suffix]


def write_report(audit: Audit, path: str) -> None:
    write = writer_for(path)
    # Excel needs the BOM to read a CSV as UTF-8; csv wants newline="" to write its own line ends.
    encoding = "utf-8-sig" if write is write_csv else "utf-8"
    with open(path, "w", encoding=encoding, newline="" if write is write_csv else "\n") as out:
        write(audit, out)


# --- JSON ------------------------------------------------------------------------------------------


def finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    """A finding as `govlint check --output-format json` writes it, plus its message in every language."""
    return {**finding_record(finding, lang), "messages": dict(finding.messages)}


def write_json(audit: Audit, out: IO[str]) -> None:
    """Streams the findings: the document is never built in memory as a whole."""
    head = {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "summary": audit.summary_dict()}
    out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
    out.write(',\n "reports": [')
    for i, row in enumerate(audit.rows_by_path()):
        out.write(("," if i else "") + "\n  " + json.dumps(row.to_dict(), ensure_ascii=False))
    out.write('\n ],\n "findings": [')
    for i, (_, finding) in enumerate(audit.iter_findings()):
        out.write(("," if i else "") + "\n  " + json.dumps(finding_json(finding, audit.lang), ensure_ascii=False))
    out.write("\n ]\n}\n")


# --- CSV -------------------------------------------------------------------------------------------


def write_csv(audit: Audit, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row, finding in audit.iter_findings():
        writer.writerow(
            [
                finding.path,
                finding.span.start.line,
                finding.span.start.column,
                finding.span.end.line,
                finding.span.end.column,
                finding.severity,
                finding.code,
                finding.name,
                finding.message(audit.lang),
                row.agency or "",
                row.year if row.year is not None else "",
                row.format or "",
            ]
        )


# --- HTML ------------------------------------------------------------------------------------------

_TEXT = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果",
        "files": "报告",
        "with": "有问题的报告",
        "findings": "问题",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "by_rule": "按规则",
        "by_agency": "按机关",
        "by_year": "按年度",
        "worst": "报告（问题最多的在前）",
        "clean": "未发现问题的报告",
        "rule": "规则",
        "count": "问题数",
        "reports": "报告数",
        "agency": "机关",
        "year": "年度",
        "format": "格式",
        "where": "位置",
        "message": "说明",
        "none": "没有发现问题。",
        "generated": "生成时间",
        "more": "其余 {n} 个机关",
        "per_year": "{n} 份报告",
    },
    "en": {
        "title": "Annual report audit",
        "files": "reports",
        "with": "reports with findings",
        "findings": "findings",
        "error": "errors",
        "warning": "warnings",
        "info": "info",
        "by_rule": "By rule",
        "by_agency": "By agency",
        "by_year": "By year",
        "worst": "Reports, worst first",
        "clean": "Reports without findings",
        "rule": "Rule",
        "count": "Findings",
        "reports": "Reports",
        "agency": "Agency",
        "year": "Year",
        "format": "Format",
        "where": "Where",
        "message": "Message",
        "none": "No findings.",
        "generated": "Generated",
        "more": "{n} more agencies",
        "per_year": "{n} reports",
    },
}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;
color:#1d232a;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dee4;padding-bottom:.3rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d8dee4;border-radius:6px;padding:.6rem 1rem}
.card b{display:block;font-size:1.6rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{padding:.25rem .5rem;text-align:left;
vertical-align:top;border-bottom:1px solid #eef1f4}th{background:#f6f8fa}
.bar{background:#e8ecf0;height:.8rem;min-width:12rem;border-radius:3px}
.bar span{display:block;height:100%;background:#5b7db1;border-radius:3px}
.sev-error{color:#b42318;font-weight:600}.sev-warning{color:#9a6700}.sev-info{color:#57606a}
details{border:1px solid #d8dee4;border-radius:6px;margin:.5rem 0;padding:.3rem .8rem}
summary{cursor:pointer}.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,Menlo,Consolas,monospace}.muted{color:#57606a}
table.findings td:nth-child(-n+2){white-space:nowrap}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def file_link(path: str, line: int) -> str:
    """A file:// URL to the line (editors and viewers that understand #L anchors jump to it)."""
    return Path(path).resolve().as_uri() + f"#L{line}"


def _bar(count: int, largest: int) -> str:
    width = 100 * count / largest if largest else 0
    return f'<div class="bar"><span style="width:{width:.1f}%"></span></div>'


def _year_chart(years: list[tuple[str, int]], reports: Mapping[str, int], unit: str) -> str:
    """Findings per report year as bars, with the number of reports of that year under each."""
    if not years:
        return ""
    largest = max(n for _, n in years) or 1
    step, height = 64, 140
    width = step * len(years) + 20
    parts = [f'<svg width="{width}" height="{height + 56}" role="img">']
    for i, (year, n) in enumerate(years):
        h = round(height * n / largest)
        x = 10 + i * step
        middle = f'x="{x + 22}" text-anchor="middle"'
        parts.append(f'<rect x="{x}" y="{height - h + 16}" width="44" height="{h}" fill="#5b7db1"/>')
        parts.append(f'<text {middle} y="{height - h + 12}" font-size="11">{n}</text>')
        parts.append(f'<text {middle} y="{height + 32}" font-size="12">{_e(year)}</text>')
        count = _e(unit.format(n=reports.get(year, 0)))
        parts.append(f'<text {middle} y="{height + 48}" font-size="10" fill="#57606a">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def write_html(audit: Audit, out: IO[str]) -> None:
    t = _TEXT.get(audit.lang, _TEXT["zh"])
    summary = audit.summary_dict()
    w = out.write
    w(f'<!DOCTYPE html>\n<html lang="{"zh-CN" if audit.lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n')
    w(f"<title>{_e(t['title'])}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n")
    w(f"<h1>{_e(t['title'])}</h1>\n")
    stamp = f"{t['generated']}: {summary['generated']} · govlint {summary['govlint_version']}"
    w(f'<p class="muted">{_e(stamp)}</p>\n')
    cards = [
        (t["files"], summary["files"]),
        (t["with"], summary["files_with_findings"]),
        (t["findings"], summary["findings"]),
        (t["error"], audit.by_severity["error"]),
        (t["warning"], audit.by_severity["warning"]),
        (t["info"], audit.by_severity["info"]),
    ]
    w('<div class="cards">' + "".join(f'<div class="card"><b>{n}</b>{_e(label)}</div>' for label, n in cards))
    w("</div>\n")

    rules = audit.rules_by_count()
    w(f'<h2 id="by-rule">{_e(t["by_rule"])}</h2>\n')
    if rules:
        largest = rules[0].count
        w(
            f"<table><tr><th>{_e(t['rule'])}</th><th></th><th>{_e(t['count'])}</th><th>{_e(t['reports'])}</th><th></th></tr>\n"
        )
        for r in rules:
            w(
                f'<tr><td><code>{_e(r.code)}</code> <span class="sev-{_e(r.severity)}">{_e(r.name)}</span></td>'
                f'<td class="muted">{_e(r.summary)}</td><td class="num">{r.count}</td>'
                f'<td class="num">{len(r.reports)}</td><td>{_bar(r.count, largest)}</td></tr>\n'
            )
        w("</table>\n")
    else:
        w(f"<p>{_e(t['none'])}</p>\n")

    agencies = audit.agencies_by_count()
    w(f'<h2 id="by-agency">{_e(t["by_agency"])}</h2>\n')
    if agencies:
        largest = agencies[0][1]
        head = f"<table><tr><th>{_e(t['agency'])}</th><th>{_e(t['count'])}</th><th></th></tr>\n"
        w(head)
        for i, (agency, n) in enumerate(agencies):
            if i == TOP_AGENCIES:  # thousands of agencies: the rest folded away
                w(f"</table>\n<details><summary>{_e(t['more'].format(n=len(agencies) - i))}</summary>\n{head}")
            w(f'<tr><td>{_e(agency)}</td><td class="num">{n}</td><td>{_bar(n, largest)}</td></tr>\n')
        w("</table>\n" + ("</details>\n" if len(agencies) > TOP_AGENCIES else ""))

    w(f'<h2 id="by-year">{_e(t["by_year"])}</h2>\n')
    w(_year_chart(audit.years(), audit.reports_per_year(), t["per_year"]) + "\n")

    w(f'<h2 id="reports">{_e(t["worst"])}</h2>\n')
    clean: list[ReportRow] = []
    for row in audit.worst_first():
        if not row.findings:
            clean.append(row)
            continue
        _report_block(w, audit, row, t)
    if clean:
        w(f'<h2 id="clean">{_e(t["clean"])} ({len(clean)})</h2>\n<ul>\n')
        for row in sorted(clean, key=lambda r: r.path):
            w(f'<li><a href="{_e(file_link(row.path, 1))}">{_e(row.path)}</a> {_e(_who(row))}</li>\n')
        w("</ul>\n")
    w("</body>\n</html>\n")


def _who(row: ReportRow) -> str:
    parts = [row.agency or UNKNOWN_AGENCY]
    if row.year is not None:
        parts.append(f"{row.year}")
    if row.format:
        parts.append(f"({row.format})")
    return " ".join(parts)


def _report_block(w: Callable[[str], object], audit: Audit, row: ReportRow, t: dict[str, str]) -> None:
    counts = " · ".join(f"{row.by_severity[s]} {t[s]}" for s in ("error", "warning", "info") if row.by_severity[s])
    w(
        f"<details open><summary><b>{_e(row.path)}</b> — {_e(_who(row))} — "
        f"<span class='muted'>{_e(counts)}</span></summary>\n"
    )
    header = "".join(f"<th>{_e(t[key])}</th>" for key in ("where", "rule", "message"))
    w(f"<table class='findings'><tr>{header}</tr>\n")
    for f in audit.findings_of(row):
        line, column = f.span.start.line, f.span.start.column
        w(
            f'<tr><td><a href="{_e(file_link(f.path, line))}">{line}:{column}</a></td>'
            f'<td class="sev-{_e(f.severity)}"><code>{_e(f.code)}</code> {_e(f.name)}</td>'
            f"<td>{_e(f.message(audit.lang))}</td></tr>\n"
        )
    w("</table></details>\n")


# --- the terminal summary --------------------------------------------------------------------------


def print_summary(audit: Audit, out: IO[str], top: int = 10) -> None:
    zh = audit.lang == "zh"
    s = audit.summary_dict()
    sev = audit.by_severity
    if zh:
        out.write(
            f"检查报告 {s['files']} 份，其中 {s['files_with_findings']} 份有问题；共 {s['findings']} 个问题"
            f"（错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}），用时 {s['seconds']:.1f} 秒。\n"
        )
    else:
        out.write(
            f"{s['files']} reports checked, {s['files_with_findings']} with findings; {s['findings']} findings "
            f"({sev['error']} errors, {sev['warning']} warnings, {sev['info']} info) in {s['seconds']:.1f} s.\n"
        )
    rules = audit.rules_by_count()
    if rules:
        out.write("\n按规则：\n" if zh else "\nBy rule:\n")
        for r in rules[:top]:
            out.write(f"  {r.count:6d}  {r.code} {r.name}\n")
        if len(rules) > top:
            out.write(f"  … {len(rules) - top} {'条其他规则' if zh else 'more rules'}\n")
    worst = [r for r in audit.worst_first() if r.findings][:top]
    if worst:
        out.write("\n问题最多的报告：\n" if zh else "\nWorst reports:\n")
        for row in worst:
            e, wn, i = row.badness
            out.write(f"  {e:4d} E {wn:4d} W {i:4d} I  {row.path}  {_who(row)}\n")
