"""Loading and validating rule files.

Every problem is a ``RuleError`` naming the file, the line, the rule code and the field; the first
problem found stops the load (a rule set is either entirely valid or not used at all).
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import re
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import govlint.checks
from govlint import safe_regex
from govlint.checks.registry import CHECKS, CheckKind, Param
from govlint.engine.rule import LANGUAGES, AppliesTo, Rule, RuleError
from govlint.engine.ruleset import RuleSet
from govlint.engine.yamlsource import DuplicateKey, LineMap, from_json, json_form, load_yaml, yaml_error
from govlint.findings import SEVERITIES
from govlint.resources import data_dir
from govlint.templates import TABLE_KINDS
from govlint.templates import VERSIONS as FORMATS
from govlint.usercache import cached_json, name_for

_CODE_RE = re.compile(r"[A-Z]{1,8}[0-9]{2,5}")
_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_REQUIRED = ("code", "name", "category", "severity", "check", "message", "summary")
_OPTIONAL = ("applies_to", "params", "rationale", "source", "examples")
# Placeholders every message may use whatever the check kind: the rule's own identity and the text
# the finding is about.
_ENGINE_PLACEHOLDERS = frozenset({"code", "name", "matched"})


def import_check_kinds() -> None:
    """Import every module of govlint.checks so that each check kind registers itself."""
    for module in pkgutil.iter_modules(govlint.checks.__path__):
        importlib.import_module(f"govlint.checks.{module.name}")


def load_rules(extra_dirs: Iterable[str | Path] = ()) -> RuleSet:
    """Load the shipped rules plus the rule files (``*.yaml``/``*.yml``) in ``extra_dirs``."""
    import_check_kinds()
    files = sorted(data_dir("rules").glob("*.yaml"))
    for directory in extra_dirs:
        folder = Path(directory)
        if not folder.is_dir():
            raise RuleError(str(folder), None, None, None, "rule directory does not exist")
        files.extend(sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]))
    rules: list[Rule] = []
    for path in files:
        rules.extend(load_rule_file(path))
    return _check_unique(rules)


def load_rule_file(path: str | Path, text: str | None = None) -> list[Rule]:
    """Validate one rule file; ``text`` overrides reading it (for tests)."""
    import_check_kinds()
    shown = str(path)
    given = text is not None
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(shown, None, None, None, f"cannot read the rule file: {exc}") from None
    try:
        # the shipped rule files are cached (one entry each); users' own and text handed in are not
        document = _load_document(text, None if given else _shipped(path))
    except DuplicateKey as exc:
        raise RuleError(shown, exc.line, None, str(exc.key), "the key appears twice in one mapping") from None
    except yaml_error() as exc:  # evaluated only when an error is raised
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(shown, line, None, None, f"not valid YAML: {problem}") from None
    if _too_large(document):
        raise RuleError(shown, None, None, None, f"more than {_MAX_NODES} values (or aliases that expand to that many)")
    if not isinstance(document, LineMap) or set(document) != {"rules"}:
        raise RuleError(shown, 1, None, None, "a rule file is a mapping with one key, 'rules', holding a list")
    entries = document["rules"]
    if not isinstance(entries, list):
        raise RuleError(shown, document.value_line_of("rules"), None, "rules", "must be a list of rules")
    rules = [_build_rule(shown, entry, getattr(entries, "item_lines", [1])[i]) for i, entry in enumerate(entries)]
    return rules


_MAX_NODES = 200_000  # the shipped rule files hold a few thousand


def _shipped(path: str | Path) -> str | None:
    """The resolved path of a shipped rule file, else None."""
    resolved = Path(path).resolve()
    return str(resolved) if resolved.parent == data_dir("rules").resolve() else None


def _load_document(text: str, path: str | None) -> Any:
    """``load_yaml(text)``, from the user cache when the file at ``path`` had this exact text when
    it was last loaded.

    Only a document that is not too large and that JSON carries unchanged (values, types, lines)
    is stored; anything else, and any error, comes from parsing the text as usual.
    """
    if path is None:
        return load_yaml(text)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    parsed: list[Any] = []

    def parse() -> Any:
        document = load_yaml(text)
        parsed.append(document)
        return None if _too_large(document) else json_form(document)

    stored = cached_json(f"rule-file-{name_for(path)}", f"v1|{path}|{digest}", parse)
    if parsed:
        return parsed[0]
    if stored is not None:
        try:
            return from_json(stored)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):  # a damaged entry
            pass
    return load_yaml(text)


def _too_large(document: Any) -> bool:
    """Whether the document has more values than any rule file needs. YAML aliases share one
    object, so a few lines can describe an exponentially large tree: count visits, not objects."""
    pending = [document]
    seen = 0
    while pending:
        value = pending.pop()
        seen += 1
        if seen > _MAX_NODES:
            return True
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def _check_unique(rules: list[Rule]) -> RuleSet:
    by_code: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in by_code:
            first = by_code[rule.code]
            raise RuleError(
                rule.path, rule.line, rule.code, "code", f"duplicate code (already used at {first.path}:{first.line})"
            )
        if rule.name in by_name:
            first = by_name[rule.name]
            raise RuleError(
                rule.path, rule.line, rule.code, "name", f"duplicate name {rule.name!r} (already used by {first.code})"
            )
        by_code[rule.code] = rule
        by_name[rule.name] = rule
    return RuleSet(rules)


class _Context:
    """Where we are while validating one rule, to build errors."""

    def __init__(self, path: str, entry: LineMap, code: str | None) -> None:
        self.path = path
        self.entry = entry
        self.code = code

    def error(self, field: str, problem: str, line: int | None = None) -> RuleError:
        top = field.split(".", 1)[0]
        return RuleError(self.path, line or self.entry.line_of(top), self.code, field, problem)


def _build_rule(path: str, entry: Any, line: int) -> Rule:
    if not isinstance(entry, LineMap):
        raise RuleError(path, line, None, None, "each rule is a mapping (code, name, severity, check, ...)")
    code = entry.get("code")
    ctx = _Context(path, entry, code if isinstance(code, str) else None)
    for key in entry:
        if key not in _REQUIRED and key not in _OPTIONAL:
            raise ctx.error(str(key), f"unknown key; a rule has {', '.join(_REQUIRED + _OPTIONAL)}")
    for key in _REQUIRED:
        if key not in entry:
            raise RuleError(path, entry.line, ctx.code, key, "required key is missing")

    code = _string(ctx, entry, "code")
    if not _CODE_RE.fullmatch(code):
        raise ctx.error("code", f"{code!r} is not a rule code (letters then digits, e.g. GL401)")
    name = _string(ctx, entry, "name")
    if not _NAME_RE.fullmatch(name):
        raise ctx.error("name", f"{name!r} is not kebab-case (lower-case words joined by '-')")
    category = _string(ctx, entry, "category")
    severity = _string(ctx, entry, "severity")
    if severity not in SEVERITIES:
        raise ctx.error("severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
    check_name = _string(ctx, entry, "check")
    kind = CHECKS.get(check_name)
    if kind is None:
        known = ", ".join(sorted(CHECKS)) or "(none registered)"
        raise ctx.error("check", f"unknown check kind {check_name!r}; known kinds: {known}")

    applies_to = _applies_to(ctx, entry.get("applies_to"))
    raw_params = entry.get("params") or {}
    if not isinstance(raw_params, dict):
        raise ctx.error("params", "must be a mapping of parameter names to values")
    params = _params(ctx, kind, raw_params, applies_to)
    messages = _texts(ctx, entry, "message")
    allowed = None if kind.provides is None else kind.provides | set(params) | _ENGINE_PLACEHOLDERS | _groups(params)
    message_lines = entry["message"]
    for lang, message in messages.items():
        line = message_lines.value_line_of(lang)
        _check_placeholders(ctx, f"message.{lang}", message, allowed, line)
    summary = _texts(ctx, entry, "summary")
    rationale = _optional_string(ctx, entry, "rationale")
    source = _optional_string(ctx, entry, "source")
    examples = _examples(ctx, entry.get("examples"))
    return Rule(
        code=code,
        name=name,
        category=category,
        severity=severity,
        check=check_name,
        fn=kind.fn,
        params=params,
        raw_params=dict(raw_params),
        messages=messages,
        summary=summary,
        rationale=rationale,
        source=source,
        examples=examples,
        applies_to=applies_to,
        path=path,
        line=entry.line,
    )


def _groups(params: Mapping[str, Any]) -> set[str]:
    """Named groups of the rule's regular expressions: a check kind may pass them to the message."""
    names: set[str] = set()
    for value in params.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, safe_regex.SafePattern):
                names.update(item.groupindex)
    return names


