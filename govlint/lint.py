"""Lint one file: read, decode, parse, run the rules, apply the file's settings. Every front end
(``govlint check``, the batch runner, editors) calls ``lint_path`` or ``lint_bytes``.

A file never stops the run. One that cannot be read, is larger than ``max-file-size`` or takes
longer than ``file-time-limit`` yields a report with an ``unreadable`` diagnostic saying why, which
rule GL001 (unreadable-file, rules/parse.yaml) reports for that file; an exception in the parser
becomes a GL000 internal-error finding, as the engine does for a failing check.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govlint.config import Settings
from govlint.discovery import display_path, glob_match, relative_to_root
from govlint.findings import Finding
from govlint.model import Diagnostic, Report

if TYPE_CHECKING:
    from govlint.engine import RuleSet

# The reader's diagnostic code for a file govlint could not read (see govlint.reading).
UNREADABLE = "unreadable"
OnReport = Callable[[Report], None] | None


@dataclass
class FileResult:
    """What linting one file gives: its display path, its findings (sorted) and the source lines
    the findings point at (line number -> text, for the ``full`` output)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    source_lines: dict[int, str] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds spent on this file
    # False when the result depends on the moment (time limit hit, internal error, file vanished):
    # result caches must not keep it.
    cacheable: bool = True


class FileTimeout(BaseException):
    """Raised inside a file's parse/lint when its time is up. A BaseException so that no
    ``except Exception`` in the parser or a check can swallow it."""


def _expire(signum: int, frame: Any) -> None:
    raise FileTimeout()


_handler_installed = False  # True while alarm_handler() is active: time_limit then only sets the timer


def _timers_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def alarm_handler() -> Iterator[None]:
    """Install the time limit's signal handler once for many files (a batch) instead of once per
    file: installing and restoring a handler costs more than a whole file's timer."""
    global _handler_installed
    if _handler_installed or not _timers_usable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _handler_installed = True
    try:
        yield
    finally:
        _handler_installed = False
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in the current code after ``seconds`` (main thread on POSIX; elsewhere
    the limit is not enforced and user regexes are still bounded by their own timeout)."""
    if seconds <= 0 or not _timers_usable():
        yield
        return
    with alarm_handler():
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


@cache
def _load_rules(rule_dirs: tuple[str, ...]) -> RuleSet:
    from govlint.engine import load_rules

    return load_rules(extra_dirs=tuple(Path(d) for d in rule_dirs))


def rules_for(settings: Settings) -> RuleSet:
    """The full rule set for these settings (shipped rules plus ``rule-dirs``), loaded once."""
    return _load_rules(settings.rule_dirs)


@cache
def selected_rules(settings: Settings) -> RuleSet:
    """The rules that run under ``settings``: severity overrides, then selection. Raises
    ``govlint.engine.UnknownRuleError`` for a selector that names no rule."""
    return select_rules(rules_for(settings), settings)


def select_rules(rules: RuleSet, settings: Settings) -> RuleSet:
    """``rules`` with ``settings``' severity overrides, then its selection."""
    if settings.severity:
        rules = rules.with_severities(settings.severity_overrides)
    chosen = rules.select(settings.select, settings.ignore, settings.extend_select)
    if settings.cli_select is not None or settings.cli_ignore or settings.cli_extend_select:
        # The command line is a second layer over the configuration's choice.
        cli = rules.select(settings.cli_select, settings.cli_ignore, settings.cli_extend_select)
        if settings.cli_select is None:
            extended = set(rules.select([], extend_select=settings.cli_extend_select).codes)
            kept = set(chosen.codes) | extended
            cli = rules.select([code for code in cli.codes if code in kept])
        chosen = cli
    return chosen


@cache
def _rules_for_file(settings: Settings, ignored: tuple[str, ...]) -> RuleSet:
    selected = selected_rules(settings)
    if not ignored:
        return selected
    # Selectors are resolved against every rule, so ignoring a rule that is not selected is fine.
    dropped = set(rules_for(settings).select(ignored).codes)
    return selected.select([code for code in selected.codes if code not in dropped])


def _report_for_failure(path: str, key: str, message: str) -> Report:
    return Report(path=path, text="", diagnostics=[Diagnostic(code=key, message=message)])


def _per_file_ignored(settings: Settings, path: Path | None) -> tuple[str, ...]:
    if path is None or not settings.per_file_ignores:
        return ()
    rel = relative_to_root(path, settings.root) or path.name
    codes: list[str] = []
    for glob, ignored in settings.per_file_ignores:
        if glob_match(glob, rel):
            codes.extend(ignored)
    return tuple(codes)


