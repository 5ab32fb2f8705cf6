"""The options ``govlint check`` and ``govlint audit`` share, and what is made of them."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from govlint.cli import EXIT_CLEAN, EXIT_FINDINGS
from govlint.config import LANGS, SEVERITY_LEVELS, Overrides


def _codes(value: str) -> list[str]:
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("expected a comma-separated list of rule codes or prefixes")
    return codes


def add_lang_argument(container: Any) -> None:
    container.add_argument("--lang", choices=LANGS, help="language of messages (default: zh, or `lang` in config)")


def add_rule_selection(parser: argparse.ArgumentParser) -> None:
    sel = parser.add_argument_group("rule selection")
    sel.add_argument(
        "--select",
        type=_codes,
        action="append",
        metavar="CODES",
        help="only these rule codes or prefixes (comma-separated), replacing the config's",
    )
    sel.add_argument(
        "--ignore",
        type=_codes,
        action="append",
        metavar="CODES",
        help="skip these rule codes or prefixes, in addition to the config's",
    )
    sel.add_argument(
        "--extend-select", type=_codes, action="append", metavar="CODES", help="also run these rule codes or prefixes"
    )


def add_exit_arguments(container: Any) -> None:
    container.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    container.add_argument(
        "--fail-level",
        choices=SEVERITY_LEVELS,
        help="lowest severity that makes the exit code 1 (default: info, i.e. any finding)",
    )


def add_configuration(parser: argparse.ArgumentParser) -> Any:
    """The "configuration" group (returned, for a command to add its own options to it)."""
    cfg = parser.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="use this govlint.toml / pyproject.toml for every file")
    cfg.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    return cfg


def overrides_from(args: argparse.Namespace) -> Overrides:
    return Overrides(
        select=_flatten(args.select) or None,
        ignore=_flatten(args.ignore),
        extend_select=_flatten(args.extend_select),
        lang=args.lang,
        fail_level=args.fail_level,
    )


def _flatten(groups: list[list[str]] | None) -> tuple[str, ...]:
    return tuple(code for group in groups or () for code in group)


def exit_status(by_severity: Mapping[str, int], fail_level: str, exit_zero: bool) -> int:
    """1 when some finding is at or above ``fail_level`` (and --exit-zero was not given), else 0."""
    if exit_zero:
        return EXIT_CLEAN
    threshold = SEVERITY_LEVELS.index(fail_level)
    failing = sum(n for sev, n in by_severity.items() if SEVERITY_LEVELS.index(sev) >= threshold)
    return EXIT_FINDINGS if failing else EXIT_CLEAN
