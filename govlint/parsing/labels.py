"""Official labels the parser needs to tell table labels from section headings.

The official 表三 and 统计表 labels come from the format templates (templates/v*.yaml); this module
keeps only the parser's own cues (words that start a table, section keywords).
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

_DROP = str.maketrans(
    "",
    "",
    " \t\u3000\u00a0\f*#“”\"「」‘’'『』",
)
_ITEM_PREFIX_CHARS = "0123456789一二三四五六七八九十()（）、.．,，"


def normalize(text: str) -> str:
    """NFKC, no whitespace, no quotes or markdown emphasis: the form labels are compared in."""
    # labels and headings recur in every report: short ones are normalised once per process
    return _normalize_short(text) if len(text) <= 160 else _normalize(text)


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DROP)


_normalize_short = lru_cache(maxsize=8192)(_normalize)


def strip_item_number(text: str) -> str:
    """``（三）不予公开`` → ``不予公开``; ``1.属于国家秘密`` → ``属于国家秘密`` (on normalised text)."""
    index = 0
    while index < len(text) and index < 6 and text[index] in _ITEM_PREFIX_CHARS:
        index += 1
    return text[index:] if index < len(text) else text


# Words that start a table in any layout (captions, corner note, header cells).
TABLE_START_PREFIXES = (
    "第二十条第",
    "(本列数据的勾稽关系",
    "本列数据的勾稽关系",
    "申请人情况",
    "统计指标",
    "指标名称",
    "信息内容",
)

TABLE_START_NORMALIZED = tuple(normalize(prefix) for prefix in TABLE_START_PREFIXES)

# Section titles (normalised) of the official formats and the variants seen in the wild; a
# heading whose title contains one of these is a real section heading, never a table label.
SECTION_KEYWORDS = (
    "总体情况",
    "概述",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "依申请公开政府信息",
    "依申请公开工作情况",
    "行政复议、行政诉讼",
    "行政复议和行政诉讼",
    "行政复议行政诉讼",
    "提起行政诉讼",
    "存在的主要问题",
    "存在主要问题",
    "存在问题",
    "主要问题",
    "改进情况",
    "改进措施",
    "其他需要报告的事项",
    "收费及减免",
    "统计表",
)

# Where a run-together heading title most likely ends (flattened text has no line breaks).
TITLE_END_WORDS = ("情况", "措施", "事项", "概述", "统计表", "方面")


def _template_labels(kind: str) -> tuple[str, ...]:
    """Labels from the format templates (templates/v*.yaml), with their aliases: "t3" (表三 rows and
    row groups), "stat" (统计表 rows) or "sections" (section headings and accepted variants)."""
    from govlint import templates

    found: list[str] = []
    for version in templates.VERSIONS:
        template = templates.load_template(version)
        if kind == "sections":
            for section in template.sections:
                found += [section.heading, *section.variants]
            continue
        table = template.table(kind)
        if table is not None:
            for spec in (*table.rows, *table.groups):
                found += [spec.label, *spec.aliases]
    return tuple(found)


@cache
def _strong_labels() -> frozenset[str]:
    found = {strip_item_number(normalize(label)) for label in _template_labels("t3")}
    return frozenset(label for label in found if label)


@cache
def _weak_labels() -> frozenset[str]:
    found = {strip_item_number(normalize(label)) for label in _template_labels("stat")}
    # rows that are also section titles of old reports stay out (机构建设和保障经费情况 …)
    return frozenset(label for label in found if len(label) >= 4)


class _LabelIndex:
    """``matches(title)``: ``title`` is one of ``labels``, starts with one of four characters or
    more, begins one (three characters or more), or is most of one (four characters or more:
    damaged extraction drops a character or two: 护第三方合法权益, 于四类过程性信息).

    Each test is one lookup, prepared from the labels once, instead of a loop over the labels for
    each title (titles cut out of flattened text differ from report to report)."""

    def __init__(self, labels: frozenset[str]) -> None:
        self.labels = labels
        self.long_labels = tuple(label for label in labels if len(label) >= 4)
        self.prefixes = {label[:end] for label in labels for end in range(3, len(label) + 1)}
        # a part of four characters or more → the length of the shortest label holding it
        self.shortest_holding: dict[str, int] = {}
        for label in sorted(labels, key=len, reverse=True):
            for start in range(len(label)):
                for end in range(start + 4, len(label) + 1):
                    self.shortest_holding[label[start:end]] = len(label)

    def matches(self, title: str) -> bool:
        if title in self.labels or title.startswith(self.long_labels):
            return True
        if len(title) >= 3 and title in self.prefixes:
            return True
        shortest = self.shortest_holding.get(title) if len(title) >= 4 else None
        return shortest is not None and len(title) >= 0.6 * shortest


@lru_cache(maxsize=4096)
def is_table3_label(title: str) -> bool:
    """``title`` is normalised and without its item number."""
    return bool(title) and _strong_index().matches(title)


@lru_cache(maxsize=4096)
def is_stat_label(title: str) -> bool:
    return bool(title) and _weak_index().matches(title)


@cache
def _strong_index() -> _LabelIndex:
    return _LabelIndex(_strong_labels())


@cache
def _weak_index() -> _LabelIndex:
    return _LabelIndex(_weak_labels())


@cache
def _section_keywords() -> tuple[str, ...]:
    found = {normalize(k) for k in (*SECTION_KEYWORDS, *_template_labels("sections"))}
    return tuple(sorted(k for k in found if len(k) >= 2))


@lru_cache(maxsize=4096)
def is_section_title(title: str) -> bool:
    """``title`` (normalised) names a section of some format version."""
    return any(keyword in title for keyword in _section_keywords())
