"""Arithmetic assertions over the cells of one statistics table.

A rule states an identity such as ``一 + 二 == 三.七 + 四`` (grammar: grammars/expr.lark). It is
parsed once, when the rule is loaded, against the row and column keys of the table's template, so
an unknown key is a load-time error; evaluation walks the parsed tree (no eval()).

``for_each: column``: the assertion is evaluated once per column and bare keys are row keys.
``for_each: row``: once per row, bare keys are column keys. Without ``for_each`` every key must be
a qualified cell ``row[column]``. ``sum(a..b)`` sums a range of keys in template order, ``sum(k*)``
the key and every key below it (``三.六*`` is 三.六 in the 2019 format and 三.六.1-3 in 2021).

A cell that is blank, not a number or absent makes the assertion unknowable for that column or row:
``evaluate`` returns None (the cells rules report such cells; they are never taken as 0).
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar

import lark
from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from govlint.resources import data_file
from govlint.usercache import user_cache_dir

Number = int | float
ForEach = Literal["row", "column"] | None
# (row, column) -> the cell's number, or None when blank, text or absent.
Lookup = Callable[[str, str], Number | None]
_Item = TypeVar("_Item", bound=str | None)  # a column or row key (None: the assertion names whole cells)

_COMPARE: dict[str, Callable[[Number, Number], bool]] = {
    "==": lambda a, b: _close(a, b),
    "!=": lambda a, b: not _close(a, b),
    "<": lambda a, b: a < b and not _close(a, b),
    "<=": lambda a, b: a <= b or _close(a, b),
    ">": lambda a, b: a > b and not _close(a, b),
    ">=": lambda a, b: a >= b or _close(a, b),
}
_ARITH: dict[str, Callable[[Number, Number], Number]] = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def _close(a: Number, b: Number) -> bool:
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    return abs(a - b) < 1e-6


class ExprError(ValueError):
    """The expression does not parse or names something the table does not have."""

    def __init__(self, message: str, source: str = "", column: int | None = None) -> None:
        self.message = message
        self.source = source
        self.column = column
        if column is not None and source:
            message = f"{message} (at column {column} of {source!r})"
        super().__init__(message)


class _Unknown(Exception):
    """A cell the assertion needs is blank, text or absent."""


def format_number(value: Number) -> str:
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


# --- the parsed form ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A reference to one cell. ``row``/``column`` None = the row or column being iterated over."""

    row: str | None
    column: str | None
    text: str

    def resolve(self, item: str | None) -> tuple[str, str]:
        row = self.row if self.row is not None else item
        column = self.column if self.column is not None else item
        assert row is not None and column is not None
        return row, column


@dataclass(frozen=True)
class _Literal:
    value: int


@dataclass(frozen=True)
class _Ref:
    cell: Cell


@dataclass(frozen=True)
class _Sum:
    cells: tuple[Cell, ...]
    text: str


@dataclass(frozen=True)
class _Binary:
    op: str
    left: _Node
    right: _Node


@dataclass(frozen=True)
class _Negate:
    operand: _Node


@dataclass(frozen=True)
class _Group:
    inner: _Node


_Node = _Literal | _Ref | _Sum | _Binary | _Negate | _Group


class Outcome:
    """The evaluated assertion for one column or row. ``left``/``right`` show the values, e.g.
    ``一(3) + 二(1)`` (rendered on first use: most outcomes hold and are never shown);
    ``first_cell`` is where to report (the first cell the assertion names)."""

    def __init__(
        self,
        assertion: Assertion,
        lookup: Lookup,
        item: str | None,
        holds: bool,
        left_value: Number,
        right_value: Number,
    ) -> None:
        self._assertion = assertion
        self._lookup = lookup
        self._item = item
        self.holds = holds
        self.op = assertion.op
        self.left_value = left_value
        self.right_value = right_value
        self.first_cell = assertion.cells[0].resolve(item) if assertion.cells else None

    @property
    def left(self) -> str:
        return _render(self._assertion.left, self._lookup, self._item)

    @property
    def right(self) -> str:
        return _render(self._assertion.right, self._lookup, self._item)

    @property
    def shown(self) -> str:
        """``一(3) + 二(1) = 4，但 三.七(3) + 四(0) = 3`` style, for messages."""
        return f"{self.left} = {format_number(self.left_value)}，但 {self.right} = {format_number(self.right_value)}"

    def __repr__(self) -> str:
        return f"Outcome(holds={self.holds}, {self.left} {self.op} {self.right})"


