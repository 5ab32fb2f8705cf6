"""The core rules on the real sample reports: every error is a real defect, and the defects the
samples are known for are found. Skipped when ../shared/samples is absent."""

from pathlib import Path

import pytest

from govlint.engine import RuleSet, lint, load_rules
from govlint.parsing import parse_file

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
CATEGORIES = {"structure", "dates", "contact", "consistency", "typography"}

# Error-level findings of the core rules on the samples, each checked by hand (docs/rule-set.md).
ERRORS = {
    "003_8f13c6250060a023.txt": {("GL201", 7), ("GL205", 69)},  # period to 2021-12-31; signed 2020年1月4日
}
# Defects the samples are known for (not errors): (code, line).
KNOWN = {
    "000_5e35528bc28bd323.txt": {("GL301", 5), ("GL306", 5), ("GL702", 3)},
    "001_c2173b29a2f695bc.txt": {("GL203", 10), ("GL203", 22), ("GL203", 26)},
    "002_325a78626e0cba12.txt": {("GL307", 5), ("GL604", 73)},
    "003_8f13c6250060a023.txt": {("GL711", 7), ("GL308", 7)},
    "004_16a2895a5a091397.txt": {("GL701", 3), ("GL606", 115)},
    "real-009.txt": {("GL305", 10), ("GL307", 10)},
    "real-022.txt": {("GL108", 73)},
}


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet([r for r in load_rules() if r.category in CATEGORIES])


def _samples() -> list[str]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html") and p.name != "README.md")


@pytest.mark.parametrize("name", _samples() or ["(no samples)"])
def test_errors_on_samples_are_the_known_real_defects(name: str, rules: RuleSet) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is absent")
    findings = lint(parse_file(str(SAMPLES / name)), rules, {})
    errors = {(f.code, f.span.line) for f in findings if f.severity == "error"}
    assert errors == ERRORS.get(name, set()), [f.message("zh") for f in findings if f.severity == "error"]
    found = {(f.code, f.span.line) for f in findings}
    assert KNOWN.get(name, set()) <= found, sorted(found)
