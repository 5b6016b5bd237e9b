"""The SSH gateway end to end through a real OpenSSH server on loopback (issue 14).

One sshd for the module, with its own host key and config; authorized_keys is
written by ``selfeval ssh install --file``. Each person has a real key made by
ssh-keygen. Skipped, with the reason, when ``/usr/sbin/sshd`` is missing
(``.ci/run`` installs openssh-server first, so CI always runs it).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import socket
import struct
import subprocess
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from people_support import OWNER, shared_database
from sshd_support import Gateway, free_port, keygen, missing

from selfeval_tui.bank import Framework
from selfeval_tui.services.open import Services

pytestmark = [pytest.mark.slow, pytest.mark.skipif(missing() is not None, reason=missing() or "")]

YEAR = "2026/27"


@dataclass
class Site:
    gateway: Gateway
    keys: dict[str, Path]

    def ssh(self, person: str, *args: str, stdin: str = "", options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
        return self.gateway.ssh(self.keys[person], *args, stdin=stdin, options=options)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, framework: Framework) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("gateway")
    db = folder / "selfeval.sqlite3"
    keys: dict[str, Path] = {}
    with Services.open(db) as services:
        shared_database(services, framework)
        services.add_person(OWNER, "south_coordinator", "South Coordinator", [])
        services.grant(OWNER, "south_coordinator", "coordinator", _scope(partnership="South"))
        for person in ("coordinator", "viewer", "south_coordinator"):
            keys[person] = folder / f"{person}_ed25519"
            services.add_key(OWNER, person, keygen(keys[person], f"{person}@test"))
    gateway = Gateway(folder, db, environment={
        "SELFEVAL_CACHE_DIR": str(folder / "cache"), "SELFEVAL_CONFIG_DIR": str(folder / "config")
    })  # fmt: skip
    gateway.start()
    try:
        gateway.install()
        yield Site(gateway, keys)
    finally:
        gateway.stop()


def _scope(**kwargs: str):  # type: ignore[no-untyped-def]
    from selfeval_tui.services.people import Scope

    return Scope(**kwargs)


def _stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode(errors="replace")


def _answers(site: Site, partnership: str) -> dict[str, tuple[str, str]]:
    with Services.open(site.gateway.db) as services:
        evaluation = services.find(OWNER, partnership, YEAR).evaluation
        assert evaluation is not None
        return {q: (a.note, a.answered_by) for q, a in services.answers(OWNER, evaluation.id).items()}


def test_a_coordinator_answers_in_plain_mode_and_exports(site: Site) -> None:
    session = site.ssh("coordinator", "chat", "--plain", "--partnership", "North", stdin="/jump 1.1\nyes, typed over ssh\n")
    assert session.returncode == 0, _stderr(session)
    assert b"Saved." in session.stdout
    assert ("typed over ssh", "coordinator") in _answers(site, "North").values()
    exported = site.ssh("coordinator", "export", "json", "--partnership", "North")
    assert exported.returncode == 0, _stderr(exported)
    data = json.loads(exported.stdout)
    assert data["partnership"]["name"] == "North"
    assert "typed over ssh" in exported.stdout.decode()
    word = site.ssh("coordinator", "export", "report", "--format", "docx")
    assert word.returncode == 0, _stderr(word)
    assert word.stdout[:2] == b"PK"


def test_a_viewers_attempt_to_answer_is_refused_in_one_line(site: Site) -> None:
    before = _answers(site, "North")
    session = site.ssh("viewer", "chat --plain", stdin="/jump 1.1\nyes, the viewer tries\n")
    assert session.returncode == 0, _stderr(session)
    # Said once as the conversation starts and once for the typed reply (docs/people.md, readers).
    lines = session.stdout.decode().splitlines()
    refusals = [line for line in lines if "your role (viewer) does not allow answering" in line]
    assert len(refusals) == 2, lines
    assert _answers(site, "North") == before


def test_a_coordinator_of_one_partnership_cannot_read_another(site: Site) -> None:
    for command in ("export json --partnership South", "chat --plain --partnership South"):
        result = site.ssh("coordinator", command)
        assert result.returncode == 2
        assert _stderr(result).count("\n") == 1 and "South" in _stderr(result)
        assert b"South" not in result.stdout
    theirs = site.ssh("south_coordinator", "export", "json")
    assert theirs.returncode == 0, _stderr(theirs)
    assert json.loads(theirs.stdout)["partnership"]["name"] == "South"


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (("bash",), "'bash' is not something this gateway runs"),
        (("chat; sh",), "';' not allowed here"),
        (("--", "--db", "/etc/passwd", "chat"), "--db is not allowed here"),
        (("cat /etc/passwd",), "'cat' is not something this gateway runs"),
        (("export report --out /tmp/x",), "--out is not allowed here"),
    ],
)
def test_shells_and_options_that_name_files_are_refused_in_one_line(site: Site, command: tuple[str, ...], says: str) -> None:
    result = site.ssh("coordinator", *command)
    assert result.returncode == 2
    assert result.stdout == b""
    [line] = _stderr(result).splitlines()
    assert says in line


def _scp_options(site: Site, person: str) -> list[str]:
    return [
        "-F", "/dev/null", "-P", str(site.gateway.port), "-i", str(site.keys[person]), "-o", "IdentitiesOnly=yes",
        "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
        "-o", f"UserKnownHostsFile={site.gateway.folder / 'known_hosts'}",
    ]  # fmt: skip


@pytest.mark.parametrize("legacy", [False, True], ids=["sftp-protocol", "scp-protocol"])
def test_scp_is_refused_both_ways(site: Site, tmp_path: Path, legacy: bool) -> None:
    import getpass

    local = tmp_path / "sent.txt"
    local.write_text("hello")
    target = tmp_path / "copied.txt"
    remote = f"{getpass.getuser()}@127.0.0.1"
    flags = ["-O"] if legacy else []
    up = subprocess.run(
        ["scp", *flags, *_scp_options(site, "coordinator"), str(local), f"{remote}:{target}"], capture_output=True, timeout=30, check=False
    )
    down = subprocess.run(
        ["scp", *flags, *_scp_options(site, "coordinator"), f"{remote}:{site.gateway.db}", str(target)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert up.returncode != 0 and down.returncode != 0
    assert not target.exists()


def test_sftp_is_refused(site: Site) -> None:
    import getpass

    result = subprocess.run(
        ["sftp", "-b", "-", *_scp_options(site, "coordinator"), f"{getpass.getuser()}@127.0.0.1"],
        input=b"get /etc/hostname\n",
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert result.returncode != 0


def test_port_forwarding_is_refused(site: Site) -> None:
    port = site.gateway.port
    tunnel = site.ssh("coordinator", options=("-W", f"127.0.0.1:{port}"))
    assert tunnel.returncode != 0
    assert b"SSH-2.0" not in tunnel.stdout
    assert "forwarding failed" in _stderr(tunnel)  # sshd allows forwarding (AllowTcpForwarding yes): the key's restrict refuses it
    remote = site.ssh("coordinator", "whoami", options=("-o", "ExitOnForwardFailure=yes", "-R", f"0:127.0.0.1:{port}"))
    assert remote.returncode != 0
    assert "forwarding failed" in _stderr(remote)
    local_port = free_port()
    command = site.gateway.ssh_command(site.keys["coordinator"], options=("-N", "-L", f"127.0.0.1:{local_port}:127.0.0.1:{port}"))
    tunnel_process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        received = _through_tunnel(local_port)
    finally:
        tunnel_process.kill()
        tunnel_process.wait(timeout=60)
    assert b"SSH-2.0" not in received


def _through_tunnel(port: int, timeout: float = 60) -> bytes:
    """What a connection through ``ssh -L`` receives: sshd's banner if forwarding worked, nothing if refused."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError("ssh -L never listened") from None
            time.sleep(0.05)
    with connection:
        connection.settimeout(5)
        try:
            return connection.recv(100)
        except (TimeoutError, ConnectionResetError):
            return b""


