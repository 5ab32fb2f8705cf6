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
from functools import cache, lru_cache
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
    if _matches_names(pattern):
        return regex.match(_name(relative_path)) is not None
    return regex.match(relative_path) is not None


@cache
def _matches_names(pattern: str) -> bool:
    """A pattern without ``/`` matches a file or directory name at any depth."""
    return "/" not in pattern.strip().strip("/")


def _name(relative_path: str) -> str:
    """``PurePosixPath(relative_path).name`` without building the path (asked per file and pattern)."""
    for part in reversed(relative_path.split("/")):
        if part and part != ".":
            return part
    return ""


def relative_to_root(path: Path, root: str) -> str | None:
    """``path`` relative to ``root`` with ``/``, or None when it lies outside it."""
    return _relative(os.path.realpath(path), os.path.realpath(root))


def _relative(real: str, real_root: str) -> str | None:
    """``Path(real).relative_to(real_root).as_posix()`` for two resolved paths, or None, without
    building paths where a string comparison tells (the file walk asks it for every file)."""
    if os.sep != "/" or real.startswith("//") or real_root.startswith("//"):
        try:
            return Path(real).relative_to(real_root).as_posix()
        except ValueError:
            return None
    if real == real_root:
        return "."
    prefix = real_root if real_root.endswith("/") else real_root + "/"
    return real[len(prefix) :] if real.startswith(prefix) else None


def display_path(path: Path | str, cwd: Path | None = None) -> str:
    """The path as output shows it: relative to the working directory, with ``/``."""
    return shown_path(os.path.realpath(path), os.path.realpath(cwd if cwd is not None else os.getcwd()))


def _matches_any(rel: str | None, name: str, patterns: Iterable[str]) -> bool:
    """Whether a pattern matches the path relative to the root (``rel``), or its ``name`` when it
    lies outside the root."""
    return any(glob_match(p, name if rel is None else rel) for p in patterns)


def is_excluded(path: Path, settings: Settings, ancestors: bool = True) -> bool:
    """``path`` or one of its directories below the configuration root matches an exclude glob
    (``ancestors=False``: the directories are known not to, as in a walk that skipped excluded ones)."""
    return _excluded(relative_to_root(path, settings.root), path.name, settings, ancestors)


def _excluded(rel: str | None, name: str, settings: Settings, ancestors: bool) -> bool:
    patterns = DEFAULT_EXCLUDE + settings.exclude
    if rel is None:
        return _matches_any(None, name, patterns)
    parts = PurePosixPath(rel).parts
    for depth in range(1 if ancestors else len(parts), len(parts) + 1):
        sub = "/".join(parts[:depth])
        if any(glob_match(p, sub) for p in patterns):
            return True
    return False


def is_included(path: Path, settings: Settings) -> bool:
    return _matches_any(relative_to_root(path, settings.root), path.name, settings.include)


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
    found: dict[str, Target] = {}  # by resolved path
    problems: list[str] = []
    for given in paths:
        if given.is_dir():
            for real, file in _walk(given, os.path.realpath(given), settings_for):
                found.setdefault(real, file)
        elif given.exists():
            settings = settings_for(given.resolve().parent)
            if not is_excluded(given, settings):
                found.setdefault(os.path.realpath(given), Target(given, settings))
        else:
            problems.append(f"{given}: no such file or directory")
    cwd = os.path.realpath(os.getcwd())
    shown = {real: shown_path(real, cwd) for real in found}  # display_path, from the resolved paths
    targets = [found[real] for real in sorted(found, key=shown.__getitem__)]
    return targets, problems


def shown_path(real: str, real_cwd: str) -> str:
    """``display_path`` of an already resolved path, given the resolved working directory."""
    inside = _relative(real, real_cwd)  # the common case, without relpath's normalising of both paths
    if inside is not None:
        return inside
    directory, name = os.path.split(real)
    shown_directory = _relative_directory(directory, real_cwd)
    shown = real if shown_directory is None else os.path.join(shown_directory, name)
    return shown if os.sep == "/" else Path(shown).as_posix()


@lru_cache(maxsize=4096)
def _relative_directory(real_directory: str, real_cwd: str) -> str | None:
    """``relpath`` of a directory outside the working directory (once per directory, not per
    file); None on another drive (Windows)."""
    try:
        return os.path.relpath(real_directory, real_cwd)
    except ValueError:
        return None


def _walk(directory: Path, real_directory: str, settings_for: SettingsFor) -> Iterator[tuple[str, Target]]:
    """The files to check below ``directory`` with their resolved paths. A directory entry that is
    not a symbolic link resolves to ``real_directory/name``: only links are resolved."""
    settings = settings_for(Path(real_directory))
    real_root = os.path.realpath(settings.root)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        real = os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real_directory, entry.name)
        rel = _relative(real, real_root)
        if entry.is_dir(follow_symlinks=False):
            if not _excluded(rel, entry.name, settings, ancestors=False):
                yield from _walk(Path(entry.path), real, settings_for)
        elif (
            entry.is_file()
            and _matches_any(rel, entry.name, settings.include)
            and not _excluded(rel, entry.name, settings, ancestors=False)
        ):
            yield real, Target(Path(entry.path), settings)
