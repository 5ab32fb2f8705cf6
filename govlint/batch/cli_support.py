"""What ``govlint check`` uses from the batch runner: its options and a results iterator.

``check_cmd`` calls ``add_check_arguments(parser)`` when it builds its parser and
``run_check(targets, args)`` to lint its files. Results stream in path order, each as soon as it
and the files before it are done. The checks that compare reports (GL8xx) can only conclude once
every file has been read: for the formats people read (full, concise, github) their findings follow
at the end, as one more result per file concerned; for the machine formats (json, json-lines, sarif)
and --statistics, whose documents count files and keep each file's findings together, results are
held (findings only, never the reports) and each file's comparisons are merged into its result.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govlint.batch.runner import BatchRun
    from govlint.discovery import Target
    from govlint.findings import Finding
    from govlint.lint import FileResult


# Output formats that count files and keep each file's findings together (see the module doc).
GROUPED_FORMATS = ("json", "json-lines", "sarif")


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("the number of processes cannot be negative")
    return jobs


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("performance")
    group.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (default: every core; 0 also means every core)",
    )
    group.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    group.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where results are cached (default: $GOVLINT_CACHE_DIR or .govlint_cache; safe to delete)",
    )
    group.add_argument(
        "--no-progress", action="store_true", help="no progress bar (it is only shown when stderr is a terminal)"
    )


def start(targets: Sequence[Target], args: argparse.Namespace, *, ordered: bool = True) -> BatchRun:
    from govlint.batch.runner import run

    return run(
        targets,
        jobs=getattr(args, "jobs", None) or None,
        use_cache=not getattr(args, "no_cache", False),
        cache_dir=getattr(args, "cache_dir", None),
        ordered=ordered,
        progress=False if getattr(args, "no_progress", False) else None,
    )


def run_check(targets: Sequence[Target], args: argparse.Namespace) -> Iterator[FileResult]:
    from govlint.lint import FileResult

    batch = start(targets, args)
    batch.corpus = len(targets) > 1 and _corpus_rules_enabled(targets)
    grouped = getattr(args, "output_format", None) in GROUPED_FORMATS or getattr(args, "statistics", False)
    if not (batch.corpus and grouped):
        for outcome in batch:
            yield FileResult(path=outcome.path, findings=outcome.findings, source_lines=outcome.source_lines)
        for path, findings in group_by_path(batch.corpus_findings):
            yield FileResult(path=path, findings=findings, source_lines=source_lines(path, findings))
        return
    held = [FileResult(path=o.path, findings=o.findings, source_lines=o.source_lines) for o in batch]
    extra = dict(group_by_path(batch.corpus_findings))
    for result in held:
        more = extra.get(result.path)
        if more:
            result.findings = sorted([*result.findings, *more], key=lambda f: f.sort_key)
            result.source_lines = {**source_lines(result.path, more), **result.source_lines}
        yield result


def _corpus_rules_enabled(targets: Sequence[Target]) -> bool:
    from govlint.batch.corpus import corpus_rules
    from govlint.batch.rule_index import selected_index

    return any(corpus_rules(selected_index(s)) for s in {t.settings for t in targets})


def group_by_path(findings: Sequence[Finding]) -> Iterator[tuple[str, list[Finding]]]:
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path in sorted(by_path):
        yield path, sorted(by_path[path], key=lambda f: f.sort_key)


def source_lines(path: str, findings: Sequence[Any]) -> dict[int, str]:
    """The lines the findings point at, read again (corpus findings come after the report is gone)."""
    from govlint.reading import read_path

    wanted = {f.span.start.line for f in findings}
    if not os.path.isfile(path):
        return {}
    text = read_path(Path(path)).text
    return {n: line for n, line in enumerate(text.split("\n"), start=1) if n in wanted}
