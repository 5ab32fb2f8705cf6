"""The contact block (地址/邮编/电话/传真/电子邮箱/网址) and cited document numbers (文号).

Values keep what the report wrote (``0951—3050375`` stays with its em dash) so that rules can
judge the form; ``Field.value`` only drops whitespace and line breaks (PDF text wraps anywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint.model import Contact, Field
from govlint.parsing.positions import Locator
from govlint.parsing.scan import occurrences

_LABELS = {
    "address": ("联系地址", "通讯地址", "通信地址", "办公地址", "地址"),
    "postcode": ("邮政编码", "邮编"),
    "phone": ("联系电话", "咨询电话", "电话号码", "电话"),
    "fax": ("传真号码", "传真"),
    "email": ("电子邮箱", "电子信箱", "电子邮件", "邮箱", "E-mail", "Email", "email", "EMAIL"),
    "website": ("网址", "网站地址", "门户网站"),
}
_KIND_OF_LABEL = {word: kind for kind, words in _LABELS.items() for word in words}  # (no word has two kinds)
_LABEL_LENGTHS = sorted({len(word) for word in _KIND_OF_LABEL}, reverse=True)  # longest first: 电子邮箱, not 邮箱
_LABEL_WINDOW = 12
_STOP = "；;，,。）)】\\]"
_ADDRESS_RE = re.compile(rf"[^{_STOP}\n]+(?:\n[^{_STOP}\n:：]+(?=[{_STOP}]))?")
_DIGITS_RE = re.compile(r"\d[\d \t\u3000]*\d|\d")
_PHONE_RE = re.compile(r"[(（]?\d[\d()（）\-—－–~ \t\u3000]*\d(?:[ \t\u3000]*转[ \t\u3000]*\d+)?")
_PHONE_RUN_RE = re.compile(rf"(?:{_PHONE_RE.pattern})(?:[ \t\u3000]*[、/或和,，][ \t\u3000]*(?:{_PHONE_RE.pattern}))*")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+[ \t\u3000]*[@＠][ \t\u3000]*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_URL_RE = re.compile(
    r"https?://[^\s）)\]】，,；;。\"'<>（(]+|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:/[^\s）)\]，,；;。（(]*)?"
)
_WS_RE = re.compile(r"[\s\u3000]+")
_EMAIL_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_EMPTY_URL_WORDS = ("网站", "网址", "网页", "门户", "下载")
_EMPTY_URL_RE = re.compile(rf"(?:{'|'.join(_EMPTY_URL_WORDS)})[ \t\u3000]*([（(][ \t\u3000]*[)）])")


def _field(text: str, start: int, end: int, locate: Locator) -> Field:
    raw = text[start:end]
    return Field(_WS_RE.sub("", raw), raw, locate.span(start, end))


def _label_kind(window: str) -> str | None:
    """The kind of the longest label ``window`` ends with (a dict lookup per label length)."""
    for length in _LABEL_LENGTHS:
        kind = _KIND_OF_LABEL.get(window[-length:])
        if kind is not None:
            return kind
    return None


def _email_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_EMAIL_RE.finditer(text, start, end)``, the pattern tried only before each ``@``.

    A match is a run of local-part characters, optional spaces, then ``@``/``＠``: from any
    position of that run it matches alike, so finditer's match starts where the run starts (or
    at ``start``/the previous match's end). Walking back from each ``@`` finds that position
    without trying every digit of the tables.
    """
    pos = start
    for at in occurrences(text, "@＠", start, end):
        if at < pos:
            continue
        first = at
        while first > pos and text[first - 1] in " \t\u3000":
            first -= 1
        local_end = first
        while first > pos and text[first - 1] in _EMAIL_LOCAL_CHARS:
            first -= 1
        if first == local_end:
            continue
        match = _EMAIL_RE.match(text, first, end)
        if match is not None:
            yield match
            pos = match.end()


def _url_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_URL_RE.finditer(text, start, end)``: every match holds ``http`` or ``www.``."""
    if text.find("http", start, end) < 0 and text.find("www.", start, end) < 0:
        return iter(())
    return _URL_RE.finditer(text, start, end)


def _empty_url_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_EMPTY_URL_RE.finditer(text, start, end)``, the pattern tried only where one of its
    words is written (str.find per word instead of the regex at every character)."""
    pos = start
    for at in occurrences(text, _EMPTY_URL_WORDS, start, end):
        if at < pos:
            continue
        match = _EMPTY_URL_RE.match(text, at, end)
        if match is not None:
            yield match
            pos = match.end()


