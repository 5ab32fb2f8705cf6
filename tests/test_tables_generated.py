"""Round trip: reports drawn by govlint.testing.generate, rendered in each layout, read back.

The generator knows every cell it wrote, so the extractor must give exactly those cells back (or,
for flattened text, mark the tables unreliable).
"""

from __future__ import annotations

import pytest

from govlint.model import Report, Table
from govlint.tables import extract_tables
from govlint.tables.text import report_lines

generate = pytest.importorskip("govlint.testing.generate")


def read(text: str, year: int) -> dict[str, Table]:
    report = Report(path="<generated>", text=text, year=year)
    report.lines = report_lines(report)
    return {t.kind: t for t in extract_tables(report)}


def number(table: Table, row: str, col: str) -> object:
    cell = table.cell(row, col)
    if cell is None:
        return "missing"
    return cell.value if cell.kind == "number" else cell.raw or None


@pytest.mark.parametrize("layout", ["tabs", "cell-per-line", "pipe", "spaces"])
@pytest.mark.parametrize(("year", "seed"), [(2020, 1), (2022, 2), (2023, 7), (2019, 11)])
def test_generated_reports_read_back_exactly(layout: str, year: int, seed: int) -> None:
    spec = generate.make_spec(seed=seed, year=year)
    tables = read(generate.render(spec, layout), year)
    assert set(tables) == {"t2", "t3", "t4"}
    t3, t4, t2 = tables["t3"], tables["t4"], tables["t2"]
    assert t3.template == spec.format and t2.template == spec.format
    assert t3.reliable and t4.reliable and t2.reliable
    assert not t3.missing_rows and not t3.extra_rows and not t2.missing_rows
    for (row, col), value in spec.t3.items():
        assert number(t3, row, col) == value, (layout, row, col)
    for (row, col), value in spec.t4.items():
        assert number(t4, row, col) == value, (layout, row, col)
    for (row, col), text in spec.t2.items():
        assert number(t2, row, col) == (float(text) if "." in text else int(text)), (layout, row, col)


@pytest.mark.parametrize("seed", [3, 4])
def test_generated_flattened_reports_are_unreliable(seed: int) -> None:
    spec = generate.make_spec(seed=seed, year=2022)
    tables = read(generate.render(spec, "flattened"), 2022)
    assert {"t2", "t3", "t4"} <= set(tables)
    assert all(not t.reliable and t.layout == "flattened" for t in tables.values())
    t3 = tables["t3"]
    # values were written with spaces inside a row, so they are read as cells; never split digits
    for (row, col), value in spec.t3.items():
        assert number(t3, row, col) in (value, "missing")
