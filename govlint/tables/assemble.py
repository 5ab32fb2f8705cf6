"""Building :class:`~govlint.model.Table` objects (表二, 表三, 表四, 统计表) from :class:`RawRow` lists."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain, filterfalse, repeat
from operator import attrgetter

from govlint.model import Cell, Field, Position, Span, Table
from govlint.tables.regions import CAPTION
from govlint.tables.sequence import DataRow, assign_rows
from govlint.tables.text import UNITS, Frag, RawRow, frag_text, is_number_text, join_frags, make_cell, new_cell
from govlint.templates import (
    LABEL_CACHE_LENGTH,
    LABEL_CACHE_SIZE,
    BlockSpec,
    LabelMatcher,
    LabelSpec,
    Match,
    TableSpec,
    label_core,
    load_template,
    normalize_label,
)

OTHER_SPLIT_KEYS = ("三.六.1", "三.六.2", "三.六.3")


@dataclass(slots=True)
class Context:
    """What the caller knows: the layout name, whether cells come one per line, the table span."""

    layout: str
    stream: bool
    span: Span
    hint: str | None = None  # format version suggested by the rest of the report


def fit(values: Sequence[Frag], n: int, grid: bool) -> tuple[list[Frag | None] | None, str | None]:
    """Fit a row's value fields to ``n`` columns, or None when that cannot be done without guessing.

    In a grid, surplus empty fields at either end are dropped (stray tabs, empty label columns)
    and missing trailing fields are blank cells; in PDF text a wrong count is never fixed. When
    several ways of dropping the surplus fields are possible (the written values sit amid empty
    fields, so the row could be shifted), the note is ``ambiguous``: :func:`uncertain_columns`
    says which columns then depend on the choice.
    """
    vals: list[Frag | None] = list(values)
    if len(vals) == n:
        return vals, None
    if not grid:
        return None, "too-few-values" if len(vals) < n else "too-many-values"
    if len(vals) < n:
        return vals + [None] * (n - len(vals)), "padded"
    if len(vals) == n + 1 and values[0][0] and not values[-1][0]:
        return vals[:n], None  # one stray empty field after the values (a trailing tab): what _windows gives
    lo, hi = _windows(values, n)
    if lo > hi:
        return None, "too-many-values"
    start = lo  # trailing empty fields are dropped before leading ones
    note = "ambiguous" if lo < hi else "realigned" if start > 0 else None
    return vals[start : start + n], note


def _windows(values: Sequence[Frag], n: int) -> tuple[int, int]:
    """The range of first fields of the ``n``-field windows holding every written value."""
    written = list(map(bool, map(frag_text, values)))
    if True not in written:
        return 0, 0  # nothing written: every window is blank alike
    first, last = written.index(True), len(written) - 1 - written[::-1].index(True)
    return max(0, last - n + 1), min(first, len(values) - n)


def uncertain_columns(values: Sequence[Frag], n: int) -> list[int]:
    """The columns whose cell differs between the possible windows of an ambiguous row."""
    lo, hi = _windows(values, n)
    written = [i for i, f in enumerate(values) if f.text]
    return sorted({i - s for s in range(lo, hi + 1) for i in written})


_LABELS_OF = attrgetter("labels")  # RawRow.labels, for map()


def put_cells(cells: dict[tuple[str, str], Cell], key: str, columns: Sequence[str], values: Sequence[Frag]) -> bool:
    """The cells of a row of plain written numbers (ASCII digits: most rows), or False for another row.

    What make_cell gives each value, with one test of the row's texts instead of one per cell.
    """
    try:
        numbers = list(map(_SMALL_NUMBERS.__getitem__, map(frag_text, values)))
    except KeyError:  # a number of 1000 or more, or no number
        texts = list(map(frag_text, values))
        joined = "".join(texts)
        if not (joined.isdigit() and joined.isascii() and all(texts) and max(map(len, texts)) <= 24):
            return False
        numbers = list(map(int, texts))
    at = new_cell
    for i, frag in enumerate(values):  # (not zip(strict=True): its keyword costs more than the loop)
        cells[key, columns[i]] = at("number", numbers[i], frag[0], frag)
    return True


# int(text) of the commonest cell texts by one look-up ("007" is not here: int() reads it)
_SMALL_NUMBERS = {str(n): n for n in range(1000)}


def frags_span(frags: Sequence[Frag]) -> Span:
    first, last = frags[0], frags[-1]
    return Span(
        Position(first.line, first.col, first.offset),
        Position(last.line, last.col + last.length, last.offset + last.length),
    )


def frags_field(frags: Sequence[Frag]) -> Field:
    text = " ".join(f.text for f in frags)
    return Field(text, text, frags_span(frags))


@dataclass(slots=True)
class _Rows:
    """Put assigned rows into a table: cells, labels, spans, raw values, extras."""

    table: Table
    columns: list[str]
    template_rows: Sequence[str]
    notes: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def put(self, row: DataRow, columns: Sequence[str] | None = None) -> None:
        """The row's label, span and cells (``columns``: the row's own, else the table's)."""
        key = row.key
        assert key is not None
        cols = columns or self.columns
        t = self.table
        values = row.values
        self._locate(row.label, values, key)
        seen = self.seen
        if key not in seen:
            seen.add(key)
            t.rows.append(key)
        vals: list[Frag | None] | None
        if len(values) == len(cols):
            vals, note = values, None  # type: ignore[assignment]  # fit(), its commonest case
        else:
            vals, note = fit(values, len(cols), row.grid)
        if note is None and put_cells(t.cells, key, cols, vals):  # type: ignore[arg-type]  # (no None)
            return
        if vals is None:
            present = [f for f in values if f[0]] or values
            t.raw_values[key] = frags_field(present) if present else Field("", "", t.span)
            self.notes.append(f"{note}:{key}")
            t.reliable = False
            return
        unsure: set[int] = set()
        if note == "ambiguous":
            # the values could sit in other columns: only the cells every reading agrees on
            unsure = set(uncertain_columns(values, len(cols)))
            t.raw_values[key] = frags_field([f for f in values if f.text])
            self.notes.append(f"unaligned:{key}")
        elif note == "realigned":
            self.notes.append(note)  # benign: stray empty fields around the values
        elif note:
            self.notes.append(f"{note}:{key}")
        cells = t.cells
        for i, (col, frag) in enumerate(zip(cols, vals, strict=True)):
            if i not in unsure:
                cells[key, col] = make_cell(frag)

    def _locate(self, label: Frag | None, values: list[Frag], key: str) -> None:
        """The row's label as written and its span (label, else first written value, to last written value)."""
        t = self.table
        if values and values[-1][0]:
            last: Frag | None = values[-1]  # (commonest: every written value then lies before it)
        else:
            last = next(filter(frag_text, reversed(values)), values[-1] if values else label)  # the last written
        if label is not None:
            t.label_at("row_labels", key, label)
            start = label
        elif last is not None:
            start = next(filter(frag_text, values), values[0])
        else:
            return
        t.row_span_at(key, start, last)  # type: ignore[arg-type]  # (last is set when start is)

    def extra(self, row: DataRow) -> None:
        frags = row.labels or [f for f in row.values if f.text] or row.values
        if frags:
            self.table.extra_rows.append(frags_field(frags))

    def finish(self, order: tuple[str, ...]) -> None:
        t = self.table
        ranks = _ranks(order)
        end = len(order)
        places = list(map(ranks.get, t.rows, repeat(end)))
        if places != sorted(places):  # (rows mostly come in order)
            t.rows.sort(key=lambda k: ranks.get(k, end))
        t.missing_rows = list(filterfalse(set(t.rows).__contains__, self.template_rows))
        if self.template_rows and len(t.missing_rows) * 3 >= len(self.template_rows) and t.rows:
            self.notes.append("partial")
        for n in self.notes:
            if n not in t.notes:
                t.notes.append(n)