def _finish(
    report: Report, settings: Settings, shown_path: str, real_path: Path | None, on_report: OnReport = None
) -> FileResult:
    from govlint.engine import lint

    if on_report is not None:
        on_report(report)
    ruleset = _rules_for_file(settings, _per_file_ignored(settings, real_path))
    findings = lint(report, ruleset, settings.engine_options())
    kept = [f if f.path == shown_path else replace(f, path=shown_path) for f in findings]
    source: dict[int, str] = {}
    if kept:  # most reports have few findings: index the lines only when one points at them
        lines = {line.number: line.text for line in report.lines}
        source = {f.span.start.line: lines[f.span.start.line] for f in kept if f.span.start.line in lines}
    return FileResult(path=shown_path, findings=kept, source_lines=source)


def _guarded(
    shown_path: str, settings: Settings, real_path: Path | None, parse: Any, on_report: OnReport = None
) -> FileResult:
    """Run ``parse()`` and the rules under the file's time limit; turn a failure into a diagnostic."""
    started = time.perf_counter()
    try:
        with time_limit(settings.file_time_limit):
            result = _finish(parse(), settings, shown_path, real_path, on_report)
    except FileTimeout:
        limit = f"{settings.file_time_limit:g}"
        message = (
            f"检查该文件用时超过 {limit} 秒（file-time-limit），已跳过；可在配置中调大 file-time-limit "
            f"(checking this file took longer than {limit} s, the file-time-limit)."
        )
        result = _finish(_report_for_failure(shown_path, UNREADABLE, message), settings, shown_path, real_path)
        result.cacheable = False
    except Exception as exc:
        # A bug in the parser must not hide the other files' results.
        if _is_rule_error(exc):
            raise
        result = _internal_error(shown_path, exc)
        result.cacheable = False
    result.elapsed = time.perf_counter() - started
    return result


def _is_rule_error(exc: Exception) -> bool:
    from govlint.engine import RuleError, UnknownRuleError

    return isinstance(exc, (RuleError, UnknownRuleError))


def _internal_error(shown_path: str, exc: BaseException) -> FileResult:
    from govlint.engine.runner import internal_error

    detail = f"{type(exc).__name__}: {exc}"
    finding = internal_error(
        shown_path,
        f"读取或解析该文件时出错：{detail}",
        f"Reading or parsing this file failed: {detail}",
        matched=type(exc).__name__,
    )
    return FileResult(path=shown_path, findings=[finding])


def _too_large(size: int, settings: Settings) -> str:
    limit = settings.max_file_size
    return (
        f"文件大小为 {size} 字节，超过上限 max-file-size（{limit} 字节），未检查；请确认这是年度报告，"
        f"或在配置中调大 max-file-size (the file is {size} bytes, more than max-file-size)."
    )


def lint_path(path: Path | str, settings: Settings, on_report: OnReport = None) -> FileResult:
    """Lint the file at ``path`` with ``settings``. Never raises for a problem with the file.

    ``on_report`` (used by govlint.batch) is given the parsed report before the rules run; it is
    not called when the parser failed."""
    path = Path(path)
    shown = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        reason = f"{exc.strerror or type(exc).__name__} (cannot read the file)."
        result = _guarded(shown, settings, path, lambda: _report_for_failure(shown, UNREADABLE, reason))
        result.cacheable = False
        return result
    if size > settings.max_file_size:
        message = _too_large(size, settings)
        return _guarded(shown, settings, path, lambda: _report_for_failure(shown, UNREADABLE, message))

    def parse() -> Report:
        from govlint.parsing import parse_file

        report = parse_file(path)
        report.path = shown
        return report

    return _guarded(shown, settings, path, parse, on_report)


def lint_bytes(
    data: bytes, shown_path: str, settings: Settings, real_path: Path | None = None, on_report: OnReport = None
) -> FileResult:
    """Lint content that is not read from a file (stdin): ``shown_path`` is reported, ``real_path``
    (``--stdin-filename``) is what per-file-ignores match against."""
    if len(data) > settings.max_file_size:
        message = _too_large(len(data), settings)
        return _guarded(shown_path, settings, real_path, lambda: _report_for_failure(shown_path, UNREADABLE, message))

    def parse() -> Report:
        from govlint.parsing import parse_bytes

        return parse_bytes(data, shown_path)

    return _guarded(shown_path, settings, real_path, parse, on_report)
