"""The real app in a real pseudo-terminal: SIGHUP, SIGTERM, a dropped connection, NO_COLOR.

These run ``python -m selfeval_tui`` as a child on a pty of 80x24, so they see
what a terminal sees: the bytes written, the exit status, the database after.
Waits are for conditions (text on screen, process exit) with bounded timeouts.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import YEAR

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals and signals")

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78DEHMNOZc])")
LEAVE_ALT_SCREEN = b"\x1b[?1049l"


class Terminal:
    """A child process on its own pty (its controlling terminal), and everything it has written."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))

        def make_controlling_tty() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=make_controlling_tty, close_fds=True
        )
        os.close(slave)
        self.master: int | None = master
        self.output = bytearray()

    def _read(self, timeout: float) -> None:
        assert self.master is not None
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.output.extend(os.read(self.master, 65536))
            except OSError:  # EIO: the child has closed its side
                pass

    def text(self) -> str:
        return ESCAPES.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{needle!r} not on screen; saw: {self.text()[-2000:]!r}")
            self._read(0.05)

    def send(self, data: bytes) -> None:
        assert self.master is not None
        os.write(self.master, data)

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Keep reading (a child blocked on a full pty never exits) until the child is gone."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                self.process.kill()
                raise AssertionError("the app did not exit in time")
            if self.master is not None:
                self._read(0.05)
            else:
                time.sleep(0.02)
        if self.master is not None:
            self._read(0)
        return self.process.returncode

    def hang_up(self) -> None:
        """What a dropped SSH connection does: the terminal side goes away."""
        assert self.master is not None
        os.close(self.master)
        self.master = None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.master is not None:
            os.close(self.master)
            self.master = None


@pytest.fixture
def db(tmp_path: Path, framework: Framework) -> Path:
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        Services(store).create(Actor("coordinator"), framework, "Riverside", YEAR)
    return path


def start(db: Path, **env: str) -> Terminal:
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(TERM="xterm-256color", COLORTERM="truecolor", **env)
    return Terminal(
        [sys.executable, "-m", "selfeval_tui", "--db", str(db), "--partnership", "Riverside", "--year", YEAR],
        environment,
    )


def to_the_strands(terminal: Terminal) -> None:
    """The real app starts with the membership section; jump to the first element."""
    terminal.wait_for("membership")
    terminal.send(b"/jump 1.1\r")
    terminal.wait_for("1.1 Developing 1/8")


@pytest.fixture
def running(db: Path) -> Iterator[Terminal]:
    terminal = start(db)
    try:
        to_the_strands(terminal)
        terminal.send(b"1")
        terminal.wait_for("1.1 Developing 2/8")  # shown only after the first answer was committed
        yield terminal
    finally:
        terminal.close()


def saved_answers(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [row[0] for row in conn.execute("SELECT question_id FROM answers ORDER BY question_id")]


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_ends_the_app_promptly_and_restores_the_terminal(running: Terminal, db: Path, signum: int) -> None:
    before = len(running.output)
    started = time.monotonic()
    running.process.send_signal(signum)
    assert running.wait_exit(timeout=5) == 128 + signum
    assert time.monotonic() - started < 5
    assert LEAVE_ALT_SCREEN in running.output[before:]
    assert saved_answers(db) == ["1.1.developing.1"]


def test_a_dropped_connection_ends_the_app_and_keeps_the_answers(running: Terminal, db: Path) -> None:
    running.hang_up()
    assert running.wait_exit(timeout=5) == 128 + signal.SIGHUP
    assert saved_answers(db) == ["1.1.developing.1"]


TRUECOLOUR = re.compile(rb"\x1b\[[0-9;]*?[34]8;2;(\d+);(\d+);(\d+)")


def test_no_color_leaves_only_greys_and_the_words(db: Path) -> None:
    terminal = start(db, NO_COLOR="1")
    try:
        to_the_strands(terminal)
        terminal.send(b"3")
        terminal.wait_for("(saved)")
        terminal.send(b"\x1bOQ")  # F2: below 100 columns the outline, with its coloured ratings, starts hidden
        terminal.wait_for("1.1 Not yet")
        colours = {tuple(map(int, match)) for match in TRUECOLOUR.findall(bytes(terminal.output))}
        assert colours, "expected the greyscale output of Textual's monochrome filter"
        assert all(r == g == b for r, g, b in colours)
        terminal.send(b"\x11")  # ctrl+q
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
