"""The action plan's rules: what a saveable action needs, due dates, overdue, and a focus item's plan being complete."""

from __future__ import annotations

import datetime as dt

import pytest
from actions_support import MOMENT, action
from hypothesis import given
from hypothesis import strategies as st

from selfeval_tui.domain.actions import (
    ActionDraft,
    ActionStatus,
    NoAction,
    action_problems,
    element_plan,
    parse_due,
)
from selfeval_tui.domain.records import NOTE_LIMIT

ELEMENTS = ("1.5", "2.1")
CRITERIA = {"1.5": ("1.5.developed.1", "1.5.developed.2"), "2.1": ("2.1.developing.1",)}


def _problems(**values: object) -> list[str]:
    fields: dict[str, object] = {"element_id": "1.5", "criterion_id": "1.5.developed.2", "what": "Review the protocol"}
    fields.update(values)
    return action_problems(ActionDraft(**fields), ELEMENTS, CRITERIA)  # type: ignore[arg-type]


def test_a_plain_action_can_be_saved() -> None:
    assert _problems() == []
    assert _problems(criterion_id=None) == []  # on the element as a whole


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"what": "   "}, "an action needs to say what will be done"),
        ({"element_id": "9.9"}, "there is no element '9.9' in the framework"),
        ({"criterion_id": "2.1.developing.1"}, "element 1.5 has no criterion '2.1.developing.1'"),
        ({"status": ActionStatus.DROPPED}, "a dropped action needs a reason"),
        ({"what": "x" * (NOTE_LIMIT + 1)}, f"What will be done can be at most {NOTE_LIMIT:,} characters"),
    ],
)
def test_each_problem_is_one_line(values: dict[str, object], problem: str) -> None:
    problems = _problems(**values)
    assert len(problems) == 1 and problems[0].startswith(problem) and "\n" not in problems[0]


def test_a_dropped_action_with_a_reason_is_fine() -> None:
    assert _problems(status=ActionStatus.DROPPED, status_reason="the service closed") == []


@pytest.mark.parametrize(
    ("text", "day"), [("2027-03-31", dt.date(2027, 3, 31)), (" 31/03/2027 ", dt.date(2027, 3, 31)), ("", None)]
)
def test_due_dates_in_either_order(text: str, day: dt.date | None) -> None:
    assert parse_due(text) == day


@given(st.text())
def test_a_due_date_is_a_date_or_one_line_refusal(text: str) -> None:
    try:
        parse_due(text)
    except ValueError as refused:
        assert str(refused).startswith("a due date looks like 2027-03-31") and "\n" not in str(refused).strip()


def test_overdue_only_while_open_and_past_its_date() -> None:
    today = dt.date(2027, 4, 1)
    assert action(due=dt.date(2027, 3, 31)).overdue(today)
    assert not action(due=dt.date(2027, 4, 1)).overdue(today)
    assert not action(due=None).overdue(today)
    assert action(status=ActionStatus.IN_PROGRESS, due=dt.date(2027, 3, 1)).overdue(today)
    assert not action(status=ActionStatus.DONE, due=dt.date(2027, 3, 1)).overdue(today)
    assert not action(status=ActionStatus.DROPPED, status_reason="x", due=dt.date(2027, 3, 1)).overdue(today)


def test_a_plan_is_complete_when_every_focus_item_has_an_action_or_a_reason() -> None:
    focus = [("1.5.developed.1", "Protocol agreed"), ("1.5.developed.2", "Reviewed with parents")]
    reviewed = action(1, criterion_id="1.5.developed.2")
    whole = action(2, criterion_id=None)
    plan = element_plan("1.5", "Managed moves", focus, [whole, reviewed, action(3, element_id="2.1")], {})
    assert [len(item.actions) for item in plan.focus] == [0, 1]
    assert plan.other_actions == (whole,) and plan.actions == (reviewed, whole)
    assert not plan.complete
    reason = NoAction(
        evaluation_id=7, element_id="1.5", criterion_id="1.5.developed.1", reason="not a priority this year",
        decided_by="coordinator", decided_at=MOMENT,
    )  # fmt: skip
    assert element_plan("1.5", "Managed moves", focus, [reviewed], {"1.5.developed.1": reason}).complete
