"""The store's exceptions: each prints as one line a user can act on.

The command line prints ``str(exc)`` and exits 2, and the TUI shows it in a
notice, so every message names the database file and says what happened in
plain words; none of them carries a traceback or a SQLite error code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfeval_tui.domain.records import Answer


class StoreError(Exception):
    """Anything that stops the store opening, reading or saving."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.message = " ".join(message.split())
        self.path = Path(path) if path is not None else None
        super().__init__(f"{path}: {self.message}" if path is not None else self.message)


class StoreInputError(StoreError, ValueError):
    """The caller asked for something the data does not allow (blank reason, unknown id, bad year)."""


class LockedError(StoreError):
    """A write to an evaluation that is signed off: says who signed it off, when, and who can reopen it."""


class StoreReadOnlyError(StoreError):
    """A write on a store that was opened read-only because its file or folder is not writable."""


class StoreFullError(StoreError):
    """The disk or the database filled up mid-write; that change was rolled back, earlier ones stand."""


class ConflictError(StoreError):
    """Someone else saved this question after the caller read it, so the caller's save was refused.

    ``current`` is what is stored now, so the UI can show both and let the user choose.
    """

    def __init__(
        self, message: str, *, current: Answer | None = None, path: Path | str | None = None
    ) -> None:
        super().__init__(message, path=path)
        self.current = current
