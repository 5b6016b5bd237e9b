"""Sign-off and lock (docs/signoff.md): submit, sign off, every write refused while locked, reopen with a reason.

The shared database of ``people_support`` gives a coordinator, a chair and an
admin over North; the lock is checked on every kind of write a person can make
to an evaluation, and against a hand edit in SQLite, which the triggers refuse.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from people_support import OWNER, shared_database

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.domain.actions import ActionDraft
from selfeval_tui.domain.records import Evaluation, Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.errors import (
    LockedError,
    Refused,
    ServiceError,
    StoreInputError,
)
from selfeval_tui.services.open import Services

QUESTION = "1.1.developing.1"
SIGNED_ON = dt.date(2027, 7, 15)
LOCKED = r"^2026/27 of North was signed off by chair on 15 July 2027; a chair or admin can reopen it with a reason$"

Write = Callable[[Services, Framework, Actor, Evaluation], object]

WRITES: dict[str, Write] = {
    "answer": lambda s, f, a, e: s.save_answer(a, e.id, QUESTION, status=Status.MET),
    "note": lambda s, f, a, e: s.save_note(a, e.id, QUESTION, "minutes of 3 March"),
    "agree": lambda s, f, a, e: s.save_judgement(a, e.id, "1.1", 2, "agreed at the board"),
    "clear": lambda s, f, a, e: s.clear_judgement(a, e.id, "1.2"),
    "outcome value": lambda s, f, a, e: s.save_outcome_value(a, e.id, "persistent-absence", "term1", 11.0),
    "action": lambda s, f, a, e: s.add_action(a, f, e, ActionDraft(element_id="1.1", criterion_id=None, what="Agree a protocol")),
}


@pytest.fixture
def services(tmp_path: Path, framework: Framework) -> Iterator[Services]:
    with Services.open(tmp_path / "shared.sqlite3") as opened:
        shared_database(opened, framework)
        yield opened


def _north(services: Services) -> Evaluation:
    found = services.find(OWNER, "North", "2026/27").evaluation
    assert found is not None
    return found


def _signed_off(services: Services) -> Evaluation:
    north = _north(services)
    services.save_answer(OWNER, north.id, QUESTION, status=Status.PARTLY)
    services.save_judgement(OWNER, north.id, "1.2", 1, "agreed")
    services.submit(services.person_actor("coordinator"), north.id, "ready for the board")
    services.sign_off(services.person_actor("chair"), north.id, SIGNED_ON, "approved at the July board")
    return north


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in ("answers", "judgements", "outcome_values", "actions")}


def test_the_cycle_goes_draft_submitted_signed_off_reopened_and_is_recorded(services: Services) -> None:
    north = _north(services)
    coordinator, chair = services.person_actor("coordinator"), services.person_actor("chair")
    assert services.sign_off_state(chair, north.id).state == "draft"
    assert services.submit(coordinator, north.id).state == "submitted"
    signed = services.sign_off(chair, north.id, SIGNED_ON, "approved")
    assert signed.locked and signed.words == "Signed off by chair on 15 July 2027"
    reopened = services.reopen(chair, north.id, "the attendance figures were wrong")
    assert reopened.state == "reopened" and not reopened.locked
    assert [(e.change, e.changed_by, e.comment) for e in reopened.events] == [
        ("submit", "coordinator", ""),
        ("sign_off", "chair", "approved"),
        ("reopen", "chair", "the attendance figures were wrong"),
    ]
    assert services.evaluation(OWNER, north.id).state == "reopened"


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_to_a_signed_off_evaluation_is_refused_with_one_line_and_changes_nothing(
    services: Services, framework: Framework, write: str
) -> None:
    north = _signed_off(services)
    before = _rows(services.path)
    for actor in (OWNER, services.person_actor("coordinator")):
        with pytest.raises(LockedError, match=LOCKED):
            WRITES[write](services, framework, actor, north)
    assert _rows(services.path) == before


def test_a_hand_edit_of_a_signed_off_evaluation_is_refused_by_sqlite_itself(services: Services) -> None:
    north = _signed_off(services)
    with closing(sqlite3.connect(services.path)) as conn:
        for sql in (
            "UPDATE answers SET status = 'met' WHERE evaluation_id = ?",
            "DELETE FROM judgements WHERE evaluation_id = ?",
            "INSERT INTO outcome_values VALUES (?, 'persistent-absence', 'term2', 1.0, 'x', '2027-01-01')",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="signed off and locked"):
                conn.execute(sql, (north.id,))


def test_only_the_coordinator_submits_and_only_a_chair_or_admin_signs_off_and_reopens(services: Services) -> None:
    north = _north(services)
    with pytest.raises(Refused, match="^Chair may not submit the evaluation for sign-off"):
        services.submit(services.person_actor("chair"), north.id)
    services.submit(services.person_actor("coordinator"), north.id)
    for role in ("coordinator", "viewer", "la_officer", "partner"):
        with pytest.raises(Refused, match=r"may not sign off the evaluation: their role in North"):
            services.sign_off(services.person_actor(role), north.id, SIGNED_ON)
    services.sign_off(services.person_actor("admin"), north.id, SIGNED_ON)
    with pytest.raises(Refused, match="may not reopen the evaluation"):
        services.reopen(services.person_actor("coordinator"), north.id, "typo")
    services.reopen(services.person_actor("admin"), north.id, "typo in a note")


def test_steps_out_of_order_and_a_reopening_without_a_reason_are_refused_in_words(services: Services) -> None:
    north = _north(services)
    chair = services.person_actor("chair")
    with pytest.raises(StoreInputError, match="the coordinator submits it first, then a chair signs it off"):
        services.sign_off(chair, north.id, SIGNED_ON)
    with pytest.raises(StoreInputError, match="not signed off, so there is nothing to reopen"):
        services.reopen(chair, north.id, "why not")
    services.submit(OWNER, north.id)
    services.sign_off(chair, north.id, SIGNED_ON)
    with pytest.raises(StoreInputError, match="is already signed off"):
        services.sign_off(chair, north.id, SIGNED_ON)
    with pytest.raises(StoreInputError, match="needs a reason"):
        services.reopen(chair, north.id, "   ")
    assert services.sign_off_state(chair, north.id).locked


def test_a_reopened_evaluation_takes_writes_again(services: Services, framework: Framework) -> None:
    north = _signed_off(services)
    services.reopen(services.person_actor("chair"), north.id, "the July figures were provisional")
    saved = services.save_answer(services.person_actor("coordinator"), north.id, QUESTION, status=Status.MET)
    assert saved.status is Status.MET


def test_carry_forward_starts_from_the_signed_off_year_and_refuses_a_reopened_one(services: Services, framework: Framework) -> None:
    north = _signed_off(services)
    chair = services.person_actor("chair")
    services.reopen(chair, north.id, "a late correction")
    with pytest.raises(StoreInputError, match="was reopened after its sign-off and is not signed off again"):
        services.create(OWNER, framework, "North", "2027/28", carry_forward=True)
    assert [e.year for e in services.evaluations(OWNER, north.partnership_id)] == ["2026/27"]
    services.submit(OWNER, north.id)
    services.sign_off(chair, north.id, SIGNED_ON)
    carried = services.create(OWNER, framework, "North", "2027/28", carry_forward=True)
    assert services.answers(OWNER, carried.id)[QUESTION].status is Status.PARTLY
    never_signed = services.create(OWNER, framework, "South", "2027/28", carry_forward=True)
    assert never_signed.carried_from is not None


def test_the_session_opens_a_signed_off_evaluation_read_only_and_saves_nothing(services: Services, framework: Framework) -> None:
    north = _signed_off(services)
    before = _rows(services.path)
    session = Session(services, framework, north, actor=services.person_actor("coordinator"), sections=True)
    first = session.start()
    assert first.messages[0].text.startswith("Read-only: 2026/27 of North was signed off by chair on 15 July 2027")
    turn = session.handle("skip")
    turn = session.handle("1")
    assert _rows(services.path) == before
    assert not turn.saved


def test_a_sign_off_is_in_every_export_and_a_draft_says_draft(services: Services, framework: Framework) -> None:
    from selfeval_tui.exports import export_text

    north = _north(services)
    date = dt.date(2027, 7, 20)
    draft = export_text(services, OWNER, framework, north, "report", "md", date)
    assert "Status: Draft: not signed off" in draft
    _signed_off(services)
    report = export_text(services, OWNER, framework, north, "report", "md", date)
    assert "Status: Signed off by chair on 15 July 2027: approved at the July board" in report
    overview = export_text(services, OWNER, framework, north, "overview", "md", date)
    assert "Signed off by chair on 15 July 2027" in overview
    json_text = export_text(services, OWNER, framework, north, "json", "json", date)
    assert '"signed_off_on": "2027-07-15"' in json_text


def test_a_locked_write_is_a_service_error_the_shells_already_catch() -> None:
    assert issubclass(LockedError, ServiceError)