def find_contact(text: str, locate: Locator, start: int, end: int) -> Contact:
    """Contact items labelled with a colon in ``text[start:end]`` (the preamble, usually)."""
    contact = Contact()
    seen: set[int] = set()
    for colon in occurrences(text, ":：", start, end):
        # the label is written just before the colon, possibly with spaces or a line break inside
        window = _WS_RE.sub("", text[max(start, colon - _LABEL_WINDOW) : colon])
        kind = _label_kind(window)
        if kind is None:
            continue
        value_start = colon + 1
        while value_start < end and text[value_start] in " \t\u3000\n":
            value_start += 1
        if value_start >= end or text[value_start] in _STOP or text[value_start] == "\n":
            # 地址：； — the label is there but the value is missing: keep it, empty, for the rules
            empty = _field(text, colon + 1, colon + 1, locate)
            if kind == "address" and contact.address is None:
                contact.address = empty
            elif kind == "postcode" and contact.postcode is None:
                contact.postcode = empty
            elif kind == "phone":
                contact.phones.append(empty)
            elif kind == "fax":
                contact.faxes.append(empty)
            continue
        if kind == "address":
            match = _ADDRESS_RE.match(text, value_start, end)
            if match and contact.address is None:
                value_end = match.start() + len(match.group(0).rstrip(" \t\u3000\n"))
                if value_end > value_start:
                    contact.address = _field(text, value_start, value_end, locate)
        elif kind == "postcode":
            match = _DIGITS_RE.match(text, value_start, end)
            if match and contact.postcode is None:
                contact.postcode = _field(text, match.start(), match.end(), locate)
        elif kind in ("phone", "fax"):
            run = _PHONE_RUN_RE.match(text, value_start, end)
            if run:
                target = contact.phones if kind == "phone" else contact.faxes
                for phone in _PHONE_RE.finditer(text, run.start(), run.end()):
                    target.append(_field(text, phone.start(), phone.end(), locate))
        elif kind == "email":
            match = _EMAIL_RE.match(text, value_start, end)
            if match and match.start() not in seen:
                seen.add(match.start())
                contact.emails.append(_field(text, match.start(), match.end(), locate))
        elif kind == "website":
            match = _URL_RE.match(text, value_start, end)
            if match and match.start() not in seen:
                seen.add(match.start())
                contact.websites.append(_field(text, match.start(), match.end(), locate))
    for match in _email_matches(text, start, end):
        if match.start() not in seen:
            seen.add(match.start())
            contact.emails.append(_field(text, match.start(), match.end(), locate))
    for match in _url_matches(text, start, end):
        if match.start() in seen or any(
            e.span.start.offset <= match.start() < e.span.end.offset for e in contact.emails
        ):
            continue
        seen.add(match.start())
        contact.websites.append(_field(text, match.start(), match.end(), locate))
    for match in _empty_url_matches(text, start, end):
        # "可在政府网站（）下载", "下载()": the address of the electronic version was left out
        contact.websites.append(Field("", match.group(1), locate.span(match.start(1), match.end(1))))
    contact.emails.sort(key=lambda f: f.span.start.offset)
    contact.websites.sort(key=lambda f: f.span.start.offset)
    fields = [
        f
        for f in (contact.address, contact.postcode, *contact.phones, *contact.faxes, *contact.emails)
        if f is not None
    ]
    if fields:
        first = min(fields, key=lambda f: f.span.start.offset)
        last = max(fields, key=lambda f: f.span.end.offset)
        contact.span = type(first.span)(first.span.start, last.span.end)
    return contact


def has_contact(contact: Contact) -> bool:
    return bool(contact.address or contact.postcode or contact.phones or contact.faxes or contact.emails)


_NOTICE_CORE_RE = re.compile(
    # (the lookahead lets the scan skip at once the positions where no alternative can start)
    r"(?=[〔\[［【(（12第 \t\u3000])(?:"
    # 〔2021〕30号 and its bracket variants, 〔21〕, 第30号, …〔2020〕34）号
    r"[〔\[［【(（][ \t\u3000]*(?:19|20)?\d{2}[ \t\u3000]*[〕\]］】)）][ \t\u3000]*第?[ \t\u3000]*\d{1,5}"
    r"[ \t\u3000]*[)）]?[ \t\u3000]*号"
    # brackets lost in extraction: 国办公开办函202130 号, 裕政〔201510号
    r"|(?<=[函发字办文规通复批〔])(?:19|20)\d{2}[ \t\u3000]*\d{1,4}[ \t\u3000]*号"
    # 国务院令第711号, 国令第 711 号
    r"|(?<=令)[ \t\u3000]*第[ \t\u3000]*\d{1,5}[ \t\u3000]*号)"
)
# What a document number is made of, 号 aside: a match holds only these before its 号.
_NOTICE_CHARS = frozenset(" \t\u3000〔[［【(（〕]］】)）第")  # and digits (\d: str.isdecimal)
_ORG_MAX = 12


def _notice_matches(text: str) -> Iterator[re.Match[str]]:
    """``_NOTICE_CORE_RE.finditer(text)``, the pattern tried only just before each 号.

    Every match ends at the first 号 after its start and holds only ``_NOTICE_CHARS`` before it,
    so it starts within the run of those characters that ends at a 号: searching that run alone
    (to the 号) finds the same matches in the same order, without trying every digit of the tables.
    """
    search = _NOTICE_CORE_RE.search
    end = text.find("号")
    while end >= 0:
        start = end
        while start > 0 and (text[start - 1] in _NOTICE_CHARS or text[start - 1].isdecimal()):
            start -= 1
        if start < end:
            match = search(text, start, end + 1)
            if match is not None:
                yield match
        end = text.find("号", end + 1)


_ORG_BREAK_RE = re.compile(r"(?:关于|通知|意见|办法|规定|决定|报告|印发|转发|根据|按照|依据|要点|的|号|和|及|与|或)")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "〔"


def find_notices(text: str, locate: Locator) -> list[Field]:
    """Cited document numbers: the bracketed year and number are found first, then the issuing
    office's code (机关代字) is read backwards from there."""
    notices: list[Field] = []
    for match in _notice_matches(text):
        start = match.start()
        while start > 0 and match.start() - start < _ORG_MAX and _is_han(text[start - 1]):
            start -= 1
        if start == match.start():
            continue
        head = text[start : match.start()]
        last_break = None
        for brk in _ORG_BREAK_RE.finditer(head):
            last_break = brk
        if last_break is not None:
            start += last_break.end()
        if start == match.start() or (text[match.start()] not in "〔[［【(（" and match.start() - start > _ORG_MAX):
            continue
        notices.append(_field(text, start, match.end(), locate))
    return notices
