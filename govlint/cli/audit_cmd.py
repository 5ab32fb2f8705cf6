"""``govlint audit DIR ... --report audit.html``: check every report and write an audit.

For supervising offices: all reports under the given directories are checked in parallel (cached
between runs), the checks that compare reports (GL8xx) run over the whole set, a summary prints to
the terminal and each ``--report`` file is written in the format its extension names (.html, .csv,
.json). Exit codes as for ``check``: 0 no finding at or above --fail-level, 1 findings, 2 usage,
configuration or rule-file error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govlint.cli import UsageError, options


def register(subparsers: Any) -> None:
    from govlint.batch.cli_support import add_check_arguments

    p = subparsers.add_parser(
        "audit",
        help="check every report under directories and write an audit (HTML, CSV, JSON)",
        description="Check all reports under the given directories (in parallel, cached) and write "
        "an audit: --report audit.html (one self-contained page), audit.csv (one row per finding) "
        "or audit.json (summary and findings). A summary always prints to the terminal.",
        epilog="example: govlint audit reports/2023 reports/2024 --report audit.html --report audit.csv",
    )
    p.add_argument("paths", nargs="+", metavar="DIR", help="directories (or files) of reports")
    p.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FILE",
        help="write the audit to FILE; the extension picks the format (.html, .csv, .json); repeatable",
    )
    options.add_lang_argument(p)
    p.add_argument("--top", type=int, default=10, metavar="N", help="rules and reports listed in the summary")
    options.add_exit_arguments(p)
    options.add_rule_selection(p)
    options.add_configuration(p)
    add_check_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govlint.batch.audit import Audit
    from govlint.batch.cli_support import group_by_path, start
    from govlint.batch.writers import print_summary, write_report, writer_for
    from govlint.cli.check_cmd import ConfigResolver, enabled_rules
    from govlint.discovery import discover

    for report in args.report:
        try:
            writer_for(report)
        except ValueError as exc:
            raise UsageError(f"--report {exc}") from None
    overrides = options.overrides_from(args)
    resolve = ConfigResolver(args, overrides)
    run_settings = resolve(Path.cwd())
    targets, problems = discover([Path(p) for p in args.paths], resolve)
    if problems:
        raise UsageError("; ".join(problems))
    if not targets:
        raise UsageError("no report files (.txt, .md) found under " + ", ".join(args.paths))
    rules = enabled_rules([t.settings for t in targets], overrides)

    with Audit(lang=run_settings.lang, rules=rules) as audit:
        batch = start(targets, args, ordered=False)  # the writers sort; take files as they finish
        from govlint.batch.runner import WorkerLost

        try:
            for outcome in batch:
                audit.add(outcome)
        except WorkerLost as exc:
            raise UsageError(str(exc)) from None
        for path, findings in group_by_path(batch.corpus_findings):
            audit.add_findings(path, findings)
        audit.stats = batch.stats
        for report in args.report:
            try:
                write_report(audit, report)
            except OSError as exc:
                raise UsageError(f"--report {report}: {exc.strerror or exc}") from None
        print_summary(audit, sys.stdout, top=max(0, args.top))
        for report in args.report:
            print(("审计报告已写入 " if audit.lang == "zh" else "audit written to ") + report)
        return options.exit_status(audit.by_severity, run_settings.fail_level, args.exit_zero)
