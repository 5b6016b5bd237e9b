"""``selfeval ssh-shell NAME`` as sshd runs it (SSH_ORIGINAL_COMMAND set), without sshd; and ``ssh authorized-keys``/``install``."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from people_support import OWNER, ed25519_key, shared_database

from selfeval_tui.bank import Framework
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import people_log
from selfeval_tui.shells.gateway.authorized_keys import BEGIN, END

SELFEVAL = [sys.executable, "-m", "selfeval_tui"]


@pytest.fixture
def db(tmp_path: Path, framework: Framework) -> Path:
    path = tmp_path / "shared.sqlite3"
    with Services.open(path) as services:
        shared_database(services, framework)
    return path


def forced(db: Path, name: str, command: str | None, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """What sshd would run for a key of ``name`` when the person typed ``command``."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SSH_ORIGINAL_COMMAND", "SSH_CONNECTION")}
    if command is not None:
        environ["SSH_ORIGINAL_COMMAND"] = command
    environ.update(env)
    return selfeval("--db", str(db), "ssh-shell", name, stdin=stdin, env=environ)


def selfeval(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SELFEVAL, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False
    )


def log(db: Path) -> list[tuple[str, str, str, str]]:
    with Services.open(db) as services:
        return [(e.person, e.origin, e.command, e.outcome) for e in reversed(services.access_log(OWNER))]


def test_whoami_help_and_refusals_are_recorded_with_how_they_ended(db: Path) -> None:
    whoami = forced(db, "la_officer", "whoami", SSH_CONNECTION="192.0.2.7 50000 127.0.0.1 22")
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.splitlines()[:2] == [
        "la_officer (La Officer)",
        "  la-officer over local authority Northshire: reads and exports every partnership of one local authority and its roll-ups",
    ]
    helped = forced(db, "viewer", "help")
    assert "export KIND [--format F] [--partnership P] [--year Y]" in helped.stdout
    shell = forced(db, "viewer", "bash -i")
    assert (shell.returncode, shell.stdout) == (2, "")
    assert shell.stderr == "selfeval: 'bash' is not something this gateway runs; type help for what you can run\n"
    assert log(db) == [
        ("la_officer", "192.0.2.7 50000 127.0.0.1 22", "whoami", "ok"),
        ("viewer", "local", "help", "ok"),
        ("viewer", "local", "bash -i", "refused: 'bash' is not something this gateway runs; type help for what you can run"),
    ]


def test_an_unknown_or_disabled_person_gets_one_line_and_the_attempt_is_logged(db: Path) -> None:
    unknown = forced(db, "mallory", "whoami")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "selfeval: there is no person called 'mallory' in this database\n"
    with Services.open(db) as services:
        services.set_active(OWNER, "viewer", False)
    disabled = forced(db, "viewer", "export json --partnership North")
    assert (disabled.returncode, disabled.stdout) == (2, "")
    assert disabled.stderr == "selfeval: viewer's access has been disabled; ask an administrator\n"
    assert [(person, outcome) for person, _, _, outcome in log(db)] == [
        ("mallory", "refused: there is no person called 'mallory' in this database"),
        ("viewer", "refused: viewer's access has been disabled; ask an administrator"),
    ]


