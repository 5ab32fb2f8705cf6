"""Contact-block checks: phone and fax forms, postcode, e-mail, web address, address, region.

The parser reads the contact block (``report.contact``: 地址、邮编、电话、传真、电子邮箱、网址, each
with its position); these checks judge it. Web addresses written with spaces and unclosed
parentheses are looked for in the text itself, since a broken address is not read as one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import regex

from govlint.checks.agency import agency_name, area_code_of, area_codes, place_of, postcode_province
from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.textscope import remembered, scope_text
from govlint.model import Field, Report
from govlint.parsing.scan import positions

DASHES = "—–－―‒ー"  # characters seen in place of the hyphen in phone numbers
# A web address written with spaces or full-width dots inside (www. example. gov. cn).
SPACED_URL = regex.compile(
    r"(?i)(?:https?://)?www(?:[ \t]*[.．][ \t]*[a-z0-9-]+){2,}(?:[ \t]*[.．][ \t]*(?:cn|com|net|org))?"
)

EMAIL = regex.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
STREET = regex.compile(r"[路街道巷弄号楼院村镇乡里坊座层室厦场园区]|\d")
CONTACT_WORDS = ("地址", "电话", "邮编", "邮政编码", "传真", "邮箱", "联系")
CONTACT_WORD = regex.compile("|".join(CONTACT_WORDS))
_NOT_DIGIT = regex.compile(r"\D")
_SPACES = regex.compile(r"\s+")
_MOBILE_OR_SERVICE = regex.compile(r"1[3-9]\d{9}|1\d{4}|400\d{7}|800\d{7}")
_DASH_BETWEEN_DIGITS = regex.compile(rf"\d[ \t]*[{DASHES}][ \t]*\d")
_DASH = regex.compile(rf"[ \t]*[{DASHES}][ \t]*")
_DASH_OR_HYPHEN = regex.compile(rf"[ \t]*[{DASHES}-][ \t]*")
_POSTCODE = regex.compile(r"[0-8]\d{5}")
_SIX_DIGITS = regex.compile(r"\d{6}")
_URL_SPACE_OR_WIDE_DOT = regex.compile(r"[ \t．]")
_BLANKS = regex.compile(r"[ \t]+")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", text))


def _written_form(raw: str) -> str:
    """How a number is written, dashes aside."""
    return _DASH_OR_HYPHEN.sub("-", unicodedata.normalize("NFKC", raw.strip()))


def _is_mobile_or_service(digits: str) -> bool:
    return bool(_MOBILE_OR_SERVICE.fullmatch(digits))


@check_kind(
    "phone-format",
    problem=Param("str", required=True, choices=("dash", "area-code"), doc="which form problem to report"),
    provides=("number", "kind", "kind_en", "fixed"),
)
def phone_format(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Phone and fax numbers: a hyphen (not a dash) after the area code; the area code written."""
    contact = report.contact
    for kind, kind_en, numbers in (("电话", "phone", contact.phones), ("传真", "fax", contact.faxes)):
        for number in numbers:
            raw = number.raw.strip()
            digits = _digits(raw)
            if params["problem"] == "dash":
                if _DASH_BETWEEN_DIGITS.search(raw):
                    fixed = _DASH.sub("-", raw)
                    yield Hit(number.span, {"number": raw, "kind": kind, "kind_en": kind_en, "fixed": fixed}, raw)
            elif len(digits) in (7, 8) and not digits.startswith("0") and not _is_mobile_or_service(digits):
                yield Hit(number.span, {"number": raw, "kind": kind, "kind_en": kind_en, "fixed": ""}, raw)


