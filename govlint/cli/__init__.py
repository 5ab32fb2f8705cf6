"""The ``govlint`` command. Each sub-command lives in its own module and registers itself.

Exit codes (documented in the README): 0 clean, 1 findings, 2 usage, configuration or rule-file
error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from govlint import __version__

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Each module defines ``register(subparsers)``, which adds its sub-command(s) and sets ``func``
# (a callable taking the parsed arguments and returning an exit code).
_COMMAND_MODULES = (
    "govlint.cli.check_cmd",
    "govlint.cli.parse_cmd",
    "govlint.cli.rules_cmd",
    "govlint.cli.audit_cmd",
)
# The module that registers each sub-command, so that running one imports only its own module (and
# so its own dependencies: the rule engine, the batch runner, the output formats). A command not
# listed here (or help, or a typo) makes the dispatcher import them all, as before.
_MODULE_OF_COMMAND = {
    "check": "govlint.cli.check_cmd",
    "parse": "govlint.cli.parse_cmd",
    "rules": "govlint.cli.rules_cmd",
    "explain": "govlint.cli.rules_cmd",
    "audit": "govlint.cli.audit_cmd",
}


class UsageError(Exception):
    """A problem with how govlint was called or configured; reported on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"govlint: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only the sub-command module that registers it is
    imported (when that module does register it), otherwise every sub-command module."""
    module_name = _MODULE_OF_COMMAND.get(command or "")
    if module_name is not None:
        parser = _build_parser((module_name,))
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if command in subparsers.choices:
            return parser
    return _build_parser(_COMMAND_MODULES)


def _build_parser(modules: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govlint",
        description="Lint 政府信息公开工作年度报告 (government information-disclosure annual reports).",
    )
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # `govlint --version` needs no sub-command at all
    parser = _build_parser(()) if arguments == ["--version"] else build_parser(_command_word(arguments))
    args = parser.parse_args(arguments)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"govlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130


def _command_word(arguments: Sequence[str]) -> str | None:
    """The sub-command named on the command line: the first word that is not an option (the main
    parser's only options, --help and --version, take no value)."""
    for word in arguments:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None
