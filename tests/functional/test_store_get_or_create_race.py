"""Several people starting the same partnership and year at once all get the one evaluation.

Real processes (multiprocessing's forkserver, as in test_store_concurrency.py),
released together by a barrier and repeated, because the race is between one
process's lookup and another's insert.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
import store_child

from selfeval_tui.bank import Framework
from selfeval_tui.store import Status, Store, StoreInputError

pytestmark = pytest.mark.slow

PEOPLE = 4
ROUNDS = 10


@pytest.mark.skipif(sys.platform == "win32", reason="forkserver is POSIX-only")
def test_four_processes_starting_the_same_year_all_succeed(tmp_path: Path, framework: Framework) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval_tui.store", "selfeval_tui.services.open"])
    for round_number in range(ROUNDS):
        db = tmp_path / f"round-{round_number}.sqlite3"
        Store.open(db).close()  # the file exists: the race under test is the partnership's, not the file's
        start = context.Barrier(PEOPLE)
        pipes = [context.Pipe(duplex=False) for _ in range(PEOPLE)]
        people = [
            context.Process(target=store_child.start_the_same_year, args=(str(db), framework, start, sender))
            for _, sender in pipes
        ]
        for person in people:
            person.start()
        for person in people:
            person.join(timeout=60)
        # "a partnership called 'Race' already exists" in any of them would end it with exit code 1.
        assert [person.exitcode for person in people] == [0] * PEOPLE, f"round {round_number}"
        ids = {receiver.recv() for receiver, _ in pipes}
        with closing(sqlite3.connect(db)) as check:
            assert check.execute(
                "SELECT p.name, la.name FROM partnerships p JOIN local_authorities la ON la.id = p.local_authority_id"
            ).fetchall() == [("Race", "Kent")]
            assert check.execute("SELECT id FROM evaluations").fetchall() == [(ids.pop(),)]
            assert not ids  # every one of them got that same evaluation


def test_exist_ok_returns_what_is_there(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        made = store.create_partnership("North", "Kent", exist_ok=True)
        assert store.create_partnership("  north ", "Elsewhere", exist_ok=True) == made  # name in any case; LA kept
        first = store.create_evaluation(made.id, "2025/26", "annex-a", "h1", exist_ok=True, by="ann")
        store.save_answer(first.id, "1.1.developing.1", status=Status.MET, by="ann")
        second = store.create_evaluation(made.id, "2026/27", "annex-a", "h1", carry_forward_from=first.id, exist_ok=True, by="ann")
        assert second.carried_from == first.id and list(store.answers(second.id)) == ["1.1.developing.1"]
        again = store.create_evaluation(
            made.id, "2026/27", "annex-a", "h2", carry_forward_from=first.id, exist_ok=True, by="ann"
        )
        assert again == store.evaluation(made.id, "2026/27") and again.id == second.id
        assert len(store.history(second.id)) == 1  # nothing carried a second time
        assert len(store.list_partnerships()) == 1 and len(store.list_evaluations()) == 2


def test_create_still_refuses_a_duplicate(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        made = store.create_partnership("North")
        with pytest.raises(StoreInputError, match="a partnership called 'North' already exists"):
            store.create_partnership("NORTH")
        store.create_evaluation(made.id, "2026/27", "annex-a", "h1", by="ann")
        with pytest.raises(StoreInputError, match="already has an evaluation for 2026/27"):
            store.create_evaluation(made.id, "2026/27", "annex-a", "h1", by="ann")
