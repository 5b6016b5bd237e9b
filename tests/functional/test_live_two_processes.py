"""Live updates between two real processes: the TUI on a pty and plain mode on pipes, one database file.

What plain mode commits reaches the TUI's screen with no key pressed there, and
a plain-mode reply over the TUI's newer answer meets the conflict handling
(plain mode does not poll: it learns of the change when it saves).
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_tui_terminal import ESCAPES, Terminal, start, to_the_strands
from tui_support import YEAR

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals"),
]


class Plain:
    """``selfeval chat --plain`` with a pipe for each direction, read as it writes (it flushes each question)."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "selfeval_tui", "chat", "--plain", "--db", str(path), "--partnership", "Riverside", "--year", YEAR],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.output = bytearray()

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def wait_for(self, needle: str, since: int = 0, timeout: float = 20.0) -> int:
        """Until ``needle`` is in what was written after byte ``since``; returns where the output ends now."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while needle not in self.output[since:].decode("utf-8", "replace"):
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not written; saw: {self.output[-1500:]!r}")
            ready, _, _ = select.select([self.process.stdout], [], [], 0.05)
            if ready:
                self.output.extend(os.read(self.process.stdout.fileno(), 65536))
        return len(self.output)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def both(tmp_path: Path, framework: Framework) -> Iterator[tuple[Terminal, Plain]]:
    path = tmp_path / "t.db"
    with Services.open(path) as services:
        services.create(Actor("coordinator"), framework, "Riverside", YEAR)
    terminal = start(path)
    plain = Plain(path)
    try:
        yield terminal, plain
    finally:
        plain.close()
        terminal.close()


def test_plain_mode_answers_reach_the_tui_and_a_stale_plain_reply_is_a_conflict(both) -> None:
    terminal, plain = both
    to_the_strands(terminal)
    mark = plain.wait_for("?")  # its first question is asked
    plain.send("/jump 1.1")
    mark = plain.wait_for("1.1 Developing 1/8", mark)

    terminal.send(b"1")  # the TUI answers first; plain mode was shown the question before that
    terminal.wait_for("1.1 Developing 2/8")
    plain.send("no, not since May")
    mark = plain.wait_for("Someone else changed this answer while you were on it", mark)

    before = len(terminal.output)
    plain.send("no, not since May")  # now knowingly replacing the TUI's answer
    plain.wait_for("1.1 Developing 2/8", mark)
    deadline = time.monotonic() + 5
    notice = "Another session of yours has changed an answer"  # the same account: not "Someone else (root)"
    while notice not in ESCAPES.sub(b"", bytes(terminal.output[before:])).decode("utf-8", "replace"):  # no key pressed
        assert time.monotonic() < deadline, "the TUI never showed plain mode's change"
        terminal._read(0.05)
