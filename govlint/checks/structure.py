"""Structure checks: the top-level sections a report must have, in the official order.

The official sections (canonical heading and accepted variants) come from the format templates
(templates/v2019.yaml, v2021.yaml, read through govlint.templates); nothing here repeats them.
A section is recognised by its heading, not by its number, so a report that numbers 存在的主要问题
as 四、 is found to be out of order rather than missing two sections.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

import regex

from govlint import safe_regex
from govlint.checks.registry import CheckContext, Hit, Param, check_kind
from govlint.checks.textscope import remembered
from govlint.model import Heading, Report, Section
from govlint.templates import Template, TemplateError, load_template

NUMERALS = "一二三四五六七八九十"
# Fuzzy match threshold: a heading this similar to a canonical one (or a variant) is that section,
# written in a non-canonical way. Below it the heading is not recognised.
SIMILARITY = 0.6
# Labels of 表三 rows look like top-level headings (一、本年新收政府信息公开申请数量): never sections.
TABLE_ROW_HEADING = regex.compile(r"^(本年新收|上年结转|本年度办理结果|结转下年度|本年度办理)")


def numeral(ordinal: int) -> str:
    if 1 <= ordinal <= 10:
        return NUMERALS[ordinal - 1]
    if 11 <= ordinal <= 19:
        return "十" + NUMERALS[ordinal - 11]
    return str(ordinal)


MARKUP = regex.compile(r"[\s*#_`]+")


@lru_cache(maxsize=4096)
def normalize_heading(text: str) -> str:
    """Heading text reduced for comparison: NFKC, no spaces, markup or trailing punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = MARKUP.sub("", text)
    text = text.replace("(", "（").replace(")", "）")
    return text.rstrip("。.:：;；,，")


# Words every heading shares; compared without them, 政府信息公开申请情况 is not 政府信息公开总体情况.
FILLER = regex.compile(r"政府信息公开|政府信息|信息公开|政务公开|工作|情况|方面|有关|[的和及与、，,]")


@lru_cache(maxsize=4096)
def heading_core(text: str) -> str:
    return FILLER.sub("", normalize_heading(text))


def heading_similarity(a: str, b: str) -> float:
    """How alike two headings are once the shared filler words are removed (0..1)."""
    ca, cb = heading_core(a), heading_core(b)
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 0.95
    shorter, longer = sorted((ca, cb), key=len)
    if len(shorter) >= 3 and shorter in longer:
        return 0.9
    return SequenceMatcher(None, ca, cb).ratio()


@dataclass(frozen=True)
class OfficialSection:
    ordinal: int
    number: str
    heading: str
    variants: tuple[str, ...]
    required: bool = True


@cache
def official_sections(version: str) -> tuple[OfficialSection, ...]:
    """The top-level sections of format ``version`` as the template declares them."""
    template = _template(version)
    if template is None:
        return ()
    out = []
    for spec in template.sections:
        # Sections without an ordinal are optional extras a format allows (pre-2019: 回应解读情况 …);
        # they are kept as ordinal 0 so that their headings are still recognised.
        ordinal = int(spec.ordinal or 0)
        out.append(
            OfficialSection(
                ordinal=ordinal,
                number=spec.number or (numeral(ordinal) if ordinal else ""),
                heading=spec.heading,
                variants=tuple(spec.variants),
                required=spec.required and ordinal > 0,
            )
        )
    return tuple(sorted(out, key=lambda s: (s.ordinal == 0, s.ordinal)))


@cache
def template_ordered(version: str) -> bool:
    """Whether the format fixes the order and numbering of its sections (pre-2019 did not)."""
    template = _template(version)
    return bool(template.get("ordered", True)) if template is not None else False


def _template(version: str) -> Template | None:
    try:
        return load_template(version)
    except TemplateError:
        return None


@dataclass(frozen=True)
class HeadingMatch:
    official: OfficialSection
    kind: str  # "canonical", "variant" (listed in the template) or "similar" (fuzzy)
    score: float


