"""Who issued the report: its name, whether it is a 人民政府 or a department, where it sits.

The issuer type decides the publication deadline (条例第四十九条: departments by 1月31日, the
本级政府 report by 3月31日). It is read from the name; the ``agency_type`` option gives it when
the name does not tell. Regions come from two sources: the ``phonenumbers`` package (area code -> province and
prefecture-level cities, in Chinese) and templates/regions.yaml (postcode prefixes -> province).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Container, Iterable, Mapping
from functools import cache
from typing import Any

import regex

from govlint.model import Report
from govlint.resources import data_file
from govlint.usercache import cached_json, file_key

GOVERNMENT = "人民政府"
DEPARTMENT = "部门"

YEAR_IN_TITLE = regex.compile(r"(?:19|20)\d{2}(?=\s*年)")
_SPACES = regex.compile(r"\s+")
_NOT_DIGIT = regex.compile(r"\D")
# The office compiling the government's report: …人民政府办公厅/办公室, …政府办公室.
GOVERNMENT_NAME = regex.compile(r"(人民政府|政府办公厅|政府办公室)$")
# Departments: bureaus, commissions, offices, departments of a province, administrations, ...
DEPARTMENT_NAME = regex.compile(r"(局|委|委员会|厅|办|署|部|中心|总队|支队|大队)$")


def agency_name(report: Report) -> str | None:
    """The issuer's name: the agency the parser found, else the title up to the year."""
    if report.agency is not None and report.agency.value.strip():
        return _SPACES.sub("", report.agency.value)
    if report.title is None:
        return None
    title = _SPACES.sub("", report.title.value)
    m = YEAR_IN_TITLE.search(title)
    name = title[: m.start()] if m else ""
    return name or None


def agency_type(report: Report, options: Mapping[str, Any]) -> str | None:
    """ "人民政府", "部门" or None (unknown): what the issuer's name says, else the ``agency_type``
    option (the configured type is for issuers whose name does not tell: 管委会, 综合实验区, …)."""
    name = agency_name(report)
    if name:
        if GOVERNMENT_NAME.search(name):
            return GOVERNMENT
        if DEPARTMENT_NAME.search(name):
            return DEPARTMENT
    configured = options.get("agency_type")
    if configured in (GOVERNMENT, DEPARTMENT):
        return str(configured)
    return None


# --- regions -------------------------------------------------------------------------------

PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州",
    "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip
_PROVINCE_SET = frozenset(PROVINCES)
_PROVINCE_LENGTHS = tuple(sorted({len(name) for name in PROVINCES}, reverse=True))
PROVINCE_SUFFIX = regex.compile(r"^(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)")


def _split_description(description: str) -> tuple[str | None, tuple[str, ...]]:
    """ "江苏省淮安市" -> ("江苏", ("淮安市",)); "上海市" -> ("上海", ("上海市",))."""
    province = next((p for p in PROVINCES if description.startswith(p)), None)
    if province is None:
        return None, ()
    rest = PROVINCE_SUFFIX.sub("", description[len(province) :])
    if not rest:  # a municipality: the province is the city
        return province, (province + "市",)
    return province, tuple(c for c in rest.split("、") if c)


@cache
def area_codes() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Landline area code (without the leading 0) -> (province, cities), from phonenumbers.

    Importing phonenumbers' geodata costs a third of a second, so the few hundred entries derived
    from it are kept in the user cache (govlint.usercache), keyed by the geodata file.
    """
    spec = importlib.util.find_spec("phonenumbers")
    origin = spec.origin if spec is not None else None
    geodata = os.path.join(os.path.dirname(origin), "geodata", "__init__.py") if origin else "phonenumbers"
    data = cached_json("area-codes", f"v1|{file_key(geodata)}", _derive_area_codes, _is_area_table)
    return {code: (province, tuple(cities)) for code, (province, cities) in data.items()}


def _is_area_table(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(code, str)
        and isinstance(entry, list)
        and len(entry) == 2
        and (entry[0] is None or isinstance(entry[0], str))
        and isinstance(entry[1], list)
        and all(isinstance(city, str) for city in entry[1])
        for code, entry in data.items()
    )


def _derive_area_codes() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    from phonenumbers.geodata import GEOCODE_DATA

    out: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for prefix, names in GEOCODE_DATA.items():
        # Only +86 landline area codes (2-3 digits); mobile prefixes start with 1.
        code = prefix[2:]
        if not prefix.startswith("86") or not 2 <= len(code) <= 3 or (code[0] == "1" and code != "10"):
            continue
        description = names.get("zh") if isinstance(names, Mapping) else None
        if description:
            out[code] = _split_description(description)
    return out


@cache
def city_provinces() -> dict[str, str]:
    """Prefecture-level city name (as written, with 市/州/盟/地区) -> province."""
    out: dict[str, str] = {}
    for province, cities in area_codes().values():
        if province is None:
            continue
        for city in cities:
            out.setdefault(city, province)
    return out


def area_code_of(number: str) -> str | None:
    """The area code (without 0) of a Chinese landline written with it, else None."""
    digits = _NOT_DIGIT.sub("", number)
    if not digits.startswith("0"):
        return None
    codes = area_codes()
    for length in (2, 3):
        code = digits[1 : 1 + length]
        if code in codes and len(digits) - 1 - length in (7, 8):
            return code
    return None


@cache
def postcode_provinces() -> dict[str, str]:
    import yaml  # the rules' other data come from the user cache: import it only when needed

    with open(data_file("templates", "regions.yaml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(k): str(v) for k, v in (data.get("postcode_prefixes") or {}).items()}


def postcode_province(postcode: str) -> str | None:
    table = postcode_provinces()
    prefix = _longest_prefix(postcode, table, (4, 3, 2))
    return None if prefix is None else table[prefix]


def _longest_prefix(text: str, names: Container[str], lengths: Iterable[int]) -> str | None:
    """The longest of ``names`` that ``text`` starts with (``lengths``: their lengths, longest first)."""
    for length in lengths:
        if text[:length] in names:
            return text[:length]
    return None


def place_of(text: str) -> tuple[str | None, str | None]:
    """(province, city) named at the start of an agency name or address, else Nones.

    Only a name at the very start counts (``银川市青禾区…``, ``江苏省…``, ``宁夏回族自治区银川市…``):
    a city mentioned later (``…路上海大厦``) says nothing about where the agency is.
    """
    text = _SPACES.sub("", text)
    province = None
    rest = text
    name = _longest_prefix(text, _PROVINCE_SET, _PROVINCE_LENGTHS)
    if name is not None and (suffix := PROVINCE_SUFFIX.match(text[len(name) :])) is not None:
        province, rest = name, text[len(name) + suffix.end() :]
    city = _city_prefix(rest) or _city_prefix(text)
    if city is not None:
        return city_provinces()[city], city
    return province, None


def _city_prefix(text: str) -> str | None:
    """The longest city name ``text`` starts with."""
    return _longest_prefix(text, city_provinces(), _city_name_lengths())


@cache
def _city_name_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(name) for name in city_provinces() if name}, reverse=True))
