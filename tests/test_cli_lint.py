"""govlint.lint: one file in, one FileResult out, whatever is wrong with the file."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

import govlint.parsing
from govlint.config import Settings
from govlint.lint import FileTimeout, alarm_handler, lint_bytes, lint_path, time_limit


def test_time_limit_interrupts_slow_code() -> None:
    started = time.perf_counter()
    with pytest.raises(FileTimeout), time_limit(0.1):
        while True:
            pass
    assert time.perf_counter() - started < 2


def test_time_limit_is_cleared_afterwards() -> None:
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # no late alarm


def test_time_limits_inside_one_installed_handler_interrupt_and_restore() -> None:
    # a batch installs the handler once (alarm_handler); each file's time_limit only sets the timer
    before = signal.getsignal(signal.SIGALRM)
    with alarm_handler():
        with time_limit(0.05):
            pass
        time.sleep(0.1)  # the first file's timer was cleared: no late alarm
        with pytest.raises(FileTimeout), time_limit(0.1):
            while True:
                pass
        assert signal.getsignal(signal.SIGALRM) is not before
    assert signal.getsignal(signal.SIGALRM) == before


def test_too_large_input_is_reported_not_read() -> None:
    result = lint_bytes("青禾市文旅局".encode() * 1000, "big.txt", Settings(max_file_size=1000))
    assert [(f.code, f.name, f.span.start.line) for f in result.findings] == [("GL001", "unreadable-file", 1)]
    assert "max-file-size" in result.findings[0].message("zh")
    assert result.path == "big.txt"


def test_too_large_file_respects_selection(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("年" * 2000, encoding="utf-8")
    assert lint_path(big, Settings(max_file_size=100, ignore=("GL001",))).findings == []


def test_missing_file_is_reported(tmp_path: Path) -> None:
    result = lint_path(tmp_path / "gone.txt", Settings())
    assert [f.code for f in result.findings] == ["GL001"]


def test_parser_crash_becomes_an_internal_error_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    monkeypatch.setattr(govlint.parsing, "parse_file", broken)
    report = tmp_path / "a.txt"
    report.write_text("x", encoding="utf-8")
    result = lint_path(report, Settings())
    assert [(f.code, f.name, f.severity) for f in result.findings] == [("GL000", "internal-error", "error")]
    assert "ValueError: boom" in result.findings[0].message("en")


def test_slow_file_gives_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(path):  # type: ignore[no-untyped-def]
        time.sleep(3)
        raise AssertionError("not interrupted")

    monkeypatch.setattr(govlint.parsing, "parse_file", slow)
    report = tmp_path / "a.txt"
    report.write_text("x", encoding="utf-8")
    started = time.perf_counter()
    result = lint_path(report, Settings(file_time_limit=0.2))
    assert time.perf_counter() - started < 2
    assert [f.code for f in result.findings] == ["GL001"]
    assert "file-time-limit" in result.findings[0].message("en")
