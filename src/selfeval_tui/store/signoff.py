"""Sign-off: each evaluation's state and the append-only ``sign_off_history`` of how it got there."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from selfeval_tui.domain.signoff import (
    NEXT_STATE,
    SignOff,
    SignOffChange,
    SignOffEvent,
    refusal,
)
from selfeval_tui.store.base import StoreBase, timestamp
from selfeval_tui.store.errors import StoreInputError

_EVENT_COLUMNS = "id, evaluation_id, change, comment, signed_on, changed_by, changed_at"


def _event(row: sqlite3.Row) -> SignOffEvent:
    return SignOffEvent(
        id=row["id"],
        evaluation_id=row["evaluation_id"],
        change=row["change"],
        comment=row["comment"],
        signed_on=dt.date.fromisoformat(row["signed_on"]) if row["signed_on"] else None,
        changed_by=row["changed_by"],
        changed_at=dt.datetime.fromisoformat(row["changed_at"]),
    )


class SignOffRecords(StoreBase):
    """``evaluations.state`` and ``sign_off_history``: a change of state and its row are one transaction."""

    def sign_off_state(self, evaluation_id: int) -> SignOff:
        found = self.sign_off_states([evaluation_id])
        if evaluation_id not in found:
            raise self._missing(f"evaluation with id {evaluation_id}")
        return found[evaluation_id]

    def sign_off_states(self, evaluation_ids: Iterable[int] | None = None) -> dict[int, SignOff]:
        """Many evaluations' states in two queries (the roll-up reads hundreds); None: every evaluation."""
        wanted = None if evaluation_ids is None else list(evaluation_ids)
        where, params = ("", []) if wanted is None else (f" WHERE id IN ({', '.join('?' * len(wanted))})", wanted)
        states = {r["id"]: r["state"] for r in self._rows(f"SELECT id, state FROM evaluations{where}", params)}
        where = where.replace("id IN", "evaluation_id IN")
        events: dict[int, list[SignOffEvent]] = {}
        for row in self._rows(f"SELECT {_EVENT_COLUMNS} FROM sign_off_history{where} ORDER BY id", params):
            events.setdefault(row["evaluation_id"], []).append(_event(row))
        return {e: SignOff(state, tuple(events.get(e, ()))) for e, state in states.items()}

    def change_sign_off(
        self,
        evaluation_id: int,
        change: SignOffChange,
        *,
        comment: str = "",
        signed_on: dt.date | None = None,
        by: str,
    ) -> SignOff:
        """Submit, sign off or reopen, checked against the state as it is inside the transaction.

        Two chairs signing off at once: the second finds it signed off and is told so.
        """
        comment = comment.strip()
        self._within(10_000, ("a sign-off comment", comment))
        if change == "reopen" and not comment:
            raise StoreInputError("reopening a signed-off evaluation needs a reason")
        if (change == "sign_off") != (signed_on is not None):
            raise StoreInputError("a sign-off, and only a sign-off, has a date", path=self.path)
        now = dt.datetime.now(dt.UTC)
        with self._writing() as conn:
            row = conn.execute(
                "SELECT e.state, e.year, p.name FROM evaluations e JOIN partnerships p ON p.id = e.partnership_id"
                " WHERE e.id = ?",
                (evaluation_id,),
            ).fetchone()
            if row is None:
                raise self._missing(f"evaluation with id {evaluation_id}")
            why = refusal(change, row["state"], row["name"], row["year"])
            if why is not None:
                raise StoreInputError(why)
            conn.execute("UPDATE evaluations SET state = ? WHERE id = ?", (NEXT_STATE[change], evaluation_id))
            conn.execute(
                "INSERT INTO sign_off_history (evaluation_id, change, comment, signed_on, changed_by, changed_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (evaluation_id, change, comment, signed_on.isoformat() if signed_on else None, by, timestamp(now)),
            )
        return self.sign_off_state(evaluation_id)
