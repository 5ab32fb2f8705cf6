"""Realistic synthetic reports of any size, for benchmarks (parser, rules, batch).

Built on ``govlint.testing.generate`` (invented agencies, balanced tables, every layout); this
module only adds sizes, seeds and layouts in bulk, and a way to write a corpus to disk.

    python benchmarks/corpus.py OUT_DIR --count 200 --size 10000
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator
from pathlib import Path

from govlint.testing.generate import LAYOUTS, generate

YEARS = (2019, 2020, 2021, 2022, 2023, 2024)


def report(size: int = 10_000, seed: int = 0, layout: str = "tabs", year: int = 2022) -> str:
    """One report of about ``size`` bytes (UTF-8)."""
    return generate(size, seed=seed, layout=layout, year=year)


def reports(count: int, size: int = 10_000, layouts: tuple[str, ...] = LAYOUTS, seed: int = 0) -> Iterator[str]:
    """``count`` reports cycling through ``layouts`` and report years, each with its own seed."""
    # the layout changes fastest, so any prefix of the corpus mixes layouts
    for index, (year, layout) in zip(range(count), itertools.cycle(itertools.product(YEARS, layouts))):
        yield report(size, seed=seed + index, layout=layout, year=year)


def write_corpus(directory: Path, count: int, size: int = 10_000, seed: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(reports(count, size, seed=seed)):
        path = directory / f"report-{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a corpus of synthetic annual reports.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--size", type=int, default=10_000, help="bytes per report (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.directory, args.count, args.size, args.seed)
    print(f"wrote {len(paths)} reports to {args.directory}")


if __name__ == "__main__":
    main()
