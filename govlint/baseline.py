"""Baselines: accept the findings a report already has, and see only new ones.

``govlint check --write-baseline govlint-baseline.json reports/`` records every current finding;
``govlint check --baseline govlint-baseline.json reports/`` hides those. Entries are keyed by rule
code, path and a hash of the finding's normalised matched text, not by line numbers, so editing
other parts of a report does not bring old findings back. Entries that no longer match anything in
the files checked are reported, so the baseline can be cleaned by writing it again.

The file (JSON, UTF-8, sorted, stable under re-writing)::

    {
      "schema_version": 1,
      "generated_by": "govlint 0.1.0",
      "findings": [
        {"path": "reports/a.txt", "code": "GL501", "fingerprint": "3f0c9a1b2d4e5f60",
         "count": 1, "message": "…"}
      ]
    }

``path`` is relative to the directory holding the baseline file, with ``/``. ``fingerprint`` is the
first 16 hex digits of SHA-256 over the matched text after NFKC normalisation with all whitespace
removed (the message is used when a rule gives no matched text). ``count`` is how many identical
findings are accepted. ``message`` is for the reader only and is ignored when matching.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govlint import __version__

if TYPE_CHECKING:
    from govlint.findings import Finding
    from govlint.lint import FileResult

SCHEMA_VERSION = 1

Key = tuple[str, str, str]  # (path relative to the baseline's directory, code, fingerprint)


class BaselineError(Exception):
    """The baseline file cannot be read or is not a govlint baseline (exit code 2)."""


def normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def fingerprint(finding: Finding) -> str:
    text = normalise(finding.matched) or normalise(finding.message("zh"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _relative(shown_path: str, base: Path) -> str:
    """A finding's path (relative to the working directory) as seen from ``base``."""
    absolute = Path(shown_path).resolve()
    try:
        return Path(os.path.relpath(absolute, base.resolve())).as_posix()
    except ValueError:
        return absolute.as_posix()


def _keys(result: FileResult, base: Path) -> tuple[str, list[Key]]:
    """The result's path as seen from ``base``, and the baseline key of each of its findings."""
    checked = _relative(result.path, base)
    # resolving a path asks the file system: once for the result's own path, which findings share
    keys = [
        (checked if f.path == result.path else _relative(f.path, base), f.code, fingerprint(f)) for f in result.findings
    ]
    return checked, keys


@dataclass
class Baseline:
    path: Path
    accepted: Counter[Key] = field(default_factory=Counter)
    used: Counter[Key] = field(default_factory=Counter)
    checked: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: not a govlint baseline (invalid JSON: {exc})") from exc
        if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
            raise BaselineError(f"{path}: not a govlint baseline (schema_version {SCHEMA_VERSION} expected)")
        entries = data.get("findings")
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: `findings` must be a list")
        accepted: Counter[Key] = Counter()
        for index, entry in enumerate(entries):
            try:
                key = (str(entry["path"]), str(entry["code"]), str(entry["fingerprint"]))
                count = int(entry.get("count", 1))
            except (TypeError, KeyError, ValueError) as exc:
                raise BaselineError(
                    f"{path}: findings[{index}] needs path, code, fingerprint and an integer count"
                ) from exc
            accepted[key] += count
        return cls(path=path, accepted=accepted)

    def filter(self, result: FileResult) -> tuple[FileResult, int]:
        """The result without the accepted findings, and how many were hidden."""
        checked, keys = _keys(result, self.path.parent)
        self.checked.add(checked)
        kept: list[Finding] = []
        hidden = 0
        for finding, key in zip(result.findings, keys, strict=True):
            if self.used[key] < self.accepted[key]:
                self.used[key] += 1
                hidden += 1
            else:
                kept.append(finding)
        if not hidden:
            return result, 0
        return replace(result, findings=kept), hidden

    def stale(self) -> list[tuple[Key, int]]:
        """Entries for files checked in this run that matched fewer findings than they accept."""
        return sorted(
            (key, count - self.used[key])
            for key, count in self.accepted.items()
            if key[0] in self.checked and self.used[key] < count
        )


def write_baseline(path: Path, results: Iterable[FileResult], lang: str = "zh") -> int:
    """Record every finding in ``results``; returns the number of findings recorded."""
    base = path.parent
    counts: Counter[Key] = Counter()
    messages: dict[Key, str] = {}
    for result in results:
        if not result.findings:
            continue
        _, keys = _keys(result, base)
        for finding, key in zip(result.findings, keys, strict=True):
            counts[key] += 1
            messages.setdefault(key, finding.message(lang))
    entries: list[dict[str, Any]] = [
        {"path": p, "code": c, "fingerprint": h, "count": counts[(p, c, h)], "message": messages[(p, c, h)]}
        for (p, c, h) in sorted(counts)
    ]
    document = {"schema_version": SCHEMA_VERSION, "generated_by": f"govlint {__version__}", "findings": entries}
    try:
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from exc
    return sum(counts.values())
