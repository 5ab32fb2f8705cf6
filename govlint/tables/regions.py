"""Where each table is: line ranges found from anchors, independent of how the parser read headings.

Table rows such as ``一、本年新收政府信息公开申请数量`` look like section headings, so the regions
are found here from table anchors (表二 captions, the 表三 corner note, the 表四 header, the 统计表
header) and end at the next real section heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from govlint.model import Line
from govlint.tables.text import is_value_text
from govlint.templates import LabelMatcher, label_core, load_template, normalize_label

CAPTION = re.compile(r"第二十条第?\(?([一二三四五六七八九十]{1,3})\)?项")  # on normalised text
RAW_CAPTION = re.compile(r"第二十条\s*第?\s*[（(]?\s*[一二三四五六七八九十]{1,3}\s*[）)]?\s*项")
_HEADING = re.compile(r"^#{0,6}([一二三四五六七八九十]{1,3})[、.](.{2,})$")
_HEADING_FIRST = frozenset("一二三四五六七八九十#")
_HEADING_START = re.compile(r"^\s*#{0,6}\s*[一二三四五六七八九十]")
_T4_HEADER = ("结果维持", "结果纠正", "尚未审结", "维持", "纠正")
_CELL_SPLIT = re.compile(r"[\t|]")
_STAT_HEADER = re.compile(r"^(统计指标|指标名称)")
FLATTENED_LINE = 400  # a line this long holding table labels is flattened text


@dataclass(slots=True)
class Region:
    kind: str  # t2 | t3 | t4 | stat
    start: int  # index into the lines list (inclusive)
    end: int  # exclusive
    flattened: bool = False


@cache
def _t3_label_matcher() -> LabelMatcher:
    t3 = load_template("2021").table("t3")
    assert t3 is not None
    return LabelMatcher((*t3.rows, *t3.groups), threshold=0.9)


def _norm(line: Line) -> str:
    return normalize_label(line.text)


def is_table_row_label(text: str) -> bool:
    """True when ``text`` is (the start of) a 表三 row or group label such as ``四、结转下年度继续办理``."""
    m = _t3_label_matcher().match(text)
    return m is not None and m.score >= 0.9


def is_section_boundary(line: Line) -> bool:
    """A numbered top-level heading that is not a table row (``五、存在的主要问题及改进情况``)."""
    text = line.text
    first = text[:1]
    if first.isspace():
        first = text.lstrip()[:1]
    if first not in _HEADING_FIRST or len(text) > 80 or "\t" in text or "|" in text:
        return False
    return _is_boundary_text(text)


@lru_cache(maxsize=4096)
def _is_boundary_text(text: str) -> bool:
    """is_section_boundary past its first tests (memoised: headings and 表三 row labels recur)."""
    if not _HEADING_START.match(text):
        return False
    norm = normalize_label(text)
    m = _HEADING.match(norm)
    if not m:
        return False
    if any(is_value_text(tok) for tok in text.split()[1:]):
        return False
    return not is_table_row_label(norm.lstrip("#"))


def find_regions(lines: list[Line], text: str | None = None) -> list[Region]:
    """The regions of 表二, 表三, 表四 and the 统计表, in text order (absent tables are left out).

    ``text``: the text ``lines`` were split from, if known (spares joining them again).
    """
    n = len(lines)
    t2 = t3 = t4 = stat = None
    # one look at the whole text spares the line-by-line scans for words it does not hold
    # (a 2019+ report has no 统计表, many have no 表二 caption)
    whole = _Text(lines, text)
    t2 = next((i for i in whole.lines_with("第二十条", 0) if _is_caption_line(lines[i])), None)
    first = t2 if t2 is not None else 0
    for i in range(first, n):
        text = lines[i].text
        if len(text) < 4:
            continue  # neither an anchor nor a 表三 row (blank lines, lone cells)
        if _is_t3_anchor(text) or (t2 is not None and i > t2 and _starts_t3(text)):
            t3 = i
            break
    if t3 is not None:
        t3 = _t3_header_start(lines, t3, t2 + 1 if t2 is not None else 0)
    after = t3 if t3 is not None else first
    t4 = next((i for i in whole.lines_with("行政复议", after) if _starts_t4(lines, i, after)), None)
    for i, line in enumerate(lines) if "指" in whole.text and "标" in whole.text else ():
        text = line.text
        if "指" not in text or "标" not in text:
            continue
        if ("统计指标" in text or "指标名称" in text or len(text) < 60) and _STAT_HEADER.match(_norm(line).lstrip("#")):
            stat = i
            break
        if "统计表" in line.text and ("指标名称" in line.text or "统计指标" in line.text):
            stat = i
            break

    regions: list[Region] = []
    starts = sorted((s, k) for k, s in (("t2", t2), ("t3", t3), ("t4", t4)) if s is not None)
    for idx, (s, kind) in enumerate(starts):
        flattened = len(lines[s].text) > FLATTENED_LINE
        if flattened:
            regions.append(Region(kind, s, s + 1, True))
            continue
        limit = starts[idx + 1][0] if idx + 1 < len(starts) else n
        end = _boundary_after(lines, s + 1, limit, whole)
        regions.append(Region(kind, s, end))
    if stat is not None:
        flattened = len(lines[stat].text) > FLATTENED_LINE
        end = stat + 1 if flattened else n
        if not flattened:
            end = next(
                (j for j in range(stat + 1, n) if is_section_boundary(lines[j]) and not _is_stat_label(lines[j])), n
            )
        regions.append(Region("stat", stat, end, flattened))
    return regions


@cache
def _stat_label_matcher() -> LabelMatcher:
    stat = load_template("2008").table("stat")
    assert stat is not None
    return LabelMatcher((*stat.rows, *stat.groups), threshold=0.85)


def _is_stat_label(line: Line) -> bool:
    """``一、主动公开情况``, ``四、行政复议数量``: numbered 统计表 rows, not section headings."""
    return _stat_label_matcher().match(line.text.strip().lstrip("#").strip()) is not None


def _is_caption_line(line: Line) -> bool:
    """A 表二 block caption starts the line (prose citing 第二十条第（一）项 is not a caption)."""
    if len(line.text) > FLATTENED_LINE:
        return RAW_CAPTION.search(line.text) is not None
    return CAPTION.match(_norm(line).lstrip("#|")) is not None


def _is_t3_anchor(text: str) -> bool:
    if "勾稽关系" in text:
        return "本列数据" in text or "第一项加第二项" in text
    if "本年新收政府信息公开申请数量" in text:
        return len(text) < 80 or "\t" in text or "|" in text or len(text) > FLATTENED_LINE
    return False


def _starts_t3(text: str) -> bool:
    if text.startswith(("|", "#")) and "申请人情况" in text:
        return True
    if "\t" not in text and "|" not in text:
        return _starts_t3_label(text)  # one field: the label is the whole line
    if ("申" in text or _SQUARED_SHEN in text) and normalize_label(text).startswith("申请人情况"):
        return True  # (normalising the line cannot make a 申 of anything but these two)
    first = text.split("\t")[0] if "\t" in text else text
    label = [f for f in _CELL_SPLIT.split(text) if f.strip() and not is_value_text(f)]
    return _is_t3_row_label(label[-1] if label else first)


_SQUARED_SHEN = "\U0001f238"  # 🈸, 申 under NFKC


@lru_cache(maxsize=4096)
def _starts_t3_label(text: str) -> bool:
    """A line of one field that begins 表三 (memoised: 表二's labels recur in every report)."""
    return normalize_label(text).startswith("申请人情况") or _is_t3_row_label(text)


@lru_cache(maxsize=4096)
def _is_t3_row_label(candidate: str) -> bool:
    if len(label_core(candidate)) < 4:
        return False
    m = _t3_label_matcher().match(candidate)
    return m is not None and m.score >= 0.95 and m.key != "三"


@cache
def _t3_header_vocabulary() -> tuple[str, ...]:
    """表三's header words, longest first."""
    t3 = load_template("2021").table("t3")
    assert t3 is not None
    words = {c.norm for c in t3.columns} | {normalize_label(h) for h in t3.header_labels}
    return tuple(sorted(words, key=len, reverse=True))


_FIELD_SPLIT = re.compile(r"[\t|\s\u3000]+")


def _header_line_kind(text: str) -> str | None:
    """ "header" for a line of 表三 column labels only (``自然人 法人或其他组织 总计``,
    ``|商业 企业|科研机构|``), "filler" for a blank line or a pipe-table rule, else None."""
    if len(text) > 120:
        return None
    words = [w for w in _FIELD_SPLIT.split(text) if w.strip("-:")]
    if not words:
        return "filler"
    rest = normalize_label("".join(words))
    vocabulary = _t3_header_vocabulary()
    while rest:
        word = next((w for w in vocabulary if rest.startswith(w)), None)
        if word is None:
            return None
        rest = rest[len(word) :]
    return "header"


def _t3_header_start(lines: list[Line], start: int, floor: int) -> int:
    """The first line of the column header right above ``start`` (a header whose corner cell,
    the note, is empty or missing begins the table all the same)."""
    j = start - 1
    while j >= floor:
        kind = _header_line_kind(lines[j].text)
        if kind is None:
            break
        if kind == "header":
            start = j
        j -= 1
    return start


def _starts_t4(lines: list[Line], i: int, after: int) -> bool:
    text = lines[i].text
    if "行政复议" not in text:
        return False
    if len(text) > FLATTENED_LINE:
        return any(h in text for h in _T4_HEADER)
    norm = normalize_label(text).lstrip("#")
    if len(norm) > 60:
        return False
    if "行政诉讼" in norm and _HEADING.match(norm):
        return True  # the section heading (四、政府信息公开行政复议、行政诉讼情况)
    if "行政诉讼" in norm or norm in ("行政复议",):
        # the section heading or the table's own header; confirm with the column header nearby
        window = "".join(normalize_label(lines[j].text) for j in range(i, min(i + 40, len(lines))))
        return any(h in window for h in _T4_HEADER)
    return False


def _boundary_after(lines: list[Line], start: int, limit: int, whole: _Text) -> int:
    # only lines that start like a heading (a numeral, #) or with white space can be one
    for j in whole.lines_matching(_MAY_BE_HEADING, start):
        if j >= limit:
            break
        if is_section_boundary(lines[j]):
            return j
    return limit


_PLUS_ONE = (1).__add__


def _split_from(lines: list[Line], text: str) -> bool:
    """Whether ``lines`` are ``text`` split at its newlines, each at its offset (as the parser splits it)."""
    if not lines:
        return not text
    last = lines[-1]
    end = last.offset + len(last.text)
    return lines[0].offset == 0 and (end == len(text) or end + 1 == len(text)) and "\r" not in text


# is_section_boundary's first test: a heading's first character, or white space before it
_MAY_BE_HEADING = re.compile(rf"^(?:[{''.join(sorted(_HEADING_FIRST))}]|[^\S\n])", re.M)


class _Text:
    """The lines joined by newlines, searched at C speed for the lines worth a look."""

    def __init__(self, lines: list[Line], text: str | None) -> None:
        self.lines = lines
        self.starts: list[int] | None = None  # where each line starts in text (None: at its offset)
        if text is None or not _split_from(lines, text):
            texts = [line.text for line in lines]
            text = "\n".join(texts)
            self.starts = list(accumulate(map(_PLUS_ONE, map(len, texts)), initial=0))
        self.text = text

    def _position(self, index: int) -> int:
        """Where line ``index`` starts in the text."""
        if index >= len(self.lines):
            return len(self.text) + 1
        return self.lines[index].offset if self.starts is None else self.starts[index]

    def lines_with(self, word: str, start: int) -> Iterator[int]:
        """The indexes of the lines from ``start`` on that hold ``word``, in order."""
        text = self.text
        pos = self._position(start)
        index = start
        while (found := text.find(word, pos)) >= 0:
            index += text.count("\n", pos, found)
            yield index
            pos = text.find("\n", found) + 1
            if pos == 0:
                return
            index += 1

    def lines_matching(self, pattern: re.Pattern[str], start: int) -> Iterator[int]:
        """The indexes of the lines from ``start`` on where ``pattern`` (anchored with ^) matches."""
        text = self.text
        pos = self._position(start)
        index = start
        for m in pattern.finditer(text, pos):
            found = m.start()
            index += text.count("\n", pos, found)
            pos = found
            yield index