def test_a_viewer_exports_their_partnership_as_the_only_one_they_can_read(db: Path) -> None:
    exported = forced(db, "viewer", "export json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["partnership"]["name"] == "North"
    other = forced(db, "viewer", "export json --partnership South")
    assert other.returncode == 2
    assert other.stderr.count("\n") == 1 and "South" in other.stderr
    assert log(db)[-1][3].startswith("refused: ")


def test_a_viewer_answering_in_plain_mode_is_refused_in_one_line_and_nothing_is_saved(db: Path) -> None:
    session = forced(db, "viewer", "chat --plain", stdin="/jump 1.1\nyes, from the viewer\n")
    assert session.returncode == 0, session.stderr
    # Said once as the conversation starts and once for the typed reply; nothing is tried, so nothing is saved.
    refusals = [line for line in session.stdout.splitlines() if "your role (viewer) does not allow answering" in line]
    assert len(refusals) == 2, session.stdout
    with Services.open(db) as services:
        north = services.find(OWNER, "North", "2026/27").evaluation
        assert north is not None
        assert services.answers(OWNER, north.id) == {}


def test_no_command_without_a_terminal_is_plain_chat_on_the_only_partnership(db: Path) -> None:
    session = forced(db, "coordinator", None, stdin="/jump 1.1\nyes, over ssh\n")
    assert session.returncode == 0, session.stderr
    assert "Saved." in session.stdout
    with Services.open(db) as services:
        north = services.find(OWNER, "North", "2026/27").evaluation
        assert north is not None
        answers = services.answers(OWNER, north.id)
    assert [(a.note, a.answered_by) for a in answers.values()] == [("over ssh", "coordinator")]
    assert log(db)[-1][2:] == ("", "ok")


def test_authorized_keys_lines_force_each_active_persons_keys_through_the_gateway(db: Path, tmp_path: Path) -> None:
    with Services.open(db) as services:
        services.add_key(OWNER, "viewer", ed25519_key("second", 'it"s mine'))
        services.set_active(OWNER, "partner", False)
    printed = selfeval("--db", str(db), "ssh", "authorized-keys")
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert len(lines) == 7  # one per role's key, less the partner's, plus the viewer's second key
    options, _, key = lines[0].partition('" ')
    assert key == ed25519_key("coordinator")
    assert options.startswith('restrict,pty,command="')
    words = shlex.split(options.removeprefix('restrict,pty,command="'))
    assert words[1:] == ["--db", str(db.resolve()), "ssh-shell", "coordinator"]
    assert Path(words[0]).is_absolute() and Path(words[0]).name == "selfeval"
    assert lines[-1].endswith(ed25519_key("second", 'it"s mine'))
    assert not any(" partner" in line for line in lines)


def test_install_replaces_only_its_block_atomically_with_mode_0600(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "authorized_keys"
    target.write_text(f"ssh-ed25519 AAAA-theirs admin@laptop\n{BEGIN}\nstale line\n{END}\n# after\n")
    target.chmod(0o644)
    done = selfeval("--db", str(db), "ssh", "install", "--file", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"Wrote 7 key lines to {target}\n"
    lines = target.read_text().splitlines()
    assert lines[:2] == ["ssh-ed25519 AAAA-theirs admin@laptop", BEGIN]
    assert lines[-2:] == [END, "# after"]
    assert "stale line" not in lines and len(lines) == 11
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_install_refuses_broken_markers_and_links_leaving_the_file_as_it_was(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "authorized_keys"
    target.write_text(f"{BEGIN}\nkeep me\n")
    broken = selfeval("--db", str(db), "ssh", "install", "--file", str(target))
    assert broken.returncode == 2 and broken.stderr.count("\n") == 1
    assert "marker lines" in broken.stderr
    assert target.read_text() == f"{BEGIN}\nkeep me\n"
    link = tmp_path / "link"
    link.symlink_to(target)
    linked = selfeval("--db", str(db), "ssh", "install", "--file", str(link))
    assert linked.returncode == 2 and "symbolic link" in linked.stderr


def test_install_makes_dot_ssh_private_in_home(db: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = selfeval("--db", str(db), "ssh", "install", env={**os.environ, "HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((home / ".ssh").stat().st_mode) == 0o700
    assert (home / ".ssh" / "authorized_keys").read_text().startswith(BEGIN + "\n")


def test_a_person_who_is_not_admin_cannot_print_the_keys(db: Path) -> None:
    """Run as the ``viewer`` person (what a forced command would be, were ``ssh`` ever allowed through)."""
    from selfeval_tui.shells.cli import run

    ending = run(["--db", str(db), "ssh", "authorized-keys"], person="viewer")
    assert ending.code == 2 and ending.failure == "refused"
    assert "may not list the people's keys" in ending.said


def test_people_log_lists_sessions_for_admins_only(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forced(db, "viewer", "whoami", SSH_CONNECTION="192.0.2.7 50000 127.0.0.1 22")
    parser = argparse.ArgumentParser()
    people_log.register(parser.add_subparsers(), argparse.ArgumentParser(add_help=False))
    args = parser.parse_args(["log", "--json"])
    args.db = db
    assert people_log.log_command(args) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["person"], entry["command"], entry["outcome"], entry["origin"]) == (
        "viewer", "whoami", "ok", "192.0.2.7 50000 127.0.0.1 22"
    )
    args = parser.parse_args(["log"])
    args.db = db
    assert people_log.log_command(args) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert "viewer" in line and "192.0.2.7" in line and line.endswith("whoami  -> ok")
    args.person = "viewer"
    from selfeval_tui.services.errors import Refused

    with pytest.raises(Refused, match="may not read the access log"):
        people_log.log_command(args)


def test_refresh_rewrites_an_installed_block_and_leaves_a_home_without_one_alone(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfeval_tui.shells.cli.ssh import refresh_installed

    monkeypatch.setenv("HOME", str(tmp_path))
    args = argparse.Namespace(db=db)
    assert refresh_installed(args) is None
    assert not (tmp_path / ".ssh").exists()
    assert selfeval("--db", str(db), "ssh", "install", env={**os.environ, "HOME": str(tmp_path)}).returncode == 0
    with Services.open(db) as services:
        services.set_active(OWNER, "viewer", False)
    assert refresh_installed(argparse.Namespace(db=db)) == tmp_path / ".ssh" / "authorized_keys"
    text = (tmp_path / ".ssh" / "authorized_keys").read_text()
    assert "ssh-shell coordinator" in text and "ssh-shell viewer" not in text


def test_a_dropped_connection_ends_the_session_in_the_log(db: Path) -> None:
    import signal

    environ = {**os.environ, "SSH_ORIGINAL_COMMAND": "chat --plain"}
    process = subprocess.Popen(
        [*SELFEVAL, "--db", str(db), "ssh-shell", "coordinator"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ,
    )  # fmt: skip
    assert process.stdout is not None
    while not process.stdout.readline().startswith(b"["):  # until the first question: the session is running
        assert process.poll() is None
    assert log(db)[-1][3] == "running"
    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=30) == 128 + signal.SIGHUP
    assert log(db)[-1][3] == "exit 129 (SIGHUP)"
