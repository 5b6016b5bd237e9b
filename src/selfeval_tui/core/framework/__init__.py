"""The Annex A framework as data: models, loader and bank checks."""

from selfeval_tui.core.framework.errors import BankError
from selfeval_tui.core.framework.loader import bundled_questions_dir, load_framework
from selfeval_tui.core.framework.model import (
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