def test_every_session_is_in_the_access_log(site: Site) -> None:
    site.ssh("viewer", "whoami")
    site.ssh("viewer", "bash")
    with Services.open(site.gateway.db) as services:
        latest = services.access_log(OWNER, 2)
    assert [(e.command, e.outcome.split(":")[0]) for e in latest] == [("bash", "refused"), ("whoami", "ok")]
    assert all(e.person == "viewer" and e.origin.startswith("127.0.0.1 ") and e.ended_at for e in latest)


def test_the_app_starts_with_ssh_tt_at_80x24_and_writes_no_file_on_the_server(site: Site) -> None:
    command = site.gateway.ssh_command(site.keys["coordinator"], "chat", "--partnership", "North", options=("-tt",))
    pid, terminal = pty.fork()
    if pid == 0:  # the child: ssh on a terminal of 80 columns and 24 rows
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(command[0], command, {**os.environ, "TERM": "xterm-256color"})
    try:
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        # The first question, or where the earlier tests' answers left the coordinator in 1.1.
        screen = _read_until(terminal, [b"Which secondary schools", b"1.1 Developing"], timeout=120)
        assert b"\x1b[" in screen  # the app drew on the terminal
        os.write(terminal, b"\x1b[17~")  # F6, the export screen: not through the gateway
        _read_until(terminal, [b"Over SSH, exports are saved"], timeout=60)
        os.write(terminal, b"\x11")  # ctrl+q
        _wait_exit(pid, timeout=20)
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(terminal)


def _read_until(terminal: int, wanted: list[bytes], timeout: float) -> bytes:
    """Everything the terminal shows until one of ``wanted`` appears (escape sequences and all)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while not any(text in _plain(seen) for text in wanted):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"none of {wanted} appeared; the terminal showed:\n{_plain(seen)[-2000:]!r}")
        ready, _, _ = select.select([terminal], [], [], min(remaining, 1))
        if ready:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def _plain(screen: bytes) -> bytes:
    """The text on the terminal with escape sequences taken out, so words split by styling are found."""
    import re

    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]", b"", screen)


def _wait_exit(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return
        time.sleep(0.05)
    raise AssertionError("ssh did not exit after ctrl+q")
