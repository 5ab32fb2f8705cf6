"""``concise``: one line per finding, nothing else::

    path:line:col: CODE message

Made for editors, grep and reviewdog (errorformat ``%f:%l:%c: %m``). The regular expression given in
README.md for editors is ``CONCISE_PATTERN``; a test parses real output with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govlint.output import FindingLineWriter, one_line

if TYPE_CHECKING:
    from govlint.findings import Finding

# Groups: 1 file, 2 line, 3 column, 4 code, 5 message. Written with plain groups and [0-9] so the
# same text works in Python, JavaScript (VS Code) and, with its parentheses escaped, Emacs.
CONCISE_PATTERN = r"^(.+?):([0-9]+):([0-9]+): ([A-Z][A-Z0-9]*) (.*)$"


class Writer(FindingLineWriter):
    def line(self, f: Finding) -> str:
        message = one_line(f.message(self.context.lang))
        return f"{f.path}:{f.span.start.line}:{f.span.start.column}: {f.code} {message}"
