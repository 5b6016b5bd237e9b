"""The action plan through the services: checked against the bank and the actor's rights before anything is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import Action, ActionDraft, ActionStatus
from selfeval_tui.domain.records import Evaluation
from selfeval_tui.services.actor import EVERY_RIGHT, Actor, Right
from selfeval_tui.services.errors import ConflictError, Refused, StoreInputError
from selfeval_tui.services.open import Services

COORDINATOR = Actor("ann", "Ann Coordinator")
VIEWER = Actor("vic", "Vic Viewer", rights=EVERY_RIGHT - {Right.PLAN})


@dataclass(frozen=True)
class Plan:
    services: Services
    framework: Framework
    evaluation: Evaluation

    def add(self, actor: Actor, draft: ActionDraft) -> Action:
        return self.services.add_action(actor, self.framework, self.evaluation, draft)


@pytest.fixture
def plan(tmp_path: Path, framework: Framework) -> Iterator[Plan]:
    with Services.open(tmp_path / "plan.db") as services:
        yield Plan(services, framework, services.create(COORDINATOR, framework, "North Leeds", "2026/27"))


def _draft(**changes: object) -> ActionDraft:
    values: dict[str, object] = {"element_id": "1.5", "criterion_id": "1.5.developed.2", "what": "Review the protocol"}
    values.update(changes)
    return ActionDraft(**values)  # type: ignore[arg-type]


def test_an_action_records_who_made_it(plan: Plan) -> None:
    action = plan.add(COORDINATOR, _draft(due=dt.date(2027, 3, 31)))
    assert action.created_by == "ann"
    assert plan.services.plan_records(VIEWER, plan.evaluation).actions == (action,)


@pytest.mark.parametrize(
    ("draft", "refusal"),
    [
        (_draft(element_id="9.9"), "there is no element '9.9' in the framework"),
        (_draft(criterion_id="2.1.developing.1"), "element 1.5 has no criterion '2.1.developing.1'"),
        (_draft(status=ActionStatus.DROPPED), "a dropped action needs a reason"),
    ],
)
def test_an_action_the_bank_does_not_allow_is_refused(plan: Plan, draft: ActionDraft, refusal: str) -> None:
    with pytest.raises(StoreInputError, match=refusal):
        plan.add(COORDINATOR, draft)
    assert plan.services.plan_records(COORDINATOR, plan.evaluation).actions == ()


def test_without_the_plan_right_nothing_is_changed_and_the_refusal_says_why(plan: Plan) -> None:
    services, framework, evaluation = plan.services, plan.framework, plan.evaluation
    action = services.add_action(COORDINATOR, framework, evaluation, _draft())
    attempts = [
        lambda: services.add_action(VIEWER, framework, evaluation, _draft()),
        lambda: services.update_action(VIEWER, framework, action, _draft(what="Other")),
        lambda: services.add_progress(VIEWER, action, "note"),
        lambda: services.no_action(VIEWER, framework, evaluation, "1.5", "1.5.developed.1", "not now"),
        lambda: services.clear_no_action(VIEWER, evaluation, "1.5", "1.5.developed.1"),
    ]
    for attempt in attempts:
        with pytest.raises(Refused, match="^Vic Viewer may not .*: their rights do not include planning actions$"):
            attempt()
    records = services.plan_records(COORDINATOR, evaluation)
    assert records.actions == (action,) and records.no_actions == {} and records.progress_notes == {}


def test_an_update_keeps_the_action_on_its_focus_item_and_detects_conflicts(plan: Plan) -> None:
    services, framework = plan.services, plan.framework
    action = services.add_action(COORDINATOR, framework, plan.evaluation, _draft())
    with pytest.raises(StoreInputError, match="stays with the element"):
        services.update_action(COORDINATOR, framework, action, _draft(criterion_id="1.5.developed.1"))
    services.update_action(Actor("bea"), framework, action, _draft(what="Bea's version"))
    with pytest.raises(ConflictError, match="bea changed this action"):
        services.update_action(COORDINATOR, framework, action, _draft(what="Ann's version"))
