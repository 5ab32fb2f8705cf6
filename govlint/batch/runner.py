"""Checking many files: all cores, results streamed as files finish, memory flat.

``run(paths, settings)`` returns a ``BatchRun``: iterate it to receive one ``FileOutcome`` per file
(in path order by default, as soon as each is ready; ``ordered=False`` gives them in completion
order), then read ``corpus_findings`` for the checks that compare reports (rules/batch.yaml).

Each worker process loads the rule set once and, per file, reads, parses and lints it through
``govlint.lint.lint_path`` and reduces the parsed report to a ``ReportSummary`` of a few hundred
bytes; only findings and summaries travel back, so memory does not grow with the reports' size.
The result cache (govlint.batch.cache) is read first by the main process: a re-run over an
unchanged corpus is served without starting any worker, nor compiling a per-report rule (selection
and the corpus checks read ``govlint.batch.rule_index``). From the first file that misses, the rest
go to the workers, which read and fill the cache themselves.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from govlint.batch.cache import CacheEntry, ResultCache, corpus_key, entry_key, environment_key
from govlint.batch.summary import SUMMARY_PARTS, ReportSummary, summarize
from govlint.config import Settings
from govlint.discovery import Target, display_path, glob_match, relative_to_root, shown_path
from govlint.findings import Finding
from govlint.lint import alarm_handler
from govlint.model import Report

# Below this many files a process pool costs more than it saves (an editor checks one file).
MIN_FILES_FOR_POOL = 8
MAX_CHUNK = 32
# The garbage collector's first threshold while checking files. At Python's default (700 net
# allocations) parsing a report triggers about two collections, each scanning the report being
# built and, in full collections, every summary kept so far: 6 % of the time at 1,000 reports and
# 10 % at 3,000, growing with the corpus. Reports hold few reference cycles (reference counting
# frees them), so at 10,000 a run collects a few times a thousand files, for the same peak memory.
GC_THRESHOLD = 10_000

SettingsFor = Callable[[Path], Settings]


@dataclass
class FileOutcome:
    """One file's result: its findings (sorted), its summary for corpus checks and the audit."""

    path: str  # as shown in output (relative to the working directory, with /)
    findings: list[Finding] = field(default_factory=list)
    summary: ReportSummary | None = None
    cached: bool = False
    size: int = 0  # bytes
    source_lines: dict[int, str] = field(default_factory=dict)  # the lines the findings point at
    key: str | None = None  # the cache entry's key; None without a cache or for a result not kept


@dataclass
class RunStats:
    files: int = 0
    findings: int = 0
    cached: int = 0
    bytes: int = 0
    seconds: float = 0.0


# --- the per-file work (runs in the workers, or in-process for small runs) ---------------------

_WORKER_CACHE: ResultCache | None = None


@dataclass(frozen=True)
class Task:
    """What a worker is given per file."""

    path: str
    shown: str  # the path as output shows it
    settings: Settings
    environment: str | None  # the cache key of everything but the file (None: no cache)
    wants: frozenset[str] = frozenset(SUMMARY_PARTS)  # what the summary must hold (see summarize)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _init_worker(cache_dir: str | None, rule_dirs: tuple[tuple[str, ...], ...]) -> None:
    """Load what every file needs once per process: the rule sets, the parser, the cache handle.
    (Forked workers inherit what the main process already loaded; this is then instant.)"""
    global _WORKER_CACHE
    threshold = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, threshold[0]), *threshold[1:])
    _WORKER_CACHE = ResultCache(cache_dir) if cache_dir is not None else None
    from govlint import lint
    from govlint.parsing import parse_text

    for dirs in rule_dirs:
        lint.rules_for(Settings(rule_dirs=dirs))
    parse_text("", "<warm-up>")


def _warm_up_for_fork(settings: Settings) -> None:
    """Before forking workers: load the rules and the parser and lint a small synthetic report, so
    that every lazily loaded table (grammar, templates, area codes) is in memory once and shared
    by the workers copy-on-write instead of being loaded again in each; then move everything
    loaded so far out of the garbage collector's sight (``gc.freeze``) so that collections in
    the workers do not touch, and so copy, the shared pages."""
    from govlint.lint import lint_bytes
    from govlint.testing.generate import generate

    lint_bytes(generate(3000, seed=0).encode("utf-8"), "<warm-up>", settings)
    gc.collect()
    gc.freeze()


