"""Another session changes answers: this one is told on its next reply, once, and shows what is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session, Turn
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

QUESTION = "1.1.developing.1"


def texts(turn: Turn) -> str:
    return "\n".join(m.text for m in turn.messages)


@pytest.fixture
def two(tmp_path: Path, framework: Framework) -> Iterator[tuple[Session, Session, Store]]:
    """Ann's and Bob's sessions on one evaluation, each with its own connection as its own user."""
    path = tmp_path / "shared.sqlite3"
    with Store.open(path) as ann_store, Store.open(path) as bob_store:
        evaluation = Services(ann_store).create(Actor("ann"), framework, "Shared", "2026/27")
        ann = Session(Services(ann_store), framework, ann_store.evaluation_by_id(evaluation.id), actor=Actor("ann"))
        bob = Session(Services(bob_store), framework, bob_store.evaluation_by_id(evaluation.id), actor=Actor("bob"))
        ann.start()
        bob.start()
        yield ann, bob, ann_store


def test_a_saved_answer_changed_by_someone_else_is_told_on_the_next_reply_once(two) -> None:
    ann, bob, store = two
    ann.handle("yes, on the website")
    assert bob.handle("no, not since May").failed  # bob was shown the question before ann saved: a conflict
    bob.handle("no, not since May")
    turn = ann.handle("/summary")
    notices = [m for m in turn.messages if m.role == "notice"]
    assert len(notices) == 1
    assert notices[0].text.startswith("Someone else (bob) has changed an answer since you saw it: 1.1 Developing 1/8 (")
    assert notices[0].text.endswith(" is now not met (note: not since May).")
    assert "1.1 Engagement of all schools: Not yet developing" in texts(turn)  # the summary is read afresh
    assert not any(m.role == "notice" for m in ann.handle("/why").messages)
    assert store.answer(1, QUESTION).status is Status.NOT_MET


def test_the_notice_comes_with_any_reply_including_an_answer(two) -> None:
    ann, bob, _ = two
    ann.handle("yes")
    bob.handle("/jump 1.1")
    bob.handle("/back")  # shown ann's answer, so bob's reply replaces it without a conflict
    bob.handle("partly")
    turn = ann.handle("no")
    assert turn.saved and "Someone else (bob) has changed an answer since you saw it" in texts(turn)


def test_an_answer_only_seen_is_watched_too(two) -> None:
    ann, bob, _ = two
    bob.handle("yes")
    ann.handle("/jump 1.1")
    ann.handle("/back")  # shown bob's answer
    ann.handle("/skip")
    bob.handle("/back")
    bob.handle("partly")
    assert "is now partly met" in texts(ann.handle("/summary"))


def test_a_change_to_the_question_being_answered_is_a_conflict_not_a_notice(two) -> None:
    ann, bob, _ = two
    bob.handle("yes")
    turn = ann.handle("no")
    assert turn.failed
    assert "Someone else changed this answer while you were on it" in texts(turn)
    assert "since you saw it" not in texts(turn)


def test_my_own_changes_are_not_reported(two) -> None:
    ann, _, _ = two
    ann.handle("yes")
    ann.handle("/back")
    ann.handle("/note on the website")
    ann.handle("partly")
    turn = ann.handle("/summary")
    assert not any(m.role == "notice" for m in turn.messages)