@dataclass(frozen=True)
class Assertion:
    source: str
    for_each: ForEach
    op: str
    left: _Node
    right: _Node
    cells: tuple[Cell, ...]  # every cell named, in order
    # Both sides as constant + Σ coefficient × cell, when they are linear (every shipped identity
    # is): evaluated with a flat loop instead of a tree walk.
    linear: tuple[_Linear, _Linear] | None = None
    # The linear sides with each term's (row, column) filled in, per column or row evaluated.
    _resolved: dict[str | None, tuple[_Resolved, _Resolved]] = field(default_factory=dict, compare=False, repr=False)

    def evaluate(self, lookup: Lookup, item: str | None = None) -> Outcome | None:
        """Evaluate for one column (for_each column) or row (for_each row); None if any cell needed
        is blank, text or absent."""
        try:
            left_value = _value(self.left, lookup, item)
            right_value = _value(self.right, lookup, item)
        except _Unknown:
            return None
        return self._outcome(lookup, item, left_value, right_value)

    def evaluate_in(self, values: Mapping[tuple[str, str], Number], item: str | None = None) -> Outcome | None:
        """``evaluate`` over a mapping of (row, column) → number holding only the numeric cells."""

        def lookup(row: str, column: str) -> Number | None:
            return values.get((row, column))

        if self.linear is None:
            return self.evaluate(lookup, item)
        left, right = self._sides_for(item)
        left_value, right_value = _total(left, values), _total(right, values)
        if left_value is None or right_value is None:
            return None
        return self._outcome(lookup, item, left_value, right_value)

    def violations(
        self, values: Mapping[tuple[str, str], Number], items: Sequence[_Item]
    ) -> Iterator[tuple[_Item, Outcome]]:
        """(item, outcome) of each of ``items`` (columns or rows) whose ``evaluate_in`` outcome is
        known and does not hold, in order (most columns and rows balance: they are decided
        without building an outcome)."""
        if self.linear is None:
            for item in items:
                outcome = self.evaluate_in(values, item)
                if outcome is not None and not outcome.holds:
                    yield item, outcome
            return
        compare = _COMPARE[self.op]
        equality = self.op == "=="
        resolved = self._resolved
        get = values.get

        def lookup(row: str, column: str) -> Number | None:
            return get((row, column))

        left_value: Number | None
        right_value: Number | None
        for item in items:
            left, right = resolved.get(item) or self._sides_for(item)  # (the method only on a miss)
            if left[2] is None and right[2] is None:
                # Plain sums of whole numbers (nearly every column or row): added and compared here.
                try:
                    left_value = sum(map(get, left[1]), left[0])  # type: ignore[arg-type]  # None raises
                    right_value = sum(map(get, right[1]), right[0])  # type: ignore[arg-type]
                except TypeError:  # a cell that is not a number (None)
                    continue
                if type(left_value) is int and type(right_value) is int:
                    if left_value == right_value if equality else compare(left_value, right_value):
                        continue
                    yield item, self._outcome(lookup, item, left_value, right_value)
                    continue
            left_value = _total(left, values)
            if left_value is None:
                continue
            right_value = _total(right, values)
            if right_value is None or compare(left_value, right_value):
                continue
            yield item, self._outcome(lookup, item, left_value, right_value)

    def _sides_for(self, item: str | None) -> tuple[_Resolved, _Resolved]:
        sides = self._resolved.get(item)
        if sides is None:
            assert self.linear is not None
            left, right = (_resolve(side, item) for side in self.linear)
            sides = self._resolved[item] = (left, right)
        return sides

    def _outcome(self, lookup: Lookup, item: str | None, left_value: Number, right_value: Number) -> Outcome:
        holds = _COMPARE[self.op](left_value, right_value)
        return Outcome(self, lookup, item, holds, left_value, right_value)


@dataclass(frozen=True)
class _Linear:
    constant: Number
    terms: tuple[tuple[int, str | None, str | None], ...]  # (coefficient, row, column)