@check_kind("number-written-twice", provides=("number", "other", "other_line"))
def number_written_twice(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The same number written in two different forms in the contact block (dashes aside, which
    phone-format reports)."""
    contact = report.contact
    seen: dict[str, Field] = {}
    for number in [*contact.phones, *contact.faxes]:
        digits = _digits(number.raw)
        first = seen.get(digits)
        if first is None:
            seen[digits] = number
            continue
        if _written_form(number.raw) != _written_form(first.raw):
            yield Hit(
                number.span,
                {"number": number.raw.strip(), "other": first.raw.strip(), "other_line": first.span.start.line},
                number.raw.strip(),
            )


@check_kind("postcode-format", provides=("postcode",))
def postcode_format(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A postcode is six digits and does not start with 9."""
    postcode = report.contact.postcode
    if postcode is None:
        return
    raw = postcode.raw.strip()
    if not _POSTCODE.fullmatch(raw):
        yield Hit(postcode.span, {"postcode": raw}, raw)


@check_kind("email-format", provides=("email",))
def email_format(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """E-mail addresses are well-formed and written in half-width characters."""
    for email in report.contact.emails:
        raw = email.raw.strip().rstrip(".")
        if not EMAIL.fullmatch(raw):
            yield Hit(email.span, {"email": raw}, raw)


@check_kind("web-address-format", provides=("url", "fixed"))
def web_address_format(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Web addresses without spaces or full-width dots inside, and no empty link parentheses."""
    scope = scope_text(report, "text")
    if scope is None:
        return
    for m in SPACED_URL.finditer(scope.text):
        raw = m.group(0)
        if _URL_SPACE_OR_WIDE_DOT.search(raw):
            fixed = _BLANKS.sub("", raw).replace("．", ".")
            yield Hit(scope.span(report, m.start(), m.end()), {"url": raw, "fixed": fixed}, raw)
    text = scope.text
    for start, end in _empty_links(text, _opening_parentheses(report)):
        yield Hit(scope.span(report, start, end), {"url": text[start:end], "fixed": ""}, text[start:end])


OPEN, CLOSE = "（(", "）)"
BRACKET = regex.compile(r"[（()）]")
LINK_WORDS = frozenset(("网站", "网址", "门户", "平台", "链接", "下载"))
# A link word, blanks and an empty pair of parentheses (what _empty_links finds without a regex).
EMPTY_LINK = regex.compile(rf"(?:{'|'.join(sorted(LINK_WORDS))})[ \t]*[（(][ \t]*[)）]")


def _empty_links(text: str, openings: list[int]) -> Iterator[tuple[int, int]]:
    """The spans of ``EMPTY_LINK.finditer(text)``, found from the parentheses: every match is a
    link word, blanks and an empty pair of parentheses. (A few dozen parentheses a report: looked
    at character by character, cheaper than a regex call each.)"""
    size = len(text)
    for at in openings:
        pair_end = at + 1
        while pair_end < size and text[pair_end] in " \t":
            pair_end += 1
        if pair_end == size or text[pair_end] not in CLOSE:
            continue
        word_end = at
        while word_end > 0 and text[word_end - 1] in " \t":
            word_end -= 1
        if word_end >= 2 and text[word_end - 2 : word_end] in LINK_WORDS:
            yield word_end - 2, pair_end + 1


def _opening_parentheses(report: Report) -> list[int]:
    """Where the text of the report's ``text`` scope opens a parenthesis, in order (a report has a
    few dozen: str.find scans for them faster than a regex)."""
    return remembered(report, "text-opening-parentheses", _find_opening_parentheses)


def _find_opening_parentheses(report: Report) -> list[int]:
    scope = scope_text(report, "text")
    return positions(scope.text, OPEN) if scope is not None else []


@check_kind("unclosed-contact-parenthesis", provides=("opening",))
def unclosed_contact_parenthesis(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A parenthesis opened before the contact details (（地址：…电话：…) is closed again."""
    scope = scope_text(report, "text")
    if scope is None:
        return
    text = scope.text
    # What is still open at a line break stays open: per paragraph, the first parenthesis before
    # contact details that its paragraph never closes.
    reported_until = -1  # the end of the last paragraph reported
    for at in _openings_before_contact(text, _opening_parentheses(report)):
        if at < reported_until:
            continue
        paragraph_end = text.find("\n", at)
        if paragraph_end == -1:
            paragraph_end = len(text)
        if _closed(text, at, paragraph_end):
            continue
        reported_until = paragraph_end
        yield Hit(scope.span(report, at, at + 1), {"opening": text[at]}, text[at : at + 20])


def _openings_before_contact(text: str, openings: list[int]) -> list[int]:
    """The opening parentheses with a contact word among the next 39 characters."""
    return [at for at in openings if any(map(text[at + 1 : at + 40].__contains__, CONTACT_WORDS))]


def _closed(text: str, at: int, end: int) -> bool:
    """Whether the parenthesis opened at ``at`` is closed before ``end``."""
    depth = 0  # parentheses opened after it and not closed yet
    for m in BRACKET.finditer(text, at + 1, end):
        if m.group(0) in OPEN:
            depth += 1
        elif depth == 0:
            return True
        else:
            depth -= 1
    return False


@check_kind("address-form", provides=("address", "agency"))
def address_form(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The address names a street and number, not only the agency."""
    address = report.contact.address
    if address is None:
        return
    value = _SPACES.sub("", address.value)
    name = agency_name(report) or ""
    if not value or not STREET.search(value.removeprefix(name)) or (name and value == name):
        yield Hit(address.span, {"address": address.raw.strip(), "agency": name}, address.raw.strip())


def _agency_place(report: Report) -> tuple[str | None, str | None]:
    """(province, city) of the issuer (computed once per report: two rules ask)."""
    return remembered(report, "agency_place", _find_agency_place)


def _find_agency_place(report: Report) -> tuple[str | None, str | None]:
    province, city = place_of(agency_name(report) or "")
    if city is None:
        address = report.contact.address
        if address is not None:
            p2, c2 = place_of(address.value)
            if c2 is not None and (province is None or p2 == province):
                return p2, c2
            province = province or p2
    return province, city


@check_kind(
    "contact-region",
    item=Param("str", required=True, choices=("phone", "postcode"), doc="which contact item to place"),
    provides=("value", "region", "place"),
)
def contact_region(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The area code and the postcode belong to the issuer's own province (and, for area codes,
    city). Silent when either side cannot be placed."""
    province, city = _agency_place(report)
    if province is None:
        return
    place = city or province
    contact = report.contact
    if params["item"] == "postcode":
        if contact.postcode is None:
            return
        raw = contact.postcode.raw.strip()
        found = postcode_province(raw) if _SIX_DIGITS.fullmatch(raw) else None
        if found is not None and found != province:
            yield Hit(contact.postcode.span, {"value": raw, "region": found, "place": place}, raw)
        return
    for number in [*contact.phones, *contact.faxes]:
        code = area_code_of(number.raw)
        if code is None:
            continue
        code_province, cities = area_codes()[code]
        if code_province is None:
            continue
        mismatch = code_province != province or (city is not None and city not in cities)
        if mismatch:
            region = code_province + ("" if cities == (code_province + "市",) else "、".join(cities))
            yield Hit(number.span, {"value": number.raw.strip(), "region": region, "place": place}, number.raw.strip())
