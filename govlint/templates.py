"""The official report formats as data: loading ``templates/v<version>.yaml`` and matching labels.

Three things live here, used by the table extractor, the parser and the rules:

* :func:`load_template` reads and validates one format version (``"2008"``, ``"2019"``,
  ``"2021"``) and returns a :class:`Template` (cached; a malformed file raises
  :class:`TemplateError` naming the file and the field).
* :func:`normalize_label` puts a label into the form labels are compared in: NFKC (full-width and
  half-width forms), no whitespace or line breaks, one quote style, one item-dot style (``1.``),
  ``、`` for the clause separator of the V2021 （六） labels.
* :class:`LabelMatcher` finds which template label a (possibly damaged) text is: exact match of
  the normalised label first, then a bigram-Dice similarity with a threshold, preferring the rows
  expected next and labels whose item number agrees. ``4.护第三方合法权益`` matches
  ``4.保护第三方合法权益``.

Example::

    >>> t = load_template("2021")
    >>> t.table("t3").row("三.三.4").label
    '4.保护第三方合法权益'
    >>> normalize_label("（二） 部分公开 (区分处理的, 只计这一情形，不计其他情形)")
    '(二)部分公开(区分处理的、只计这一情形、不计其他情形)'
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from govlint.resources import data_file
from govlint.usercache import cached_json

VERSIONS = ("2008", "2019", "2021")
VALUE_TYPES = ("int", "signed_int", "amount", "text")
TABLE_KINDS = ("t2", "t3", "t4", "stat")


class TemplateError(ValueError):
    """A template file is missing or malformed; the message names the file and the field."""


# --------------------------------------------------------------------------------------------
# Normalisation

_QUOTES = str.maketrans({c: '"' for c in "“”„‟\"「」『』〝〞＂'‘’″"})
_DROP = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_ITEM_DOT = re.compile(r"^(\d{1,2})[.、,](?=\D|$)")
_CLAUSE_COMMA = re.compile(r"[,，]")
_LEADING_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}\.(?!\d)|\(\d{1,2}\)|其中:)"
)
_NUMBER_OF = re.compile(
    r"^(?:([一二三四五六七八九十]{1,3})[、.]|\(([一二三四五六七八九十]{1,3})\)|(\d{1,2})\.(?!\d)|\((\d{1,2})\))"
)


_ITEM_NUMBER = re.compile(r"(?<![\d.])(\d{1,2})\.(?!\d)")
_ANY_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,2})\.(?!\d)|\(([一二三四五六七八九十]{1,3})\)|^([一二三四五六七八九十]{1,3})、"
)


LABEL_CACHE_LENGTH = 160  # labels are short; long text (paragraphs) is normalised without caching
LABEL_CACHE_SIZE = 4096  # entries a label matcher's cache holds before it starts again


def normalize_label(s: str) -> str:
    """The comparison form of a label.

    NFKC (so ``（`` → ``(``, ``：`` → ``:``, ``１`` → ``1``), whitespace and line breaks removed,
    every quote style turned into ``"``, a leading item number written ``1.`` (from ``1．`` or
    ``1、``), and ``,``/``，`` turned into ``、`` (the V2021 （六） labels use either).
    """
    return _normalize_cached(s) if len(s) <= LABEL_CACHE_LENGTH else _normalize(s)


@lru_cache(maxsize=8192)
def _normalize_cached(s: str) -> str:
    return _normalize(s)


def _normalize(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = _DROP.sub("", s).translate(_QUOTES)
    s = _ITEM_DOT.sub(r"\1.", s)
    return _CLAUSE_COMMA.sub("、", s)


def label_core(s: str) -> str:
    """A normalised label without its item numbering (``一、`` ``(三)`` ``1.`` ``其中:``) and quotes.

    Numbering can be repeated or damaged in real tables (``三、(一)予以公开``), so every leading
    numbering is removed. ``s`` may be raw or normalised.
    """
    return _core_cached(s) if len(s) <= LABEL_CACHE_LENGTH else _core(s)


@lru_cache(maxsize=8192)
def _core_cached(s: str) -> str:
    return _core(s)


def _core(s: str) -> str:
    s = normalize_label(s)
    while True:
        m = _LEADING_NUMBERING.match(s)
        if not m or m.end() == len(s):
            break
        s = s[m.end() :]
    return s.replace('"', "")


def label_number(s: str) -> str | None:
    """The item number a label starts with, as written without punctuation (``三``, ``1``), or None."""
    m = _NUMBER_OF.match(normalize_label(s[:LABEL_CACHE_LENGTH]))
    if not m:
        return None
    return next(g for g in m.groups() if g)


def bigrams(s: str) -> frozenset[str]:
    if len(s) < 2:
        return frozenset((s,)) if s else frozenset()
    return frozenset(s[i : i + 2] for i in range(len(s) - 1))


def similarity(a: str, b: str) -> float:
    """Bigram Dice coefficient of two strings (0..1); 1.0 for equal strings."""
    if a == b:
        return 1.0
    ba, bb = bigrams(a), bigrams(b)
    if not ba or not bb:
        return 0.0
    return 2 * len(ba & bb) / (len(ba) + len(bb))


# --------------------------------------------------------------------------------------------
# Template objects


@dataclass(frozen=True)
class LabelSpec:
    """A row, column, group or block of a template table.

    ``key`` is the stable address (``三.三.4``, ``自然人``, ``规章``); ``label`` the official text;
    ``aliases`` other accepted wordings; ``norm``/``core`` the precomputed comparison forms of the
    label and aliases (``core`` without numbering); ``number`` the item number of the label.
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    type: str = "int"
    group: str | None = None
    parent: str | None = None
    unit: str | None = None
    optional: bool = False
    norms: tuple[str, ...] = ()
    cores: tuple[str, ...] = ()
    number: str | None = None

    @property
    def norm(self) -> str:
        return self.norms[0]

    @property
    def core(self) -> str:
        return self.cores[0]


