"""Where the shipped data (grammars, rules, templates) lives.

In a wheel the directories are packaged as govlint/_data/<name>; in a checkout or an editable
install they are the top-level directories of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory of shipped data called ``name`` ("grammars", "rules", "templates")."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"govlint data directory {name!r} is missing from the installation")


def data_file(name: str, filename: str) -> Path:
    return data_dir(name) / filename