def match_heading(title: str, sections: Sequence[OfficialSection]) -> HeadingMatch | None:
    """Which official section a heading names, and how (canonically, by a variant, fuzzily)."""
    text = normalize_heading(title)
    if not text:
        return None
    best: HeadingMatch | None = None
    for official in sections:
        if text == normalize_heading(official.heading):
            return HeadingMatch(official, "canonical", 1.0)
        for variant in official.variants:
            if text == normalize_heading(variant):
                return HeadingMatch(official, "variant", 1.0)
    for official in sections:
        for candidate in (official.heading, *official.variants):
            score = heading_similarity(text, candidate)
            if score >= SIMILARITY and (best is None or score > best.score):
                best = HeadingMatch(official, "similar", score)
    return best


# A heading-like line that carries values is a table row (四、行政复议数量\t件\t0, 一、本年新收…\t3\t0…).
VALUES_AFTER = regex.compile(r"(?:[\t|]|\s{2,}).*\d|(?:\s+\d+){2,}\s*$")


def _is_table_row(report: Report, heading: Heading) -> bool:
    index = heading.span.start.line - 1
    if 0 <= index < len(report.lines) and report.lines[index].kind == "table_row":
        return True
    return _reads_as_table_row(heading.raw, heading.title)


@lru_cache(maxsize=4096)
def _reads_as_table_row(raw: str, title: str) -> bool:
    return bool(VALUES_AFTER.search(raw)) or bool(TABLE_ROW_HEADING.match(normalize_heading(title)))


def top_level_sections(report: Report) -> list[Section]:
    """The report's numbered top-level sections, table rows that look like headings excluded."""
    return remembered(report, "top_level", _top_level)


def _top_level(report: Report) -> list[Section]:
    return [s for s in report.sections if s.heading.level == 1 and not _is_table_row(report, s.heading)]


def identify_sections(report: Report) -> dict[int, Section]:
    """Official ordinal -> the report's section for it (first heading that names it).

    A section whose heading names no official section stands for the section its number says,
    when that one is not found by heading (``六、其他事项`` still scopes the sixth section).
    """
    return remembered(report, "identified", _identify)


def _identify(report: Report) -> dict[int, Section]:
    sections, matched = _analyse(report)
    found: dict[int, Section] = {}
    for section, match in matched:
        if match is not None and match.official.ordinal and match.official.ordinal not in found:
            found[match.official.ordinal] = section
    for section, match in matched:
        if match is None and section.ordinal not in found and any(o.ordinal == section.ordinal for o in sections):
            found[section.ordinal] = section
    return found


def _analyse(report: Report) -> tuple[tuple[OfficialSection, ...], list[tuple[Section, HeadingMatch | None]]]:
    """The official sections and, for each top-level section of the report, what it matches."""
    if report.format is None:
        return (), []
    return remembered(report, "analysed", _analysis)


def _analysis(report: Report) -> tuple[tuple[OfficialSection, ...], list[tuple[Section, HeadingMatch | None]]]:
    version = report.format or ""
    return official_sections(version), [(s, _match_in(version, s.heading.title)) for s in top_level_sections(report)]


@lru_cache(maxsize=4096)
def _match_in(version: str, title: str) -> HeadingMatch | None:
    """``match_heading`` against format ``version``'s sections (reports share most headings)."""
    return match_heading(title, official_sections(version))


def numbering_restarts(report: Report) -> list[tuple[Section, Section]]:
    """(last section before, first section after) for each place the top-level numbering starts
    again at 一、 (a report whose table part is numbered on its own)."""
    out = []
    sections = top_level_sections(report)
    for previous, section in pairwise(sections):
        if section.ordinal == 1 and previous.ordinal >= 2:
            out.append((previous, section))
    return out


