"""The registry of check kinds.

A check kind is a function ``fn(report, params, ctx) -> Iterable[Hit]`` registered under a
kebab-case name with the parameters it accepts. A rule in rules/*.yaml names a check kind and gives
its parameters; the rule loader validates them against the declared ``Param`` specs, so a check
function can trust its ``params`` (defaults filled in, types checked, regexes compiled).

Checks know nothing about output: they yield ``Hit``s (a span and the values for the message
placeholders); the engine turns hits into findings with the rule's code, severity and messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from govlint.model import Report, Span

# Parameter types understood by the rule loader:
#   "str", "int", "float", "bool", "list[str]", "list[int]", "dict",
#   "regex" (compiled with a time limit, see govlint.safe_regex),
#   "expr" (an arithmetic assertion over table cells, see govlint.expr),
#   "table" (one of t2, t3, t4, stat), "any".
ParamType = str


@dataclass(frozen=True)
class Param:
    type: ParamType
    required: bool = False
    default: Any = None
    doc: str = ""
    choices: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Hit:
    """One place a check found a problem.

    ``span`` None means the report as a whole (reported at line 1, column 1). ``args`` fill the
    rule's message placeholders. ``matched`` is the text the problem is about (defaults to the text
    under ``span``); baselines fingerprint it.
    """

    span: Span | None
    args: Mapping[str, Any] = field(default_factory=dict)
    matched: str | None = None


@dataclass(slots=True)
class CheckContext:
    """What a check may know besides the report and its parameters: the effective options
    (agency type, deadlines, ...) and the code of the rule being run (the runner keeps one context
    per report and sets ``rule_code`` as each rule runs)."""

    rule_code: str
    options: Mapping[str, Any] = field(default_factory=dict)
    # Shared by every rule of one lint() call on one report: several rules of the same kind (or
    # kinds using the same helper) compute their common work once, e.g.
    # ``ctx.memo(("dates", id(report)), find_dates, report)``.
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: Any, compute: Callable[..., Any], *args: Any) -> Any:
        """``compute(*args)`` once per lint call and key; later calls with the key reuse the value
        (arguments rather than a closure: rules on a hot path call this per table)."""
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = compute(*args)
            return value


CheckFn = Callable[[Report, Mapping[str, Any], CheckContext], Iterable[Hit]]


@dataclass(frozen=True)
class CheckKind:
    name: str
    fn: CheckFn
    params: Mapping[str, Param]
    doc: str = ""
    # The message placeholders this kind's hits fill ({column}, {value}, ...). None = not declared,
    # in which case the rule loader cannot check a rule's message placeholders against it.
    provides: frozenset[str] | None = None


CHECKS: dict[str, CheckKind] = {}


def check_kind(name: str, *, provides: Iterable[str] | None = None, **params: Param) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check kind ``name`` accepting ``params``; ``provides`` lists the
    placeholders its hits fill (a rule's message may use those, its params and {matched})."""

    def register(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check kind {name!r} registered twice")
        CHECKS[name] = CheckKind(
            name=name,
            fn=fn,
            params=params,
            doc=(fn.__doc__ or "").strip(),
            provides=frozenset(provides) if provides is not None else None,
        )
        return fn

    return register
