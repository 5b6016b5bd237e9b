"""The ``authorized_keys`` lines that send every key through the gateway, and writing them into the file.

Each line is ``restrict,pty,command="SELFEVAL --db DB ssh-shell NAME" KEY``:
``restrict`` turns off port, agent and X11 forwarding and any future feature,
``pty`` gives the app a terminal back, and ``command`` is run whatever the
person asks for. sshd hands the command to the account's shell, so each word is
shell-quoted; inside the option, sshd un-escapes only ``\\"``, so every double
quote is escaped. ``install`` writes the lines between two marker lines and keeps
every other line of the file as it was.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from selfeval_tui.domain.people import PublicKey
from selfeval_tui.files import NotAFileError, check_destination, write_atomically

BEGIN = "# BEGIN selfeval (managed: do not edit)"
END = "# END selfeval"


class GatewayError(ValueError):
    """The lines cannot be written safely; the message is one line and nothing was changed."""


def selfeval_script() -> Path:
    """The ``selfeval`` script of the running install: the one that is running, else its venv's, else on PATH."""
    running = Path(sys.argv[0])
    candidates = [running] if running.name == "selfeval" else []
    candidates.append(Path(sys.executable).parent / "selfeval")
    found = shutil.which("selfeval")
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.absolute()
    raise GatewayError("cannot find the selfeval script to name in the forced command; run this as selfeval")


def forced_command(script: Path, db: Path, name: str, questions: Path | None = None) -> str:
    """The command sshd runs for the person ``name``: every word shell-quoted, paths absolute."""
    words = [str(script), "--db", str(db)]
    if questions is not None:
        words += ["--questions", str(questions)]
    words += ["ssh-shell", name]
    for word in words:
        if any(ord(c) < 32 or ord(c) == 127 for c in word):
            raise GatewayError(f"{word!r} holds a control character, which cannot go into authorized_keys")
    return " ".join(shlex.quote(word) for word in words)


def forced_line(key: PublicKey, command: str) -> str:
    """One ``authorized_keys`` line: the options, then the key as the person gave it."""
    escaped = command.replace('"', '\\"')
    return f'restrict,pty,command="{escaped}" {key.line}'


def forced_lines(
    keys: Sequence[tuple[str, PublicKey]], script: Path, db: Path, questions: Path | None = None
) -> list[str]:
    """One line per key, in the order given (each person's name in its own forced command)."""
    return [forced_line(key, forced_command(script, db, name, questions)) for name, key in keys]


def default_file() -> Path:
    """``~/.ssh/authorized_keys`` of the account running this (``$HOME``, as OpenSSH's own tools read it)."""
    return Path.home() / ".ssh" / "authorized_keys"


def merged(existing: str, lines: Sequence[str]) -> str:
    """``existing`` with its managed block replaced by ``lines`` (or the block added at the end).

    Every line outside the markers is kept as it is. A BEGIN without its END (or
    the other way round, or twice) is refused: guessing where the block ends could
    delete someone's key.
    """
    kept = existing.splitlines()
    begins = [i for i, line in enumerate(kept) if line.strip() == BEGIN]
    ends = [i for i, line in enumerate(kept) if line.strip() == END]
    block = [BEGIN, *lines, END]
    if not begins and not ends:
        return "\n".join([*kept, *block]) + "\n"
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise GatewayError(
            f"the marker lines ({BEGIN!r} ... {END!r}) are not one BEGIN followed by one END; fix the file by hand"
        )
    return "\n".join([*kept[: begins[0]], *block, *kept[ends[0] + 1 :]]) + "\n"


def install(lines: Sequence[str], path: Path | None = None) -> Path:
    """Write ``lines`` into the managed block of ``path`` (default :func:`default_file`) atomically, mode 0600.

    ``~/.ssh`` is made (0700) when it is missing; a folder given with ``--file``
    must exist. sshd refuses a file others may write to, so the file is always
    0600, and it is replaced whole: sshd never reads half of it.
    """
    if path is None:
        path = default_file()
        path.parent.mkdir(mode=0o700, exist_ok=True)
    elif not path.parent.is_dir():
        raise GatewayError(f"{path.parent} is not a folder; give --file in an existing folder")
    try:
        check_destination(path)
        existing = path.read_text() if path.exists() else ""
    except NotAFileError as exc:
        raise GatewayError(f"{exc}; it is unchanged") from None
    except UnicodeDecodeError:
        raise GatewayError(f"{path} is not a text file; it is unchanged") from None
    write_atomically(path, merged(existing, lines), mode=0o600)
    return path
