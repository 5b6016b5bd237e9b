"""What other sessions have written since a mark, and where each person left each evaluation.

Several people may have one database open at once. A session learns that
anyone else has committed from ``PRAGMA data_version``: SQLite changes it on
this connection only when *another* connection commits, and reading it costs no
I/O, so polling it is all an idle session does. When it has changed, the rows of
the ``changes`` table after the last id the session saw (filled by triggers: see
the ``0003`` migration) say which answers, judgements, outcomes and membership
lists changed, and who changed them.

``StoreChanges`` is mixed into ``Store``; it uses the store's connection, lock
and user, so what it reads is consistent with every other read of that Store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from selfeval_tui.store.base import StoreBase, timestamp
from selfeval_tui.store.connection import fault

ChangeKind = Literal["answer", "judgement", "outcome_value", "outcome_target", "members", "workshop"]
KINDS: tuple[ChangeKind, ...] = ("answer", "judgement", "outcome_value", "outcome_target", "members", "workshop")


@dataclass(frozen=True)
class Change:
    """One row written by someone: an answer, a judgement, an outcome value or target, or a membership list."""

    id: int
    evaluation_id: int | None
    """None for what belongs to the partnership rather than one year (targets, members)."""
    partnership_id: int
    kind: ChangeKind
    key: str
    """The question, element or outcome id, the membership category, or the workshop's id."""
    changed_by: str | None
    """Who, where the table records it (answers, judgements, outcome values)."""


@dataclass(frozen=True)
class ResumePoint:
    """Where one person was in one evaluation, and when they were there."""

    question_id: str
    at: datetime



def _change(row: sqlite3.Row) -> Change:
    kind = row["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind of change {kind!r}")
    return Change(row["id"], row["evaluation_id"], row["partnership_id"], kind, row["key"], row["changed_by"])


class StoreChanges(StoreBase):
    """The ``Store`` methods for following other sessions and for per-person resume points."""

    def data_version(self, *, wait: bool = True) -> int | None:
        """``PRAGMA data_version``: a new value means another connection has committed since the last call.

        With ``wait=False`` it returns None instead of waiting while this Store
        is busy in another thread (a save in progress): a poller on the screen's
        thread then tries again at its next tick rather than freeze the screen.
        """
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise fault(exc, self.path) from exc
        finally:
            self._lock.release()

    def change_mark(self) -> int:
        """The id of the latest change: ``changes_since`` this mark returns only what is written after now."""
        rows = self._rows("SELECT coalesce(max(id), 0) FROM changes")
        return int(rows[0][0])

    def changes_since(self, mark: int, *, limit: int = 10_000) -> list[Change]:
        """Every change after ``mark``, oldest first (at most ``limit``: the caller asks again from the last id)."""
        rows = self._rows(
            "SELECT id, evaluation_id, partnership_id, kind, key, changed_by FROM changes"
            " WHERE id > ? ORDER BY id LIMIT ?",
            (mark, limit),
        )
        return [_change(row) for row in rows]

    def resume_point(self, evaluation_id: int, user: str) -> ResumePoint | None:
        """Where ``user`` last jumped to in the evaluation.

        The session writes a point only when the person jumps; their answers are
        in the answer history (``last_answered_by``), and the later of the two wins.
        """
        rows = self._rows(
            "SELECT question_id, at FROM resume_points WHERE evaluation_id = ? AND user = ?",
            (evaluation_id, user),
        )
        return ResumePoint(rows[0]["question_id"], datetime.fromisoformat(rows[0]["at"])) if rows else None

    def last_answered_by(self, evaluation_id: int, user: str) -> ResumePoint | None:
        """The question ``user`` last answered or confirmed in the evaluation (carrying forward is not answering)."""
        rows = self._rows(
            "SELECT question_id, changed_at FROM answer_history WHERE evaluation_id = ? AND changed_by = ?"
            " AND action <> 'carry_forward' ORDER BY id DESC LIMIT 1",
            (evaluation_id, user),
        )
        return ResumePoint(rows[0]["question_id"], datetime.fromisoformat(rows[0]["changed_at"])) if rows else None

    def save_resume_point(self, evaluation_id: int, question_id: str, *, by: str) -> None:
        """Remember that ``by`` is at ``question_id``; committed before it returns, like every write."""
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO resume_points (evaluation_id, user, question_id, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (evaluation_id, user) DO UPDATE SET question_id = excluded.question_id, at = excluded.at",
                (evaluation_id, by, question_id, timestamp(datetime.now(UTC))),
            )


def latest(*points: ResumePoint | None) -> ResumePoint | None:
    """The most recent of the points given (None when there is none)."""
    found = [point for point in points if point is not None]
    return max(found, key=lambda point: point.at, default=None)


__all__ = ["KINDS", "Change", "ChangeKind", "ResumePoint", "StoreChanges", "latest"]
