"""Assigning physical rows to the template's data rows.

Real tables break rows apart: a label on one line and its numbers on the next (PDF text), labels
floating between value rows (converted PDF), one cell per line. :func:`assign_rows` walks the rows
once, in order:

* a row whose label matches a data row takes the values on that row;
* a label without values waits in a queue for the next row of values without a label (in
  one-cell-per-line text the values follow one by one until the row is full);
* a row of values without a label takes the oldest waiting label, or stays unassigned;
* afterwards, unassigned rows between two assigned ones are given the template rows missing
  between them, in order, but only when the counts agree exactly (never a guess).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from typing import Any

from govlint.tables.text import Frag, RawRow, frag_text
from govlint.templates import Match

_KEY = attrgetter("key")
_UNSEEN: Any = object()  # not in ``settled``
MatchFn = Callable[[str, Sequence[str]], Match | None]


@dataclass(slots=True)
class DataRow:
    key: str | None
    labels: list[Frag]
    values: list[Frag]
    line: int
    grid: bool
    layout: str
    label: Frag | None = None
    by_order: bool = False


@dataclass(slots=True)
class _Waiting:
    key: str | None
    label: Frag
    row: RawRow


@dataclass(slots=True)
class Assignment:
    rows: list[DataRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


HEADER_FIELDS = 4  # a row with this many label fields is a header row, never a data row
MAX_BY_ORDER = 3  # at most this many consecutive unlabelled rows are given rows by order


def assign_rows(
    raw_rows: Sequence[RawRow],
    *,
    order: Sequence[str],
    match: MatchFn,
    n_of: Callable[[str | None], int | None],
    stream: bool,
    on_label_row: Callable[[RawRow], bool] = lambda row: False,
    settled: Mapping[Any, Match | None] | None = None,
) -> Assignment:
    """Assign ``raw_rows`` to the keys in ``order`` (see the module docstring).

    ``match(text, expected)`` matches a label (``settled``: its results that do not depend on
    ``expected``, by text, looked up first); ``n_of(key)`` is how many values a row has;
    ``on_label_row(row)`` sees rows that are not data rows (captions, headers, group labels) and
    returns True when it used the row. Data rows take over the lists of their raw rows (and may
    extend them): the raw rows are not to be read afterwards.
    """
    keys = tuple(order)
    index = _places(keys)
    out = Assignment()
    assigned: set[str] = set()
    queue: list[_Waiting] = []
    filling: DataRow | None = None
    last = -1

    def expected() -> tuple[str, ...]:
        following = keys[last + 1 : last + 6]
        if assigned.isdisjoint(following):  # (rows mostly come in order)
            return following
        return tuple(k for k in following if k not in assigned)

    def emit(row: DataRow) -> None:
        nonlocal last
        out.rows.append(row)
        if row.key is not None:
            assigned.add(row.key)
            last = max(last, index[row.key])

    def full(row: DataRow) -> bool:
        n = n_of(row.key)
        return n is not None and len(row.values) >= n

    known = settled.get if settled is not None else {}.get
    filling_n: int | None = None  # n_of(filling.key), which only on_label_row can change (filling is None then)
    for raw in raw_rows:
        if filling is not None and not raw.labels and (filling_n is None or len(filling.values) < filling_n):
            # the next cell of the row being filled (most lines of one-cell-per-line text): what
            # both branches below do with an unlabelled row (filling is set in a stream only)
            filling.values.extend(raw.values)
            continue
        key: str | None = None
        label: Frag | None = None
        if raw.labels and len(raw.labels) < HEADER_FIELDS:
            exp: tuple[str, ...] | None = None
            for frag in reversed(raw.labels):
                m = known(frag[0], _UNSEEN)
                if m is _UNSEEN:
                    if exp is None:
                        exp = keys[last + 1 : last + 6]  # expected(), inline
                        if not assigned.isdisjoint(exp):
                            exp = expected()
                    m = match(frag[0], exp)
                if m is not None and m.key in index:
                    key, label = m.key, frag
                    break
        has_values = any(map(frag_text, raw.values)) or (raw.grid and bool(raw.values) and key is not None)

        if not has_values:
            if raw.labels:
                if stream:
                    filling = None
                if key is None:
                    used = on_label_row(raw)
                    if not used and stream and not any(w.key is not None for w in queue):
                        # unknown text where a label belongs: keep it, the values may follow
                        queue = [_Waiting(None, raw.labels[-1], raw)]
                    continue
                if key in assigned or key in map(_KEY, queue) or index[key] < last:
                    continue  # another piece of a label already seen
                waiting = _Waiting(key, label or raw.labels[-1], raw)
                queue = [waiting] if stream else [*[w for w in queue if w.key is not None], waiting]
            elif stream and raw.values:  # an empty cell (empty line)
                if filling is not None and not full(filling):
                    filling.values.extend(raw.values)
                elif queue and queue[0].key is not None:
                    waiting = queue.pop(0)
                    row = DataRow(waiting.key, [waiting.label], raw.values, raw.line, True, raw.layout)
                    row.label = waiting.label
                    emit(row)
                    filling = row if not full(row) else None
                    filling_n = n_of(row.key)
            continue

        if key is None and not raw.labels:
            if stream:
                if filling is not None and not full(filling):
                    filling.values.extend(raw.values)
                    continue
            elif not raw.grid and out.rows:
                # PDF text that wrapped a row's numbers onto the next line: exactly the missing ones
                previous = out.rows[-1]
                n = n_of(previous.key)
                if n is not None and not previous.grid and len(previous.values) + len(raw.values) == n:
                    previous.values.extend(raw.values)
                    continue
        if key is not None:
            if key in assigned:
                out.notes.append(f"duplicate-row:{key}@{raw.line}")
                key = None
            elif queue:
                queue = [w for w in queue if w.key is not None and index[w.key] > index[key]]
        if key is None:
            if not stream and not raw.grid and not raw.labels:
                n = n_of(None)
                if n is not None and len(raw.values) != n:
                    out.notes.append(f"stray-values@{raw.line}")
                    continue
            if queue:
                waiting = queue.pop(0)
                key, label = waiting.key, waiting.label
                if key is not None and key in assigned:
                    key = None
        row = DataRow(key, raw.labels, raw.values, raw.line, raw.grid, raw.layout, label)
        out.rows.append(row)  # emit(row), inline
        if key is not None:
            assigned.add(key)
            place = index[key]
            if place > last:
                last = place
        if stream:  # the row being filled when it is not full yet (full(row), inline)
            filling_n = n_of(key)
            filling = row if filling_n is None or len(row.values) < filling_n else None

    _fill_gaps(out, order, index, assigned)
    return out


@cache
def _places(keys: tuple[str, ...]) -> dict[str, int]:
    """Each key's place in ``keys`` (the same for every table of a template: built once)."""
    return {k: i for i, k in enumerate(keys)}


def _fill_gaps(out: Assignment, order: Sequence[str], index: dict[str, int], assigned: set[str]) -> None:
    rows = out.rows
    if None not in map(_KEY, rows):
        return  # (every row assigned: most tables)
    i = 0
    while i < len(rows):
        if rows[i].key is not None:
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j].key is None:
            j += 1
        before = rows[i - 1].key if i > 0 else None
        after = rows[j].key if j < len(rows) else None
        lo = index[before] if before is not None else -1
        hi = index[after] if after is not None else len(order)
        missing = [k for k in order[lo + 1 : hi] if k not in assigned]
        # Only a few rows, held between matched rows (or one row next to a matched one at the
        # start or end of the table): a whole table of unknown labels is not read by order.
        anchored = (before is not None and after is not None) or (j - i == 1 and (before or after))
        if len(missing) == j - i and j - i <= MAX_BY_ORDER and anchored:
            for row, key in zip(rows[i:j], missing, strict=True):
                row.key = key
                row.by_order = True
                assigned.add(key)
            out.notes.append("assigned-by-order:" + ",".join(missing))
        i = j
