"""Output that cannot be written: a reader that stops (``| head``) is quiet, a full device is one line.

Real processes and real pipes: the BrokenPipeError only happens when a real
reader closes its end, and ``/dev/full`` answers every write with ENOSPC.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from export_support import PARTNERSHIP, YEAR, sample_db

from selfeval_tui.shells.cli import CLOSED_PIPE_EXIT

__all__ = ["sample_db"]
SELFEVAL = [sys.executable, "-m", "selfeval_tui"]
TIMEOUT = 120
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pipes closed under a writer and /dev/full are POSIX")


@posix_only
@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
def test_questions_show_into_head_ends_quietly(tmp_path: Path) -> None:
    # The bank as JSON is far bigger than a pipe's buffer, so the writer is still
    # writing when head has read its 10 bytes and gone.
    show = subprocess.Popen([*SELFEVAL, "questions", "show", "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert show.stdout is not None
    head = subprocess.run(["head", "-c", "10"], stdin=show.stdout, capture_output=True, timeout=TIMEOUT)
    show.stdout.close()
    _, err = show.communicate(timeout=TIMEOUT)
    assert head.stdout == b'{\n  "schem'
    assert err == b"" and show.returncode == CLOSED_PIPE_EXIT


@posix_only
@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
def test_plain_chat_into_head_ends_quietly(tmp_path: Path) -> None:
    chat = subprocess.Popen(
        [*SELFEVAL, "chat", "--plain", "--db", str(tmp_path / "t.db"), "--partnership", "Race", "--year", "2026/27"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert chat.stdin is not None and chat.stdout is not None
    head = subprocess.run(["head", "-1"], stdin=chat.stdout, capture_output=True, timeout=TIMEOUT)
    chat.stdout.close()
    # head has gone; only now does the chat get replies, so its next question meets a closed pipe.
    _, err = chat.communicate(b"yes\n" * 5, timeout=TIMEOUT)
    assert head.stdout.startswith(b"This is the ")
    assert err == b"" and chat.returncode == CLOSED_PIPE_EXIT


@posix_only
def test_a_pipe_closed_before_the_first_write_is_quiet_too() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([*SELFEVAL, "questions", "show"], stdout=write_end, stderr=subprocess.PIPE, timeout=TIMEOUT)
    finally:
        os.close(write_end)
    assert result.stderr == b"" and result.returncode == CLOSED_PIPE_EXIT


@posix_only
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["export", "json", "--partnership", PARTNERSHIP, "--year", YEAR], ["questions", "show"]])
def test_a_full_device_is_one_line(sample_db: Path, command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*SELFEVAL, *command, "--db", str(sample_db)], stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT
        )
    assert result.stderr == b"selfeval: cannot write the output (No space left on device)\n"
    assert result.returncode == 2
