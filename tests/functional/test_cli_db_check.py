"""``selfeval db check``: one line, exit 0 for a sound file and 2 for anything else, the file never changed."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import store_child

from selfeval_tui.shells.cli import main
from selfeval_tui.store import Status, Store


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = main(["db", "check", "--db", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(text: str) -> str:
    assert text.endswith("\n") and text.count("\n") == 1 and "Traceback" not in text
    return text.rstrip("\n")


@pytest.fixture
def good_db(tmp_path: Path) -> Path:
    path = tmp_path / "selfeval.sqlite3"
    with Store.open(path) as store:
        evaluation = store_child.new_evaluation(store)
        for number in range(5):
            store.save_answer(evaluation.id, f"1.1-{number}", status=Status.MET, note="evidence", by="coordinator")
    return path


def test_a_sound_file_is_ok_in_one_line_and_unchanged(capsys: pytest.CaptureFixture[str], good_db: Path) -> None:
    before = store_child.file_hash(good_db)
    code, out, err = check(capsys, good_db)
    assert (code, err) == (0, "")
    assert one_line(out) == f"{good_db}: ok"
    assert store_child.file_hash(good_db) == before
    assert sorted(good_db.parent.iterdir()) == [good_db]


def test_the_path_comes_from_selfeval_db_too(
    capsys: pytest.CaptureFixture[str], good_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELFEVAL_DB", str(good_db))
    assert main(["db", "check"]) == 0
    assert capsys.readouterr().out == f"{good_db}: ok\n"


def test_a_damaged_file_is_exit_2_in_one_line_and_unchanged(capsys: pytest.CaptureFixture[str], good_db: Path) -> None:
    store_child.damage_history(good_db)
    before = store_child.file_hash(good_db)
    code, out, err = check(capsys, good_db)
    assert (code, out) == (2, "")
    line = one_line(err)
    assert line.startswith(f"selfeval: {good_db}: the database is damaged (PRAGMA integrity_check: ")
    assert line.endswith("restore it from a backup")
    assert store_child.file_hash(good_db) == before
    assert sorted(good_db.parent.iterdir()) == [good_db]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_after_an_unclean_shutdown_a_damaged_file_and_its_wal_are_left_as_they_were(
    capsys: pytest.CaptureFixture[str], good_db: Path
) -> None:
    store_child.damage_history(good_db)
    store_child.commit_then_sigkill(good_db)
    wal = Path(f"{good_db}-wal")
    before = store_child.file_hash(good_db), store_child.file_hash(wal)
    code, out, err = check(capsys, good_db)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"selfeval: {good_db}: the database is damaged (PRAGMA integrity_check: ")
    assert (store_child.file_hash(good_db), store_child.file_hash(wal)) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_after_an_unclean_shutdown_a_sound_file_is_ok_with_nothing_lost(
    capsys: pytest.CaptureFixture[str], good_db: Path
) -> None:
    store_child.commit_then_sigkill(good_db)
    assert check(capsys, good_db)[:2] == (0, f"{good_db}: ok\n")
    with Store.open(good_db) as store:
        assert [p.local_authority for p in store.list_partnerships()] == ["Killedshire"]


def test_a_file_needing_a_migration_is_checked_not_migrated(capsys: pytest.CaptureFixture[str], good_db: Path) -> None:
    with closing(sqlite3.connect(good_db)) as edit:
        edit.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_outcome_value_unit'")
        edit.commit()
    before = store_child.file_hash(good_db)
    assert check(capsys, good_db)[0] == 0
    assert store_child.file_hash(good_db) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_exit_2_in_one_line_without_blocking(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "selfeval.sqlite3"
    os.mkfifo(fifo)
    code, out, err = check(capsys, fifo)
    assert (code, out) == (2, "")
    assert one_line(err) == f"selfeval: {fifo}: this is a named pipe (FIFO), not a database file"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"partnership,year\nNorth Bay,2026/27\n", "not a SQLite database"), (None, "there is no database here")],
    ids=["csv", "missing"],
)
def test_other_bad_paths_are_exit_2_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, words: str
) -> None:
    path = tmp_path / "selfeval.sqlite3"
    if content is not None:
        path.write_bytes(content)
    code, out, err = check(capsys, path)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"selfeval: {path}: ") and words in err
    assert (path.read_bytes() if content is not None else path.exists()) == (content or False)


def test_the_command_runs_as_installed(good_db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "db", "check", "--db", str(good_db)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{good_db}: ok\n", "")
