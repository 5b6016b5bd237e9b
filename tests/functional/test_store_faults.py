"""Bad files and failing disks: one clear line each, and the file is never changed.

Every refused open is checked byte for byte: hash before, hash after.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import store_child

from selfeval_tui.store import (
    Status,
    Store,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
)

CHILD = Path(store_child.__file__)


def assert_one_line_naming(error: StoreError, path: Path) -> None:
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"{path}: ")


def make_store(path: Path) -> Path:
    with Store.open(path) as store:
        evaluation = store_child.new_evaluation(store)
        for number in range(5):
            store.save_answer(evaluation.id, f"1.1-{number}", status=Status.MET, note="evidence", by="coordinator")
    return path


def refuse(path: Path, *expected: str) -> None:
    """Opening ``path`` fails with one line mentioning ``expected``, and the file is as it was."""
    before = store_child.file_hash(path) if path.is_file() else None
    siblings = sorted(path.parent.iterdir())
    with pytest.raises(StoreError) as refused:
        Store.open(path)
    assert_one_line_naming(refused.value, path)
    for words in expected:
        assert words in str(refused.value)
    if before is not None:
        assert store_child.file_hash(path) == before
    assert sorted(path.parent.iterdir()) == siblings


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "evaluations"
    folder.mkdir()
    refuse(folder, "is a folder")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        b"partnership,year\nNorth Bay,2026/27\n",
        b"SQLite format 2\x00" + bytes(4080),
        bytes(4096),
        b"SQLite",
    ],
    ids=["csv", "other-header", "zeros", "short"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "selfeval.sqlite3"
    path.write_bytes(content)
    refuse(path, "not a SQLite database")


def test_damage_is_reported_when_the_damaged_table_is_read_and_the_file_is_untouched(tmp_path: Path) -> None:
    # An ordinary open no longer reads every page (PRAGMA quick_check): that runs
    # before a migration and after an unclean shutdown (tests/unit/test_store_integrity_check.py),
    # and in full on `selfeval db check` (tests/functional/test_cli_db_check.py).
    path = make_store(tmp_path / "selfeval.sqlite3")
    store_child.damage_history(path)
    before = store_child.file_hash(path)
    with Store.open(path) as store:
        evaluation = store.list_evaluations()[0]
        with pytest.raises(StoreError) as refused:
            store.history(evaluation.id)
        assert_one_line_naming(refused.value, path)
        assert "damaged" in str(refused.value) and "restore it from a backup" in str(refused.value)
    assert store_child.file_hash(path) == before


def test_a_file_with_a_sqlite_header_and_garbage_after_it_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "selfeval.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    refuse(path, "damaged")


def test_another_programs_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "contacts.sqlite3"
    with closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE people (name TEXT)")
        other.commit()
    refuse(path, "not made by selfeval")


def test_a_missing_file_is_not_created_when_creation_is_off(tmp_path: Path) -> None:
    path = tmp_path / "absent.sqlite3"
    with pytest.raises(StoreError) as refused:
        Store.open(path, create=False)
    assert_one_line_naming(refused.value, path)
    assert not path.exists()


def test_a_folder_path_through_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    path = tmp_path / "notes.txt" / "selfeval.sqlite3"
    with pytest.raises(StoreError) as refused:
        Store.open(path)
    assert_one_line_naming(refused.value, path)
    assert (tmp_path / "notes.txt").read_text() == "not a folder"


def test_a_hand_edited_row_that_no_longer_fits_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = make_store(tmp_path / "selfeval.sqlite3")
    with closing(sqlite3.connect(path)) as edit:
        # Valid JSON, so the CHECK constraint lets it in, but no answer value looks like this.
        edit.execute("""UPDATE answers SET value = '{"moves": "lots"}' WHERE question_id = '1.1-0'""")
        edit.commit()
    with Store.open(path) as store:
        evaluation = store.list_evaluations()[0]
        with pytest.raises(StoreError) as refused:
            store.answers(evaluation.id)
        assert_one_line_naming(refused.value, path)
        assert "does not fit the schema" in str(refused.value)
        assert store.answer(evaluation.id, "1.1-1") is not None


# -- read-only files and folders ------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="selfeval-store-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def open_as_another_user(path: Path) -> dict[str, object]:
    """Open ``path`` in a child process that file permissions bind (root drops to 'nobody')."""
    done = subprocess.run(
        [sys.executable, str(CHILD), "readonly", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_file_opens_read_only_and_refuses_writes(shared_dir: Path) -> None:
    path = make_store(shared_dir / "selfeval.sqlite3")
    path.chmod(0o444)
    shared_dir.chmod(0o777)
    before = store_child.file_hash(path)

    report = open_as_another_user(path)

    assert report["readonly"] is True
    assert (report["partnerships"], report["answers"]) == (1, 5)
    assert report["write_error"] == "StoreReadOnlyError"
    assert str(report["message"]).startswith(f"{path}: ") and "read-only" in str(report["message"])
    assert store_child.file_hash(path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("file_mode", [0o666, 0o444], ids=["writable-file", "read-only-file"])
def test_a_read_only_folder_is_refused_with_the_reason(shared_dir: Path, file_mode: int) -> None:
    path = make_store(shared_dir / "selfeval.sqlite3")
    path.chmod(file_mode)
    shared_dir.chmod(0o555)
    before = store_child.file_hash(path)

    report = open_as_another_user(path)

    assert report["open_error"] == "StoreError"
    message = str(report["message"])
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "folder is read-only" in message and "selfeval.sqlite3-wal" in message
    assert store_child.file_hash(path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_empty_file_cannot_be_set_up(shared_dir: Path) -> None:
    path = shared_dir / "selfeval.sqlite3"
    path.touch()
    path.chmod(0o444)
    shared_dir.chmod(0o777)

    report = open_as_another_user(path)

    assert report["open_error"] == "StoreError" and "read-only" in str(report["message"])
    assert path.read_bytes() == b""


def test_a_write_refused_mid_session_is_reported_and_the_session_goes_on(tmp_path: Path) -> None:
    path = make_store(tmp_path / "selfeval.sqlite3")
    with Store.open(path) as store:
        evaluation = store.list_evaluations()[0]
        # Stands in for the file turning read-only under a running session:
        # SQLite then fails the write with SQLITE_READONLY, as query_only does.
        store._conn.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreReadOnlyError) as refused:
            store.save_answer(evaluation.id, "2.1-a", status=Status.MET, by="coordinator")
        assert_one_line_naming(refused.value, path)
        assert store.answer(evaluation.id, "2.1-a") is None
        store._conn.execute("PRAGMA query_only = OFF")
        assert store.save_answer(evaluation.id, "2.1-a", status=Status.MET, by="coordinator").version == 1


# -- a full disk ----------------------------------------------------------


def test_a_full_disk_loses_only_the_answer_being_saved(tmp_path: Path) -> None:
    path = make_store(tmp_path / "selfeval.sqlite3")
    with Store.open(path) as store:
        evaluation = store.list_evaluations()[0]
        answers, history = store.answers(evaluation.id), store.history(evaluation.id)
        # A real full disk cannot be made in a test. Capping the database at its
        # current size with max_page_count (on this connection only) makes
        # SQLite fail the write with SQLITE_FULL, the same error an ENOSPC
        # write gives, at the same point in the transaction.
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")

        with pytest.raises(StoreFullError) as full:
            store.save_answer(evaluation.id, "9.9-big", status=Status.MET, note="evidence " * 1100, by="coordinator")

        assert_one_line_naming(full.value, path)
        assert "NOT saved" in str(full.value)
        assert store.answer(evaluation.id, "9.9-big") is None
        assert store.answers(evaluation.id) == answers and store.history(evaluation.id) == history
        assert store.evaluation_by_id(evaluation.id).updated_at == evaluation.updated_at

        store._conn.execute(f"PRAGMA max_page_count = {pages * 100}")
        assert store.save_answer(evaluation.id, "9.9-big", status=Status.MET, note="evidence " * 1100, by="coordinator").version == 1

    with closing(sqlite3.connect(path)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("SELECT count(*) FROM answers").fetchone() == (len(answers) + 1,)