# A linear side for one column or row: constant, the (row, column) of each term and their
# coefficients (None when every coefficient is 1, as in a plain sum).
_Resolved = tuple[Number, tuple[tuple[str, str], ...], tuple[int, ...] | None]


def _resolve(side: _Linear, item: str | None) -> _Resolved:
    keys = tuple((row or item, column or item) for _, row, column in side.terms)
    coefficients = tuple(c for c, _, _ in side.terms)
    plain = all(c == 1 for c in coefficients)
    return side.constant, keys, None if plain else coefficients  # type: ignore[return-value]  # (item fills the key)


def _total(side: _Resolved, values: Mapping[tuple[str, str], Number]) -> Number | None:
    """The side's value, or None when a cell it names is not a number."""
    constant, keys, coefficients = side
    total: Number
    if coefficients is None:
        try:
            total = sum(map(values.get, keys), constant)  # type: ignore[arg-type]  # None raises
        except TypeError:  # a cell that is not a number (None)
            return None
        if type(total) is int:
            return total
        coefficients = (1,) * len(keys)  # floats are added one by one, left to right, as written
    total = constant
    for coefficient, key in zip(coefficients, keys, strict=True):
        value = values.get(key)
        if value is None:
            return None
        total += coefficient * value
    return total


def _linear(node: _Node) -> _Linear | None:
    """``node`` as constant + Σ coefficient × cell, or None when it multiplies two cells."""
    if isinstance(node, _Literal):
        return _Linear(node.value, ())
    if isinstance(node, _Ref):
        return _Linear(0, ((1, node.cell.row, node.cell.column),))
    if isinstance(node, _Sum):
        return _Linear(0, tuple((1, c.row, c.column) for c in node.cells))
    if isinstance(node, _Group):
        return _linear(node.inner)
    if isinstance(node, _Negate):
        inner = _linear(node.operand)
        return None if inner is None else _scale(inner, -1)
    left, right = _linear(node.left), _linear(node.right)
    if left is None or right is None:
        return None
    if node.op == "+":
        return _Linear(left.constant + right.constant, left.terms + right.terms)
    if node.op == "-":
        negated = _scale(right, -1)
        return _Linear(left.constant + negated.constant, left.terms + negated.terms)
    if not left.terms:  # "*" with a constant factor
        return _scale(right, int(left.constant))
    if not right.terms:
        return _scale(left, int(right.constant))
    return None


def _scale(linear: _Linear, factor: int) -> _Linear:
    return _Linear(linear.constant * factor, tuple((c * factor, r, k) for c, r, k in linear.terms))


def _value(node: _Node, lookup: Lookup, item: str | None) -> Number:
    if isinstance(node, _Ref):
        value = lookup(*node.cell.resolve(item))
        if value is None:
            raise _Unknown
        return value
    if isinstance(node, _Sum):
        total: Number = 0
        for cell in node.cells:
            value = lookup(*cell.resolve(item))
            if value is None:
                raise _Unknown
            total += value
        return total
    if isinstance(node, _Binary):
        return _ARITH[node.op](_value(node.left, lookup, item), _value(node.right, lookup, item))
    if isinstance(node, _Literal):
        return node.value
    if isinstance(node, _Negate):
        return -_value(node.operand, lookup, item)
    return _value(node.inner, lookup, item)


def _render(node: _Node, lookup: Lookup, item: str | None) -> str:
    """The expression with each cell's value after it: ``一(3) + sum(三.三*)(0)``."""
    if isinstance(node, (_Ref, _Sum)):
        text = node.cell.text if isinstance(node, _Ref) else node.text
        return f"{text}({format_number(_value(node, lookup, item))})"
    if isinstance(node, _Literal):
        return str(node.value)
    if isinstance(node, _Binary):
        return f"{_render(node.left, lookup, item)} {node.op} {_render(node.right, lookup, item)}"
    if isinstance(node, _Negate):
        return f"-{_render(node.operand, lookup, item)}"
    return f"({_render(node.inner, lookup, item)})"


# --- parsing ------------------------------------------------------------------------------------------


# Assertions are short identities; the limits keep the recursive compiler and evaluator far from
# Python's recursion limit whatever a user rule file contains.
MAX_SOURCE = 2000
MAX_NESTING = 100


