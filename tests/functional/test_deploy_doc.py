"""docs/deploy-ssh.md: its "as selfeval" command blocks run, in order, in a scratch home; its role table is the code's."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from people_support import ed25519_key

from selfeval_tui.domain.people import ROLE_HELP, Role
from selfeval_tui.shells.cli import COMMANDS
from selfeval_tui.shells.gateway.authorized_keys import BEGIN, END

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy-ssh.md"
SELFEVAL = Path(sys.executable).parent / "selfeval"


def blocks(marker: str) -> list[str]:
    """The fenced blocks whose info string is ``sh`` followed by ``marker``."""
    return re.findall(rf"^```sh {marker}\n(.*?)^```$", DOC.read_text(), flags=re.MULTILINE | re.DOTALL)


def test_the_role_table_is_the_codes() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| [^|]+ \| (.+?) \|$", DOC.read_text(), flags=re.MULTILINE)
    assert {Role(role): text for role, text in rows} == ROLE_HELP


@pytest.mark.slow
@pytest.mark.skipif("people" not in COMMANDS, reason="the `selfeval people` commands are not in this build")
@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command is not installed")
def test_the_walk_through_runs_as_the_service_account(tmp_path: Path) -> None:
    home = tmp_path / "selfeval"
    (home / "venv" / "bin").mkdir(parents=True)
    (home / "venv" / "bin" / "selfeval").symlink_to(SELFEVAL)
    (home / "keys").mkdir()
    for login in ("asmith", "bjones", "cpatel"):
        (home / "keys" / f"{login}.pub").write_text(ed25519_key(login, f"{login}@laptop") + "\n")
    script = "\n".join(blocks("as-selfeval"))
    assert script.count("selfeval ") > 10
    environ = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        **{name: os.environ[name] for name in ("SELFEVAL_CACHE_DIR", "SELFEVAL_CONFIG_DIR") if name in os.environ},
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=home, env=environ, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    installed = home / ".ssh" / "authorized_keys"
    lines = installed.read_text().splitlines()
    assert lines[0] == BEGIN and lines[-1] == END and len(lines) == 5
    assert all(f"ssh-shell {login}\"" in line for login, line in zip(("asmith", "bjones", "cpatel"), lines[1:4], strict=True))
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "selfeval.sqlite3").stat().st_mode) == 0o600
    assert [p.suffix for p in (home / "backups").iterdir()] == [".sqlite3"]
