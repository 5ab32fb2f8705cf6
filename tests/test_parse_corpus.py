"""The benchmark corpus (benchmarks/corpus.py) yields reports the parser reads completely."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from govlint.parsing import parse_text

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus.py"


def _corpus_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("govlint_bench_corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_reports_parse_in_every_layout(tmp_path: Path) -> None:
    corpus = _corpus_module()
    texts = list(corpus.reports(5, size=4_000))
    assert len(texts) == 5
    assert "\t" in texts[0] and "|---" in texts[2]  # tabs, cell-per-line, pipe, spaces, flattened
    for text in texts:
        report = parse_text(text)
        assert [s.ordinal for s in report.sections] == [1, 2, 3, 4, 5, 6]
        assert report.year is not None and report.agency is not None
    paths = corpus.write_corpus(tmp_path / "corpus", 3, size=3_000)
    assert [p.name for p in paths] == ["report-00000.txt", "report-00001.txt", "report-00002.txt"]