@dataclass(frozen=True)
class BlockSpec:
    """A 表二 block: its caption (``第二十条第（一）项``), columns and rows."""

    key: str
    caption: str
    columns: tuple[LabelSpec, ...]
    rows: tuple[LabelSpec, ...]


@dataclass(frozen=True)
class TableSpec:
    """One table of a template. For 表二 ``rows``/``columns`` are the union over ``blocks``."""

    kind: str
    section: int | None
    rows: tuple[LabelSpec, ...]
    columns: tuple[LabelSpec, ...]
    groups: tuple[LabelSpec, ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    header: str | None = None
    header_labels: tuple[str, ...] = ()
    corner_note: str | None = None
    known_extra_columns: tuple[str, ...] = ()
    value_type: str = "int"
    _rows_by_key: dict[str, LabelSpec] = field(default_factory=dict, compare=False, repr=False)
    _columns_by_key: dict[str, LabelSpec] = field(default_factory=dict, compare=False, repr=False)

    def row(self, key: str) -> LabelSpec:
        return self._rows_by_key[key]

    def column(self, key: str) -> LabelSpec:
        return self._columns_by_key[key]

    @property
    def row_keys(self) -> list[str]:
        return list(self.row_key_tuple)  # a fresh list: callers may change it

    @property
    def column_keys(self) -> list[str]:
        return list(self.column_key_tuple)

    @cached_property
    def row_key_set(self) -> frozenset[str]:
        return frozenset(self.row_key_tuple)

    @cached_property
    def row_key_tuple(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)

    @cached_property
    def column_key_tuple(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def block_of(self, row_key: str) -> BlockSpec | None:
        return next((b for b in self.blocks if any(r.key == row_key for r in b.rows)), None)


@dataclass(frozen=True)
class SectionSpec:
    """A top-level section: ``heading`` without its numeral, accepted ``variants``."""

    key: str
    heading: str
    ordinal: int | None
    number: str | None
    variants: tuple[str, ...]
    required: bool
    areas: tuple[LabelSpec, ...] = ()

    @property
    def canonical(self) -> str:
        """The heading as the format writes it (``一、总体情况``), or the bare heading without ordinal."""
        return f"{self.number}、{self.heading}" if self.number else self.heading

    def matches(self, title: str, threshold: float = 0.8) -> tuple[bool, bool]:
        """(matches, is_canonical) for a heading title (numbering allowed; normalised here)."""
        core = label_core(title)
        if core == label_core(self.heading):
            return True, True
        if any(core == label_core(v) for v in self.variants):
            return True, False
        best = max(similarity(core, label_core(c)) for c in (self.heading, *self.variants))
        return best >= threshold, False


@dataclass(frozen=True)
class Fingerprint:
    text: str
    kind: str  # "label" (a whole table label), "heading" (a section title), "text" (anywhere)
    weight: int
    norm: str


class Template(Mapping[str, Any]):
    """A loaded format template. Reads like the YAML mapping (``t["sections"]``), plus typed views:
    ``version``, ``sections``, ``fingerprints``, :meth:`table`."""

    def __init__(self, version: str, raw: dict[str, Any], path: Path) -> None:
        self.version = version
        self.path = path
        self._raw = raw
        self.years: tuple[int | None, int | None] = (raw["years"].get("min"), raw["years"].get("max"))
        self.sections: tuple[SectionSpec, ...] = tuple(_section(s) for s in raw["sections"])
        self.fingerprints: tuple[Fingerprint, ...] = tuple(
            Fingerprint(f["text"], f.get("kind", "text"), int(f.get("weight", 1)), normalize_label(f["text"]))
            for f in raw.get("fingerprints", [])
        )
        self.tables: dict[str, TableSpec] = {k: _table(k, v) for k, v in raw["tables"].items()}

    def table(self, kind: str) -> TableSpec | None:
        return self.tables.get(kind)

    def section(self, key: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.key == key), None)

    def __getitem__(self, key: str) -> Any:
        return self._raw[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"Template({self.version!r})"


def _spec(d: dict[str, Any], default_type: str = "int") -> LabelSpec:
    label = str(d["label"])
    aliases = tuple(str(a) for a in d.get("aliases", ()))
    texts = (label, *aliases)
    return LabelSpec(
        key=str(d.get("key", label)),
        label=label,
        aliases=aliases,
        type=str(d.get("type", default_type)),
        group=d.get("group"),
        parent=d.get("parent"),
        unit=d.get("unit"),
        optional=bool(d.get("optional", False)),
        norms=tuple(normalize_label(t) for t in texts),
        cores=tuple(label_core(t) for t in texts),
        number=label_number(label),
    )


def _section(d: dict[str, Any]) -> SectionSpec:
    return SectionSpec(
        key=str(d["key"]),
        heading=str(d["heading"]),
        ordinal=d.get("ordinal"),
        number=d.get("number"),
        variants=tuple(str(v) for v in d.get("variants", ())),
        required=bool(d.get("required", d.get("expected", False))),
        areas=tuple(_spec(a) for a in d.get("areas", ())),
    )


def _table(kind: str, d: dict[str, Any]) -> TableSpec:
    value_type = str(d.get("value_type", "int"))
    groups = tuple(_spec(g) for g in d.get("groups", ()))
    blocks: tuple[BlockSpec, ...] = ()
    if kind == "t2":
        blocks = tuple(
            BlockSpec(
                key=str(b["key"]),
                caption=str(b.get("caption", b["key"])),
                columns=tuple(_spec(c) for c in b["columns"]),
                rows=tuple(_spec(r) for r in b["rows"]),
            )
            for b in d["blocks"]
        )
        rows = tuple(r for b in blocks for r in b.rows)
        seen: dict[str, LabelSpec] = {}
        for b in blocks:
            for c in b.columns:
                seen.setdefault(c.key, c)
        columns = tuple(seen.values())
    else:
        rows = tuple(_spec(r, value_type) for r in d["rows"])
        columns = tuple(_spec(c, value_type) for c in d["columns"])
    return TableSpec(
        kind=kind,
        section=d.get("section"),
        rows=rows,
        columns=columns,
        groups=groups,
        blocks=blocks,
        header=d.get("header"),
        header_labels=tuple(d.get("header_labels", ())),
        corner_note=d.get("corner_note"),
        known_extra_columns=tuple(d.get("known_extra_columns", ())),
        value_type=value_type,
        _rows_by_key={r.key: r for r in rows},
        _columns_by_key={c.key: c for c in columns},
    )


# --------------------------------------------------------------------------------------------
# Loading and validation


def template_path(version: str) -> Path:
    return data_file("templates", f"v{version}.yaml")


@cache
def load_template(version: str) -> Template:
    """Load, validate and cache the template of a format version ("2008", "2019" or "2021")."""
    version = str(version)
    if version not in VERSIONS:
        raise TemplateError(f"unknown format version {version!r}: expected one of {', '.join(VERSIONS)}")
    path = template_path(version)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read template: {exc}") from exc
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    # Parsing the YAML is most of the cost of loading a template (15 ms for the three at every
    # start); its plain data is kept as JSON in the user cache, keyed by the file's contents.
    stored = cached_json(f"template-{version}", f"v1|{digest}", lambda: _yaml_as_json(text, path))
    raw = stored["raw"] if isinstance(stored, dict) and stored.get("raw") is not None else _parse_yaml(text, path)
    validate_template(raw, str(path), version)
    return Template(version, raw, path)


def _parse_yaml(text: str, path: Path) -> Any:
    import yaml  # only on a user-cache miss: a re-run does not import it

    try:
        # libyaml's safe loader when installed: same result as safe_load, ~10x faster at startup.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise TemplateError(f"{path}: invalid YAML: {exc}") from exc


def _yaml_as_json(text: str, path: Path) -> dict[str, Any]:
    """``{"raw": data}`` when the YAML's data survives JSON unchanged (else ``{"raw": None}``:
    dates or non-string keys, which are then read from the YAML each time)."""
    raw = _parse_yaml(text, path)
    try:
        same = json.loads(json.dumps(raw, ensure_ascii=False)) == raw
    except (TypeError, ValueError):
        same = False
    return {"raw": raw if same else None}


def load_templates() -> dict[str, Template]:
    return {v: load_template(v) for v in VERSIONS}


def validate_template(raw: Any, where: str, version: str | None = None) -> None:
    """Raise :class:`TemplateError` naming ``where`` and the field when ``raw`` is not a valid template."""

    def fail(field_path: str, problem: str) -> None:
        raise TemplateError(f"{where}: {field_path}: {problem}")

    def need(d: Any, key: str, path: str, kind: type | tuple[type, ...]) -> Any:
        if not isinstance(d, dict) or key not in d:
            fail(f"{path}.{key}" if path else key, "missing")
        value = d[key]
        if not isinstance(value, kind):
            fail(f"{path}.{key}" if path else key, f"expected {_kind_name(kind)}, got {type(value).__name__}")
        return value

    def labels(items: Any, path: str, *, keyed: bool = True) -> None:
        if not isinstance(items, list) or not items:
            fail(path, "expected a non-empty list")
        keys = set()
        for i, item in enumerate(items):
            p = f"{path}[{i}]"
            need(item, "label", p, str)
            if keyed:
                key = need(item, "key", p, str)
                if key in keys:
                    fail(f"{p}.key", f"duplicate key {key!r}")
                keys.add(key)
            aliases = item.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                fail(f"{p}.aliases", "expected a list of strings")
            vtype = item.get("type")
            if vtype is not None and vtype not in VALUE_TYPES:
                fail(f"{p}.type", f"unknown value type {vtype!r} (expected one of {', '.join(VALUE_TYPES)})")

    if not isinstance(raw, dict):
        fail("(top level)", "expected a mapping")
    got = str(need(raw, "version", "", (str, int)))
    if version is not None and got != version:
        fail("version", f"is {got!r} but the file is for version {version!r}")
    years = need(raw, "years", "", dict)
    for bound in ("min", "max"):
        if years.get(bound) is not None and not isinstance(years[bound], int):
            fail(f"years.{bound}", "expected an integer or null")
    sections = need(raw, "sections", "", list)
    for i, s in enumerate(sections):
        need(s, "key", f"sections[{i}]", str)
        need(s, "heading", f"sections[{i}]", str)
        if not isinstance(s.get("variants", []), list):
            fail(f"sections[{i}].variants", "expected a list of strings")
        if s.get("areas") is not None:
            labels(s["areas"], f"sections[{i}].areas")
    for i, f in enumerate(raw.get("fingerprints", []) or []):
        need(f, "text", f"fingerprints[{i}]", str)
        if f.get("kind", "text") not in ("label", "heading", "text"):
            fail(f"fingerprints[{i}].kind", "expected label, heading or text")
    tables = need(raw, "tables", "", dict)
    for kind, t in tables.items():
        p = f"tables.{kind}"
        if kind not in TABLE_KINDS:
            fail(p, f"unknown table kind (expected one of {', '.join(TABLE_KINDS)})")
        if not isinstance(t, dict):
            fail(p, "expected a mapping")
        if kind == "t2":
            blocks = need(t, "blocks", p, list)
            for i, b in enumerate(blocks):
                need(b, "key", f"{p}.blocks[{i}]", str)
                labels(b.get("columns"), f"{p}.blocks[{i}].columns")
                labels(b.get("rows"), f"{p}.blocks[{i}].rows")
        else:
            labels(t.get("rows"), f"{p}.rows")
            labels(t.get("columns"), f"{p}.columns")
            if "groups" in t:
                labels(t["groups"], f"{p}.groups")
            if t.get("value_type", "int") not in VALUE_TYPES:
                fail(f"{p}.value_type", f"unknown value type {t['value_type']!r}")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {"str": "a string", "int": "an integer", "list": "a list", "dict": "a mapping"}
    return " or ".join(names.get(k.__name__, k.__name__) for k in kinds)


# --------------------------------------------------------------------------------------------
# Tolerant matching


@dataclass(frozen=True)
class Match:
    key: str
    score: float  # 1.0 exact (after normalisation), lower for tolerant matches
    spec: LabelSpec


_UNSEEN: Any = object()  # not in a cache (None is a cached result)


class LabelMatcher:
    """Match texts against a fixed list of labels (rows, columns or groups of a table).

    ``match(text, expected=...)`` returns the best :class:`Match` or None:

    1. exact: the normalised text, or the text without its numbering, equals a label or alias;
       when several labels share that core (``其他``), the one whose item number agrees, then the
       first expected one, wins;
    2. containment: the text contains a label core of at least ``min_contained`` characters
       (PDF lines carry vertical header characters: ``办（三）不4.保护第三方合法权益``), or the
       text (at least ``min_fragment`` characters) is part of exactly one label (a label broken
       over lines: ``1、申请人无正当理由逾期不补``);
    3. similarity: bigram Dice of the cores, at least ``expected_threshold`` for labels in
       ``expected`` (the rows the caller expects next), else ``threshold``; a disagreeing item
       number costs ``number_penalty``; a runner-up within ``margin`` of a different label makes
       the match ambiguous (None).
    """

    def __init__(
        self,
        specs: Sequence[LabelSpec],
        *,
        threshold: float = 0.72,
        expected_threshold: float = 0.6,
        min_contained: int = 4,
        min_fragment: int = 5,
        margin: float = 0.04,
        number_penalty: float = 0.15,
    ) -> None:
        self.specs = tuple(specs)
        self.threshold = threshold
        self.expected_threshold = expected_threshold
        self.min_contained = min_contained
        self.min_fragment = min_fragment
        self.margin = margin
        self.number_penalty = number_penalty
        self._exact: dict[str, list[LabelSpec]] = {}
        for spec in self.specs:
            for s in (*spec.norms, *spec.cores):
                bucket = self._exact.setdefault(s, [])
                if spec not in bucket:
                    bucket.append(spec)
        self._grams = [(spec, [bigrams(core) for core in spec.cores]) for spec in self.specs]
        self._all_cores = "\x00".join(c for spec in self.specs for c in spec.cores)
        # text -> result when ``expected`` played no part, else (text, expected) -> result
        self._cache: dict[str | tuple[str, tuple[str, ...]], Match | None] = {}
        self._used_expected = False
        # Longest first, so 行政规范性文件 is found before 规范性文件.
        self._contained = sorted(
            ((core, spec) for spec in self.specs for core in set(spec.cores) if len(core) >= min_contained),
            key=lambda cs: -len(cs[0]),
        )

    def match(self, text: str, expected: Iterable[str] = ()) -> Match | None:
        """The label ``text`` is (see the class docstring), or None."""
        cache = self._cache
        found = cache.get(text, _UNSEEN)
        if found is not _UNSEEN:  # decided without looking at ``expected``
            return found
        expected = tuple(expected)
        key = (text, expected)
        found = cache.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return found
        self._used_expected = False
        result = self._match(text, expected)
        if len(text) <= LABEL_CACHE_LENGTH:
            if len(cache) > LABEL_CACHE_SIZE:
                cache.clear()
            cache[key if self._used_expected else text] = result
        return result

    @property
    def settled(self) -> Mapping[str | tuple[str, tuple[str, ...]], Match | None]:
        """What :meth:`match` gave so far, by text for the texts whose result does not depend on
        ``expected`` (looking a text up here is ``match(text, ...)`` without the call)."""
        return self._cache

    def _match(self, text: str, expected: tuple[str, ...]) -> Match | None:
        norm = normalize_label(text)
        if not norm:
            return None
        core = label_core(norm)
        numbers = {next(g for g in groups if g) for groups in _ANY_NUMBER.findall(norm)}
        number = label_number(norm)
        # Junk before the item number (vertical header text, a group label): 予处理4.无正当理由…
        tail = core
        last = None
        for found in _ITEM_NUMBER.finditer(norm):
            last = found
        if last is not None and last.start() > 0 and last.end() < len(norm):
            tail = norm[last.end() :].replace('"', "")
            number = last.group(1)
        for candidate in (norm, core):
            specs = self._exact.get(candidate)
            if specs:
                if len(specs) > 1:
                    self._used_expected = True
                best_spec = self._prefer(specs, number, expected)
                return Match(best_spec.key, 1.0, best_spec)
        for lab, spec in self._contained:
            if lab in norm and len(lab) >= len(core) * 0.4:
                if spec.number and numbers and spec.number not in numbers and not norm.endswith(lab):
                    continue
                return Match(spec.key, 0.95, spec)
        for part in dict.fromkeys((core, tail)):
            if len(part) < self.min_fragment or part not in self._all_cores:
                continue
            # A fragment of one label only (a label broken over lines): 申请人无正当理由逾期不补
            owners = {
                spec.key: spec
                for spec in self.specs
                if any(part in c for c in spec.cores) and not (spec.number and number and spec.number != number)
            }
            if len(owners) == 1:
                spec = next(iter(owners.values()))
                return Match(spec.key, 0.85, spec)
        if len(core) < 2:
            return None
        self._used_expected = True
        gram_sets = [bigrams(p) for p in dict.fromkeys((core, tail)) if len(p) >= 2]
        scored: list[tuple[float, LabelSpec]] = []
        for spec, cores in self._grams:
            best = 0.0
            for cg in cores:
                if not cg:
                    continue
                for grams in gram_sets:
                    best = max(best, 2 * len(grams & cg) / (len(grams) + len(cg)))
            if spec.number and numbers and spec.number not in numbers:
                best -= self.number_penalty
            if best > 0:
                scored.append((best, spec))
        if not scored or max(s for s, _ in scored) < min(self.expected_threshold, self.threshold):
            self._used_expected = False  # no label comes close, whatever is expected
            return None
        scored.sort(key=lambda s: -s[0])
        score, spec = scored[0]
        limit = self.expected_threshold if spec.key in expected else self.threshold
        if score < limit:
            return None
        if len(scored) > 1 and scored[1][1].key != spec.key and score - scored[1][0] < self.margin:
            # Ambiguous, unless exactly one of the two is expected next.
            runner = scored[1][1]
            if (spec.key in expected) == (runner.key in expected):
                return None
            if runner.key in expected:
                spec, score = runner, scored[1][0]
        return Match(spec.key, round(score, 3), spec)

    @staticmethod
    def _prefer(specs: list[LabelSpec], number: str | None, expected: tuple[str, ...]) -> LabelSpec:
        if len(specs) == 1:
            return specs[0]
        if number:
            numbered = [s for s in specs if s.number == number]
            if len(numbered) == 1:
                return numbered[0]
            specs = numbered or specs
        for key in expected:
            for s in specs:
                if s.key == key:
                    return s
        return specs[0]


def match_label(text: str, specs: Sequence[LabelSpec], expected: Iterable[str] = ()) -> Match | None:
    """One-off tolerant match of ``text`` against ``specs`` (build a :class:`LabelMatcher` to reuse)."""
    return LabelMatcher(specs).match(text, expected)


def match_section(title: str, version: str) -> tuple[SectionSpec, bool] | None:
    """The template section a heading title is, and whether it is written canonically."""
    for spec in load_template(version).sections:
        ok, canonical = spec.matches(title)
        if ok:
            return spec, canonical
    return None
