"""Every service call checks the actor's right first: one refused actor per kind of write, and nothing is written.

Today every actor has every right (personal mode); these tests take one away to
prove the check is there, says who may not do what and why, and comes before
any change to the database.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.domain.records import Evaluation, Status
from selfeval_tui.exports import export_text
from selfeval_tui.services.actor import EVERY_RIGHT, Actor, Right
from selfeval_tui.services.errors import Refused, ServiceError
from selfeval_tui.services.open import Services

ANN = Actor("ann")
QUESTION = "1.1.developing.1"
TABLES = ("partnerships", "members", "evaluations", "answers", "answer_history", "judgements",
          "judgement_history", "outcome_targets", "outcome_values")  # fmt: skip


def lacking(right: Right) -> Actor:
    return Actor("alice", "Alice Smith", EVERY_RIGHT - {right})


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with Services.open(tmp_path / "rights.sqlite3") as opened:
        yield opened


@pytest.fixture
def evaluation(services: Services, framework: Framework) -> Evaluation:
    """Last year (with a judgement) and this year carried forward from it, so every write has something to act on."""
    last = services.create(ANN, framework, "North", "2025/26")
    services.save_answer(ANN, last.id, QUESTION, status=Status.MET)
    this = services.create(ANN, framework, "North", "2026/27", carry_forward=True)
    services.save_judgement(ANN, this.id, "1.1", 2, "agreed at the steering group")
    return this


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in TABLES}


WRITES: dict[str, tuple[Right, Callable[[Services, Actor, Framework, Evaluation], object]]] = {
    "answer": (Right.ANSWER, lambda s, a, f, e: s.save_answer(a, e.id, QUESTION, status=Status.NOT_MET)),
    "confirm": (Right.ANSWER, lambda s, a, f, e: s.confirm_answer(a, e.id, QUESTION)),
    "agree": (Right.AGREE, lambda s, a, f, e: s.save_judgement(a, e.id, "1.2", 3, "seen at the review")),
    "clear": (Right.AGREE, lambda s, a, f, e: s.clear_judgement(a, e.id, "1.1")),
    "members": (Right.EDIT_PARTNERSHIP, lambda s, a, f, e: s.set_members(a, e.partnership_id, "secondary", ["Oak"])),
    "target": (
        Right.EDIT_PARTNERSHIP,
        lambda s, a, f, e: s.save_outcome_target(
            a, e.partnership_id, "exclusions", title="Exclusions", direction="reduce", amount=3, unit="count"
        ),
    ),
    "value": (Right.EDIT_PARTNERSHIP, lambda s, a, f, e: s.save_outcome_value(a, e.id, "exclusions", "baseline", 4)),
    "create": (Right.EDIT_PARTNERSHIP, lambda s, a, f, e: s.create(a, f, "South", "2026/27")),
}


@pytest.mark.parametrize("write", WRITES)
def test_an_actor_without_the_right_is_refused_and_nothing_is_written(
    write: str, services: Services, framework: Framework, evaluation: Evaluation
) -> None:
    right, call = WRITES[write]
    before = rows(services.path)
    with pytest.raises(Refused) as refused:
        call(services, lacking(right), framework, evaluation)
    assert refused.value.right is right
    assert str(refused.value).startswith("Alice Smith may not ")
    assert "their rights do not include" in str(refused.value)
    assert rows(services.path) == before
    call(services, ANN, framework, evaluation)  # the same call with the right goes through
    assert rows(services.path) != before


def test_the_refusal_says_what_and_why_in_one_line(services: Services, evaluation: Evaluation) -> None:
    with pytest.raises(ServiceError) as refused:
        services.save_judgement(lacking(Right.AGREE), evaluation.id, "1.2", 3, "seen")
    assert str(refused.value) == "Alice Smith may not agree the rating of 1.2: their rights do not include agreeing ratings"


def test_reading_and_exporting_need_their_rights(
    services: Services, framework: Framework, evaluation: Evaluation
) -> None:
    with pytest.raises(Refused, match="may not read the answers"):
        services.answers(lacking(Right.READ), evaluation.id)
    with pytest.raises(Refused, match="may not export the evaluation"):
        export_text(services, lacking(Right.EXPORT), framework, evaluation, "report", "md", datetime.date(2027, 1, 1))
    assert export_text(services, ANN, framework, evaluation, "report", "md", datetime.date(2027, 1, 1))


def test_a_refused_reply_in_the_chat_is_one_line_and_the_same_question(
    services: Services, framework: Framework, evaluation: Evaluation
) -> None:
    session = Session(services, framework, evaluation, actor=lacking(Right.ANSWER))
    asked = session.start().question
    assert asked is not None
    before = rows(services.path)
    turn = session.handle("yes")
    assert not turn.saved
    said = "You can read this evaluation and add evidence notes to answered questions with /note;"
    assert [m.text for m in turn.messages] == [f"{said} your rights do not allow answering."]  # before any save
    assert turn.question == asked
    assert rows(services.path) == before
