"""Membership and key outcomes: the sections before the strands (issue 7)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_tui.bank import load_framework
from selfeval_tui.conversation import Session, Turn, section_replies
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

FRAMEWORK = load_framework()


def texts(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


@pytest.fixture
def session(store, framework, evaluation) -> Session:
    return Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator"))


def finish_membership(session: Session, turn: Turn) -> Turn:
    while turn.question.kind == "membership":
        turn = session.handle("done")
    return turn


def test_membership_is_asked_first_one_name_per_reply(session, store, evaluation) -> None:
    turn = session.start()
    assert turn.question.tag == "membership"
    assert turn.question.text == "Which secondary schools are members of the partnership?"
    assert turn.messages[1].heading == "Membership of the partnership"
    assert session.handle("Allerton High").messages[0].text == "Added Allerton High. Type the next name, or done."
    session.handle("Roundhay School")
    assert "already on the list" in texts(session.handle("roundhay school"))
    session.handle("Temple Moor")
    assert session.handle("remove Temple Moor").messages[0].text == "Removed Temple Moor."
    turn = session.handle("done")
    assert turn.question.text == "Which primary schools are members of, or linked to, the partnership?"
    assert store.members(evaluation.partnership_id) == {"secondary": ["Allerton High", "Roundhay School"]}
    confirmed = store.answer(evaluation.id, "membership.secondary")
    assert confirmed.status is Status.MET and confirmed.value == ["Allerton High", "Roundhay School"]
    turn = session.handle("none")
    assert turn.question.category.id == "special"


def test_membership_is_carried_forward_for_confirmation(store, framework) -> None:
    last = Services(store).create(Actor("coordinator"), framework, "Carry", "2025/26")
    first = Session(Services(store), framework, last, sections=True, actor=Actor("coordinator"))
    first.start()
    first.handle("Allerton High")
    first.handle("done")
    this = Services(store).create(Actor("coordinator"), framework, "Carry", "2026/27", carry_forward=True)
    turn = Session(Services(store), framework, this, sections=True, actor=Actor("coordinator")).start()
    assert turn.question.category.id == "secondary"
    assert "Last year's list: Allerton High. Reply keep if it is still right" in texts(turn)


def test_targets_are_checked_and_saved(session, store, evaluation) -> None:
    turn = finish_membership(session, session.start())
    assert turn.question.tag == "outcomes"
    assert turn.question.text.startswith("What is the partnership's target for: To improve the number of schools")
    assert "Key outcomes" in [m.heading for m in turn.messages]
    assert session.handle("lots").messages[0].role == "error"
    turn = session.handle("2")
    assert turn.question.kind == "outcome_value" and turn.question.period == "baseline"
    assert session.handle("2.5").messages[0].text == "Please give a whole number of 0 or more, like 12."
    session.handle("11")
    assert "percentage of the baseline" in texts(session.handle("3"))
    session.handle("reduce by 10%")
    assert "from 0 to 100" in texts(session.handle("120"))
    session.handle("6.1%")
    session.handle("2 percentage points")
    targets = {t.outcome_id: t for t in store.outcome_targets(evaluation.partnership_id)}
    assert (targets["ofsted-behaviour"].amount, targets["ofsted-behaviour"].unit) == (2, "count")
    assert (targets["overall-absence"].amount, targets["overall-absence"].unit) == (10, "percent")
    assert targets["persistent-absence"].unit == "percentage_points"
    values = {(v.outcome_id, v.period): v.value for v in store.outcome_values(evaluation.id)}
    assert values == {("ofsted-behaviour", "baseline"): 11, ("overall-absence", "baseline"): 6.1}


def test_local_outcomes_and_termly_updates(session, store, evaluation, framework) -> None:
    turn = finish_membership(session, session.start())
    while turn.question.kind != "local_outcomes":
        turn = session.handle("none" if turn.question.kind == "outcome_target" else "5")
    assert "1. To reduce the number of incidents occurring during breaktimes by x%." in texts(turn)
    assert "Added: To reduce incidents of racist bullying" in texts(session.handle("3"))
    session.handle("increase, percent: pupils attending breakfast club")
    turn = session.handle("done")
    assert turn.question.kind == "outcome_target" and turn.question.outcome.title == "To reduce incidents of racist bullying"
    assert session.handle("none").messages[0].role == "error"
    session.handle("25%")
    session.handle("12")
    session.handle("5 percentage points")
    turn = session.handle("40")
    assert turn.question.element is not None and turn.question.element.id == "1.1"
    local = [t for t in store.outcome_targets(evaluation.partnership_id) if t.local]
    assert [(t.title, t.direction, t.value_unit, t.amount) for t in local] == [
        ("To reduce incidents of racist bullying", "reduce", "count", 25),
        ("pupils attending breakfast club", "increase", "percent", 5),
    ]
    turn = session.handle("/outcomes")
    assert turn.question.kind == "outcome_value" and turn.question.period == "term1"
    assert turn.question.text == "What was the term 1 value for: To improve the number of schools judged as good or better for behaviour by Ofsted?"
    session.handle("6")
    turn = session.handle("not sure")
    assert "Left open for now" in texts(turn)
    assert turn.question.period == "term1"
    values = {(v.outcome_id, v.period) for v in store.outcome_values(evaluation.id)}
    assert ("ofsted-behaviour", "term1") in values


def test_membership_criteria_are_proposed_from_the_list(session, store, evaluation) -> None:
    turn = session.start()
    session.handle("done")
    session.handle("done")
    session.handle("done")
    session.handle("Eastside Short Stay School")
    turn = session.handle("done")
    while turn.question.element is None:
        turn = session.handle("done" if turn.question.kind in ("membership", "local_outcomes") else "none" if turn.question.kind == "outcome_target" else "not sure")
    while turn.question.question_id != "1.1.developing.5":
        turn = session.handle("yes")
    assert "Your membership list includes short stay schools (pupil referral units) and alternative provision (Eastside Short Stay School), so I suggest yes." in texts(turn)
    turn = session.handle("yes, confirmed")
    assert turn.question.question_id == "1.1.developing.6"
    assert "Your membership list has no special schools, so I suggest no." in texts(turn)
    session.handle("yes, Oakfield joined in March")
    answer = store.answer(evaluation.id, "1.1.developing.6")
    assert answer.status is Status.MET and answer.note == "Oakfield joined in March"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_string_makes_a_section_parser_raise(text: str) -> None:
    framework = FRAMEWORK
    for outcome in (framework.outcomes[0], framework.outcomes[1]):
        section_replies.parse_target(outcome, text, local=False)
        value = section_replies.parse_value(outcome, text)
        assert isinstance(value, float | section_replies.NotUnderstood)
    section_replies.parse_local_outcome(framework, text)
    section_replies.membership_reply(text, ["Allerton High"])