def _string(ctx: _Context, entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ctx.error(key, f"must be a non-empty string, not {_describe(value)}")
    return value.strip()


def _optional_string(ctx: _Context, entry: Mapping[str, Any], key: str) -> str:
    if entry.get(key) is None:
        return ""
    return _string(ctx, entry, key)


def _texts(ctx: _Context, entry: LineMap, key: str) -> dict[str, str]:
    value = entry.get(key)
    if not isinstance(value, LineMap):
        raise ctx.error(key, f"must be a mapping with a text per language ({', '.join(LANGUAGES)})")
    texts: dict[str, str] = {}
    for lang in value:
        if lang not in LANGUAGES:
            raise ctx.error(f"{key}.{lang}", f"unknown language; use {', '.join(LANGUAGES)}", value.line_of(lang))
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            line = value.line_of(lang) if lang in value else entry.line_of(key)
            raise ctx.error(f"{key}.{lang}", "missing or empty: give the text in both zh and en", line)
        texts[lang] = text.strip()
    return texts


def _check_placeholders(ctx: _Context, field: str, message: str, allowed: frozenset[str] | None, line: int) -> None:
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        problem = f"malformed placeholder: {exc} (write a literal brace as {{{{ or }}}})"
        raise ctx.error(field, problem, line) from None
    for _, name, spec, _ in parsed:
        if name is None:
            continue
        if not name or not name.isidentifier():
            raise ctx.error(field, f"placeholder {{{name}}} must be a plain name such as {{column}}", line)
        if spec and ("{" in spec):
            raise ctx.error(field, f"placeholder {{{name}}} has a nested format spec", line)
        if allowed is not None and name not in allowed:
            offered = ", ".join("{" + p + "}" for p in sorted(allowed))
            problem = f"placeholder {{{name}}} is never provided by this check kind; use {offered}"
            raise ctx.error(field, problem, line)


def _applies_to(ctx: _Context, value: Any) -> AppliesTo:
    if value is None:
        return AppliesTo()
    if not isinstance(value, LineMap):
        raise ctx.error("applies_to", "must be a mapping with 'formats' and/or 'years'")
    for key in value:
        if key not in ("formats", "years"):
            raise ctx.error(f"applies_to.{key}", "unknown key; use formats, years", value.line_of(key))
    formats: frozenset[str] | None = None
    if value.get("formats") is not None:
        raw = value["formats"]
        if not isinstance(raw, list) or not raw:
            raise ctx.error(
                "applies_to.formats", 'must be a non-empty list such as ["2019", "2021"]', value.line_of("formats")
            )
        items = [str(item) for item in raw]
        for item in items:
            if item not in FORMATS:
                raise ctx.error(
                    "applies_to.formats", f"unknown format {item!r}; use {', '.join(FORMATS)}", value.line_of("formats")
                )
        formats = frozenset(items)
    year_min = year_max = None
    years = value.get("years")
    if years is not None:
        if not isinstance(years, LineMap) or not set(years) <= {"min", "max"}:
            raise ctx.error("applies_to.years", "must be a mapping {min: YEAR, max: YEAR}", value.line_of("years"))
        for bound in ("min", "max"):
            year = years.get(bound)
            if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100):
                raise ctx.error(
                    f"applies_to.years.{bound}", f"must be a year or null, not {_describe(year)}", years.line_of(bound)
                )
        year_min, year_max = years.get("min"), years.get("max")
        if year_min is not None and year_max is not None and year_min > year_max:
            raise ctx.error("applies_to.years", "min is after max", value.line_of("years"))
    return AppliesTo(formats=formats, year_min=year_min, year_max=year_max)


