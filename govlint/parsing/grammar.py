"""The Lark parser for grammars/report.lark, built once per process (and cached on disk)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from govlint.resources import data_file


class TokenFeed(Lexer):
    """The 'lexer' Lark sees: tokens are made by govlint.parsing.lexer, this only hands them over."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        return iter(data)


@cache
def report_parser() -> Lark:
    path = data_file("grammars", "report.lark")
    grammar = path.read_text(encoding="utf-8")
    options: dict[str, Any] = {"parser": "lalr", "lexer": TokenFeed, "strict": True}
    try:
        return Lark(grammar, cache=True, **options)
    except OSError:  # read-only cache directory: build in memory
        return Lark(grammar, **options)


def parse_tokens(tokens: Iterable[Token]) -> tuple[Tree, list[Token]]:
    """Parse the token stream; returns the tree and the tokens that had to be skipped.

    A token the grammar does not accept where it stands is fed again as TEXT (a catch-all line);
    if that is not accepted either it is skipped. Either way parsing goes on.
    """
    interactive = report_parser().parse_interactive([])
    skipped: list[Token] = []
    for token in tokens:
        try:
            interactive.feed_token(token)
        except UnexpectedInput:
            try:
                interactive.feed_token(Token.new_borrow_pos("TEXT", token.value, token))
            except UnexpectedInput:
                skipped.append(token)
    tree = interactive.feed_eof()
    return tree, skipped
