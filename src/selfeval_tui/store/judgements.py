"""Agreed judgements (an element's rating set by the coordinator, with the reason) and their history."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from selfeval_tui.domain.records import Judgement, JudgementHistoryEntry
from selfeval_tui.store.base import StoreBase, columns, timestamp
from selfeval_tui.store.errors import StoreInputError


class JudgementRecords(StoreBase):
    """The ``judgements`` and ``judgement_history`` tables."""

    def save_judgement(self, evaluation_id: int, element_id: str, level: int, reason: str, *, by: str) -> Judgement:
        """Agree a level for an element, overriding the computed one; the reason is the point of it."""
        if not reason.strip():
            raise StoreInputError(f"an agreed judgement for {element_id} needs a reason", path=self.path)
        if isinstance(level, bool) or not isinstance(level, int):
            raise StoreInputError(f"the level for {element_id} must be a whole number 0 to 4", path=self.path)
        now = datetime.now(UTC)
        judgement = self._build(
            Judgement,
            f"cannot save the judgement for {element_id}",
            evaluation_id=evaluation_id,
            element_id=element_id,
            level=int(level),
            reason=reason.strip(),
            agreed_by=by,
            agreed_at=now,
        )
        with self._writing() as conn:
            self._write_judgement(conn, judgement)
        return judgement

    def _write_judgement(self, conn: sqlite3.Connection, judgement: Judgement) -> None:
        """Save (and record in the history) within a transaction: a workshop's agreement writes it with its own rows."""
        evaluation_id, element_id, now, by = (
            judgement.evaluation_id, judgement.element_id, judgement.agreed_at, judgement.agreed_by
        )
        self._touch(conn, evaluation_id, now)
        old = self._current_judgement(evaluation_id, element_id)
        conn.execute(
            "INSERT INTO judgements (evaluation_id, element_id, level, reason, agreed_by, agreed_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evaluation_id, element_id) DO UPDATE SET"
            " level = excluded.level, reason = excluded.reason, agreed_by = excluded.agreed_by,"
            " agreed_at = excluded.agreed_at",
            (evaluation_id, element_id, judgement.level, judgement.reason, by, timestamp(now)),
        )
        self._judgement_history(conn, evaluation_id, element_id, "save", old, judgement, now, by)

    def clear_judgement(self, evaluation_id: int, element_id: str, *, by: str) -> None:
        """Go back to the computed level; clearing what is not there changes nothing."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            old = self._current_judgement(evaluation_id, element_id)
            if old is None:
                return
            self._touch(conn, evaluation_id, now)
            conn.execute(
                "DELETE FROM judgements WHERE evaluation_id = ? AND element_id = ?", (evaluation_id, element_id)
            )
            self._judgement_history(conn, evaluation_id, element_id, "clear", old, None, now, by)

    def _current_judgement(self, evaluation_id: int, element_id: str) -> Judgement | None:
        return self._one(
            Judgement,
            f"SELECT {columns(Judgement)} FROM judgements WHERE evaluation_id = ? AND element_id = ?",
            (evaluation_id, element_id),
        )

    def _judgement_history(
        self,
        conn: sqlite3.Connection,
        evaluation_id: int,
        element_id: str,
        action: str,
        old: Judgement | None,
        new: Judgement | None,
        now: datetime,
        by: str,
    ) -> None:
        conn.execute(
            "INSERT INTO judgement_history (evaluation_id, element_id, action, old_level, old_reason,"
            " new_level, new_reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                evaluation_id,
                element_id,
                action,
                old.level if old else None,
                old.reason if old else None,
                new.level if new else None,
                new.reason if new else None,
                by,
                timestamp(now),
            ),
        )

    def judgements(self, evaluation_id: int) -> dict[str, Judgement]:
        rows = self._rows(
            f"SELECT {columns(Judgement)} FROM judgements WHERE evaluation_id = ? ORDER BY element_id",
            (evaluation_id,),
        )
        return {m.element_id: m for m in self._models(Judgement, rows)}

    def judgement_history(self, evaluation_id: int, element_id: str | None = None) -> list[JudgementHistoryEntry]:
        where = "evaluation_id = ?"
        params: list[int | str] = [evaluation_id]
        if element_id is not None:
            where, params = where + " AND element_id = ?", [*params, element_id]
        rows = self._rows(
            f"SELECT {columns(JudgementHistoryEntry)} FROM judgement_history WHERE {where} ORDER BY id", params
        )
        return self._models(JudgementHistoryEntry, rows)
