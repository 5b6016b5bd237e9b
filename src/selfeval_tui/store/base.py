"""What every table group of the Store shares: the connection, its lock, reading rows, and one write transaction.

The table groups (``partnerships.py``, ``evaluations.py``, ``answers.py`` ...) are
mixins over :class:`StoreBase`; ``store.py`` puts them together as ``Store``.
Every write goes through :meth:`StoreBase._writing` (one ``BEGIN IMMEDIATE ...
COMMIT``) and names who is writing with its ``by`` keyword: the store keeps no
user of its own, the services pass the acting person's name on every call.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from selfeval_tui.domain.records import AnswerValue, over_limit
from selfeval_tui.domain.signoff import locked_line
from selfeval_tui.store.connection import fault, write_transaction
from selfeval_tui.store.errors import (
    LockedError,
    StoreError,
    StoreInputError,
    StoreReadOnlyError,
)
from selfeval_tui.store.rows import build, read_rows

M = TypeVar("M")


def timestamp(moment: datetime) -> str:
    # Always with microseconds and +00:00, so that text order is time order.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def to_json(value: AnswerValue | None) -> str | None:
    return None if value is None else json.dumps(value, allow_nan=False)


def columns(model: type) -> str:
    return ", ".join(field.name for field in fields(model))


def when(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M on %d %b %Y")


class StoreBase:
    """An open connection, shared by threads (a TUI saving from a worker while the screen reads): a lock keeps each transaction whole."""

    def __init__(self, conn: sqlite3.Connection, *, path: Path, readonly: bool) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.readonly = readonly

    def _rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise fault(exc, self.path) from exc

    def _model(self, model: type[M], row: sqlite3.Row) -> M:
        """A row as a model; a hand-edited row that no longer fits is an error, not a crash."""
        return self._models(model, [row])[0]

    def _models(self, model: type[M], rows: list[sqlite3.Row]) -> list[M]:
        """The rows of one query as models (:meth:`_model` for many, read by position)."""
        try:
            return read_rows(model, rows)
        except ValueError as exc:
            raise StoreError(
                f"a stored {model.__name__} does not fit the schema ({exc}); was the file edited by hand?",
                path=self.path,
            ) from exc

    def _one(self, model: type[M], sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> M | None:
        rows = self._rows(sql, params)
        return self._model(model, rows[0]) if rows else None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreReadOnlyError(
                "opened read-only (you cannot write to the file or its folder), so nothing can be saved",
                path=self.path,
            )
        with self._lock, write_transaction(self._conn, self.path):
            yield self._conn

    def _build(self, model: type[M], what: str, **values: Any) -> M:
        """Check input before any transaction starts, as one line naming the bad field (``rows.build``)."""
        try:
            return build(model, values)
        except ValueError as exc:
            raise StoreInputError(f"{what}: {exc}", path=self.path) from None

    def _within(self, limit: int, *texts: tuple[str, str]) -> None:
        """Refuse, before any transaction, a text longer than its limit (``models.NAME_LIMIT``)."""
        for what, text in texts:
            refusal = over_limit(what, text, limit)
            if refusal is not None:
                raise StoreInputError(refusal, path=self.path)

    def _missing(self, what: str) -> StoreInputError:
        return StoreInputError(f"there is no {what}", path=self.path)

    def _touch(self, conn: sqlite3.Connection, evaluation_id: int, now: datetime) -> None:
        """Mark the evaluation as changed; doubles as the check that it exists and is not signed off.

        Every write to an evaluation's rows starts with this, inside its own
        transaction, so a sign-off committed a moment earlier by someone else
        refuses the write (``LockedError``) rather than letting it in.
        """
        cursor = conn.execute(
            "UPDATE evaluations SET updated_at = ? WHERE id = ? AND state <> 'signed_off'",
            (timestamp(now), evaluation_id),
        )
        if cursor.rowcount == 0:
            raise self._locked(conn, evaluation_id) or self._missing(f"evaluation with id {evaluation_id}")

    def _locked(self, conn: sqlite3.Connection, evaluation_id: int) -> LockedError | None:
        """The refusal for a write to a signed-off evaluation (None when it is not signed off)."""
        row = conn.execute(
            "SELECT e.year, p.name, h.changed_by, h.signed_on FROM evaluations e"
            " JOIN partnerships p ON p.id = e.partnership_id"
            " LEFT JOIN sign_off_history h ON h.id ="
            " (SELECT max(id) FROM sign_off_history WHERE evaluation_id = e.id AND change = 'sign_off')"
            " WHERE e.id = ? AND e.state = 'signed_off'",
            (evaluation_id,),
        ).fetchone()
        if row is None:
            return None
        signed_on = date.fromisoformat(row["signed_on"]) if row["signed_on"] else datetime.now(UTC).date()
        return LockedError(locked_line(row["name"], row["year"], row["changed_by"] or "someone", signed_on))

    def _require_partnership(self, conn: sqlite3.Connection, partnership_id: int) -> None:
        if conn.execute("SELECT 1 FROM partnerships WHERE id = ?", (partnership_id,)).fetchone() is None:
            raise self._missing(f"partnership with id {partnership_id}")

