"""Configuration: ``[tool.govlint]`` in pyproject.toml, or a ``govlint.toml`` (keys at top level).

Each checked file uses the nearest configuration found by walking up from its directory
(``govlint.toml`` wins over ``pyproject.toml`` in the same directory; a pyproject.toml without a
``[tool.govlint]`` table is skipped). ``--config FILE`` names one file for every checked file and
``--isolated`` uses none. Paths in a configuration (exclude, include, per-file-ignores, rule-dirs)
are relative to the directory of the file that declares them.

A configuration error (unknown key, wrong type, bad value) raises ``ConfigError`` naming the file
and the key; the CLI turns it into exit code 2. Rule codes are checked later, once the rule set
(shipped rules plus ``rule-dirs``) is loaded (govlint.cli.check_cmd.enabled_rules).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILENAMES = ("govlint.toml", "pyproject.toml")
SEVERITY_LEVELS = ("info", "warning", "error")
AGENCY_TYPES = ("部门", "人民政府")
LANGS = ("zh", "en")

# Directories never worth descending into; ``exclude`` adds to these.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".govlint_cache",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
)
DEFAULT_INCLUDE = ("*.txt", "*.md")
DEFAULT_MAX_FILE_SIZE = 5_000_000  # bytes; a long report is ~200 KB
DEFAULT_FILE_TIME_LIMIT = 10.0  # seconds per file


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """The effective settings for one checked file (configuration file + command line)."""

    # Rule selection from the configuration file, then from the command line (applied after it,
    # as in ruff: ``--select`` starts afresh, ``--extend-select`` can bring back an ignored rule).
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    cli_select: tuple[str, ...] | None = None
    cli_ignore: tuple[str, ...] = ()
    cli_extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    rule_dirs: tuple[str, ...] = ()  # absolute paths
    severity: tuple[tuple[str, str], ...] = ()  # (code, level) overrides
    agency_type: str | None = None
    deadline_inclusive: bool = True
    lang: str = "zh"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    file_time_limit: float = DEFAULT_FILE_TIME_LIMIT
    fail_level: str = "info"
    # Where the settings came from; globs in them are relative to ``root``.
    config_path: str | None = None
    root: str = "."

    @property
    def severity_overrides(self) -> dict[str, str]:
        return dict(self.severity)

    def engine_options(self) -> dict[str, Any]:
        """The options the rule engine reads (see govlint.engine.lint)."""
        return {"agency_type": self.agency_type, "deadline_inclusive": self.deadline_inclusive}

    def cache_key(self) -> str:
        """A stable digest of everything that can change a file's findings (for result caches)."""
        relevant = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("exclude", "include", "fail_level", "config_path", "lang")
        }
        payload = json.dumps(relevant, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _str_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


_SIZE = re.compile(r"^\s*(\d+)\s*(B|KB|K|MB|M)?\s*$", re.IGNORECASE)
_UNIT = {"": 1, "B": 1, "K": 1000, "KB": 1000, "M": 1_000_000, "MB": 1_000_000}


def parse_size(value: Any) -> int | None:
    """An int of bytes, or a string such as ``"500KB"`` or ``"5MB"``; None when invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and (m := _SIZE.match(value)):
        return int(m.group(1)) * _UNIT[(m.group(2) or "").upper()]
    return None


@dataclass(frozen=True)
class ConfigFile:
    """One parsed configuration file: its validated values by Settings field name."""

    path: Path
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent


def _fail(path: Path, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}: `{key}`: {problem}")


class _Invalid(Exception):
    """What is wrong with a value; ``item`` names the entry of a table at fault (a glob, a code)."""

    def __init__(self, problem: str, item: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.item = item


def _strings(value: Any, base: Path) -> tuple[str, ...]:
    items = _str_list(value)
    if items is None:
        raise _Invalid("must be a list of strings")
    return items


def _selectors(value: Any, base: Path) -> tuple[str, ...]:
    return tuple(c.strip() for c in _strings(value, base))


def _directories(value: Any, base: Path) -> tuple[str, ...]:
    items = _str_list(value)
    if items is None:
        raise _Invalid("must be a list of directory paths")
    dirs = []
    for item in items:
        directory = (base / item).resolve()
        if not directory.is_dir():
            raise _Invalid(f"{item!r} is not a directory (looked for {directory})")
        dirs.append(str(directory))
    return tuple(dirs)


def _per_file_ignores(value: Any, base: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _Invalid('must be a table of glob = ["CODE", ...]')
    pairs = []
    for glob, codes in value.items():
        items = _str_list(codes)
        if items is None:
            raise _Invalid("must be a list of rule codes", glob)
        pairs.append((glob, tuple(c.strip() for c in items)))
    return tuple(pairs)


def _severities(value: Any, base: Path) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _Invalid('must be a table of CODE = "error" | "warning" | "info"')
    for code, level in value.items():
        if level not in SEVERITY_LEVELS:
            raise _Invalid(f"must be one of {', '.join(SEVERITY_LEVELS)}", code)
    return tuple(sorted((code.strip(), level) for code, level in value.items()))


def _one_of(choices: tuple[str, ...], separator: str = ", ") -> Callable[[Any, Path], str]:
    def check(value: Any, base: Path) -> str:
        if value not in choices:
            raise _Invalid(f"must be one of {separator.join(choices)}")
        return str(value)

    return check


def _boolean(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("must be true or false")
    return value


def _size(value: Any, base: Path) -> int:
    size = parse_size(value)
    if size is None:
        raise _Invalid('must be a positive number of bytes or a size such as "5MB"')
    return size


def _seconds(value: Any, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise _Invalid("must be a positive number of seconds")
    return float(value)


# Each key of a configuration, and how its value is checked (and converted) given the directory of
# the file. The Settings field is the key with "_" for "-".
_VALIDATORS: dict[str, Callable[[Any, Path], Any]] = {
    "select": _selectors,
    "ignore": _selectors,
    "extend-select": _selectors,
    "per-file-ignores": _per_file_ignores,
    "exclude": _strings,
    "include": _strings,
    "rule-dirs": _directories,
    "severity": _severities,
    "agency-type": _one_of(AGENCY_TYPES, " | "),
    "deadline-inclusive": _boolean,
    "lang": _one_of(LANGS),
    "max-file-size": _size,
    "file-time-limit": _seconds,
    "fail-level": _one_of(SEVERITY_LEVELS),
}
KNOWN_KEYS = tuple(_VALIDATORS)


def _validate(path: Path, table: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        check = _VALIDATORS.get(key)
        if check is None:
            raise _fail(path, name, f"unknown key (known keys: {', '.join(KNOWN_KEYS)})")
        try:
            values[key.replace("-", "_")] = check(value, path.parent)
        except _Invalid as exc:
            raise _fail(path, f"{name}.{exc.item}" if exc.item else name, exc.problem) from None
    return values


def read_config_file(path: Path) -> ConfigFile | None:
    """Parse ``path``; None for a pyproject.toml without ``[tool.govlint]``."""
    path = path.resolve()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "govlint" not in tool:
            return None
        table = tool["govlint"]
        prefix = "tool.govlint."
        if not isinstance(table, dict):
            raise _fail(path, "tool.govlint", "must be a table")
    else:
        table, prefix = data, ""
    return ConfigFile(path=path, values=_validate(path, table, prefix))


@cache
def _config_in_directory(directory: Path) -> ConfigFile | None:
    for name in CONFIG_FILENAMES:
        candidate = directory / name
        if candidate.is_file():
            found = read_config_file(candidate)
            if found is not None:
                return found
    return None


def find_config(start: Path) -> ConfigFile | None:
    """The nearest configuration at or above ``start`` (a file's directory), if any."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        found = _config_in_directory(candidate)
        if found is not None:
            return found
    return None


def clear_cache() -> None:
    _config_in_directory.cache_clear()


@dataclass(frozen=True)
class Overrides:
    """What the command line sets; None means "not given"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    lang: str | None = None
    fail_level: str | None = None


def settings_from(config: ConfigFile | None, overrides: Overrides = Overrides()) -> Settings:
    """Combine a configuration file (or none) with the command line."""
    settings = Settings()
    if config is not None:
        settings = replace(settings, config_path=str(config.path), root=str(config.root), **config.values)
    changes: dict[str, Any] = {
        "cli_select": overrides.select,
        "cli_ignore": overrides.ignore,
        "cli_extend_select": overrides.extend_select,
    }
    if overrides.lang is not None:
        changes["lang"] = overrides.lang
    if overrides.fail_level is not None:
        changes["fail_level"] = overrides.fail_level
    return replace(settings, **changes)


def selector_keys(settings: Settings) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every list of rule selectors in ``settings`` with the configuration key it comes from."""
    yield "select", settings.select
    yield "ignore", settings.ignore
    yield "extend-select", settings.extend_select
    yield "severity", tuple(code for code, _ in settings.severity)
    for glob, codes in settings.per_file_ignores:
        yield f"per-file-ignores.{glob}", codes
