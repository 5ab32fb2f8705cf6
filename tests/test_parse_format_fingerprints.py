"""Format detection without a report year reads the fingerprints the format templates declare."""

from __future__ import annotations

import pytest

from govlint.parsing import meta, parse_text
from govlint.templates import VERSIONS, load_template

CASES = [(version, f.text) for version in VERSIONS for f in load_template(version).fingerprints]


def test_the_parser_keeps_no_fingerprint_list_of_its_own() -> None:
    assert not hasattr(meta, "FINGERPRINTS")
    assert {(version, text) for version, text, _, _ in meta._fingerprints()} == set(CASES)


@pytest.mark.parametrize(("version", "text"), CASES, ids=[f"{v}:{t}" for v, t in CASES])
def test_each_template_fingerprint_is_evidence_for_its_version(version: str, text: str) -> None:
    report = parse_text(f"青禾市文旅局政府信息公开工作年度报告\n\n{text}\t0\t0\n")
    assert report.year is None
    assert f"text:{version}:{text}" in report.format_evidence


def test_weights_decide_between_versions() -> None:
    # 行政规范性文件 (2021, weight 2) also contains 规范性文件 (2019, weight 1)
    report = parse_text("青禾市文旅局政府信息公开工作年度报告\n\n行政规范性文件\t0\t0\n")
    assert report.format == "2021"
    report = parse_text("青禾市文旅局政府信息公开工作年度报告\n\n规范性文件\t0\t0\n")
    assert report.format == "2019"
