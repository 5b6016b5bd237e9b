"""A validated bank kept on disk, so that starting the app does not parse and validate TOML again.

Parsing the bank's TOML and validating it costs more than everything else the
app does before its first question is on screen. The result only changes when
a bank file or the code that reads it changes, so both are part of the cache
key: an edited bank, or a new version of selfeval, is never served stale.

The cache lives in the user's own cache folder and is only ever an optimisation:
a missing, unreadable, corrupt or unwritable cache means the bank is loaded from
its TOML as usual, never an error. ``selfeval questions check`` always reads the
TOML, because checking the files is its job.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path

from selfeval_tui import __version__
from selfeval_tui.bank.bundled import bundled_questions_dir
from selfeval_tui.domain.framework import Framework
from selfeval_tui.files import NotAFileError, open_regular_file

APP_NAME = "selfeval-tui"
CACHE_ENV = "SELFEVAL_CACHE_DIR"
"""Where the cache goes instead of the user cache folder; empty turns the cache off."""

_READERS = (
    "domain/framework.py", "bank/files.py", "bank/loader.py", "bank/checks.py", "domain/constraints.py", "files.py"
)
"""The modules (under ``selfeval_tui/``) whose code decides what a bank loads as, or whether it loads at all."""


def default_cache_dir() -> Path | None:
    from_env = os.environ.get(CACHE_ENV)
    if from_env is not None:
        return Path(from_env).expanduser() if from_env.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def cache_key(root: Path) -> tuple[object, ...]:
    """Every bank file's name, size and checksum, the reading code's, and the versions pickle depends on.

    A cache key, not a signature: the size and a CRC-32 catch any accidental edit
    (a deliberate collision would gain nothing: the cache file itself is the
    user's own), where a cryptographic hash would cost importing hashlib on
    every start.
    """
    package = Path(__file__).parents[1]
    files = [package / name for name in _READERS] + sorted(root.glob("*.toml"))
    return (__version__, sys.version, *((path.name, *_checksum(_contents(path))) for path in files))


def _contents(path: Path) -> bytes:
    """Only a regular file is read: a FIFO named ``*.toml`` in the bank folder would block a plain read."""
    with open_regular_file(path) as file:
        return file.read()


def _checksum(data: bytes) -> tuple[int, int]:
    return len(data), zlib.crc32(data)


def load_framework_cached(root: Path | None = None, cache_dir: Path | None = None) -> Framework:
    """``load_framework``, served from the cache when the bank and the code are unchanged.

    One cache file per bank folder, holding the key it was made for: a second bank
    (``--questions``) does not evict the bundled one, and a changed bank replaces its own.
    """
    root = Path(root) if root is not None else bundled_questions_dir()
    cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
    if cache_dir is None or not root.is_dir():
        return _from_toml(root)
    try:
        key = cache_key(root)
    except (OSError, NotAFileError):  # the loader reports what is wrong with the file
        return _from_toml(root)
    path = cache_dir / f"bank-{zlib.crc32(str(root.resolve()).encode()):08x}.pickle"
    framework = _read(path, key)
    if framework is None:
        framework = _from_toml(root)
        _write(path, key, framework)
    return framework


def _from_toml(root: Path) -> Framework:
    """Imported here: the loader brings the TOML parser and the checks, which a cached bank never needs."""
    from selfeval_tui.bank.loader import load_framework

    return load_framework(root)


def _read(path: Path, key: tuple[object, ...]) -> Framework | None:
    """Only a file this user wrote: unpickling runs code, and ``SELFEVAL_CACHE_DIR`` may be a shared folder."""
    try:
        with path.open("rb") as file:
            if not _own(os.fstat(file.fileno())):
                return None
            stored_key, framework = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return framework if stored_key == key and isinstance(framework, Framework) else None


def _own(status: os.stat_result) -> bool:
    """Written by this user and writable by no one else (always true where there are no user ids)."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _write(path: Path, key: tuple[object, ...], framework: Framework) -> None:
    """Atomically, so that a reader never sees half a file; a failure only costs speed next time."""
    import tempfile

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as file:
            try:
                pickle.dump((key, framework), file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(file.name)
                raise
        os.replace(file.name, path)
    except OSError:
        return
