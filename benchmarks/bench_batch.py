"""Batch benchmark: reports/s, MB/s and peak memory for 1 job and for every core, against a baseline.

    python benchmarks/bench_batch.py                        # 1,000 reports, 3-30 KB (median 10 KB)
    python benchmarks/bench_batch.py --reports 1000,10000   # both corpus sizes of the issue's targets
    python benchmarks/bench_batch.py --same-size            # every report about 10 KB

For each corpus size the script generates a corpus of synthetic reports (govlint.testing.generate
with its own invented prose: five layouts, sizes from 3 to 30 KB around a 10 KB median, agencies
with four years each, and defects: unbalanced tables, broken carry-over and 现行有效件数, copied
sections and statistics, missing sections), then measures, each in a fresh process running a snapshot of the code:

- baseline: read every file, decode it and run one regular expression over it (one process);
- govlint with 1 job and with every core (no cache): parse, every rule, corpus rules; each run
  ``--repeat`` times (default 3), taking turns: the table shows the fastest run (other load on the
  machine only adds time), and a line after it the fastest, median and slowest;
- the cache: a first run filling an empty cache, then a second run over the unchanged corpus;
- ``govlint audit`` end to end (cache warm) writing HTML, CSV and JSON;
- where one report's time goes (read + parse, rules, batch summary, cache write and read).

Peak memory: the largest total PSS (proportional set size: pages that forked workers share with the
main process are counted once, split between them) of the measuring process and its workers,
sampled every 50 ms, and the peak RSS of the main process and of the largest worker
(``resource.getrusage``). It is not a timed test: run it by hand, on a quiet machine.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from govlint.testing.generate import LAYOUTS, make_spec, render

_PLACE_CHARS = "东西南北青白红金银玉翠云松柳梅竹桃杏荷枫石铁铜锡临望观听栖凤龙虎鹤鹿雁燕莺鹭鸥鹏"
_PLACES = tuple(
    a + b
    for a, b in zip(
        _PLACE_CHARS, "湖岭关塘石沙桥川滩泉屏溪林岸园海源坛塘桥门岭山坪江海澜涛霞鸣潭丘岗城荡归歌岛盟程", strict=True
    )
)
_CITIES = ("青禾市", "云岭县", "东澜市", "北岸区", "松川县", "南屿市")
_DEPARTMENTS = (
    "文化和旅游局",
    "自然资源局",
    "交通运输局",
    "卫生健康委员会",
    "市场监督管理局",
    "教育局",
    "生态环境局",
    "住房和城乡建设局",
    "农业农村局",
    "水利局",
    "民政局",
    "司法局",
)
_SUBJECTS = ("本机关", "我局", "办公室", "各科室", "政务公开工作小组", "信息中心", "法规科", "综合科")
_ACTIONS = (
    "梳理完善",
    "动态更新",
    "集中发布",
    "逐项核查",
    "定期通报",
    "分类整理",
    "专题解读",
    "跟踪督办",
    "细化落实",
    "统筹推进",
    "规范办理",
    "及时回应",
)
_OBJECTS = (
    "主动公开目录",
    "财政预决算信息",
    "重点项目进展",
    "行政许可结果",
    "执法检查情况",
    "政策解读材料",
    "依申请公开台账",
    "政务新媒体栏目",
    "建议提案办理结果",
    "公共服务事项清单",
    "规范性文件清理结果",
    "重大决策征求意见",
    "应急管理信息",
    "民生实事进展",
    "双随机抽查结果",
)
_MANNERS = (
    "做到应公开尽公开",
    "确保内容准确规范",
    "方便群众查阅",
    "回应社会关切",
    "提升公开实效",
    "严格审查保密事项",
    "加强部门协同",
    "压实工作责任",
)


def _paragraph(rng: random.Random) -> str:
    parts = [
        f"{rng.choice(_SUBJECTS)}{rng.choice(_ACTIONS)}{rng.choice(_OBJECTS)}{rng.randint(2, 90)}项，"
        + rng.choice(_MANNERS)
        for _ in range(rng.randint(3, 5))
    ]
    return "；".join(parts) + "。"


_APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def _chain(previous: dict, spec: object) -> None:
    """Make this year's carried-in applications equal last year's carried-out ones (EQ-X-1)."""
    t3 = spec.t3  # type: ignore[attr-defined]
    for column in _APPLICANTS:
        carried_in = previous.get(("四", column)) or 0
        t3[("二", column)] = carried_in
        t3[("一", column)] = max(0, (t3[("三.七", column)] or 0) + (t3[("四", column)] or 0) - carried_in)
        t3[("三.七", column)] = t3[("一", column)] + carried_in - (t3[("四", column)] or 0)
    for row in {key for key, _ in t3}:
        t3[(row, "总计")] = sum(t3.get((row, c)) or 0 for c in _APPLICANTS)


def _chain_stock(previous: dict, spec: object) -> None:
    """This year's 现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (EQ-X-2)."""
    t2 = spec.t2  # type: ignore[attr-defined]
    for row in ("规章", "行政规范性文件"):
        issued, repealed = int(t2[(row, "本年制发件数")]), int(t2[(row, "本年废止件数")])
        last = int(previous.get((row, "现行有效件数"), "0"))
        repealed = min(repealed, last + issued)
        t2[(row, "本年废止件数")] = str(repealed)
        t2[(row, "现行有效件数")] = str(last + issued - repealed)


