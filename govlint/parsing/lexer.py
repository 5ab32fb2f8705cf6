"""Line classification: one token per line for grammars/report.lark.

Each physical line gets a kind (recorded in ``Report.lines``) and, unless it is blank, page chrome
or crawl metadata, one token. Context decides what a line is: ``一、本年新收政府信息公开申请数量``
is a section heading by its shape but a 表三 row label by its words and surroundings, so the
classifier keeps track of whether it is inside a table and of the heading sequence.

Flattened text (the whole body on one line, as some web crawls save it) is cut into segments at
the inline section headings it can recognise; each segment becomes one token with its own column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import add
from typing import NamedTuple

from lark import Token

from govlint.model import Diagnostic, Heading, Line, Position, Span
from govlint.parsing import labels
from govlint.parsing.numerals import chinese_to_int

_WS = " \t\u3000\u00a0\f\ufeff"
_WS_STARS = _WS + "*"

_HEADING_RE = re.compile(
    r"""
    (?P<lead>[ \t\u3000\u00a0\f]*(?P<md>\#{1,6})?[ \t\u3000]*(?P<bold>\*\*)?[ \t\u3000]*)
    (?:
        (?P<cn>[一二三四五六七八九十]{1,3})[ \t\u3000]*(?P<cnp>[、.．])
      | (?P<po>[（(])[ \t\u3000]*(?P<pcn>[一二三四五六七八九十]{1,3})[ \t\u3000]*[）)]
      | (?P<ar>\d{1,2})[ \t\u3000]*(?P<arp>[.．、])(?![\d.．])
      | (?P<pao>[（(])[ \t\u3000]*(?P<par>\d{1,2})[ \t\u3000]*[）)]
    )
    [ \t\u3000]*(?:\*\*)?[ \t\u3000]*
    """,
    re.X,
)
_HEADING_FIRST_CHARS = frozenset("一二三四五六七八九十（(0123456789#* \t\u3000")
_MD_PREFIX_RE = re.compile(r"[ \t\u3000]*#{1,6}[ \t\u3000]*")
_TITLE_STOP_RE = re.compile(r"[。！？；：:!?;]")
_TRAILING_NUMBERS_RE = re.compile(r"(?:[ \t\u3000]+[-+]?\d[\d,.]*)+[ \t\u3000]*$")
_EMBEDDED_ITEM_RE = re.compile(r"\d[.．、]")

_META_RE = re.compile(
    r"[ \t\u3000]*(?:(?:标题|发布时间|发布日期|成文日期|文号|发布机构|栏目|原文链接|本地目录|来源|索引号|"
    r"信息来源|浏览次数|访问次数|点击数|字号|主题分类|发文机关|生效日期|有效性|当前位置|您当前的位置|您现在的位置)"
    r"[ \t\u3000]*[:：]"
    r"|=+[^=]*=+[ \t\u3000]*$|正文[ \t\u3000]*$|页面链接与图片详见)"
)
_PAGE_NUMBER_RE = re.compile(
    r"[ \t\u3000\f]*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})[ \t\u3000\f]*$"
)
_DOWNLOAD_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".ofd")
_META_FIRST_CHARS = frozenset("标发成文栏原本来索信浏访点字主生有=正页当您")
_PAGE_NUMBER_FIRST_CHARS = frozenset("-—–－第0123456789")
_TRAILING_CHROME = ("政府信息公开年报", "打印", "关闭", "返回顶部", "【打印】", "【关闭】", "分享到", "扫一扫")
_NUMBERS = r"(?:[-+−]?\d[\d,，.]*(?:元|万元|%)?[ \t\u3000]*)+"
_NUMERIC_LINE_RE = re.compile(rf"{_NUMBERS}$")
# a table row by its text: numbers or a placeholder cell (—, /)
_ROW_LINE_RE = re.compile(rf"(?:{_NUMBERS}|[-—–/／~～]+)$")
_TITLE_RE = re.compile(r"(?:信息公开|政务公开).{0,12}(?:报告|年报)|年度报告|工作报告")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_DATE_ONLY_RE = re.compile(
    r"[ \t\u3000]*[(（]?[ \t\u3000]*(?:19|20)\d{2}[ \t\u3000]*年[ \t\u3000]*\d{1,2}[ \t\u3000]*月"
    r"[ \t\u3000]*\d{1,2}[ \t\u3000]*日[ \t\u3000]*[)）]?[ \t\u3000]*$"
)
_SENTENCE_PUNCT = frozenset("。，；：:;,！？!?")
_AGENCY_SUFFIXES = (
    "局", "委", "办", "府", "院", "室", "厅", "会", "部", "处", "中心", "政府", "街道", "镇", "乡",
    "区", "县", "市", "馆", "所", "站", "队", "署", "司", "办公室", "委员会", "管委会",
)  # fmt: skip

_INLINE_H1_RE = re.compile(r"([一二三四五六七八九十]{1,2})、")
_INLINE_DELIMITERS = frozenset(" \t\u3000。；;！!？?）)」”》:：")
_INLINE_H2_RE = re.compile(r"[（(]([一二三四五六七八九十]{1,2})[）)]")
_INLINE_H2_DELIMITERS = frozenset(" \t\u3000。；;！!？?")
_INLINE_TITLE_CUT_RE = re.compile(r"[\s。；;，,（(\d：:]")
_FLATTENED_MIN_LENGTH = 800
_HTML_TAG_RE = re.compile(r"<(?:p|div|table|tr|td|span|br|body|html)\b", re.I)
_SHORT_CELL = 45


@dataclass
class Lexed:
    lines: list[Line]
    tokens: list[Token]
    headings: dict[int, Heading] = field(default_factory=dict)  # by token start offset
    diagnostics: list[Diagnostic] = field(default_factory=list)
    flattened: bool = False
    title_meta: tuple[int, int, int] | None = None  # (line index, start col0, end col0) of 标题:
    # token start offset → True when a blank line precedes it (paragraph boundary)
    breaks: set[int] = field(default_factory=set)
    kinds: list[str] = field(default_factory=list)  # the kind of each line (as lines[i].kind)
    offsets: list[int] = field(default_factory=list)  # the offset of each line (as lines[i].offset)


class _Candidate(NamedTuple):
    """A line that looks like a numbered heading."""

    level: int
    number: str
    ordinal: int
    title: str  # as written
    title_start: int  # column (0-based) of the title in the line
    title_end: int
    num_start: int
    style: str
    trailing_numbers: bool
    norm: str  # the title normalised (labels.normalize), without trailing numbers
    table3_label: bool  # norm is a 表三 row label (labels.is_table3_label)


def _strip(text: str) -> str:
    return text.strip(_WS)


def _heading_candidate(text: str) -> _Candidate | None:
    if not text or text[0] not in _HEADING_FIRST_CHARS:
        return None
    # headings and table labels recur from report to report: short lines are read once per process
    return _read_short_heading(text) if len(text) <= _MEMO_MAX_LENGTH else _read_heading(text)


_MEMO_MAX_LENGTH = 80


def _read_heading(text: str) -> _Candidate | None:
    match = _HEADING_RE.match(text)
    if match is None:
        return None
    if match.group("cn"):
        level, number = 1, match.group("cn")
        ordinal = chinese_to_int(number)
        half = match.group("cnp") == "."
    elif match.group("pcn"):
        level, number = 2, match.group("pcn")
        ordinal = chinese_to_int(number)
        half = match.group("po") == "("
    elif match.group("ar"):
        level, number = 3, match.group("ar")
        ordinal = int(number)
        half = False  # "1." with a half-width dot is the standard form
    else:
        level, number = 4, match.group("par")
        ordinal = int(number)
        half = match.group("pao") == "("
    if ordinal is None or ordinal == 0:
        return None
    if match.group("md"):
        style = "halfwidth" if half else "markdown"
    elif half:
        style = "halfwidth"
    elif match.group("bold"):
        style = "bold"
    else:
        style = "fullwidth"
    rest_start = match.end()
    rest = text[rest_start:]
    # the title: up to a closing ** or the first sentence stop, else the whole (short) rest
    end = len(rest)
    bold_close = rest.find("**")
    if bold_close >= 0:
        end = bold_close
    stop = _TITLE_STOP_RE.search(rest, 0, end)
    if stop is not None:
        end = stop.start()
    title = rest[:end].rstrip(_WS_STARS)
    trailing = False
    numbers = _TRAILING_NUMBERS_RE.search(title)
    if (numbers is not None and numbers.start() > 0) or _NUMERIC_LINE_RE.match(_strip(rest) or "x"):
        trailing = True
    num_start = match.start("cn") if match.group("cn") else match.end("lead")
    # (what the classifier asks of every candidate: read once with the memoised candidate)
    norm = labels.normalize(_TRAILING_NUMBERS_RE.sub("", title) if trailing else title)
    return _Candidate(level, number, ordinal, title, rest_start, rest_start + len(title), num_start, style, trailing,
                      norm, labels.is_table3_label(norm))  # fmt: skip


_read_short_heading = lru_cache(maxsize=4096)(_read_heading)


_TABLE_START_FIRST_CHARS = frozenset("第(（本申统指信表行")
_TABLE_START_WORDS = (*labels.TABLE_START_NORMALIZED, "表二", "表三", "表四", "行政复议")
_TABLE_START_WORD_PREFIXES = frozenset(word[:end] for word in _TABLE_START_WORDS for end in range(1, len(word) + 1))
# the first two characters of each word: a line opening with two ideographs (the head below)
# can start a table only with one of these
_TABLE_START_OPENINGS = frozenset(word[:2] for word in _TABLE_START_WORDS)
assert all(len(word) >= 2 for word in _TABLE_START_WORDS)  # (else an opening could be one character)
# CJK unified ideographs are left alone by NFKC and by labels.normalize, whatever follows them
_LEADING_IDEOGRAPHS_RE = re.compile("[\u4e00-\u9fff]*")
_TWO_IDEOGRAPHS_RE = re.compile("[\u4e00-\u9fff]{2}")


def _is_table_start(stripped: str) -> bool:
    text = _MD_PREFIX_RE.sub("", stripped, count=1) if stripped.startswith("#") else stripped
    if not text or text[0] not in _TABLE_START_FIRST_CHARS:
        return False
    if text[:2] not in _TABLE_START_OPENINGS and _TWO_IDEOGRAPHS_RE.match(text):
        return False  # (what the head test below decides, without the longer match)
    # the normalised text starts with the leading ideographs as written: a paragraph whose first
    # words already rule out every table-start word is not normalised (long lines cost the most)
    leading = _LEADING_IDEOGRAPHS_RE.match(text)
    head = text[: leading.end()] if leading is not None else ""
    if head and not (head.startswith(_TABLE_START_WORDS) or head in _TABLE_START_WORD_PREFIXES):
        return False
    norm = labels.normalize(text)
    if norm.startswith(labels.TABLE_START_NORMALIZED) and len(norm) <= 60:
        return True
    if norm.startswith(("表二", "表三", "表四")) and len(norm) <= 30:
        return True
    return norm == "行政复议" or (norm.startswith("行政复议") and "行政诉讼" in norm and len(norm) <= 20)


# what a line (as written: whitespace included) opens with when it may be a heading candidate
# (_heading_candidate), a row of numbers (_ROW_LINE_RE: besides decimal digits) or a table start
# (_is_table_start, possibly after a markdown prefix)
_STRUCTURE_FIRST_CHARS = _HEADING_FIRST_CHARS | frozenset("-+−—–/／~～#" + _WS) | _TABLE_START_FIRST_CHARS


def _is_short_cell(stripped: str) -> bool:
    return len(stripped) <= _SHORT_CELL and "。" not in stripped


def _looks_like_agency_line(stripped: str) -> bool:
    return 2 <= len(stripped) <= 30 and _SENTENCE_PUNCT.isdisjoint(stripped) and stripped.endswith(_AGENCY_SUFFIXES)


def _token(type_: str, value: str, start_pos: int, line: int, column: int, end_line: int, end_column: int,
           end_pos: int) -> Token:  # fmt: skip
    """``Token(type_, value, start_pos, ...)``: the same token, its slots set here (Token's own
    constructor goes through two Python calls and an argument dict: most of a line's cost)."""
    token = _new_str(Token, value)
    token.type = type_
    token.value = value
    token.start_pos = start_pos
    token.line = line
    token.column = column
    token.end_line = end_line
    token.end_column = end_column
    token.end_pos = end_pos
    return token


_new_str = str.__new__
_HEADING_TOKEN_TYPES = ("", "H1", "H2", "H3", "H4")  # by depth


def _chrome_kind(line: str, stripped: str) -> str | None:
    """``"meta"`` for crawl metadata (标题：…), ``"chrome"`` for a page number or a download link,
    else None (a line of the report itself)."""
    if stripped[0] in _META_FIRST_CHARS and _META_RE.match(line):
        return "meta"
    if (stripped[0] in _PAGE_NUMBER_FIRST_CHARS and not stripped.isdigit() and _PAGE_NUMBER_RE.match(line)) or (
        stripped[-1] in _DOWNLOAD_LAST_CHARS and stripped.lower().endswith(_DOWNLOAD_SUFFIXES)
    ):
        return "chrome"
    return None


# a page number starts with a dash, or holds 页 (第 3 页) or a slash (3/12)
_DASHES = frozenset("-—–－")
_DOWNLOAD_LAST_CHARS = frozenset("fcxsFCXS")


def _trailing_chrome(content: list[int], stripped: list[str]) -> list[int]:
    """The last lines (up to four) when they are a web page's links (打印, 关闭 …), last first."""
    found: list[int] = []
    for index in reversed(content[-4:]):
        text = stripped[index]
        if len(text) <= 14 and text.startswith(_TRAILING_CHROME):
            found.append(index)
        else:
            break
    return found


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        raw = text.split("\n")
        if raw and raw[-1] == "" and len(raw) > 1:
            raw.pop()
        self.raw = raw
        # offset of line i = the lengths of the lines before it + their i newlines
        self.offsets = list(map(add, accumulate(map(len, raw), initial=0), range(len(raw))))
        self.kinds = ["blank"] * len(raw)  # (run gives every line with text its kind)
        self.tokens: list[Token] = []
        self.headings: dict[int, Heading] = {}
        self.diagnostics: list[Diagnostic] = []
        self.breaks: set[int] = set()
        self.stack: list[int] = []  # heading levels (1-4) currently open, outermost first
        self.top_ordinal = 0
        self.sub_ordinal = 0
        self.in_table = False
        self.blank_before = True
        self.flattened = False
        self.title_meta: tuple[int, int, int] | None = None
        # the table lines not yet emitted: first and last line index (-1: none), blank line before
        self.row_first = -1
        self.row_last = -1
        self.row_blank = False

    # -- tokens -------------------------------------------------------------------------------
    def _emit_row(self, index: int) -> None:
        """Table lines: consecutive ones (blank lines and page chrome between them included) make
        one TABLE token, so a table costs the parser one step however it is laid out."""
        self.kinds[index] = "table_row"
        if self.row_first < 0:
            self.row_first = index
            self.row_blank = self.blank_before
        self.row_last = index
        self.blank_before = False

    def _flush_row(self) -> None:
        first, last = self.row_first, self.row_last
        if first < 0:
            return
        self.row_first = -1
        first_line, last_line = self.raw[first], self.raw[last]
        start = len(first_line) - len(first_line.lstrip(_WS))
        end = len(last_line.rstrip(_WS))
        begin = self.offsets[first] + start
        finish = self.offsets[last] + end
        token = _token("TABLE", self.text[begin:finish], begin, first + 1, start + 1, last + 1, end + 1, finish)
        if self.row_blank:
            self.breaks.add(begin)
        self.tokens.append(token)

    def _emit(self, type_: str, index: int, start: int, end: int, value: str | None = None) -> Token:
        """The token for ``line[start:end]`` (``value``, when the caller has that text at hand)."""
        if self.row_first >= 0:
            self._flush_row()
        line_offset = self.offsets[index]
        if value is None:
            value = self.raw[index][start:end]
        # (_token's work, written out: a report emits a token for most lines that are not cells)
        token = _new_str(Token, value)
        token.type = type_
        token.value = value
        token.start_pos = begin = line_offset + start
        token.line = token.end_line = index + 1
        token.column = start + 1
        token.end_column = end + 1
        token.end_pos = line_offset + end
        if self.blank_before:
            self.breaks.add(begin)
        self.blank_before = False
        self.tokens.append(token)
        return token

    def _emit_line(self, index: int, kind: str, stripped: str) -> None:
        """The whole line (``stripped``: without the whitespace around it) as one TEXT token."""
        self.kinds[index] = kind
        line = self.raw[index]
        if len(stripped) == len(line):
            self._emit("TEXT", index, 0, len(line), stripped)
            return
        start = len(line) - len(line.lstrip(_WS))
        self._emit("TEXT", index, start, start + len(stripped), stripped)

    def _depth(self, level: int) -> int:
        """The nesting depth (1-4) of a heading of ``level``, the stack of open headings updated."""
        stack = self.stack
        if level in stack:
            del stack[stack.index(level) + 1 :]
        else:
            while stack and stack[-1] > level:
                stack.pop()
            stack.append(level)
        return min(len(stack), 4)

    def _emit_heading(self, index: int, cand: _Candidate, start: int, end: int, line_end: int) -> None:
        """Emit heading token for line[start:end] and the rest of the line (if any) as TEXT."""
        depth = self._depth(cand.level)
        self._emit(_HEADING_TOKEN_TYPES[depth], index, start, end)
        line_no = index + 1
        offset = self.offsets[index]
        span = Span(Position(line_no, start + 1, offset + start), Position(line_no, end + 1, offset + end))
        self.headings[offset + start] = Heading(
            cand.level,
            cand.number,
            cand.ordinal,
            cand.title.strip(_WS_STARS),
            self.raw[index][start:end],
            span,
            cand.style,
        )
        if cand.level == 1 and depth == 1:
            self.top_ordinal = cand.ordinal
            self.sub_ordinal = 0
        if end >= line_end:
            return  # (the heading is the whole line: no text after it)
        rest = self.raw[index][end:line_end]
        stripped = rest.lstrip(_WS + "。：:；;！？*")
        if stripped.strip(_WS):
            rest_start = line_end - len(stripped)
            rest_end = line_end - (len(stripped) - len(stripped.rstrip(_WS)))
            self._emit("TEXT", index, rest_start, rest_end)

    # -- passes -------------------------------------------------------------------------------
    def run(self) -> Lexed:
        raw = self.raw
        stripped = list(map(str.strip, raw, repeat(_WS, len(raw))))
        filled = list(compress(range(len(raw)), stripped))  # the lines with text, blank ones left out
        ends = self._title_and_signature(filled, stripped)
        kinds = self.kinds
        after_previous = 0  # the index after the previous line with text: a gap is a blank line
        for index in filled:
            if index != after_previous:
                self.blank_before = True
            after_previous = index + 1
            text = stripped[index]
            if index in ends:
                token_type, kind = ends[index]
                if token_type is None:
                    kinds[index] = kind
                else:
                    self._emit_title_line(index, token_type, kind)
                continue
            first = text[0]
            if text.isdigit():  # a number by itself (never metadata, chrome nor flattened text)
                if not self.in_table:
                    self._classify(index, text)
                    continue
            elif (
                first in _META_FIRST_CHARS
                or (first in _PAGE_NUMBER_FIRST_CHARS and (first in _DASHES or "页" in text or "/" in text))
                or text[-1] in _DOWNLOAD_LAST_CHARS
            ) and (chrome := _chrome_kind(raw[index], text)):
                kinds[index] = chrome
                if chrome == "meta" and self.title_meta is None and text.startswith("标题"):
                    self._title_meta(index)
                continue
            elif len(text) >= _FLATTENED_MIN_LENGTH and self._flattened(index, first=not self.tokens):
                continue
            elif not (
                "\t" in text  # tab- or pipe-separated cells: a row whatever it starts with
                or first == "|"
                # inside a table, short text that cannot start a heading: a cell (_is_short_cell, written out)
                or (
                    self.in_table
                    and first not in _HEADING_FIRST_CHARS
                    and len(text) <= _SHORT_CELL
                    and "。" not in text
                )
            ):
                self._classify(index, text)
                continue
            # a table line (_emit_row's work, written out: most lines of a report are table lines)
            self.in_table = True
            kinds[index] = "table_row"
            if self.row_first < 0:
                self.row_first = index
                self.row_blank = self.blank_before
            self.row_last = index
            self.blank_before = False
        self._flush_row()
        return Lexed(
            # (offsets and kinds have one entry per line of raw)
            lines=list(map(Line, range(1, len(raw) + 1), self.offsets, raw, kinds)),
            tokens=self.tokens,
            headings=self.headings,
            diagnostics=self.diagnostics,
            flattened=self.flattened,
            title_meta=self.title_meta,
            breaks=self.breaks,
            kinds=kinds,
            offsets=self.offsets,
        )

    def _title_meta(self, index: int) -> None:
        line = self.raw[index]
        colon = max(line.find(":"), line.find("："))
        value = line[colon + 1 :]
        begin = colon + 1 + (len(value) - len(value.lstrip(_WS)))
        self.title_meta = (index, begin, len(line.rstrip(_WS)))

    def _title_and_signature(self, filled: list[int], stripped: list[str]) -> dict[int, tuple[str | None, str]]:
        """Line index → (token type, kind) of the title block, the signature and the trailing page
        chrome (token type None): what the first and last lines of the report are."""
        content = self._content_ends(filled, stripped)
        chrome = _trailing_chrome(content, stripped)
        if chrome:
            del content[-len(chrome) :]
        found: dict[int, tuple[str | None, str]] = dict.fromkeys(chrome, (None, "chrome"))
        title_kinds = self._find_title(content, stripped)
        signature_kinds = self._find_signature(content, stripped, set(title_kinds))
        found.update(title_kinds)
        for index, token_type in signature_kinds.items():
            found[index] = (token_type, "signature")
        return found

    def _content_ends(self, filled: list[int], stripped: list[str]) -> list[int]:
        """The lines of the report itself (not blank, metadata nor chrome) that the title block and
        the signature can be among: the first five and the last seven (all of them when fewer)."""
        raw = self.raw
        head: list[int] = []
        for index in filled:
            if _chrome_kind(raw[index], stripped[index]) is None:
                head.append(index)
                if len(head) == 5:
                    break
        floor = head[-1] if head else -1
        tail: list[int] = []
        for index in reversed(filled):
            if index <= floor or len(tail) == 7:
                break
            if _chrome_kind(raw[index], stripped[index]) is None:
                tail.append(index)
        tail.reverse()
        return head + tail

    def _emit_title_line(self, index: int, token_type: str, kind: str) -> None:
        line = self.raw[index]
        start = len(line) - len(line.lstrip(_WS))
        if token_type in ("TITLE", "TITLE_HEAD"):
            md = _MD_PREFIX_RE.match(line)
            if md is not None and "#" in md.group(0):
                start = md.end()
        end = len(line.rstrip(_WS))
        self.kinds[index] = kind
        self._emit(token_type, index, start, end)

    def _find_title(self, content: list[int], stripped: list[str]) -> dict[int, tuple[str, str]]:
        found: dict[int, tuple[str, str]] = {}
        if not content:
            return found

        def plain(i: int) -> str:
            text = stripped[i]
            return _MD_PREFIX_RE.sub("", text, count=1) if text.startswith("#") else text

        def title_like(text: str) -> bool:
            return len(text) <= 80 and "。" not in text and _TITLE_RE.search(text) is not None

        first = content[0]
        head = plain(first)
        if _heading_candidate(stripped[first]) is not None and not stripped[first].startswith("#"):
            return found
        position = 0
        if title_like(head) and _YEAR_RE.search(head):
            found[first] = ("TITLE", "title")
            position = 1
        elif len(content) > 1:
            second = content[1]
            tail = plain(second)
            if (
                len(head) <= 40
                and len(tail) <= 60
                and "。" not in head
                and _heading_candidate(tail) is None
                and title_like(head + tail)
                and _YEAR_RE.search(head + tail)
            ):
                found[first] = ("TITLE_HEAD", "title")
                found[second] = ("TITLE", "title")
                position = 2
        if not found:
            return found
        if position < len(content) and _looks_like_agency_line(stripped[content[position]]):
            following = content[position + 1] if position + 1 < len(content) else None
            if following is not None and _DATE_ONLY_RE.match(stripped[following]):
                found[content[position]] = ("BYLINE", "byline")
                position += 1
        if position < len(content) and _DATE_ONLY_RE.match(stripped[content[position]]):
            found[content[position]] = ("TITLE_DATE", "title_date")
        return found

    def _find_signature(self, content: list[int], stripped: list[str], taken: set[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        if not content or content[-1] in taken:
            return found
        last = content[-1]
        if not _DATE_ONLY_RE.match(stripped[last]):
            return found
        found[last] = "SIGN_DATE"
        for index in reversed(content[-3:-1]):
            if index in taken or _heading_candidate(stripped[index]) is not None:
                break
            if _looks_like_agency_line(stripped[index]) and len(stripped[index]) >= 4:
                found[index] = "SIGN_NAME"
            else:
                break
        return found

    # -- ordinary lines -----------------------------------------------------------------------
    def _classify(self, index: int, text: str) -> None:
        """A line that is not a cell of the table being read nor tab- or pipe-separated (run takes
        those)."""
        line = self.raw[index]
        has_tab = "\t" in line  # trailing tabs too: "一、主动公开情况\t\t" is a 统计表 row
        opening = line[0]
        if not has_tab and opening not in _STRUCTURE_FIRST_CHARS and not opening.isdecimal():
            # (most paragraphs) no heading, row of numbers nor table start can open so: what the
            # tests below decide, without them
            if self.in_table and _is_short_cell(text):
                self._emit_row(index)
                return
            self.in_table = False
            self._emit_line(index, "paragraph", text)
            return
        cand = _heading_candidate(line)
        if cand is not None:
            self._classify_heading(index, text, cand, 0, has_tab)
            return
        if has_tab or _ROW_LINE_RE.match(text) or _is_table_start(text):
            self.in_table = True
            self._emit_row(index)
            return
        if self.in_table and _is_short_cell(text):
            self._emit_row(index)
            return
        self.in_table = False
        self._emit_line(index, "md_heading" if text[0] == "#" else "paragraph", text)

    def _classify_heading(self, index: int, text: str, cand: _Candidate, shift: int, has_tab: bool) -> None:
        title_norm = cand.norm
        as_row = False
        if "\t" in text or text.startswith("|"):
            as_row = True
        elif has_tab:  # only trailing tabs: a row unless it reads as a section title outside a table
            as_row = self.in_table or not (cand.level == 1 and labels.is_section_title(title_norm))
        elif cand.table3_label:
            as_row = True
        elif self.in_table:
            if cand.level >= 3:
                as_row = True
            elif cand.level == 2:
                as_row = (
                    len(title_norm) < 4
                    or cand.trailing_numbers
                    or labels.is_stat_label(title_norm)
                    or _EMBEDDED_ITEM_RE.search(title_norm) is not None
                )
            else:
                as_row = (
                    len(title_norm) < 2
                    or cand.trailing_numbers
                    or (labels.is_stat_label(title_norm) and cand.ordinal != self.top_ordinal + 1)
                )
        elif cand.level == 1 and labels.is_stat_label(title_norm) and self.top_ordinal:
            as_row = cand.ordinal != self.top_ordinal + 1
        elif cand.trailing_numbers and cand.level >= 2:
            as_row = True
        if as_row:
            self.in_table = True
            self._emit_row(index)
            return
        if not title_norm:
            self._emit_line(index, "paragraph", text)
            return
        self.in_table = False
        line = self.raw[index]
        start = cand.num_start + shift
        title_end = cand.title_end + shift
        # keep the sentence stop that closes an inline heading ("（一）主动公开情况。…") in the heading
        end = title_end
        while end < len(line) and line[end] in "*":
            end += 1
        if end < len(line) and line[end] in "。：:":
            end += 1
        self.kinds[index] = "heading"
        line_end = len(line.rstrip(_WS))
        self._emit_heading(index, cand, start, min(end, line_end) if end > start else line_end, line_end)

    # -- flattened text -----------------------------------------------------------------------
    def _flattened(self, index: int, first: bool) -> bool:
        line = self.raw[index]
        cuts: list[tuple[int, int, _Candidate]] = []  # (start, end, candidate)
        ordinal = 0
        for match in _INLINE_H1_RE.finditer(line):
            value = chinese_to_int(match.group(1))
            if value is None:
                continue
            title = _inline_title(line, match.end(), 40)
            if not title:
                continue
            norm = labels.normalize(title)
            if labels.is_table3_label(norm) or labels.is_stat_label(norm):
                continue
            start = match.start(1)
            delimited = start == 0 or line[start - 1] in _INLINE_DELIMITERS
            known = labels.is_section_title(norm)
            if not ((delimited and value == ordinal + 1) or (known and value > ordinal)):
                continue
            ordinal = value
            cand = _Candidate(1, match.group(1), value, title, match.end(), match.end() + len(title),
                              match.start(1), "fullwidth", False, norm, False)  # fmt: skip
            cuts.append((match.start(1), match.end() + len(title), cand))
        if len(cuts) < 2:
            return False
        # second-level headings written with a space after them: "（一）主动公开方面 平潭…"
        subs: list[tuple[int, int, _Candidate]] = []
        bounds = [c[0] for c in cuts] + [len(line)]
        for number, (start, h1_end, _cand) in enumerate(cuts):
            expected = 1
            for match in _INLINE_H2_RE.finditer(line, start, bounds[number + 1]):
                at = match.start()
                # after a sentence stop or a space, or right after the section's own heading
                if not (at == h1_end or line[at - 1] in _INLINE_H2_DELIMITERS):
                    continue
                value = chinese_to_int(match.group(1))
                title = _inline_title(line, match.end(), 24, need_end=False)
                if value != expected or not title or len(title) < 2:
                    continue
                norm = labels.normalize(title)
                if labels.is_table3_label(norm) or labels.is_stat_label(norm):
                    continue
                expected += 1
                half = line[match.start()] == "("
                cand = _Candidate(2, match.group(1), value, title, match.end(), match.end() + len(title),
                                  match.start(), "halfwidth" if half else "fullwidth", False, norm, False)  # fmt: skip
                subs.append((match.start(), match.end() + len(title), cand))
        self.flattened = True
        self.kinds[index] = "flattened"
        offset = self.offsets[index]
        where = Span(Position(index + 1, 1, offset), Position(index + 1, len(line) + 1, offset + len(line)))
        if "<" in line and _HTML_TAG_RE.search(line):  # (a case-blind scan is slow: look for < first)
            diagnostic = Diagnostic(
                "html",
                "文件是网页源码（HTML），已按文本读取，位置以源码为准；建议另存为纯文本后再检查 "
                "(the file is HTML: it was read as text, positions refer to the markup).",
                where,
            )
        else:
            diagnostic = Diagnostic(
                "flattened",
                "正文被压成一行（网页抓取丢失了换行），章节按行内标题识别，表格数字可能粘连，无法可靠拆分 "
                "(the body is flattened onto one line: sections were found from inline headings; "
                "table digits may run together).",
                where,
            )
        self.diagnostics.append(diagnostic)
        pieces = sorted(cuts + subs)
        cursor = 0
        first_start = pieces[0][0]
        lead = line[:first_start]
        if lead.strip(_WS):
            lead_start = len(lead) - len(lead.lstrip(_WS))
            if first and not self.tokens:
                title_match = re.match(r"[ \t\u3000]*(\S{4,80}?(?:年度报告|年报))(?=[\s　])", lead)
                if title_match and _YEAR_RE.search(title_match.group(1)):
                    self._emit("TITLE", index, title_match.start(1), title_match.end(1))
                    lead_start = title_match.end(1)
                    lead_start += len(line[lead_start:first_start]) - len(line[lead_start:first_start].lstrip(_WS))
            if line[lead_start:first_start].strip(_WS):
                self._emit("TEXT", index, lead_start, len(line[:first_start].rstrip(_WS)))
        for number, (start, end, cand) in enumerate(pieces):
            cursor = pieces[number + 1][0] if number + 1 < len(pieces) else len(line)
            self._emit_heading(index, cand, start, end, len(line[:cursor].rstrip(_WS)))
        return True


def _inline_title(line: str, start: int, limit: int, need_end: bool = True) -> str:
    window = line[start : start + limit]
    cut = _INLINE_TITLE_CUT_RE.search(window)
    candidate = window[: cut.start()] if cut else window
    best = -1
    for word in labels.TITLE_END_WORDS:
        position = candidate.rfind(word)
        if position >= 0:
            best = max(best, position + len(word))
    if best > 0:
        return candidate[:best]
    if need_end:
        return candidate if cut is not None and len(candidate) <= 12 else ""
    return candidate if cut is not None else ""


def lex(text: str) -> Lexed:
    return _Lexer(text).run()
