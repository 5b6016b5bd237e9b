"""Every kind of question, by the name its steps carry: adding a kind is one module and one line here."""

from __future__ import annotations

from selfeval_tui.conversation.steps.base import HANDLERS, StepHandler
from selfeval_tui.conversation.steps.criterion import CriterionStep
from selfeval_tui.conversation.steps.judgement import JudgementStep
from selfeval_tui.conversation.steps.local_outcomes import LocalOutcomesStep
from selfeval_tui.conversation.steps.measure import MeasureStep
from selfeval_tui.conversation.steps.membership import MembershipStep
from selfeval_tui.conversation.steps.outcome_target import OutcomeTargetStep
from selfeval_tui.conversation.steps.outcome_value import OutcomeValueStep
from selfeval_tui.conversation.steps.plan import PlanStep

REGISTERED: tuple[StepHandler, ...] = (
    CriterionStep(),
    MeasureStep(),
    JudgementStep(),
    MembershipStep(),
    OutcomeTargetStep(),
    OutcomeValueStep(),
    LocalOutcomesStep(),
    PlanStep(),
)

HANDLERS.update((handler.kind, handler) for handler in REGISTERED)