def generate_corpus(directory: Path, count: int, kb: int = 10, seed: int = 7, mixed: bool = True) -> int:
    """Write ``count`` reports under ``directory``; returns the total size in bytes. ``mixed``:
    sizes from 0.3 to 3 times ``kb`` (median ``kb``); otherwise every report is about ``kb``."""
    rng = random.Random(seed)
    agencies = [f"{city}{place}{dept}" for city in _CITIES for place in _PLACES for dept in _DEPARTMENTS]
    rng.shuffle(agencies)
    years_per_agency = 4  # 6 cities × 40 places × 12 departments × 4 years = 11,520 reports at most
    total = 0
    made = 0
    for index, agency in enumerate(agencies):
        previous_t3: dict | None = None
        previous_t2: dict | None = None
        previous_paragraphs: list[str] | None = None
        previous_tables: tuple[str, dict, dict, dict] | None = None
        first_year = 2019 + index % 4
        layout = LAYOUTS[index % len(LAYOUTS)]
        for year in range(first_year, first_year + years_per_agency):
            if made >= count:
                return total
            spec = make_spec(seed=rng.randrange(1 << 30), year=year, agency=agency)
            spec.paragraphs = [_paragraph(rng) for _ in range(12)]
            if previous_t3 is not None and rng.random() > 0.05:  # 5 %: carry-over broken
                _chain(previous_t3, spec)
            if previous_t2 is not None and spec.format == "2021" and rng.random() > 0.05:
                _chain_stock(previous_t2, spec)  # 5 %: 现行有效件数 not continued
            if previous_paragraphs is not None and rng.random() < 0.03:  # 3 %: text copied from last year
                spec.paragraphs = list(previous_paragraphs)
            if previous_tables is not None and previous_tables[0] == spec.format and rng.random() < 0.02:
                _, t2, t3, t4 = previous_tables  # 2 %: last year's statistics published again
                spec.t2, spec.t3, spec.t4 = dict(t2), dict(t3), dict(t4)
            if rng.random() < 0.04:  # 4 %: an unbalanced 表三
                spec.t3[("一", "自然人")] = (spec.t3[("一", "自然人")] or 0) + 1
            if rng.random() < 0.03:  # 3 %: a section left out
                spec.sections = tuple(s for s in spec.sections if not s.startswith("五"))
            size = int(kb * 1000 * (rng.choice((0.3, 0.6, 1.0, 1.0, 1.0, 1.5, 3.0)) if mixed else 1.0))
            text = render(spec, layout)
            paragraph_bytes = sum(len(p.encode()) for p in spec.paragraphs) // len(spec.paragraphs) + 1
            filler = max(0, size - len(text.encode())) // paragraph_bytes
            text = render(spec, layout, filler=filler)
            path = directory / f"{index // 100:03d}" / f"{index:05d}-{year}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            total += len(text.encode())
            made += 1
            previous_t3 = dict(spec.t3)
            previous_t2 = dict(spec.t2) if spec.format == "2021" else None
            previous_paragraphs = spec.paragraphs
            previous_tables = (spec.format, dict(spec.t2), dict(spec.t3), dict(spec.t4))
    return total


# --- measuring (each in its own process) -------------------------------------------------------------


