"""Which files ``govlint check`` looks at, and the glob language of exclude / include /
per-file-ignores.

Globs use ``/`` whatever the platform: ``*`` matches within one path segment, ``**`` any number of
segments, ``?`` one character, ``[...]`` a character class. A pattern without ``/`` matches a file
or directory name at any depth (``drafts``, ``*.bak.txt``); a pattern with ``/`` is matched against
the path relative to the directory of the configuration that declares it (``reports/2019/*.txt``).
An excluded directory excludes everything below it.

Directories are walked in sorted order, so the file list (and the output) is deterministic.
Files named explicitly on the command line are checked whatever their extension, but ``exclude``
still applies to them (pre-commit passes every staged file).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from govlint.config import DEFAULT_EXCLUDE, Settings


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip().replace("\\", "/").removeprefix("./").lstrip("/").rstrip("/")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
                continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, relative_path: str) -> bool:
    """Whether ``relative_path`` (``/``-separated, relative to the pattern's root) matches."""
    regex = _compile(pattern)
    if "/" not in pattern.strip().strip("/"):
        return regex.match(PurePosixPath(relative_path).name) is not None
    return regex.match(relative_path) is not None


def relative_to_root(path: Path, root: str) -> str | None:
    """``path`` relative to ``root`` with ``/``, or None when it lies outside it."""
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return None


def display_path(path: Path | str, cwd: Path | None = None) -> str:
    """The path as output shows it: relative to the working directory, with ``/``."""
    path = Path(path)
    base = cwd or Path.cwd()
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def _matches_any(path: Path, patterns: Iterable[str], root: str) -> bool:
    rel = relative_to_root(path, root)
    if rel is None:
        rel = path.name
    return any(glob_match(p, rel) for p in patterns)


def is_excluded(path: Path, settings: Settings, ancestors: bool = True) -> bool:
    """``path`` or one of its directories below the configuration root matches an exclude glob
    (``ancestors=False``: the directories are known not to, as in a walk that skipped excluded ones)."""
    patterns = DEFAULT_EXCLUDE + settings.exclude
    rel = relative_to_root(path, settings.root)
    if rel is None:
        return _matches_any(path, patterns, settings.root)
    parts = PurePosixPath(rel).parts
    for depth in range(1 if ancestors else len(parts), len(parts) + 1):
        sub = "/".join(parts[:depth])
        if any(glob_match(p, sub) for p in patterns):
            return True
    return False


def is_included(path: Path, settings: Settings) -> bool:
    return _matches_any(path, settings.include, settings.root)


@dataclass(frozen=True)
class Target:
    """A file to check and the settings that apply to it."""

    path: Path
    settings: Settings


SettingsFor = Callable[[Path], Settings]


def discover(paths: Iterable[Path], settings_for: SettingsFor) -> tuple[list[Target], list[str]]:
    """Expand files and directories into the files to check, sorted by path and without duplicates.

    Returns the targets and the problems met (a path that does not exist), which the caller reports.
    """
    found: dict[Path, Target] = {}
    problems: list[str] = []
    for given in paths:
        if given.is_dir():
            for file in _walk(given, settings_for):
                found.setdefault(file.path.resolve(), file)
        elif given.exists():
            settings = settings_for(given.resolve().parent)
            if not is_excluded(given, settings):
                found.setdefault(given.resolve(), Target(given, settings))
        else:
            problems.append(f"{given}: no such file or directory")
    targets = sorted(found.values(), key=lambda t: display_path(t.path))
    return targets, problems


def _walk(directory: Path, settings_for: SettingsFor) -> Iterator[Target]:
    settings = settings_for(directory.resolve())
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if not is_excluded(path, settings, ancestors=False):
                yield from _walk(path, settings_for)
        elif entry.is_file() and is_included(path, settings) and not is_excluded(path, settings, ancestors=False):
            yield Target(path, settings)
