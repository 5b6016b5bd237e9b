"""/members and /outcomes bring the user back to the question they left, without the first-time introductions."""

from __future__ import annotations

import pytest

from selfeval_tui.conversation import Session, Turn
from selfeval_tui.conversation.texts import SECTION_INTROS
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

SECTION_REPLIES = {"membership": "done", "outcome_target": "none", "outcome_value": "5", "local_outcomes": "done"}


def texts(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


@pytest.fixture
def session(store, framework, evaluation) -> Session:
    """A session past membership and the key outcomes (every baseline 5), on 1.6's first question."""
    session = Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator"))
    turn = session.start()
    while turn.question.element is None:
        turn = session.handle(SECTION_REPLIES[turn.question.kind])
    turn = session.handle("/jump 1.6")
    assert turn.question.question_id == "1.6.developing.1"
    return session


def test_members_goes_through_each_category_then_back_to_the_question_left(session, framework) -> None:
    turn = session.handle("/members")
    assert "Then back to 1.6 " in texts(turn)
    assert SECTION_INTROS["membership"][1] not in texts(turn)
    categories = []
    while turn.question.kind == "membership":
        categories.append(turn.question.category.id)
        turn = session.handle("done")
    assert categories == [c.id for c in framework.membership]
    assert turn.question.question_id == "1.6.developing.1"


def test_a_name_added_on_the_way_is_kept_and_the_way_back_is_the_same(session, store, evaluation) -> None:
    session.handle("/members")
    session.handle("Allerton High")
    turn = session.handle("done")
    assert turn.question.category.id == "primary"
    while turn.question.kind == "membership":
        turn = session.handle("done")
    assert turn.question.question_id == "1.6.developing.1"
    assert store.members(evaluation.partnership_id)["secondary"] == ["Allerton High"]


def test_outcomes_asks_the_term_values_then_back_to_the_question_left(session, framework, store, evaluation) -> None:
    turn = session.handle("/outcomes")
    assert "Term 1 values: I will ask for each outcome in turn. Then back to 1.6 " in texts(turn)
    assert SECTION_INTROS["outcomes"][1] not in texts(turn)
    asked = 0
    while turn.question.kind == "outcome_value":
        asked += 1
        assert SECTION_INTROS["outcomes"][1] not in texts(turn)
        turn = session.handle("4")
    assert asked == len(framework.outcomes)
    assert turn.question.question_id == "1.6.developing.1"
    assert len([v for v in store.outcome_values(evaluation.id) if v.period == "term1"]) == asked


def test_the_way_back_goes_on_to_the_next_open_question_when_the_one_left_was_answered(session) -> None:
    session.handle("yes")
    assert session.handle("/back").question.question_id == "1.6.developing.1"
    turn = session.handle("/outcomes")
    while turn.question.kind == "outcome_value":
        turn = session.handle("4")
    assert turn.question.question_id == "1.6.developing.2"


def test_jumping_away_ends_the_detour(session) -> None:
    session.handle("/members")
    turn = session.handle("/jump 2.1")
    assert turn.question.element.id == "2.1"
    turn = session.handle("yes")
    assert turn.question.element.id == "2.1"
    assert session.conversation.detour is None
