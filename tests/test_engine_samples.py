"""Golden outputs of the parse, table and arithmetic rules (GL0xx, GL4xx, GL5xx) on the shared
sample reports. Every error-level finding in these files was checked by hand to be a real defect
of the text. Regenerate after an intended change with ``GOVLINT_UPDATE_GOLDEN=1 pytest
tests/test_engine_samples.py`` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govlint.engine import lint, load_rules
from govlint.parsing import parse_file

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
GOLDEN = Path(__file__).resolve().parent / "fixtures" / "engine" / "golden"
SELECTION = ["GL0", "GL4", "GL5"]


def _samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []


def render(path: Path) -> str:
    rules = load_rules().select(select=SELECTION)
    findings = lint(parse_file(str(path)), rules)
    lines = [f"{f.span.line}:{f.span.column} {f.code} {f.severity} {f.message('zh')}" for f in findings]
    return "\n".join(lines) + "\n" if lines else ""


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not present")
@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.name)
def test_sample_golden_output(sample: Path) -> None:
    golden = GOLDEN / f"{sample.stem}.txt"
    actual = render(sample)
    if os.environ.get("GOVLINT_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden output for {sample.name}; run with GOVLINT_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")
