"""Wall time of ``govlint check one-report.txt`` from process start, as an editor runs it.

Each run is a fresh ``python -m govlint check`` process (imports, rule loading, grammar loading,
parsing, every rule, output) on one generated report of about 10 KB, without the result cache
(``--no-cache``: an editor re-checks a file because it changed), the same with an empty user cache
directory (the very first run on a machine, which builds the derived tables and parsers kept
there, see govlint.usercache), ``govlint parse``, and, for comparison, with a warm result cache.
Prints the median and the spread of the runs, and the time of a bare ``python -c pass``.

    python benchmarks/bench_cli_startup.py [--runs 15] [--size 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govlint.testing.generate import generate


def wall_times(command: list[str], runs: int, cwd: Path, fresh_user_cache: bool = False) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run; CPU time (user + system) is less disturbed by other load.
    ``fresh_user_cache``: each run with an empty user cache directory (a first run on a machine)."""
    times = []
    for _ in range(runs):
        env = None
        if fresh_user_cache:
            env = dict(os.environ, XDG_CACHE_HOME=tempfile.mkdtemp(dir=cwd))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        times.append((wall, cpu))
    return times


def describe(label: str, times: list[tuple[float, float]]) -> str:
    wall = sorted(w * 1000 for w, _ in times)
    cpu = sorted(c * 1000 for _, c in times)
    return (
        f"{label:<30} wall median {statistics.median(wall):5.0f} ms (min {wall[0]:5.0f}, max {wall[-1]:5.0f})"
        f"   CPU median {statistics.median(cpu):5.0f} ms   (n={len(times)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=int, default=10_000, help="report size in bytes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = work / "report.txt"
        report.write_text(generate(args.size, seed=7, layout="tabs"), encoding="utf-8")
        size = report.stat().st_size
        check = [sys.executable, "-m", "govlint", "check", "--isolated", "report.txt"]
        print(f"one report of {size} bytes; {args.runs} runs each")
        print(describe("python -c pass", wall_times([sys.executable, "-c", "pass"], args.runs, work)))
        print(describe("govlint check (no cache)", wall_times([*check, "--no-cache"], args.runs, work)))
        print(describe("  first run (empty user cache)", wall_times([*check, "--no-cache"], args.runs, work, True)))
        parse = [sys.executable, "-m", "govlint", "parse", "report.txt"]
        print(describe("govlint parse", wall_times(parse, args.runs, work)))
        wall_times(check, 1, work)  # fill the cache
        print(describe("govlint check (cached result)", wall_times(check, args.runs, work)))


if __name__ == "__main__":
    main()
