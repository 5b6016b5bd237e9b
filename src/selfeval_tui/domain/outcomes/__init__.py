"""Key outcomes: targets, termly values and whether each is on track."""

from selfeval_tui.domain.outcomes.progress import (
    PERIODS,
    OutcomeProgress,
    Status,
    progress,
    target_value,
)
from selfeval_tui.domain.outcomes.table import MISSING, OutcomeRow, number, outcome_rows

__all__ = [
    "MISSING",
    "PERIODS", "OutcomeProgress", "OutcomeRow", "Status", "number",
    "outcome_rows", "progress", "target_value"]
