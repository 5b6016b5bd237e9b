"""Planning actions in the conversation: after an element's rating is agreed, and on /plan (docs/actions.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from selfeval_tui.conversation import Mode, Session, Turn
from selfeval_tui.conversation.replies import parse_no_action
from selfeval_tui.services.actor import EVERY_RIGHT, Actor, Right
from selfeval_tui.services.open import Services


def said(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


def to_rating(session: Session) -> Turn:
    """Answer 1.1's Developing questions 'no' up to its rating question."""
    turn = session.start()
    while not turn.question.handler.agrees_rating:
        turn = session.handle("no")
    return turn


@pytest.fixture
def session(new_session) -> Session:
    return new_session()


@pytest.fixture
def planning(session: Session) -> Session:
    """1.1 rated Not yet developing and agreed, then /plan 1.1 from 1.2: its first focus item is being asked."""
    to_rating(session)
    session.handle("agree")
    assert session.handle("/plan 1.1").question.tag == "1.1 plan 1/8"
    return session


def plan_of(session: Session):
    return session.services.plan_records(session.actor, session.evaluation)


def focus_ids(framework) -> list[str]:
    return [c.id for c in framework.element("1.1").levels[0].criteria]


def test_in_adaptive_mode_agreeing_a_rating_offers_plan_and_goes_on(session) -> None:
    to_rating(session)
    turn = session.handle("agree")
    assert "To plan actions for 1.1's 8 focus items now, type /plan 1.1" in said(turn)
    assert turn.question.tag == "1.2 Developing 1/1"


def test_in_thorough_mode_agreeing_a_rating_asks_for_each_focus_item(new_session, framework) -> None:
    session = new_session(Mode.THOROUGH)
    to_rating(session)
    turn = session.handle("agree")
    assert "Now the action plan for 1.1" in said(turn) and "8 focus items" in said(turn)
    assert turn.question.tag == "1.1 plan 1/8"
    first = framework.element("1.1").levels[0].criteria[0]
    assert turn.question.text == f"What will the partnership do about: {first.label}?"
    assert any("F7" in hint for hint in turn.hints)
    turn = session.handle("done")
    assert turn.question.tag == "1.2 Developing 1/24"


def test_an_action_with_owner_and_date_is_saved_as_the_sessions_actor_before_the_next_item(planning, framework) -> None:
    turn = planning.handle("termly attendance clinics ; Jo Bloggs ; 2027-03-31")
    assert turn.saved and turn.question.tag == "1.1 plan 2/8"
    (action,) = plan_of(planning).actions
    assert (action.element_id, action.criterion_id) == ("1.1", focus_ids(framework)[0])
    assert (action.what, action.owner, action.due) == ("termly attendance clinics", "Jo Bloggs", dt.date(2027, 3, 31))
    assert action.created_by == "coordinator"


@pytest.mark.parametrize(
    ("reply", "what", "owner", "due"),
    [
        ("publish the details on the LA site", "publish the details on the LA site", "", None),
        ("publish them ; Jo", "publish them", "Jo", None),
        ("publish them ; 31/03/2027", "publish them", "", dt.date(2027, 3, 31)),
        ("publish them ; Jo ; 2027-03-31", "publish them", "Jo", dt.date(2027, 3, 31)),
    ],
)
def test_owner_and_date_are_optional(planning, reply, what, owner, due) -> None:
    planning.handle(reply)
    (action,) = plan_of(planning).actions
    assert (action.what, action.owner, action.due) == (what, owner, due)


def test_a_bad_date_is_one_line_that_keeps_the_question_and_saves_nothing(planning) -> None:
    turn = planning.handle("publish them ; Jo ; 31/02/2027")
    assert len(turn.messages) == 1 and turn.messages[0].role == "error"
    assert "31/02/2027" in turn.messages[0].text
    assert not turn.saved and turn.question.tag == "1.1 plan 1/8"
    assert plan_of(planning).actions == ()
    assert planning.handle("publish them ; Jo ; 2027-02-28").question.tag == "1.1 plan 2/8"


def test_skip_is_one_key_and_leaves_the_item_for_later(planning, framework) -> None:
    turn = planning.handle("1")
    assert not turn.saved and turn.question.tag == "1.1 plan 2/8"
    assert plan_of(planning).actions == () and plan_of(planning).no_actions == {}
    turn = planning.handle("/plan")
    assert turn.question.tag == "1.1 plan 1/8"
    assert planning.handle("done").question.tag == "1.2 Developing 1/1"


def test_none_with_a_reason_records_no_action(planning, framework) -> None:
    turn = planning.handle("none: not a priority this year")
    assert turn.saved and turn.question.tag == "1.1 plan 2/8"
    reasons = plan_of(planning).no_actions
    assert reasons[("1.1", focus_ids(framework)[0])].reason == "not a priority this year"


def test_none_without_a_reason_asks_for_one(planning) -> None:
    turn = planning.handle("none")
    assert turn.messages[0].role == "error" and "why" in turn.messages[0].text
    assert turn.question.tag == "1.1 plan 1/8" and not turn.saved


