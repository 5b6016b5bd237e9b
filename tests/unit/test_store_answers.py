"""Saving and reading answers: one current row per question, committed before the call returns."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_fixtures import evaluation, store  # noqa: F401  (fixtures)

from selfeval_tui.store import ConflictError, Evaluation, Status, Store, StoreInputError


def test_a_first_save_is_version_one_and_is_on_disk_when_it_returns(
    store: Store, evaluation: Evaluation
) -> None:
    saved = store.save_answer(evaluation.id, "1.1-a", status=Status.PARTLY, note="two of five schools", by="ann")

    assert (saved.status, saved.note, saved.version, saved.answered_by) == (Status.PARTLY, "two of five schools", 1, "ann")
    assert not saved.carried_forward and saved.value is None
    # A separate connection sees it: it is committed, not waiting in a transaction.
    with closing(sqlite3.connect(store.path)) as other:
        assert other.execute("SELECT status, note, version FROM answers").fetchall() == [
            ("partly", "two of five schools", 1)
        ]
    with Store.open(store.path) as reopened:
        assert reopened.answer(evaluation.id, "1.1-a") == saved


def test_each_save_replaces_the_current_row_and_counts_up(store: Store, evaluation: Evaluation) -> None:
    store.save_answer(evaluation.id, "1.1-a", status=Status.NOT_SURE, by="ann")
    store.save_answer(evaluation.id, "1.1-a", status=Status.PARTLY, by="ann")
    third = store.save_answer(evaluation.id, "1.1-a", status=Status.MET, note="all five now", by="ann")
    store.save_answer(evaluation.id, "1.1-b", status=Status.NOT_APPLICABLE, by="ann")

    assert third.version == 3
    assert store.answers(evaluation.id) == {"1.1-a": third, "1.1-b": store.answer(evaluation.id, "1.1-b")}
    with closing(sqlite3.connect(store.path)) as other:
        assert other.execute("SELECT count(*) FROM answers").fetchone() == (2,)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (72.5, "72.5"),
        (80, "80.0"),
        (["Attendance panel", "Exclusions review"], '["Attendance panel", "Exclusions review"]'),
        ({"moves": 30, "successes": 26}, '{"moves": 30, "successes": 26}'),
    ],
)
def test_measure_values_round_trip_and_are_stored_as_json(
    store: Store, evaluation: Evaluation, value: object, stored: str
) -> None:
    saved = store.save_answer(evaluation.id, "2.3-m", status=None, value=value, by="ann")
    assert store.answer(evaluation.id, "2.3-m") == saved
    assert saved.value == value
    with closing(sqlite3.connect(store.path)) as other:
        assert other.execute("SELECT value, json_valid(value), status FROM answers").fetchone() == (stored, 1, None)


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"status": None}, "needs a status, or a value"),
        ({"status": "mostly"}, "status"),
        ({"status": Status.MET, "value": float("nan")}, "value"),
        ({"status": Status.MET, "value": "seventy"}, "value"),
        ({"status": Status.MET, "note": None}, "note"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_written(
    store: Store, evaluation: Evaluation, fields: dict[str, object], complaint: str
) -> None:
    with pytest.raises(StoreInputError) as refused:
        store.save_answer(evaluation.id, "1.1-a", **fields, by="ann")
    assert complaint in str(refused.value) and "1.1-a" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert store.answers(evaluation.id) == {} and store.history(evaluation.id) == []


def test_an_answer_to_an_unknown_evaluation_is_refused(store: Store, evaluation: Evaluation) -> None:
    with pytest.raises(StoreInputError, match="no evaluation with id 404"):
        store.save_answer(404, "1.1-a", status=Status.MET, by="ann")
    with closing(sqlite3.connect(store.path)) as other:
        assert other.execute("SELECT count(*) FROM answers").fetchone() == (0,)
        assert other.execute("SELECT count(*) FROM answer_history").fetchone() == (0,)


def test_a_matching_expected_version_saves(store: Store, evaluation: Evaluation) -> None:
    first = store.save_answer(evaluation.id, "1.1-a", status=Status.PARTLY, expected_version=0, by="ann")
    second = store.save_answer(evaluation.id, "1.1-a", status=Status.MET, expected_version=first.version, by="ann")
    assert second.version == 2


@pytest.mark.parametrize("expected", [0, 2, 5])
def test_a_stale_expected_version_is_a_conflict_and_writes_nothing(
    store: Store, evaluation: Evaluation, expected: int
) -> None:
    store.save_answer(evaluation.id, "1.1-a", status=Status.PARTLY, by="ann")
    current = store.answer(evaluation.id, "1.1-a")
    updated_at = store.evaluation_by_id(evaluation.id).updated_at

    with pytest.raises(ConflictError) as conflict:
        store.save_answer(evaluation.id, "1.1-a", status=Status.MET, expected_version=expected, by="ann")

    assert conflict.value.current == current
    assert store.answer(evaluation.id, "1.1-a") == current
    assert len(store.history(evaluation.id)) == 1
    assert store.evaluation_by_id(evaluation.id).updated_at == updated_at


def test_expecting_an_answer_that_is_not_there_is_a_conflict(store: Store, evaluation: Evaluation) -> None:
    with pytest.raises(ConflictError) as conflict:
        store.save_answer(evaluation.id, "1.1-a", status=Status.MET, expected_version=1, by="ann")
    assert conflict.value.current is None
    assert store.answer(evaluation.id, "1.1-a") is None


def test_answers_are_kept_apart_per_evaluation(store: Store, evaluation: Evaluation) -> None:
    other = store.create_evaluation(evaluation.partnership_id, "2027/28", "annex-a", "h", by="ann")
    store.save_answer(evaluation.id, "1.1-a", status=Status.MET, by="ann")
    store.save_answer(other.id, "1.1-a", status=Status.NOT_MET, by="ann")
    assert store.answer(evaluation.id, "1.1-a").status is Status.MET
    assert store.answer(other.id, "1.1-a").status is Status.NOT_MET
    assert store.answer(other.id, "1.1-b") is None


saves = st.lists(
    st.tuples(
        st.sampled_from(["1.1-a", "1.1-b", "2.1-m"]),
        st.sampled_from([*Status, None]),
        st.one_of(st.none(), st.floats(0, 100), st.lists(st.text(max_size=5), max_size=3)),
        st.text(max_size=20),
    ).filter(lambda save: save[1] is not None or save[2] is not None),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(saves)
def test_after_any_saves_each_question_holds_its_last_save_and_its_full_count(
    sequence: list[tuple[str, Status | None, object, str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.sqlite3") as store:
        evaluation_id = store.create_evaluation(store.create_partnership("P").id, "2026/27", "a", "h", by="ann").id
        last: dict[str, tuple[object, ...]] = {}
        for question, status, value, note in sequence:
            store.save_answer(evaluation_id, question, status=status, value=value, note=note, by="ann")
            last[question] = (status, value, note)
        answers = store.answers(evaluation_id)
        assert {q: (a.status, a.value, a.note) for q, a in answers.items()} == last
        for question, answer in answers.items():
            assert answer.version == sum(1 for save in sequence if save[0] == question)
            assert [h.version for h in store.history(evaluation_id, question)] == list(range(1, answer.version + 1))
