"""Checking many reports: the parallel runner, the result cache, corpus checks and audits.

from govlint import batch
results = batch.run(paths, settings, jobs=None, use_cache=True)
for outcome in results:              # one FileOutcome per file, in path order
    ...
results.corpus_findings              # checks that compare reports (rules/batch.yaml)
"""

from govlint.batch.cli_support import add_check_arguments, run_check
from govlint.batch.runner import BatchRun, FileOutcome, RunStats, lint_one, run

__all__ = ["BatchRun", "FileOutcome", "RunStats", "add_check_arguments", "lint_one", "run", "run_check"]
