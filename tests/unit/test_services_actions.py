"""The action plan through the services: checked against the bank and the actor's rights before anything is stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import ActionDraft, ActionStatus
from selfeval_tui.services.actions import ActionPlans, PlanRefused
from selfeval_tui.services.actor import EVERY_RIGHT, Actor, Right
from selfeval_tui.store import ConflictError, Evaluation, Store

COORDINATOR = Actor("ann", "Ann Coordinator")
VIEWER = Actor("vic", "Vic Viewer", rights=EVERY_RIGHT - {Right.PLAN})


@pytest.fixture
def plans(tmp_path: Path, framework: Framework) -> tuple[ActionPlans, Evaluation]:
    store = Store.open(tmp_path / "plan.db")
    partnership = store.create_partnership("North Leeds")
    return ActionPlans(store, framework), store.create_evaluation(partnership.id, "2026/27", framework.id, framework.hash)


def _draft(**changes: object) -> ActionDraft:
    values: dict[str, object] = {"element_id": "1.5", "criterion_id": "1.5.developed.2", "what": "Review the protocol"}
    values.update(changes)
    return ActionDraft(**values)  # type: ignore[arg-type]


def test_an_action_records_who_made_it(plans: tuple[ActionPlans, Evaluation]) -> None:
    service, evaluation = plans
    action = service.add(COORDINATOR, evaluation, _draft(due=dt.date(2027, 3, 31)))
    assert action.created_by == "ann"
    assert service.records(VIEWER, evaluation).actions == (action,)


@pytest.mark.parametrize(
    ("draft", "refusal"),
    [
        (_draft(element_id="9.9"), "there is no element '9.9' in the framework"),
        (_draft(criterion_id="2.1.developing.1"), "element 1.5 has no criterion '2.1.developing.1'"),
        (_draft(status=ActionStatus.DROPPED), "a dropped action needs a reason"),
    ],
)
def test_an_action_the_bank_does_not_allow_is_refused(
    plans: tuple[ActionPlans, Evaluation], draft: ActionDraft, refusal: str
) -> None:
    service, evaluation = plans
    with pytest.raises(PlanRefused, match=refusal):
        service.add(COORDINATOR, evaluation, draft)
    assert service.records(COORDINATOR, evaluation).actions == ()


def test_without_the_plan_right_nothing_is_changed_and_the_refusal_says_why(plans: tuple[ActionPlans, Evaluation]) -> None:
    service, evaluation = plans
    action = service.add(COORDINATOR, evaluation, _draft())
    attempts = [
        lambda: service.add(VIEWER, evaluation, _draft()),
        lambda: service.update(VIEWER, action, _draft(what="Other")),
        lambda: service.add_progress(VIEWER, action, "note"),
        lambda: service.no_action(VIEWER, evaluation, "1.5", "1.5.developed.1", "not now"),
        lambda: service.clear_no_action(VIEWER, evaluation, "1.5", "1.5.developed.1"),
    ]
    for attempt in attempts:
        with pytest.raises(PlanRefused, match="^Vic Viewer may not .*: changing the action plan needs the plan right$"):
            attempt()
    records = service.records(COORDINATOR, evaluation)
    assert records.actions == (action,) and records.no_actions == {} and records.progress_notes == {}


def test_an_update_keeps_the_action_on_its_focus_item_and_detects_conflicts(plans: tuple[ActionPlans, Evaluation]) -> None:
    service, evaluation = plans
    action = service.add(COORDINATOR, evaluation, _draft())
    with pytest.raises(PlanRefused, match="stays with the element"):
        service.update(COORDINATOR, action, _draft(criterion_id="1.5.developed.1"))
    service.update(Actor("bea"), action, _draft(what="Bea's version"))
    with pytest.raises(ConflictError, match="bea changed this action"):
        service.update(COORDINATOR, action, _draft(what="Ann's version"))
