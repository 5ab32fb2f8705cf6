"""Bytes → text: decode a report file and say clearly when that is not possible.

Decoding order: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, then strict GB18030
(a superset of GBK and GB2312, the encodings government offices save in). Line endings CRLF and
lone CR become LF, so line numbers are what an editor shows and columns are counted in characters
of the decoded line; ``offset`` values in the model refer to this normalised text.

Problems never raise: they come back as ``Diagnostic`` objects with a stable ``code``:
``unreadable`` (the file cannot be opened), ``empty``, ``binary`` (NUL bytes or mostly control
bytes), ``undecodable`` (neither UTF-8 nor GB18030; decoded with replacement characters so the
rest can still be read), ``replacement-chars`` (the text itself contains U+FFFD, i.e. it was
garbled before it reached us).
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field

from govlint.model import Diagnostic, Position, Span

# Control bytes that do not occur in text (everything below 0x20 except \t \n \f \r, ESC and DEL).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_BINARY_CONTROL_RATIO = 0.10


@dataclass
class Decoded:
    """The decoded text (line endings normalised to LF) and what reading it noticed."""

    text: str
    encoding: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


_BLANK_RE = re.compile("[ \t\n\f\u3000\ufeff]*")


def is_blank(text: str) -> bool:
    """``text`` holds only whitespace: ``not text.strip(" \\t\\n\\f\\u3000\\ufeff")``, without copying
    the text (the look stops at the first other character)."""
    return _BLANK_RE.fullmatch(text) is not None


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _first_replacement_span(text: str) -> Span | None:
    index = text.find("\ufffd")
    if index < 0:
        return None
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Span(Position(line, column, index), Position(line, column + 1, index + 1))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _BINARY_CONTROL_RATIO * len(sample)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; never raises."""
    if not data:
        return Decoded("", None, [Diagnostic("empty", "文件为空 (the file is empty).")])
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(encoding.replace("-sig", ""), errors="replace")
            return _finish(text, encoding, [])
    if _looks_binary(data):
        return Decoded(
            "",
            None,
            [Diagnostic("binary", "文件不是文本（含二进制字节），无法作为年度报告读取 (binary file, not text).")],
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return _finish(data.decode(encoding), encoding, [])
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    diagnostic = Diagnostic(
        "undecodable",
        "文件既不是 UTF-8 也不是 GB18030/GBK 编码，无法正确解码的字节已替换为“\ufffd”；"
        "请另存为 UTF-8 后再检查 (neither UTF-8 nor GB18030: undecodable bytes were replaced).",
        _first_replacement_span(normalize_newlines(text)),
    )
    return _finish(text, "utf-8", [diagnostic], already_flagged=True)


def _finish(text: str, encoding: str, diagnostics: list[Diagnostic], already_flagged: bool = False) -> Decoded:
    text = normalize_newlines(text)
    if not already_flagged and "\ufffd" in text:
        count = text.count("\ufffd")
        if count:
            diagnostics.append(
                Diagnostic(
                    "replacement-chars",
                    f"文本中有 {count} 个替换字符“\ufffd”，说明文件在转换时已损坏；请用原始文件重新导出 "
                    f"({count} replacement characters: the text was garbled before it was saved).",
                    _first_replacement_span(text),
                )
            )
    if is_blank(text):
        diagnostics.append(Diagnostic("empty", "文件只有空白，没有正文 (the file contains only whitespace)."))
    return Decoded(text, encoding, diagnostics)


def read_path(path: str | os.PathLike[str]) -> Decoded:
    """Read and decode a file; an unreadable file gives an ``unreadable`` diagnostic."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return Decoded(
            "",
            None,
            [Diagnostic("unreadable", f"无法读取文件 {os.fspath(path)}：{reason} (cannot read the file).")],
        )
    return decode_bytes(data)
