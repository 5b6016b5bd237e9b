"""A writer killed with SIGKILL at random moments loses nothing it reported saved.

SIGKILL gives the child no chance to clean up, so this exercises exactly what a
dropped SSH session or an OOM kill does: whatever the store said was saved must
be in the file, the file must pass ``PRAGMA integrity_check``, and the next
writer must carry on (SQLite recovers the WAL on the next open).
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
import store_child

from selfeval_tui.store import Status, Store

ROUNDS = 60

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and forkserver are POSIX-only"), pytest.mark.slow]


def test_answers_reported_saved_survive_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    with Store.open(db) as store:
        evaluation_id = store_child.new_evaluation(store).id
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval_tui.store"])
    rng = random.Random(20260704)
    reported: list[str] = []
    for round_number in range(ROUNDS):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=store_child.save_until_killed, args=(str(db), evaluation_id, f"r{round_number}", sender)
        )
        child.start()
        sender.close()
        # 0 kills it while it is still opening the store; otherwise wait for a
        # few reports, by which time it is somewhere inside its next save.
        for _ in range(rng.randint(0, 25)):
            reported.append(receiver.recv())
        child.kill()
        child.join()
        assert child.exitcode == -9, f"round {round_number}: child ended on its own ({child.exitcode})"
        # Reports sent just before the kill are still in the pipe; read to its end.
        while True:
            try:
                reported.append(receiver.recv())
            except EOFError:
                break
        receiver.close()

    assert len(reported) > ROUNDS * 5
    with Store.open(db) as store:
        saved = store.answers(evaluation_id)
        history = store.history(evaluation_id)
        missing = [question for question in reported if question not in saved]
        assert missing == []
        assert all(saved[question].status is Status.MET for question in reported)
        # Each save is one transaction: a current row without its history row
        # (or the reverse) would mean a half-committed save.
        assert sorted(entry.question_id for entry in history) == sorted(saved)
    with closing(sqlite3.connect(db)) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