@cache
def _ranks(order: tuple[str, ...]) -> dict[str, int]:
    """Each key's place in ``order`` (its first place): what ``order.index`` gives."""
    ranks: dict[str, int] = {}
    for i, key in enumerate(order):
        ranks.setdefault(key, i)
    return ranks


# --------------------------------------------------------------------------------------------
# 表三


@cache
def _t3_matcher(version: str, observed: str | None) -> tuple[tuple[str, ...], _T3RowMatcher]:
    """The row keys of 表三 (with the other version's （六） rows when the table has them) and their matcher."""
    spec = _spec(version, "t3")
    rows = list(spec.rows)
    if version == "2021" and observed == "2019":
        single = _spec("2019", "t3").row("三.六")
        at = [r.key for r in rows].index("三.六.1")
        rows.insert(at, single)
    elif version == "2019" and observed == "2021":
        split = [_spec("2021", "t3").row(k) for k in OTHER_SPLIT_KEYS]
        at = [r.key for r in rows].index("三.六") + 1
        rows[at:at] = split
    return tuple(r.key for r in rows), _T3RowMatcher(LabelMatcher(rows), _t3_header_words(version))


class _T3RowMatcher:
    """表三 row labels: the template's, except that a bare column name (其他, 总计) is a header cell,
    not row 3.其他 or （七）总计, and that a line of PDF text may hold a group and a row label."""

    def __init__(self, matcher: LabelMatcher, header_words: frozenset[str]) -> None:
        self.matcher = matcher
        self.header_words = header_words
        self.settled: dict[str, Match | None] = {}  # see LabelMatcher.settled

    def match(self, text: str, expected: Sequence[str]) -> Match | None:
        matcher = self.matcher
        settles = matcher.settled
        if normalize_label(text) in self.header_words:
            found = None
        else:
            found = matcher.match(text, expected)
            if found is None and " " in text:
                tail = _row_part(text)  # PDF text: "三、本年度办理结果 （一）予以公开"
                if tail is not None:
                    found = matcher.match(tail, expected)
                    if tail not in settles:
                        return found
            if text not in settles:
                return found
        if len(text) <= LABEL_CACHE_LENGTH:  # (labels; bounded like the matcher's cache)
            if len(self.settled) > LABEL_CACHE_SIZE:
                self.settled.clear()
            self.settled[text] = found
        return found


