"""What a reader sees in each real sample report, read back by the parser.

The samples live beside the repository (../shared/samples); the test is skipped without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.parsing import parse_file
from govlint.serialize import period_dict

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

# file: (year, agency, format, section ordinals in order, period (start, end) or None, extra facts)
EXPECTED: dict[str, tuple[int, str, str, list[int], tuple[str, str] | None, dict]] = {
    "000_5e35528bc28bd323.txt": (
        2020, "金凤区商务和经济技术合作局", "2019", [1, 2, 3, 4, 5, 6], ("2020-01-01", "2020-12-31"),
        {"postcode": "750001", "phones": ["0951-3050375"], "faxes": ["0951—3050375"],
         "emails": ["jfqswjhj@163.com"], "address": "银川市金凤区黄河东路721号"},
    ),
    "001_c2173b29a2f695bc.txt": (
        2020, "烟台市芝罘区商务局", "2019", [1, 2, 3, 4, 5, 6], None,
        {"publication": "2021-01-28", "malformed_dates": ["20201231日", "78日", "202114日"]},
    ),
    "002_325a78626e0cba12.txt": (
        2018, "灵武市商务和经济技术合作局", "2008", list(range(1, 12)), ("2018-01-01", "2018-12-31"),
        {"postcode": "750400", "phones": ["0951-4021999"]},
    ),
    "003_8f13c6250060a023.txt": (
        # pages are missing from the source: no 三、; the period printed in it ends in 2021
        2020, "攀枝花市西区商务局", "2019", [1, 2, 4, 5, 6], ("2020-01-01", "2021-12-31"),
        {"postcode": "617068", "phones": ["0812-3866992"], "signature": "2020年1月4日",
         "notices": ["攀办函〔2020〕34）号"]},
    ),
    "004_16a2895a5a091397.txt": (
        2021, "平罗县商务和投资促进局", "2021", [1, 2, 3, 4, 5, 6], ("2021-01-01", "2021-12-31"), {},
    ),
    "real-001.txt": (
        2024, "淮安市人民政府", "2021", [1, 2, 3, 4, 5, 6], ("2024-01-01", "2024-12-31"),
        {"postcode": "223001", "phones": ["0517-83605210"], "emails": ["hazwgkc@163.com"],
         "address": "淮安市翔宇南道1号"},
    ),
    "real-005.txt": (
        2022, "平潭综合实验区", "2021", [1, 2, 3, 4, 5, 6], ("2022-01-01", "2022-12-31"),
        {"postcode": "350400", "phones": ["0591-23165385"], "publication": "2023-02-20", "flattened": True},
    ),
    "real-009.txt": (
        2018, "平潭综合实验区", "2008", [1, 2, 3, 4, 5, 6], ("2018-01-01", "2018-12-31"),
        {"postcode": "350400", "phones": ["0591-23165255"], "faxes": ["0591-23165255"],
         "emails": ["pzxxgkb＠163.com"], "flattened": True},
    ),
    "real-021.txt": (
        2025, "沐阳县人民政府", "2021", [1, 2, 3, 4, 5, 6], ("2025-01-01", "2025-12-31"),
        {"signature": "2026年1月23日"},
    ),
    "real-022.txt": (
        # the report numbers its text parts 一–六, then restarts at 一、 for the tables part
        2024, "上海市科委", "2021", [1, 2, 3, 4, 5, 6, 1, 2, 3, 5], ("2024-01-01", "2024-12-31"), {},
    ),
    "real-024.txt": (
        2019, "上海市人民政府办公厅", "2019", [1, 2, 3, 4, 5, 6], ("2019-01-01", "2019-12-31"),
        {"publication": "2020-01-31"},
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not present")
    return SAMPLES


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_reads_as_a_person_reads_it(samples_dir: Path, name: str) -> None:
    path = samples_dir / name
    if not path.exists():
        pytest.skip(f"{name} is not present")
    year, agency, fmt, ordinals, period, extra = EXPECTED[name]
    report = parse_file(path)
    assert report.year == year
    assert report.agency is not None and report.agency.value == agency
    assert report.format == fmt
    assert [s.ordinal for s in report.sections] == ordinals
    if period is None:
        assert report.period is None
    else:
        data = period_dict(report.period)
        assert data is not None and (data["start"], data["end"]) == period
    contact = report.contact
    if "address" in extra:
        assert contact.address is not None and contact.address.value == extra["address"]
    if "postcode" in extra:
        assert contact.postcode is not None and contact.postcode.value == extra["postcode"]
    for key in ("phones", "faxes", "emails"):
        if key in extra:
            assert [f.value for f in getattr(contact, key)] == extra[key]
    if "signature" in extra:
        assert report.signature_date is not None and report.signature_date.raw == extra["signature"]
    if "publication" in extra:
        assert report.publication_date is not None and report.publication_date.raw.startswith(extra["publication"])
    if "notices" in extra:
        assert [n.raw for n in report.notices] == extra["notices"]
    if "malformed_dates" in extra:
        assert [d.raw for d in report.dates if d.problem == "malformed"] == extra["malformed_dates"]
    assert ("flattened" in {d.code for d in report.diagnostics}) == extra.get("flattened", False)


def test_table_labels_are_not_headings(samples_dir: Path) -> None:
    """In one-cell-per-line and markdown layouts 一、本年新收… and （一）予以公开 are 表三 labels."""
    for name in ("001_c2173b29a2f695bc.txt", "real-024.txt", "real-021.txt"):
        report = parse_file(samples_dir / name)
        titles = [h.title for h in report.headings]
        assert not any("本年新收" in t or t == "予以公开" or "结转下年度" in t for t in titles), name
        lines = {line.number: line for line in report.lines}
        label_line = next(n for n, line in lines.items() if "本年新收政府信息公开申请数量" in line.text)
        assert lines[label_line].kind == "table_row"


def test_every_sample_parses(samples_dir: Path) -> None:
    for path in sorted(samples_dir.iterdir()):
        if path.suffix in (".txt", ".html", ".md"):
            report = parse_file(path)
            assert report.lines


def test_html_page_is_read_as_text(samples_dir: Path) -> None:
    report = parse_file(samples_dir / "real-024.html")
    assert (report.year, report.format) == (2019, "2019")
    assert [s.ordinal for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert [d.code for d in report.diagnostics] == ["html"]


def test_flattened_samples_keep_their_subsections(samples_dir: Path) -> None:
    report = parse_file(samples_dir / "real-009.txt")
    assert [s.title for s in report.sections[1].subsections] == [
        "主动公开政府信息的数量", "主动公开政府信息的主要类别", "主动公开政府信息的主要形式",
        "开展政策解读工作情况", "回应社会关切情况",
    ]  # fmt: skip
    report = parse_file(samples_dir / "real-005.txt")
    assert [s.number for s in report.sections[0].subsections] == ["一", "二", "三", "四", "五"]
