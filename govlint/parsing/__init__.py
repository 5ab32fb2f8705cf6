"""Report text → ``govlint.model.Report``.

    parse_text(text, path="<string>") -> Report   # never raises
    parse_file(path) -> Report                    # read + decode + parse; never raises

Steps: the lexer classifies lines (one token per line), the LALR grammar (grammars/report.lark)
groups them into title, preamble, nested sections and signature, and the builder below turns the
tree into the model; then metadata (dates, period, contact, 文号, year, agency), the statistics
tables (``govlint.tables.extract_tables``, when installed) and the format version.
"""

from __future__ import annotations

import os

from lark import Token, Tree

from govlint.model import (
    DateValue,
    Diagnostic,
    Field,
    Paragraph,
    Position,
    Report,
    Section,
    Span,
)
from govlint.parsing import contact as contact_mod
from govlint.parsing import dates as dates_mod
from govlint.parsing import meta
from govlint.parsing.grammar import parse_tokens
from govlint.parsing.lexer import Lexed, lex
from govlint.parsing.positions import Locator
from govlint.reading import decode_bytes, is_blank, normalize_newlines, read_path
from govlint.tables import extract_tables

__all__ = ["parse_bytes", "parse_file", "parse_text"]

_PARAGRAPH_ENDS = frozenset("。！？!?；;：:")


def parse_file(path: str | os.PathLike[str]) -> Report:
    decoded = read_path(path)
    return _parse_decoded(decoded.text, os.fspath(path), decoded.encoding, decoded.diagnostics)


def parse_bytes(data: bytes, path: str = "<bytes>") -> Report:
    decoded = decode_bytes(data)
    return _parse_decoded(decoded.text, path, decoded.encoding, decoded.diagnostics)


def parse_text(text: str, path: str = "<string>") -> Report:
    return _parse_decoded(normalize_newlines(text.lstrip("\ufeff")), path, None, [])


def _parse_decoded(text: str, path: str, encoding: str | None, diagnostics: list[Diagnostic]) -> Report:
    report = Report(path=path, text=text, encoding=encoding, diagnostics=list(diagnostics))
    if any(d.code in ("unreadable", "binary") for d in diagnostics):
        return report
    if is_blank(text):
        if not any(d.code == "empty" for d in diagnostics):
            report.diagnostics.append(
                Diagnostic("empty", "文件只有空白，没有正文 (the file contains only whitespace).")
            )
        return report
    lexed = lex(text)
    report.lines = lexed.lines
    report.diagnostics.extend(lexed.diagnostics)
    tree, skipped = parse_tokens(lexed.tokens)
    for token in skipped:
        report.diagnostics.append(
            Diagnostic(
                "unexpected-line",
                f"第{token.line}行不符合年度报告的结构，已跳过 (line {token.line} does not fit the report structure).",
                _token_span(token),
            )
        )
    locate = Locator(lexed.offsets)
    _Builder(report, lexed, locate).build(tree)
    _metadata(report, lexed, locate)
    try:
        report.tables = list(extract_tables(report))
    except Exception as exc:  # the tables area must not turn bad input into a traceback
        report.diagnostics.append(
            Diagnostic(
                "table-extraction-failed",
                f"统计表无法重建 (table reconstruction failed: {exc.__class__.__name__}: {exc}).",
            )
        )
    report.format, report.format_evidence = meta.detect_format(report)
    _structure_diagnostics(report)
    return report


def _token_span(token: Token) -> Span:
    return Span(_start_position(token), _end_position(token))


class _Builder:
    def __init__(self, report: Report, lexed: Lexed, locate: Locator) -> None:
        self.report = report
        self.lexed = lexed
        self.locate = locate

    def build(self, tree: Tree) -> None:
        for child in tree.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "front":
                self._front(child)
            elif child.data == "section1":
                self.report.sections.append(self._section(child))
            elif child.data == "signature":
                self._signature(child)

    def _front(self, tree: Tree) -> None:
        items: list[Token] = []
        for child in tree.children:
            if isinstance(child, Tree) and child.data == "title":
                self._title(child)
            elif isinstance(child, Token):
                items.append(child)
        self.report.preamble = self._paragraphs(items)

    def _title(self, tree: Tree) -> None:
        report = self.report
        tokens = [t for t in tree.children if isinstance(t, Token)]
        parts = [t for t in tokens if t.type in ("TITLE_HEAD", "TITLE")]
        if parts:
            start, end = parts[0].start_pos or 0, parts[-1].end_pos or 0
            raw = report.text[start:end]
            value = "".join("".join(str(p).split()) for p in parts)
            report.title = Field(value, raw, Span(_start_position(parts[0]), _end_position(parts[-1])))
            for part in parts:
                line_offset = (part.start_pos or 0) - ((part.column or 1) - 1)
                agency = meta.agency_from_line(
                    report.text, line_offset, (part.column or 1) - 1, (part.end_column or 1) - 1, self.locate
                )
                if agency is not None:
                    report.agency = agency
                    break
        for token in tokens:
            if token.type == "BYLINE":
                report.signature.append(self._field(token))

    def _signature(self, tree: Tree) -> None:
        for token in tree.children:
            if isinstance(token, Token):
                self.report.signature.append(self._field(token))

    def _field(self, token: Token) -> Field:
        raw = str(token)
        return Field("".join(raw.split()), raw, _token_span(token))

    def _section(self, tree: Tree) -> Section:
        children = tree.children
        heading_token = children[0]
        assert isinstance(heading_token, Token)
        heading = self.lexed.headings[heading_token.start_pos or 0]
        self.report.headings.append(heading)
        items: list[Token] = []
        subsections: list[Section] = []
        for child in children[1:]:
            if type(child) is Token:  # (lark's own class: the lexer makes no subclass of it)
                items.append(child)
            elif isinstance(child, Tree):
                subsections.append(self._section(child))
        # tokens come in text order and sub-sections after the section's own lines: the section
        # ends where its last part ends
        last = children[-1] if len(children) > 1 else None
        if isinstance(last, Token):
            end = _end_position(last)
        elif subsections and last is not None:
            end = subsections[-1].span.end  # type: ignore[union-attr]
        else:
            end = heading.span.end
        return Section(heading, self._paragraphs(items) if items else [], subsections, Span(heading.span.start, end))

    def _paragraphs(self, tokens: list[Token]) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        run: list[Token] = []
        breaks = self.lexed.breaks
        for token in tokens:
            if token.type != "TEXT":
                if run:
                    paragraphs.append(_paragraph(run))
                    run = []
                continue
            # consecutive lines are one paragraph only when the text wraps mid-sentence (PDF text)
            if run and (
                token.start_pos in breaks or token.line == run[-1].line or run[-1].rstrip()[-1:] in _PARAGRAPH_ENDS
            ):
                paragraphs.append(_paragraph(run))
                run = []
            run.append(token)
        if run:
            paragraphs.append(_paragraph(run))
        return paragraphs


