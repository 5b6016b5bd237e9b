"""The questions of an evaluation: one handler per kind of question, and the order they are asked in.

``base.py`` has the ``Step`` record and the handler contract, one module per
kind says everything that differs between kinds, ``registry.py`` maps each
kind to its handler, and ``flow.py`` puts the questions in order.
"""

from __future__ import annotations

from selfeval_tui.conversation.steps import registry  # fills HANDLERS
from selfeval_tui.conversation.steps.base import (
    HANDLERS,
    Asking,
    JudgeFn,
    Mode,
    QuickReply,
    Snapshot,
    Step,
    StepHandler,
)
from selfeval_tui.conversation.steps.flow import (
    element_flow,
    evaluation_flow,
    is_answered,
    is_open,
    judgement_step,
    level_steps,
    membership_steps,
    next_term,
    outcome_steps,
    plan_steps,
    value_step,
)
from selfeval_tui.domain.progress import bank_question_ids, judgement_id

__all__ = [
    "HANDLERS",
    "Asking",
    "JudgeFn",
    "Mode",
    "QuickReply",
    "Snapshot",
    "Step",
    "StepHandler",
    "bank_question_ids",
    "element_flow",
    "evaluation_flow",
    "is_answered",
    "is_open",
    "judgement_id",
    "judgement_step",
    "level_steps",
    "membership_steps",
    "next_term",
    "outcome_steps",
    "plan_steps",
    "registry",
    "value_step",
]
