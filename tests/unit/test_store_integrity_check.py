"""The whole file is read for damage where it matters, not on every open.

``PRAGMA quick_check`` reads every page (0.6 s on a 125 MB database), so an
ordinary open of an up-to-date file skips it; it runs before a migration and
when the last program to use the file stopped without closing it (a -wal file
with content that no open connection holds). Which statements ran is seen with
a trace callback on the very connection the store opens.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import store_child
from tui_support import make_app, until

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main
from selfeval_tui.store import Status, Store, StoreError, connection

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and forkserver are POSIX-only")

Trace = Callable[[Path], list[str]]


@pytest.fixture
def opened_with_trace(monkeypatch: pytest.MonkeyPatch) -> Trace:
    """Open and close a store, returning every SQL statement its connection ran while opening."""
    statements: list[str] = []
    connect = connection._connect

    def traced(path: Path, mode: str) -> sqlite3.Connection:
        conn = connect(path, mode)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(connection, "_connect", traced)

    def open_once(path: Path) -> list[str]:
        statements.clear()
        Store.open(path).close()
        return list(statements)

    return open_once


def checked(statements: list[str]) -> bool:
    return any("quick_check" in s or "integrity_check" in s for s in statements)


def wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def saved_store(path: Path) -> Path:
    with Store.open(path) as store:
        evaluation = store_child.new_evaluation(store)
        store.save_answer(evaluation.id, "1.1-a", status=Status.MET, note="evidence", by="coordinator")
    return path


def test_an_ordinary_open_of_an_up_to_date_file_does_not_read_every_page(
    tmp_path: Path, opened_with_trace: Trace
) -> None:
    path = tmp_path / "selfeval.sqlite3"
    first = opened_with_trace(path)
    assert checked(first), "setting up a new file is a migration, so the check runs (and the trace sees it)"
    saved_store(path)
    again = opened_with_trace(path)
    assert again and not checked(again)
    assert wal_size(path) == 0


def test_a_pending_migration_is_preceded_by_the_check(tmp_path: Path, opened_with_trace: Trace) -> None:
    path = saved_store(tmp_path / "selfeval.sqlite3")
    with closing(sqlite3.connect(path)) as edit:
        edit.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_outcome_value_unit'")
        edit.execute("ALTER TABLE outcome_targets DROP COLUMN value_unit")
        edit.commit()
    statements = opened_with_trace(path)
    check = next(i for i, s in enumerate(statements) if "quick_check" in s)
    migrate = next(i for i, s in enumerate(statements) if "value_unit" in s)
    assert check < migrate


def test_damage_is_refused_before_a_migration_touches_the_file(tmp_path: Path) -> None:
    path = saved_store(tmp_path / "selfeval.sqlite3")
    with closing(sqlite3.connect(path)) as edit:
        edit.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_outcome_value_unit'")
        edit.commit()
    store_child.damage_history(path)
    before = store_child.file_hash(path)
    with pytest.raises(StoreError) as refused:
        Store.open(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: the database is damaged (PRAGMA quick_check: ") and "\n" not in message
    assert store_child.file_hash(path) == before


def test_a_writer_killed_mid_write_leads_to_the_check_on_the_next_open(
    tmp_path: Path, opened_with_trace: Trace
) -> None:
    path = tmp_path / "selfeval.sqlite3"
    with Store.open(path) as store:
        evaluation_id = store_child.new_evaluation(store).id
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval_tui.store"])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=store_child.save_until_killed, args=(str(path), evaluation_id, "k", sender))
    child.start()
    sender.close()
    for _ in range(5):
        receiver.recv()  # it has saved five answers and is inside its next save
    child.kill()
    child.join()
    receiver.close()
    assert child.exitcode == -9
    assert wal_size(path) > 0 and connection.left_unclean(path)

    assert checked(opened_with_trace(path))
    # That open closed cleanly, so the next one is ordinary again.
    assert not connection.left_unclean(path)
    assert not checked(opened_with_trace(path))


def test_damage_left_by_an_unclean_shutdown_is_refused_on_the_next_open(tmp_path: Path) -> None:
    path = saved_store(tmp_path / "selfeval.sqlite3")
    store_child.damage_history(path)
    store_child.commit_then_sigkill(path)
    wal = Path(f"{path}-wal")
    before = store_child.file_hash(path), store_child.file_hash(wal)
    with pytest.raises(StoreError) as refused:
        Store.open(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: the database is damaged (PRAGMA quick_check: ") and "\n" not in message
    # Not even the killed writer's last commit was folded in: the file and its -wal are as they were.
    assert (store_child.file_hash(path), store_child.file_hash(wal)) == before


@contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """Another process with ``path`` open and a commit in its -wal, until the block ends (it then exits cleanly)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, sqlite3; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            " c.execute(\"UPDATE partnerships SET name = 'Held'\");"
            " print('ready', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        yield
    finally:
        holder.communicate("", timeout=60)
    assert holder.returncode == 0


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="open connections are seen in /proc/locks (Linux)")
def test_a_file_another_process_has_open_is_not_checked(tmp_path: Path, opened_with_trace: Trace) -> None:
    path = saved_store(tmp_path / "selfeval.sqlite3")
    with held_by_another_process(path):
        assert wal_size(path) > 0  # live, not left behind
        assert not connection.left_unclean(path)
        assert not checked(opened_with_trace(path))


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="open connections are seen in /proc/locks (Linux)")
def test_the_same_file_open_in_this_process_is_not_checked(tmp_path: Path, opened_with_trace: Trace) -> None:
    path = saved_store(tmp_path / "selfeval.sqlite3")
    with Store.open(path) as first:
        evaluation = first.list_evaluations()[0]
        first.save_answer(evaluation.id, "1.1-b", status=Status.MET, by="coordinator")
        assert wal_size(path) > 0
        assert not checked(opened_with_trace(path))
        assert first.answer(evaluation.id, "1.1-b") is not None


