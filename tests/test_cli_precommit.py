"""The pre-commit hook, run by the real pre-commit against this checkout.

pre-commit builds the hook's environment by pip-installing this repository (from PyPI-fetched build
dependencies), so this test needs network access and takes a while (about a minute on a first
run); it is part of the normal suite because CI must prove the hook works. ``pre-commit try-repo``
includes uncommitted changes to tracked files by snapshotting them into a temporary commit.
Set GOVLINT_SKIP_PRECOMMIT_TEST=1 to skip it when working offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import OLD_REGULATION, rule_file

REPO_ROOT = Path(__file__).resolve().parents[1]

REPORT_WITH_DEFECT = """\
青禾市文旅局2023年政府信息公开工作年度报告

本报告依据国务院令第492号编制。
"""
FIXED_REPORT = REPORT_WITH_DEFECT.replace("国务院令第492号", "国务院令第711号")

HOOK_RULES = rule_file(OLD_REGULATION)

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("GOVLINT_SKIP_PRECOMMIT_TEST")), reason="GOVLINT_SKIP_PRECOMMIT_TEST is set"
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def pre_commit_command() -> list[str]:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    return [exe] if exe else [sys.executable, "-m", "pre_commit"]


def test_hook_fails_on_a_defect_and_passes_once_fixed(tmp_path: Path) -> None:
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    work = tmp_path / "reports-repo"
    work.mkdir()
    git(work, "init", "-q")
    git(work, "config", "user.email", "test@example.invalid")
    git(work, "config", "user.name", "govlint test")
    (work / "rules").mkdir()
    (work / "rules" / "hook.yaml").write_text(HOOK_RULES, encoding="utf-8")
    (work / "govlint.toml").write_text('rule-dirs = ["rules"]\nselect = ["TST"]\n', encoding="utf-8")
    report = work / "青禾市文旅局2023.txt"
    report.write_text(REPORT_WITH_DEFECT, encoding="utf-8")
    git(work, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    command = [*pre_commit_command(), "try-repo", str(REPO_ROOT), "govlint", "--files", report.name, "--verbose"]

    failed = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "govlint" in output and "Failed" in output
    assert f"{report.name}:3:6: TST002 引用了已废止的国务院令第492号。" in output

    report.write_text(FIXED_REPORT, encoding="utf-8")
    git(work, "add", ".")
    passed = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
