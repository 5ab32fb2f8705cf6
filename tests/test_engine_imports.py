"""govlint.engine resolves its names on first use, so a cached run does not load the rule loader."""

import subprocess
import sys

import pytest

import govlint.engine


def test_every_exported_name_resolves() -> None:
    for name in govlint.engine.__all__:
        assert getattr(govlint.engine, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        govlint.engine.no_such_name  # noqa: B018


def test_the_error_types_come_without_the_loader() -> None:
    code = (
        "import sys\n"
        "from govlint.engine import RuleError, UnknownRuleError\n"
        "print('govlint.engine.loader' in sys.modules, 'regex' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
