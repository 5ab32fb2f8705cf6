"""Flattened text: a web crawl that put the whole table (often the whole report) on one line.

The grid is lost, so the table is always ``reliable=False`` with the note ``flattened``. Labels are
found by searching the official labels (spaces allowed between characters); the text between a
label and the next one holds that row's values. A row's values become cells only when they cannot
be misread: one value for a one-column row, or exactly as many space-separated values as columns.
Digits of neighbouring cells that run together (``713000074`` for 7 cells) are never split: the
run is kept in ``Table.raw_values``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, partial
from itertools import accumulate, repeat
from operator import add, itemgetter, methodcaller
from typing import NamedTuple

from govlint.model import Field, Line, Position, Span, Table
from govlint.tables.assemble import stat_value_columns
from govlint.tables.regions import RAW_CAPTION
from govlint.tables.text import UNITS, Frag, make_cell, new_cell
from govlint.tables.text import _frag as new_frag
from govlint.templates import LabelSpec, TableSpec, label_number, load_template

_CLASSES = {
    "（": "[（(]",
    "(": "[（(]",
    "）": "[）)]",
    ")": "[）)]",
    "：": "[：:]",
    ":": "[：:]",
    "，": "[，,、]",
    ",": "[，,、]",
    "、": "[、，,.．]",
    ".": "[.．、]",
    "．": "[.．、]",
    "/": "[/／]",
}
_QUOTES = "“”\"「」'‘’"
_VALUES = re.compile(r"\s*((?:[-+]?\d[\d,]*(?:\.\d+)?|[/—-])(?:[ \t\u3000]+(?:[-+]?\d[\d,]*(?:\.\d+)?|[/—-]))*)")
_UNIT = re.compile(rf"\s*({'|'.join(UNITS)})")
# Where 表三 and 表四 start: alternatives that begin with different characters, each searched on its
# own (a pattern that starts with a literal is scanned for much faster than an alternation)
_T3_START = tuple(map(re.compile, (r"勾稽关系", r"申请人情况", r"三\s*、\s*收到和处理政府信息公开申请情况")))
_T4_START = tuple(map(re.compile, (r"四\s*、\s*(?:因)?政府信息公开\S{0,6}行政\S{0,2}复议", r"行政复议\s*行政诉讼")))
_SECTION5 = re.compile(r"五\s*、\s*\S{0,12}(?:问题|改进)")
_STAT_START = re.compile(r"统计指标|指标名称")


_TOKEN = re.compile(r"\S+")
_MIN_ROWS = {"t2": 3, "t3": 5, "stat": 4}


def _pattern_parts(text: str) -> list[str]:
    parts = []
    for c in text:
        if c.isspace():
            continue
        if c in _QUOTES:
            parts.append(f"[{re.escape(_QUOTES)}]?")
        else:
            parts.append(_CLASSES.get(c, re.escape(c)))
    return parts


_Finder = Callable[[str], Iterator[re.Match[str]]]


def _finder(text: str) -> _Finder:
    """``finditer`` of the pattern of label ``text``, spaces allowed between its characters.

    A pattern that starts with a class (``[（(]``) is scanned for one character at a time, much
    slower than one that starts with a literal: it is searched as one pattern per first character.
    """
    parts = _pattern_parts(text)
    first = parts[0] if parts else ""
    if first not in _CLASSES.values():
        return re.compile(r"\s*".join(parts)).finditer
    rest = "".join(rf"\s*{p}" for p in parts[1:])
    return partial(_finditer_present, tuple((c, re.compile(re.escape(c) + rest)) for c in first[1:-1]))


def _finditer_present(alternatives: tuple[tuple[str, re.Pattern[str]], ...], segment: str) -> Iterator[re.Match[str]]:
    """``_finditer_any`` of (first character, pattern) ``alternatives``, searching only the patterns
    whose first character is in ``segment`` (most texts use one of （ and ( only)."""
    present = tuple(pattern for first, pattern in alternatives if first in segment)
    if len(present) == 1:
        return present[0].finditer(segment)
    return _finditer_any(present, segment)


def _finditer_any(alternatives: tuple[re.Pattern[str], ...], segment: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """``finditer`` of the alternation of ``alternatives`` (patterns that start with different
    characters) from ``pos``."""
    pending = {pattern: pattern.search(segment, pos) for pattern in alternatives}  # the next match of each
    while True:
        m = min(filter(None, pending.values()), key=_START, default=None)
        if m is None:
            return
        yield m
        end = m.end()
        for pattern, found in pending.items():
            if found is not None and found.start() < end:
                pending[pattern] = pattern.search(segment, end)


_START = methodcaller("start")


@cache
def _patterns(version: str, kind: str) -> tuple[tuple[LabelSpec, _Finder, bool, bool], ...]:
    """(spec, finditer of its pattern, is_data_row, may_have_item_number) for every row and delimiter label."""
    spec = load_template(version).table(kind)
    assert spec is not None
    out: list[tuple[LabelSpec, _Finder, bool, bool]] = []
    rows: list[LabelSpec] = list(spec.rows)
    if kind == "t3" and version == "2021":
        rows.append(load_template("2019").table("t3").row("三.六"))  # type: ignore[union-attr]
    for r in rows:
        for text in (r.label, *r.aliases):
            # an unnumbered label may still carry an item number in the text (其中：1.政府网站公开数)
            out.append((r, _finder(text), True, not label_number(text)))
    for d in _delimiters(spec):
        out.append((d, _finder(d.label), False, False))
    return tuple(out)


def _delimiters(spec: TableSpec) -> Iterable[LabelSpec]:
    yield from spec.groups
    yield from spec.columns
    for b in spec.blocks:
        yield from b.columns
    for text in (*spec.header_labels, *(("信息内容",) if spec.header else ())):
        yield LabelSpec(key=text, label=text, norms=(text,), cores=(text,))


class _Hit(NamedTuple):
    start: int
    end: int
    spec: LabelSpec
    data: bool


_new_hit = tuple.__new__  # _Hit(...) without the generated keyword-argument wrapper
_SORT_KEY = itemgetter(0, 1)  # where a label starts, then the longest first


def _find_labels(segment: str, version: str, kind: str) -> list[_Hit]:
    found: list[tuple[int, int, int, LabelSpec, bool]] = []  # (start, start - end, end, spec, data)
    append = found.append
    for spec, finditer, data, numbered in _patterns(version, kind):
        if not numbered:
            for m in finditer(segment):
                start, end = m.span()
                append((start, start - end, end, spec, data))
            continue
        floor = 0
        for m in finditer(segment):
            start, floor = _item_number_start(segment, m.start(), floor), m.end()
            append((start, start - floor, floor, spec, data))
    # longest first wins; drop labels inside a longer one (规范性文件 inside 行政规范性文件)
    found.sort(key=_SORT_KEY)
    kept: list[_Hit] = []
    end = -1
    for start, _, stop, spec, data in found:
        if start < end:
            continue
        kept.append(_new_hit(_Hit, (start, stop, spec, data)))
        end = stop
    return kept


def _item_number_start(text: str, start: int, floor: int) -> int:
    """Where an item number (``1.``, ``2 、``) just before a label at ``start`` begins, if not before ``floor``.

    The same as an optional ``[1-9]\\s*[.．、]\\s*`` at the head of the label's pattern, which would
    stop the regex engine from jumping straight to the label's first character.
    """
    i = start
    while i > floor and text[i - 1].isspace():
        i -= 1
    if i == floor or text[i - 1] not in ".．、":
        return start
    i -= 1
    while i > floor and text[i - 1].isspace():
        i -= 1
    return i - 1 if i > floor and text[i - 1] in "123456789" else start


def extract_flattened(line: Line, kind: str, hint: str | None) -> Table | None:
    text = line.text
    bounds = _segment(text, kind)
    if bounds is None:
        return None
    a, b = bounds
    version = "2008" if kind == "stat" else hint or _guess_version(text[a:b], kind)
    table = Table(
        kind=kind,  # type: ignore[arg-type]
        template=version,
        span=_span(line, a, b),
        layout="flattened",
        reliable=False,
        notes=["flattened"],
    )
    if kind == "t4":
        _fill_t4(table, line, a, b)
        return table if table.cells or table.raw_values else None
    spec = load_template(version).table(kind)
    assert spec is not None
    hits = _find_labels(text[a:b], version, kind)
    if sum(1 for h in hits if h.data) < _MIN_ROWS[kind]:
        return None  # a long paragraph that cites a label, not a flattened table
    value_cols = _value_columns(spec, text[a:b], kind)
    for i, hit in enumerate(hits):
        if not hit.data:
            continue
        key = hit.spec.key
        if key in table.rows:
            continue
        stop = hits[i + 1].start if i + 1 < len(hits) else b - a
        if key not in spec.row_key_set and not _VALUES.match(text, a + hit.end, a + stop):
            continue  # （六）其他处理 as a group label, not the single row of the 2019 format
        cols = value_cols(key)
        _fill_row(table, line, a + hit.start, a + hit.end, a + stop, key, cols, kind == "stat")
    table.columns = sorted({c for _, c in table.cells}, key=_column_order(spec, kind)) or [c.key for c in spec.columns]
    order = [r.key for r in spec.rows]
    table.rows.sort(key=lambda k: order.index(k) if k in order else len(order))
    table.missing_rows = [k for k in order if k not in table.rows and not spec.row(k).optional]
    if kind == "stat" and len(table.rows) * 2 < len(order):
        table.missing_rows = []  # a local variant of the 统计表, not the 2014 national one
        table.notes.append("variant")
    if kind == "t2":
        for blk in spec.blocks:
            if any(r.key in table.rows for r in blk.rows) or blk.caption in text[a:b]:
                table.blocks[blk.key] = [r.key for r in blk.rows]
            else:
                table.missing_blocks.append(blk.key)
    if any(k not in order for k in table.rows):
        table.extra_rows.extend(table.row_labels[k] for k in table.rows if k not in order)
    if table.raw_values:
        table.notes.append("run-together-digits")
    return table


def _segment(text: str, kind: str) -> tuple[int, int] | None:
    if kind == "t2":
        m = RAW_CAPTION.search(text)
        if not m:
            return None
        end = _leftmost(_T3_START, text, m.end())
        return m.start(), end.start() if end else min(len(text), m.start() + 3000)
    if kind == "t3":
        m = _leftmost(_T3_START, text)
        if not m:
            return None
        end = _leftmost(_T4_START, text, m.end())
        return m.start(), end.start() if end else min(len(text), m.start() + 5000)
    if kind == "t4":
        t3 = _leftmost(_T3_START, text)
        m = _leftmost(_T4_START, text, t3.end() if t3 else 0)
        if not m:
            return None
        end = _SECTION5.search(text, m.end())
        return m.start(), end.start() if end else min(len(text), m.start() + 1000)
    m = _STAT_START.search(text)
    return (m.start(), len(text)) if m else None


def _leftmost(alternatives: tuple[re.Pattern[str], ...], text: str, pos: int = 0) -> re.Match[str] | None:
    """The match of the alternation of ``alternatives`` (no two start with the same character)."""
    return next(_finditer_any(alternatives, text, pos), None)


def _guess_version(segment: str, kind: str) -> str:
    if kind == "t2":
        return "2019" if ("本年新制作数量" in segment or "上一年项目数量" in segment) else "2021"
    if kind == "t3":
        return "2021" if re.search(r"逾期不补正|收费通知", segment) else "2019"
    return "2021"


def _value_columns(spec: TableSpec, segment: str, kind: str) -> Callable[[str], list[str]]:
    if kind == "t2":
        blocks = {r.key: [c.key for c in b.columns] for b in spec.blocks for r in b.rows}
        return lambda key: blocks[key]
    if kind == "stat":
        header = re.findall(r"统计数|本期实际|本年累计|历年累计|(?:19|20)\d{2}年度", segment[:200])
        cols = stat_value_columns(header)
        return lambda key: ["单位", *cols]
    cols = [c.key for c in spec.columns]
    return lambda key: cols


def _column_order(spec: TableSpec, kind: str) -> Callable[[str], int]:
    order = ["单位", "统计数", "累计"] if kind == "stat" else [c.key for c in spec.columns]
    return lambda c: order.index(c) if c in order else len(order)


def _frag(line: Line, start: int, end: int) -> Frag:
    raw = line.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Frag(text, line.number, start + lead + 1, line.offset + start + lead, len(text))


def _fill_row(
    table: Table,
    line: Line,
    label_start: int,
    label_end: int,
    stop: int,
    key: str,
    cols: Sequence[str],
    with_unit: bool,
) -> None:
    label = _frag(line, label_start, label_end)
    table.rows.append(key)
    table.label_at("row_labels", key, label)  # (label.field(), built when the labels are read)
    pos = label_end
    if with_unit:
        cols = cols[1:]
        u = _UNIT.match(line.text, pos, stop)
        if u:
            unit = _frag(line, u.start(1), u.end(1))
            table.cells[(key, "单位")] = make_cell(unit)
            pos = u.end()
    m = _VALUES.match(line.text, pos, stop)
    if not m:
        table.row_spans[key] = label.span
        return
    run_end = m.end(1)
    after = line.text[run_end : run_end + 2]
    if len(after) == 2 and after[0] in ".．、" and not after[1].isdigit() and run_end - m.start(1) > 1:
        run_end -= 1  # the last digit numbers the next (unknown) label: 003.信函… is 00 + 3.信函…
        m = _VALUES.match(line.text, pos, run_end)
        if not m:
            table.row_spans[key] = label.span
            return
    run_start = m.start(1)
    run_text = m.group(1)  # starts and ends with a value: no strip needed
    number, offset = line.number, line.offset
    run_length = len(run_text)
    table.row_spans[key] = Span(
        Position(label.line, label.col, label.offset),
        Position(number, run_start + 1 + run_length, offset + run_start + run_length),
    )  # Span(label.span.start, run.span.end)
    tokens = run_text.split()  # the \S+ tokens: values are separated by spaces only
    if len(tokens) != len(cols):
        run = new_frag(Frag, (run_text, number, run_start + 1, offset + run_start, run_length))
        table.raw_values[key] = Field(run_text, run_text, run.span)
        return
    if sum(map(len, tokens)) + len(tokens) - 1 == run_length:
        # one space between values (the usual case): each starts one after the end of the previous
        starts: Iterator[int] = accumulate(map(add, map(len, tokens), repeat(1)), initial=run_start)
    else:
        starts = iter(_token_starts(line, run_start, run_length))
    cells = table.cells
    for col, token, at in zip(cols, tokens, starts, strict=False):  # (accumulate gives one start more)
        size = len(token)
        place = (token, number, at + 1, offset + at, size)  # a Frag's fields: _frag(line, ...) without strips
        if size <= 24 and token.isdigit() and token.isascii():
            cells[(key, col)] = new_cell("number", int(token), token, place)  # make_cell(frag), inline
        else:
            cells[(key, col)] = make_cell(new_frag(Frag, place))


def _token_starts(line: Line, start: int, length: int) -> list[int]:
    return [t.start() for t in _TOKEN.finditer(line.text, start, start + length)]


def _fill_t4(table: Table, line: Line, a: int, b: int) -> None:
    spec = load_template("2021").table("t4")
    assert spec is not None
    segment = line.text[a:b]
    last_header = max((m.end() for m in re.finditer("|".join(spec.column_keys), segment)), default=0)
    m = _VALUES.match(segment, last_header)
    groups, columns = spec.row_keys, spec.column_keys
    table.columns = list(columns)
    if not m:
        table.missing_rows = list(groups)
        table.notes.append("no-values")
        return
    start = a + m.start(1)
    tokens = [(start + t.start(), start + t.end()) for t in _TOKEN.finditer(m.group(1))]
    if len(tokens) != len(groups) * len(columns):
        run = _frag(line, start, a + m.end(1))
        table.raw_values["行政复议"] = Field(run.text, run.text, run.span)
        table.missing_rows = list(groups)
        return
    for gi, g in enumerate(groups):
        part = tokens[gi * len(columns) : (gi + 1) * len(columns)]
        frags = [_frag(line, s, e) for s, e in part]
        for col, frag in zip(columns, frags, strict=True):
            table.cells[(g, col)] = make_cell(frag)
        table.rows.append(g)
        table.row_spans[g] = Span(frags[0].span.start, frags[-1].span.end)
    table.notes.append("positional")


def _span(line: Line, a: int, b: int) -> Span:
    return Span(Position(line.number, a + 1, line.offset + a), Position(line.number, b + 1, line.offset + b))


__all__ = ["extract_flattened"]
