"""The action plan's tables: saved whole, versioned, every change in an append-only history, carried forward for review."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from store_fixtures import evaluation, store  # noqa: F401  (fixtures)

from selfeval_tui.domain.actions import ActionDraft, ActionStatus, Resources
from selfeval_tui.store import ConflictError, Evaluation, Store, StoreInputError

DRAFT = ActionDraft(
    element_id="1.5", criterion_id="1.5.developed.2", what="Review the protocol", owner="Deputy head",
    due=dt.date(2027, 3, 31), success_measure="Agreed by heads", resources=Resources.YES,
)  # fmt: skip


def test_an_action_is_saved_and_read_back_with_who_made_it(store: Store, evaluation: Evaluation) -> None:
    saved = store.add_action(evaluation.id, DRAFT, by="bea")
    assert store.actions(evaluation.id) == [saved]
    assert (saved.what, saved.due, saved.resources, saved.status, saved.version) == (
        "Review the protocol", dt.date(2027, 3, 31), Resources.YES, ActionStatus.PLANNED, 1,
    )  # fmt: skip
    assert saved.created_by == saved.updated_by == "bea"
    [entry] = store.plan_history(evaluation.id)
    assert (entry.change, entry.action_id, entry.old, entry.changed_by) == ("create", saved.id, None, "bea")
    assert entry.new is not None and entry.new["due"] == "2027-03-31"


def test_an_update_records_only_what_changed_and_raises_the_version(store: Store, evaluation: Evaluation) -> None:
    saved = store.add_action(evaluation.id, DRAFT, by="bea")
    changed = ActionDraft(**{**DRAFT.__dict__, "status": ActionStatus.IN_PROGRESS, "owner": "Head of year"})
    updated = store.update_action(saved.id, changed, expected_version=1, by="cal")
    assert (updated.status, updated.owner, updated.version, updated.updated_by) == (
        ActionStatus.IN_PROGRESS, "Head of year", 2, "cal",
    )  # fmt: skip
    entry = store.plan_history(evaluation.id)[-1]
    assert entry.change == "update"
    assert entry.old == {"owner": "Deputy head", "status": "planned"}
    assert entry.new == {"owner": "Head of year", "status": "in_progress"}


def test_an_update_over_someone_elses_is_refused_and_changes_nothing(store: Store, evaluation: Evaluation) -> None:
    saved = store.add_action(evaluation.id, DRAFT, by="bea")
    store.update_action(saved.id, ActionDraft(**{**DRAFT.__dict__, "what": "Theirs"}), expected_version=1, by="cal")
    with pytest.raises(ConflictError, match="cal changed this action"):
        store.update_action(saved.id, ActionDraft(**{**DRAFT.__dict__, "what": "Mine"}), expected_version=1, by="bea")
    assert store.action(saved.id).what == "Theirs"


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"what": "  "}, "an action needs to say what will be done"),
        ({"status": ActionStatus.DROPPED}, "a dropped action needs a reason"),
        ({"what": "x" * 10_001}, "What will be done can be at most 10,000 characters"),
    ],
)
def test_bad_actions_are_refused_in_one_line(store: Store, evaluation: Evaluation, changes: dict[str, object], refusal: str) -> None:
    with pytest.raises(StoreInputError, match=refusal):
        store.add_action(evaluation.id, ActionDraft(**{**DRAFT.__dict__, **changes}), by="bea")
    assert store.actions(evaluation.id) == [] and store.plan_history(evaluation.id) == []


def test_progress_notes_are_kept_in_order(store: Store, evaluation: Evaluation) -> None:
    saved = store.add_action(evaluation.id, DRAFT, by="bea")
    store.add_progress(saved.id, "Draft shared", by="bea")
    store.add_progress(saved.id, "Heads agreed", by="cal")
    notes = store.progress_notes(evaluation.id)[saved.id]
    assert [(n.note, n.written_by) for n in notes] == [("Draft shared", "bea"), ("Heads agreed", "cal")]
    with pytest.raises(StoreInputError, match="a progress note cannot be blank"):
        store.add_progress(saved.id, " ", by="bea")


def test_a_focus_item_with_no_action_keeps_its_reason_until_cleared(store: Store, evaluation: Evaluation) -> None:
    store.set_no_action(evaluation.id, "1.5", "1.5.developed.1", "not a priority this year", by="bea")
    assert store.no_actions(evaluation.id)[("1.5", "1.5.developed.1")].reason == "not a priority this year"
    with pytest.raises(StoreInputError, match="needs a reason"):
        store.set_no_action(evaluation.id, "1.5", "1.5.developed.1", "", by="bea")
    store.clear_no_action(evaluation.id, "1.5", "1.5.developed.1", by="cal")
    assert store.no_actions(evaluation.id) == {}
    assert [e.change for e in store.plan_history(evaluation.id)] == ["no_action", "no_action_cleared"]


def test_open_actions_are_carried_forward_once(store: Store, evaluation: Evaluation) -> None:
    open_one = store.add_action(evaluation.id, DRAFT, by="bea")
    done = store.add_action(evaluation.id, ActionDraft(**{**DRAFT.__dict__, "status": ActionStatus.DONE}), by="bea")
    following = store.create_evaluation(evaluation.partnership_id, "2027/28", "annex-a", "h", by="cal")
    carried = store.carry_forward_actions(evaluation.id, following.id, by="cal")
    assert [(a.carried_from, a.what, a.status) for a in carried] == [(open_one.id, "Review the protocol", ActionStatus.PLANNED)]
    assert done.id not in {a.carried_from for a in carried}
    assert store.carry_forward_actions(evaluation.id, following.id, by="cal") == carried
    assert [a.id for a in store.actions(evaluation.id)] == [open_one.id, done.id]  # last year's plan is untouched


def test_overdue_counts_open_actions_past_their_date(store: Store, evaluation: Evaluation) -> None:
    store.add_action(evaluation.id, DRAFT, by="bea")
    store.add_action(evaluation.id, ActionDraft(**{**DRAFT.__dict__, "status": ActionStatus.DONE}), by="bea")
    store.add_action(evaluation.id, ActionDraft(**{**DRAFT.__dict__, "due": None}), by="bea")
    assert store.overdue_actions(dt.date(2027, 3, 31)) == {}
    assert store.overdue_actions(dt.date(2027, 4, 1)) == {evaluation.id: 1}


def test_sqlite_keeps_the_plan_history_append_only(store: Store, evaluation: Evaluation) -> None:
    store.add_action(evaluation.id, DRAFT, by="bea")
    conn = sqlite3.connect(store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="plan_history is append-only"):
            conn.execute("DELETE FROM plan_history")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute("UPDATE actions SET due = '31/03/2027'")
    finally:
        conn.close()


def test_a_year_carried_forward_brings_last_years_open_actions(store: Store, evaluation: Evaluation) -> None:
    open_one = store.add_action(evaluation.id, DRAFT, by="bea")
    store.add_action(evaluation.id, ActionDraft(**{**DRAFT.__dict__, "status": ActionStatus.DONE}), by="bea")
    following = store.create_evaluation(
        evaluation.partnership_id, "2027/28", "annex-a", "h", carry_forward_from=evaluation.id, by="cal"
    )
    assert [(a.carried_from, a.status) for a in store.actions(following.id)] == [(open_one.id, ActionStatus.PLANNED)]
    assert [e.change for e in store.plan_history(following.id)] == ["carry_forward"]
