"""``element_ratings``: each started element's rating, kept in the same transaction as what changed it.

The store does not judge: the services hand each write a ``domain.ratings.Rater``
(made from the framework), and the store asks it which elements the write
concerns, reads those elements' answers and agreed rating inside the
transaction (so another session's answer committed a moment earlier is
counted), and writes or deletes their rows before the COMMIT. A write given no
rater (the store's own tests) leaves the table alone.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from datetime import datetime

from selfeval_tui.domain.ratings import ElementRating, Rater
from selfeval_tui.domain.records import Answer, Judgement
from selfeval_tui.store.base import StoreBase, columns, timestamp
from selfeval_tui.store.errors import StoreError

_COLUMNS = (
    "evaluation_id, element_id, strand_id, current_rating, computed_rating, provisional, focus, framework_hash,"
    " updated_at"
)

RERATE_BATCH_SECONDS = 0.1
"""How long one transaction of the fill may hold the write lock: well inside other writers' 5 s busy timeout."""


class RatingRecords(StoreBase):
    """The ``element_ratings`` table."""

    def _rerate(
        self,
        conn: sqlite3.Connection,
        rater: Rater | None,
        evaluation_id: int,
        element_ids: Iterable[str],
        now: datetime,
    ) -> None:
        """Bring the rows of ``element_ids`` up to date; called inside the write that changed them."""
        if rater is None:
            return
        for element_id in dict.fromkeys(element_ids):
            questions = json.dumps(rater.questions_of(element_id))
            answers = self._models(
                Answer,
                conn.execute(
                    f"SELECT {columns(Answer)} FROM answers WHERE evaluation_id = ?"
                    " AND question_id IN (SELECT value FROM json_each(?))",
                    (evaluation_id, questions),
                ).fetchall(),
            )
            judgement = conn.execute(
                f"SELECT {columns(Judgement)} FROM judgements WHERE evaluation_id = ? AND element_id = ?",
                (evaluation_id, element_id),
            ).fetchone()
            rating = rater.rate(
                evaluation_id,
                element_id,
                {a.question_id: a for a in answers},
                None if judgement is None else self._model(Judgement, judgement),
                now,
            )
            if rating is None:
                conn.execute(
                    "DELETE FROM element_ratings WHERE evaluation_id = ? AND element_id = ?",
                    (evaluation_id, element_id),
                )
            else:
                self._put_ratings(conn, [rating])

    def _rerate_all(self, conn: sqlite3.Connection, rater: Rater | None, evaluation_id: int, now: datetime) -> None:
        """Every element of one evaluation (after a carry forward, or filling an evaluation rated before the table)."""
        if rater is None:
            return
        answers = self._models(
            Answer,
            conn.execute(f"SELECT {columns(Answer)} FROM answers WHERE evaluation_id = ?", (evaluation_id,)).fetchall(),
        )
        judgements = self._models(
            Judgement,
            conn.execute(
                f"SELECT {columns(Judgement)} FROM judgements WHERE evaluation_id = ?", (evaluation_id,)
            ).fetchall(),
        )
        conn.execute("DELETE FROM element_ratings WHERE evaluation_id = ?", (evaluation_id,))
        rows = rater.rate_all(
            evaluation_id, {a.question_id: a for a in answers}, {j.element_id: j for j in judgements}, now
        )
        self._put_ratings(conn, rows)

    def _put_ratings(self, conn: sqlite3.Connection, ratings: list[ElementRating]) -> None:
        conn.executemany(
            f"INSERT INTO element_ratings ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (evaluation_id, element_id) DO UPDATE SET strand_id = excluded.strand_id,"
            " current_rating = excluded.current_rating, computed_rating = excluded.computed_rating,"
            " provisional = excluded.provisional, focus = excluded.focus,"
            " framework_hash = excluded.framework_hash, updated_at = excluded.updated_at",
            [
                (
                    r.evaluation_id,
                    r.element_id,
                    r.strand_id,
                    r.current_rating,
                    r.computed_rating,
                    int(r.provisional),
                    json.dumps(list(r.focus)),
                    r.framework_hash,
                    timestamp(r.updated_at),
                )
                for r in ratings
            ],
        )

    def rerate_evaluations(self, rater: Rater, evaluation_ids: Iterable[int], now: datetime) -> None:
        """Rewrite every row of these evaluations (filling the table on first open).

        In transactions of about a tenth of a second each: one per evaluation
        would spend most of a large file's fill on fsyncs, and one for them all
        would hold the write lock for seconds, past other writers' busy timeout.
        """
        pending = list(evaluation_ids)
        while pending:
            with self._writing() as conn:
                started = time.perf_counter()
                while pending and time.perf_counter() - started < RERATE_BATCH_SECONDS:
                    self._rerate_all(conn, rater, pending.pop(0), now)

    def unrated_evaluations(self, rater: Rater) -> list[int]:
        """Evaluations whose rows are missing, or were judged with another bank than the rater's.

        Missing: an answer to one of the bank's questions, or an agreed rating of
        one of its elements, but no row (rated before the table existed). Another
        bank: a new selfeval reworded a criterion, or ``--questions`` names
        another bank. Index look-ups of each evaluation's own rows (every primary
        key here starts with ``evaluation_id``): about a millisecond for hundreds
        of evaluations.
        """
        rows = self._rows(
            "SELECT id FROM evaluations AS e"
            " WHERE EXISTS (SELECT 1 FROM element_ratings AS r WHERE r.evaluation_id = e.id AND r.framework_hash <> ?)"
            " OR (NOT EXISTS (SELECT 1 FROM element_ratings AS r WHERE r.evaluation_id = e.id)"
            " AND (EXISTS (SELECT 1 FROM answers AS a WHERE a.evaluation_id = e.id"
            " AND a.question_id IN (SELECT value FROM json_each(?)))"
            " OR EXISTS (SELECT 1 FROM judgements AS j WHERE j.evaluation_id = e.id"
            " AND j.element_id IN (SELECT value FROM json_each(?)))))"
            " ORDER BY id",
            (rater.framework_hash, json.dumps(rater.question_ids), json.dumps(rater.element_ids)),
        )
        return [row["id"] for row in rows]

    def current_ratings(self, partnership_id: int) -> dict[int, dict[str, int]]:
        """Each evaluation's current rating of every element it started, as stored: the history's one read."""
        rows = self._rows(
            "SELECT r.evaluation_id, r.element_id, r.current_rating FROM element_ratings AS r"
            " JOIN evaluations AS e ON e.id = r.evaluation_id WHERE e.partnership_id = ?",
            (partnership_id,),
        )
        ratings: dict[int, dict[str, int]] = {}
        for row in rows:
            ratings.setdefault(row["evaluation_id"], {})[row["element_id"]] = int(row["current_rating"])
        return ratings

    def element_ratings(self, evaluation_id: int) -> dict[str, ElementRating]:
        """The stored rows of one evaluation, by element id."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM element_ratings WHERE evaluation_id = ? ORDER BY rowid", (evaluation_id,)
        )
        return {rating.element_id: rating for rating in map(self._rating, rows)}

    def _rating(self, row: sqlite3.Row) -> ElementRating:
        try:
            focus = json.loads(row["focus"])
            if not isinstance(focus, list) or not all(isinstance(item, str) for item in focus):
                raise ValueError("focus: not a JSON list of criterion ids")
            return ElementRating(
                evaluation_id=int(row["evaluation_id"]),
                element_id=str(row["element_id"]),
                strand_id=str(row["strand_id"]),
                current_rating=int(row["current_rating"]),
                computed_rating=int(row["computed_rating"]),
                provisional=bool(row["provisional"]),
                focus=tuple(focus),
                framework_hash=str(row["framework_hash"]),
                updated_at=datetime.fromisoformat(row["updated_at"]),
            )
        except (TypeError, ValueError) as exc:
            raise StoreError(
                f"a stored element rating does not fit the schema ({exc}); was the file edited by hand?", path=self.path
            ) from exc
