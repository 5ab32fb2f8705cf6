"""The structure of a report (grammars/report.lark) from the lexer's tokens.

``parse_tokens`` follows the grammar token by token by hand; the Lark LALR parser of the grammar
(``report_parser``, built once per process and cached on disk) is the reference it is tested
against (tests/test_parse_grammar.py).
"""

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

    The tree is the one the LALR parser of grammars/report.lark (``report_parser``) builds, with
    the same recovery; it is built by ``_Structure``, which follows the grammar token by token
    (tests compare the two): the grammar is small, and lark's generic step costs more per token
    than the rest of the parse of a line.
    """
    tokens_list = list(tokens)
    structure = _Structure()
    feed = structure.feed
    skipped: list[Token] = []
    for token in tokens_list:
        if not feed(token) and not feed(Token.new_borrow_pos("TEXT", token.value, token)):
            skipped.append(token)
    if structure.can_end():
        return structure.tree, skipped
    if not retry:
        raise ValueError("the token stream cannot end here")
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


class _Structure:
    """The tree of grammars/report.lark, built as the tokens come:

        start: front section1* signature?
        front: title? _item*                      (_item: TEXT | TABLE)
        title: TITLE_HEAD? TITLE BYLINE? TITLE_DATE?
        section1: H1 _item* section2*   …   section4: H4 _item*
        signature: SIGN_NAME* SIGN_DATE

    ``feed`` adds a token where the grammar accepts it and says whether it did."""

    def __init__(self) -> None:
        self.front: Tree[Token] = Tree("front", [])
        self.tree: Tree[Token] = Tree("start", [self.front])
        self.title: list[Any] | None = None  # the title's tokens while it may still grow
        self.open: list[Tree[Token]] = []  # the sections open, outermost first (section1 … section4)
        self.items: list[Any] = self.front.children  # where TEXT and TABLE go now
        self.signature: list[Any] | None = None  # the signature's tokens once it has begun
        self.ended = False  # the signature has its date: nothing may follow

    def feed(self, token: Token) -> bool:
        kind = token.type
        if self.signature is not None:
            if self.ended or kind not in _SIGNATURE_TOKENS:
                return False
            self.signature.append(token)
            self.ended = kind == "SIGN_DATE"
            return True
        if kind in _ITEM_TOKENS:
            if self.title is not None and self.title[-1].type == "TITLE_HEAD":
                return False
            self.title = None
            self.items.append(token)
            return True
        depth = _HEADING_DEPTHS.get(kind)
        if depth is not None:
            return self._heading(token, depth)
        if kind in _TITLE_NEXT:
            return self._title(token, kind)
        if kind in _SIGNATURE_TOKENS:
            if self.title is not None and self.title[-1].type == "TITLE_HEAD":
                return False
            self.title = None
            self.open = []
            self.signature = [token]
            self.tree.children.append(Tree("signature", self.signature))
            self.ended = kind == "SIGN_DATE"
            return True
        return False

    def _heading(self, token: Token, depth: int) -> bool:
        opened = self.open
        if depth > len(opened) + 1 or (self.title is not None and self.title[-1].type == "TITLE_HEAD"):
            return False  # (a section holds sections one level down only)
        self.title = None
        del opened[depth - 1 :]
        section = Tree(_SECTION_RULES[depth], [token])
        (opened[-1].children if opened else self.tree.children).append(section)
        opened.append(section)
        self.items = section.children
        return True

    def _title(self, token: Token, kind: str) -> bool:
        """TITLE_HEAD, TITLE, BYLINE or TITLE_DATE: only at the start, in that order."""
        title = self.title
        if title is None:
            if self.front.children or self.open or kind not in ("TITLE_HEAD", "TITLE"):
                return False
            self.title = [token]
            self.front.children.append(Tree("title", self.title))
            return True
        if kind not in _TITLE_NEXT[title[-1].type]:
            return False
        title.append(token)
        return True

    def can_end(self) -> bool:
        if self.signature is not None:
            return self.ended
        return self.title is None or self.title[-1].type != "TITLE_HEAD"


_ITEM_TOKENS = frozenset({"TEXT", "TABLE"})
_BLOCK_TOKENS = frozenset({"TITLE_HEAD", "TITLE", "BYLINE", "TITLE_DATE", "SIGN_NAME", "SIGN_DATE"})
_SIGNATURE_TOKENS = frozenset({"SIGN_NAME", "SIGN_DATE"})
_HEADING_DEPTHS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}
_SECTION_RULES = ("", "section1", "section2", "section3", "section4")
# a title token → the title tokens that may follow it
_TITLE_NEXT = {
    "TITLE_HEAD": ("TITLE",),
    "TITLE": ("BYLINE", "TITLE_DATE"),
    "BYLINE": ("TITLE_DATE",),
    "TITLE_DATE": (),
}


def parse_tokens_lalr(tokens: Iterable[Token], *, retry: bool = True) -> tuple[Tree, list[Token]]:
    """``parse_tokens`` by lark's LALR parser of grammars/report.lark: the reference the tests
    hold ``_Structure`` to."""
    tokens_list = list(tokens)
    interactive = report_parser().parse_interactive([])
    skipped: list[Token] = []
    for token in tokens_list:
        try:
            interactive.feed_token(token)
        except UnexpectedInput:
            try:
                interactive.feed_token(Token.new_borrow_pos("TEXT", token.value, token))
            except UnexpectedInput:
                skipped.append(token)
    try:
        return interactive.feed_eof(), skipped
    except UnexpectedInput:
        if not retry:
            raise
        dropped = {id(t) for t in skipped}
        plain = [
            Token.new_borrow_pos("TEXT", t.value, t) if t.type in _BLOCK_TOKENS else t
            for t in tokens_list
            if id(t) not in dropped
        ]
        tree, again = parse_tokens_lalr(plain, retry=False)
        return tree, skipped + again