@cache
def _t3_header_words(version: str) -> frozenset[str]:
    spec = _spec(version, "t3")
    return frozenset({c.norm for c in spec.columns} | {normalize_label(h) for h in spec.header_labels})


@cache
def _t3_extra_columns(version: str) -> dict[str, str]:
    """The known extra 表三 columns by their normalised header."""
    return {normalize_label(c): c for c in _spec(version, "t3").known_extra_columns}


@cache
def _t3_column_matcher(version: str) -> LabelMatcher:
    return LabelMatcher(_spec(version, "t3").columns, threshold=0.95, expected_threshold=0.95)


@cache
def _spec(version: str, kind: str) -> TableSpec:
    spec = load_template(version).table(kind)
    if spec is None:
        raise KeyError(f"template {version} has no table {kind}")
    return spec


def observe_other_processing(rows: Sequence[RawRow]) -> str | None:
    """ "2021" when （六）其他处理 is split into sub-rows, "2019" when it is one row, None if unseen."""
    labels = list(map(frag_text, chain.from_iterable(map(_LABELS_OF, rows))))
    every = "\n".join(labels)  # (labels are single lines)
    if "逾期" in every or "收费通知" in every or "不再处理" in every:
        return "2021"
    if "其他" in every:
        for text in labels:
            if "其他" in text and label_core(text) in ("其他处理", "其他") and "(六)" in normalize_label(text):
                return "2019"
    return None


