"""The answer history: every change with its old and new value, who and when, never rewritten."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from store_fixtures import evaluation, store  # noqa: F401  (fixtures)

from selfeval_tui.store import Evaluation, Status, Store


def test_each_change_records_old_and_new_who_and_when(store: Store, evaluation: Evaluation) -> None:
    first = store.save_answer(evaluation.id, "1.1-a", status=Status.NOT_SURE, note="ask Sam", by="ann")
    with Store.open(store.path) as bob:
        second = bob.save_answer(evaluation.id, "1.1-a", status=Status.MET, value=80.0, note="register checked", by="bob")

    old, new = store.history(evaluation.id, "1.1-a")
    assert (old.action, old.version, old.old_status, old.old_value, old.old_note) == ("save", 1, None, None, None)
    assert (old.new_status, old.new_value, old.new_note, old.changed_by) == (Status.NOT_SURE, None, "ask Sam", "ann")
    assert old.changed_at == first.answered_at
    assert (new.old_status, new.old_value, new.old_note) == (Status.NOT_SURE, None, "ask Sam")
    assert (new.new_status, new.new_value, new.new_note, new.changed_by) == (Status.MET, 80.0, "register checked", "bob")
    assert new.changed_at == second.answered_at and new.version == 2


def test_history_is_oldest_first_and_can_be_narrowed_to_one_question(store: Store, evaluation: Evaluation) -> None:
    for question, status in [("1.1-a", Status.MET), ("1.1-b", Status.PARTLY), ("1.1-a", Status.NOT_MET)]:
        store.save_answer(evaluation.id, question, status=status, by="ann")
    other = store.create_evaluation(evaluation.partnership_id, "2027/28", "annex-a", "h", by="ann")
    store.save_answer(other.id, "1.1-a", status=Status.MET, by="ann")

    everything = store.history(evaluation.id)
    assert [(h.question_id, h.new_status) for h in everything] == [
        ("1.1-a", Status.MET),
        ("1.1-b", Status.PARTLY),
        ("1.1-a", Status.NOT_MET),
    ]
    assert [h.id for h in everything] == sorted(h.id for h in everything)
    assert [h.new_status for h in store.history(evaluation.id, "1.1-a")] == [Status.MET, Status.NOT_MET]
    assert store.history(evaluation.id, "9.9-z") == []


def test_history_survives_reopening(store: Store, evaluation: Evaluation) -> None:
    store.save_answer(evaluation.id, "1.1-a", status=Status.MET, by="ann")
    store.save_answer(evaluation.id, "1.1-a", status=Status.PARTLY, by="ann")
    written = store.history(evaluation.id)
    with Store.open(store.path) as reopened:
        assert reopened.history(evaluation.id) == written


@pytest.mark.parametrize(
    "statement",
    ["UPDATE answer_history SET new_note = 'rewritten'", "DELETE FROM answer_history"],
)
def test_the_database_itself_refuses_to_rewrite_history(store: Store, evaluation: Evaluation, statement: str) -> None:
    store.save_answer(evaluation.id, "1.1-a", status=Status.MET, note="original", by="ann")
    with closing(sqlite3.connect(store.path)) as other, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        other.execute(statement)
    assert [h.new_note for h in store.history(evaluation.id)] == ["original"]
