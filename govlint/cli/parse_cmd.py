"""``govlint parse FILE [--json]``: print what the parser reads from a report.

Exit codes: 0 parsed (the output may still carry diagnostics), 2 the file cannot be read or is not
text, or the command was called wrongly.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govlint.cli import EXIT_CLEAN, EXIT_USAGE

_FATAL = ("unreadable", "binary")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "parse",
        help="print the parsed report model (title, year, sections, contact, tables)",
        description="Read one report file and print what govlint understands of it: title, agency, "
        "year, format version, statistics period, sections, contact block, tables, diagnostics. "
        "'-' reads standard input.",
        epilog="exit codes: 0 parsed, 2 the file cannot be read or is not text, or usage error. "
        "The --json output is a stable interface documented in docs/parse.md.",
    )
    p.add_argument("file", metavar="FILE", help="the report file (.txt, .md); '-' for standard input")
    p.add_argument("--json", action="store_true", help="print the model as JSON (documented in docs/parse.md)")
    p.add_argument(
        "--lines",
        action="store_true",
        help="print every line with the kind the parser gave it (heading, table_row, paragraph, chrome, ...)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govlint.parsing import parse_bytes, parse_file
    from govlint.serialize import report_json, report_text

    stdin = args.file == "-"
    report = parse_bytes(sys.stdin.buffer.read(), path="<stdin>") if stdin else parse_file(args.file)
    fatal = [d for d in report.diagnostics if d.code in _FATAL]
    if fatal:
        print(f"govlint: error: {args.file}: {fatal[0].message}", file=sys.stderr)
        return EXIT_USAGE
    if args.lines:
        sys.stdout.write("".join(f"{line.number:>5}  {line.kind:<11} {line.text}\n" for line in report.lines))
        return EXIT_CLEAN
    sys.stdout.write(report_json(report) + "\n" if args.json else report_text(report))
    return EXIT_CLEAN