def build_t3(rows: Sequence[RawRow], ctx: Context) -> Table:
    observed = observe_other_processing(rows)
    version = ctx.hint or observed or "2021"
    spec = _spec(version, "t3")
    order, matcher = _t3_matcher(version, observed if observed != version else None)
    table = Table(kind="t3", template=version, span=ctx.span, layout=ctx.layout)
    columns = spec.column_keys
    col_matcher = _t3_column_matcher(version)
    extra_known = _t3_extra_columns(version)
    note_parts: list[Frag] = []
    header_seen: list[str] = []  # official columns named by header rows, in order

    header_words = _t3_header_words(version)

    def header_column(frag: Frag) -> str | None:
        norm = normalize_label(frag.text)
        if norm in extra_known:
            name = extra_known[norm]
            if name not in columns:
                columns.insert(columns.index("总计"), name)
                table.extra_columns.append(frag.field())
            return name
        m = col_matcher.match(frag.text)
        if m is not None and m.score >= 0.95:
            table.label_at("column_labels", m.key, frag, first=True)
            return m.key
        return None

    note_closed = False  # _closed(note_parts), which stays so once it is

    def on_label_row(raw: RawRow) -> bool:
        nonlocal note_closed
        used = False
        flat: list[str] = []
        for frag in raw.labels:
            rest = frag
            continues = bool(note_parts) and not note_closed and not _header_only(frag, header_words)
            if "勾稽关系" in frag.text or continues:
                note, tail = _split_note(frag)  # "（…之和） 申请人情况" on one line
                note_parts.append(note)
                note_closed = _closed(note_parts)
                used = True
                if tail is None:
                    continue
                rest = tail
            key = header_column(rest)
            if key is not None:
                flat.append(key)
                used = True
                continue
            words = _header_words(rest)  # "自然人 法人或其他组织 总计" (PDF text)
            i = 0
            while i < len(words):
                key = header_column(words[i])
                if key is None and i + 1 < len(words):  # "商业 企业"
                    key = header_column(_span_frag(words[i], words[i + 1], rest))
                    i += key is not None
                if key is not None:
                    flat.append(key)
                    used = True
                i += 1
        if flat:
            if len(set(flat)) >= len(spec.columns) and set(spec.column_key_tuple) <= set(flat):
                columns[:] = list(dict.fromkeys(flat))  # a flat header gives the column order
            official = spec.column_key_tuple
            header_seen.extend(k for k in flat if k in official and k not in header_seen)
        return used

    assignment = assign_rows(
        rows,
        order=order,
        match=matcher.match,
        n_of=lambda key: len(columns),
        stream=ctx.stream,
        on_label_row=on_label_row,
        settled=matcher.settled,
    )
    for row in assignment.rows:
        if row.label is not None and " " in row.label.text and _row_part(row.label.text) is not None:
            row.label = _after_group(row.label)
    _drop_unheaded_columns(table, columns, spec.column_key_tuple, header_seen, assignment.rows)
    table.columns = columns
    out = _Rows(table, columns, spec.row_key_tuple, list(assignment.notes))
    for row in assignment.rows:
        if row.key is None:
            if row.labels or any(is_number_text(v.text) for v in row.values):
                out.extra(row)
                out.notes.append(f"unassigned-row@{row.line}")
            continue  # a row of placeholders only (| - | - |): converter debris
        out.put(row)
        if row.key not in spec.row_key_set:
            label = row.label or (row.labels[-1] if row.labels else None)
            if label is not None:
                table.extra_rows.append(label.field())
    if observed and observed != version:
        out.notes.append(f"other-processing-{'single-row' if observed == '2019' else 'split'}")
    if note_parts:
        table.corner_note = _corner_note(note_parts)
    out.finish(order)
    return table


def _drop_unheaded_columns(
    table: Table, columns: list[str], official: Sequence[str], seen: Sequence[str], rows: Sequence[DataRow]
) -> None:
    """Columns a header leaves out (a 表三 without 其他) are missing.

    Only when the header names most official columns, so that it was read (a header that names
    few of them was lost or broken up by the extraction), and the rows do not hold one value per
    official column (then the header lost a label, e.g. converter damage, not the table its
    cells). The rows are then read against the columns the header names; rows whose values fit
    them only with a guess keep just the cells that are certain (see :func:`fit`).
    """
    if len(seen) < 4 or len(seen) == len(official):
        return
    counts = [len(_trimmed(r.values)) for r in rows if r.key is not None]
    if counts and counts.count(len(columns)) * 5 >= len(counts) * 3:
        return
    missing = [c for c in official if c not in seen]
    columns[:] = [c for c in columns if c not in missing]
    table.missing_columns = missing


def _trimmed(values: Sequence[Frag]) -> list[Frag]:
    vals = list(values)
    while vals and not vals[-1].text:
        vals.pop()
    while vals and not vals[0].text:
        vals.pop(0)
    return vals


def _closed(parts: list[Frag]) -> bool:
    return len(parts) >= 3 or any(")" in p.text or "）" in p.text for p in parts)


_NOTE_END = re.compile(r"[)）]")
_WORD = re.compile(r"[^\s\u3000]+")


def _row_part(text: str) -> str | None:
    """The row label of "三、本年度办理结果 （一）予以公开" (group and row labels on one line)."""
    head, _, tail = text.rpartition(" ")
    return tail if head.strip() and tail and _GROUP_PREFIX.match(normalize_label(head)) else None


def _after_group(frag: Frag) -> Frag:
    cut = frag.text.rindex(" ") + 1
    return Frag(frag.text[cut:], frag.line, frag.col + cut, frag.offset + cut, frag.length - cut)


def _header_only(frag: Frag, words: Collection[str]) -> bool:
    """A field of header words only (``自然人 法人或其他组织 总计``): not the rest of a corner note
    whose closing bracket is missing."""
    parts = frag.text.split()
    return bool(parts) and all(normalize_label(p) in words for p in parts)


