"""The batch runner: parallel results identical to serial, streaming order, progress, the cache."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from batch_support import PROSE, carried_out, write_report

from govlint import batch
from govlint.batch.cache import PACKS, CacheEntry, ResultCache
from govlint.batch.runner import MIN_FILES_FOR_POOL, Progress
from govlint.config import Settings
from govlint.resources import data_dir

AGENCIES = (
    "青禾市文旅局",
    "云岭县人民政府",
    "东澜市交通运输局",
    "北岸区自然资源局",
    "松川县卫生健康委员会",
    "南屿市教育局",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Twelve reports: six agencies × 2022 and 2023, in several layouts, some with defects."""
    root = tmp_path_factory.mktemp("corpus")
    layouts = ("tabs", "pipe", "cell-per-line", "spaces")
    for i, agency in enumerate(AGENCIES):
        prose = PROSE.get(agency) or [
            f"{agency}第{k}项工作：{'依法公开各类政府信息并接受社会监督' * (k + 1)}" for k in range(6)
        ]
        last = write_report(root, f"{i}/a.txt", agency, 2022, seed=i, prose=prose, layout=layouts[i % 4])
        carried = carried_out(last)
        if i == 0:
            carried = {c: v + 1 for c, v in carried.items()}  # 青禾市文旅局: broken carry-over
        write_report(
            root, f"{i}/b.txt", agency, 2023, seed=100 + i, prose=prose, carried_in=carried, layout=layouts[i % 4]
        )
    paths = sorted(root.rglob("*.txt"))
    assert len(paths) >= MIN_FILES_FOR_POOL
    return paths


def flatten(run: batch.BatchRun) -> list[tuple[str, str, int, int, str]]:
    rows = [(f.path, f.code, f.span.start.line, f.span.start.column, f.message("zh")) for o in run for f in o.findings]
    rows += [(f.path, f.code, f.span.start.line, f.span.start.column, f.message("zh")) for f in run.corpus_findings]
    return rows


def test_parallel_results_are_identical_to_serial(corpus: list[Path]) -> None:
    serial = flatten(batch.run(corpus, Settings(), jobs=1, use_cache=False, progress=False))
    parallel = flatten(batch.run(corpus, Settings(), jobs=2, use_cache=False, progress=False))
    unordered = flatten(batch.run(corpus, Settings(), jobs=2, use_cache=False, ordered=False, progress=False))
    assert serial == parallel
    assert sorted(serial) == sorted(unordered)
    assert any(code == "GL801" for _, code, *_ in serial), "the broken carry-over must be found"


def test_results_stream_in_path_order_with_summaries(corpus: list[Path]) -> None:
    run = batch.run(corpus, Settings(), jobs=2, use_cache=False, progress=False)
    outcomes = list(run)
    assert [Path(o.path).name for o in outcomes] == [p.name for p in corpus]
    assert run.stats.files == len(corpus)
    agencies = {(o.summary.agency, o.summary.year) for o in outcomes if o.summary}
    assert ("青禾市文旅局", 2023) in agencies and ("云岭县人民政府", 2022) in agencies


def test_carry_over_is_checked_across_years_of_one_agency_only(corpus: list[Path]) -> None:
    run = batch.run(corpus, Settings(), jobs=1, use_cache=False, progress=False)
    list(run)
    gl801 = [f for f in run.corpus_findings if f.code == "GL801"]
    assert gl801 and {Path(f.path).parent.name for f in gl801} == {"0"}
    assert all(Path(f.path).name == "b.txt" for f in gl801)


def test_corpus_rules_follow_selection(corpus: list[Path]) -> None:
    settings = replace(Settings(), ignore=("GL8",))
    run = batch.run(corpus, settings, jobs=1, use_cache=False, progress=False)
    list(run)
    assert run.corpus_findings == []


