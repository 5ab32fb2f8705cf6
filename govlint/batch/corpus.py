"""Checks only a batch can make: they compare reports with each other.

A corpus check kind is a function ``fn(summaries, params, ctx) -> Iterable[CorpusHit]`` over the
``ReportSummary`` of every report in the run. Rules in rules/batch.yaml use them like any other
check kind: the engine's loader validates their parameters and messages because each corpus kind is
also registered in the ordinary registry (``govlint.checks.registry``) with a per-report function
that finds nothing (a single report has nothing to compare with); ``run_corpus_rules`` runs the real
function once all reports are in.

Reports are grouped by the agency and year the parser read in them (title, period), never by file
name; a report whose agency or year is unknown is left out of the comparisons that need them, and an
agency with two reports for the same year is not compared for that year (which one is the real one
is a question for a person, not a guess).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from govlint.batch import sketch as sk
from govlint.batch.summary import ReportSummary, RowValues, SpanTuple, to_span
from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.tables import TABLE_NAMES
from govlint.findings import Finding
from govlint.model import Report


@dataclass(frozen=True)
class CorpusHit:
    path: str
    span: SpanTuple | None
    args: Mapping[str, Any] = field(default_factory=dict)
    matched: str = ""


def summary_parts(check: str, params: Mapping[str, Any]) -> set[str]:
    """The optional summary parts (``govlint.batch.summary.summarize``'s ``wants``) a rule of the
    corpus check kind ``check`` with ``params`` reads: the sketches of the sections it compares
    (``section:N``) or the table digests (``tables``)."""
    if check == "copied-sections":
        return {f"section:{int(ordinal)}" for ordinal in params.get("sections", [1, 5])}
    if check == "identical-tables":
        return {"tables"}
    return set()


CorpusFn = Callable[[Sequence[ReportSummary], Mapping[str, Any], CheckContext], Iterable[CorpusHit]]
CORPUS_CHECKS: dict[str, CorpusFn] = {}


def corpus_check(name: str, *, provides: Iterable[str], **params: Param) -> Callable[[CorpusFn], CorpusFn]:
    """Register ``fn`` as the corpus check kind ``name`` (and, for the rule loader, as a check kind
    that finds nothing in a single report)."""

    def register(fn: CorpusFn) -> CorpusFn:
        if name in CORPUS_CHECKS:
            raise ValueError(f"corpus check kind {name!r} registered twice")
        CORPUS_CHECKS[name] = fn

        def per_report(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
            return ()

        per_report.__doc__ = (fn.__doc__ or "") + "\n\n(Compares reports: runs on a batch of files.)"
        check_kind(name, provides=provides, **params)(per_report)
        return fn

    return register


# --- grouping ----------------------------------------------------------------------------------


def by_agency_year(summaries: Sequence[ReportSummary]) -> dict[str, dict[int, ReportSummary]]:
    """agency key → year → the one report of that agency for that year (ambiguous years dropped)."""
    groups: dict[str, dict[int, list[ReportSummary]]] = defaultdict(lambda: defaultdict(list))
    for summary in summaries:
        key = summary.agency_key
        if key is not None and summary.year is not None:
            groups[key][summary.year].append(summary)
    return {
        agency: {year: found[0] for year, found in years.items() if len(found) == 1} for agency, years in groups.items()
    }


def _consecutive(summaries: Sequence[ReportSummary]) -> Iterator[tuple[ReportSummary, ReportSummary]]:
    """(last year's report, this year's report) for every agency with both."""
    for years in by_agency_year(summaries).values():
        for year in sorted(years):
            if year - 1 in years:
                yield years[year - 1], years[year]


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


_TABLE_NAMES = {**TABLE_NAMES, "all": "表二、表三、表四"}


# --- carry-over (EQ-X-1) -------------------------------------------------------------------------


@corpus_check(
    "carryover",
    provides=("column", "value", "previous_value", "previous_year", "previous_path", "year"),
)
def carryover(summaries: Sequence[ReportSummary], params: Mapping[str, Any], ctx: CheckContext) -> Iterator[CorpusHit]:
    """This year's 表三 二、上年结转 equals last year's 四、结转下年度继续办理, column by column (the
    same agency's reports for consecutive years, both tables read reliably)."""
    for previous, current in _consecutive(summaries):
        carried_in, carried_out = current.t3_carried_in, previous.t3_carried_out
        if carried_in is None or carried_out is None:
            continue
        for column, value in carried_in.values.items():
            before = carried_out.values.get(column)
            if value is None or before is None or value == before:
                continue
            yield CorpusHit(
                current.path,
                carried_in.span,
                {
                    "column": column,
                    "value": _num(value),
                    "previous_value": _num(before),
                    "previous_year": previous.year,
                    "previous_path": previous.path,
                    "year": current.year,
                },
                matched=f"{column}:{_num(value)}≠{_num(before)}",
            )


# --- 现行有效件数 continuity (EQ-X-2) ------------------------------------------------------------


@corpus_check(
    "stock-continuity",
    provides=(
        "row",
        "value",
        "expected",
        "previous_value",
        "issued",
        "repealed",
        "previous_year",
        "previous_path",
        "year",
    ),
)
def stock_continuity(
    summaries: Sequence[ReportSummary], params: Mapping[str, Any], ctx: CheckContext
) -> Iterator[CorpusHit]:
    """In 2021-format 表二 (一), this year's 现行有效件数 = last year's 现行有效件数 + 本年制发件数 −
    本年废止件数, for 规章 and for 行政规范性文件 (both years in the 2021 format)."""
    for previous, current in _consecutive(summaries):
        if previous.format != "2021" or current.format != "2021":
            continue
        for row, now in current.t2_stock.items():
            before = previous.t2_stock.get(row)
            if before is None:
                continue
            stock, issued, repealed = (now.values.get(c) for c in ("现行有效件数", "本年制发件数", "本年废止件数"))
            last_stock = before.values.get("现行有效件数")
            if stock is None or issued is None or repealed is None or last_stock is None:
                continue
            expected = last_stock + issued - repealed
            if abs(stock - expected) < 1e-9:
                continue
            yield CorpusHit(
                current.path,
                now.span,
                {
                    "row": row,
                    "value": _num(stock),
                    "expected": _num(expected),
                    "previous_value": _num(last_stock),
                    "issued": _num(issued),
                    "repealed": _num(repealed),
                    "previous_year": previous.year,
                    "previous_path": previous.path,
                    "year": current.year,
                },
                matched=f"{row}:{_num(stock)}≠{_num(expected)}",
            )


# --- copied sections (内容雷同) ------------------------------------------------------------------

_SCOPES = ("previous-year", "other-agency")


@corpus_check(
    "copied-sections",
    provides=("section", "similarity", "other_path", "other_agency", "other_year"),
    scope=Param("str", required=True, choices=_SCOPES, doc="what a section is compared with"),
    sections=Param("list[int]", default=[1, 5], doc="ordinals of the top-level sections compared (一 = 1)"),
    threshold=Param("float", default=0.8, doc="estimated Jaccard similarity of character 5-grams"),
    min_chars=Param("int", default=200, doc="sections shorter than this (in characters) are not compared"),
    max_candidates=Param("int", default=200, doc="reports compared in full per section (bounds the run time)"),
)
def copied_sections(
    summaries: Sequence[ReportSummary], params: Mapping[str, Any], ctx: CheckContext
) -> Iterator[CorpusHit]:
    """A section whose text (numbers aside) is a near-duplicate of the same section in the same
    agency's previous report (scope previous-year) or in another agency's report (other-agency)."""
    threshold = float(params.get("threshold", 0.8))
    min_chars = int(params.get("min_chars", 200))
    ordinals = [int(o) for o in params.get("sections", [1, 5])]
    if params.get("scope") == "previous-year":
        for previous, current in _consecutive(summaries):
            for ordinal in ordinals:
                mine, theirs = current.sections.get(ordinal), previous.sections.get(ordinal)
                if mine is None or theirs is None or min(mine.chars, theirs.chars) < min_chars:
                    continue
                score = sk.similarity_of(mine.prepared, theirs.prepared)
                if score >= threshold:
                    yield _copy_hit(current, ordinal, score, previous)
        return
    limit = int(params.get("max_candidates", 200))
    for ordinal in ordinals:
        members = [
            s
            for s in summaries
            if s.agency_key is not None and (p := s.sections.get(ordinal)) is not None and p.chars >= min_chars
        ]
        sketches = [member.sections[ordinal].sketch for member in members]
        candidates = sk.candidates(sketches, sk.rows_for(threshold), limit)
        prepared = {i: members[i].sections[ordinal].prepared for i in candidates}
        scores: dict[tuple[int, int], float] = {}  # a pair listed from both sides is scored once
        for i, others in sorted(candidates.items()):
            member = members[i]
            best: tuple[float, int] | None = None
            for j in others:
                other = members[j]
                if _same_agency(other, member):
                    continue
                if (j, i) in scores:  # scored from the other side (a pair comes up twice at most)
                    score = scores.pop((j, i))
                else:
                    score = scores[i, j] = sk.similarity_of(prepared[i], prepared[j])
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, j)
            if best is not None:
                yield _copy_hit(member, ordinal, best[0], members[best[1]])


def _copy_hit(summary: ReportSummary, ordinal: int, score: float, other: ReportSummary) -> CorpusHit:
    section = summary.sections[ordinal]
    return CorpusHit(
        summary.path,
        section.span,
        {
            "section": section.title,
            "similarity": f"{score:.0%}",
            "other_path": other.path,
            "other_agency": other.agency or "",
            "other_year": other.year if other.year is not None else "",
        },
        matched=f"{ordinal}:{other.path}",
    )


# --- identical tables (X-03) ---------------------------------------------------------------------


@corpus_check(
    "identical-tables",
    provides=("table", "other_path", "other_agency", "other_year"),
    tables=Param(
        "list[str]",
        default=["all"],
        choices=("all", "t2", "t3", "t4"),
        doc="what is compared: all (表二, 表三 and 表四 together) or single tables",
    ),
    min_nonzero=Param(
        "int",
        default=5,
        doc="compared only with at least this many non-zero cells that are not totals (small counts coincide)",
    ),
)
def identical_tables(
    summaries: Sequence[ReportSummary], params: Mapping[str, Any], ctx: CheckContext
) -> Iterator[CorpusHit]:
    """Statistics identical to another agency's report, or to the same agency's report for
    another year: data copied instead of counted. By default 表二, 表三 and 表四 are compared
    together, since a single small table (a 表四 with a few cases) can match by chance."""
    min_nonzero = int(params.get("min_nonzero", 5))
    for kind in params.get("tables", ["all"]):
        groups: dict[str, list[ReportSummary]] = defaultdict(list)
        for summary in summaries:
            printed = summary.tables.get(kind)
            if printed is not None and printed.nonzero >= min_nonzero:
                groups[printed.digest].append(summary)
        for members in groups.values():
            if len(members) < 2:
                continue
            for member in members:
                other = next((o for o in members if _different_report(member, o)), None)
                if other is None:
                    continue
                yield CorpusHit(
                    member.path,
                    member.tables[kind].span,
                    {
                        "table": _TABLE_NAMES.get(kind, kind),
                        "other_path": other.path,
                        "other_agency": other.agency or "",
                        "other_year": other.year if other.year is not None else "",
                    },
                    matched=f"{kind}:{other.path}",
                )


def _same_agency(a: ReportSummary, b: ReportSummary) -> bool:
    """One agency, possibly named more or less fully (青禾市人民政府 and 青禾市人民政府办公室, which
    compiles its report): two such reports sharing text or data is not copying from another agency."""
    x, y = a.agency_key, b.agency_key
    return x is not None and y is not None and (x in y or y in x)


def _different_report(a: ReportSummary, b: ReportSummary) -> bool:
    """Two reports that should not share data: other agencies, or one agency's different years."""
    if a is b or a.path == b.path:
        return False
    if a.agency_key is None or b.agency_key is None:
        return False
    return not _same_agency(a, b) or (a.year is not None and b.year is not None and a.year != b.year)


# --- running corpus rules -----------------------------------------------------------------------


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _applies(rule: Any, summary: ReportSummary) -> bool:
    return bool(rule.applies_to.admits(summary.format, summary.year))


def corpus_rules(ruleset: Iterable[Any]) -> list[Any]:
    return [rule for rule in ruleset if rule.check in CORPUS_CHECKS]


def run_corpus_rules(
    summaries: Sequence[ReportSummary], rules: Iterable[Any], options: Mapping[str, Any] | None = None
) -> list[Finding]:
    """The findings of the corpus ``rules`` over ``summaries``, sorted like the engine's. The
    summaries are put in path order first, so that which report a finding names as the other one
    does not depend on the order in which files finished."""
    summaries = sorted(summaries, key=lambda s: s.path)
    findings: list[Finding] = []
    for rule in corpus_rules(rules):
        eligible = [s for s in summaries if _applies(rule, s)]
        ctx = CheckContext(rule_code=rule.code, options=dict(options or {}))
        for hit in CORPUS_CHECKS[rule.check](eligible, rule.params, ctx):
            args = _Args(rule.params)
            args.update(hit.args)
            args.update(matched=hit.matched, code=rule.code, name=rule.name)
            messages = {}
            for lang, template in rule.messages.items():
                try:
                    messages[lang] = template.format_map(args)
                except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                    messages[lang] = f"{template} ({type(exc).__name__}: {exc})"
            findings.append(
                Finding(
                    path=hit.path,
                    code=rule.code,
                    name=rule.name,
                    severity=rule.severity,
                    span=to_span(hit.span),
                    messages=messages,
                    matched=hit.matched,
                )
            )
    findings.sort(key=lambda f: (*f.sort_key, f.message("zh")))
    return findings


__all__ = [
    "CORPUS_CHECKS",
    "CorpusHit",
    "RowValues",
    "by_agency_year",
    "corpus_check",
    "corpus_rules",
    "run_corpus_rules",
    "summary_parts",
]
