"""The hand-written structure parser builds the tree of grammars/report.lark's LALR parser, with the
same recovery (tokens out of place read as text or skipped; a stream that cannot end re-read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree

from govlint.parsing.grammar import parse_tokens, parse_tokens_lalr
from govlint.parsing.lexer import lex
from govlint.reading import read_path
from govlint.testing.generate import LAYOUTS, generate

KINDS = [
    "TITLE_HEAD",
    "TITLE",
    "BYLINE",
    "TITLE_DATE",
    "H1",
    "H2",
    "H3",
    "H4",
    "TEXT",
    "TABLE",
    "SIGN_NAME",
    "SIGN_DATE",
]
FIXTURES = Path(__file__).parent / "fixtures"


def _shape(node: Any) -> Any:
    """A tree as nested tuples, tokens with their type, text and position."""
    if isinstance(node, Tree):
        return (node.data, [_shape(child) for child in node.children])
    return (node.type, str(node), node.start_pos, node.line, node.column, node.end_pos)


def _same(stream: list[Token]) -> None:
    tree, skipped = parse_tokens(stream)
    expected_tree, expected_skipped = parse_tokens_lalr(stream)
    assert _shape(tree) == _shape(expected_tree)
    assert [_shape(t) for t in skipped] == [_shape(t) for t in expected_skipped]


def _tok(kind: str, line: int) -> Token:
    return Token(kind, f"{kind}-{line}", start_pos=line * 10, line=line, column=1, end_pos=line * 10 + 5)


@settings(max_examples=600, deadline=None)
@given(kinds=st.lists(st.sampled_from(KINDS), max_size=14))
def test_structure_equals_lalr_on_any_stream(kinds: list[str]) -> None:
    _same([_tok(kind, line) for line, kind in enumerate(kinds, 1)])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_structure_equals_lalr_on_reports(layout: str) -> None:
    _same(lex(generate(8000, seed=3, layout=layout)).tokens)


def test_structure_equals_lalr_on_fixtures() -> None:
    paths = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    assert paths
    for path in paths:
        text = read_path(path).text
        if text.strip():
            _same(lex(text).tokens)
