"""Check kinds: small functions registered by name; rules (YAML) are instances of them.

Importing this package registers every built-in check kind.
"""

from govlint.checks.registry import CHECKS, CheckContext, CheckKind, Hit, Param, check_kind

__all__ = ["CHECKS", "CheckContext", "CheckKind", "Hit", "Param", "check_kind"]
