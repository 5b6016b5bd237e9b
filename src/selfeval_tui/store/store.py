"""The Store: the one way the rest of selfeval reads and writes the database.

Every public method takes and returns the models of ``models.py``, so nothing
above this file sees SQL. Every write is one ``BEGIN IMMEDIATE ... COMMIT`` that has
finished before the method returns: when ``save_answer`` returns, the answer is
on disk, and when it raises, nothing of it is.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from selfeval_tui.domain.caching import cache_by_class
from selfeval_tui.domain.records import (
    NAME_LIMIT,
    Answer,
    AnswerValue,
    Evaluation,
    HistoryEntry,
    Judgement,
    JudgementHistoryEntry,
    OutcomeTarget,
    OutcomeValue,
    Partnership,
    Status,
    check_academic_year,
    over_limit,
)
from selfeval_tui.store.actions import ActionPlans
from selfeval_tui.store.connection import fault, open_database, write_transaction
from selfeval_tui.store.errors import (
    ConflictError,
    StoreError,
    StoreInputError,
    StoreReadOnlyError,
)
from selfeval_tui.store.rows import read_row

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

M = TypeVar("M")


def os_user() -> str:
    """Who is answering: the account the process runs as, never ``LOGNAME`` or ``USER``.

    Those variables are whatever the person sets (``USER=head selfeval``), so
    answers would say anything. The uid is the kernel's; its name comes from the
    password database, and a uid without an entry there (some containers) is
    recorded as ``uid 1234`` rather than refused. Where there are no uids
    (Windows) the login name is all there is.
    """
    if not hasattr(os, "getuid"):
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "unknown"
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _text(moment: datetime) -> str:
    # Always with microseconds and +00:00, so that text order is time order.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _to_json(value: AnswerValue | None) -> str | None:
    return None if value is None else json.dumps(value, allow_nan=False)


def _columns(model: type) -> str:
    return ", ".join(field.name for field in fields(model))


@cache_by_class
def _validator(model: type[M]) -> TypeAdapter[M]:
    """Pydantic is imported on the first save, not when the app opens (see domain/constraints.py)."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def _first_error(exc: ValidationError) -> str:
    """Pydantic lists every problem over several lines; the user gets the first, on one."""
    error = exc.errors()[0]
    message = error["msg"].removeprefix("Value error, ")
    return f"{error['loc'][0]}: {message}" if error["loc"] else message


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M on %d %b %Y")