def _peak_mb() -> tuple[float, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KB on Linux, bytes on macOS
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


class MemorySampler:
    """The largest total proportional set size (PSS: pages shared between processes, such as
    those forked workers share with the main process, are split between them, not counted in each)
    of the process ``pid`` and its children, sampled every 50 ms from the benchmark's own process
    (Linux; 0 elsewhere), so that the measured run has no extra thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    @staticmethod
    def _children(pid: int) -> list[int]:
        found: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                    found.extend(int(c) for c in handle.read().split())
        except OSError:
            pass
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            pids = [self.pid, *self._children(self.pid)]
            self.peak_kb = max(self.peak_kb, sum(self._pss(pid) for pid in pids))


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers (user + system): what the run costs
    whatever else the machine is doing, unlike the wall-clock time on a shared machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_baseline(directory: Path) -> dict:
    pattern = re.compile(r"共收到政府信息公开申请(\d+)件")
    started, cpu_before = time.perf_counter(), _cpu_seconds()
    files = matches = 0
    for path in sorted(directory.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        matches += len(pattern.findall(text))
        files += 1
    elapsed = time.perf_counter() - started
    own, children = _peak_mb()
    return {
        "files": files,
        "seconds": elapsed,
        "cpu_seconds": _cpu_seconds() - cpu_before,
        "peak_main_mb": own,
        "peak_worker_mb": children,
        "matches": matches,
    }


def measure_govlint(directory: Path, jobs: int, cache_dir: str | None) -> dict:
    from govlint import batch
    from govlint.config import Settings

    paths = sorted(directory.rglob("*.txt"))
    started, cpu_before = time.perf_counter(), _cpu_seconds()
    run = batch.run(
        paths,
        Settings(),
        jobs=jobs,
        use_cache=cache_dir is not None,
        cache_dir=cache_dir,
        ordered=False,
        progress=False,
    )
    findings = 0
    by_code: dict[str, int] = {}
    for outcome in run:
        findings += len(outcome.findings)
        for f in outcome.findings:
            by_code[f.code] = by_code.get(f.code, 0) + 1
    for f in run.corpus_findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    elapsed = time.perf_counter() - started
    own, children = _peak_mb()
    cpu = _cpu_seconds() - cpu_before
    import govlint

    return {
        "govlint": str(Path(govlint.__file__).parent),
        "files": run.stats.files,
        "seconds": elapsed,
        "findings": findings + len(run.corpus_findings),
        "corpus_findings": len(run.corpus_findings),
        "cached": run.stats.cached,
        "cpu_seconds": cpu,
        "peak_main_mb": own,
        "peak_worker_mb": children,
        "by_code": dict(sorted(by_code.items())),
    }


def snapshot(target: Path) -> Path:
    """Copy govlint and its data (rules, grammars, templates) to ``target``: every run of the
    benchmark then measures the same code, and the cache is not invalidated by edits made to the
    working tree while the benchmark runs (its key covers govlint's sources and rule files)."""
    source = Path(__file__).resolve().parents[1]
    for name in ("govlint", "rules", "grammars", "templates"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    # byte-compiled now, as an installed package is: otherwise the first measured run (1 job) would
    # also pay for compiling every module (always, where PYTHONDONTWRITEBYTECODE is set)
    compileall.compile_dir(target / "govlint", quiet=1)
    return target


def measure_stages(directory: Path, sample: int = 300) -> dict:
    """Where one report's time goes (1 process, the first ``sample`` files, milliseconds each):
    reading and parsing, the rules, the batch summary, a cache entry's write and read."""
    import tempfile as tmp

    from govlint.batch.cache import CacheEntry, ResultCache
    from govlint.batch.summary import summarize
    from govlint.config import Settings
    from govlint.engine import lint
    from govlint.lint import selected_rules
    from govlint.parsing import parse_file

    paths = sorted(directory.rglob("*.txt"))[:sample]
    rules = selected_rules(Settings())
    lint(parse_file(paths[0]), rules, {})  # load lazily loaded tables first
    times = dict.fromkeys(("read + parse", "rules", "summary (batch)", "cache write", "cache read"), 0.0)
    cache = ResultCache(tmp.mkdtemp())
    for i, path in enumerate(paths):
        t0 = time.perf_counter()
        report = parse_file(path)
        t1 = time.perf_counter()
        findings = lint(report, rules, {})
        t2 = time.perf_counter()
        summary = summarize(report)
        t3 = time.perf_counter()
        cache.put(f"{i:040x}", CacheEntry(findings, summary))
        t4 = time.perf_counter()
        cache.get(f"{i:040x}", str(path))
        t5 = time.perf_counter()
        for name, seconds in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            times[name] += seconds
    return {name: 1000 * seconds / len(paths) for name, seconds in times.items()}


def measure_audit(directory: Path, jobs: int, cache_dir: str | None) -> dict:
    """``govlint audit`` end to end (with the cache filled by the runs before it): what an office
    waits for, writers included."""
    from govlint.cli import main as govlint

    outputs = [directory.parent / f"audit.{ext}" for ext in ("html", "csv", "json")]
    command = ["audit", str(directory), "--isolated", "--exit-zero", "--jobs", str(jobs), "--no-progress"]
    command += ["--cache-dir", cache_dir] if cache_dir else ["--no-cache"]
    for output in outputs:
        command += ["--report", str(output)]
    started, cpu_before = time.perf_counter(), _cpu_seconds()
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        saved, sys.stdout = sys.stdout, quiet
        try:
            govlint(command)
        finally:
            sys.stdout = saved
    elapsed = time.perf_counter() - started
    own, children = _peak_mb()
    cpu = _cpu_seconds() - cpu_before
    files = sum(1 for _ in directory.rglob("*.txt"))
    sizes = {o.suffix[1:]: o.stat().st_size for o in outputs}
    return {
        "files": files,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "peak_main_mb": own,
        "peak_worker_mb": children,
        "output_bytes": sizes,
    }


def _child(kind: str, directory: Path, jobs: int = 1, cache_dir: str | None = None, code: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--child", kind, "--dir", str(directory), "--jobs", str(jobs)]
    if cache_dir:
        command += ["--cache-dir", cache_dir]
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with child, MemorySampler(child.pid) as sampler:
        out, err = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{err}")
    result: dict = json.loads(out.strip().splitlines()[-1])
    result["peak_total_pss_mb"] = sampler.peak_kb / 1024
    return result


def _fastest_of(repeat: int, corpus: Path, code: Path, runs: dict[str, int]) -> dict[str, dict]:
    """Each of ``runs`` (name → jobs) ``repeat`` times, taking turns; for each, the figures of its
    fastest run, with every run's seconds in ``all_seconds``. The fastest, as timeit reports: other
    load on the machine only ever adds time, so the fastest run is the closest to govlint's own cost."""
    results: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, jobs in runs.items():
            results[name].append(_child("govlint", corpus, jobs, code=code))
    fastest = {}
    for name, measured in results.items():
        best = min(measured, key=lambda r: r["seconds"])
        fastest[name] = {**best, "all_seconds": [r["seconds"] for r in measured]}
    return fastest


def _markdown(count: int, size: int, rows: dict) -> str:
    base = next(iter(rows.values()))["seconds"]
    lines = [
        f"{count:,} reports, {size / 1e6:.1f} MB:",
        "",
        "| run | seconds | reports/s | MB/s | time ÷ baseline | CPU seconds | peak memory (total PSS) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        pss = r.get("peak_total_pss_mb") or r["peak_main_mb"]
        lines.append(
            f"| {name} | {r['seconds']:.2f} | {r['files'] / r['seconds']:,.0f} | {size / 1e6 / r['seconds']:.1f} "
            f"| {r['seconds'] / base:,.0f}× | {r['cpu_seconds']:.2f} | {pss:.0f} MB |"
        )
    return "\n".join(lines)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", default="1000", help="comma-separated corpus sizes (default 1000)")
    parser.add_argument("--kb", type=int, default=10, help="median report size in KB (default 10)")
    parser.add_argument("--same-size", action="store_true", help="every report about --kb KB (default: mixed sizes)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=3,
        help="uncached runs of 1 job and of every core, taking turns; the fastest is shown (default 3)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        directory = Path(args.dir)
        if args.child == "baseline":
            result = measure_baseline(directory)
        elif args.child == "stages":
            result = measure_stages(directory)
        elif args.child == "audit":
            result = measure_audit(directory, args.jobs, args.cache_dir)
        else:
            result = measure_govlint(directory, args.jobs, args.cache_dir)
        print(json.dumps(result, ensure_ascii=False))
        return 0

    cores = os.cpu_count() or 1
    figures = []
    for count in (int(n) for n in args.reports.split(",")):
        workdir = Path(tempfile.mkdtemp(prefix="govlint-bench-"))
        try:
            corpus = workdir / "corpus"
            started = time.perf_counter()
            size = generate_corpus(corpus, count, args.kb, mixed=not args.same_size)
            print(f"\n{count} reports, {size / 1e6:.1f} MB, generated in {time.perf_counter() - started:.1f} s")
            code = snapshot(workdir / "code")
            # not measured: one small run fills the user cache (grammars, rule index) for this code,
            # which a first run on a new machine builds once and every later run reads back
            _child("govlint", min(corpus.iterdir()), 1, code=code)
            rows = {"baseline (read + 1 regex)": _child("baseline", corpus)}
            rows.update(_fastest_of(args.repeat, corpus, code, {"govlint, 1 job": 1, f"govlint, {cores} jobs": cores}))
            cache = str(workdir / "cache")
            rows[f"govlint, {cores} jobs, cache cold"] = _child("govlint", corpus, cores, cache, code=code)
            rows[f"govlint, {cores} jobs, cache warm"] = _child("govlint", corpus, cores, cache, code=code)
            rows["govlint audit → html+csv+json, cache warm"] = _child("audit", corpus, cores, cache, code=code)
            base = rows["baseline (read + 1 regex)"]["seconds"]
            print(
                f"{'run':34} {'s':>8} {'reports/s':>10} {'MB/s':>8} {'× baseline':>11} "
                f"{'RSS main+worker MB':>19} {'PSS total MB':>13} {'CPU s':>7} {'reports/CPU s':>14}"
            )
            for name, r in rows.items():
                rate = r["files"] / r["seconds"]
                peak = f"{r['peak_main_mb']:.0f}+{r['peak_worker_mb']:.0f}"
                print(
                    f"{name:34} {r['seconds']:8.2f} {rate:10.0f} {size / 1e6 / r['seconds']:8.1f} "
                    f"{r['seconds'] / base:11.1f} {peak:>19} {r.get('peak_total_pss_mb', 0):13.0f} "
                    f"{r['cpu_seconds']:7.2f} {r['files'] / r['cpu_seconds']:14.0f}"
                )
            warm_run = rows[f"govlint, {cores} jobs, cache warm"]
            if warm_run["cached"] != warm_run["files"]:
                print(
                    f"note: only {warm_run['cached']} of {warm_run['files']} results came from the cache "
                    "(govlint's sources or rule files changed between the two runs?)"
                )
            cold = rows[f"govlint, {cores} jobs, cache cold"]["seconds"]
            warm = rows[f"govlint, {cores} jobs, cache warm"]["seconds"]
            one = rows["govlint, 1 job"]
            per_core = one["files"] / one["seconds"]
            per_cpu = one["files"] / one["cpu_seconds"]
            print(
                f"per core (1 job): {per_core:.0f} reports/s ({per_cpu:.0f} per CPU second); "
                f"cached re-run {cold / warm:.1f}× faster; load average {os.getloadavg()[0]:.1f}"
            )
            for name in ("govlint, 1 job", f"govlint, {cores} jobs"):
                rates = sorted((rows[name]["files"] / s for s in rows[name]["all_seconds"]), reverse=True)
                print(
                    f"{name}, {len(rates)} runs: fastest {rates[0]:.0f}, median {statistics.median(rates):.0f}, "
                    f"slowest {rates[-1]:.0f} reports/s"
                )
            print(f"findings by rule: {one['by_code']}")
            stages = _child("stages", corpus, code=code)
            stages.pop("peak_total_pss_mb", None)
            print("per report, 1 process: " + ", ".join(f"{k} {v:.2f} ms" for k, v in stages.items()))
            written = rows["govlint audit → html+csv+json, cache warm"]["output_bytes"]
            print("audit files: " + ", ".join(f"{ext} {size / 1e6:.1f} MB" for ext, size in written.items()))
            figures.append({"reports": count, "bytes": size, "cores": cores, "runs": rows, "stages_ms": stages})
            print("\nMarkdown:\n")
            print(_markdown(count, size, rows))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
