"""A real OpenSSH server on loopback for the gateway's tests and benchmark, with its own keys and config.

``Gateway.start`` writes a host key, an ``sshd_config`` (127.0.0.1 on a free port,
``AuthorizedKeysFile`` in the test's folder, no PAM, no strict modes) and starts
``sshd -D -e``, waiting until the port answers. The authorized_keys file is
written by ``selfeval ssh install --file``, as an administrator would. Clients
run ``ssh`` with ``-F /dev/null`` so no user config or agent takes part.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")
SELFEVAL = Path(sys.executable).parent / "selfeval"


def missing() -> str | None:
    """Why the gateway cannot be tested here, or None."""
    if not SSHD.is_file():
        return f"{SSHD} is missing: install openssh-server (.ci/run does) to test the SSH gateway"
    for tool in ("ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            return f"{tool} is missing: install openssh-client to test the SSH gateway"
    if not SELFEVAL.is_file():
        return f"{SELFEVAL} is missing: install selfeval into the venv running the tests (pip install -e .)"
    return None


def keygen(path: Path, comment: str = "") -> str:
    """A new ed25519 key pair at ``path`` (no passphrase); returns the public key line."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)], check=True, capture_output=True
    )
    return path.with_suffix(".pub").read_text().strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Gateway:
    """An sshd on 127.0.0.1:port whose authorized_keys is ``authorized_keys``; ``ssh`` runs a client against it."""

    folder: Path
    db: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    environment: dict[str, str] = field(default_factory=dict)

    @property
    def authorized_keys(self) -> Path:
        return self.folder / "authorized_keys"

    @property
    def log(self) -> Path:
        return self.folder / "sshd.log"

    def start(self, *, max_sessions: int = 10, extra: str = "") -> None:
        """Start sshd, with ``SetEnv`` giving the forced command ``environment`` (the test's cache and settings folders)."""
        host_key = self.folder / "host_ed25519"
        if not host_key.exists():
            keygen(host_key)
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation folder
        self.port = free_port()
        set_env = " ".join(f"{name}={value}" for name, value in self.environment.items())
        config = self.folder / "sshd_config"
        config.write_text(
            f"""Port {self.port}
ListenAddress 127.0.0.1
HostKey {host_key}
AuthorizedKeysFile {self.authorized_keys}
StrictModes no
UsePAM no
PidFile none
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowTcpForwarding yes
Subsystem sftp internal-sftp
MaxStartups {max_sessions * 2}:30:{max_sessions * 4}
MaxSessions {max_sessions}
LogLevel VERBOSE
{f"SetEnv {set_env}" if set_env else ""}
{extra}
"""
        )
        log = self.log.open("ab")
        self.process = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)], stdout=log, stderr=log)
        log.close()
        deadline = time.monotonic() + 10
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"sshd did not listen on {self.port}:\n{self.log.read_text()}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def install(self) -> subprocess.CompletedProcess[str]:
        """``selfeval ssh install --file`` for the test's authorized_keys, as the database's owner."""
        return subprocess.run(
            [str(SELFEVAL), "--db", str(self.db), "ssh", "install", "--file", str(self.authorized_keys)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **self.environment},
        )

    def ssh_command(self, key: Path, *args: str, options: tuple[str, ...] = ()) -> list[str]:
        """The ``ssh`` command line for ``key`` to run ``args`` on the gateway (nothing from the user's own config)."""
        return [
            "ssh",
            "-F", "/dev/null",
            "-p", str(self.port),
            "-i", str(key),
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o", "LogLevel=ERROR",
            *options,
            f"{getpass.getuser()}@127.0.0.1",
            *args,
        ]  # fmt: skip

    def ssh(
        self, key: Path, *args: str, stdin: str = "", options: tuple[str, ...] = (), timeout: float = 120
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            self.ssh_command(key, *args, options=options),
            input=stdin.encode(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