@cache
def _parser() -> Lark:
    """The assertion parser, built once per process. Building it takes 50-100 ms, a large part of
    loading the rules, so the built parser is kept in the user's private cache directory (as the
    report grammar's is, see govlint.parsing.grammar); the file name carries Lark's version and Lark
    checks a hash of the grammar, so an edited grammar is rebuilt."""
    grammar = data_file("grammars", "expr.lark").read_text(encoding="utf-8")
    options: dict[str, Any] = {"parser": "lalr", "propagate_positions": True}
    directory = user_cache_dir()
    if directory is not None:
        version = f"{sys.version_info[0]}{sys.version_info[1]}"
        try:
            return Lark(
                grammar, cache=str(directory / f"expr-grammar-lark{lark.__version__}-py{version}.pickle"), **options
            )
        except OSError:  # the cache file cannot be written: build in memory
            pass
    return Lark(grammar, **options)


def parse(source: str) -> Tree[Token]:
    """Parse ``source`` into a Lark tree; syntax errors are ``ExprError`` with the column."""
    if not isinstance(source, str) or not source.strip():
        raise ExprError("an assertion must be a non-empty string such as '一 + 二 == 三.七 + 四'")
    if len(source) > MAX_SOURCE or source.count("(") > MAX_NESTING:
        raise ExprError(f"an assertion is limited to {MAX_SOURCE} characters and {MAX_NESTING} parentheses")
    try:
        return _parser().parse(source)
    except UnexpectedCharacters as exc:
        position = exc.pos_in_stream if exc.pos_in_stream is not None else 0
        raise ExprError(f"unexpected character {source[position]!r}", source, exc.column) from None
    except UnexpectedEOF:
        raise ExprError("the assertion ends too early", source, len(source) + 1) from None
    except UnexpectedToken as exc:
        if exc.token.type == "$END":
            raise ExprError(
                "the assertion ends too early; it needs a comparison such as ==", source, len(source) + 1
            ) from None
        raise ExprError(f"unexpected {exc.token.value!r}", source, exc.column) from None
    except (UnexpectedInput, LarkError) as exc:
        raise ExprError(f"cannot parse: {exc}", source) from None


def compile_assertion(
    source: str,
    rows: Sequence[str],
    columns: Sequence[str],
    for_each: ForEach = "column",
    groups: Sequence[str] = (),
) -> Assertion:
    """Parse ``source`` and resolve every key against the table's ``rows`` and ``columns`` (in
    template order). ``groups`` are group keys (三.三) that ``k*`` may name without being rows."""
    tree = parse(source)
    try:
        return _Compiler(source, list(rows), list(columns), for_each, set(groups)).assertion(tree)
    except RecursionError:
        raise ExprError("the assertion is nested too deeply", source) from None


