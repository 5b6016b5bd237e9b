"""Plain line mode shows what others stored as text: no escape sequence, 8-bit control or bidi control gets out.

Also undecodable input and command-line bytes: a replacement character or one
line and exit 2, never a traceback.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from inert_support import hazards, named, stored_text

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.domain.inert import inert
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.plain import shell
from selfeval_tui.store import Status, Store

HOSTILE = "\x1b]0;PWNED-TITLE\x07 Allerton\x1b[2J \x9b31m\u202eevil [bold]x[/bold]"
REPLIES = "/members\n/jump 1.1\n/back\n/why\n/show\n/summary\n/outcomes\nnone\n"
"""Commands that bring stored names, notes and titles back on screen."""


def store_hostile(path: Path, framework: Framework, *, name: str, member: str, note: str, title: str) -> None:
    with Store.open(path) as store:
        evaluation = Services(store).create(Actor("coordinator"), framework, name, "2026/27", local_authority=member)
        store.set_members(evaluation.partnership_id, "secondary", [member, "Roundhay School"])
        store.save_answer(evaluation.id, "1.1.developing.1", status=Status.MET, note=note, by="coordinator")
        store.save_outcome_target(
            evaluation.partnership_id, "local-1", title=title, direction="reduce", amount=6.0, unit="count",
            local=True, value_unit="count",
        )  # fmt: skip


def converse(path: Path, framework: Framework, replies: str) -> str:
    with Store.open(path) as store:
        partnership = store.list_partnerships()[0]
        evaluation = store.evaluation(partnership.id, "2026/27")
        assert evaluation is not None
        out = io.StringIO()
        shell.run(Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator")), io.StringIO(replies), out)
        return out.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=named, member=named, note=stored_text, title=named)
def test_no_stored_text_reaches_the_terminal_raw(framework: Framework, name: str, member: str, note: str, title: str) -> None:
    """Whatever was stored, plain mode's output holds no ESC, BEL, C1 or bidi control, and shows the names."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite3"
        store_hostile(path, framework, name=name, member=member, note=note, title=title)
        output = converse(path, framework, REPLIES)
    assert hazards(output) == []
    assert inert(member.strip()) in output  # the name is shown, as text


def run_plain(db: Path, stdin: bytes, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "chat", "--plain", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


C1_IN_UTF8 = [bytes([0xC2, byte]) for byte in range(0x80, 0xA0)]


def test_the_real_command_writes_no_escape_bytes(tmp_path: Path, framework: Framework) -> None:
    db = tmp_path / "db.sqlite3"
    store_hostile(db, framework, name="North Leeds", member=HOSTILE, note=HOSTILE, title=HOSTILE)
    result = run_plain(db, REPLIES.encode(), "--partnership", "North Leeds", "--year", "2026/27")
    assert result.returncode == 0, result.stderr
    for forbidden in (b"\x1b", b"\x07", *C1_IN_UTF8, "\u202e".encode()):
        assert forbidden not in result.stdout
    assert "So far: \u241b]0;PWNED-TITLE\u2407 Allerton\u241b[2J \ufffd31m\ufffdevil [bold]x[/bold], Roundhay School." in (
        result.stdout.decode()
    )


def test_invalid_utf8_input_is_saved_with_a_replacement_character(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    result = run_plain(db, b"/jump 1.1\nyes, caf\xe9 minutes\n", "--partnership", "North Leeds", "--year", "2026/27")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    with Store.open(db) as store:
        partnership = store.partnership_by_name("North Leeds")
        assert partnership is not None
        evaluation = store.evaluation(partnership.id, "2026/27")
        assert evaluation is not None
        answer = store.answer(evaluation.id, "1.1.developing.1")
    assert answer is not None and answer.status is Status.MET
    assert answer.note == "caf\ufffd minutes"


def test_invalid_utf8_or_controls_in_an_argument_are_one_line_and_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    for option in ("--partnership", "--local-authority", "--year"):
        for value, shown in ((b"caf\xe9", "caf\ufffd"), (b"\x1b[2Jx", "\u241b[2Jx"), ("\u202ex".encode(), "\ufffdx")):
            args = ["--partnership", "North Leeds", "--year", "2026/27", option, value]
            result = run_plain(db, b"", *args)
            assert result.returncode == 2, result.stderr
            assert result.stderr.decode().splitlines() == [
                f"selfeval chat: argument {option}: control characters or bytes that are not UTF-8 in {shown} (see --help)"
            ]
    assert not db.exists() or not Store.open(db).list_partnerships()


def test_error_lines_show_what_they_quote_inert(tmp_path: Path) -> None:
    """A one-line error quoting a name (here a database path, which no option check refuses) cannot drive the terminal."""
    db = tmp_path / f"x{HOSTILE}" / "db.sqlite3"
    command = [sys.executable, "-m", "selfeval_tui", "export", "overview", "--db", str(db)]
    result = subprocess.run([*command, "--partnership", "North Leeds", "--year", "2026/27"], capture_output=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"selfeval: {tmp_path}/x{inert(HOSTILE)}/db.sqlite3: there is no database here, so there is nothing to export"
    ]
