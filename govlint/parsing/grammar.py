"""The Lark parser for grammars/report.lark, built once per process (and cached on disk)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import lark
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from govlint.resources import data_file
from govlint.usercache import user_cache_dir


class TokenFeed(Lexer):
    """The 'lexer' Lark sees: tokens are made by govlint.parsing.lexer, this only hands them over."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        return iter(data)


def _cache_path() -> str | None:
    """Where Lark keeps the built parser between runs: the user's own cache directory.

    Not Lark's default (a predictable name in the shared temporary directory, which another user
    could plant a pickle in): govlint.usercache only hands out a directory that belongs to the user
    and that nobody else can write. The file holds a hash of the grammar, so an edited grammar
    rebuilds.
    """
    directory = user_cache_dir()
    if directory is None:
        return None
    version = f"{sys.version_info[0]}{sys.version_info[1]}"
    return str(directory / f"report-grammar-lark{lark.__version__}-py{version}.pickle")


@cache
def report_parser() -> Lark:
    """The report parser, built once per process (loaded from the on-disk cache when possible)."""
    grammar = data_file("grammars", "report.lark").read_text(encoding="utf-8")
    options: dict[str, Any] = {"parser": "lalr", "lexer": TokenFeed, "strict": True}
    path = _cache_path()
    if path is not None:
        try:
            return Lark(grammar, cache=path, **options)
        except OSError:  # cache file not writable: build in memory
            pass
    return Lark(grammar, **options)


def parse_tokens(tokens: Iterable[Token], *, retry: bool = True) -> tuple[Tree, list[Token]]:
    """Parse the token stream; returns the tree and the tokens that had to be skipped.

    A token the grammar does not accept where it stands is fed again as TEXT (a catch-all line);
    if that is not accepted either it is skipped. Either way parsing goes on.
    """
    tokens_list = list(tokens)
    interactive = report_parser().parse_interactive([])
    skipped: list[Token] = []
    # After a TEXT or TABLE the grammar takes any number of them alike (``_item*``) and ends up in
    # the same state: only the first of a run of them is fed, the others are put back after it.
    followers: dict[int, list[Token]] = {}  # id of an item token fed → the item tokens after it
    head: Token | None = None
    for token in tokens_list:
        if head is not None and token.type in _ITEM_TOKENS:
            followers.setdefault(id(head), []).append(token)
            continue
        head = None
        try:
            interactive.feed_token(token)
            if token.type in _ITEM_TOKENS:
                head = token
        except UnexpectedInput:
            try:
                as_text = Token.new_borrow_pos("TEXT", token.value, token)
                interactive.feed_token(as_text)
                head = as_text
            except UnexpectedInput:
                skipped.append(token)
    try:
        tree = interactive.feed_eof()
        if followers:
            _put_back(tree, followers)
    except UnexpectedInput:
        if not retry:
            raise
        # the stream stopped where the grammar cannot end (a signature without its date):
        # read the block-level tokens as text and parse again
        dropped = {id(t) for t in skipped}
        plain = [
            Token.new_borrow_pos("TEXT", t.value, t) if t.type in _BLOCK_TOKENS else t
            for t in tokens_list
            if id(t) not in dropped
        ]
        tree, again = parse_tokens(plain, retry=False)
        return tree, skipped + again
    return tree, skipped


def _put_back(tree: Tree, followers: dict[int, list[Token]]) -> None:
    """Insert the item tokens (TEXT, TABLE) that were not fed right after the token they followed."""
    pending = [tree]
    while pending:
        node = pending.pop()
        expanded: list[Any] = []
        for child in node.children:
            expanded.append(child)
            if isinstance(child, Tree):
                pending.append(child)
            else:
                expanded += followers.get(id(child), ())
        node.children = expanded


_ITEM_TOKENS = frozenset({"TEXT", "TABLE"})
_BLOCK_TOKENS = frozenset({"TITLE_HEAD", "TITLE", "BYLINE", "TITLE_DATE", "SIGN_NAME", "SIGN_DATE"})
