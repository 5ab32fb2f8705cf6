"""Synthetic annual reports for tests, benchmarks and demos.

Every agency, sentence and number here is invented. ``make_spec`` draws a report's data (balanced
tables unless a defect is asked for); ``render`` writes it in one of the layouts seen in published
reports; ``generate`` pads it with body text to a target size.

    >>> text = generate(10_000, seed=1, layout="tabs")
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from govlint.templates import TableSpec, load_template

LAYOUTS = ("tabs", "cell-per-line", "pipe", "spaces", "flattened")

_CITIES = (
    ("青禾市", "0931", "730"),
    ("云岭县", "0871", "650"),
    ("东澜市", "0574", "315"),
    ("北岸区", "024", "110"),
    ("松川县", "0451", "150"),
    ("南屿市", "0592", "361"),
)
_DEPARTMENTS = ("文化和旅游局", "自然资源局", "交通运输局", "卫生健康委员会", "市场监督管理局", "人民政府")


def _official_table(version: str, kind: str) -> TableSpec:
    table = load_template(version).table(kind)
    assert table is not None, f"the {version} template has no {kind} table"
    return table


# Labels come from the templates (templates/v2019.yaml, v2021.yaml); these are the same in both.
T3_COLUMNS = tuple(column.key for column in _official_table("2021", "t3").columns)
T4_GROUPS = tuple(row.key for row in _official_table("2021", "t4").rows)
T4_COLUMNS = tuple(column.key for column in _official_table("2021", "t4").columns)
_SECTIONS = tuple(section.canonical for section in load_template("2021").sections)

_OVERVIEW_SUBHEADINGS = ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障")

_PHRASES = (
    "围绕年度重点任务细化公开清单，逐项明确责任科室和完成时限",
    "通过门户网站专栏集中发布规划计划、财政资金和重大项目信息",
    "对拟公开文件逐件开展保密审查，做到先审查后公开",
    "组织业务骨干参加专题培训，提升答复文书的规范化水平",
    "定期巡查政务新媒体账号，及时清理长期未更新的栏目",
    "依法受理并按时答复各类申请，答复前与申请人充分沟通",
    "动态调整主动公开目录，补充办事指南和常见问题解答",
    "将政务公开工作纳入年度绩效考核，压实各科室工作责任",
    "结合群众关注热点制作图文解读，提高政策知晓度",
    "完善依申请公开登记、审核、答复全流程台账管理",
)


@dataclass
class ReportSpec:
    agency: str
    city: str
    area_code: str
    postcode: str
    year: int
    format: str  # "2019" | "2021"
    t2: dict[tuple[str, str], str] = field(default_factory=dict)  # (row label, column label) → text
    t3: dict[tuple[str, str], int | None] = field(default_factory=dict)
    t4: dict[tuple[str, str], int | None] = field(default_factory=dict)
    signed: tuple[int, int, int] | None = None  # (year, month, day)
    paragraphs: list[str] = field(default_factory=list)
    sections: tuple[str, ...] = _SECTIONS

    def table(self, kind: str) -> TableSpec:
        return _official_table(self.format, kind)

    @property
    def t3_rows(self) -> list[tuple[str, str, int]]:
        """(row key, label as printed, level): level 0 for 一、…, 1 for （一）…, 2 for 1.…"""
        return [
            (row.key, row.label, 0 if row.group is None else row.group.count(".") + 1) for row in self.table("t3").rows
        ]

    @property
    def t2_blocks(self) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """表二 as (block caption, column labels, row labels)."""
        return [
            (block.caption, tuple(c.label for c in block.columns), tuple(r.label for r in block.rows))
            for block in self.table("t2").blocks
        ]


def make_spec(seed: int = 0, year: int = 2022, fmt: str | None = None, agency: str | None = None) -> ReportSpec:
    """Draw a report whose tables satisfy every identity of spec §7."""
    rng = random.Random(seed)
    city, area_code, postcode_prefix = rng.choice(_CITIES)
    fmt = fmt or ("2021" if year >= 2021 else "2019")
    spec = ReportSpec(
        agency=agency or city + rng.choice(_DEPARTMENTS),
        city=city,
        area_code=area_code,
        postcode=postcode_prefix + f"{rng.randrange(1000):03d}",
        year=year,
        format=fmt,
        signed=(year + 1, 1, rng.randint(5, 28)),
    )
    result_rows = [key for key, _, _ in spec.t3_rows if key.startswith("三.") and key != "三.七"]
    for column in T3_COLUMNS[:-1]:
        weight = 6 if column == "自然人" else 1
        results = {row: rng.choice((0, 0, 0, rng.randint(0, 3 * weight))) for row in result_rows}
        total = sum(results.values())
        carried_out = rng.randint(0, weight)
        carried_in = rng.randint(0, min(total + carried_out, weight))
        for row, value in results.items():
            spec.t3[(row, column)] = value
        spec.t3[("三.七", column)] = total
        spec.t3[("四", column)] = carried_out
        spec.t3[("二", column)] = carried_in
        spec.t3[("一", column)] = total + carried_out - carried_in
    for row, _, _ in spec.t3_rows:
        spec.t3[(row, "总计")] = sum(spec.t3[(row, c)] or 0 for c in T3_COLUMNS[:-1])
    for group in T4_GROUPS:
        parts = [rng.choice((0, 0, rng.randint(0, 4))) for _ in range(4)]
        for column, value in zip(T4_COLUMNS, [*parts, sum(parts)], strict=True):
            spec.t4[(group, column)] = value
    for _caption, columns, rows in spec.t2_blocks:
        for row in rows:
            for column in columns:
                if "收费金额" in column:
                    spec.t2[(row, column)] = f"{rng.randint(0, 900)}.{rng.randint(0, 99):02d}"
                elif "增/减" in column:
                    spec.t2[(row, column)] = str(rng.randint(-5, 5))
                else:
                    spec.t2[(row, column)] = str(rng.randint(0, 400))
            if "现行有效件数" in columns:  # in force ≥ issued − repealed (spec EQ-X-3)
                issued, repealed = (int(spec.t2[(row, c)]) for c in columns[:2])
                spec.t2[(row, "现行有效件数")] = str(max(0, issued - repealed) + rng.randint(0, 400))
    spec.paragraphs = [_paragraph(rng) for _ in range(12)]
    return spec


def _paragraph(rng: random.Random) -> str:
    picked = rng.sample(_PHRASES, 3)
    return f"全年{picked[0]}，{picked[1]}，{picked[2]}，累计处理相关事项{rng.randint(2, 300)}件。"


# --- rendering -------------------------------------------------------------------------------


def _cell(value: int | str | None) -> str:
    return "" if value is None else str(value)


def _table_rows(spec: ReportSpec) -> dict[str, list[list[str]]]:
    """The three tables as rows of cells (labels first), independent of layout."""
    return {"二": _t2_rows(spec), "三": _t3_rows(spec), "四": _t4_rows(spec)}


def _t2_rows(spec: ReportSpec) -> list[list[str]]:
    header = spec.table("t2").header or ""
    rows: list[list[str]] = []
    for caption, columns, labels in spec.t2_blocks:
        rows.append([caption])
        rows.append([header, *columns])
        for label in labels:
            rows.append([label, *(_cell(spec.t2.get((label, c))) for c in columns)])
    return rows


def _t3_rows(spec: ReportSpec) -> list[list[str]]:
    table = spec.table("t3")
    applicants, organisations = table.header_labels
    columns = [column.label for column in table.columns]
    rows: list[list[str]] = [
        [table.corner_note or "", applicants],
        ["", columns[0], organisations, columns[-1]],
        ["", "", *columns[1:-1]],
    ]
    group_labels = {group.key: group.label for group in table.groups}
    for row in table.rows:
        # a group's label stands in front of its first row (三、本年度办理结果 before （一）予以公开)
        prefix = [group_labels.pop(row.group)] if row.group in group_labels else []
        rows.append([*prefix, row.label, *(_cell(spec.t3.get((row.key, c))) for c in T3_COLUMNS)])
    return rows


def _t4_rows(spec: ReportSpec) -> list[list[str]]:
    table = spec.table("t4")
    review, litigation = table.header_labels
    columns = [column.label for column in table.columns]
    litigation_rows = [row.label for row in table.rows if row.parent == litigation]
    return [
        [review, litigation],
        [*columns, *litigation_rows],
        columns * len(litigation_rows),
        [_cell(spec.t4.get((g, c))) for g in T4_GROUPS for c in T4_COLUMNS],
    ]


def _render_table(rows: list[list[str]], layout: str) -> list[str]:
    if layout == "tabs":
        return ["\t".join(row) for row in rows]
    if layout == "cell-per-line":
        out: list[str] = []
        for row in rows:
            for cell in row:
                out.extend([cell, ""])
        return out
    if layout == "pipe":
        width = max(len(r) for r in rows)
        out = []
        for index, row in enumerate(rows):
            padded = row + [""] * (width - len(row))
            out.append("| " + " | ".join(padded) + " |")
            if index == 0:
                out.append("|" + "---|" * width)
        return out
    # "spaces" (PDF text) and "flattened" keep labels and numbers separated by single spaces
    return [" ".join(cell for cell in row if cell) for row in rows]


def render(spec: ReportSpec, layout: str = "tabs", filler: int = 0) -> str:
    """The report as text in ``layout``; ``filler`` extra body paragraphs pad it."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")
    y = spec.year
    notice = "国办公开办函〔2021〕30号" if spec.format == "2021" else "国办公开办函〔2019〕60号"
    phone = f"{spec.area_code}-{6100000 + len(spec.agency) * 1111}"
    lines = [
        f"{spec.agency}{y}年政府信息公开工作年度报告",
        "",
        f"本报告依据《中华人民共和国政府信息公开条例》和《{notice}》要求编制，"
        f"所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
        f"如对本报告有疑问，请与{spec.agency}办公室联系（地址：{spec.city}和平路{len(spec.agency) * 7}号；"
        f"邮编：{spec.postcode}；电话：{phone}；电子邮箱：gk{spec.postcode}@example.gov.cn）。",
        "",
    ]
    tables = _table_rows(spec)
    total_apps = spec.t3.get(("一", "总计"))
    filler_paragraphs = [spec.paragraphs[i % len(spec.paragraphs)] for i in range(filler)]
    for heading in spec.sections:
        lines += [heading, ""]
        number = heading.split("、", 1)[0]
        if number == "一":
            for index, sub in enumerate(_OVERVIEW_SUBHEADINGS):
                lines += [sub, "", spec.paragraphs[index % len(spec.paragraphs)], ""]
                if index == 1 and total_apps is not None:
                    lines += [f"{y}年，本机关共收到政府信息公开申请{total_apps}件，均在法定期限内答复。", ""]
            lines += [*filler_paragraphs[: len(filler_paragraphs) // 2]]
        elif number in tables:
            lines += [*_render_table(tables[number], layout), ""]
        elif number == "五":
            lines += [spec.paragraphs[5], spec.paragraphs[6], *filler_paragraphs[len(filler_paragraphs) // 2 :], ""]
        elif number == "六":
            lines += [f"依据《政府信息公开信息处理费管理办法》，本机关{y}年未收取信息处理费。", ""]
    if spec.signed:
        sy, sm, sd = spec.signed
        lines += ["", spec.agency, f"{sy}年{sm}月{sd}日"]
    if layout == "flattened":
        return lines[0] + "\n" + "".join(line for line in lines[1:] if line) + "\n"
    return "\n".join(lines) + "\n"


def generate(size: int = 10_000, seed: int = 0, layout: str = "tabs", year: int = 2022) -> str:
    """A report of about ``size`` characters (UTF-8 bytes roughly triple that for Chinese text)."""
    spec = make_spec(seed=seed, year=year)
    text = render(spec, layout)
    paragraph_len = sum(len(p) for p in spec.paragraphs) // len(spec.paragraphs) + 1
    # size is in bytes of UTF-8; Chinese characters take three bytes each.
    missing = max(0, size - len(text.encode("utf-8"))) // (3 * paragraph_len)
    return render(spec, layout, filler=missing) if missing else text
