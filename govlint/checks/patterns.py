"""Generic text checks: a pattern that must, or must not, occur in a part of the report.

These two kinds let most wording rules (title form, document numbers, cited regulations, section
content) be written in YAML alone. Scopes are described in govlint.checks.textscope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.textscope import SCOPE_CHOICES, SCOPE_DOC, Stretch, scope_text
from govlint.model import Report

SENTENCE = Stretch("。！？；\n")


@check_kind(
    "pattern-absent",
    pattern=Param("regex", required=True, doc="what must not occur"),
    scope=Param("str", default="text", doc=SCOPE_DOC, choices=SCOPE_CHOICES),
    unless=Param("regex", doc="skip a match whose sentence also matches this"),
    group=Param("str", doc="name of the group whose span is reported (default: the whole match)"),
    prefilter=Param(
        "list[regex]",
        doc="cheaper patterns, one of which occurs in every match of ``pattern``: a scope without any "
        "of them is not searched (several patterns that each start with a fixed character are found "
        "faster than one alternation or character class)",
    ),
    provides=("match",),  # and the pattern's named groups, which the rule loader adds
)
def pattern_absent(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Report every match of ``pattern`` in ``scope``. Named groups fill message placeholders."""
    scope = scope_text(report, params.get("scope") or "text")
    if scope is None or not scope.text:
        return
    prefilters = params.get("prefilter")
    if prefilters and not any(prefilter.occurs_in(scope.text) for prefilter in prefilters):
        return
    unless = params.get("unless")
    group = params.get("group")
    for m in params["pattern"].finditer(scope.text):
        start, end = m.span(group) if group else m.span()
        if start < 0 or end <= start:
            continue
        if unless is not None and unless.search(SENTENCE.around(scope.text, start, end)):
            continue
        args: dict[str, Any] = {k: (v or "") for k, v in m.groupdict().items()}
        args["match"] = m.group(0)
        yield Hit(scope.span(report, start, end), args, matched=m.group(0))


@check_kind(
    "pattern-present",
    pattern=Param("regex", required=True, doc="what must occur at least once"),
    scope=Param("str", default="text", doc=SCOPE_DOC, choices=SCOPE_CHOICES),
    if_missing_scope=Param(
        "str", default="skip", choices=("skip", "report"), doc="what to do when the report has no such scope"
    ),
    provides=("scope",),
)
def pattern_present(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Report once when ``pattern`` does not occur in ``scope``; the finding points at the scope."""
    name = params.get("scope") or "text"
    scope = scope_text(report, name)
    if scope is None:
        if params.get("if_missing_scope") == "report":
            yield Hit(None, {"scope": name})
        return
    if params["pattern"].search(scope.text):
        return
    first = next((i for i, c in enumerate(scope.text) if not c.isspace()), None)
    if first is None:
        yield Hit(None, {"scope": name})
        return
    line_end = scope.text.find("\n", first)
    end = line_end if line_end != -1 else len(scope.text)
    yield Hit(scope.span(report, first, end), {"scope": name}, matched=scope.text[first:end].strip())
