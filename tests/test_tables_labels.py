"""Table labels as written (row_labels, column_labels, block_captions) are kept as places and built
into Fields when first read (Table.label_at): every way of reading a table sees the same."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from govlint.model import Field, Position, Span, Table
from govlint.tables.text import Frag


def _table() -> Table:
    return Table(kind="t3", template="2021", span=Span(Position(1, 1, 0), Position(9, 1, 90)), layout="tabs")


def _field(frag: Frag) -> Field:
    text, line, column, offset, length = frag
    return Field(text, text, Span(Position(line, column, offset), Position(line, column + length, offset + length)))


A = Frag("一、本年新收", 3, 1, 20, 6)
B = Frag("二、上年结转", 4, 1, 40, 6)
C = Frag("其他", 2, 9, 12, 2)


def test_pending_labels_read_as_fields_assigned_at_once() -> None:
    lazy, eager = _table(), _table()
    lazy.label_at("row_labels", "一", A)
    lazy.row_labels["x"] = _field(C)  # an eager write after a pending one keeps the order
    lazy.label_at("row_labels", "二", B)
    lazy.label_at("row_labels", "一", B)  # a later write replaces the label in its place
    eager.row_labels["一"] = _field(A)
    eager.row_labels["x"] = _field(C)
    eager.row_labels["二"] = _field(B)
    eager.row_labels["一"] = _field(B)
    assert list(lazy.row_labels.items()) == list(eager.row_labels.items())


def test_first_keeps_the_first_label() -> None:
    table = _table()
    table.label_at("column_labels", "其他", C, first=True)
    table.label_at("column_labels", "其他", A, first=True)
    table.column_labels["总计"] = _field(B)
    table.label_at("column_labels", "总计", A, first=True)
    assert table.column_labels == {"其他": _field(C), "总计": _field(B)}


def test_equality_pickling_asdict_and_replace_see_the_pending_labels() -> None:
    def built() -> Table:
        table = _table()
        table.label_at("row_labels", "一", A)
        table.label_at("block_captions", "第二十条第（一）项", C, first=True)
        return table

    reference = built()
    reference.row_labels  # noqa: B018  (read: the Fields are built)
    assert built() == reference
    assert pickle.loads(pickle.dumps(built())) == reference
    assert copy.deepcopy(built()) == reference
    assert dataclasses.asdict(built())["row_labels"] == {"一": dataclasses.asdict(_field(A))}
    assert dataclasses.replace(built(), layout="pipe").row_labels == reference.row_labels
    replaced = built()
    replaced.row_labels = {}  # assigning the dict drops what was pending
    assert replaced.row_labels == {}


def test_row_spans_wait_as_places_and_one_can_be_read_alone() -> None:
    lazy, eager = _table(), _table()
    lazy.row_span_at("一", A, C)
    lazy.row_span_at("二", B, B)
    lazy.row_span_at("一", B, C)  # a later write replaces the span in its place
    assert lazy.row_span("一") == Span(Position(4, 1, 40), Position(2, 11, 14))
    assert lazy.row_span("三") is None
    eager.row_spans["一"] = Span(Position(4, 1, 40), Position(2, 11, 14))
    eager.row_spans["二"] = _field(B).span
    assert pickle.loads(pickle.dumps(lazy)) == eager
    assert dataclasses.asdict(lazy) == dataclasses.asdict(eager)
    assert list(lazy.row_spans.items()) == list(eager.row_spans.items())
    assert lazy.row_span("二") == eager.row_spans["二"]
