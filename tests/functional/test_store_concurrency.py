"""Several processes writing one file: every save lands, and stale saves are refused, not lost."""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
import store_child

from selfeval_tui.store import ConflictError, Status, Store
from selfeval_tui.store.versions import KNOWN_MIGRATIONS

pytestmark = pytest.mark.slow

WRITERS = 4
SAVES_EACH = 200


@pytest.mark.skipif(sys.platform == "win32", reason="forkserver is POSIX-only")
def test_four_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    with Store.open(db) as store:
        evaluation_id = store_child.new_evaluation(store).id
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval_tui.store"])
    # All writers have the file open before any of them saves, so their saves overlap.
    start = context.Barrier(WRITERS)
    writers = [
        context.Process(target=store_child.save_many, args=(str(db), evaluation_id, f"w{n}", SAVES_EACH, start))
        for n in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    # A StoreError (such as "database is locked") in any writer would end it with exit code 1.
    assert [writer.exitcode for writer in writers] == [0] * WRITERS
    with closing(sqlite3.connect(db)) as check:
        assert check.execute("SELECT count(*) FROM answers").fetchone() == (WRITERS * SAVES_EACH,)
        assert check.execute("SELECT count(*) FROM answer_history").fetchone() == (WRITERS * SAVES_EACH,)
        assert check.execute("SELECT count(DISTINCT answered_by) FROM answers").fetchone() == (WRITERS,)
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(sys.platform == "win32", reason="forkserver is POSIX-only")
def test_four_processes_creating_the_same_new_file_at_once_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "new" / "shared.sqlite3"
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval_tui.store"])
    start = context.Barrier(WRITERS)
    openers = [
        context.Process(target=store_child.create_at_once, args=(str(db), f"P{n}", start)) for n in range(WRITERS)
    ]
    for opener in openers:
        opener.start()
    for opener in openers:
        opener.join()

    assert [opener.exitcode for opener in openers] == [0] * WRITERS
    with closing(sqlite3.connect(db)) as check:
        assert [row[0] for row in check.execute("SELECT name FROM _sqlite_migrations")] == list(KNOWN_MIGRATIONS)
        assert check.execute("SELECT count(*) FROM partnerships").fetchone() == (WRITERS,)


def test_a_stale_save_is_refused_with_the_other_users_answer(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    with Store.open(db) as ann, Store.open(db) as bob:
        evaluation_id = store_child.new_evaluation(ann).id
        first = ann.save_answer(evaluation_id, "1.1-a", status=Status.PARTLY, note="ann's draft", by="ann")
        # Both read version 1; Bob saves first.
        read_by_ann = ann.answer(evaluation_id, "1.1-a")
        read_by_bob = bob.answer(evaluation_id, "1.1-a")
        assert read_by_ann == read_by_bob == first
        bob_saved = bob.save_answer(
            evaluation_id, "1.1-a", status=Status.MET, note="bob's evidence", expected_version=read_by_bob.version, by="bob"
        )
        with pytest.raises(ConflictError) as refused:
            ann.save_answer(
                evaluation_id, "1.1-a", status=Status.NOT_MET, note="ann's change", expected_version=read_by_ann.version, by="ann"
            )

        assert refused.value.current == bob_saved
        assert refused.value.current.note == "bob's evidence"
        assert "bob" in str(refused.value) and str(db) in str(refused.value)
        assert ann.answer(evaluation_id, "1.1-a") == bob_saved
        assert [entry.new_note for entry in ann.history(evaluation_id)] == ["ann's draft", "bob's evidence"]


def test_two_users_both_believing_a_question_is_new_cannot_both_win(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    with Store.open(db) as ann, Store.open(db) as bob:
        evaluation_id = store_child.new_evaluation(ann).id
        bob.save_answer(evaluation_id, "2.1-a", status=Status.MET, expected_version=0, by="bob")
        with pytest.raises(ConflictError) as refused:
            ann.save_answer(evaluation_id, "2.1-a", status=Status.NOT_MET, expected_version=0, by="ann")
        assert refused.value.current is not None and refused.value.current.answered_by == "bob"
        assert ann.answer(evaluation_id, "2.1-a").status is Status.MET


def test_a_save_without_a_version_check_always_lands(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    with Store.open(db) as ann, Store.open(db) as bob:
        evaluation_id = store_child.new_evaluation(ann).id
        ann.save_answer(evaluation_id, "3.1-a", status=Status.MET, by="ann")
        bob.save_answer(evaluation_id, "3.1-a", status=Status.PARTLY, by="bob")
        saved = ann.save_answer(evaluation_id, "3.1-a", status=Status.NOT_SURE, by="ann")
        assert saved.version == 3
        assert [entry.changed_by for entry in bob.history(evaluation_id, "3.1-a")] == ["ann", "bob", "ann"]