class _Compiler:
    def __init__(self, source: str, rows: list[str], columns: list[str], for_each: ForEach, groups: set[str]) -> None:
        self.source = source
        self.rows = rows
        # Keys as the template's own string objects: a table's cells are keyed by those objects
        # too, and a lookup with the very same strings skips comparing their characters.
        self.canonical = {key: key for key in (*columns, *rows)}
        self.columns = columns
        self.for_each = for_each
        self.groups = groups
        self.cells: list[Cell] = []

    # the dimension bare keys live in
    @property
    def bare_keys(self) -> list[str]:
        return self.rows if self.for_each == "column" else self.columns

    @property
    def bare_kind(self) -> str:
        return "row" if self.for_each == "column" else "column"

    def error(self, message: str, node: Tree[Token] | Token | None) -> ExprError:
        column = (
            getattr(node, "column", None)
            if isinstance(node, Token)
            else getattr(node.meta, "column", None)
            if node is not None
            else None
        )
        return ExprError(message, self.source, column)

    def assertion(self, tree: Tree[Token]) -> Assertion:
        left, op, right = tree.children
        assert isinstance(left, Tree | Token) and isinstance(op, Token) and isinstance(right, Tree | Token)
        left_node = self.node(left)
        right_node = self.node(right)
        left_linear, right_linear = _linear(left_node), _linear(right_node)
        linear = (left_linear, right_linear) if left_linear and right_linear else None
        return Assertion(self.source, self.for_each, str(op), left_node, right_node, tuple(self.cells), linear)

    def key(self, tree: Tree[Token]) -> tuple[str, Token]:
        token = tree.children[0]
        assert isinstance(token, Token)
        text = str(token)
        return (text[1:-1] if token.type == "QUOTED" else text), token

    def bare(self, tree: Tree[Token]) -> Cell:
        key, token = self.key(tree)
        if self.for_each is None:
            raise self.error(f"{key!r} needs a column: write it as a cell, {key}[column], or set for_each", token)
        if key not in self.bare_keys:
            raise self.error(self._unknown(key, self.bare_kind, self.bare_keys), token)
        return self._cell(key, str(token))

    def _cell(self, key: str, text: str) -> Cell:
        cell = (
            Cell(row=self.canonical[key], column=None, text=text)
            if self.for_each == "column"
            else Cell(row=None, column=self.canonical[key], text=text)
        )
        self.cells.append(cell)
        return cell

    def _unknown(self, key: str, kind: str, known: list[str]) -> str:
        import difflib

        close = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known {kind} keys: {', '.join(known)}"
        return f"unknown {kind} key {key!r} for this table{hint}"

    def node(self, tree: Tree[Token] | Token) -> _Node:
        if isinstance(tree, Token):
            raise self.error(f"unexpected {tree!s}", tree)
        data = tree.data
        if data == "number":
            token = tree.children[0]
            return _Literal(int(str(token)))
        if data == "ref":
            (key_tree,) = tree.children
            assert isinstance(key_tree, Tree)
            return _Ref(self.bare(key_tree))
        if data == "cell":
            row_tree, column_tree = tree.children
            assert isinstance(row_tree, Tree) and isinstance(column_tree, Tree)
            row, row_token = self.key(row_tree)
            column, column_token = self.key(column_tree)
            if row not in self.rows:
                raise self.error(self._unknown(row, "row", self.rows), row_token)
            if column not in self.columns:
                raise self.error(self._unknown(column, "column", self.columns), column_token)
            cell = Cell(row=self.canonical[row], column=self.canonical[column], text=f"{row_token}[{column_token}]")
            self.cells.append(cell)
            return _Ref(cell)
        if data == "binary":
            left, op, right = tree.children
            assert isinstance(op, Token)
            return _Binary(str(op), self.node(left), self.node(right))
        if data == "negate":
            _, operand = tree.children
            return _Negate(self.node(operand))
        if data == "group":
            (inner,) = tree.children
            return _Group(self.node(inner))
        if data == "total":
            (items,) = tree.children
            assert isinstance(items, Tree)
            cells: list[Cell] = []
            texts: list[str] = []
            for item in items.children:
                assert isinstance(item, Tree)
                item_cells, text = self.item(item)
                cells.extend(item_cells)
                texts.append(text)
            return _Sum(tuple(cells), f"sum({', '.join(texts)})")
        raise self.error(f"unsupported expression {data!s}", tree)

    def item(self, tree: Tree[Token]) -> tuple[list[Cell], str]:
        if tree.data == "ref" or tree.data == "cell":
            node = self.node(tree)
            assert isinstance(node, _Ref)
            return [node.cell], node.cell.text
        if self.for_each is None:
            raise self.error("ranges and k* need for_each (they run over row or column keys)", tree)
        keys = self.bare_keys
        if tree.data == "span":
            first_tree, last_tree = tree.children
            assert isinstance(first_tree, Tree) and isinstance(last_tree, Tree)
            first, first_token = self.key(first_tree)
            last, last_token = self.key(last_tree)
            for key, token in ((first, first_token), (last, last_token)):
                if key not in keys:
                    raise self.error(self._unknown(key, self.bare_kind, keys), token)
            start, end = keys.index(first), keys.index(last)
            if start > end:
                raise self.error(f"range {first}..{last} runs backwards in the table's order", first_token)
            return [self._cell(k, k) for k in keys[start : end + 1]], f"{first_token}..{last_token}"
        if tree.data == "subtree":
            key_tree = tree.children[0]
            assert isinstance(key_tree, Tree)
            prefix, token = self.key(key_tree)
            chosen = [k for k in keys if k == prefix or k.startswith(prefix + ".")]
            if not chosen:
                raise self.error(self._unknown(prefix, self.bare_kind, keys), token)
            return [self._cell(k, k) for k in chosen], f"{token}*"
        raise self.error(f"unsupported sum item {tree.data!s}", tree)
