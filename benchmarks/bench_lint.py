"""Benchmark: parse + lint one ~10 KB report with every shipped rule; prints median timings.

    python benchmarks/bench_lint.py [--size 10000] [--runs 200] [--layout tabs|all] [--per-rule]

``--size`` is in bytes of UTF-8 (a 10 KB report is about 3,700 Chinese characters). ``--layout all``
measures every layout in turn. ``--per-rule`` also prints the slowest rules, each timed where it
runs in a full lint (work shared between rules, such as the scope texts, is charged to the first
rule that needs it).

Rules are loaded (and their expressions and patterns compiled) once, outside the timed loop, as
`govlint check` does; the timed part is what each report costs: parse_text + lint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from govlint.checks.registry import CheckContext
from govlint.engine import lint, load_rules
from govlint.parsing import parse_text
from govlint.testing.generate import LAYOUTS, generate


def measure(size: int, runs: int, layout: str, seed: int = 7) -> dict[str, float]:
    text = generate(size, seed=seed, layout=layout)
    started = time.perf_counter()
    ruleset = load_rules()
    load_ms = (time.perf_counter() - started) * 1000
    for _ in range(5):  # warm caches (templates, grammars)
        lint(parse_text(text, "bench.txt"), ruleset)
    parse_times, lint_times = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        report = parse_text(text, "bench.txt")
        t1 = time.perf_counter()
        lint(report, ruleset)
        t2 = time.perf_counter()
        parse_times.append((t1 - t0) * 1000)
        lint_times.append((t2 - t1) * 1000)
    totals = [p + q for p, q in zip(parse_times, lint_times, strict=True)]
    return {
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "rules": len(ruleset),
        "load_ms": load_ms,
        "parse_ms": statistics.median(parse_times),
        "lint_ms": statistics.median(lint_times),
        "total_ms": statistics.median(totals),
        "total_min_ms": min(totals),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="report size in characters")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--layout", choices=(*LAYOUTS, "all"), default="tabs")
    parser.add_argument("--per-rule", action="store_true", help="also time each rule alone (slowest first)")
    args = parser.parse_args()
    for layout in LAYOUTS if args.layout == "all" else (args.layout,):
        result = measure(args.size, args.runs, layout)
        print(
            f"{result['bytes']:.0f} bytes ({result['chars']:.0f} chars), {result['rules']:.0f} rules ({layout}): "
            f"parse {result['parse_ms']:.2f} ms + lint {result['lint_ms']:.2f} ms = "
            f"{result['total_ms']:.2f} ms median, {result['total_min_ms']:.2f} ms best, over {args.runs} runs "
            f"(rule loading once: {result['load_ms']:.0f} ms; load average {os.getloadavg()[0]:.1f})"
        )
        if args.per_rule:
            for milliseconds, code in per_rule(args.size, layout)[:15]:
                print(f"  {code}  {milliseconds:.3f} ms")


def per_rule(size: int, layout: str, seed: int = 7, runs: int = 50) -> list[tuple[float, str]]:
    """Each rule's median time within a full lint of a freshly parsed report, slowest first."""
    text = generate(size, seed=seed, layout=layout)
    rules = list(load_rules())
    samples: dict[str, list[float]] = {rule.code: [] for rule in rules}
    for _ in range(runs):
        report = parse_text(text, "bench.txt")
        shared: dict[object, object] = {}
        for rule in rules:
            started = time.perf_counter()
            if rule.applies_to.matches(report):
                list(rule.fn(report, rule.params, CheckContext(rule_code=rule.code, cache=shared)))
            samples[rule.code].append((time.perf_counter() - started) * 1000)
    return sorted(((statistics.median(times), code) for code, times in samples.items()), reverse=True)


if __name__ == "__main__":
    main()