def test_progress_bar_only_on_a_terminal(corpus: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    list(batch.run(corpus[:2], Settings(), jobs=1, use_cache=False))
    assert capsys.readouterr().err == ""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    list(batch.run(corpus[:2], Settings(), jobs=1, use_cache=False, progress=stream))
    assert "2/2 files" in stream.getvalue() and "files/s" in stream.getvalue()


def test_progress_line() -> None:
    line = Progress(200, io.StringIO()).line(50, 7, 10.0)
    assert "50/200 files · 7 findings · 5 files/s · 0:30 left" in line


# --- the cache ---------------------------------------------------------------------------------------


def _cached(run: batch.BatchRun) -> dict[str, bool]:
    return {Path(o.path).as_posix(): o.cached for o in run}


@pytest.fixture
def frozen_shipped_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache key reads the shipped rule files on every run; freeze them for the test, so that
    an edit made meanwhile in a working tree (not the test's own changes) cannot disturb it."""
    from govlint.batch import cache as cache_module

    snapshot = tmp_path / "shipped-rules"
    shutil.copytree(data_dir("rules"), snapshot)
    monkeypatch.setattr(cache_module, "data_dir", lambda name: snapshot if name == "rules" else data_dir(name))


@pytest.mark.usefixtures("frozen_shipped_rules")
def test_cache_reuses_results_and_is_invalidated_by_file_config_and_rules(corpus: list[Path], tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    files = corpus[:3]
    first = batch.run(files, Settings(), jobs=1, cache_dir=cache_dir, progress=False)
    before = flatten(first)
    assert not any(_cached(batch.run(files, Settings(), jobs=1, use_cache=False, progress=False)).values())
    second = batch.run(files, Settings(), jobs=1, cache_dir=cache_dir, progress=False)
    outcomes = list(second)
    assert all(o.cached for o in outcomes)
    assert [(f.path, f.code, f.span.start.line) for o in outcomes for f in o.findings] == [
        (p, c, line) for p, c, line, _, _ in before if c < "GL8"
    ]
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")

    # a changed file is recomputed, the others are not
    copies = [tmp_path / f"r{i}.txt" for i in range(3)]
    for src, dst in zip(files, copies, strict=True):
        dst.write_bytes(src.read_bytes())
    list(batch.run(copies, Settings(), jobs=1, cache_dir=cache_dir, progress=False))
    copies[1].write_text(copies[1].read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    states = list(_cached(batch.run(copies, Settings(), jobs=1, cache_dir=cache_dir, progress=False)).values())
    assert states == [True, False, True]

    # a changed configuration recomputes everything
    other = replace(Settings(), agency_type="人民政府")
    assert not any(_cached(batch.run(copies, other, jobs=1, cache_dir=cache_dir, progress=False)).values())

    # a user rule directory, then a change to a rule file in it, recompute everything
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = (
        "rules:\n  - code: XX901\n    name: no-placeholder\n    category: custom\n    severity: info\n"
        "    check: pattern-absent\n    params: {pattern: 'XXXX'}\n"
        "    message: {zh: '有占位符', en: 'placeholder'}\n    summary: {zh: '占位符', en: 'placeholder'}\n"
    )
    (rules / "custom.yaml").write_text(rule, encoding="utf-8")
    with_rules = replace(Settings(), rule_dirs=(str(rules),))
    assert not any(_cached(batch.run(copies, with_rules, jobs=1, cache_dir=cache_dir, progress=False)).values())
    assert all(_cached(batch.run(copies, with_rules, jobs=1, cache_dir=cache_dir, progress=False)).values())
    from govlint.lint import _load_rules

    (rules / "custom.yaml").write_text(rule.replace("XXXX", "YYYY"), encoding="utf-8")
    _load_rules.cache_clear()  # the rules of this process are loaded once; the cache key is not
    assert not any(_cached(batch.run(copies, with_rules, jobs=1, cache_dir=cache_dir, progress=False)).values())


@pytest.mark.usefixtures("frozen_shipped_rules")
def test_corrupt_cache_entries_are_ignored_and_rewritten(corpus: list[Path], tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    files = corpus[:2]
    expected = flatten(batch.run(files, Settings(), jobs=1, cache_dir=cache_dir, progress=False))
    lines = [line for pack in sorted(cache_dir.rglob("*.pack")) for line in pack.read_bytes().splitlines() if line]
    assert len(lines) == 2
    # One entry's JSON garbled, the other cut short by a crash (no line end): both are recomputed.
    damaged = {
        lines[0]: lines[0][: lines[0].index(b" ") + 1] + b"{not json\n",
        lines[1]: lines[1][: len(lines[1]) // 2],
    }
    packs: dict[Path, bytes] = {}
    (space,) = (cache_dir / "v4").iterdir()
    for line, broken in damaged.items():
        pack = space / f"{int(line[:2], 16) % PACKS:02x}.pack"
        packs[pack] = packs.get(pack, b"") + broken
    for pack, content in packs.items():
        pack.write_bytes(content)
    run = batch.run(files, Settings(), jobs=1, cache_dir=cache_dir, progress=False)
    assert flatten(run) == expected
    assert all(_cached(batch.run(files, Settings(), jobs=1, cache_dir=cache_dir, progress=False)).values())


@pytest.mark.usefixtures("frozen_shipped_rules")
def test_a_fully_cached_run_compiles_no_rule(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every file in the result cache, rules are selected and the corpus checks run from the
    rule index: the rule set is never loaded (compiled), and the results are the cold run's."""
    from govlint import lint, usercache
    from govlint.batch import rule_index

    monkeypatch.setattr(usercache, "user_cache_dir", lambda: tmp_path / "user-cache")
    (tmp_path / "user-cache").mkdir()
    cache_dir = tmp_path / "cache"
    cold = flatten(batch.run(corpus, Settings(), jobs=1, cache_dir=cache_dir, progress=False))
    # As in a new process: nothing in memory, the result cache and the rule index on disk.
    for memo in (lint._load_rules, lint.selected_rules, lint._rules_for_file, rule_index._index):
        memo.cache_clear()
    rule_index.selected_index.cache_clear()

    def compile_rules(rule_dirs: tuple[str, ...]) -> None:
        raise AssertionError("a fully cached run compiled the rules")

    monkeypatch.setattr(lint, "_load_rules", compile_rules)
    warm = batch.run(corpus, Settings(), jobs=1, cache_dir=cache_dir, progress=False)
    assert flatten(warm) == cold
    assert warm.stats.cached == len(corpus)
    assert warm.corpus_findings


@pytest.mark.usefixtures("frozen_shipped_rules")
def test_corpus_findings_are_reused_only_for_the_very_same_files(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govlint.batch import corpus as corpus_module

    real = corpus_module.run_corpus_rules
    calls: list[int] = []

    def counted(summaries: list, *args: object) -> list:
        calls.append(len(summaries))
        return real(summaries, *args)

    monkeypatch.setattr(corpus_module, "run_corpus_rules", counted)
    files = [tmp_path / "reports" / p.relative_to(corpus[0].parents[1]) for p in corpus]
    for src, dst in zip(corpus, files, strict=True):
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    cache_dir = tmp_path / "cache"

    def corpus_run(paths: list[Path], jobs: int = 1) -> list[tuple[str, str, int, int, str]]:
        run = batch.run(paths, Settings(), jobs=jobs, cache_dir=cache_dir, progress=False)
        return [row for row in flatten(run) if row[1] >= "GL8"]

    cold = corpus_run(files)
    assert cold and calls == [len(files)]
    assert corpus_run(files, jobs=2) == cold  # the same files, in another order of completion
    assert calls == [len(files)]

    assert corpus_run(files[1:]) != cold  # fewer files: compared again
    assert calls[-1] == len(files) - 1

    # one file changed: compared again, and the broken carry-over it held is gone
    assert any(row[0].endswith("0/b.txt") for row in cold)
    fixed = files[1].read_text(encoding="utf-8").replace("青禾市文旅局", "青禾市文化旅游局")
    files[1].write_text(fixed, encoding="utf-8")
    changed = corpus_run(files)
    assert calls[-1] == len(files) and len(calls) == 3
    assert not any(row[0].endswith("0/b.txt") and row[1] == "GL801" for row in changed)

    # a damaged record is ignored and rewritten
    (record,) = cache_dir.rglob("corpus.json")
    record.write_text('{"key": "', encoding="utf-8")
    assert corpus_run(files) == changed
    assert len(calls) == 4
    assert corpus_run(files) == changed
    assert len(calls) == 4


@pytest.mark.usefixtures("frozen_shipped_rules")
def test_parallel_run_fills_and_uses_the_cache(corpus: list[Path], tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cold = flatten(batch.run(corpus, Settings(), jobs=2, cache_dir=cache_dir, progress=False))
    warm_run = batch.run(corpus, Settings(), jobs=2, cache_dir=cache_dir, progress=False)
    assert flatten(warm_run) == cold
    assert warm_run.stats.cached == len(corpus)


def test_no_cache_writes_nothing(corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    list(batch.run(corpus[:2], Settings(), jobs=1, use_cache=False, progress=False))
    assert not (tmp_path / ".govlint_cache").exists()
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    list(batch.run(corpus[:2], Settings(), jobs=1, progress=False))
    assert (tmp_path / "elsewhere" / "CACHEDIR.TAG").is_file()


def test_stock_continuity_and_identical_tables_on_parsed_reports(tmp_path: Path) -> None:
    """现行有效件数 continued in one agency and not in the other; one agency's 2023 tables copied."""
    write_report(
        tmp_path, "a/1.txt", "青禾市文旅局", 2022, seed=1, stock={"规章": (2, 0, 12), "行政规范性文件": (5, 1, 30)}
    )
    write_report(
        tmp_path, "a/2.txt", "青禾市文旅局", 2023, seed=2, stock={"规章": (3, 1, 14), "行政规范性文件": (4, 2, 32)}
    )
    write_report(
        tmp_path, "b/1.txt", "云岭县人民政府", 2022, seed=3, stock={"规章": (1, 0, 8), "行政规范性文件": (6, 0, 40)}
    )
    write_report(
        tmp_path, "b/2.txt", "云岭县人民政府", 2023, seed=3, stock={"规章": (1, 0, 8), "行政规范性文件": (6, 0, 40)}
    )
    run = batch.run(sorted(tmp_path.rglob("*.txt")), Settings(), jobs=1, use_cache=False, progress=False)
    list(run)
    found = sorted((Path(f.path).parent.name + "/" + Path(f.path).name, f.code) for f in run.corpus_findings)
    gl802 = [item for item in found if item[1] == "GL802"]
    # 云岭县 2023: 规章 8 ≠ 8 + 1 − 0 and 行政规范性文件 40 ≠ 40 + 6 − 0; 青禾市 continues both
    assert gl802 == [("b/2.txt", "GL802"), ("b/2.txt", "GL802")]
    # seed 3 twice: 云岭县 2022 and 2023 have the same tables, data copied from one year to the next
    assert {item for item in found if item[1] == "GL805"} >= {("b/1.txt", "GL805"), ("b/2.txt", "GL805")}
    assert not [item for item in found if item[1] == "GL805" and item[0].startswith("a/")]


def test_a_cache_filled_without_corpus_checks_does_not_starve_them(corpus: list[Path], tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    quick = batch.run(corpus, Settings(), jobs=1, cache_dir=cache_dir, corpus=False, progress=False)
    assert all(not o.summary or not o.summary.sections for o in quick)
    full = batch.run(corpus, Settings(), jobs=1, cache_dir=cache_dir, progress=False)
    outcomes = list(full)
    assert not any(o.cached for o in outcomes)  # entries without sketches are not reused
    assert any(o.summary and o.summary.sections for o in outcomes)
    assert any(f.code == "GL801" for f in full.corpus_findings)


def test_cache_directory_can_be_deleted_while_running(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    cache.put("ab" + "0" * 38, CacheEntry([], None))
    shutil.rmtree(tmp_path / "cache")
    cache.put("ab" + "1" * 38, CacheEntry([], None))
    assert cache.get("ab" + "1" * 38, "x.txt") is not None
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file()


@pytest.mark.usefixtures("frozen_shipped_rules")
def test_lint_one_uses_the_cache(corpus: list[Path], tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    first = batch.lint_one(corpus[0], Settings(), cache)
    again = batch.lint_one(corpus[0], Settings(), cache)
    assert (first.cached, again.cached) == (False, True)
    assert [f.code for f in again.findings] == [f.code for f in first.findings]
    assert again.summary is not None and again.summary.agency == first.summary.agency  # type: ignore[union-attr]


def test_table_prints_count_informative_cells_only() -> None:
    from govlint.batch.summary import summarize
    from govlint.parsing import parse_text
    from govlint.testing.generate import make_spec, render

    spec = make_spec(seed=9, year=2023, agency="松川县教育局")
    for key in spec.t3:
        spec.t3[key] = 0
    for row in ("一", "三.一", "三.七"):  # one application, disclosed: six cells of 表三 hold a 1
        spec.t3[(row, "自然人")] = spec.t3[(row, "总计")] = 1
    summary = summarize(parse_text(render(spec, "tabs"), "one.txt"))
    assert summary.tables["t3"].nonzero == 2
    assert {"t2", "t3", "t4", "all"} <= set(summary.tables)
    again = summarize(parse_text(render(spec, "pipe"), "two.txt"))
    assert again.tables["all"].digest == summary.tables["all"].digest  # the layout does not matter


def test_cache_packs_are_shared_by_writers_and_read_back(tmp_path: Path) -> None:
    """Two writers (two workers) append to the same packs; a reader that indexed a pack still sees
    what it writes afterwards, and the newest line for a key wins."""
    first, second = ResultCache(tmp_path / "cache"), ResultCache(tmp_path / "cache")
    keys = [f"ab{i:038x}" for i in range(20)]
    assert first.get(keys[0], "x.txt") is None  # indexes the (missing) pack
    for i, key in enumerate(keys):
        (first if i % 2 else second).put(key, CacheEntry([], None, {1: f"第{i}行\n"}))
    assert [first.get(key, "x.txt").source_lines for key in keys if key in keys[1::2]] == [  # type: ignore[union-attr]
        {1: f"第{i}行\n"} for i in range(1, 20, 2)
    ]
    second.put(keys[0], CacheEntry([], None, {1: "newer"}))
    reader = ResultCache(tmp_path / "cache")
    assert [reader.get(key, "x.txt") is not None for key in keys] == [True] * 20
    assert reader.get(keys[0], "x.txt").source_lines == {1: "newer"}  # type: ignore[union-attr]
    (pack,) = (tmp_path / "cache").rglob("*.pack")
    assert len(pack.read_bytes().splitlines()) == 2 * 21  # each line after a blank one


def test_cache_keeps_environments_apart_and_forgets_stale_ones(tmp_path: Path) -> None:
    """Entries of another govlint, rule set or configuration live in their own directory: never
    read by a lookup, and removed once unused for STALE_DAYS when a new environment starts."""
    import os

    from govlint.batch.cache import STALE_DAYS

    cache = ResultCache(tmp_path / "cache")
    key = "cd" + "0" * 38
    cache.put(key, CacheEntry([], None, {1: "old"}), "environment-1")
    assert cache.get(key, "x.txt", "environment-2") is None
    assert cache.get(key, "x.txt", "environment-1").source_lines == {1: "old"}  # type: ignore[union-attr]
    (old,) = (tmp_path / "cache" / "v4").iterdir()
    long_ago = old.stat().st_mtime - (STALE_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    ResultCache(tmp_path / "cache").put(key, CacheEntry([], None), "environment-2")
    assert not old.exists()
    assert len(list((tmp_path / "cache" / "v4").iterdir())) == 1


def test_paths_are_shown_as_display_path_shows_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch resolves each directory once; symbolic links and ".." still resolve the same."""
    from govlint.batch.runner import _Shower
    from govlint.discovery import display_path

    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real" / "sub")
    (tmp_path / "file-link.txt").symlink_to(tmp_path / "real" / "sub" / "a.txt")
    monkeypatch.chdir(tmp_path / "real")
    paths = [
        "sub/a.txt",
        "./sub/../sub/a.txt",
        str(tmp_path / "linked" / "a.txt"),
        str(tmp_path / "linked" / ".." / "sub" / "a.txt"),  # ".." after a link: real/sub/.. = real
        str(tmp_path / "file-link.txt"),
        "missing/b.txt",
    ]
    shown = _Shower()
    assert [shown(p) for p in paths] == [display_path(p) for p in paths]


def test_fewer_garbage_collections_during_a_run_only(corpus: list[Path]) -> None:
    import gc

    from govlint.batch.runner import GC_THRESHOLD

    before = gc.get_threshold()
    run = batch.run(corpus[:2], Settings(), jobs=1, use_cache=False, progress=False)
    during = [gc.get_threshold()[0] for _ in run]
    assert during == [max(GC_THRESHOLD, before[0])] * 2
    assert gc.get_threshold() == before


_KILLED_WORKER = """
import os, signal, sys
from govlint.batch import runner
from govlint.cli import main

parent, run_task = os.getpid(), runner._run_task

def run_task_then_die(task, cache):
    if os.getpid() != parent and task.path.endswith("b.txt"):
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
    return run_task(task, cache)

runner._run_task = run_task_then_die
sys.exit(main(["check", "--jobs", "2", "--no-cache", "--isolated", *sys.argv[1:]]))
"""


def test_a_killed_worker_ends_the_run_with_an_error(corpus: list[Path]) -> None:
    # Before, the process pool waited forever for the killed worker's files.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _KILLED_WORKER, *map(str, corpus)], capture_output=True, text=True, timeout=10
    )
    assert done.returncode == 2, done.stderr
    assert "worker process stopped unexpectedly" in done.stderr
    assert "Traceback" not in done.stderr


def test_discovery_resolves_links_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk resolves symbolic links only (a directory's other entries lie in its resolved
    directory); it chooses, deduplicates and orders files as resolving every path does."""
    from govlint.discovery import discover, display_path, is_excluded, is_included

    root, outside = tmp_path / "root", tmp_path / "outside"
    for directory in (root / "a" / "drafts", root / "b", outside):
        directory.mkdir(parents=True)
    for name in ("a/1.txt", "a/drafts/2.txt", "b/3.md", "b/4.csv"):
        (root / name).write_text("x", encoding="utf-8")
    (outside / "5.txt").write_text("x", encoding="utf-8")
    (root / "b" / "link.txt").symlink_to(outside / "5.txt")  # outside the root: matched by name
    (root / "b" / "dirlink").symlink_to(root / "a")  # a link to a directory is not followed
    settings = replace(Settings(), root=str(root), exclude=("drafts",))
    monkeypatch.chdir(root / "a")

    targets, problems = discover([root, root / "b" / "link.txt"], lambda directory: settings)

    assert not problems
    assert [display_path(t.path) for t in targets] == ["../../outside/5.txt", "../b/3.md", "1.txt"]
    for target in targets:
        assert is_included(target.path, settings) or target.path.name == "link.txt"
        assert not is_excluded(target.path, settings)
    assert is_excluded(root / "a" / "drafts" / "2.txt", settings)