def test_where_open_connections_cannot_be_seen_a_wal_with_content_is_checked(
    tmp_path: Path, opened_with_trace: Trace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "_PROC_LOCKS", tmp_path / "no-such-proc-locks")
    path = saved_store(tmp_path / "selfeval.sqlite3")
    assert not checked(opened_with_trace(path))  # no -wal left: nothing to decide
    # Another process holds it open with content in its -wal (a store of this process is known, so not asked about).
    with held_by_another_process(path):
        assert checked(opened_with_trace(path))


# -- damage the open did not look for is found where it is read ------------


def damaged_evaluation(path: Path, framework: Framework) -> None:
    """An evaluation with answers whose table (not its schema) is damaged."""
    with Store.open(path) as store:
        evaluation = Services(store).create(Actor("coordinator"), framework, "North", "2026/27", local_authority="Kent")
        for criterion in framework.elements[0].levels[0].criteria:
            store.save_answer(evaluation.id, criterion.id, status=Status.MET, note="minutes", by="coordinator")
    store_child.damage_table(path, "answers")


def test_on_the_command_line_it_is_one_line_and_exit_2(
    tmp_path: Path, framework: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "selfeval.sqlite3"
    damaged_evaluation(path, framework)
    before = store_child.file_hash(path)
    code = main(["export", "report", "--db", str(path), "--partnership", "North", "--year", "2026/27"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"selfeval: {path}: the database is damaged (")
    assert store_child.file_hash(path) == before


async def test_in_the_app_it_ends_with_that_line_not_a_traceback(tmp_path: Path, framework: Framework) -> None:
    path = tmp_path / "selfeval.sqlite3"
    damaged_evaluation(path, framework)
    with Store.open(path) as store:
        evaluation = store.list_evaluations()[0]
        app = make_app(store, framework, evaluation)
        async with app.run_test() as pilot:
            await until(pilot, lambda: app.store_failure is not None)
    assert app.return_code == 2
    assert str(app.store_failure).startswith(f"{path}: the database is damaged (")
