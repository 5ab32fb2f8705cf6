"""Decoding report files: encodings, line endings, and clear diagnostics for bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from govlint.parsing import parse_bytes, parse_file
from govlint.reading import decode_bytes, read_path

SAMPLE = "青禾市文化和旅游局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n全年主动公开政府信息326条。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("gb2312"), "gb18030"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding
    assert decoded.diagnostics == []
    report = parse_bytes(data)
    assert report.title is not None and report.title.value == SAMPLE.split("\n")[0]
    assert report.sections[0].heading.span.start.line == 3


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_keep_editor_positions(newline: str) -> None:
    text = SAMPLE.replace("\n", newline) + "地址：青禾市和平路88号；电话：0931-8123456。" + newline
    report = parse_bytes(text.encode("utf-8"))
    assert "\r" not in report.text
    assert report.sections[0].heading.span.start.line == 3
    phone = report.contact.phones[0]
    assert (phone.span.start.line, phone.span.start.column) == (6, 17)
    assert report.lines[0].text.endswith("报告")  # no stray CR at the end of a line


def test_bom_is_not_a_column() -> None:
    report = parse_bytes(codecs.BOM_UTF8 + "一、总体情况\n".encode())
    assert report.sections[0].heading.span.start.column == 1


def test_ideographic_spaces_count_as_whitespace_but_keep_columns() -> None:
    report = parse_bytes("\u3000\u3000一、总体情况\n\u3000\u3000正文。\n".encode())
    heading = report.sections[0].heading
    assert heading.title == "总体情况"
    assert (heading.span.start.line, heading.span.start.column) == (1, 3)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    report = parse_file(path)
    assert [d.code for d in report.diagnostics] == ["empty"]
    assert report.sections == []


def test_whitespace_only_file() -> None:
    report = parse_bytes(" \n\u3000\n\t\n".encode())
    assert [d.code for d in report.diagnostics] == ["empty"]


@pytest.mark.parametrize("data", [b"\x00\x01\x02PK\x03\x04" * 50, bytes(range(256)) * 4, b"\x7fELF\x02\x01\x01\x00"])
def test_binary_file(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert [d.code for d in decoded.diagnostics] == ["binary"]
    assert decoded.text == ""
    assert "binary" in decoded.diagnostics[0].message


def test_undecodable_bytes_are_reported_with_their_position() -> None:
    # valid UTF-8 text with stray bytes that are neither UTF-8 nor GB18030
    data = "一、总体情况\n正文".encode() + b"\xff\xfe\xfd" + "。\n".encode()
    decoded = decode_bytes(data)
    assert [d.code for d in decoded.diagnostics] == ["undecodable"]
    span = decoded.diagnostics[0].span
    assert span is not None and (span.start.line, span.start.column) == (2, 3)
    report = parse_bytes(data)
    assert report.sections and report.sections[0].title == "总体情况"


def test_text_already_garbled_with_replacement_characters() -> None:
    decoded = decode_bytes("一、总体情况\n全年公开\ufffd\ufffd条。\n".encode())
    assert [d.code for d in decoded.diagnostics] == ["replacement-chars"]
    span = decoded.diagnostics[0].span
    assert span is not None and (span.start.line, span.start.column) == (2, 5)


def test_unreadable_path(tmp_path: Path) -> None:
    decoded = read_path(tmp_path / "missing.txt")
    assert [d.code for d in decoded.diagnostics] == ["unreadable"]
    report = parse_file(tmp_path)  # a directory
    assert [d.code for d in report.diagnostics] == ["unreadable"]
