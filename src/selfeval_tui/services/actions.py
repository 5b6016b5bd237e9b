"""The action plan as the shells use it: checked against the framework and the actor's rights, then stored.

The store keeps whatever fits its tables; here an action is also checked against
the bank (its element and focus criterion exist), and the actor must hold
``Right.PLAN`` to change the plan. Every write records the actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selfeval_tui.domain.actions import (
    Action,
    ActionDraft,
    NoAction,
    ProgressNote,
    action_problems,
)
from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.records import Evaluation
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import StoreInputError, refuse_unless


@dataclass(frozen=True)
class PlanRecords:
    """Everything stored about one evaluation's plan, read in one go."""

    actions: tuple[Action, ...]
    no_actions: dict[tuple[str, str], NoAction]
    progress_notes: dict[int, tuple[ProgressNote, ...]]


def _criteria(framework: Framework) -> dict[str, tuple[str, ...]]:
    return {e.id: tuple(c.id for level in e.levels for c in level.criteria) for e in framework.elements}


class ActionServices(ServiceBase):
    def _check(self, framework: Framework, draft: ActionDraft) -> None:
        criteria = _criteria(framework)
        problems = action_problems(draft, criteria, criteria)
        if problems:
            raise StoreInputError(problems[0])

    def plan_records(self, actor: Actor, evaluation: Evaluation) -> PlanRecords:
        self._require(actor, Right.READ, "read the action plan", partnership=evaluation.partnership_id)
        store = self._store
        return PlanRecords(
            tuple(store.actions(evaluation.id)), store.no_actions(evaluation.id), store.progress_notes(evaluation.id)
        )

    def overdue_actions(self, actor: Actor, today: dt.date) -> dict[int, int]:
        """How many open actions of each evaluation are past their date: the start screen's count."""
        refuse_unless(actor, Right.READ, "see the evaluations")
        overdue = self._store.overdue_actions(today)
        readable = self._readable_evaluations(actor, overdue)
        return {evaluation_id: count for evaluation_id, count in overdue.items() if evaluation_id in readable}

    def add_action(self, actor: Actor, framework: Framework, evaluation: Evaluation, draft: ActionDraft) -> Action:
        self._require(actor, Right.PLAN, "add an action", partnership=evaluation.partnership_id)
        self._check(framework, draft)
        return self._store.add_action(evaluation.id, draft, by=actor.name)

    def update_action(self, actor: Actor, framework: Framework, action: Action, draft: ActionDraft) -> Action:
        """Save ``draft`` over ``action`` as it was read; ConflictError when someone changed it meanwhile."""
        self._require(actor, Right.PLAN, "change an action", evaluation=action.evaluation_id)
        if (draft.element_id, draft.criterion_id) != (action.element_id, action.criterion_id):
            raise StoreInputError("an action stays with the element and focus item it was made for")
        self._check(framework, draft)
        return self._store.update_action(action.id, draft, expected_version=action.version, by=actor.name)

    def add_progress(self, actor: Actor, action: Action, note: str) -> ProgressNote:
        self._require(actor, Right.PLAN, "add a progress note", evaluation=action.evaluation_id)
        return self._store.add_progress(action.id, note, by=actor.name)

    def no_action(
        self, actor: Actor, framework: Framework, evaluation: Evaluation, element_id: str, criterion_id: str, reason: str
    ) -> NoAction:
        self._require(actor, Right.PLAN, "record a focus item with no action", partnership=evaluation.partnership_id)
        if criterion_id not in _criteria(framework).get(element_id, ()):
            raise StoreInputError(f"element {element_id} has no criterion {criterion_id!r}")
        return self._store.set_no_action(evaluation.id, element_id, criterion_id, reason, by=actor.name)

    def clear_no_action(self, actor: Actor, evaluation: Evaluation, element_id: str, criterion_id: str) -> None:
        self._require(actor, Right.PLAN, "clear a reason for no action", partnership=evaluation.partnership_id)
        self._store.clear_no_action(evaluation.id, element_id, criterion_id, by=actor.name)
