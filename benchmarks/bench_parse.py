"""Parser benchmark (not a test): time per report and per MB on generated reports.

    python benchmarks/bench_parse.py            # 10 KB in every layout, and 1 MB
    python benchmarks/bench_parse.py --quick    # fewer repetitions

Reports the median over repetitions of ``parse_text`` with and without the table extraction
(``govlint.tables``), so the parser's own cost and the full cost are both visible.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import govlint.parsing as parsing
from govlint.testing.generate import LAYOUTS, generate


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up (parser build, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


_EXTRACT_TABLES = parsing.extract_tables


def with_tables(enabled: bool) -> None:
    """Switch the table extraction on or off for the measurements (the parser calls
    ``govlint.parsing.extract_tables``)."""
    parsing.extract_tables = _EXTRACT_TABLES if enabled else (lambda report: [])  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat_small, repeat_large = (50, 3) if args.quick else (300, 7)

    print(f"{'report':<28}{'bytes':>10}{'parser ms':>12}{'+tables ms':>12}{'parser ms/MB':>14}")
    for size, layouts, repeat in ((10_000, LAYOUTS, repeat_small), (1_000_000, ("tabs", "spaces"), repeat_large)):
        for layout in layouts:
            text = generate(size, seed=7, layout=layout)
            nbytes = len(text.encode("utf-8"))
            with_tables(False)
            bare = median_ms(lambda text=text: parsing.parse_text(text), repeat)
            with_tables(True)
            full = median_ms(lambda text=text: parsing.parse_text(text), repeat)
            per_mb = bare / (nbytes / 1_000_000)
            print(f"{f'{size // 1000} KB {layout}':<28}{nbytes:>10}{bare:>12.3f}{full:>12.3f}{per_mb:>14.1f}")


if __name__ == "__main__":
    main()
