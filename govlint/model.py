"""The report model: what the parser reads out of a report, with exact positions.

Everything here is plain data. The parser (govlint.parsing) builds it; rules read it; nothing in
this module knows about either. Fields may be added; existing fields keep their meaning, because
``govlint parse --json`` (govlint.serialize) is a documented interface built from them.

Positions: ``line`` and ``column`` are 1-based and counted in characters (not bytes, not display
cells); ``offset`` is the 0-based character offset into the decoded text. A ``Span`` is half-open:
``end`` is the position just after the last character, so a one-character span at line 3 column 5
ends at line 3 column 6 (the convention of ruff, LSP and SARIF).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

FormatVersion = Literal["2008", "2019", "2021"]
TableKind = Literal["t2", "t3", "t4", "stat"]
CellKind = Literal["number", "blank", "text"]


# Position, Span, Line, Field, DateValue and Heading are values: never change one, make a new one.
# They are not frozen dataclasses only because reports build hundreds of them and a frozen
# dataclass's ``__init__`` costs twice as much; ``unsafe_hash`` gives them the hash a frozen one
# would have.


@dataclass(slots=True, unsafe_hash=True)
class Position:
    line: int
    column: int
    offset: int


@dataclass(slots=True, unsafe_hash=True)
class Span:
    start: Position
    end: Position

    @property
    def line(self) -> int:
        return self.start.line

    @property
    def column(self) -> int:
        return self.start.column


@dataclass(slots=True, unsafe_hash=True)
class Line:
    """One physical line of the decoded text (line ending excluded)."""

    number: int
    offset: int
    text: str
    kind: str = "text"  # set by the grammar: heading, table_row, chrome, blank, paragraph, ...

    @property
    def span(self) -> Span:
        return Span(
            Position(self.number, 1, self.offset),
            Position(self.number, len(self.text) + 1, self.offset + len(self.text)),
        )


@dataclass(slots=True, unsafe_hash=True)
class Field:
    """A value read from the text: its normalised ``value``, the ``raw`` text and where it is."""

    value: str
    raw: str
    span: Span


@dataclass(slots=True, unsafe_hash=True)
class DateValue:
    """A date written in the text. Parts the text does not give are None.

    ``valid`` is False for impossible dates (2月30日) and malformed ones (``截止至20201231日``);
    ``problem`` then says why, in a short English key ("impossible", "malformed", ...).
    """

    raw: str
    span: Span
    year: int | None
    month: int | None
    day: int | None
    valid: bool = True
    problem: str | None = None
    role: str = "other"  # "signature", "publication", "period_start", "period_end", "other"


@dataclass(frozen=True, slots=True)
class Period:
    """The statistics period stated in the report (统计期限)."""

    start: DateValue | None
    end: DateValue | None
    span: Span
    raw: str


@dataclass
class Contact:
    """The contact block (usually in the preamble). Each item keeps its own position."""

    span: Span | None = None
    address: Field | None = None
    postcode: Field | None = None
    phones: list[Field] = field(default_factory=list)
    faxes: list[Field] = field(default_factory=list)
    emails: list[Field] = field(default_factory=list)
    websites: list[Field] = field(default_factory=list)


@dataclass(slots=True, unsafe_hash=True)
class Heading:
    """A numbered heading line such as ``一、总体情况`` or ``（一）主动公开``.

    ``level``: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）. ``number`` is the numeral as written
    without its punctuation ("一", "1"); ``ordinal`` its value (一 = 1). ``style`` records how it was
    written: "fullwidth", "halfwidth", "markdown" (a ``#`` heading), ...
    """

    level: int
    number: str
    ordinal: int
    title: str
    raw: str
    span: Span
    style: str = "fullwidth"


@dataclass
class Paragraph:
    text: str
    span: Span


@dataclass
class Section:
    """A numbered section and everything up to the next heading of the same or a higher level."""

    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    span: Span | None = None

    @property
    def number(self) -> str:
        return self.heading.number

    @property
    def ordinal(self) -> int:
        return self.heading.ordinal

    @property
    def title(self) -> str:
        return self.heading.title

    def text(self) -> str:
        """The body text of the section and its sub-sections, headings of sub-sections included."""
        parts = [p.text for p in self.paragraphs]
        for sub in self.subsections:
            parts.append(sub.heading.raw)
            parts.append(sub.text())
        return "\n".join(parts)


class _CellSpan:
    """``Cell.span``: the span given to ``Cell(...)``, or built from the cell's place when first read.

    A table holds up to ~200 cells and rules read few spans, while building a Span (two
    Positions) costs more than everything else about a cell. A descriptor-typed dataclass field:
    ``__init__`` and ``dataclasses.replace`` set it like any field.
    """

    # (cell: Any: its _span and _place slots are not dataclass fields, so not declared to mypy)
    def __get__(self, cell: Any, owner: type | None = None) -> Span | None:
        if cell is None:
            raise AttributeError("span")  # the field has no default (dataclasses asks the class)
        place = cell._place
        if place is not None:
            _, line, column, offset, length = place
            cell._span = Span(Position(line, column, offset), Position(line, column + length, offset + length))
            cell._place = None
        return cell._span

    def __set__(self, cell: Any, span: Span | None) -> None:
        cell._span = span
        cell._place = None


@dataclass
class Cell:
    """One value cell of a statistics table.

    ``value`` is the number (int, or float for amounts) when ``kind == "number"``, else None: a blank
    cell is kept as blank and a non-numeric one (``/``, ``—``, ``无``) as text, never turned into 0.
    ``span`` is None only when the cell was inferred to exist but has no text (an empty cell in a
    layout that does not mark it).
    """

    __slots__ = ("_place", "_span", "kind", "raw", "value")

    kind: CellKind
    value: int | float | None
    raw: str
    span: Span | None = _CellSpan()  # type: ignore[assignment]  # no default: see _CellSpan.__get__

    @classmethod
    def at(cls, kind: CellKind, value: int | float | None, raw: str, place: tuple[Any, int, int, int, int]) -> Cell:
        """A cell whose span is that of ``place``, (text, line, column, offset, length) of one line
        of text (a table extractor's fragment), built only when ``span`` is first read."""
        cell: Any = _new_object(cls)
        cell.kind = kind
        cell.value = value
        cell.raw = raw
        cell._place = place  # (_span is set when span is first read)
        return cell


@dataclass
class Table:
    """A reconstructed statistics table.

    Cells are addressed by (row key, column key) using the official numbering (see templates/):
    表三 rows ``一``, ``二``, ``三.一`` … ``三.七``, ``四`` and columns ``自然人`` … ``总计``;
    表四 rows ``行政复议``, ``未经复议直接起诉``, ``复议后起诉`` and columns ``结果维持`` … ``总计``;
    表二 rows by their label (``规章``, ``行政许可`` …; unique across blocks), with ``blocks`` mapping
    each block caption (``第二十条第（一）项``) to its row keys; 统计表 rows by their normalised label
    and the column ``统计数``.

    ``reliable`` is False when the grid was lost (flattened text): arithmetic must not be judged
    then. ``notes`` say what the reconstruction noticed (short English keys).
    """

    kind: TableKind
    template: str | None
    span: Span
    layout: str  # "tabs", "cell-per-line", "pipe", "spaces", "flattened", ...
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    blocks: dict[str, list[str]] = field(default_factory=dict)
    row_spans: dict[str, Span] = field(default_factory=dict)
    missing_rows: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    missing_blocks: list[str] = field(default_factory=list)
    extra_rows: list[Field] = field(default_factory=list)
    extra_columns: list[Field] = field(default_factory=list)
    reliable: bool = True
    notes: list[str] = field(default_factory=list)
    # Added by the table extractor (govlint.tables): the labels as written, so structure rules can
    # compare them with the official ones (templates/), and value text that could not be split.
    row_labels: dict[str, Field] = field(default_factory=dict)  # row key -> label as written
    column_labels: dict[str, Field] = field(default_factory=dict)  # column key -> header as written
    block_captions: dict[str, Field] = field(default_factory=dict)  # 表二 block key -> caption
    corner_note: Field | None = None  # 表三 （本列数据的勾稽关系为：…） as written
    raw_values: dict[str, Field] = field(default_factory=dict)  # row key -> unsplit value text

    def cell(self, row: str, column: str) -> Cell | None:
        return self.cells.get((row, column))

    def label_at(self, labels: LabelsName, key: str, place: Place, *, first: bool = False) -> None:
        """``getattr(self, labels)[key] = Field(text, text, <span of place>)``: the label as written at
        ``place``, (text, line, column, offset, length) of one line of text. With ``first``, only when
        ``key`` has no label yet (setdefault). The Field is built when the labels are first read.

        (For the table builders. Two things assigning a Field at once allowed do not hold here: a
        dictionary read before a later ``label_at`` does not show that label until it is read again,
        and a copy made by ``dataclasses.replace`` does not see labels added to the original.)"""
        state = self.__dict__
        pending = state[_PENDING[labels]]
        if first and (key in pending or key in state[_STORED[labels]]):
            return
        pending[key] = place

    def row_span_at(self, key: str, start: Place, end: Place) -> None:
        """``self.row_spans[key] = <span from the start of place start to the end of place end>``,
        built when the row spans are first read (what :meth:`label_at` does for labels)."""
        self.__dict__["_row_spans_pending"][key] = (start, end)

    def row_span(self, key: str) -> Span | None:
        """``self.row_spans.get(key)``, without building the spans of the other rows."""
        state = self.__dict__
        places = state["_row_spans_pending"].get(key)
        return _row_span(places) if places is not None else state["_row_spans"].get(key)


LabelsName = Literal["row_labels", "column_labels", "block_captions"]
Place = tuple[Any, int, int, int, int]  # (text, line, column, offset, length)
_LABELS: tuple[LabelsName, ...] = ("row_labels", "column_labels", "block_captions")
# each Table dict built on first read: its values are kept in _<name>, its places in _<name>_pending
_STORED = {name: f"_{name}" for name in (*_LABELS, "row_spans")}
_PENDING = {name: f"_{name}_pending" for name in (*_LABELS, "row_spans")}


def _label_field(place: Place) -> Field:
    text, line, column, offset, length = place
    return Field(text, text, Span(Position(line, column, offset), Position(line, column + length, offset + length)))


def _row_span(places: tuple[Place, Place]) -> Span:
    (_, line, column, offset, _), (_, end_line, end_column, end_offset, length) = places
    return Span(Position(line, column, offset), Position(end_line, end_column + length, end_offset + length))


class _Pending:
    """A :class:`Table` dict (``row_labels`` …, ``row_spans``) whose values wait in a pending dict
    as places (see :meth:`Table.label_at`, :meth:`Table.row_span_at`) until the dict is read.

    A table has dozens of labels and rows and rules read few; a Field is four objects (its span,
    two positions). Reading the attribute first builds the pending values, in order, into the
    dict, so that it holds what assigning each value at once gives (``==``, ``asdict``,
    ``replace``, ``repr`` and pickling read the attribute or the whole instance dict, and see the
    same).
    """

    def __init__(self, name: str, build: Callable[[Any], Any]) -> None:
        self.stored = _STORED[name]
        self.pending = _PENDING[name]
        self.build = build

    def __get__(self, table: Any, owner: type | None = None) -> Any:
        if table is None:
            return self
        state = table.__dict__
        values = state[self.stored]
        pending = state[self.pending]
        if pending:
            build = self.build
            for key, place in pending.items():
                values[key] = build(place)
            pending.clear()
        return values

    def __set__(self, table: Any, values: dict[str, Any]) -> None:
        state = table.__dict__
        state[self.stored] = values
        state[self.pending] = {}


# (after @dataclass, which makes them plain fields)
_BUILDS: dict[str, Callable[[Any], Any]] = {**dict.fromkeys(_LABELS, _label_field), "row_spans": _row_span}
for _name, _build in _BUILDS.items():
    setattr(Table, _name, _Pending(_name, _build))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something the reader or parser could not do (undecodable bytes, lost table grid, ...).

    ``code`` is a short stable key ("binary", "undecodable", "empty", "flattened", "truncated",
    "unexpected-line", ...); rules of the parse category turn these into findings.
    """

    code: str
    message: str
    span: Span | None = None


@dataclass
class Report:
    path: str
    text: str
    encoding: str | None = None
    lines: list[Line] = field(default_factory=list)
    title: Field | None = None
    agency: Field | None = None
    year: int | None = None
    year_source: str | None = None  # "title", "period", "body"
    period: Period | None = None
    dates: list[DateValue] = field(default_factory=list)
    signature_date: DateValue | None = None
    publication_date: DateValue | None = None
    notices: list[Field] = field(default_factory=list)  # cited document numbers (文号)
    contact: Contact = field(default_factory=Contact)
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)  # every heading, in text order
    tables: list[Table] = field(default_factory=list)
    format: FormatVersion | None = None
    format_evidence: list[str] = field(default_factory=list)
    signature: list[Field] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def table(self, kind: TableKind) -> Table | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def section(self, ordinal: int) -> Section | None:
        return next((s for s in self.sections if s.ordinal == ordinal), None)


_new_object = object.__new__
