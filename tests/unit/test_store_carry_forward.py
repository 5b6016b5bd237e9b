"""Starting a new year from last year's answers, each marked until someone confirms it."""

from __future__ import annotations

import pytest
from store_fixtures import store  # noqa: F401  (fixtures)

from selfeval_tui.store import Evaluation, Status, Store, StoreInputError


@pytest.fixture
def last_year(store: Store) -> Evaluation:
    partnership = store.create_partnership("North Bay")
    evaluation = store.create_evaluation(partnership.id, "2025/26", "annex-a", "h1", by="ann")
    store.save_answer(evaluation.id, "1.1-a", status=Status.MET, note="minutes of May meeting", by="ann")
    store.save_answer(evaluation.id, "1.1-a", status=Status.PARTLY, note="only two schools attend", by="ann")
    store.save_answer(evaluation.id, "1.2-m", status=None, value=["a", "c"], by="ann")
    store.save_judgement(evaluation.id, "1.1", 2, "agreed at the steering group", by="ann")
    return evaluation


def carry(store: Store, last_year: Evaluation) -> Evaluation:
    with Store.open(store.path) as bob:
        return bob.create_evaluation(last_year.partnership_id, "2026/27", "annex-a", "h2", carry_forward_from=last_year.id, by="bob")


def test_current_answers_are_copied_and_marked_carried_forward(store: Store, last_year: Evaluation) -> None:
    this_year = carry(store, last_year)
    old = store.answers(last_year.id)
    new = store.answers(this_year.id)

    assert this_year.carried_from == last_year.id
    assert set(new) == {"1.1-a", "1.2-m"}
    for question, answer in new.items():
        assert answer.carried_forward and answer.version == 1 and answer.evaluation_id == this_year.id
        assert (answer.status, answer.value, answer.note) == (old[question].status, old[question].value, old[question].note)
        # Who said it, and when, is still the person who answered last year.
        assert (answer.answered_by, answer.answered_at) == (old[question].answered_by, old[question].answered_at)
    assert not any(answer.carried_forward for answer in old.values())


def test_carrying_forward_is_in_the_history_and_judgements_are_not_carried(store: Store, last_year: Evaluation) -> None:
    this_year = carry(store, last_year)
    history = store.history(this_year.id)
    assert [(h.question_id, h.action, h.changed_by, h.old_status, h.new_status) for h in history] == [
        ("1.1-a", "carry_forward", "bob", None, Status.PARTLY),
        ("1.2-m", "carry_forward", "bob", None, None),
    ]
    assert store.judgements(last_year.id) != {}
    assert store.judgements(this_year.id) == {}


def test_confirming_clears_the_mark_and_is_recorded(store: Store, last_year: Evaluation) -> None:
    this_year = carry(store, last_year)
    confirmed = store.confirm_answer(this_year.id, "1.1-a", by="ann")

    assert not confirmed.carried_forward and confirmed.version == 2
    assert confirmed.answered_by == "ann" and confirmed.note == "only two schools attend"
    assert store.answer(this_year.id, "1.1-a") == confirmed
    assert store.answer(this_year.id, "1.2-m").carried_forward
    assert [h.action for h in store.history(this_year.id, "1.1-a")] == ["carry_forward", "confirm"]
    # Confirming again changes nothing and records nothing.
    assert store.confirm_answer(this_year.id, "1.1-a", by="ann") == confirmed
    assert len(store.history(this_year.id, "1.1-a")) == 2


def test_changing_a_carried_answer_also_clears_the_mark(store: Store, last_year: Evaluation) -> None:
    this_year = carry(store, last_year)
    changed = store.save_answer(this_year.id, "1.2-m", status=None, value=["a", "b", "c"], expected_version=1, by="ann")
    assert not changed.carried_forward and changed.version == 2
    assert store.answer(last_year.id, "1.2-m").value == ["a", "c"]


def test_confirming_an_unanswered_question_is_refused(store: Store, last_year: Evaluation) -> None:
    this_year = carry(store, last_year)
    with pytest.raises(StoreInputError, match="no answer to 9.9-z"):
        store.confirm_answer(this_year.id, "9.9-z", by="ann")


def test_answers_carry_only_within_a_partnership(store: Store, last_year: Evaluation) -> None:
    south = store.create_partnership("South Bay")
    with pytest.raises(StoreInputError, match="same partnership"):
        store.create_evaluation(south.id, "2026/27", "annex-a", "h", carry_forward_from=last_year.id, by="ann")
    with pytest.raises(StoreInputError, match="no evaluation with id 99"):
        store.create_evaluation(south.id, "2026/27", "annex-a", "h", carry_forward_from=99, by="ann")
    assert store.list_evaluations(south.id) == []
