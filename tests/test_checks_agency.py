"""Unit tests of issuer type and region placing (govlint.checks.agency)."""

import pytest
from checks_support import build

from govlint.checks.agency import PROVINCES, agency_name, agency_type, area_code_of, place_of, postcode_province


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("青禾市人民政府2022年政府信息公开工作年度报告", "人民政府"),
        ("青禾市人民政府办公室2022年政府信息公开工作年度报告", "人民政府"),
        ("青禾省人民政府办公厅2022年政府信息公开工作年度报告", "人民政府"),
        ("青禾市文旅局2022年政府信息公开工作年度报告", "部门"),
        ("青禾市发展和改革委员会2022年政府信息公开工作年度报告", "部门"),
        ("青禾市科委2022年政府信息公开工作年度报告", "部门"),
        ("青禾综合实验区2022年度政府信息公开工作年度报告", None),
        ("2022年政府信息公开工作年度报告", None),
    ],
)
def test_agency_type_from_the_name(title: str, expected: str | None) -> None:
    assert agency_type(build(title), {}) == expected


def test_option_gives_the_type_only_when_the_name_does_not_tell() -> None:
    report = build("青禾市文旅局2022年政府信息公开工作年度报告")
    assert agency_type(report, {"agency_type": "人民政府"}) == "部门"
    assert agency_name(report) == "青禾市文旅局"
    unclassified = build("青禾综合实验区2022年政府信息公开工作年度报告")
    assert agency_type(unclassified, {"agency_type": "人民政府"}) == "人民政府"
    assert agency_type(unclassified, {"agency_type": "部门"}) == "部门"
    assert agency_type(unclassified, {}) is None


def test_area_codes_and_places() -> None:
    assert area_code_of("0951-3050111") == "951"
    assert area_code_of("010-12345678") == "10"
    assert area_code_of("3050111") is None
    assert place_of("攀枝花市青禾区文旅局") == ("四川", "攀枝花市")
    assert place_of("宁夏回族自治区银川市青禾区") == ("宁夏", "银川市")
    assert place_of("江苏省商务厅") == ("江苏", None)
    assert place_of("云岭县文旅局") == (None, None)  # county names are not placed


def test_postcode_provinces() -> None:
    assert postcode_province("750001") == "宁夏"
    assert postcode_province("223001") == "江苏"
    assert postcode_province("999999") is None


def test_no_province_name_begins_another() -> None:
    # place_of looks a text's province up by the lengths of the names: at most one can match
    assert not [(a, b) for a in PROVINCES for b in PROVINCES if a != b and b.startswith(a)]
