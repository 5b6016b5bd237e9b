"""Agreed judgements: a level that overrides the computed one, always with a reason."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from store_fixtures import evaluation, store  # noqa: F401  (fixtures)

from selfeval_tui.store import Evaluation, Store, StoreError, StoreInputError


def test_a_judgement_is_saved_with_who_and_why(store: Store, evaluation: Evaluation) -> None:
    saved = store.save_judgement(evaluation.id, "1.1", 3, "  panel minutes show all schools attend  ", by="ann")
    assert (saved.level, saved.reason, saved.agreed_by) == (3, "panel minutes show all schools attend", "ann")
    assert store.judgements(evaluation.id) == {"1.1": saved}
    with Store.open(store.path) as reopened:
        assert reopened.judgements(evaluation.id) == {"1.1": saved}


def test_a_new_judgement_replaces_the_old_and_both_are_in_the_history(store: Store, evaluation: Evaluation) -> None:
    store.save_judgement(evaluation.id, "1.1", 2, "first view", by="ann")
    with Store.open(store.path) as bob:
        bob.save_judgement(evaluation.id, "1.1", 4, "second view", by="bob")

    assert store.judgements(evaluation.id)["1.1"].level == 4
    assert [(h.action, h.old_level, h.old_reason, h.new_level, h.new_reason, h.changed_by) for h in store.judgement_history(evaluation.id)] == [
        ("save", None, None, 2, "first view", "ann"),
        ("save", 2, "first view", 4, "second view", "bob"),
    ]


def test_clearing_returns_to_the_computed_level_and_is_recorded(store: Store, evaluation: Evaluation) -> None:
    store.save_judgement(evaluation.id, "1.1", 1, "reason", by="ann")
    store.save_judgement(evaluation.id, "1.2", 2, "other reason", by="ann")
    store.clear_judgement(evaluation.id, "1.1", by="ann")
    store.clear_judgement(evaluation.id, "9.9", by="ann")

    assert set(store.judgements(evaluation.id)) == {"1.2"}
    assert [(h.element_id, h.action, h.new_level) for h in store.judgement_history(evaluation.id)] == [
        ("1.1", "save", 1),
        ("1.2", "save", 2),
        ("1.1", "clear", None),
    ]
    assert [h.action for h in store.judgement_history(evaluation.id, "1.1")] == ["save", "clear"]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_a_judgement_without_a_reason_is_refused(store: Store, evaluation: Evaluation, reason: str) -> None:
    with pytest.raises(StoreInputError) as refused:
        store.save_judgement(evaluation.id, "1.1", 2, reason, by="ann")
    assert isinstance(refused.value, ValueError) and isinstance(refused.value, StoreError)
    assert "needs a reason" in str(refused.value) and "\n" not in str(refused.value)
    assert store.judgements(evaluation.id) == {} and store.judgement_history(evaluation.id) == []


@pytest.mark.parametrize("level", [-1, 5, True, 2.5])
def test_levels_run_from_0_to_4(store: Store, evaluation: Evaluation, level: object) -> None:
    with pytest.raises(StoreInputError, match="level"):
        store.save_judgement(evaluation.id, "1.1", level, "reason", by="ann")
    assert store.judgements(evaluation.id) == {}


def test_every_level_from_0_to_4_is_accepted(store: Store, evaluation: Evaluation) -> None:
    for level in range(5):
        assert store.save_judgement(evaluation.id, f"1.{level}", level, "r", by="ann").level == level


def test_a_judgement_for_an_unknown_evaluation_is_refused(store: Store) -> None:
    with pytest.raises(StoreInputError, match="no evaluation with id 3"):
        store.save_judgement(3, "1.1", 2, "reason", by="ann")


def test_judgement_history_cannot_be_rewritten(store: Store, evaluation: Evaluation) -> None:
    store.save_judgement(evaluation.id, "1.1", 2, "reason", by="ann")
    with closing(sqlite3.connect(store.path)) as other, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        other.execute("DELETE FROM judgement_history")
