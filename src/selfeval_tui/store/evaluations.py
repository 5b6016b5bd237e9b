"""Evaluations: one per partnership and academic year, optionally carrying last year's answers forward."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from selfeval_tui.domain.ratings import Rater
from selfeval_tui.domain.records import Evaluation, check_academic_year
from selfeval_tui.store.base import columns, timestamp
from selfeval_tui.store.errors import StoreInputError
from selfeval_tui.store.ratings import RatingRecords


class EvaluationRecords(RatingRecords):
    """The ``evaluations`` table (and the carry-forward of answers into a new one)."""

    def create_evaluation(
        self,
        partnership_id: int,
        year: str,
        framework_id: str,
        framework_hash: str,
        *,
        carry_forward_from: int | None = None,
        exist_ok: bool = False,
        by: str,
        rater: Rater | None = None,
    ) -> Evaluation:
        """Start a year's evaluation, optionally seeded with another year's answers.

        Carried answers keep who gave them and when, are marked ``carried_forward``
        until confirmed or changed, and each gets a ``carry_forward`` history row.
        Agreed judgements are not carried: they were agreed about last year's evidence.
        StoreInputError when the partnership already has an evaluation for ``year``,
        unless ``exist_ok``: then that evaluation is returned unchanged, found
        and created in one transaction as ``create_partnership`` does. With
        ``rater``, the carried answers' ratings are written in the same transaction.
        """
        try:
            check_academic_year(year)
        except ValueError as exc:
            raise StoreInputError(str(exc), path=self.path) from None
        if not framework_id or not framework_hash:
            raise StoreInputError("an evaluation needs the framework's id and hash", path=self.path)
        now = datetime.now(UTC)
        with self._writing() as conn:
            self._require_partnership(conn, partnership_id)
            existing = conn.execute(
                f"SELECT {columns(Evaluation)} FROM evaluations WHERE partnership_id = ? AND year = ?",
                (partnership_id, year),
            ).fetchone()
            if existing and not exist_ok:
                raise StoreInputError(f"this partnership already has an evaluation for {year}", path=self.path)
            if existing:
                return self._model(Evaluation, existing)
            if carry_forward_from is not None:
                source = conn.execute(
                    "SELECT partnership_id FROM evaluations WHERE id = ?", (carry_forward_from,)
                ).fetchone()
                if source is None:
                    raise self._missing(f"evaluation with id {carry_forward_from} to carry forward from")
                if source["partnership_id"] != partnership_id:
                    raise StoreInputError(
                        "answers can only be carried forward from the same partnership", path=self.path
                    )
            cursor = conn.execute(
                "INSERT INTO evaluations (partnership_id, year, framework_id, framework_hash,"
                " created_at, updated_at, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (partnership_id, year, framework_id, framework_hash, timestamp(now), timestamp(now), carry_forward_from),
            )
            evaluation_id = cursor.lastrowid
            assert evaluation_id is not None  # set by the INSERT
            if carry_forward_from is not None:
                self._carry_forward(conn, carry_forward_from, evaluation_id, now, by)
                self._rerate_all(conn, rater, evaluation_id, now)
        return Evaluation(
            id=evaluation_id,
            partnership_id=partnership_id,
            year=year,
            framework_id=framework_id,
            framework_hash=framework_hash,
            created_at=now,
            updated_at=now,
            carried_from=carry_forward_from,
        )

    def _carry_forward(
        self, conn: sqlite3.Connection, source: int, target: int, now: datetime, by: str
    ) -> None:
        params = {"source": source, "target": target, "user": by, "at": timestamp(now)}
        conn.execute(
            "INSERT INTO answers (evaluation_id, question_id, status, value, note, answered_by,"
            " answered_at, version, carried_forward)"
            " SELECT :target, question_id, status, value, note, answered_by, answered_at, 1, 1"
            " FROM answers WHERE evaluation_id = :source ORDER BY rowid",
            params,
        )
        conn.execute(
            "INSERT INTO answer_history (evaluation_id, question_id, action, version, old_status,"
            " old_value, old_note, new_status, new_value, new_note, changed_by, changed_at)"
            " SELECT :target, question_id, 'carry_forward', 1, NULL, NULL, NULL, status, value, note,"
            " :user, :at FROM answers WHERE evaluation_id = :source ORDER BY rowid",
            params,
        )

    def evaluation(self, partnership_id: int, year: str) -> Evaluation | None:
        return self._one(
            Evaluation,
            f"SELECT {columns(Evaluation)} FROM evaluations WHERE partnership_id = ? AND year = ?",
            (partnership_id, year),
        )

    def evaluation_by_id(self, evaluation_id: int) -> Evaluation:
        found = self._one(
            Evaluation, f"SELECT {columns(Evaluation)} FROM evaluations WHERE id = ?", (evaluation_id,)
        )
        if found is None:
            raise self._missing(f"evaluation with id {evaluation_id}")
        return found

    def list_evaluations(self, partnership_id: int | None = None) -> list[Evaluation]:
        """Most recently changed first, which is the one a returning user most likely wants."""
        where, params = ("WHERE partnership_id = ?", (partnership_id,)) if partnership_id is not None else ("", ())
        rows = self._rows(
            f"SELECT {columns(Evaluation)} FROM evaluations {where} ORDER BY updated_at DESC, id DESC", params
        )
        return self._models(Evaluation, rows)

    def previous_evaluation(self, partnership_id: int, year: str) -> Evaluation | None:
        """The partnership's latest evaluation before ``year`` (``YYYY/YY`` sorts as text)."""
        return self._one(
            Evaluation,
            f"SELECT {columns(Evaluation)} FROM evaluations WHERE partnership_id = ? AND year < ?"
            " ORDER BY year DESC LIMIT 1",
            (partnership_id, year),
        )
