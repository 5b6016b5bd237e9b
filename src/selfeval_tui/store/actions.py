"""The action plan's tables: actions, progress notes, focus items left without an action, and the plan's history.

A mixin of :class:`~selfeval_tui.store.Store`, so a plan is saved in the same
``BEGIN IMMEDIATE`` transactions and with the same refusals as an answer. Every
write names who made it (``by``) and adds a row to ``plan_history``, which SQLite
itself keeps append-only, as it does the answers' history. Rows are read into the
domain's types by hand: a due date is the one column the generic row reader has
no type for, and the plan's reads are few.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, TypeVar

from selfeval_tui.domain.actions import (
    Action,
    ActionDraft,
    ActionStatus,
    NoAction,
    ProgressNote,
    Resources,
)
from selfeval_tui.domain.records import NOTE_LIMIT, over_limit
from selfeval_tui.store.base import timestamp
from selfeval_tui.store.errors import ConflictError, StoreError, StoreInputError
from selfeval_tui.store.evaluations import EvaluationRecords

T = TypeVar("T")
PlanChange = Literal["create", "update", "carry_forward", "progress", "no_action", "no_action_cleared"]
_ACTION_COLUMNS = (
    "id, evaluation_id, element_id, criterion_id, what, owner, due, success_measure, resources, status,"
    " status_reason, version, created_by, created_at, updated_by, updated_at, carried_from"
)
_EDITABLE = ("what", "owner", "due", "success_measure", "resources", "status", "status_reason")
"""The fields a person edits; the history records each one that changed, old and new."""


@dataclass(frozen=True, kw_only=True)
class PlanHistoryEntry:
    """One change to the plan; ``old`` and ``new`` hold the fields that changed (None when there was nothing before)."""

    id: int
    evaluation_id: int
    action_id: int | None
    element_id: str
    criterion_id: str | None
    change: PlanChange
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    changed_by: str
    changed_at: datetime



def _fields(action: Action | ActionDraft) -> dict[str, Any]:
    """The editable fields as JSON can hold them (a date as ISO text, choices as their values)."""
    values = {name: getattr(action, name) for name in _EDITABLE}
    values["due"] = values["due"].isoformat() if values["due"] else None
    values["resources"] = values["resources"].value
    values["status"] = values["status"].value
    return values


def _action(row: sqlite3.Row) -> Action:
    return Action(
        id=row["id"],
        evaluation_id=row["evaluation_id"],
        element_id=row["element_id"],
        criterion_id=row["criterion_id"],
        what=row["what"],
        owner=row["owner"],
        due=date.fromisoformat(row["due"]) if row["due"] else None,
        success_measure=row["success_measure"],
        resources=Resources(row["resources"]),
        status=ActionStatus(row["status"]),
        status_reason=row["status_reason"],
        version=row["version"],
        created_by=row["created_by"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_by=row["updated_by"],
        updated_at=datetime.fromisoformat(row["updated_at"]),
        carried_from=row["carried_from"],
    )


class ActionPlans(EvaluationRecords):
    """The plan's reads and writes; an evaluation carried forward brings last year's open actions with it."""

    def _carry_forward(self, conn: sqlite3.Connection, source: int, target: int, now: datetime, by: str) -> None:
        super()._carry_forward(conn, source, target, now, by)
        self._carry_actions(conn, source, target, by, now)

    def _read(self, what: str, rows: Sequence[sqlite3.Row], read: Callable[[sqlite3.Row], T]) -> Iterator[T]:
        for row in rows:
            try:
                yield read(row)
            except (ValueError, TypeError, KeyError) as exc:
                raise StoreError(f"a stored {what} does not fit the schema ({exc}); was the file edited by hand?", path=self.path) from exc

    def _check_texts(self, draft: ActionDraft) -> None:
        for what, text in (("What will be done", draft.what), ("The success measure", draft.success_measure), ("The reason", draft.status_reason)):
            refused = over_limit(what, text, NOTE_LIMIT)
            if refused:
                raise StoreInputError(refused, path=self.path)
        if not draft.what.strip():
            raise StoreInputError("an action needs to say what will be done", path=self.path)
        if draft.status is ActionStatus.DROPPED and not draft.status_reason.strip():
            raise StoreInputError("a dropped action needs a reason", path=self.path)

    def _plan_history(
        self,
        conn: sqlite3.Connection,
        evaluation_id: int,
        element_id: str,
        criterion_id: str | None,
        change: PlanChange,
        old: Mapping[str, Any] | None,
        new: Mapping[str, Any] | None,
        by: str,
        now: datetime,
        action_id: int | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO plan_history (evaluation_id, action_id, element_id, criterion_id, change, old, new,"
            " changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                evaluation_id, action_id, element_id, criterion_id, change,
                None if old is None else json.dumps(old), None if new is None else json.dumps(new), by, timestamp(now),
            ),
        )  # fmt: skip

    def add_action(self, evaluation_id: int, draft: ActionDraft, *, by: str) -> Action:
        """A new action on the plan; the draft's element and criterion are checked against the bank by the services."""
        self._check_texts(draft)
        now = datetime.now(UTC)
        with self._writing() as conn:
            self._touch(conn, evaluation_id, now)
            cursor = conn.execute(
                "INSERT INTO actions (evaluation_id, element_id, criterion_id, what, owner, due, success_measure,"
                " resources, status, status_reason, version, created_by, created_at, updated_by, updated_at)"
                " VALUES (:evaluation_id, :element_id, :criterion_id, :what, :owner, :due, :success_measure,"
                " :resources, :status, :status_reason, 1, :by, :at, :by, :at)",
                {
                    **_fields(draft), "evaluation_id": evaluation_id, "element_id": draft.element_id,
                    "criterion_id": draft.criterion_id, "by": by, "at": timestamp(now),
                },
            )  # fmt: skip
            action_id = int(cursor.lastrowid or 0)
            self._plan_history(
                conn, evaluation_id, draft.element_id, draft.criterion_id, "create", None, _fields(draft), by, now, action_id
            )
        return self.action(action_id)

    def update_action(self, action_id: int, draft: ActionDraft, *, expected_version: int, by: str) -> Action:
        """Change an action's fields; ConflictError when someone else changed it since ``expected_version`` was read."""
        self._check_texts(draft)
        now = datetime.now(UTC)
        with self._writing() as conn:
            current = self.action(action_id)
            if current.version != expected_version:
                raise ConflictError(
                    f"{current.updated_by} changed this action since you opened it (now: {current.what})", path=self.path
                )
            old, new = _fields(current), _fields(draft)
            changed = {name for name in _EDITABLE if old[name] != new[name]}
            if not changed:
                return current
            self._touch(conn, current.evaluation_id, now)
            conn.execute(
                "UPDATE actions SET what = :what, owner = :owner, due = :due, success_measure = :success_measure,"
                " resources = :resources, status = :status, status_reason = :status_reason, version = version + 1,"
                " updated_by = :by, updated_at = :at WHERE id = :id",
                {**new, "by": by, "at": timestamp(now), "id": action_id},
            )
            self._plan_history(
                conn, current.evaluation_id, current.element_id, current.criterion_id, "update",
                {k: old[k] for k in sorted(changed)}, {k: new[k] for k in sorted(changed)}, by, now, action_id,
            )  # fmt: skip
        return self.action(action_id)

    def action(self, action_id: int) -> Action:
        rows = self._rows(f"SELECT {_ACTION_COLUMNS} FROM actions WHERE id = ?", (action_id,))
        if not rows:
            raise StoreInputError(f"there is no action {action_id}", path=self.path)
        return next(self._read("action", rows, _action))

    def actions(self, evaluation_id: int) -> list[Action]:
        rows = self._rows(f"SELECT {_ACTION_COLUMNS} FROM actions WHERE evaluation_id = ? ORDER BY id", (evaluation_id,))
        return list(self._read("action", rows, _action))

    def add_progress(self, action_id: int, note: str, *, by: str) -> ProgressNote:
        """A dated note on how an action is going; notes are kept, never edited."""
        if not note.strip():
            raise StoreInputError("a progress note cannot be blank", path=self.path)
        refused = over_limit("A progress note", note, NOTE_LIMIT)
        if refused:
            raise StoreInputError(refused, path=self.path)
        now = datetime.now(UTC)
        with self._writing() as conn:
            action = self.action(action_id)
            self._touch(conn, action.evaluation_id, now)
            conn.execute(
                "INSERT INTO action_progress (action_id, note, written_by, written_at) VALUES (?, ?, ?, ?)",
                (action_id, note.strip(), by, timestamp(now)),
            )
            self._plan_history(
                conn, action.evaluation_id, action.element_id, action.criterion_id, "progress", None,
                {"note": note.strip()}, by, now, action_id,
            )  # fmt: skip
        return ProgressNote(action_id=action_id, note=note.strip(), written_by=by, written_at=now)

    def progress_notes(self, evaluation_id: int) -> dict[int, tuple[ProgressNote, ...]]:
        rows = self._rows(
            "SELECT p.action_id, p.note, p.written_by, p.written_at FROM action_progress p"
            " JOIN actions a ON a.id = p.action_id WHERE a.evaluation_id = ? ORDER BY p.id",
            (evaluation_id,),
        )
        notes: dict[int, list[ProgressNote]] = {}
        read = self._read(
            "progress note",
            rows,
            lambda r: ProgressNote(
                action_id=r["action_id"], note=r["note"], written_by=r["written_by"],
                written_at=datetime.fromisoformat(r["written_at"]),
            ),
        )
        for note in read:
            notes.setdefault(note.action_id, []).append(note)
        return {action_id: tuple(found) for action_id, found in notes.items()}

    def set_no_action(self, evaluation_id: int, element_id: str, criterion_id: str, reason: str, *, by: str) -> NoAction:
        """Record that a focus item gets no action this year, and why (a blank reason is refused)."""
        if not reason.strip():
            raise StoreInputError("a focus item with no action needs a reason", path=self.path)
        refused = over_limit("The reason", reason, NOTE_LIMIT)
        if refused:
            raise StoreInputError(refused, path=self.path)
        now = datetime.now(UTC)
        decided = NoAction(
            evaluation_id=evaluation_id, element_id=element_id, criterion_id=criterion_id, reason=reason.strip(),
            decided_by=by, decided_at=now,
        )  # fmt: skip
        with self._writing() as conn:
            self._touch(conn, evaluation_id, now)
            old = self.no_actions(evaluation_id).get((element_id, criterion_id))
            conn.execute(
                "INSERT INTO no_actions (evaluation_id, element_id, criterion_id, reason, decided_by, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evaluation_id, element_id, criterion_id) DO UPDATE SET"
                " reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
                (evaluation_id, element_id, criterion_id, decided.reason, by, timestamp(now)),
            )
            self._plan_history(
                conn, evaluation_id, element_id, criterion_id, "no_action",
                None if old is None else {"reason": old.reason}, {"reason": decided.reason}, by, now,
            )  # fmt: skip
        return decided

    def clear_no_action(self, evaluation_id: int, element_id: str, criterion_id: str, *, by: str) -> None:
        now = datetime.now(UTC)
        with self._writing() as conn:
            old = self.no_actions(evaluation_id).get((element_id, criterion_id))
            if old is None:
                return
            self._touch(conn, evaluation_id, now)
            conn.execute(
                "DELETE FROM no_actions WHERE evaluation_id = ? AND element_id = ? AND criterion_id = ?",
                (evaluation_id, element_id, criterion_id),
            )
            self._plan_history(
                conn, evaluation_id, element_id, criterion_id, "no_action_cleared", {"reason": old.reason}, None, by, now
            )

    def no_actions(self, evaluation_id: int) -> dict[tuple[str, str], NoAction]:
        rows = self._rows(
            "SELECT evaluation_id, element_id, criterion_id, reason, decided_by, decided_at FROM no_actions"
            " WHERE evaluation_id = ? ORDER BY element_id, criterion_id",
            (evaluation_id,),
        )
        read = self._read(
            "reason for no action",
            rows,
            lambda r: NoAction(
                evaluation_id=r["evaluation_id"], element_id=r["element_id"], criterion_id=r["criterion_id"],
                reason=r["reason"], decided_by=r["decided_by"], decided_at=datetime.fromisoformat(r["decided_at"]),
            ),
        )
        return {(n.element_id, n.criterion_id): n for n in read}

    def carry_forward_actions(self, source: int, target: int, *, by: str) -> list[Action]:
        """Open actions of last year's plan onto this year's, for review; each remembers the one it continues.

        Done and dropped actions stay where they were, as last year's record. Carrying
        twice carries nothing the second time: an action already continued is skipped.
        A new evaluation carried forward from last year's gets them in the same
        transaction (``Store.create_evaluation``), so this is for an evaluation made before.
        """
        now = datetime.now(UTC)
        with self._writing() as conn:
            self._touch(conn, target, now)
            self._carry_actions(conn, source, target, by, now)
        return [a for a in self.actions(target) if a.carried_from is not None]

    def _carry_actions(self, conn: sqlite3.Connection, source: int, target: int, by: str, now: datetime) -> None:
        already = {r["carried_from"] for r in self._rows("SELECT carried_from FROM actions WHERE evaluation_id = ?", (target,))}
        for action in self.actions(source):
            if not action.status.open or action.id in already:
                continue
            cursor = conn.execute(
                "INSERT INTO actions (evaluation_id, element_id, criterion_id, what, owner, due, success_measure,"
                " resources, status, status_reason, version, created_by, created_at, updated_by, updated_at,"
                " carried_from) VALUES (:evaluation_id, :element_id, :criterion_id, :what, :owner, :due,"
                " :success_measure, :resources, :status, :status_reason, 1, :by, :at, :by, :at, :carried_from)",
                {
                    **_fields(action), "evaluation_id": target, "element_id": action.element_id,
                    "criterion_id": action.criterion_id, "by": by, "at": timestamp(now), "carried_from": action.id,
                },
            )  # fmt: skip
            self._plan_history(
                conn, target, action.element_id, action.criterion_id, "carry_forward", None,
                {**_fields(action), "carried_from": action.id}, by, now, int(cursor.lastrowid or 0),
            )  # fmt: skip

    def plan_history(self, evaluation_id: int) -> list[PlanHistoryEntry]:
        rows = self._rows(
            "SELECT id, evaluation_id, action_id, element_id, criterion_id, change, old, new, changed_by, changed_at"
            " FROM plan_history WHERE evaluation_id = ? ORDER BY id",
            (evaluation_id,),
        )
        read = self._read(
            "plan history entry",
            rows,
            lambda r: PlanHistoryEntry(
                id=r["id"], evaluation_id=r["evaluation_id"], action_id=r["action_id"], element_id=r["element_id"],
                criterion_id=r["criterion_id"], change=r["change"],
                old=None if r["old"] is None else json.loads(r["old"]), new=None if r["new"] is None else json.loads(r["new"]),
                changed_by=r["changed_by"], changed_at=datetime.fromisoformat(r["changed_at"]),
            ),
        )
        return list(read)

    def overdue_actions(self, today: date) -> dict[int, int]:
        """How many open actions are past their date, per evaluation: the start screen's count, in one query."""
        rows = self._rows(
            "SELECT evaluation_id, count(*) AS n FROM actions WHERE status IN ('planned', 'in_progress')"
            " AND due IS NOT NULL AND due < ? GROUP BY evaluation_id",
            (today.isoformat(),),
        )
        return {row["evaluation_id"]: row["n"] for row in rows}

