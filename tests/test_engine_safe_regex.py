"""User patterns cannot hang the linter."""

from __future__ import annotations

import time

import pytest

from govlint import safe_regex


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+$", r"(\w+\s?)+$"])
def test_catastrophic_pattern_times_out_instead_of_hanging(pattern: str) -> None:
    compiled = safe_regex.compile(pattern, timeout=0.1)
    started = time.perf_counter()
    with pytest.raises(safe_regex.RegexTimeout):
        compiled.search("a" * 50_000 + "!")
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("method", ["search", "match", "fullmatch", "findall"])
def test_every_match_operation_is_bounded(method: str) -> None:
    compiled = safe_regex.compile(r"(a+)+$", timeout=0.1)
    with pytest.raises(safe_regex.RegexTimeout):
        getattr(compiled, method)("a" * 50_000 + "!")


def test_finditer_is_bounded_as_a_whole() -> None:
    compiled = safe_regex.compile(r"(a+)+$", timeout=0.1)
    with pytest.raises(safe_regex.RegexTimeout):
        list(compiled.finditer("a" * 50_000 + "!"))


def test_ordinary_patterns_work() -> None:
    compiled = safe_regex.compile(r"0\d{2,3}-\d{7,8}")
    assert compiled.search("电话：0931-1234567").group() == "0931-1234567"
    assert [m.group() for m in compiled.finditer("0931-1234567、024-12345678")] == ["0931-1234567", "024-12345678"]
    assert compiled.fullmatch("0931-1234567") is not None
    assert compiled.sub("X", "tel 024-12345678") == "tel X"


def test_bad_pattern_is_a_clear_error() -> None:
    with pytest.raises(safe_regex.RegexError, match="invalid regular expression"):
        safe_regex.compile("(unclosed")
    with pytest.raises(safe_regex.RegexError, match="must be a string"):
        safe_regex.compile(3)  # type: ignore[arg-type]
