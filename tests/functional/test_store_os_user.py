"""Who answered is the account the process runs as, not whatever ``USER`` or ``LOGNAME`` say."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from selfeval_tui.services.actor import Actor, os_user

pwd = pytest.importorskip("pwd")  # POSIX: Windows has no uids
REAL = pwd.getpwuid(os.getuid()).pw_name


def test_the_environment_cannot_name_someone_else(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, "mallory")
    assert Actor.os_user().name == REAL != "mallory"


def test_a_uid_without_a_passwd_entry_is_recorded_by_number(monkeypatch: pytest.MonkeyPatch) -> None:
    unlisted = next(uid for uid in range(54321, 60000) if uid not in {entry.pw_uid for entry in pwd.getpwall()})
    monkeypatch.setattr(os, "getuid", lambda: unlisted)
    assert os_user() == f"uid {unlisted}"


def test_an_answer_given_in_plain_mode_carries_the_real_user(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    env = {**os.environ, "USER": "mallory", "LOGNAME": "mallory"}
    result = subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "chat", "--plain", "--db", str(db), "--partnership", "North", "--year", "2026/27"],
        input="done\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as check:
        saved = check.execute("SELECT answered_by FROM answers").fetchall()
        changed = check.execute("SELECT changed_by FROM answer_history").fetchall()
    assert saved and set(saved) == set(changed) == {(REAL,)}