def _split_note(frag: Frag) -> tuple[Frag, Frag | None]:
    """The corner note's part of a field and what follows its closing bracket (header words)."""
    text = frag.text
    end = _NOTE_END.search(text, max(text.find("勾稽关系"), 0))
    if end is None or not text[end.end() :].strip():
        return frag, None
    cut = end.end()
    rest = text[cut:]
    skip = cut + len(rest) - len(rest.lstrip())
    note = Frag(text[:cut], frag.line, frag.col, frag.offset, cut)
    tail = text[skip:]
    return note, Frag(tail, frag.line, frag.col + skip, frag.offset + skip, len(tail))


def _header_words(frag: Frag) -> list[Frag]:
    """The space-separated words of a header field ([] for a field without spaces)."""
    text = frag.text
    if " " not in text and "\u3000" not in text:
        return []
    return [
        Frag(m.group(), frag.line, frag.col + m.start(), frag.offset + m.start(), len(m.group()))
        for m in _WORD.finditer(text)
    ]


def _span_frag(first: Frag, last: Frag, whole: Frag) -> Frag:
    """The part of ``whole`` from ``first`` to ``last`` (two words of one field)."""
    start, end = first.col - whole.col, last.col + last.length - whole.col
    return Frag(whole.text[start:end], first.line, first.col, first.offset, end - start)


def _corner_note(parts: list[Frag]) -> Field:
    text = "".join(p.text for p in parts)
    for word in ("法人或其他组织", "申请人情况"):
        if word in text and not text.endswith(word):
            text = text.replace(word, "")
    first = parts[0]
    return Field(text, first.text, first.span)


# --------------------------------------------------------------------------------------------
# 表二


def choose_t2_version(rows: Sequence[RawRow], hint: str | None) -> str:
    """The version whose 表二 labels (columns, rows, captions) the region uses most."""
    labels = set(map(normalize_label, map(frag_text, chain.from_iterable(map(_LABELS_OF, rows)))))
    scores = {v: len(labels & _t2_own_labels(v, other)) for v, other in (("2019", "2021"), ("2021", "2019"))}
    if scores["2019"] != scores["2021"]:
        return max(scores, key=lambda v: scores[v])
    return hint or "2021"


@cache
def _t2_own_labels(version: str, other: str) -> frozenset[str]:
    """The 表二 labels of ``version`` that ``other`` does not have."""
    return _t2_labels(version) - _t2_labels(other)


@cache
def _t2_labels(version: str) -> frozenset[str]:
    spec = _spec(version, "t2")
    out = set()
    for b in spec.blocks:
        out.add(normalize_label(b.caption))
        for s in (*b.columns, *b.rows):
            out.add(s.norm)
    return frozenset(out)


@cache
def _t2_matchers(version: str) -> tuple[LabelMatcher, LabelMatcher]:
    spec = _spec(version, "t2")
    return LabelMatcher(spec.rows, threshold=0.8), LabelMatcher(spec.columns, threshold=0.85, expected_threshold=0.85)


@cache
def _t2_blocks(version: str) -> tuple[dict[str, BlockSpec], dict[str, BlockSpec], dict[str, list[str]]]:
    """The block of each 表二 row key, the blocks by key and the column keys of each block."""
    blocks = _spec(version, "t2").blocks
    block_of = {r.key: b for b in blocks for r in b.rows}
    return block_of, {b.key: b for b in blocks}, {b.key: [c.key for c in b.columns] for b in blocks}


