"""Key outcomes: targets, termly values and whether each is on track."""

from selfeval_tui.core.outcomes.progress import PERIODS, OutcomeProgress, Status, progress, target_value
from selfeval_tui.core.outcomes.table import OutcomeRow, outcome_rows

__all__ = ["PERIODS", "OutcomeProgress", "OutcomeRow", "Status", "outcome_rows", "progress", "target_value"]
