"""Configuration files: discovery by walking up, validation messages, and the glob language."""

from __future__ import annotations

from pathlib import Path

import pytest

from govlint.config import (
    ConfigError,
    Overrides,
    clear_cache,
    find_config,
    parse_size,
    read_config_file,
    settings_from,
)
from govlint.discovery import discover, glob_match, is_excluded


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.govlint]\nlang = "en"\nignore = ["GL7"]\n')
    write(tmp_path / "city" / "govlint.toml", 'agency-type = "人民政府"\n')
    write(tmp_path / "city" / "county" / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.govlint]
    nested = find_config(tmp_path / "city" / "county")
    assert nested is not None and nested.path == (tmp_path / "city" / "govlint.toml").resolve()
    top = find_config(tmp_path / "other")
    assert top is not None and top.path.name == "pyproject.toml"
    settings = settings_from(top)
    assert settings.lang == "en" and settings.ignore == ("GL7",)
    assert settings_from(nested).agency_type == "人民政府"
    assert settings_from(nested).lang == "zh"  # the nearest file decides everything; no merging


def test_govlint_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.govlint]\nlang = "en"\n')
    write(tmp_path / "govlint.toml", 'lang = "zh"\n')
    found = find_config(tmp_path)
    assert found is not None and found.path.name == "govlint.toml"


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    config = write(
        tmp_path / "govlint.toml",
        """
select = ["GL1", "GL5"]
ignore = ["GL501"]
extend-select = ["GL701"]
exclude = ["drafts"]
include = ["*.txt"]
rule-dirs = ["my-rules"]
agency-type = "部门"
deadline-inclusive = false
lang = "en"
max-file-size = "500KB"
file-time-limit = 2.5
fail-level = "warning"

[per-file-ignores]
"archive/**/*.txt" = ["GL2"]

[severity]
GL701 = "warning"
""",
    )
    parsed = read_config_file(config)
    assert parsed is not None
    s = settings_from(parsed)
    assert s.select == ("GL1", "GL5") and s.ignore == ("GL501",) and s.extend_select == ("GL701",)
    assert s.exclude == ("drafts",) and s.include == ("*.txt",)
    assert s.rule_dirs == (str((tmp_path / "my-rules").resolve()),)
    assert s.agency_type == "部门" and s.deadline_inclusive is False and s.lang == "en"
    assert s.max_file_size == 500_000 and s.file_time_limit == 2.5 and s.fail_level == "warning"
    assert s.per_file_ignores == (("archive/**/*.txt", ("GL2",)),)
    assert s.severity_overrides == {"GL701": "warning"}
    assert s.engine_options() == {"agency_type": "部门", "deadline_inclusive": False}


@pytest.mark.parametrize(
    ("text", "named_key"),
    [
        ("colour = true\n", "`colour`: unknown key"),
        ('select = "GL1"\n', "`select`: must be a list of strings"),
        ('agency-type = "乡镇"\n', "`agency-type`: must be one of 部门 | 人民政府"),
        ('deadline-inclusive = "yes"\n', "`deadline-inclusive`: must be true or false"),
        ("max-file-size = -1\n", "`max-file-size`"),
        ('lang = "fr"\n', "`lang`: must be one of zh, en"),
        ('[severity]\nGL101 = "fatal"\n', "`severity.GL101`"),
        ('[per-file-ignores]\n"*.md" = "GL1"\n', "`per-file-ignores.*.md`"),
        ('rule-dirs = ["nowhere"]\n', "`rule-dirs`: 'nowhere' is not a directory"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, text: str, named_key: str) -> None:
    config = write(tmp_path / "govlint.toml", text)
    with pytest.raises(ConfigError) as info:
        read_config_file(config)
    assert str(config.resolve()) in str(info.value)
    assert named_key in str(info.value)


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", "[tool.govlint]\nbogus = 1\n")
    with pytest.raises(ConfigError, match=r"`tool\.govlint\.bogus`: unknown key"):
        read_config_file(config)


def test_command_line_overrides() -> None:
    base = settings_from(None)
    assert base.select == ("ALL",) and base.fail_level == "info" and base.lang == "zh"
    s = settings_from(None, Overrides(select=("GL5",), ignore=("GL501",), extend_select=("GL7",), lang="en"))
    assert (s.cli_select, s.cli_ignore, s.cli_extend_select, s.lang) == (("GL5",), ("GL501",), ("GL7",), "en")
    assert s.select == ("ALL",)  # the configuration's own choice is kept; the CLI is applied after it


def test_sizes() -> None:
    assert parse_size(1000) == 1000
    assert parse_size("2MB") == 2_000_000
    assert parse_size("10 kb") == 10_000
    assert parse_size("lots") is None and parse_size(0) is None and parse_size(True) is None


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.txt", "a/b/c.txt", True),  # no slash: matches the name at any depth
        ("drafts", "reports/drafts", True),
        ("reports/*.txt", "reports/a.txt", True),
        ("reports/*.txt", "reports/2020/a.txt", False),
        ("reports/**/*.txt", "reports/2020/q1/a.txt", True),
        ("reports/**/*.txt", "reports/a.txt", True),
        ("**/old", "x/y/old", True),
        ("202[0-2]/*.md", "2021/a.md", True),
        ("202[!0-2]/*.md", "2021/a.md", False),
        ("?.txt", "ab.txt", False),
        ("./reports/a.txt", "reports/a.txt", True),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_discovery_is_sorted_recursive_and_respects_include_and_exclude(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "notes.rst", "sub/c.txt", "drafts/d.txt", ".git/e.txt", "sub/x/y.TXT"]:
        write(tmp_path / name, "x")
    write(tmp_path / "govlint.toml", 'exclude = ["drafts"]\n')
    resolve = lambda d: settings_from(find_config(d))  # noqa: E731
    targets, problems = discover([tmp_path, tmp_path / "missing.txt"], resolve)
    names = [t.path.relative_to(tmp_path).as_posix() for t in targets]
    assert names == ["a.md", "b.txt", "sub/c.txt"]
    assert problems == [f"{tmp_path / 'missing.txt'}: no such file or directory"]


def test_explicit_files_skip_include_but_not_exclude(tmp_path: Path) -> None:
    write(tmp_path / "govlint.toml", 'exclude = ["drafts"]\n')
    notes = write(tmp_path / "notes.rst", "x")
    draft = write(tmp_path / "drafts" / "d.txt", "x")
    resolve = lambda d: settings_from(find_config(d))  # noqa: E731
    targets, _ = discover([notes, draft], resolve)
    assert [t.path for t in targets] == [notes]
    assert is_excluded(draft, resolve(draft.parent))


def test_duplicates_are_checked_once(tmp_path: Path) -> None:
    report = write(tmp_path / "a.txt", "x")
    targets, _ = discover([report, tmp_path, report], lambda d: settings_from(None))
    assert len(targets) == 1
