"""The user cache of derived data: reused while its source is unchanged, never trusted blindly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govlint import usercache
from govlint.checks import agency
from govlint.cli import _command_word, build_parser


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    usercache.user_cache_dir.cache_clear()
    yield tmp_path / "govlint"
    usercache.user_cache_dir.cache_clear()


def test_computed_once_then_reused(cache_home: Path) -> None:
    calls = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    assert usercache.cached_json("thing", "source-1", compute) == {"a": 1}
    assert usercache.cached_json("thing", "source-1", compute) == {"a": 1}
    assert len(calls) == 1
    assert usercache.cached_json("thing", "source-2", compute) == {"a": 1}
    assert len(calls) == 2
    assert oct(cache_home.stat().st_mode & 0o777) == oct(0o700)


def test_corrupt_or_misshapen_entries_are_recomputed(cache_home: Path) -> None:
    usercache.cached_json("thing", "k", lambda: [1, 2])
    entry = cache_home / "thing.json"
    entry.write_text("{not json", encoding="utf-8")
    assert usercache.cached_json("thing", "k", lambda: [3]) == [3]
    entry.write_text(json.dumps({"key": "k", "data": "wrong shape"}), encoding="utf-8")
    assert usercache.cached_json("thing", "k", lambda: [4], lambda d: isinstance(d, list)) == [4]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_one_entry_per_name_whatever_its_source(cache_home: Path) -> None:
    for version in range(5):
        assert usercache.cached_json("thing", f"source-{version}", lambda v=version: v) == version
    assert [p.name for p in cache_home.iterdir()] == ["thing.json"]
    from govlint.engine import load_rule_file

    load_rule_file("mine.yaml", "rules: []\n")  # text handed in: not cached
    (cache_home.parent / "mine.yaml").write_text("rules: []\n", encoding="utf-8")
    load_rule_file(cache_home.parent / "mine.yaml")  # a user's rule file: not cached either
    assert [p.name for p in cache_home.iterdir()] == ["thing.json"]


def test_a_directory_others_can_write_is_not_used(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o777)
    assert usercache.user_cache_dir() is None
    assert usercache.cached_json("thing", "k", lambda: 5) == 5
    assert list(cache_home.iterdir()) == []


def test_area_codes_from_the_cache_equal_phonenumbers(cache_home: Path) -> None:
    agency.area_codes.cache_clear()
    try:
        first = agency.area_codes()
        agency.area_codes.cache_clear()
        assert agency.area_codes() == first == agency._derive_area_codes()
        assert first["951"] == ("宁夏", ("银川市",))
    finally:
        agency.area_codes.cache_clear()


def test_dispatcher_imports_only_the_command_it_runs() -> None:
    assert _command_word(["--version"]) is None
    assert _command_word(["check", "--fix", "a.txt"]) == "check"
    commands = build_parser("parse")._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == {"parse"}
    every = build_parser(None)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"check", "parse", "rules", "explain", "audit"} <= set(every)
    assert set(build_parser("nonsense")._subparsers._group_actions[0].choices) == set(every)  # type: ignore[union-attr]


def test_shipped_rule_files_and_templates_are_cached_unchanged(cache_home: Path) -> None:
    from govlint.engine.loader import _load_document
    from govlint.engine.yamlsource import from_json, json_form, load_yaml, same_document
    from govlint.resources import data_dir

    for rule_file in sorted(data_dir("rules").glob("*.yaml")):
        text = rule_file.read_text(encoding="utf-8")
        parsed = load_yaml(text)
        form = json_form(parsed)
        assert form is not None, rule_file.name
        assert same_document(from_json(json.loads(json.dumps(form))), parsed)
        assert same_document(_load_document(text, str(rule_file)), parsed)  # computed and stored
        assert same_document(_load_document(text, str(rule_file)), parsed)  # read back
    assert len(list(cache_home.glob("rule-file-*.json"))) == len(list(data_dir("rules").glob("*.yaml")))


def test_a_damaged_rule_file_entry_is_read_from_the_yaml(cache_home: Path) -> None:
    from govlint.engine.loader import _load_document
    from govlint.engine.yamlsource import load_yaml, same_document

    text = "rules:\n  - code: XT1\n    name: x\n"
    _load_document(text, "/rules/x.yaml")
    (entry,) = cache_home.glob("rule-file-*.json")
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["data"] = {"m": [["rules"]], "l": 1}  # truncated
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert same_document(_load_document(text, "/rules/x.yaml"), load_yaml(text))


def test_values_json_cannot_carry_are_not_cached(cache_home: Path) -> None:
    from govlint.engine.loader import _load_document
    from govlint.engine.yamlsource import same_document

    text = "when: 2024-01-05\n1: one\nflag: true\n"
    first = _load_document(text, "/rules/dated.yaml")
    assert same_document(_load_document(text, "/rules/dated.yaml"), first)
    assert type(first["when"]).__name__ == "date" and 1 in first and first["flag"] is True


def test_version_imports_no_sub_command() -> None:
    import subprocess
    import sys

    code = "import sys; from govlint.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
    code += "print(sorted(m for m in sys.modules if m.startswith('govlint.cli.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")
