"""Answers and their append-only history, with the version check that stops one person overwriting another."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from selfeval_tui.domain.ratings import Rater
from selfeval_tui.domain.records import Answer, AnswerValue, HistoryEntry, Status
from selfeval_tui.store.base import columns, timestamp, to_json, when
from selfeval_tui.store.errors import ConflictError
from selfeval_tui.store.ratings import RatingRecords


class AnswerRecords(RatingRecords):
    """The ``answers`` and ``answer_history`` tables."""

    def save_answer(
        self,
        evaluation_id: int,
        question_id: str,
        *,
        status: Status | None,
        value: AnswerValue | None = None,
        note: str = "",
        expected_version: int | None = None,
        by: str,
        rater: Rater | None = None,
    ) -> Answer:
        """Save and commit one answer, or raise having saved nothing.

        ``expected_version`` is the version the caller last read (0: "there was no
        answer"); if someone has saved since, ConflictError carries what they saved
        so the user can choose instead of one of them silently losing their work.
        None skips the check. ``by`` is who is answering: the answer's ``answered_by``
        and its history row's ``changed_by``. With ``rater``, the ratings of the
        elements the question belongs to are rewritten in the same transaction.
        """
        now = datetime.now(UTC)
        draft = self._build(
            Answer,
            f"cannot save the answer to {question_id}",
            evaluation_id=evaluation_id,
            question_id=question_id,
            status=status,
            value=value,
            note=note,
            answered_by=by,
            answered_at=now,
            version=1,
        )
        with self._writing() as conn:
            current = self.answer(evaluation_id, question_id)
            self._check_version(current, expected_version, question_id)
            self._touch(conn, evaluation_id, now)
            saved = replace(draft, version=current.version + 1 if current else 1)
            self._put_answer(conn, saved, current, "save", now, by)
            self._rerate(conn, rater, evaluation_id, rater.elements_of(question_id) if rater else (), now)
        return saved

    def confirm_answer(
        self, evaluation_id: int, question_id: str, *, by: str, rater: Rater | None = None
    ) -> Answer:
        """Accept a carried-forward answer as this year's; ``by``, who confirms it, now owns it."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            current = self.answer(evaluation_id, question_id)
            if current is None:
                raise self._missing(f"answer to {question_id} in evaluation {evaluation_id} to confirm")
            if not current.carried_forward:
                return current
            self._touch(conn, evaluation_id, now)
            confirmed = replace(
                current, carried_forward=False, version=current.version + 1, answered_by=by, answered_at=now
            )
            self._put_answer(conn, confirmed, current, "confirm", now, by)
            self._rerate(conn, rater, evaluation_id, rater.elements_of(question_id) if rater else (), now)
        return confirmed

    def _check_version(self, current: Answer | None, expected: int | None, question_id: str) -> None:
        found = current.version if current else 0
        if expected is None or expected == found:
            return
        if current is None:
            message = f"{question_id} has no saved answer, but you expected version {expected}"
        else:
            message = (
                f"{question_id} was changed by {current.answered_by} at {when(current.answered_at)}"
                f" after you read it (now version {found}, you had {expected}); nothing was overwritten"
            )
        raise ConflictError(message, current=current, path=self.path)

    def _put_answer(
        self, conn: sqlite3.Connection, new: Answer, old: Answer | None, action: str, now: datetime, by: str
    ) -> None:
        conn.execute(
            "INSERT INTO answers (evaluation_id, question_id, status, value, note, answered_by,"
            " answered_at, version, carried_forward)"
            " VALUES (:evaluation_id, :question_id, :status, :value, :note, :answered_by,"
            " :answered_at, :version, :carried_forward)"
            " ON CONFLICT (evaluation_id, question_id) DO UPDATE SET status = excluded.status,"
            " value = excluded.value, note = excluded.note, answered_by = excluded.answered_by,"
            " answered_at = excluded.answered_at, version = excluded.version,"
            " carried_forward = excluded.carried_forward",
            {
                "evaluation_id": new.evaluation_id,
                "question_id": new.question_id,
                "status": new.status,
                "value": to_json(new.value),
                "note": new.note,
                "answered_by": new.answered_by,
                "answered_at": timestamp(new.answered_at),
                "version": new.version,
                "carried_forward": int(new.carried_forward),
            },
        )
        conn.execute(
            "INSERT INTO answer_history (evaluation_id, question_id, action, version, old_status,"
            " old_value, old_note, new_status, new_value, new_note, changed_by, changed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.evaluation_id,
                new.question_id,
                action,
                new.version,
                old.status if old else None,
                to_json(old.value) if old else None,
                old.note if old else None,
                new.status,
                to_json(new.value),
                new.note,
                by,
                timestamp(now),
            ),
        )

    def answer(self, evaluation_id: int, question_id: str) -> Answer | None:
        return self._one(
            Answer,
            f"SELECT {columns(Answer)} FROM answers WHERE evaluation_id = ? AND question_id = ?",
            (evaluation_id, question_id),
        )

    def answers(self, evaluation_id: int) -> dict[str, Answer]:
        rows = self._rows(
            f"SELECT {columns(Answer)} FROM answers WHERE evaluation_id = ? ORDER BY rowid", (evaluation_id,)
        )
        return {m.question_id: m for m in self._models(Answer, rows)}

    def answer_counts(self, question_ids: Sequence[str]) -> dict[int, tuple[int, int]]:
        """Per evaluation, its stored answers to ``question_ids``: (confirmed, carried forward and unconfirmed).

        One ``GROUP BY`` for every evaluation at once, so a start screen listing
        hundreds of evaluations does not read every answer row; the ids go in as
        one JSON array (``json_each``), not hundreds of placeholders. Evaluations
        with no such answer are absent.
        """
        rows = self._rows(
            "SELECT evaluation_id, carried_forward, COUNT(*) AS n FROM answers"
            " WHERE question_id IN (SELECT value FROM json_each(?))"
            " GROUP BY evaluation_id, carried_forward",
            (json.dumps(list(question_ids)),),
        )
        counts: dict[int, tuple[int, int]] = {}
        for row in rows:
            confirmed, carried = counts.get(row["evaluation_id"], (0, 0))
            if row["carried_forward"]:
                carried = row["n"]
            else:
                confirmed = row["n"]
            counts[row["evaluation_id"]] = (confirmed, carried)
        return counts

    def history(self, evaluation_id: int, question_id: str | None = None) -> list[HistoryEntry]:
        """Every change, oldest first; the table is append-only, so this is the full record."""
        where = "evaluation_id = ?"
        params: list[int | str] = [evaluation_id]
        if question_id is not None:
            where, params = where + " AND question_id = ?", [*params, question_id]
        rows = self._rows(f"SELECT {columns(HistoryEntry)} FROM answer_history WHERE {where} ORDER BY id", params)
        return self._models(HistoryEntry, rows)
