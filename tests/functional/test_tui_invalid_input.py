"""Bytes that are not UTF-8 from the terminal (a Latin-1 terminal's é is the byte 0xE9).

Textual decodes input strictly: the byte raised UnicodeDecodeError in its input
thread and the app ended with status 0, losing what was typed. The app's driver
decodes with replacement (U+FFFD), so typing goes on. Through a real pty.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from test_tui_terminal import start, to_the_strands

pytest_plugins = ("test_tui_terminal",)  # db

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")


def notes(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return [tuple(row) for row in conn.execute("SELECT question_id, note FROM answers ORDER BY rowid")]


def test_latin1_bytes_become_replacement_characters_and_typing_goes_on(db: Path) -> None:
    terminal = start(db)
    try:
        to_the_strands(terminal)
        terminal.send(b"yes, caf\xe9 minutes\r")
        terminal.wait_for("1.1 Developing 2/8")
        terminal.send(b"no, \xff\xfe stray\r")
        terminal.wait_for("1.1 Developing 3/8")
        assert terminal.process.poll() is None
        terminal.send(b"\x11")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    assert notes(db) == [("1.1.developing.1", "caf\ufffd minutes"), ("1.1.developing.2", "\ufffd\ufffd stray")]
