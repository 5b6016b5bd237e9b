"""The Annex A framework as data: models, loader and bank checks.

``load_framework`` is imported on first use: the loader brings the TOML parser,
the bank checks and the file schemas, none of which an app started from the
cached bank (``cache.py``) needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from selfeval_tui.bank.bundled import bundled_questions_dir
from selfeval_tui.bank.errors import BankError
from selfeval_tui.domain.framework import (
    LEVEL_NAMES,
    Criterion,
    Element,
    Framework,
    Level,
    LevelDescriptor,
    Measure,
    MembershipCategory,
    Outcome,
    Strand,
)

__all__ = [
    "LEVEL_NAMES",
    "BankError",
    "Criterion",
    "Element",
    "Framework",
    "Level",
    "LevelDescriptor",
    "Measure",
    "MembershipCategory",
    "Outcome",
    "Strand",
    "bundled_questions_dir",
    "load_framework",
]


if TYPE_CHECKING:
    from selfeval_tui.bank.loader import load_framework


def __getattr__(name: str) -> Any:
    if name == "load_framework":
        from selfeval_tui.bank.loader import load_framework

        return load_framework
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
