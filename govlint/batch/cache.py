"""The result cache: a file's findings and summary, reused while nothing that produced them changed.

An entry's key digests everything a file's result depends on:

- the file's bytes and its path (per-file-ignores and reported paths depend on the path);
- the effective settings for the file (``Settings.cache_key()``);
- the rule set: the contents of every rule file, shipped and user (``rule_dirs``);
- govlint itself: its version, the size and modification time of its own source files (so that
  a developer's edit to a check invalidates results as surely as a release does) and the contents
  of its grammars and format templates.

The directory (``.govlint_cache/`` in the working directory, or ``$GOVLINT_CACHE_DIR``) is safe to
delete at any time. Entries are JSON (never pickle: a cache directory must not be a way to run
code), one line each, appended to pack files (see ``ResultCache``); an entry that cannot be read
or decoded (a crash mid-write, a full disk) is ignored and recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from govlint import __version__
from govlint.batch.summary import ReportSummary, span_tuple, to_span
from govlint.findings import Finding
from govlint.resources import data_dir

FORMAT_VERSION = 4  # 2: 128-bin sketches; 3: 表二+表三+表四 digest; 4: pack files, packed table digests
DEFAULT_DIRNAME = ".govlint_cache"
ENV_VAR = "GOVLINT_CACHE_DIR"
# Pack files per environment: few enough that a fresh cache creates them quickly (creating a file
# took up to 1 ms on the busy development disk), many enough that looking up one file's entry
# (an editor, pre-commit) indexes a small part of a large cache.
PACKS = 64
CORPUS_FILE = "corpus.json"  # the last run's corpus findings, per environment
STALE_DAYS = 30  # entries of an environment no run has used for this long are removed
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by govlint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def default_dir() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIRNAME)


@cache
def code_fingerprint() -> str:
    """govlint itself: version, sources (size and modification time) and the data the parser
    reads (grammars, format templates; by content). Computed once per process, like the parser
    and templates it stands for, which are loaded once per process too."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    for source in sorted(package.rglob("*.py")):
        try:
            st = source.stat()
        except OSError:
            continue
        h.update(f"{source.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    for name in ("grammars", "templates"):
        try:
            directory = data_dir(name)
        except FileNotFoundError:
            continue
        for data_file in sorted(p for p in directory.rglob("*") if p.is_file()):
            h.update(f"{name}/{data_file.relative_to(directory)}\n".encode())
            h.update(data_file.read_bytes())
    return h.hexdigest()


def rules_fingerprint(rule_dirs: tuple[str, ...] = ()) -> str:
    """A digest of the contents of every rule file: the shipped ones and those in ``rule_dirs``."""
    h = hashlib.blake2b(digest_size=16)
    dirs = [data_dir("rules"), *(Path(d) for d in rule_dirs)]
    for directory in dirs:
        h.update(f"dir:{directory}\n".encode())
        for rule_file in sorted(directory.glob("*.y*ml")) if directory.is_dir() else ():
            h.update(f"{rule_file.name}\n".encode())
            try:
                h.update(rule_file.read_bytes())
            except OSError:
                h.update(b"<unreadable>")
    return h.hexdigest()


def settings_fingerprint(settings: Any) -> str:
    if settings is None:
        return "none"
    if hasattr(settings, "cache_key"):
        return str(settings.cache_key())
    return hashlib.blake2b(repr(settings).encode(), digest_size=16).hexdigest()


def environment_key(settings: Any) -> str:
    """Everything but the file itself: settings, rule set and govlint."""
    rule_dirs = tuple(getattr(settings, "rule_dirs", ()) or ())
    parts = (str(FORMAT_VERSION), code_fingerprint(), rules_fingerprint(rule_dirs), settings_fingerprint(settings))
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def entry_key(environment: str, path: str, content: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(environment.encode())
    h.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0")
    h.update(content)
    return h.hexdigest()


def corpus_key(environment: str, entry_keys: list[str]) -> str:
    """What the corpus checks' findings depend on: every report's entry (its path, bytes and
    environment) and the environment of the run's first file, whose rules and options they use."""
    h = hashlib.blake2b(environment.encode(), digest_size=20)
    for key in sorted(entry_keys):
        h.update(b"\n" + key.encode("ascii"))
    return h.hexdigest()


# --- findings as JSON --------------------------------------------------------------------------


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "span": span_tuple(finding.span),
        "messages": dict(finding.messages),
        "matched": finding.matched,
    }


def finding_from_dict(d: dict[str, Any], path: str) -> Finding:
    return Finding(
        path=path,
        code=d["code"],
        name=d["name"],
        severity=d["severity"],
        span=to_span(tuple(d["span"]) if d.get("span") else None),
        messages=dict(d.get("messages", {})),
        matched=d.get("matched", ""),
    )


# --- the store ---------------------------------------------------------------------------------


@dataclass
class CacheEntry:
    """A file's findings, its summary and the source lines its findings point at."""

    findings: list[Finding]
    summary: ReportSummary | None
    source_lines: dict[int, str] = field(default_factory=dict)


class ResultCache:
    """Entries are appended to one of ``PACKS`` pack files chosen by the key, in a directory per
    environment (``v4/<environment>/2a.pack``), one line each: ``<key> <JSON>``.
    Appending to a file costs a hundredth of a millisecond where creating a file per entry cost
    0.1 to 1.4 ms on a busy disk; each line is
    one ``write`` to a file opened with ``O_APPEND``, which the kernel never interleaves with another
    process's, so workers and concurrent runs share the packs without locks. A reader indexes a
    pack (key → where its line is) the first time it needs an entry from it and reads the line
    only when asked for it; a line that is cut short or garbled (a crash, a full disk) is skipped and
    its entry recomputed. The newest line for a key wins."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        self._prepared: set[Path] = set()  # environment directories made (or found) by this process
        self._index: dict[Path, dict[str, tuple[int, int]]] = {}  # pack → key → (start, end)
        self._spaces: dict[str, Path] = {}

    def _space(self, environment: str) -> Path:
        """Entries of one environment (``environment_key``: govlint, rule set, configuration)
        share a directory, so that a lookup never reads what another version of govlint or another
        configuration wrote; such a directory that no run has used for ``STALE_DAYS`` days is
        removed when a new one is made."""
        space = self._spaces.get(environment)
        if space is None:
            name = hashlib.blake2b(environment.encode(), digest_size=8).hexdigest()
            space = self._spaces[environment] = self.directory / f"v{FORMAT_VERSION}" / name
        return space

    def _pack(self, key: str, environment: str) -> Path:
        return self._space(environment) / f"{int(key[:2], 16) % PACKS:02x}.pack"

    def _load_index(self, pack: Path) -> dict[str, tuple[int, int]]:
        index: dict[str, tuple[int, int]] = {}
        try:
            data = pack.read_bytes()
        except OSError:
            data = b""
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            space = data.find(b" ", start, min(end, start + 130))
            if space > start:
                index[data[start:space].decode("ascii", "replace")] = (start, end)
            start = end + 1
        self._index[pack] = index
        if pack.parent not in self._prepared and data:
            self._mark_used(pack.parent)
        return index

    def get(self, key: str, path: str, environment: str = "") -> CacheEntry | None:
        """The entry stored under ``key`` with ``path`` filled in, or None (missing or corrupt)."""
        pack = self._pack(key, environment)
        index = self._index.get(pack)
        if index is None:
            index = self._load_index(pack)
        where = index.get(key)
        if where is None:
            return None
        start, end = where
        prefix = key.encode("ascii") + b" "
        try:
            with open(pack, "rb") as handle:
                handle.seek(start)
                line = handle.read(end - start)
            if not line.startswith(prefix):  # the pack changed under us (deleted, rewritten)
                return None
            data = json.loads(line[len(prefix) :])
            findings = [finding_from_dict(f, path) for f in data["findings"]]
            summary = ReportSummary.from_dict({**data["summary"], "path": path}) if data.get("summary") else None
            lines = {int(n): str(text) for n, text in data.get("lines", {}).items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        return CacheEntry(findings, summary, lines)

    def put(self, key: str, entry_value: CacheEntry, environment: str = "") -> None:
        entry = {
            "findings": [finding_to_dict(f) for f in entry_value.findings],
            "summary": entry_value.summary.to_dict() if entry_value.summary is not None else None,
            "lines": {str(n): text for n, text in entry_value.source_lines.items()},
        }
        # JSON escapes line breaks inside strings, so the record is one line; it also starts with a
        # line end, which closes a line a crash may have left unfinished before it.
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        record = b"\n%s %s\n" % (key.encode("ascii"), text.encode())
        for _attempt in range(2):
            try:
                self._append(self._pack(key, environment), key, record)
                return
            except FileNotFoundError:  # the directory was deleted while we ran: make it again
                self._prepared.clear()
                self._index.clear()
            except OSError:
                return  # a cache that cannot be written only costs speed

    def get_corpus(self, key: str, environment: str = "") -> list[Finding] | None:
        """The corpus findings stored under ``key`` (``corpus_key``), or None."""
        try:
            data = json.loads((self._space(environment) / CORPUS_FILE).read_bytes())
            if data.get("key") != key:
                return None
            return [finding_from_dict(f, f["path"]) for f in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def put_corpus(self, key: str, findings: list[Finding], environment: str = "") -> None:
        """Keep one run's corpus findings, replacing the last ones kept for ``environment``: a
        re-run over the same files then skips the comparisons."""
        entry = {"key": key, "findings": [{**finding_to_dict(f), "path": f.path} for f in findings]}
        space = self._space(environment)
        temporary = space / f"{CORPUS_FILE}.{os.getpid()}.tmp"
        try:
            self._prepare(space)
            temporary.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(temporary, space / CORPUS_FILE)  # readers see the old file or the new one, whole
        except OSError:
            temporary.unlink(missing_ok=True)

    def _append(self, target: Path, key: str, record: bytes) -> None:
        self._prepare(target.parent)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)  # Windows: no \r added
        fd = os.open(target, flags, 0o644)
        try:
            written = os.write(fd, record)
            if written < len(record):  # a full disk: the next record's line end closes this one
                return
            end = os.lseek(fd, 0, os.SEEK_CUR)  # after an append: the end of this record
        finally:
            os.close(fd)
        index = self._index.get(target)
        if index is not None:
            index[key] = (end - len(record) + 1, end - 1)

    def _prepare(self, space: Path) -> None:
        if space in self._prepared:
            return
        fresh = not space.is_dir()
        space.mkdir(parents=True, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(CACHEDIR_TAG, encoding="ascii")
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by govlint: the whole directory is a cache\n*\n", encoding="ascii")
        if fresh:  # a new environment (govlint, rules or configuration changed): drop forgotten ones
            self._remove_stale(space)
        self._mark_used(space)

    def _mark_used(self, space: Path) -> None:
        try:
            os.utime(space)
        except OSError:
            return
        self._prepared.add(space)

    @staticmethod
    def _remove_stale(current: Path) -> None:
        cutoff = time.time() - STALE_DAYS * 86400
        for space in current.parent.iterdir():
            try:
                if space != current and space.is_dir() and space.stat().st_mtime < cutoff:
                    shutil.rmtree(space, ignore_errors=True)
            except OSError:
                continue
