"""Corpus check kinds (checks that compare reports: carry-over, copied text, identical tables).

They live in govlint.batch.corpus; importing it here registers them, so that the rule loader, which
imports every module of govlint.checks, accepts rules/batch.yaml like any other rule file.
"""

import govlint.batch.corpus  # noqa: F401