def _start_position(token: Token) -> Position:
    return Position(token.line or 1, token.column or 1, token.start_pos or 0)


def _end_position(token: Token) -> Position:
    return Position(token.end_line or 1, token.end_column or 1, token.end_pos or 0)


def _paragraph(run: list[Token]) -> Paragraph:
    """The paragraph of consecutive TEXT tokens (their positions are those of the lexer's lines)."""
    return Paragraph("\n".join(run), Span(_start_position(run[0]), _end_position(run[-1])))


def _metadata(report: Report, lexed: Lexed, locate: Locator) -> None:
    text = report.text
    first_section = report.sections[0].span.start.offset if report.sections and report.sections[0].span else None
    preamble_end = first_section if first_section is not None else min(len(text), 3000)

    # title from a crawl header (标题: …) when the body has none
    if report.title is None and lexed.title_meta is not None:
        index, start, end = lexed.title_meta
        line = report.lines[index]
        raw = line.text[start:end]
        if raw.strip():
            report.title = Field("".join(raw.split()), raw, locate.span(line.offset + start, line.offset + end))
            if report.agency is None:
                report.agency = meta.agency_from_line(text, line.offset, start, end, locate)

    # dates, the period and the roles of the dates
    report.dates = dates_mod.find_dates(text, locate)
    report.period = dates_mod.find_period(text, locate, preamble_end)
    roles: dict[int, str] = {}
    if report.period is not None:
        for date in (report.period.start, report.period.end):
            if date is not None:
                roles[date.span.start.offset] = date.role
    by_offset = {d.span.start.offset: d for d in report.dates}
    for line in meta.lines_of_kind(report.lines, lexed.kinds, "meta"):
        if line.text.lstrip().startswith(("发布时间", "发布日期")):
            for date in report.dates:
                if line.offset <= date.span.start.offset < line.offset + len(line.text):
                    roles[date.span.start.offset] = "publication"
                    break
    signature_date: DateValue | None = None
    for field in report.signature:
        for offset, date in by_offset.items():
            if field.span.start.offset <= offset < field.span.end.offset:
                signature_date = date
    title_date = None
    for line in meta.lines_of_kind(report.lines, lexed.kinds, "title_date"):
        title_date = next(
            (d for d in report.dates if line.offset <= d.span.start.offset < line.offset + len(line.text)),
            None,
        )
    chosen = signature_date or title_date
    if chosen is not None:
        roles[chosen.span.start.offset] = "signature"
    report.dates = dates_mod.with_roles(report.dates, roles)
    by_offset = {d.span.start.offset: d for d in report.dates}
    if chosen is not None:
        report.signature_date = by_offset.get(chosen.span.start.offset)
    report.publication_date = next((d for d in report.dates if d.role == "publication"), None)

    # agency fallbacks: the signature block, then the issuer line under the title
    if report.agency is None:
        names = [f for f in report.signature if not any(_within(d, f) for d in report.dates)]
        if names:
            report.agency = names[0]

    # year: title → period → body
    if report.title is not None:
        year = meta.year_from_title(report.title.value)
        if year is not None:
            report.year, report.year_source = year, "title"
    if report.year is None and report.period is not None and report.period.start is not None:
        report.year, report.year_source = report.period.start.year, "period"
    if report.year is None:
        year = meta.year_from_body(text)
        if year is not None:
            report.year, report.year_source = year, "body"

    report.notices = contact_mod.find_notices(text, locate)
    report.contact = contact_mod.find_contact(text, locate, 0, preamble_end)
    if not contact_mod.has_contact(report.contact):
        report.contact = contact_mod.find_contact(text, locate, 0, len(text))


def _within(date: DateValue, field: Field) -> bool:
    return field.span.start.offset <= date.span.start.offset < field.span.end.offset


def _structure_diagnostics(report: Report) -> None:
    unreadable = {"empty", "binary", "unreadable"}
    if report.lines and not report.sections and not any(d.code in unreadable for d in report.diagnostics):
        report.diagnostics.append(
            Diagnostic(
                "no-sections",
                "没有找到任何编号章节（一、二、…），无法识别报告结构 (no numbered sections were found).",
            )
        )
