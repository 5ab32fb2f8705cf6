"""``govlint check [PATH ...]``: lint report files and print the findings.

See README.md for every option with examples. Exit codes: 0 no finding at or above the failing
level, 1 findings, 2 usage, configuration or rule-file error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govlint.cli import UsageError, options
from govlint.config import (
    ConfigError,
    ConfigFile,
    Overrides,
    Settings,
    find_config,
    read_config_file,
    selector_keys,
    settings_from,
)
from govlint.output import FORMATS

if TYPE_CHECKING:
    from govlint.baseline import Baseline
    from govlint.discovery import Target
    from govlint.engine import Rule
    from govlint.lint import FileResult
    from govlint.output import RuleInfo, Summary


def register(subparsers: Any) -> None:
    from govlint.batch.cli_support import add_check_arguments

    p = subparsers.add_parser(
        "check",
        help="lint report files (.txt, .md) and print the findings",
        description="Lint 政府信息公开工作年度报告 files. Directories are searched for .txt and .md "
        "files; '-' reads standard input.",
        epilog="exit codes: 0 no finding at or above --fail-level, 1 findings, 2 usage, configuration "
        "or rule-file error",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .); '-' for stdin")
    out = p.add_argument_group("output")
    out.add_argument(
        "--output-format",
        choices=list(FORMATS),
        help="full (default on a terminal), concise (default otherwise), json, json-lines, sarif, github",
    )
    out.add_argument("-o", "--output-file", metavar="FILE", help="write the output to FILE instead of stdout")
    out.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")
    options.add_lang_argument(out)
    options.add_rule_selection(p)
    res = p.add_argument_group("result")
    options.add_exit_arguments(res)
    res.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    res.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE")
    cfg = options.add_configuration(p)
    cfg.add_argument(
        "--stdin-filename", metavar="PATH", help="the path to report for '-' (and to match configuration against)"
    )
    add_check_arguments(p)  # --jobs, --no-cache, ...: the batch runner's options
    p.set_defaults(func=run)


class ConfigResolver:
    """Settings for each directory: nearest configuration, or the one named, or none."""

    def __init__(self, args: argparse.Namespace, overrides: Overrides) -> None:
        self.overrides = overrides
        self.named: ConfigFile | None = None
        self.isolated = bool(args.isolated)
        self.by_directory: dict[Path, Settings] = {}
        if args.config and args.isolated:
            raise UsageError("--config and --isolated cannot be used together")
        if args.config:
            path = Path(args.config)
            if not path.is_file():
                raise UsageError(f"--config {args.config}: no such file")
            try:
                named = read_config_file(path)
            except ConfigError as exc:
                raise UsageError(str(exc)) from exc
            if named is None:
                raise UsageError(f"{args.config}: no [tool.govlint] table in this pyproject.toml")
            self.named = named

    def __call__(self, directory: Path) -> Settings:
        settings = self.by_directory.get(directory)
        if settings is None:
            config = None
            if not self.isolated:
                try:
                    config = self.named or find_config(directory)
                except ConfigError as exc:
                    raise UsageError(str(exc)) from exc
            settings = self.by_directory[directory] = settings_from(config, self.overrides)
        return settings


def run(args: argparse.Namespace) -> int:
    overrides = options.overrides_from(args)
    resolve = ConfigResolver(args, overrides)
    run_settings = resolve(Path.cwd())  # output language and failing level come from here
    targets, reads_stdin = _targets(args, resolve)

    from govlint.output import RuleInfo

    enabled = enabled_rules([t.settings for t in targets] or [run_settings], overrides)
    rules = tuple(RuleInfo.from_rule(rule) for rule in enabled)  # for SARIF
    baseline = _load_baseline(args.baseline) if args.baseline else None

    if reads_stdin:
        results: Iterable[FileResult] = [_lint_stdin(targets[0], args.stdin_filename)]
    else:
        results = _run_targets(targets, args)

    on_terminal = args.output_file is None and sys.stdout.isatty()
    output_format = args.output_format or ("full" if on_terminal else "concise")
    from govlint.batch.runner import WorkerLost

    with _output_stream(args.output_file) as stream:
        try:
            summary, recorded = _emit(results, output_format, stream, run_settings, rules, baseline, args)
        except WorkerLost as exc:
            raise UsageError(str(exc)) from None

    if args.write_baseline:
        from govlint.baseline import BaselineError, write_baseline

        try:
            count = write_baseline(Path(args.write_baseline), recorded, run_settings.lang)
        except BaselineError as exc:
            raise UsageError(str(exc)) from exc
        print(f"govlint: wrote {count} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)

    return options.exit_status(summary.by_severity, run_settings.fail_level, args.exit_zero)


def _targets(args: argparse.Namespace, resolve: ConfigResolver) -> tuple[list[Target], bool]:
    """The files to check with their settings, and whether the one file is standard input."""
    from govlint.discovery import Target, discover

    paths = [Path(p) for p in (args.paths or ["."])]
    reads_stdin = any(str(p) == "-" for p in paths)
    if reads_stdin and len(paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    if args.stdin_filename and not reads_stdin:
        raise UsageError("--stdin-filename is only used with '-' (standard input)")
    if reads_stdin:
        stdin_path = Path(args.stdin_filename) if args.stdin_filename else None
        settings = resolve(stdin_path.resolve().parent if stdin_path else Path.cwd())
        return [Target(stdin_path or Path("-"), settings)], True
    targets, problems = discover(paths, resolve)
    if problems:
        raise UsageError("; ".join(problems))
    if not targets:
        print("govlint: warning: no report files (.txt, .md) found to check", file=sys.stderr)
    return targets, False


def _load_baseline(path: str) -> Baseline:
    from govlint.baseline import Baseline, BaselineError

    try:
        return Baseline.load(Path(path))
    except BaselineError as exc:
        raise UsageError(str(exc)) from exc


def enabled_rules(all_settings: Iterable[Settings], overrides: Overrides) -> list[Rule]:
    """Load every rule set in use (exit 2 on a rule-file error), check every rule selector given
    on the command line or in a configuration, and return the rules enabled for some file, in code
    order."""
    from govlint.batch.rule_index import rule_index, selected_index
    from govlint.engine import RuleError, UnknownRuleError

    rules: dict[str, Rule] = {}
    for settings in dict.fromkeys(all_settings):
        try:
            ruleset = rule_index(settings)  # not compiled: a fully cached run never needs them
        except RuleError as exc:
            raise UsageError(str(exc)) from exc
        try:
            ruleset.select(overrides.select, overrides.ignore, overrides.extend_select)
        except UnknownRuleError as exc:
            raise UsageError(f"command line: {exc}") from exc
        for key, selectors in selector_keys(settings):
            try:
                ruleset.select(ignore=selectors)
            except UnknownRuleError as exc:
                where = settings.config_path or "command line"
                prefix = "tool.govlint." if where.endswith("pyproject.toml") else ""
                raise UsageError(f"{where}: `{prefix}{key}`: {exc}") from exc
        for rule in selected_index(settings):
            rules.setdefault(rule.code, rule)
    return sorted(rules.values(), key=lambda r: r.code)


def _lint_stdin(target: Target, stdin_filename: str | None) -> FileResult:
    from govlint.discovery import display_path
    from govlint.lint import lint_bytes

    data = sys.stdin.buffer.read()
    shown = display_path(stdin_filename) if stdin_filename else "-"
    return lint_bytes(data, shown, target.settings, Path(stdin_filename) if stdin_filename else None)


def _run_targets(targets: list[Target], args: argparse.Namespace) -> Iterator[FileResult]:
    """Results in target order, from the batch runner (parallel, cached)."""
    from govlint.batch.cli_support import run_check

    return run_check(targets, args)


class _output_stream:
    def __init__(self, path: str | None) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return sys.stdout
        try:
            self.handle = open(self.path, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise UsageError(f"--output-file {self.path}: {exc.strerror or exc}") from exc
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def _emit(
    results: Iterable[FileResult],
    output_format: str,
    stream: IO[str],
    run_settings: Settings,
    rules: tuple[RuleInfo, ...],
    baseline: Baseline | None,
    args: argparse.Namespace,
) -> tuple[Summary, list[FileResult]]:
    """Write every result as it comes; return the summary and the results before the baseline
    filter (what --write-baseline records; kept only when asked for)."""
    from govlint.output import OutputContext, Summary, get_writer, use_color

    context = OutputContext(lang=run_settings.lang, color=use_color(stream), rules=rules)
    writer = None if args.statistics else get_writer(output_format, stream, context)
    summary = Summary()
    recorded: list[FileResult] = []
    for result in results:
        if args.write_baseline:
            recorded.append(result)
        if baseline is not None:
            result, hidden = baseline.filter(result)
            summary.baselined += hidden
        summary.add(result)
        if writer is not None:
            writer.file(result)
    if baseline is not None:
        stale = baseline.stale()
        summary.stale_baseline = sum(n for _, n in stale)
        if stale:
            print(
                f"govlint: {summary.stale_baseline} baseline entr{'y' if summary.stale_baseline == 1 else 'ies'}"
                f" in {args.baseline} no longer match; rewrite it with --write-baseline:",
                file=sys.stderr,
            )
            for (path, code, digest), count in stale:
                print(f"  {path}: {code} {digest} (x{count})", file=sys.stderr)
    if writer is not None:
        writer.finish(summary)
    else:
        from govlint.output.statistics import write_statistics

        write_statistics(stream, summary, output_format)
    return summary, recorded