class Store(ActionPlans):
    """An open database file. Use :meth:`Store.open`; close it (or use ``with``) when done.

    One Store may be shared by threads (a TUI saving from a worker thread while
    the screen reads): a lock keeps each transaction whole.
    """

    def __init__(self, conn: sqlite3.Connection, *, path: Path, user: str, readonly: bool) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.user = user
        self.readonly = readonly

    @classmethod
    def open(cls, path: Path, *, user: str | None = None, create: bool = True) -> Store:
        """Open (creating on first use) and migrate ``path``; every refusal is a one-line StoreError."""
        path = Path(path).expanduser()
        conn, readonly = open_database(path, create=create)
        return cls(conn, path=path, user=user or os_user(), readonly=readonly)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise fault(exc, self.path) from exc

    def _model(self, model: type[M], row: sqlite3.Row) -> M:
        """A row as a model; a hand-edited row that no longer fits is an error, not a crash."""
        try:
            return read_row(model, row)
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
        """Validate input before any transaction starts, as one line naming the bad field."""
        from pydantic import ValidationError

        try:
            return _validator(model).validate_python(values)
        except ValidationError as exc:
            raise StoreInputError(f"{what}: {_first_error(exc)}", path=self.path) from None

    def _within(self, limit: int, *texts: tuple[str, str]) -> None:
        """Refuse, before any transaction, a text longer than its limit (``models.NAME_LIMIT``)."""
        for what, text in texts:
            refusal = over_limit(what, text, limit)
            if refusal is not None:
                raise StoreInputError(refusal, path=self.path)

    def _missing(self, what: str) -> StoreInputError:
        return StoreInputError(f"there is no {what}", path=self.path)

    def _touch(self, conn: sqlite3.Connection, evaluation_id: int, now: datetime) -> None:
        """Mark the evaluation as changed; doubles as the check that it exists."""
        cursor = conn.execute(
            "UPDATE evaluations SET updated_at = ? WHERE id = ?", (_text(now), evaluation_id)
        )
        if cursor.rowcount == 0:
            raise self._missing(f"evaluation with id {evaluation_id}")

    # -- partnerships -----------------------------------------------------

    def create_partnership(self, name: str, local_authority: str = "", *, exist_ok: bool = False) -> Partnership:
        """A new partnership; StoreInputError when one of that name (in any case) exists, unless ``exist_ok``.

        With ``exist_ok`` that partnership is returned instead (its local
        authority unchanged). The lookup and the insert are one transaction, so
        several people starting the same partnership at once all get the one
        that was made, where a lookup followed by a create would fail for all
        but the first.
        """
        name = name.strip()
        if not name:
            raise StoreInputError("a partnership needs a name", path=self.path)
        self._within(NAME_LIMIT, ("a partnership's name", name), ("a local authority's name", local_authority.strip()))
        now = datetime.now(UTC)
        with self._writing() as conn:
            clash = conn.execute(
                f"SELECT {_columns(Partnership)} FROM partnerships WHERE name = ? COLLATE NOCASE", (name,)
            ).fetchone()
            if clash and not exist_ok:
                raise StoreInputError(f"a partnership called {clash['name']!r} already exists", path=self.path)
            if clash:
                return self._model(Partnership, clash)
            cursor = conn.execute(
                "INSERT INTO partnerships (name, local_authority, created_at) VALUES (?, ?, ?)",
                (name, local_authority.strip(), _text(now)),
            )
        assert cursor.lastrowid is not None  # set by the INSERT
        return Partnership(
            id=cursor.lastrowid, name=name, local_authority=local_authority.strip(), created_at=now
        )

    def list_partnerships(self) -> list[Partnership]:
        rows = self._rows(f"SELECT {_columns(Partnership)} FROM partnerships ORDER BY name COLLATE NOCASE")
        return [self._model(Partnership, row) for row in rows]

    def partnership_by_name(self, name: str) -> Partnership | None:
        """Names match without regard to (ASCII) case, as they are unique that way."""
        return self._one(
            Partnership,
            f"SELECT {_columns(Partnership)} FROM partnerships WHERE name = ? COLLATE NOCASE",
            (name.strip(),),
        )

    def partnership_by_id(self, partnership_id: int) -> Partnership:
        found = self._one(
            Partnership, f"SELECT {_columns(Partnership)} FROM partnerships WHERE id = ?", (partnership_id,)
        )
        if found is None:
            raise self._missing(f"partnership with id {partnership_id}")
        return found

    def _require_partnership(self, conn: sqlite3.Connection, partnership_id: int) -> None:
        if conn.execute("SELECT 1 FROM partnerships WHERE id = ?", (partnership_id,)).fetchone() is None:
            raise self._missing(f"partnership with id {partnership_id}")

    def set_members(self, partnership_id: int, category: str, names: list[str]) -> None:
        """Replace the category's whole list, keeping the given order; blank names are dropped."""
        kept = [name.strip() for name in names if name.strip()]
        self._within(NAME_LIMIT, *(("a member's name", name) for name in kept))
        with self._writing() as conn:
            self._require_partnership(conn, partnership_id)
            conn.execute(
                "DELETE FROM members WHERE partnership_id = ? AND category = ?", (partnership_id, category)
            )
            conn.executemany(
                "INSERT INTO members (partnership_id, category, position, name) VALUES (?, ?, ?, ?)",
                [(partnership_id, category, position, name) for position, name in enumerate(kept)],
            )

    def members(self, partnership_id: int) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for row in self._rows(
            "SELECT category, name FROM members WHERE partnership_id = ? ORDER BY category, position",
            (partnership_id,),
        ):
            found.setdefault(row["category"], []).append(row["name"])
        return found

    # -- evaluations ------------------------------------------------------

    def create_evaluation(
        self,
        partnership_id: int,
        year: str,
        framework_id: str,
        framework_hash: str,
        *,
        carry_forward_from: int | None = None,
        exist_ok: bool = False,
    ) -> Evaluation:
        """Start a year's evaluation, optionally seeded with another year's answers.

        Carried answers keep who gave them and when, are marked ``carried_forward``
        until confirmed or changed, and each gets a ``carry_forward`` history row.
        Agreed judgements are not carried: they were agreed about last year's evidence.
        Open actions of last year's plan are carried for review (``store/actions.py``).
        StoreInputError when the partnership already has an evaluation for ``year``,
        unless ``exist_ok``: then that evaluation is returned unchanged, found
        and created in one transaction as ``create_partnership`` does.
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
                f"SELECT {_columns(Evaluation)} FROM evaluations WHERE partnership_id = ? AND year = ?",
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
                (partnership_id, year, framework_id, framework_hash, _text(now), _text(now), carry_forward_from),
            )
            evaluation_id = cursor.lastrowid
            assert evaluation_id is not None  # set by the INSERT
            if carry_forward_from is not None:
                self._carry_forward(conn, carry_forward_from, evaluation_id, now)
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

    def _carry_forward(self, conn: sqlite3.Connection, source: int, target: int, now: datetime) -> None:
        params = {"source": source, "target": target, "user": self.user, "at": _text(now)}
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
        self._carry_actions(conn, source, target, self.user, now)

    def evaluation(self, partnership_id: int, year: str) -> Evaluation | None:
        return self._one(
            Evaluation,
            f"SELECT {_columns(Evaluation)} FROM evaluations WHERE partnership_id = ? AND year = ?",
            (partnership_id, year),
        )

    def evaluation_by_id(self, evaluation_id: int) -> Evaluation:
        found = self._one(
            Evaluation, f"SELECT {_columns(Evaluation)} FROM evaluations WHERE id = ?", (evaluation_id,)
        )
        if found is None:
            raise self._missing(f"evaluation with id {evaluation_id}")
        return found

    def list_evaluations(self, partnership_id: int | None = None) -> list[Evaluation]:
        """Most recently changed first, which is the one a returning user most likely wants."""
        where, params = ("WHERE partnership_id = ?", (partnership_id,)) if partnership_id is not None else ("", ())
        rows = self._rows(
            f"SELECT {_columns(Evaluation)} FROM evaluations {where} ORDER BY updated_at DESC, id DESC", params
        )
        return [self._model(Evaluation, row) for row in rows]

    def previous_evaluation(self, evaluation: Evaluation) -> Evaluation | None:
        """The same partnership's latest year before this one (``YYYY/YY`` sorts as text)."""
        return self._one(
            Evaluation,
            f"SELECT {_columns(Evaluation)} FROM evaluations WHERE partnership_id = ? AND year < ?"
            " ORDER BY year DESC LIMIT 1",
            (evaluation.partnership_id, evaluation.year),
        )

    # -- answers ----------------------------------------------------------

    def save_answer(
        self,
        evaluation_id: int,
        question_id: str,
        *,
        status: Status | None,
        value: AnswerValue | None = None,
        note: str = "",
        expected_version: int | None = None,
    ) -> Answer:
        """Save and commit one answer, or raise having saved nothing.

        ``expected_version`` is the version the caller last read (0: "there was no
        answer"); if someone has saved since, ConflictError carries what they saved
        so the user can choose instead of one of them silently losing their work.
        None skips the check.
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
            answered_by=self.user,
            answered_at=now,
            version=1,
        )
        with self._writing() as conn:
            current = self.answer(evaluation_id, question_id)
            self._check_version(current, expected_version, question_id)
            self._touch(conn, evaluation_id, now)
            saved = replace(draft, version=current.version + 1 if current else 1)
            self._put_answer(conn, saved, current, "save", now)
        return saved

    def confirm_answer(self, evaluation_id: int, question_id: str) -> Answer:
        """Accept a carried-forward answer as this year's; the confirming user now owns it."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            current = self.answer(evaluation_id, question_id)
            if current is None:
                raise self._missing(f"answer to {question_id} in evaluation {evaluation_id} to confirm")
            if not current.carried_forward:
                return current
            self._touch(conn, evaluation_id, now)
            confirmed = replace(
                current, carried_forward=False, version=current.version + 1, answered_by=self.user, answered_at=now
            )
            self._put_answer(conn, confirmed, current, "confirm", now)
        return confirmed

    def _check_version(self, current: Answer | None, expected: int | None, question_id: str) -> None:
        found = current.version if current else 0
        if expected is None or expected == found:
            return
        if current is None:
            message = f"{question_id} has no saved answer, but you expected version {expected}"
        else:
            message = (
                f"{question_id} was changed by {current.answered_by} at {_when(current.answered_at)}"
                f" after you read it (now version {found}, you had {expected}); nothing was overwritten"
            )
        raise ConflictError(message, current=current, path=self.path)

    def _put_answer(
        self, conn: sqlite3.Connection, new: Answer, old: Answer | None, action: str, now: datetime
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
                "value": _to_json(new.value),
                "note": new.note,
                "answered_by": new.answered_by,
                "answered_at": _text(new.answered_at),
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
                _to_json(old.value) if old else None,
                old.note if old else None,
                new.status,
                _to_json(new.value),
                new.note,
                self.user,
                _text(now),
            ),
        )

    def answer(self, evaluation_id: int, question_id: str) -> Answer | None:
        return self._one(
            Answer,
            f"SELECT {_columns(Answer)} FROM answers WHERE evaluation_id = ? AND question_id = ?",
            (evaluation_id, question_id),
        )

    def answers(self, evaluation_id: int) -> dict[str, Answer]:
        rows = self._rows(
            f"SELECT {_columns(Answer)} FROM answers WHERE evaluation_id = ? ORDER BY rowid", (evaluation_id,)
        )
        return {row["question_id"]: self._model(Answer, row) for row in rows}

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
        rows = self._rows(f"SELECT {_columns(HistoryEntry)} FROM answer_history WHERE {where} ORDER BY id", params)
        return [self._model(HistoryEntry, row) for row in rows]

    # -- judgements -------------------------------------------------------

    def save_judgement(self, evaluation_id: int, element_id: str, level: int, reason: str) -> Judgement:
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
            agreed_by=self.user,
            agreed_at=now,
        )
        with self._writing() as conn:
            self._touch(conn, evaluation_id, now)
            old = self._current_judgement(evaluation_id, element_id)
            conn.execute(
                "INSERT INTO judgements (evaluation_id, element_id, level, reason, agreed_by, agreed_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evaluation_id, element_id) DO UPDATE SET"
                " level = excluded.level, reason = excluded.reason, agreed_by = excluded.agreed_by,"
                " agreed_at = excluded.agreed_at",
                (evaluation_id, element_id, judgement.level, judgement.reason, self.user, _text(now)),
            )
            self._judgement_history(conn, evaluation_id, element_id, "save", old, judgement, now)
        return judgement

    def clear_judgement(self, evaluation_id: int, element_id: str) -> None:
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
            self._judgement_history(conn, evaluation_id, element_id, "clear", old, None, now)

    def _current_judgement(self, evaluation_id: int, element_id: str) -> Judgement | None:
        return self._one(
            Judgement,
            f"SELECT {_columns(Judgement)} FROM judgements WHERE evaluation_id = ? AND element_id = ?",
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
                self.user,
                _text(now),
            ),
        )

    def judgements(self, evaluation_id: int) -> dict[str, Judgement]:
        rows = self._rows(
            f"SELECT {_columns(Judgement)} FROM judgements WHERE evaluation_id = ? ORDER BY element_id",
            (evaluation_id,),
        )
        return {row["element_id"]: self._model(Judgement, row) for row in rows}

    def judgement_history(self, evaluation_id: int, element_id: str | None = None) -> list[JudgementHistoryEntry]:
        where = "evaluation_id = ?"
        params: list[int | str] = [evaluation_id]
        if element_id is not None:
            where, params = where + " AND element_id = ?", [*params, element_id]
        rows = self._rows(
            f"SELECT {_columns(JudgementHistoryEntry)} FROM judgement_history WHERE {where} ORDER BY id", params
        )
        return [self._model(JudgementHistoryEntry, row) for row in rows]

    # -- key outcomes -----------------------------------------------------

    def save_outcome_target(
        self,
        partnership_id: int,
        outcome_id: str,
        *,
        title: str,
        direction: str,
        amount: float | None,
        unit: str,
        local: bool = False,
        value_unit: str = "count",
    ) -> OutcomeTarget:
        """Set (or replace) the partnership's target for one outcome; ``amount`` None means not yet set."""
        target = self._build(
            OutcomeTarget,
            f"cannot save the target for {outcome_id}",
            partnership_id=partnership_id,
            outcome_id=outcome_id,
            title=title,
            direction=direction,
            amount=amount,
            unit=unit,
            local=local,
            value_unit=value_unit,
        )
        with self._writing() as conn:
            self._require_partnership(conn, partnership_id)
            conn.execute(
                "INSERT INTO outcome_targets"
                " (partnership_id, outcome_id, title, direction, amount, unit, local, value_unit)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partnership_id, outcome_id) DO UPDATE SET"
                " title = excluded.title, direction = excluded.direction, amount = excluded.amount,"
                " unit = excluded.unit, local = excluded.local, value_unit = excluded.value_unit",
                (
                    partnership_id,
                    target.outcome_id,
                    target.title,
                    target.direction,
                    target.amount,
                    target.unit,
                    int(target.local),
                    target.value_unit,
                ),
            )
        return target

    def outcome_targets(self, partnership_id: int) -> list[OutcomeTarget]:
        """In the order they were first set, which is the order the user was asked them."""
        rows = self._rows(
            f"SELECT {_columns(OutcomeTarget)} FROM outcome_targets WHERE partnership_id = ? ORDER BY rowid",
            (partnership_id,),
        )
        return [self._model(OutcomeTarget, row) for row in rows]

    def save_outcome_value(self, evaluation_id: int, outcome_id: str, period: str, value: float) -> OutcomeValue:
        now = datetime.now(UTC)
        recorded = self._build(
            OutcomeValue,
            f"cannot save the {period} value for {outcome_id}",
            evaluation_id=evaluation_id,
            outcome_id=outcome_id,
            period=period,
            value=value,
            recorded_by=self.user,
            recorded_at=now,
        )
        with self._writing() as conn:
            self._touch(conn, evaluation_id, now)
            conn.execute(
                "INSERT INTO outcome_values (evaluation_id, outcome_id, period, value, recorded_by, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evaluation_id, outcome_id, period) DO UPDATE SET"
                " value = excluded.value, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                (evaluation_id, outcome_id, recorded.period, recorded.value, self.user, _text(now)),
            )
        return recorded

    def outcome_values(self, evaluation_id: int) -> list[OutcomeValue]:
        """By outcome, then baseline, term1, term2, term3 (which is also their text order)."""
        rows = self._rows(
            f"SELECT {_columns(OutcomeValue)} FROM outcome_values WHERE evaluation_id = ?"
            " ORDER BY outcome_id, period",
            (evaluation_id,),
        )
        return [self._model(OutcomeValue, row) for row in rows]