def _examples(ctx: _Context, value: Any) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, LineMap):
        raise ctx.error("examples", "must be a mapping {bad: TEXT, good: TEXT}")
    examples: dict[str, tuple[str, ...]] = {}
    for key, texts in value.items():
        field = f"examples.{key}"
        if key not in ("bad", "good"):
            raise ctx.error(field, "unknown key; use bad, good", value.line_of(key))
        items = [texts] if isinstance(texts, str) else texts
        if not isinstance(items, list) or not items or not all(isinstance(t, str) for t in items):
            raise ctx.error(field, "must be a report text or a list of them", value.line_of(key))
        examples[key] = tuple(items)
    return examples


# --- parameters -------------------------------------------------------------------------------------


def _params(ctx: _Context, kind: CheckKind, raw: LineMap | dict[str, Any], applies_to: AppliesTo) -> dict[str, Any]:
    lines = raw if isinstance(raw, LineMap) else None
    for key in raw:
        if key not in kind.params:
            known = ", ".join(sorted(kind.params)) or "(none)"
            raise ctx.error(
                f"params.{key}",
                f"unknown parameter of check kind {kind.name!r}; it takes {known}",
                lines.line_of(key) if lines else None,
            )
    params: dict[str, Any] = {}
    deferred: list[tuple[str, Param]] = []
    for key, spec in kind.params.items():
        if spec.type in _CONTEXTUAL_TYPES:
            deferred.append((key, spec))
            continue
        params[key] = _param_value(ctx, key, spec, raw, lines, None)
    # Table-dependent parameters (expressions, row/column keys) are checked once the table is known.
    table_ctx = _TableContext(params.get("table"), params.get("for_each"), applies_to)
    for key, spec in deferred:
        params[key] = _param_value(ctx, key, spec, raw, lines, table_ctx)
    return params