def build_t2(rows: Sequence[RawRow], ctx: Context) -> Table:
    version = choose_t2_version(rows, ctx.hint)
    spec = _spec(version, "t2")
    row_matcher, col_matcher = _t2_matchers(version)
    table = Table(kind="t2", template=version, span=ctx.span, layout=ctx.layout)
    order = spec.row_key_tuple
    block_of, captions, official_columns = _t2_blocks(version)
    seen_blocks: list[str] = []
    header_buf: list[Frag] = []
    current: list[str | None] = [None]
    header_text: dict[str, str] = {}  # block -> its header, normalised and run together

    def on_label_row(raw: RawRow) -> bool:
        used = False
        for frag in raw.labels:
            norm = normalize_label(frag.text)
            m = CAPTION.search(norm)
            if m:
                key = f"第二十条第（{m.group(1)}）项"
                current[0] = key
                header_buf.clear()
                if key in captions:
                    table.label_at("block_captions", key, frag, first=True)
                    seen_blocks.append(key)
                else:
                    table.extra_rows.append(frag.field())
                used = True
                continue
            block = current[0]
            if norm.startswith("信息内容"):
                header_buf.clear()
                rest = norm[len("信息内容") :]
                if block is not None:
                    header_text[block] = rest
                if rest:
                    _header_label(rest, frag)
                used = True
                continue
            if block in header_text:
                header_text[block] += norm
            if _header_label(norm, frag, header_buf):
                used = True
        return used

    def _header_label(text: str, frag: Frag, buf: list[Frag] | None = None) -> bool:
        m = col_matcher.match(text)
        if m is None and buf:
            joined = join_frags([*buf, frag])
            m = col_matcher.match(joined.text)
            frag = joined
        if m is None:
            if buf is not None:
                buf.append(frag)
                del buf[:-2]
            return False
        if buf is not None:
            buf.clear()
        table.label_at("column_labels", m.key, frag, first=True)
        return True

    def n_of(key: str | None) -> int | None:
        if key is None:
            return None
        block = block_of.get(key)
        return len(block.columns) if block else None

    assignment = assign_rows(
        rows,
        order=order,
        match=row_matcher.match,
        n_of=n_of,
        stream=ctx.stream,
        on_label_row=on_label_row,
        settled=row_matcher.settled,
    )
    out = _Rows(table, [], order, list(assignment.notes))
    block_columns = dict(official_columns)  # (a block's columns are replaced, never changed)
    for b in spec.blocks:
        if b.key in header_text:
            _drop_unheaded_t2_columns(table, version, b, header_text[b.key], block_columns, assignment.rows)
    for row in assignment.rows:
        if row.key is None:
            out.extra(row)
            out.notes.append(f"unassigned-row@{row.line}")
            continue
        out.put(row, block_columns[block_of[row.key].key])
    present = set(table.rows)
    for block, row_keys in _t2_block_rows(version):
        if block in seen_blocks or not present.isdisjoint(row_keys):
            table.blocks[block] = list(row_keys)
        else:
            table.missing_blocks.append(block)
    table.columns = list(spec.column_keys)
    out.finish(order)
    return table


