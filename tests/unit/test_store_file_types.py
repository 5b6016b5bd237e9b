"""``--db`` naming a FIFO, a folder or a device is refused in one line, before anything reads it.

Real processes with a timeout: reading the header of a FIFO used to wait forever
for a writer, so a regression must fail the test rather than hang it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from selfeval_tui.store import Store, StoreError

SELFEVAL = [sys.executable, "-m", "selfeval_tui"]
TIMEOUT = 60
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.sqlite3"
    os.mkfifo(path)
    return path


def folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.sqlite3"
    path.mkdir()
    return path


def device(tmp_path: Path) -> Path:
    return Path("/dev/zero")


KINDS: list[tuple[Callable[[Path], Path], str]] = [
    (fifo, "a named pipe (FIFO)"),
    (folder, "a folder"),
    (device, "a device"),
]
COMMANDS = [
    ["chat", "--plain", "--partnership", "North", "--year", "2026/27"],
    ["export", "json", "--partnership", "North", "--year", "2026/27"],
]


@posix_only
@pytest.mark.parametrize(("make", "what"), KINDS, ids=["fifo", "folder", "device"])
@pytest.mark.parametrize("command", COMMANDS, ids=["chat", "export"])
def test_the_command_refuses_it_in_one_line(tmp_path: Path, make: Callable[[Path], Path], what: str, command: list[str]) -> None:
    db = make(tmp_path)
    result = subprocess.run(
        [*SELFEVAL, *command, "--db", str(db)], input="yes\n", capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"selfeval: {db}: this is {what}, not a database file\n"


@posix_only
def test_the_fifo_is_left_as_it_was(tmp_path: Path) -> None:
    db = fifo(tmp_path)
    result = subprocess.run([*SELFEVAL, *COMMANDS[0], "--db", str(db)], capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 2
    assert stat.S_ISFIFO(db.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.sqlite3"]  # no -wal or -shm beside it


def test_a_symlink_to_a_real_database_still_opens(tmp_path: Path) -> None:
    real = tmp_path / "real.sqlite3"
    Store.open(real).close()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    with Store.open(link) as store:
        assert store.list_partnerships() == []


def test_a_loop_of_links_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.sqlite3").symlink_to("b.sqlite3")
    (tmp_path / "b.sqlite3").symlink_to("a.sqlite3")
    with pytest.raises(StoreError) as refused:
        Store.open(tmp_path / "a.sqlite3")
    assert str(refused.value) == f"{tmp_path / 'a.sqlite3'}: the path cannot be used (Too many levels of symbolic links)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite3", "b.sqlite3"]


def test_a_file_used_as_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(StoreError, match=r"notes/t\.db: the path cannot be used \(Not a directory\)"):
        Store.open(tmp_path / "notes" / "t.db")
    assert (tmp_path / "notes").read_text() == "a file"
