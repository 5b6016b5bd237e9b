"""Membership replies: none closes a category, and category names keep their capitals in sentences."""

from __future__ import annotations

import pytest

from selfeval_tui.conversation import Session, Turn
from selfeval_tui.conversation.sections import in_sentence
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services


def texts(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


@pytest.fixture
def session(store, framework, evaluation) -> Session:
    return Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator"))


def test_none_closes_an_empty_category(session, store, evaluation) -> None:
    assert session.start().question.category.id == "secondary"
    turn = session.handle("none")
    assert turn.question.category.id == "primary"
    assert "No members recorded in this category." in texts(turn)
    answer = store.answer(evaluation.id, "membership.secondary")
    assert answer.status is Status.MET and answer.value == []


def test_none_on_a_list_with_names_empties_it_and_says_which_were_removed(session, store, evaluation) -> None:
    session.start()
    session.handle("Allerton High")
    turn = session.handle("none")
    assert turn.question.category.id == "primary"
    assert "Removed Allerton High. No members recorded in this category." in texts(turn)
    assert store.members(evaluation.partnership_id).get("secondary", []) == []
    assert store.answer(evaluation.id, "membership.secondary").value == []


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("Secondary schools", "secondary schools"),
        ("FE", "FE"),
        ("Safer School Partnership", "Safer School Partnership"),
        ("Short stay schools (pupil referral units) and alternative provision", "short stay schools (pupil referral units) and alternative provision"),
    ],
)
def test_category_titles_in_sentences_keep_their_capitals(title: str, written: str) -> None:
    assert in_sentence(title) == written


def test_a_suggestion_names_fe_in_capitals(session) -> None:
    turn = session.start()
    while turn.question.element is None:
        kind = turn.question.kind
        turn = session.handle("none" if kind in ("membership", "outcome_target", "local_outcomes") else "not sure")
    while turn.question.question_id != "1.1.developing.8":
        turn = session.handle("yes")
    assert "Your membership list has no FE, so I suggest no." in texts(turn)
