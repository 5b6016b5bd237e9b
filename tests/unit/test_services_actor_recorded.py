"""Every write records the actor who made it: the store is told per call, and knows nobody of its own.

Two people act through one open Services (one connection), so a name that came
from the connection rather than the call would show up as the wrong person.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

ANN, BOB = Actor("ann"), Actor("bob", "Bob Jones")
QUESTION = "1.1.developing.1"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with Services.open(tmp_path / "who.sqlite3") as opened:
        yield opened


def test_answers_and_their_history_name_each_writer(services: Services, framework: Framework) -> None:
    evaluation = services.create(ANN, framework, "North", "2026/27")
    services.save_answer(ANN, evaluation.id, QUESTION, status=Status.MET)
    services.save_answer(BOB, evaluation.id, QUESTION, status=Status.PARTLY, expected_version=1)
    assert services.answers(ANN, evaluation.id)[QUESTION].answered_by == "bob"
    assert [(h.action, h.changed_by) for h in services.history(ANN, evaluation.id)] == [("save", "ann"), ("save", "bob")]


def test_carrying_forward_and_confirming_name_who_did_each(services: Services, framework: Framework) -> None:
    last = services.create(ANN, framework, "North", "2025/26")
    services.save_answer(ANN, last.id, QUESTION, status=Status.MET)
    this = services.create(BOB, framework, "North", "2026/27", carry_forward=True)
    carried = services.answers(ANN, this.id)[QUESTION]
    assert carried.carried_forward and carried.answered_by == "ann"  # who gave it is kept
    services.confirm_answer(ANN, this.id, QUESTION)
    assert services.answers(BOB, this.id)[QUESTION].answered_by == "ann"
    assert [(h.action, h.changed_by) for h in services.history(ANN, this.id)] == [
        ("carry_forward", "bob"),
        ("confirm", "ann"),
    ]


def test_agreed_ratings_and_outcome_values_name_who(services: Services, framework: Framework) -> None:
    evaluation = services.create(ANN, framework, "North", "2026/27")
    services.save_judgement(BOB, evaluation.id, "1.1", 2, "seen at the review")
    assert services.judgements(ANN, evaluation.id)["1.1"].agreed_by == "bob"
    services.clear_judgement(ANN, evaluation.id, "1.1")
    history = services.judgement_history(ANN, evaluation.id)
    assert [(h.action, h.changed_by) for h in history] == [("save", "bob"), ("clear", "ann")]
    services.save_outcome_value(BOB, evaluation.id, "exclusions", "baseline", 4)
    assert [v.recorded_by for v in services.outcome_values(ANN, evaluation.id)] == ["bob"]


def test_a_reply_in_the_chat_is_recorded_as_the_sessions_actor(services: Services, framework: Framework) -> None:
    evaluation = services.create(ANN, framework, "North", "2026/27")
    session = Session(services, framework, evaluation, actor=BOB)
    asked = session.start().question
    assert asked is not None
    assert session.handle("yes").saved
    assert services.answers(ANN, evaluation.id)[asked.question_id].answered_by == "bob"
