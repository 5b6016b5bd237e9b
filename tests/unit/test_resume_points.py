"""Resume points are per person: a restart goes to where *you* left off, not to where someone else answered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.domain.records import Evaluation
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

Opener = Callable[[str], Session]


@pytest.fixture
def shared(tmp_path: Path, framework: Framework) -> Iterator[tuple[Opener, Evaluation]]:
    """Opens a new session (a restart) for a named person on one shared evaluation."""
    path = tmp_path / "shared.sqlite3"
    opened: list[Services] = []
    with Services.open(path) as first:
        evaluation = first.create(Actor("ann"), framework, "Shared", "2026/27")

    def open_as(user: str) -> Session:
        services = Services.open(path)
        opened.append(services)
        return Session(services, framework, evaluation, actor=Actor(user))

    yield open_as, evaluation
    for services in opened:
        services.close()


def point(session: Session, evaluation: Evaluation) -> object:
    """The resume point stored for the session's person (not their last answer)."""
    store: Store = session.services._store
    return store.resume_point(evaluation.id, session.actor.name)


def tag(session: Session) -> str:
    question = session.start().question
    assert question is not None
    return question.tag


def test_each_person_resumes_after_their_own_last_answer(shared) -> None:
    open_as, _ = shared
    ann = open_as("ann")
    ann.start()
    ann.handle("yes")
    ann.handle("yes")  # ann is now on 1.1 Developing 3/8
    bob = open_as("bob")
    bob.start()
    bob.handle("/jump 3.1")
    bob.handle("yes")  # bob has answered 3.1's first question, after ann's last answer
    assert tag(open_as("ann")) == "1.1 Developing 3/8"
    assert tag(open_as("bob")) == "3.1 Developing 2/2"


def test_a_jump_without_an_answer_is_where_that_person_comes_back(shared, tmp_path: Path) -> None:
    open_as, evaluation = shared
    ann = open_as("ann")
    ann.start()
    ann.handle("yes")
    ann.handle("/jump 2.1")
    assert point(ann, evaluation) is not None
    assert tag(open_as("ann")).startswith("2.1 ")
    assert tag(open_as("bob")) == "1.1 Developing 2/8"  # bob has no place of his own: after the last answer


def test_one_person_resumes_as_before_after_a_skip(shared) -> None:
    """Personal mode: a skipped question is still open and comes round again, and /skip writes no point."""
    open_as, evaluation = shared
    ann = open_as("ann")
    ann.start()
    ann.handle("yes")
    ann.handle("/skip")
    assert point(ann, evaluation) is None
    assert tag(open_as("ann")) == "1.1 Developing 2/8"


def test_a_read_only_store_resumes_without_writing_a_point(shared, tmp_path: Path) -> None:
    open_as, evaluation = shared
    ann = open_as("ann")
    ann.services._store.readonly = True  # as a file without write permission opens
    ann.start()
    assert not ann.handle("/jump 2.1").failed
    assert point(ann, evaluation) is None
