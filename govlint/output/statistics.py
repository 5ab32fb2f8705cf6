"""``--statistics``: the number of findings per rule, most frequent first (code order on ties)::

    12  GL501  t3-balance          error
     3  GL701  title-form          info

With ``--output-format json`` (or json-lines) the same as a JSON document:
``{"schema_version": 1, "statistics": [{"code", "name", "count"}], "summary": {...}}``.
"""

from __future__ import annotations

import json
from typing import IO

from govlint.output import JSON_SCHEMA_VERSION, Summary
from govlint.output.json_format import summary_record


def write_statistics(stream: IO[str], summary: Summary, output_format: str) -> None:
    rows = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))
    if output_format in ("json", "json-lines", "sarif"):
        document = {
            "schema_version": JSON_SCHEMA_VERSION,
            "statistics": [{"code": c, "name": summary.names.get(c, ""), "count": n} for c, n in rows],
            "summary": {**summary_record(summary), "stale_baseline": summary.stale_baseline},
        }
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    width = max((len(str(n)) for _, n in rows), default=1)
    code_width = max((len(c) for c, _ in rows), default=0)
    for code, count in rows:
        stream.write(f"{count:>{width}}  {code:<{code_width}}  {summary.names.get(code, '')}\n")
    if summary.baselined:
        stream.write(f"{summary.baselined:>{width}}  hidden by the baseline\n")
    if summary.stale_baseline:
        stream.write(f"{summary.stale_baseline:>{width}}  baseline entries no longer matching\n")
