"""``github``: GitHub Actions workflow commands, shown as annotations on the pull request::

    ::error file=reports/a.txt,line=3,col=5,endLine=3,endColumn=9,title=GL101 missing-section::message

error → ``::error``, warning → ``::warning``, info → ``::notice``. ``endColumn`` is given only when
the span ends on its start line (GitHub rejects it otherwise). Values are escaped as the Actions
toolkit does: ``%``, CR and LF everywhere, and ``,`` and ``:`` inside properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govlint.output import FindingLineWriter

if TYPE_CHECKING:
    from govlint.findings import Finding

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Writer(FindingLineWriter):
    def line(self, f: Finding) -> str:
        start, end = f.span.start, f.span.end
        props = [("file", f.path), ("line", str(start.line)), ("col", str(start.column))]
        props.append(("endLine", str(end.line)))
        if end.line == start.line:
            props.append(("endColumn", str(end.column)))
        props.append(("title", f"{f.code} {f.name}"))
        rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props)
        command = _COMMAND.get(f.severity, "warning")
        return f"::{command} {rendered}::{escape_data(f.message(self.context.lang))}"
