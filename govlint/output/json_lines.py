"""``json-lines``: one JSON object per finding per line, written as each file finishes, with the
same fields as a finding in the ``json`` format plus ``schema_version`` (see json_format)::

    {"schema_version": 1, "path": "reports/a.txt", "code": "GL101", "name": "missing-section", ...}

Nothing is written for a clean run.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from govlint.output import JSON_SCHEMA_VERSION, OutputContext, Summary
from govlint.output.json_format import finding_record

if TYPE_CHECKING:
    from govlint.lint import FileResult


class Writer:
    def __init__(self, stream: IO[str], context: OutputContext) -> None:
        self.stream = stream
        self.context = context

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            record = {"schema_version": JSON_SCHEMA_VERSION, **finding_record(f, self.context.lang)}
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()

    def finish(self, summary: Summary) -> None:
        pass
