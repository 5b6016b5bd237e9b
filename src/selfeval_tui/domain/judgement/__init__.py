"""The judgement rule: current rating, development focus and the reasons for both."""

from selfeval_tui.domain.judgement.measures import (
    describe_measure_value,
    measure_percent,
)
from selfeval_tui.domain.judgement.rule import (
    SUSTAIN,
    CriterionState,
    ElementJudgement,
    LevelState,
    judge,
)

__all__ = [
    "SUSTAIN",
    "CriterionState",
    "ElementJudgement",
    "LevelState",
    "describe_measure_value",
    "judge",
    "measure_percent",
]
