"""``json-lines``: one JSON object per finding per line, written as each file finishes, with the
same fields as a finding in the ``json`` format plus ``schema_version`` (see json_format)::

    {"schema_version": 1, "path": "reports/a.txt", "code": "GL101", "name": "missing-section", ...}

Nothing is written for a clean run.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from govlint.output import JSON_SCHEMA_VERSION, FindingLineWriter
from govlint.output.json_format import finding_record

if TYPE_CHECKING:
    from govlint.findings import Finding
    from govlint.lint import FileResult


class Writer(FindingLineWriter):
    def line(self, f: Finding) -> str:
        record = {"schema_version": JSON_SCHEMA_VERSION, **finding_record(f, self.context.lang)}
        return json.dumps(record, ensure_ascii=False)

    def file(self, result: FileResult) -> None:
        super().file(result)
        self.stream.flush()