def test_an_action_that_starts_with_none_is_an_action() -> None:
    assert parse_no_action("none of the schools publish it: ask them to") is None
    assert parse_no_action("No action - the LA does it") == "the LA does it"


def test_done_moves_on_to_the_next_element_and_the_plan_does_not_hold_up_the_evaluation(planning, new_session) -> None:
    turn = planning.handle("2")
    assert "Done planning 1.1" in said(turn)
    assert turn.question.tag == "1.2 Developing 1/1"
    # A new session resumes at the evaluation's questions, not at the plan it left.
    assert new_session().start().question.tag == "1.2 Developing 1/1"


def test_when_every_item_is_planned_the_conversation_goes_on(planning, framework) -> None:
    for i in range(len(focus_ids(framework))):
        turn = planning.handle(f"none: item {i}")
    assert turn.question.tag == "1.2 Developing 1/1"
    assert "Nothing to plan for 1.1" in said(planning.handle("/plan 1.1"))


def test_no_offer_when_the_focus_is_already_planned(session, framework) -> None:
    services, actor = session.services, session.actor
    for criterion_id in focus_ids(framework):
        services.no_action(actor, framework, session.evaluation, "1.1", criterion_id, "later")
    to_rating(session)
    turn = session.handle("agree")
    assert "action plan" not in said(turn)
    assert turn.question.tag == "1.2 Developing 1/1"


def test_plan_mid_element_plans_its_focus_so_far_then_comes_back(session) -> None:
    session.start()
    session.handle("yes")
    turn = session.handle("yes")
    assert turn.question.tag == "1.1 Developing 3/8"
    turn = session.handle("/plan")
    assert "Then back to 1.1 " in said(turn)
    assert turn.question.tag == "1.1 plan 1/6"  # the two criteria met are not in the focus
    turn = session.handle("hold a meeting ; Sam")
    assert turn.question.tag == "1.1 plan 2/6"
    turn = session.handle("done")
    assert turn.question.tag == "1.1 Developing 3/8"


def test_plan_names_an_element(planning) -> None:
    planning.handle("done")
    turn = planning.handle("no")
    assert turn.question.handler.agrees_rating and turn.question.element.id == "1.2"
    turn = planning.handle("/plan 1.1")
    assert turn.question.tag == "1.1 plan 1/8"
    for _ in range(8):
        turn = planning.handle("skip")
    assert turn.question.tag == "1.2 judgement"


def test_plan_says_when_there_is_nothing_to_plan_or_nowhere_to_plan(session) -> None:
    session.start()
    assert "There is no element 9.9" in said(session.handle("/plan 9.9"))
    assert "1.2 is not started" in said(session.handle("/plan 1.2"))
    turn = session.handle("/plan")
    assert "not started" in said(turn) and turn.question.tag == "1.1 Developing 1/8"


def test_jump_ends_planning(planning) -> None:
    turn = planning.handle("/jump 1.3")
    assert turn.question.element.id == "1.3"
    turn = planning.handle("yes")
    assert turn.question.element.id == "1.3"


def test_someone_without_the_plan_right_is_told_why_and_the_question_stays(store, framework, evaluation) -> None:
    actor = Actor("vic", "Vic Viewer", EVERY_RIGHT - {Right.PLAN})
    session = Session(Services(store), framework, evaluation, actor=actor)
    to_rating(session)
    agreed = session.handle("agree")
    assert "/plan" not in said(agreed)  # no offer to plan
    turn = session.handle("/plan 1.1")
    assert "Your role here does not allow planning actions" in said(turn)
    assert turn.question is not None and "plan" not in turn.question.tag
    assert plan_of(session).actions == ()


def test_plain_mode_asks_the_same_plan_questions_and_confirms_each_save(new_session, framework) -> None:
    import io

    from selfeval_tui.shells.plain import shell

    session = new_session()
    out = io.StringIO()
    replies = "no\n" * 8 + "agree\n/plan 1.1\nrun clinics ; Jo ; 2027-03-31\n1\nnone: the LA does it\ndone\n"
    assert shell.run(session, io.StringIO(replies), out) == 0
    lines = out.getvalue().splitlines()
    label = framework.element("1.1").levels[0].criteria[0].label
    asked = lines.index(f"[1.1 plan 1/8] What will the partnership do about: {label}?")
    assert lines[asked + 1].startswith("  Type the action")
    confirmed = lines.index("The action for this item: run clinics; owner Jo; due 2027-03-31.")
    assert lines[confirmed - 1] == "Saved." and lines[confirmed + 1].startswith("[1.1 plan 2/8] ")
    assert any(line.startswith("[1.1 plan 3/8] ") for line in lines)
    assert any(line.startswith("[1.2 Developing 1/1] ") for line in lines)
    records = plan_of(session)
    assert [a.what for a in records.actions] == ["run clinics"]
    assert [r.reason for r in records.no_actions.values()] == ["the LA does it"]
