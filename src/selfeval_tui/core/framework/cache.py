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

import hashlib
import os
import pickle
import sys
from pathlib import Path

from selfeval_tui import __version__
from selfeval_tui.core.framework.bundled import bundled_questions_dir
from selfeval_tui.core.framework.model import Framework

APP_NAME = "selfeval-tui"
CACHE_ENV = "SELFEVAL_CACHE_DIR"
"""Where the cache goes instead of the user cache folder; empty turns the cache off."""

_READERS = ("model.py", "files.py", "loader.py", "checks.py")
"""The modules whose code decides what a bank loads as."""


def default_cache_dir() -> Path | None:
    from_env = os.environ.get(CACHE_ENV)
    if from_env is not None:
        return Path(from_env).expanduser() if from_env.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def cache_key(root: Path) -> str:
    """Every bank file's name and bytes, the reading code and the versions that pickle depends on."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    here = Path(__file__).parent
    for name in _READERS:
        digest.update((here / name).read_bytes())
    for path in sorted(root.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


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
    except OSError:
        return _from_toml(root)
    folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    path = cache_dir / f"bank-{folder}.pickle"
    framework = _read(path, key)
    if framework is None:
        framework = _from_toml(root)
        _write(path, key, framework)
    return framework


def _from_toml(root: Path) -> Framework:
    """Imported here: the loader brings the TOML parser and the checks, which a cached bank never needs."""
    from selfeval_tui.core.framework.loader import load_framework

    return load_framework(root)


def _read(path: Path, key: str) -> Framework | None:
    try:
        with path.open("rb") as file:
            stored_key, framework = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return framework if stored_key == key and isinstance(framework, Framework) else None


def _write(path: Path, key: str, framework: Framework) -> None:
    """Atomically, so that a reader never sees half a file; a failure only costs speed next time."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as file:
            try:
                pickle.dump((key, framework), file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(file.name)
                raise
        os.replace(file.name, path)
    except OSError:
        return
