"""Faster scans in the checks give exactly the results of the plain scans they replace."""

from __future__ import annotations

import bisect
import sys
import time

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.checks import consistency, contact, textscope
from govlint.checks.textscope import ScopeText
from govlint.engine import lint, load_rules
from govlint.model import Report
from govlint.parsing import parse_text
from govlint.parsing.scan import positions

PIECES = st.sampled_from(
    [
        *("0", "1", "2", "9", "19", "20", "2019", "2020", "年", "度", "，", ",", "。", "！", "；", "\n", " ", "\t"),
        *("一", "是", "（", ")", "a", "电话", "地址", "(", "）", "、", ".", "．", "？", "二", "１", "\u3000"),
    ]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_opening_years_equal_the_plain_scan(text: str) -> None:
    plain = [(m.span(), m.group(1)) for m in consistency.OPENING_YEAR.finditer(text)]
    assert [(m.span(), m.group(1)) for m in consistency._opening_years(text)] == plain


def _unclosed_plain(text: str) -> list[int]:
    """The original scan: every parenthesis and line break, paragraph by paragraph."""
    found: list[int] = []

    def report(stack: list[int]) -> None:
        for at in stack:
            if contact.CONTACT_WORD.search(text, at + 1, at + 40):
                found.append(at)
                return

    stack: list[int] = []
    for m in regex.finditer(r"[（()）\n]", text):
        if m.group(0) in contact.OPEN:
            stack.append(m.start())
        elif m.group(0) in contact.CLOSE:
            if stack:
                stack.pop()
        else:
            report(stack)
            stack = []
    report(stack)
    return found


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_unclosed_parenthesis_equals_the_plain_scan(text: str) -> None:
    report = parse_text(text)
    scope = contact.scope_text(report, "text") or ScopeText("")
    hits = list(contact.unclosed_contact_parenthesis(report, {}, None))  # type: ignore[arg-type]
    expected = _unclosed_plain(scope.text)
    assert [h.span.start.offset for h in hits if h.span] == [scope.offsets[at] for at in expected]


LINK_TEXTS = st.lists(
    st.sampled_from(["网站", "链接", "下载", "网", "站", "（", "(", "）", ")", " ", "\t", "\n", "a"]), max_size=30
).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINK_TEXTS)
def test_empty_links_equal_the_plain_scan(text: str) -> None:
    plain = [m.span() for m in contact.EMPTY_LINK.finditer(text)]
    assert list(contact._empty_links(text, positions(text, contact.OPEN))) == plain


def test_data_year_scan_is_linear_on_a_long_one_number_per_line_table() -> None:
    """A table written one number per line is one long run of the sentence-opening characters; the
    plain scan took 7 s on this 30 KB text (each line start rescanned the rest of the run)."""
    rules = load_rules().select(["GL608"])
    timings = []
    for rows in (500, 5_000):
        text = "青禾市文旅局2020年政府信息公开工作年度报告\n一、总体情况\n" + "12\n\n3\n" * rows
        report = parse_text(text + "合计\n2021年，本局主动公开信息12条。\n二、主动公开政府信息情况\n")
        started = time.perf_counter()
        assert lint(report, rules) == []
        timings.append(time.perf_counter() - started)
    assert timings[1] < 40 * max(timings[0], 1e-3)  # ten times the text, not a hundred times the time


JOIN_PIECES = st.sampled_from(
    [
        *("\n", "\n", "\r", "\r\n", " ", "\t", "\u3000", "\x1c", "\x85", "。", "：", ")", "|", "a", "报告", "12"),
        *("一、总体情况", "（一）主动公开", "1.", "2．", "# 一、", "**", "青禾市文旅局2022年政府信息公开工作年度报告"),
    ]
)


def _joined_by_lines(report: Report) -> tuple[str, tuple[int, ...]]:
    """The definition of the joined scope text, line by line: (text, offset of each character)."""
    text = report.text
    kept = textscope._kept_breaks(report)
    pieces: list[str] = []
    offsets: list[int] = []
    offset = 0
    lines = text.split("\n")
    for index, raw in enumerate(lines):
        line = raw[:-1] if raw.endswith("\r") else raw
        pieces.append(line)
        offsets.extend(range(offset, offset + len(line)))
        newline_at = offset + len(raw)
        offset = newline_at + 1
        if index == len(lines) - 1:
            break
        following = lines[index + 1]
        stripped = line.rstrip()
        if (
            not stripped
            or not following.strip()
            or stripped[-1] in textscope.SENTENCE_END
            or newline_at in kept
            or textscope.NUMBERED_START.match(following)
        ):
            pieces.append("\n")
            offsets.append(newline_at)
    return "".join(pieces), tuple(offsets)


@settings(max_examples=400, deadline=None)
@given(st.lists(JOIN_PIECES, max_size=30).map("".join), st.data())
def test_joined_text_equals_the_line_by_line_definition(text: str, data: st.DataObject) -> None:
    for report in (parse_text(text), Report(path="<raw>", text=text)):  # parsed (headings kept) and raw (\r kept)
        fast = textscope._joined(report)
        expected_text, expected_offsets = _joined_by_lines(report)
        assert (fast.text, fast.offsets) == (expected_text, expected_offsets)
        # any piece of it, as slice_scope cuts them: the same characters and offsets
        start = data.draw(st.integers(-1, len(text) + 1))
        end = data.draw(st.integers(start, len(text) + 2))
        piece = textscope.slice_scope(report, start, end)
        first = bisect.bisect_left(expected_offsets, max(start, 0))
        last = bisect.bisect_left(expected_offsets, min(end, len(text)))
        assert (piece.text, piece.offsets) == (expected_text[first:last], expected_offsets[first:last])
        assert all(piece.index_at(o) == bisect.bisect_left(piece.offsets, o) for o in range(-1, len(text) + 2))


def test_whitespace_class_is_what_str_strip_removes() -> None:
    space = regex.compile(f"[{textscope._SPACE}]")
    assert {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} == {
        chr(c) for c in range(sys.maxunicode + 1) if space.fullmatch(chr(c))
    }


def _around_plain(text: str, start: int, end: int, ends: str) -> str:
    left = max(text.rfind(c, 0, start) for c in ends) + 1
    rights = [i for i in (text.find(c, end) for c in ends) if i != -1]
    return text[left : min(rights) if rights else len(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="。！？；，,\nab1 ", max_size=30), st.data())
def test_clause_and_sentence_equal_the_character_by_character_search(text: str, data: st.DataObject) -> None:
    from govlint.checks import patterns

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert consistency.CLAUSE.around(text, start, end) == _around_plain(text, start, end, "。！？；，,\n")
    assert patterns.SENTENCE.around(text, start, end) == _around_plain(text, start, end, "。！？；\n")