@check_kind(
    "required-sections",
    provides=("ordinal", "heading", "before", "after"),
    lost_heading=Param(
        "str",
        default="skip",
        choices=("skip", "only", "include"),
        doc="a missing heading whose content is still there (the numbering jumps over it and its table or "
        "its content is found in the gap) is probably lost in conversion: skip it, report only it, or both",
    ),
    evidence=Param("dict", default={}, doc="official ordinal -> regex whose match in the gap shows the content"),
)
def required_sections(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Every section the format requires is present (recognised by its heading)."""
    sections, matched = _analyse(report)
    if not sections:
        return
    present = {m.official.ordinal for _, m in matched if m is not None}
    if not present:
        return  # no section recognised at all: the structure was not read (or this is no report)
    recognised = [(s, m.official) for s, m in matched if m is not None and m.official.ordinal]
    mode = params.get("lost_heading", "skip")
    for official in sections:
        if not official.required or official.ordinal in present:
            continue
        before = next((s for s, o in reversed(recognised) if o.ordinal < official.ordinal), None)
        after = next((s for s, o in recognised if o.ordinal > official.ordinal), None)
        lost = _heading_lost(report, official, before, after, params.get("evidence") or {})
        if (mode == "skip" and lost) or (mode == "only" and not lost):
            continue
        yield Hit(
            after.heading.span if after is not None else None,
            {
                "ordinal": official.number,
                "heading": official.heading,
                "before": before.heading.raw.strip() if before is not None else "",
                "after": after.heading.raw.strip() if after is not None else "",
            },
            matched=f"{official.number}、{official.heading}",
        )


def _heading_lost(
    report: Report,
    official: OfficialSection,
    before: Section | None,
    after: Section | None,
    evidence: Mapping[Any, Any],
) -> bool:
    """The numbering jumps over the missing section (三、 then 五、) and its content is in the gap:
    its heading line was lost (a PDF conversion, a missing page), the section itself was not."""
    if before is None or after is None or after.ordinal - before.ordinal != 2:
        return False
    start, end = before.heading.span.end.offset, after.heading.span.start.offset
    template = _template(report.format or "")
    if template is not None:
        for kind, spec in template.tables.items():
            if spec.section == official.ordinal:
                table = report.table(kind)  # type: ignore[arg-type]
                if table is not None and start <= table.span.start.offset < end:
                    return True
    pattern = evidence.get(official.ordinal) or evidence.get(str(official.ordinal))
    return bool(pattern) and _evidence(str(pattern)).search(report.text[start:end]) is not None


@lru_cache(maxsize=64)
def _evidence(pattern: str) -> Any:
    return safe_regex.compile(pattern, regex.DOTALL)


def _at_heading(section: Section, matched: str | None = None, **args: Any) -> Hit:
    """A finding on a section's heading, with its ``number`` and ``heading`` (the title)."""
    heading = section.heading
    shown = {"number": heading.number, "heading": heading.title.strip(), **args}
    return Hit(heading.span, shown, matched=heading.raw.strip() if matched is None else matched)


@check_kind("section-order", provides=("number", "heading", "expected_number", "official_heading"))
def section_order(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """Recognised sections come in the official order and carry their official number.

    A report whose numbering starts again (numbering-restart) is reported once there instead."""
    if report.format is None or not template_ordered(report.format) or numbering_restarts(report):
        return
    _, matched = _analyse(report)
    seen: set[int] = set()
    highest = 0
    for section, match in matched:
        if match is None or match.official.ordinal in seen or match.official.ordinal == 0:
            continue
        official = match.official
        seen.add(official.ordinal)
        out_of_sequence = official.ordinal < highest
        wrong_number = section.ordinal != official.ordinal
        highest = max(highest, official.ordinal)
        if out_of_sequence or wrong_number:
            yield _at_heading(section, expected_number=official.number, official_heading=official.heading)


@check_kind("duplicate-sections", provides=("number", "heading", "first_line"))
def duplicate_sections(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """No official section appears twice, and no unrecognised heading reuses a top-level number.

    A recognised section under a reused number is reported by section-order (wrong number), not here;
    a report whose numbering starts again is reported once by numbering-restart.
    """
    if report.format is None or not template_ordered(report.format) or numbering_restarts(report):
        return
    _, matched = _analyse(report)
    by_official: dict[int, Section] = {}
    by_number: dict[int, Section] = {}
    for section, match in matched:
        first = None
        if match is not None and match.official.ordinal:
            first = by_official.setdefault(match.official.ordinal, section)
        elif match is None:
            first = by_number.get(section.ordinal)
        by_number.setdefault(section.ordinal, section)
        if first is not None and first is not section:
            yield _at_heading(section, first_line=first.heading.span.start.line)


@check_kind(
    "extra-sections",
    provides=("number", "heading", "last_number", "last_heading"),
    unrecognised=Param("bool", default=False, doc="also report top-level headings that name no official section"),
)
def extra_sections(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """No top-level section beyond the last official one (a 七、 in a six-part format)."""
    if report.format is None or not template_ordered(report.format):
        return
    sections, matched = _analyse(report)
    numbered = [o for o in sections if o.ordinal > 0]
    if not numbered:
        return
    last = numbered[-1].ordinal
    for section, match in matched:
        beyond = section.ordinal > last and match is None
        if beyond or (params.get("unrecognised") and match is None and section.ordinal <= last):
            yield _at_heading(section, last_number=numbered[-1].number, last_heading=numbered[-1].heading)


@check_kind("numbering-restart", provides=("number", "heading", "previous"))
def numbering_restart(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The top-level numbering starts again at 一、 within the report."""
    if report.format is None or not template_ordered(report.format):
        return
    for previous, section in numbering_restarts(report):
        yield _at_heading(section, previous=previous.heading.raw.strip())


@check_kind("heading-variant", provides=("number", "heading", "canonical"))
def heading_variant(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A recognised section whose heading is not worded as the format words it."""
    _, matched = _analyse(report)
    for section, match in matched:
        if match is None or match.kind == "canonical":
            continue
        yield _at_heading(section, canonical=f"{match.official.number}、{match.official.heading}")


@check_kind(
    "overview-areas",
    section=Param("int", default=1, doc="the official section that must cover the areas (一、总体情况)"),
    provides=("missing", "number", "heading"),
)
def overview_areas(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """The overview names each area the format asks it to cover (the template's ``areas``:
    主动公开、依申请公开、政府信息管理、平台建设、监督保障), in a heading or in its text."""
    ordinal = int(params.get("section") or 1)
    areas = _overview_areas(report.format or "", ordinal)
    section = identify_sections(report).get(ordinal) if areas else None
    if section is None or section.span is None:
        return
    written = report.text[section.span.start.offset : section.span.end.offset]
    # A name found as written is found once markup is removed (names hold no markup): the markup is
    # removed only when some area is not found as written, and only those areas are looked for again.
    missing = [(label, names) for label, names in areas if not any(map(written.__contains__, names))]
    if missing:
        text = MARKUP.sub("", written)
        missing = [(label, names) for label, names in missing if not any(map(text.__contains__, names))]
    if missing:
        labels = "、".join(label for label, _ in missing)
        yield _at_heading(section, matched=labels, missing=labels)


@cache
def _overview_areas(version: str, ordinal: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, names without markup) of each area that section ``ordinal`` of format ``version``
    must cover (none when the format asks for none)."""
    template = _template(version)
    spec = next((s for s in template.sections if s.ordinal == ordinal), None) if template else None
    if spec is None:
        return ()
    return tuple((a.label, tuple(_unmarked(name) for name in (a.label, *a.aliases))) for a in spec.areas)


@lru_cache(maxsize=1024)
def _unmarked(name: str) -> str:
    return MARKUP.sub("", name)


NOTHING = regex.compile(r"^[\s　]*(?:无|暂无|没有|无其他需要报告的事项|略)?[。.．]?[\s　]*$")


@check_kind(
    "empty-section",
    sections=Param("list[int]", required=True, doc="official section numbers that must have content"),
    provides=("number", "heading", "body"),
)
def empty_section(report: Report, params: Mapping[str, Any], ctx: CheckContext) -> Iterable[Hit]:
    """A section whose body is empty or only says 无/暂无."""
    found = identify_sections(report)
    for ordinal in params["sections"]:
        section = found.get(ordinal)
        if section is None or section.span is None:
            continue
        body = report.text[section.heading.span.end.offset : section.span.end.offset]
        if report.tables and any(
            section.heading.span.end.offset <= t.span.start.offset < section.span.end.offset for t in report.tables
        ):
            continue
        if NOTHING.match(body):
            yield _at_heading(section, body=body.strip())
