"""The action plan as the shells use it: checked against the framework and the actor's rights, then stored.

The store keeps whatever it is given that fits its tables; here an action is
also checked against the bank (its element and focus criterion exist), and the
actor must hold ``Right.PLAN`` to change the plan. Every write records the actor.
"""

from __future__ import annotations

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
from selfeval_tui.store import Store, StoreInputError


class PlanRefused(StoreInputError):
    """A change to the plan that cannot be made as asked: bad input, or a right the actor lacks. One line."""


@dataclass(frozen=True)
class PlanRecords:
    """Everything stored about one evaluation's plan, read in one go."""

    actions: tuple[Action, ...]
    no_actions: dict[tuple[str, str], NoAction]
    progress_notes: dict[int, tuple[ProgressNote, ...]]


class ActionPlans:
    def __init__(self, store: Store, framework: Framework) -> None:
        self.store = store
        self.framework = framework
        self._criteria = {e.id: tuple(c.id for level in e.levels for c in level.criteria) for e in framework.elements}

    def _require(self, actor: Actor, doing: str) -> None:
        if not actor.may(Right.PLAN):
            raise PlanRefused(f"{actor.shown_name} may not {doing}: changing the action plan needs the plan right")

    def _check(self, draft: ActionDraft) -> None:
        problems = action_problems(draft, self._criteria, self._criteria)
        if problems:
            raise PlanRefused(problems[0])

    def records(self, actor: Actor, evaluation: Evaluation) -> PlanRecords:
        del actor  # everyone who may open an evaluation may read its plan
        return PlanRecords(
            tuple(self.store.actions(evaluation.id)),
            self.store.no_actions(evaluation.id),
            self.store.progress_notes(evaluation.id),
        )

    def add(self, actor: Actor, evaluation: Evaluation, draft: ActionDraft) -> Action:
        self._require(actor, "add an action")
        self._check(draft)
        return self.store.add_action(evaluation.id, draft, by=actor.name)

    def update(self, actor: Actor, action: Action, draft: ActionDraft) -> Action:
        """Save ``draft`` over ``action`` as it was read; ConflictError when someone changed it meanwhile."""
        self._require(actor, "change an action")
        if (draft.element_id, draft.criterion_id) != (action.element_id, action.criterion_id):
            raise PlanRefused("an action stays with the element and focus item it was made for")
        self._check(draft)
        return self.store.update_action(action.id, draft, expected_version=action.version, by=actor.name)

    def add_progress(self, actor: Actor, action: Action, note: str) -> ProgressNote:
        self._require(actor, "add a progress note")
        return self.store.add_progress(action.id, note, by=actor.name)

    def no_action(self, actor: Actor, evaluation: Evaluation, element_id: str, criterion_id: str, reason: str) -> NoAction:
        self._require(actor, "record a focus item with no action")
        if criterion_id not in self._criteria.get(element_id, ()):
            raise PlanRefused(f"element {element_id} has no criterion {criterion_id!r}")
        return self.store.set_no_action(evaluation.id, element_id, criterion_id, reason, by=actor.name)

    def clear_no_action(self, actor: Actor, evaluation: Evaluation, element_id: str, criterion_id: str) -> None:
        self._require(actor, "clear a reason for no action")
        self.store.clear_no_action(evaluation.id, element_id, criterion_id, by=actor.name)