class _TableContext:
    def __init__(self, table: Any, for_each: Any, applies_to: AppliesTo) -> None:
        self.table = table
        self.for_each = for_each
        self.formats = applies_to.formats


_CONTEXTUAL_TYPES = ("expr", "rows", "columns")


def _param_value(
    ctx: _Context,
    key: str,
    spec: Param,
    raw: Mapping[str, Any],
    lines: LineMap | None,
    table_ctx: _TableContext | None,
) -> Any:
    field = f"params.{key}"
    line = lines.value_line_of(key) if lines is not None and key in raw else None
    if key not in raw or raw[key] is None:
        if spec.required:
            raise ctx.error(field, f"required parameter is missing: {spec.doc}".rstrip(": "), line)
        return spec.default
    value = raw[key]
    try:
        converted = _convert(spec.type, value, table_ctx)
    except (TypeError, ValueError) as exc:
        raise ctx.error(field, str(exc), line) from None
    if spec.choices is not None:
        values = converted if isinstance(converted, list) else [converted]
        for item in values:
            if item not in spec.choices:
                raise ctx.error(field, f"{item!r} is not one of {', '.join(map(str, spec.choices))}", line)
    return converted


def _convert(type_: str, value: Any, table_ctx: _TableContext | None) -> Any:
    if type_ == "any":
        return value
    if type_ == "str":
        if not isinstance(value, str):
            raise TypeError(f"expected a string, not {_describe(value)}")
        return value
    if type_ == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected an integer, not {_describe(value)}")
        return value
    if type_ == "float":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise TypeError(f"expected a number, not {_describe(value)}")
        return float(value)
    if type_ == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, not {_describe(value)}")
        return value
    if type_ == "dict":
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping, not {_describe(value)}")
        return dict(value)
    if type_ == "table":
        if value not in TABLE_KINDS:
            raise ValueError(f"unknown table {value!r}; use {', '.join(TABLE_KINDS)}")
        return value
    if type_ == "regex":
        if not isinstance(value, str):
            raise TypeError(f"expected a regular expression, not {_describe(value)}")
        return safe_regex.compile(value)
    if type_.startswith("list[") and type_.endswith("]"):
        inner = type_[5:-1]
        items = [value] if isinstance(value, str) and inner in ("str", "regex") else value
        if not isinstance(items, list):
            raise TypeError(f"expected a list, not {_describe(value)}")
        converted = []
        for index, item in enumerate(items):
            try:
                converted.append(_convert(inner, item, table_ctx))
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"item {index + 1}: {exc}") from None
        return converted
    if type_ in _CONTEXTUAL_TYPES:
        assert table_ctx is not None
        from govlint.engine.tablekeys import compile_table_param

        return compile_table_param(type_, value, table_ctx.table, table_ctx.for_each, table_ctx.formats)
    raise ValueError(f"the check kind declares an unknown parameter type {type_!r}")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