def _read(task: Task) -> bytes | None:
    """The file's bytes, read once for the cache key and the parser (``lint_bytes`` reports a file
    larger than ``max-file-size``); None when it cannot be read (``lint_path`` then says why)."""
    try:
        with open(task.path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _environment(task: Task) -> str:
    return task.environment or environment_key(task.settings)


def _lookup(task: Task, cache: ResultCache, content: bytes | None) -> tuple[FileOutcome | None, str | None]:
    """The cached outcome (or None) and the entry's key (None if the file could not be read)."""
    if content is None:
        return None, None
    key = entry_key(_environment(task), task.shown, content)
    hit = cache.get(key, task.shown, _environment(task))
    if hit is None:
        return None, key
    return FileOutcome(task.shown, hit.findings, hit.summary, True, len(content), hit.source_lines, key), key


def _run_task(task: Task, cache: ResultCache | None) -> FileOutcome:
    from govlint.lint import lint_bytes, lint_path

    content = _read(task)  # read once: the cache key and the parser share the bytes
    key = None
    if cache is not None and content is not None:
        hit, key = _lookup(task, cache, content)
        if hit is not None:
            return hit
    captured: list[Report] = []
    if content is not None:
        result = lint_bytes(content, task.shown, task.settings, Path(task.path), on_report=captured.append)
        size = len(content)
    else:  # unreadable: lint_path says why
        result = lint_path(task.path, task.settings, on_report=captured.append)
        try:
            size = os.stat(task.path).st_size
        except OSError:
            size = 0
    summary = _summary(captured[-1], task.wants, result.path) if captured else None
    if cache is not None and key is not None and result.cacheable:
        cache.put(key, CacheEntry(result.findings, summary, result.source_lines), _environment(task))
    else:
        key = None
    return FileOutcome(result.path, result.findings, summary, False, size, result.source_lines, key)


def _summary(report: Report, wants: frozenset[str], shown: str) -> ReportSummary | None:
    """The report's summary; a report the summary cannot be made of is left out of the corpus
    checks rather than stopping the run (its own findings are already made)."""
    try:
        summary = summarize(report, wants)
    except Exception:  # a model shape the summary did not foresee: skip, never crash the batch
        return None
    summary.path = shown
    return summary


def lint_one(path: str | Path, settings: Settings, cache: ResultCache | None = None) -> FileOutcome:
    """Lint one file, through ``cache`` when one is given. Never raises for a bad file."""
    task = Task(str(path), display_path(path), settings, environment_key(settings) if cache else None)
    with _fewer_collections():  # as in a batch: a caller linting file after file gains as much
        return _run_task(task, cache)


def _work_chunk(tasks: list[Task]) -> list[FileOutcome]:
    with alarm_handler():
        return [_run_task(task, _WORKER_CACHE) for task in tasks]


class WorkerLost(RuntimeError):
    """A worker process of the pool died (killed from outside): the run cannot be completed."""


def _wants(settings: Settings) -> frozenset[str]:
    """The optional summary parts the enabled corpus rules need (a section's sketch costs ~0.15 ms,
    the table digests ~0.1 ms a report): nothing for a rule that is not selected."""
    from govlint.batch.corpus import summary_parts
    from govlint.batch.rule_index import selected_index

    parts: set[str] = set()
    for rule in selected_index(settings):
        parts |= summary_parts(rule.check, rule.params)
    return frozenset(parts)


class _Shower:
    """``discovery.display_path`` for many files: the working directory is resolved once, and each
    directory once (resolving a path costs a system call per component; a file that is itself a
    symbolic link is still resolved in full)."""

    def __init__(self) -> None:
        self.cwd = os.path.realpath(os.getcwd())
        self.directories: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if ".." in path.replace(os.altsep or os.sep, os.sep).split(os.sep):
            # (".." after a symbolic link is not what abspath makes of it)
            full = os.path.realpath(path)
        else:
            directory, name = os.path.split(os.path.abspath(path))
            real_directory = self.directories.get(directory)
            if real_directory is None:
                real_directory = self.directories[directory] = os.path.realpath(directory)
            full = os.path.join(real_directory, name)
            if os.path.islink(full):
                full = os.path.realpath(full)
        return shown_path(full, self.cwd)


# --- the run -------------------------------------------------------------------------------------


class BatchRun:
    """An iterable of ``FileOutcome``; after iteration, ``corpus_findings`` and ``stats``."""

    def __init__(
        self,
        tasks: list[tuple[str, Settings]],
        *,
        jobs: int | None,
        cache_dir: str | None,
        ordered: bool,
        corpus: bool,
        progress: IO[str] | None,
    ) -> None:
        self.tasks = tasks
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.cache_dir = cache_dir
        self.ordered = ordered
        self.corpus = corpus
        self.progress_stream = progress
        self.summaries: list[ReportSummary] = []
        self._entry_keys: list[str | None] = []  # of the files with a summary: what the corpus checks read
        self.corpus_findings: list[Finding] = []
        self.stats = RunStats()
        self._settings_by_path: dict[str, Settings] = {}
        self._first_environment: str | None = None
        self._consumed = False

    def __iter__(self) -> Iterator[FileOutcome]:
        if self._consumed:
            raise RuntimeError("a BatchRun can be iterated only once")
        self._consumed = True
        started = time.perf_counter()
        progress = Progress(len(self.tasks), self.progress_stream) if self.progress_stream else None
        try:
            with _fewer_collections(), alarm_handler():
                yield from self._counted(progress)
                if self.corpus and len(self.summaries) > 1:
                    self.corpus_findings = self._corpus_findings()
                    self.stats.findings += len(self.corpus_findings)
        finally:
            if progress:
                progress.close()
            self.stats.seconds = time.perf_counter() - started

    def _counted(self, progress: Progress | None) -> Iterator[FileOutcome]:
        for outcome in self._outcomes():
            self.stats.files += 1
            self.stats.findings += len(outcome.findings)
            self.stats.cached += outcome.cached
            self.stats.bytes += outcome.size
            if self.corpus and outcome.summary is not None:
                self.summaries.append(outcome.summary)
                self._entry_keys.append(outcome.key)
            if progress:
                progress.update(self.stats.files, self.stats.findings)
                if outcome.findings:
                    progress.clear()  # the consumer may print now: start it on a clean line
            yield outcome

    def _outcomes(self) -> Iterator[FileOutcome]:
        shown = _Shower()
        per_settings: dict[Settings, tuple[str | None, frozenset[str]]] = {}
        tasks: list[Task] = []
        for path, settings in self.tasks:
            if settings not in per_settings:
                # Summary parts only the corpus checks read are skipped when they will not run.
                wants = _wants(settings) if self.corpus else frozenset()
                # Rule files are read now, once per run, so that an edited rule invalidates results;
                # the parts of the summary are part of the key (a check-only entry has no sketches).
                environment = None
                if self.cache_dir is not None:
                    environment = environment_key(settings) + "+" + ",".join(sorted(wants))
                per_settings[settings] = (environment, wants)
            environment, wants = per_settings[settings]
            task = Task(path, shown(path), settings, environment, wants)
            if not tasks:
                self._first_environment = environment
            self._settings_by_path[task.shown] = settings
            tasks.append(task)
        cache = ResultCache(self.cache_dir) if self.cache_dir is not None else None
        start = 0
        if cache is not None:
            # A re-run over an unchanged corpus needs no workers: serve hits here until the first
            # miss, then hand the rest to the pool.
            for task in tasks:
                hit, _ = _lookup(task, cache, _read(task))
                if hit is None:
                    break
                start += 1
                yield hit
        rest = tasks[start:]
        if self.jobs == 1 or len(rest) < MIN_FILES_FOR_POOL:
            for task in rest:
                yield _run_task(task, cache)
            return
        yield from self._in_pool(rest)

    def _in_pool(self, rest: list[Task]) -> Iterator[FileOutcome]:
        """``rest`` checked by worker processes. The pool's modules are imported here only: a run
        the cache answers, or of a single file, never starts a pool."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        rule_dirs = tuple({task.settings.rule_dirs for task in rest})
        # Fork where it is safe and fast (Linux, no other thread that could hold a lock): workers
        # inherit the loaded rules and grammar. Elsewhere the platform's default start method.
        method = "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else None
        if method == "fork":
            _warm_up_for_fork(rest[0].settings)
        context = multiprocessing.get_context(method)
        jobs = min(self.jobs, len(rest))
        chunk = max(1, min(MAX_CHUNK, len(rest) // (jobs * 8)))
        # concurrent.futures rather than multiprocessing.Pool: when a worker dies (the OOM killer,
        # kill -9) the executor fails every pending file at once, where a Pool waits forever.
        pool = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_init_worker, initargs=(self.cache_dir, rule_dirs)
        )
        try:
            futures = [pool.submit(_work_chunk, rest[i : i + chunk]) for i in range(0, len(rest), chunk)]
            done = iter(futures) if self.ordered else as_completed(futures)
            del futures  # finished chunks are then freed once handed out
            for future in done:
                yield from future.result()
        except BrokenProcessPool:
            raise WorkerLost(
                "a worker process stopped unexpectedly (killed by a signal, or out of memory?); "
                "the run is incomplete. Run again, or with --jobs 1 to find the file that causes it"
            ) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()

    def _corpus_findings(self) -> list[Finding]:
        """Run every corpus rule of the rule set, then keep, per file, what that file's settings
        enable (select / ignore / per-file-ignores) with its severity overrides."""
        from govlint.batch.corpus import corpus_rules, run_corpus_rules
        from govlint.batch.rule_index import rule_index, selected_index

        first = self.tasks[0][1]
        rules = corpus_rules(rule_index(first))
        if not rules:
            return []
        findings = self._cached_corpus_run(lambda: run_corpus_rules(self.summaries, rules, first.engine_options()))
        kept = []
        for finding in findings:
            settings = self._settings_by_path.get(finding.path, first)
            rule = selected_index(settings).get(finding.code)
            if rule is None or _ignored_for_file(finding, settings):
                continue
            kept.append(finding if rule.severity == finding.severity else replace(finding, severity=rule.severity))
        return kept

    def _cached_corpus_run(self, run_rules: Callable[[], list[Finding]]) -> list[Finding]:
        """``run_rules()``, or its result kept by the last run over the very same files (every
        file's entry key is the same: path, bytes, settings, rule set and govlint)."""
        if self.cache_dir is None or None in self._entry_keys:
            return run_rules()
        cache = ResultCache(self.cache_dir)
        environment = self._first_environment or ""
        key = corpus_key(environment, self._entry_keys)  # type: ignore[arg-type]  # (no None: tested above)
        findings = cache.get_corpus(key, environment)
        if findings is None:
            findings = run_rules()
            cache.put_corpus(key, findings, environment)
        return findings


def _ignored_for_file(finding: Finding, settings: Settings) -> bool:
    if not settings.per_file_ignores:
        return False
    rel = relative_to_root(Path(finding.path), settings.root) or Path(finding.path).name
    return any(
        finding.code.startswith(code)
        for glob, codes in settings.per_file_ignores
        if glob_match(glob, rel)
        for code in codes
    )


def run(
    paths: Iterable[str | Path | Target],
    settings: Settings | SettingsFor | None = None,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    cache_dir: str | Path | None = None,
    ordered: bool = True,
    corpus: bool = True,
    progress: IO[str] | bool | None = None,
) -> BatchRun:
    """Lint ``paths`` (files, or ``discovery.Target``s carrying their own settings).

    ``settings``: one ``Settings`` for every file, or a function from a file's directory to its
    settings (``config.find_config`` + ``settings_from``), or None for the defaults. ``jobs``: worker
    processes (None = every core). ``use_cache``: read and write the result cache in ``cache_dir``
    (default ``$GOVLINT_CACHE_DIR`` or ``.govlint_cache``). ``ordered``: yield in the order of
    ``paths`` (deterministic output) rather than as files complete. ``corpus``: run the checks that
    compare reports once every file is done. ``progress``: a stream for the progress bar; None
    means stderr when it is a terminal, False means never.

    While the run is iterated in the main thread, SIGALRM belongs to govlint's per-file time limit
    (its handler is installed once for the run, not once per file, and restored at the end).
    """
    tasks: list[tuple[str, Settings]] = []
    for item in paths:
        if isinstance(item, Target):
            tasks.append((str(item.path), item.settings))
            continue
        file_settings = settings(Path(item).resolve().parent) if callable(settings) else settings
        tasks.append((str(item), file_settings or Settings()))
    stream: IO[str] | None
    if progress is None or progress is True:
        stream = sys.stderr if (progress is True or _is_tty(sys.stderr)) else None
    else:
        stream = progress or None
    directory = None
    if use_cache:
        from govlint.batch.cache import default_dir

        directory = str(cache_dir if cache_dir is not None else default_dir())
    return BatchRun(
        tasks,
        jobs=jobs,
        cache_dir=directory,
        ordered=ordered,
        corpus=corpus,
        progress=stream,
    )


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# --- progress ------------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar: files done, findings, rate and time left. Redrawn at most 10×/s."""

    WIDTH = 24

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total = total
        self.stream = stream
        self.started = time.perf_counter()
        self.last_draw = 0.0
        self.drawn = 0  # length of the line on screen

    def update(self, done: int, findings: int) -> None:
        now = time.perf_counter()
        if done < self.total and now - self.last_draw < 0.1:
            return
        self.last_draw = now
        text = self.line(done, findings, now - self.started)
        self.stream.write("\r" + text)
        self.stream.flush()
        self.drawn = len(text)

    def line(self, done: int, findings: int, elapsed: float) -> str:
        fraction = done / self.total if self.total else 1.0
        filled = int(self.WIDTH * fraction)
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else 0.0
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        return f"{bar} {done}/{self.total} files · {findings} findings · {rate:,.0f} files/s · {_clock(left)} left "

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[2K")  # erase the line (the bar is only drawn on terminals)
            self.stream.flush()
            self.drawn = 0
            self.last_draw = 0.0  # redraw at the next update

    def close(self) -> None:
        self.clear()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 60}:{seconds % 60:02d}"
