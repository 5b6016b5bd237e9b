"""Helpers for the store tests, including the code that runs in child processes.

The crash and concurrency tests need real separate processes (SQLite's locks
are per process, and SIGKILL must hit a process that is mid-write). Starting a
fresh interpreter per round costs ~0.2 s of imports, so they use
multiprocessing's *forkserver*: one clean interpreter started with
``sys.executable`` imports the store package once, and every child is forked
from it (never from the pytest process, which holds open databases). It
preloads the package rather than this module because Python 3.11's forkserver
imports its preload list before it sets up ``sys.path``, where tests/ would be.

Run as a script (``python store_child.py readonly DB``), it opens a store as
an unprivileged user and reports in JSON what it could do: the read-only tests
need a user whom file permissions actually bind, and root is not one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier
from pathlib import Path

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Status, Store, StoreError

NOBODY = 65534


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_table(path: Path, table: str) -> None:
    """Point the first cell of ``table``'s root page outside the page.

    The header and the schema stay valid, so the file opens; only reading that
    table, or a check of every page (quick_check, integrity_check), finds the damage.
    """
    with closing(sqlite3.connect(path)) as check:
        root = check.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = check.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size + 8
    data[offset : offset + 2] = b"\xff\xff"
    path.write_bytes(bytes(data))


def damage_history(path: Path) -> None:
    damage_table(path, "answer_history")


def commit_then_sigkill(path: Path) -> None:
    """A process that commits one change and is then killed with SIGKILL, as a dropped SSH session would be."""
    code = textwrap.dedent(
        """
        import os, signal, sqlite3, sys
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE local_authorities SET name = 'Killedshire'")
        conn.execute("COMMIT")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, timeout=60)
    assert done.returncode == -9, done.stderr


def new_evaluation(store: Store, name: str = "North", year: str = "2026/27") -> Evaluation:
    partnership = store.partnership_by_name(name) or store.create_partnership(name, "Northshire")
    return store.create_evaluation(partnership.id, year, "annex-a", "hash-1", by="crash-child")


def save_until_killed(db: str, evaluation_id: int, prefix: str, report: Connection) -> None:
    """Save answers forever, reporting each id only once save_answer has returned."""
    with Store.open(Path(db)) as store:
        number = 0
        while True:
            question = f"{prefix}-{number}"
            store.save_answer(evaluation_id, question, status=Status.MET, note=f"evidence {number}", by="crash-child")
            report.send(question)
            number += 1


def save_many(db: str, evaluation_id: int, prefix: str, count: int, start: Barrier) -> None:
    """One of several writers: all open first, then race to save ``count`` answers each."""
    with Store.open(Path(db)) as store:
        start.wait()
        for number in range(count):
            store.save_answer(evaluation_id, f"{prefix}-{number}", status=Status.PARTLY, note=prefix, by=prefix)


def create_at_once(db: str, name: str, start: Barrier) -> None:
    """One of several processes opening a file that does not exist yet, all at the same moment."""
    start.wait()
    with Store.open(Path(db)) as store:
        store.create_partnership(name)


def start_the_same_year(db: str, framework: Framework, start: Barrier, report: Connection) -> None:
    """One of several people starting partnership "Race" and its 2026/27 evaluation at the same moment.

    Does what ``selfeval chat --plain`` and the start screen do: look, and create what is missing.
    """
    with Store.open(Path(db)) as store:
        start.wait()
        services, actor = Services(store), Actor.os_user()
        found = services.find(actor, "Race", "2026/27").evaluation
        evaluation = found or services.create(actor, framework, "Race", "2026/27", local_authority="Kent")
        report.send(evaluation.id)


def _report_readonly(db: Path) -> dict[str, object]:
    try:
        store = Store.open(db)
    except StoreError as exc:
        return {"open_error": type(exc).__name__, "message": str(exc)}
    with store:
        result: dict[str, object] = {"readonly": store.readonly, "partnerships": len(store.list_partnerships())}
        evaluation = store.list_evaluations()[0]
        result["answers"] = len(store.answers(evaluation.id))
        try:
            store.save_answer(evaluation.id, "1.1-z", status=Status.MET, by="nobody")
        except StoreError as exc:
            result["write_error"] = type(exc).__name__
            result["message"] = str(exc)
        return result


if __name__ == "__main__":
    command, db_path = sys.argv[1], Path(sys.argv[2])
    assert command == "readonly", command
    if os.geteuid() == 0:
        # Import everything now, so that dropping to 'nobody' cannot break an import
        # from root's home; from here on file permissions apply.
        from selfeval_tui.store.rows import build  # noqa: F401 (imported for its side effect)
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    print(json.dumps(_report_readonly(db_path)))
