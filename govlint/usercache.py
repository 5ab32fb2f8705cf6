"""Derived data kept between runs in the user's own cache directory (plain JSON, never pickle).

Some tables govlint needs are expensive to derive but small once derived (the landline area codes
read out of the ``phonenumbers`` package's 40 MB of geodata). They are computed once and stored as
JSON under ``$XDG_CACHE_HOME/govlint`` (else ``~/.cache/govlint``), keyed by a digest of what they
are derived from, so a changed source recomputes them. The directory must belong to the user and
not be writable by others; otherwise nothing is read or written there and the data is derived
afresh. A missing, unreadable or corrupt entry is simply recomputed: the cache never changes a
result, only how soon it is available.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any


@cache
def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/govlint`` or ``~/.cache/govlint``, created private; None when it is not
    safe to use (another owner, writable by others) or cannot be created."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = Path(base) / "govlint"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or not os.access(directory, os.W_OK):
        return None
    return directory


def cached_json(
    name: str, source_key: str, compute: Callable[[], Any], valid: Callable[[Any], bool] = lambda data: True
) -> Any:
    """``compute()``'s JSON-able result, reused from the cache while ``source_key`` is unchanged.

    ``name`` names the entry (one file, replaced when its source changes, so the cache does not
    grow); ``source_key`` describes everything the result is derived from (versions, file
    contents or sizes and times); ``valid`` vets a stored entry's shape. Whatever happens to the
    cache, the result is ``compute()``'s.
    """
    directory = user_cache_dir()
    path = directory / f"{name}.json" if directory is not None else None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                entry = json.load(fh)
            if isinstance(entry, dict) and entry.get("key") == source_key and valid(entry.get("data")):
                return entry["data"]
        except (OSError, ValueError):
            pass
    data = compute()
    if path is not None:
        _write_atomically(path, {"key": source_key, "data": data})
    return data


def _write_atomically(path: Path, entry: Any) -> None:
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def name_for(*parts: str) -> str:
    """A short file-name-safe digest of ``parts`` (an entry name for, e.g., a file path)."""
    return hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def file_key(*paths: str | Path) -> str:
    """A description of files by path, size and modification time (a cheap change detector)."""
    parts = []
    for path in paths:
        try:
            info = os.stat(path)
            parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:missing")
    return "|".join(parts)
