"""Lint one file: read, decode, parse, run the rules, apply the file's settings. Every front end
(``govlint check``, the batch runner, editors) calls ``lint_path`` or ``lint_bytes``.

A file never stops the run: one that cannot be read, is larger than ``max-file-size``, takes longer
than ``file-time-limit`` or trips an internal error yields a report whose ``diagnostics`` say so,
and the parse rules (rules/parse.yaml) turn those into findings for that file.
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

# Diagnostic keys produced here (the parser produces its own: binary, undecodable, empty, ...).
TOO_LARGE = "too-large"
TIMEOUT = "timeout"
INTERNAL_ERROR = "internal-error"
UNREADABLE = "unreadable"


@dataclass
class FileResult:
    """What linting one file gives: its display path, its findings (sorted) and the source lines
    the findings point at (line number -> text, for the ``full`` output)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    source_lines: dict[int, str] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds spent on this file


class FileTimeout(BaseException):
    """Raised inside a file's parse/lint when its time is up. A BaseException so that no
    ``except Exception`` in the parser or a check can swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in the current code after ``seconds`` (main thread on POSIX; elsewhere
    the limit is not enforced and user regexes are still bounded by their own timeout)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _expire(signum: int, frame: Any) -> None:
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def _load_rules(rule_dirs: tuple[str, ...]) -> RuleSet:
    from govlint.engine import load_rules

    return load_rules(extra_dirs=tuple(Path(d) for d in rule_dirs))


def rules_for(settings: Settings) -> RuleSet:
    """The full rule set for these settings (shipped rules plus ``rule-dirs``), loaded once."""
    return _load_rules(settings.rule_dirs)


@cache
def selected_rules(settings: Settings) -> RuleSet:
    """The rules that run under ``settings``: selection, then severity overrides. Raises
    ``govlint.engine.UnknownRuleError`` for a selector that names no rule."""
    ruleset = rules_for(settings).select(settings.select, settings.ignore, settings.extend_select)
    return ruleset.with_severities(settings.severity_overrides) if settings.severity else ruleset


@cache
def _rules_for_file(settings: Settings, ignored: tuple[str, ...]) -> RuleSet:
    selected = selected_rules(settings)
    return selected.select(ignore=ignored) if ignored else selected


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


def _finish(report: Report, settings: Settings, shown_path: str, real_path: Path | None) -> FileResult:
    from govlint.engine import lint

    ruleset = _rules_for_file(settings, _per_file_ignored(settings, real_path))
    findings = lint(report, ruleset, settings.engine_options())
    kept = [f if f.path == shown_path else replace(f, path=shown_path) for f in findings]
    lines = {line.number: line.text for line in report.lines}
    source = {f.span.start.line: lines[f.span.start.line] for f in kept if f.span.start.line in lines}
    return FileResult(path=shown_path, findings=kept, source_lines=source)


def _guarded(shown_path: str, settings: Settings, real_path: Path | None, parse: Any) -> FileResult:
    """Run ``parse()`` and the rules under the file's time limit; turn a failure into a diagnostic."""
    started = time.perf_counter()
    try:
        with time_limit(settings.file_time_limit):
            result = _finish(parse(), settings, shown_path, real_path)
    except FileTimeout:
        limit = f"{settings.file_time_limit:g}"
        report = _report_for_failure(
            shown_path, TIMEOUT, f"checking this file took longer than {limit} s (file-time-limit)"
        )
        result = _finish(report, settings, shown_path, real_path)
    except RecursionError as exc:
        result = _internal_error(shown_path, settings, real_path, exc)
    except Exception as exc:
        # A bug in a parser or a check must not hide the other files' results.
        if _is_rule_error(exc):
            raise
        result = _internal_error(shown_path, settings, real_path, exc)
    result.elapsed = time.perf_counter() - started
    return result


def _is_rule_error(exc: Exception) -> bool:
    from govlint.engine import RuleError

    return isinstance(exc, RuleError)


def _internal_error(shown_path: str, settings: Settings, real_path: Path | None, exc: BaseException) -> FileResult:
    message = f"internal error while checking this file ({type(exc).__name__}: {exc}); please report it"
    return _finish(_report_for_failure(shown_path, INTERNAL_ERROR, message), settings, shown_path, real_path)


def lint_path(path: Path | str, settings: Settings, on_report: Callable[[Report], None] | None = None) -> FileResult:
    """Lint the file at ``path`` with ``settings``. Never raises for a problem with the file.
    ``on_report`` (used by govlint.batch) is given the parsed report before the rules run."""
    path = Path(path)
    shown = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _guarded(shown, settings, path, lambda: _report_for_failure(shown, UNREADABLE, reason))
    if size > settings.max_file_size:
        message = f"the file is {size} bytes, more than max-file-size ({settings.max_file_size} bytes)"
        return _guarded(shown, settings, path, lambda: _report_for_failure(shown, TOO_LARGE, message))

    def parse() -> Report:
        from govlint.parsing import parse_file

        report = parse_file(path)
        report.path = shown
        if on_report is not None:
            on_report(report)
        return report

    return _guarded(shown, settings, path, parse)


def lint_bytes(data: bytes, shown_path: str, settings: Settings, real_path: Path | None = None) -> FileResult:
    """Lint content that is not read from a file (stdin): ``shown_path`` is reported, ``real_path``
    (``--stdin-filename``) is what per-file-ignores match against."""
    if len(data) > settings.max_file_size:
        message = f"the input is {len(data)} bytes, more than max-file-size ({settings.max_file_size} bytes)"
        return _guarded(shown_path, settings, real_path, lambda: _report_for_failure(shown_path, TOO_LARGE, message))

    def parse() -> Report:
        from govlint.parsing import parse_text
        from govlint.reading import decode_bytes

        decoded = decode_bytes(data)
        report = parse_text(decoded.text, shown_path)
        report.encoding = decoded.encoding
        report.diagnostics[:0] = decoded.diagnostics
        return report

    return _guarded(shown_path, settings, real_path, parse)