@cache
def _t2_block_rows(version: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each 表二 block's key and row keys, in order."""
    return tuple((b.key, tuple(r.key for r in b.rows)) for b in _spec(version, "t2").blocks)


@lru_cache(maxsize=1024)
def _unheaded_t2_columns(version: str, block: str, header: str) -> tuple[str, ...]:
    """The columns of a 表二 block that its header (normalised, run together) does not name."""
    columns = _t2_blocks(version)[1][block].columns
    return tuple(c.key for c in columns if not any(n in header for n in c.norms))


def _drop_unheaded_t2_columns(
    table: Table,
    version: str,
    block: BlockSpec,
    header: str,
    block_columns: dict[str, list[str]],
    rows: Sequence[DataRow],
) -> None:
    """A 表二 block header without one of its columns, confirmed by the block's rows."""
    missing = _unheaded_t2_columns(version, block.key, header)
    if not missing or len(missing) == len(block.columns):
        return
    remaining = [k for k in block_columns[block.key] if k not in missing]
    counts = [len(_trimmed(r.values)) for r in rows if r.key in {x.key for x in block.rows}]
    if counts and all(c == len(remaining) for c in counts):
        block_columns[block.key] = remaining
        for key in missing:
            if key not in table.missing_columns:
                table.missing_columns.append(key)


# --------------------------------------------------------------------------------------------
# 表四


@cache
def _t4_matchers() -> tuple[TableSpec, LabelMatcher, LabelMatcher]:
    spec = _spec("2021", "t4")
    return (
        spec,
        LabelMatcher(spec.rows, threshold=0.9, expected_threshold=0.9),
        LabelMatcher(spec.columns, threshold=0.9, expected_threshold=0.9),
    )


def build_t4(rows: Sequence[RawRow], ctx: Context) -> Table:
    spec, group_matcher, col_matcher = _t4_matchers()
    version = ctx.hint or "2021"
    table = Table(kind="t4", template=version, span=ctx.span, layout=ctx.layout)
    groups, columns = spec.row_key_tuple, spec.column_key_tuple
    table.columns = list(columns)
    value_rows: list[tuple[str | None, RawRow]] = []
    group: str | None = None
    notes: list[str] = []
    collected = 0
    for raw in rows:
        has_values = any(map(frag_text, raw.values)) or (ctx.stream and bool(raw.values))
        if raw.labels and not has_values:
            if collected >= len(groups) * len(columns):
                break  # the table is complete; text after it is not part of it
            for frag in raw.labels:
                gm = group_matcher.match(frag.text)
                if gm is not None:
                    table.label_at("row_labels", gm.key, frag, first=True)
                    group = gm.key
                c = col_matcher.match(frag.text)
                if c is not None:
                    table.label_at("column_labels", c.key, frag, first=True)
            continue
        if has_values:
            value_rows.append((group, raw))
            collected += len(raw.values)

    per_group = [(g, r) for g, r in value_rows if any(map(frag_text, r.values))]
    by_group = (
        len(per_group) == 3
        and len({g for g, _ in per_group}) == 3
        and None not in {g for g, _ in per_group}
        and all(fit(r.values, len(columns), r.grid)[0] is not None for _, r in per_group)
    )
    if by_group:
        for g, r in per_group:
            assert g is not None
            vals, note = fit(r.values, len(columns), r.grid)
            assert vals is not None
            unsure: set[int] = set()
            if note == "ambiguous":
                unsure = set(uncertain_columns(r.values, len(columns)))
                table.raw_values[g] = frags_field([v for v in r.values if v.text])
                note = "unaligned"
            _put_t4_group(table, g, columns, vals, unsure)
            if note:
                notes.append(f"{note}:{g}")
    else:
        values: list[Frag] = [v for _, r in value_rows for v in r.values]
        grid = all(r.grid for _, r in value_rows)  # (True without rows)
        n = len(groups) * len(columns)
        vals, note = fit(values, n, grid) if values else (None, "no-values")
        if vals is None:
            present = [v for v in values if v.text]
            if present:
                table.raw_values["行政复议"] = frags_field(present)
            table.reliable = False
            notes.append(f"{note}:{len([v for v in values if v.text])}")
        else:
            unsure = set()
            if note == "ambiguous":
                unsure = set(uncertain_columns(values, n))
                table.raw_values["行政复议"] = frags_field([v for v in values if v.text])
                note = "unaligned:" + ",".join(g for gi, g in enumerate(groups) if _overlaps(unsure, gi, len(columns)))
            if note:
                notes.append(note)
            width = len(columns)
            for gi, g in enumerate(groups):
                mine = {i - gi * width for i in unsure if gi * width <= i < (gi + 1) * width}
                _put_t4_group(table, g, columns, vals[gi * width : (gi + 1) * width], mine)
            notes.append("positional")
    table.missing_rows = [g for g in groups if g not in table.rows]
    table.notes.extend(notes)
    return table


def _overlaps(indexes: set[int], group: int, width: int) -> bool:
    return any(group * width <= i < (group + 1) * width for i in indexes)


def _put_t4_group(
    table: Table, group: str, columns: Sequence[str], vals: Sequence[Frag | None], unsure: Collection[int] = ()
) -> None:
    if unsure or None in vals or not put_cells(table.cells, group, columns, vals):  # type: ignore[arg-type]
        for i, (col, frag) in enumerate(zip(columns, vals, strict=True)):
            if i not in unsure:
                table.cells[(group, col)] = make_cell(frag)
    present = [f for f in vals if f is not None]
    if present:
        table.row_span_at(group, present[0], present[-1])
    rows = table.rows
    if group not in rows:
        rows.append(group)
        if len(rows) > 1 and _T4_RANK[rows[-2]] > _T4_RANK[group]:
            rows.sort(key=_T4_RANK.__getitem__)


_T4_RANK = {g: i for i, g in enumerate(("行政复议", "未经复议直接起诉", "复议后起诉"))}


# --------------------------------------------------------------------------------------------
# 统计表 (pre-2019)

_UNIT_SET = frozenset(UNITS)
_STAT_HEADER_WORDS = ("统计指标", "指标名称", "单位", "计量单位", "统计数", "本期实际", "本年累计", "历年累计")
_GROUP_PREFIX = re.compile(r"^[一二三四五六七八九十]{1,3}、本年度办理结果$")
_TRAILING_NOTE = re.compile(r"[(（][^)）]*[)）]$")
_TOP_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_YEAR_COLUMN = re.compile(r"^(19|20)\d{2}年(度)?$")


@cache
def _stat_spec() -> tuple[TableSpec, LabelMatcher, dict[str, list[LabelSpec]]]:
    spec = _spec("2008", "stat")
    by_core: dict[str, list[LabelSpec]] = {}
    for r in spec.rows:
        for c in r.cores:
            by_core.setdefault(c, []).append(r)
    return spec, LabelMatcher((*spec.rows, *spec.groups), threshold=0.85), by_core


def stat_value_columns(header: Sequence[str]) -> list[str]:
    """Value columns (after 单位) named by a 统计表 header: 统计数, and 累计 when there is one."""
    cols: list[str] = []
    for h in header:
        n = normalize_label(h)
        if n in ("统计数", "本期实际", "本年度", "本年数", "数量") or _YEAR_COLUMN.match(n):
            cols.append("统计数")
        elif n in ("本年累计", "历年累计", "累计"):
            cols.append("累计")
    return cols or ["统计数"]


def stat_key(label: str, group: str | None, used: set[str]) -> tuple[str, LabelSpec | None]:
    """The stable key of a 统计表 row label (template key, else the label without numbering)."""
    spec, matcher, by_core = _stat_spec()
    core = label_core(label)
    m = matcher.match(label)
    found: LabelSpec | None = None
    if m is not None and m.spec.key in spec.row_key_set:
        found = m.spec
        same = by_core.get(m.spec.core, [])
        if len(same) > 1:
            found = next((s for s in same if s.group == group and s.key not in used), None) or next(
                (s for s in same if s.key not in used), m.spec
            )
    if found is not None:
        return found.key, found
    key = _TRAILING_NOTE.sub("", core) or core
    if key in used and group:
        key = f"{group}/{key}"
    return key, None


def _split_unit(frag: Frag) -> tuple[list[Frag], Frag | None]:
    head, sep, tail = frag.text.rpartition(" ")
    if not sep or tail not in _UNIT_SET or not head.strip():
        return [frag], None
    head = head.rstrip()
    unit_col = frag.col + len(frag.text) - len(tail)
    unit = Frag(tail, frag.line, unit_col, frag.offset + unit_col - frag.col, len(tail))
    return [Frag(head, frag.line, frag.col, frag.offset, len(head))], unit


def build_stat(rows: Sequence[RawRow], ctx: Context) -> Table:
    spec, matcher, _ = _stat_spec()
    table = Table(kind="stat", template="2008", span=ctx.span, layout=ctx.layout)
    value_cols = ["统计数"]
    group: str | None = None
    used: set[str] = set()
    prose = 0
    for raw in rows:
        labels = list(raw.labels)
        words = [normalize_label(f.text) for f in labels]
        if words and all(w in _STAT_HEADER_WORDS or _YEAR_COLUMN.match(w) for w in words):
            value_cols = stat_value_columns([f.text for f in labels[1:]]) if len(labels) > 2 else value_cols
            for f in labels:
                table.label_at("column_labels", normalize_label(f.text), f, first=True)
            continue
        unit: Frag | None = None
        if len(labels) >= 2 and normalize_label(labels[-1].text) in _UNIT_SET:
            unit = labels.pop()
        elif len(labels) == 1 and not raw.grid:
            labels, unit = _split_unit(labels[0])  # PDF text: "制发规范性文件总数 件 5"
        if not labels:
            continue
        label = labels[0] if len(labels) == 1 else join_frags(labels)
        has_values = any(v.text for v in raw.values)
        if not raw.grid and not has_values and unit is None:
            prose = prose + 1 if len(label.text) > 40 else prose
            if prose >= 3:
                break
        is_top = _TOP_NUMBER.match(normalize_label(label.text)) is not None
        if not has_values and unit is None:
            g = matcher.match(label.text)
            if g is not None:
                group = g.key
            continue
        key, found = stat_key(label.text, group, used)
        if is_top:
            group = key
        used.add(key)
        if key not in table.rows:
            table.rows.append(key)
        table.label_at("row_labels", key, label)
        table.row_span_at(key, label, next(filter(frag_text, reversed(raw.values)), label))
        if found is None:
            table.extra_rows.append(label.field())
        table.cells[(key, "单位")] = make_cell(unit) if unit is not None else make_cell(None)
        vals, note = fit(raw.values, len(value_cols), raw.grid)
        if note == "ambiguous":
            vals, note = None, "unaligned"
        if vals is None:
            present = [v for v in raw.values if v.text]
            if present:
                table.raw_values[key] = frags_field(present)
            table.notes.append(f"{note}:{key}")
            continue
        for col, frag in zip(value_cols, vals, strict=True):
            table.cells[(key, col)] = make_cell(frag)
    table.columns = ["单位", *value_cols]
    table.missing_rows = [r.key for r in spec.rows if r.key not in table.rows and not r.optional]
    known = sum(1 for r in table.rows if r in spec.row_key_set)
    if known * 2 < len(spec.rows):
        table.missing_rows = []  # a local variant of the 统计表, not the 2014 national one
        table.notes.append("variant")
    return table
