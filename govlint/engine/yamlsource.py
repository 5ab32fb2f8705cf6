"""Reading rule files with line numbers.

``yaml.SafeLoader`` is extended only to remember where each mapping and each key/value sits, so
that validation errors can name the line. Nothing beyond safe_load-level constructors is enabled.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# yaml is imported only when a text is parsed: a run whose rule files all come from the user cache
# (every re-run) does not pay for importing it.


class LineMap(dict):
    """A YAML mapping that remembers the line of itself, of each key and of each value."""

    line: int
    key_lines: dict[Any, int]
    value_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def value_line_of(self, key: Any) -> int:
        return self.value_lines.get(key, self.line_of(key))


class LineList(list):
    line: int
    item_lines: list[int]


class DuplicateKey(Exception):
    def __init__(self, key: Any, line: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.line = line


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineMap:
    import yaml

    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.value_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in mapping:
            raise DuplicateKey(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
        mapping.value_lines[key] = value_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


@cache
def _line_loader() -> type:
    """libyaml's parser when available (several times faster); the constructors stay the safe ones."""
    import yaml

    class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return _LineLoader


def yaml_error() -> type[Exception]:
    """``yaml.YAMLError``, importing yaml only when an error is being handled."""
    import yaml

    return yaml.YAMLError


def load_yaml(text: str) -> Any:
    """Parse ``text`` like ``yaml.safe_load``, keeping line numbers (see LineMap, LineList).

    Raises ``yaml.YAMLError`` (with a ``problem_mark``) or ``DuplicateKey``.
    """
    import yaml

    return yaml.load(text, Loader=_line_loader())


def load_yaml_file(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


# --- a JSON form of a loaded document, for the user cache -------------------------------------
# Parsing the shipped rule files is a fifth of loading the rules; their loaded form (values and
# lines) is kept as JSON in the user cache (govlint.usercache), keyed by each file's contents.

_PLAIN = (str, int, float, bool, type(None))


class _NotPlain(Exception):
    """A value JSON cannot carry unchanged (a date, a tagged collection)."""


def to_json(value: Any) -> Any:
    """The JSON form of a ``load_yaml`` result; raises ``_NotPlain`` for anything else."""
    if isinstance(value, LineMap):
        items = [[to_json(k), to_json(v), value.key_lines[k], value.value_lines[k]] for k, v in value.items()]
        return {"m": items, "l": value.line}
    if isinstance(value, LineList):
        return {"s": [to_json(item) for item in value], "l": value.line, "i": list(value.item_lines)}
    if type(value) in _PLAIN:
        return value
    raise _NotPlain(type(value).__name__)


def from_json(data: Any) -> Any:
    if isinstance(data, dict):
        if "m" in data:
            mapping = LineMap()
            mapping.line = data["l"]
            mapping.key_lines = {}
            mapping.value_lines = {}
            for key, value, key_line, value_line in data["m"]:
                key = from_json(key)
                mapping[key] = from_json(value)
                mapping.key_lines[key] = key_line
                mapping.value_lines[key] = value_line
            return mapping
        items = LineList(from_json(item) for item in data["s"])
        items.line = data["l"]
        items.item_lines = list(data["i"])
        return items
    return data


def same_document(a: Any, b: Any) -> bool:
    """Equal values of equal types with equal lines (``==`` alone takes 1 for True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, LineMap):
        return (
            list(a) == list(b)
            and a.line == b.line
            and a.key_lines == b.key_lines
            and a.value_lines == b.value_lines
            and all(same_document(a[k], b[k]) for k in a)
        )
    if isinstance(a, LineList):
        return (
            a.line == b.line
            and a.item_lines == b.item_lines
            and len(a) == len(b)
            and all(same_document(x, y) for x, y in zip(a, b, strict=True))
        )
    return bool(a == b)


def json_form(document: Any) -> Any:
    """``to_json(document)`` when it reads back as the same document, else None."""
    try:
        data = to_json(document)
    except (_NotPlain, RecursionError):
        return None
    return data if same_document(from_json(json.loads(json.dumps(data, ensure_ascii=False))), document) else None
