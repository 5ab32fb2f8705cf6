"""Wall time of ``govlint check one-report.txt`` from process start, as an editor runs it.

Each run is a fresh ``python -m govlint check`` process (imports, rule loading, grammar loading,
parsing, every rule, output) on one generated report of about 10 KB, without the result cache
(``--no-cache``: an editor re-checks a file because it changed) and, for comparison, with a warm
cache. Prints the median and the spread of the runs, and the time of a bare ``python -c pass``.

    python benchmarks/bench_cli_startup.py [--runs 15] [--size 10000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govlint.testing.generate import generate


def wall_times(command: list[str], runs: int, cwd: Path) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return times


def describe(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"{label:<34} median {statistics.median(ms):6.0f} ms   min {ms[0]:6.0f}   max {ms[-1]:6.0f}   (n={len(ms)})"


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
        wall_times(check, 1, work)  # fill the cache
        print(describe("govlint check (cached result)", wall_times(check, args.runs, work)))


if __name__ == "__main__":
    main()
