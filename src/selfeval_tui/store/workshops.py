"""Workshops: agendas, invitations, rounds of silent votes, shows of hands and agreed ratings (migration 0007).

Each step a facilitator or a voter takes is one transaction that checks the
workshop's state inside it, so two voters casting the last two votes at once
cannot both miss the automatic reveal, and a vote cannot slip in after one.
Votes, tallies and agreements are only ever added: a changed vote is a new row
(the latest counts), and a re-vote is a new round, so nothing earlier is lost.
Refusals are StoreInputError without the file's path: they are about the
workshop, said to a voter who may not know where the database is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from selfeval_tui.domain.framework import Level
from selfeval_tui.domain.records import Judgement
from selfeval_tui.domain.workshops import (
    MINIMUM_TIMEBOX_SECONDS,
    AgendaItem,
    Agreed,
    Dissent,
    ItemState,
    Round,
    Tally,
    Vote,
    Workshop,
    WorkshopState,
)
from selfeval_tui.store.base import timestamp
from selfeval_tui.store.errors import StoreInputError
from selfeval_tui.store.judgements import JudgementRecords

_WORKSHOP = "SELECT id, evaluation_id, title, date, facilitator, state, current_element, code FROM workshops"
_ITEM = "SELECT workshop_id, element_id, position, timebox_seconds, state, opened_at, used_seconds FROM workshop_items"


def _refuse(message: str) -> StoreInputError:
    return StoreInputError(message)


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _level(value: int | None) -> Level | None:
    return None if value is None else Level(value)


def _workshop(row: sqlite3.Row) -> Workshop:
    return Workshop(
        id=row["id"],
        evaluation_id=row["evaluation_id"],
        title=row["title"],
        date=date.fromisoformat(row["date"]),
        facilitator=row["facilitator"],
        state=WorkshopState(row["state"]),
        current=row["current_element"],
        code=row["code"],
    )


def _item(row: sqlite3.Row) -> AgendaItem:
    return AgendaItem(
        workshop_id=row["workshop_id"],
        element_id=row["element_id"],
        position=row["position"],
        timebox_seconds=row["timebox_seconds"],
        state=ItemState(row["state"]),
        opened_at=_moment(row["opened_at"]),
        used_seconds=row["used_seconds"],
    )


def _counts_json(counts: dict[Level | None, int]) -> str:
    return json.dumps({("abstain" if level is None else str(int(level))): n for level, n in counts.items()})


def _counts(text: str) -> dict[Level | None, int]:
    return {(None if key == "abstain" else Level(int(key))): int(n) for key, n in json.loads(text).items()}


class WorkshopRecords(JudgementRecords):
    """The ``workshop*`` tables; an agreement also writes the element's judgement, in the same transaction."""

    # Reading

    def workshop(self, workshop_id: int) -> Workshop | None:
        rows = self._rows(f"{_WORKSHOP} WHERE id = ?", (workshop_id,))
        return _workshop(rows[0]) if rows else None

    def workshops(self, evaluation_id: int | None = None, *, state: WorkshopState | None = None) -> list[Workshop]:
        """Oldest first (by date, then as planned)."""
        where: list[str] = []
        params: list[int | str] = []
        if evaluation_id is not None:
            where, params = [*where, "evaluation_id = ?"], [*params, evaluation_id]
        if state is not None:
            where, params = [*where, "state = ?"], [*params, state.value]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return [_workshop(row) for row in self._rows(f"{_WORKSHOP}{clause} ORDER BY date, id", params)]

    def workshop_by_code(self, code: str) -> Workshop | None:
        """The workshop (not ended) whose join code this is, in any case."""
        rows = self._rows(f"{_WORKSHOP} WHERE code = ? AND state <> 'ended' ORDER BY id DESC", (code.strip().upper(),))
        return _workshop(rows[0]) if rows else None

    def agenda(self, workshop_id: int) -> list[AgendaItem]:
        return [_item(row) for row in self._rows(f"{_ITEM} WHERE workshop_id = ? ORDER BY position", (workshop_id,))]

    def invitees(self, workshop_id: int) -> list[str]:
        rows = self._rows("SELECT name FROM workshop_invitees WHERE workshop_id = ? ORDER BY name", (workshop_id,))
        return [row["name"] for row in rows]

    def rounds(self, workshop_id: int, element_id: str | None = None) -> list[Round]:
        where, params = self._where(workshop_id, element_id)
        rows = self._rows(
            f"SELECT workshop_id, element_id, number, opened_at, revealed_at, revealed_by FROM workshop_rounds WHERE {where}"
            " ORDER BY element_id, number",
            params,
        )
        return [
            Round(row["workshop_id"], row["element_id"], row["number"], datetime.fromisoformat(row["opened_at"]),
                  _moment(row["revealed_at"]), row["revealed_by"])
            for row in rows
        ]  # fmt: skip

    def votes(self, workshop_id: int, element_id: str | None = None) -> list[Vote]:
        """Every vote cast, changed ones included, in the order cast: ``current_votes`` says which count."""
        where, params = self._where(workshop_id, element_id)
        rows = self._rows(
            "SELECT workshop_id, element_id, round, person, level, reason, cast_at FROM workshop_votes"
            f" WHERE {where} ORDER BY id",
            params,
        )
        return [
            Vote(row["workshop_id"], row["element_id"], row["round"], row["person"], _level(row["level"]),
                 row["reason"], datetime.fromisoformat(row["cast_at"]))
            for row in rows
        ]  # fmt: skip

    def voters(self, workshop_id: int, element_id: str, round_number: int) -> set[str]:
        """Who has voted in one round: the count before the reveal is made from this, never the levels."""
        rows = self._rows(
            "SELECT DISTINCT person FROM workshop_votes WHERE workshop_id = ? AND element_id = ? AND round = ?",
            (workshop_id, element_id, round_number),
        )
        return {row["person"] for row in rows}

    def tallies(self, workshop_id: int, element_id: str | None = None) -> list[Tally]:
        """Every show of hands entered, in order; the latest of a round replaces the earlier ones."""
        where, params = self._where(workshop_id, element_id)
        rows = self._rows(
            "SELECT workshop_id, element_id, round, counts, entered_by, entered_at FROM workshop_tallies"
            f" WHERE {where} ORDER BY id",
            params,
        )
        return [
            Tally(row["workshop_id"], row["element_id"], row["round"], _counts(row["counts"]), row["entered_by"],
                  datetime.fromisoformat(row["entered_at"]))
            for row in rows
        ]  # fmt: skip

    def agreements(self, workshop_id: int, element_id: str | None = None) -> list[Agreed]:
        """Every agreement recorded, in order; the latest for an item is its agreed rating."""
        where, params = self._where(workshop_id, element_id)
        rows = self._rows(
            "SELECT workshop_id, element_id, level, reason, dissent, agreed_by, agreed_at FROM workshop_agreed"
            f" WHERE {where} ORDER BY id",
            params,
        )
        return [
            Agreed(row["workshop_id"], row["element_id"], Level(row["level"]), row["reason"],
                   tuple(Dissent(d["person"], d["why"]) for d in json.loads(row["dissent"])), row["agreed_by"],
                   datetime.fromisoformat(row["agreed_at"]))
            for row in rows
        ]  # fmt: skip

    @staticmethod
    def _where(workshop_id: int, element_id: str | None) -> tuple[str, list[int | str]]:
        if element_id is None:
            return "workshop_id = ?", [workshop_id]
        return "workshop_id = ? AND element_id = ?", [workshop_id, element_id]

    # Planning

    def create_workshop(
        self,
        evaluation_id: int,
        title: str,
        on: date,
        agenda: Sequence[tuple[str, int]],
        invitees: Iterable[str],
        *,
        code: str,
        by: str,
    ) -> Workshop:
        """A planned workshop with its agenda (element, timebox) in order and its invitations."""
        if not title.strip():
            raise _refuse("a workshop needs a title")
        now = timestamp(datetime.now(UTC))
        with self._writing() as conn:
            if conn.execute("SELECT 1 FROM evaluations WHERE id = ?", (evaluation_id,)).fetchone() is None:
                raise self._missing(f"evaluation with id {evaluation_id}")
            cursor = conn.execute(
                "INSERT INTO workshops (evaluation_id, title, date, facilitator, code, created_at, changed_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (evaluation_id, title.strip(), on.isoformat(), by, code, now, by),
            )
            workshop_id = cursor.lastrowid
            assert workshop_id is not None
            for position, (element_id, timebox) in enumerate(agenda, start=1):
                self._insert_item(conn, workshop_id, element_id, position, timebox, by)
            for name in invitees:
                self._insert_invitee(conn, workshop_id, name, by, now)
        return self.workshop(workshop_id) or self._no_workshop(workshop_id)

    def add_item(self, workshop_id: int, element_id: str, timebox: int, position: int | None, *, by: str) -> None:
        with self._writing() as conn:
            self._open_workshop(conn, workshop_id)
            items = self._items(conn, workshop_id)
            if any(item.element_id == element_id for item in items):
                raise _refuse(f"{element_id} is already on the agenda")
            self._insert_item(conn, workshop_id, element_id, len(items) + 1, timebox, by)
            if position is not None:
                self._renumber(conn, workshop_id, element_id, position, by)

    def remove_item(self, workshop_id: int, element_id: str, *, by: str) -> None:
        """Only an item nobody has voted on or agreed: one with a history is parked instead."""
        with self._writing() as conn:
            self._open_workshop(conn, workshop_id)
            item = self._item_of(conn, workshop_id, element_id)
            if item.state is not ItemState.PENDING or self._round_count(conn, workshop_id, element_id):
                raise _refuse(f"{element_id} has been discussed, so it stays in the minutes: park it instead")
            conn.execute("DELETE FROM workshop_items WHERE workshop_id = ? AND element_id = ?", (workshop_id, element_id))
            self._renumber(conn, workshop_id, None, None, by)

    def move_item(self, workshop_id: int, element_id: str, position: int, *, by: str) -> None:
        with self._writing() as conn:
            self._open_workshop(conn, workshop_id)
            self._item_of(conn, workshop_id, element_id)
            self._renumber(conn, workshop_id, element_id, position, by)

    def invite(self, workshop_id: int, names: Iterable[str], *, by: str) -> None:
        now = timestamp(datetime.now(UTC))
        with self._writing() as conn:
            self._open_workshop(conn, workshop_id)
            have = set(self._invitees(conn, workshop_id))
            for name in names:
                if name not in have:
                    self._insert_invitee(conn, workshop_id, name, by, now)
                    have.add(name)

    def uninvite(self, workshop_id: int, name: str, *, by: str) -> None:
        with self._writing() as conn:
            self._open_workshop(conn, workshop_id)
            cursor = conn.execute(
                "DELETE FROM workshop_invitees WHERE workshop_id = ? AND name = ?", (workshop_id, name)
            )
            if cursor.rowcount == 0:
                raise _refuse(f"{name} is not invited")

    def set_timebox(self, workshop_id: int, element_id: str, change: int, *, by: str) -> AgendaItem:
        """Extend (positive) or cut (negative) an item's timebox, never below a minute."""
        with self._writing() as conn:
            self._open_workshop(conn, workshop_id)
            item = self._item_of(conn, workshop_id, element_id)
            timebox = item.timebox_seconds + change
            if timebox < MINIMUM_TIMEBOX_SECONDS:
                raise _refuse(f"the timebox of {element_id} cannot be cut below a minute")
            conn.execute(
                "UPDATE workshop_items SET timebox_seconds = ?, changed_by = ? WHERE workshop_id = ? AND element_id = ?",
                (timebox, by, workshop_id, element_id),
            )
            return self._item_of(conn, workshop_id, element_id)

    # Running

    def open_item(self, workshop_id: int, element_id: str, *, by: str) -> AgendaItem:
        """Make ``element_id`` the item under discussion and start its timer; the workshop is running from now."""
        with self._writing() as conn:
            return self._open_in(conn, self._open_workshop(conn, workshop_id), element_id, by)

    def start_round(self, workshop_id: int, *, revote: bool, by: str) -> Round:
        """Open voting on the current item: its first round, or (``revote``, after a reveal) a new one."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            item = self._current_item(conn, workshop_id)
            wanted = ItemState.REVEALED if revote else ItemState.OPEN
            if item.state is not wanted:
                doing = "a re-vote needs the votes revealed first" if revote else "voting is already open or done"
                raise _refuse(f"{item.element_id} is {item.state.value}: {doing}")
            number = self._round_count(conn, workshop_id, item.element_id) + 1
            conn.execute(
                "INSERT INTO workshop_rounds (workshop_id, element_id, number, opened_by, opened_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (workshop_id, item.element_id, number, by, timestamp(now)),
            )
            self._set_item(conn, item, ItemState.VOTING, by)
            return Round(workshop_id, item.element_id, number, now, None)

    def cast_vote(
        self,
        workshop_id: int,
        element_id: str,
        person: str,
        level: Level | None,
        reason: str,
        *,
        eligible: frozenset[str] | None,
    ) -> tuple[Vote, bool]:
        """Record ``person``'s vote in the open round; True when it was the last one ``eligible`` awaited (revealed now).

        Refused once the round is revealed, or when ``element_id`` is not the item being voted on.
        """
        now = datetime.now(UTC)
        with self._writing() as conn:
            item = self._current_item(conn, workshop_id)
            if item.element_id != element_id:
                raise _refuse(f"the item being discussed is {item.element_id}, not {element_id}")
            if item.state is not ItemState.VOTING:
                why = "its votes are revealed" if item.state is ItemState.REVEALED else f"it is {item.state.value}"
                raise _refuse(f"voting on {element_id} is not open: {why}")
            number = self._round_count(conn, workshop_id, element_id)
            conn.execute(
                "INSERT INTO workshop_votes (workshop_id, element_id, round, person, level, reason, cast_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (workshop_id, element_id, number, person, None if level is None else int(level), reason.strip(),
                 timestamp(now)),
            )  # fmt: skip
            revealed = False
            if eligible:
                voted = {
                    row[0]
                    for row in conn.execute(
                        "SELECT DISTINCT person FROM workshop_votes WHERE workshop_id = ? AND element_id = ? AND round = ?",
                        (workshop_id, element_id, number),
                    )
                }
                if eligible <= voted:
                    self._reveal(conn, item, number, None, now, person)
                    revealed = True
        return Vote(workshop_id, element_id, number, person, level, reason.strip(), now), revealed

    def reveal(self, workshop_id: int, *, by: str) -> Round:
        now = datetime.now(UTC)
        with self._writing() as conn:
            item = self._current_item(conn, workshop_id)
            if item.state is not ItemState.VOTING:
                raise _refuse(f"{item.element_id} is {item.state.value}: there is no open vote to reveal")
            number = self._round_count(conn, workshop_id, item.element_id)
            self._reveal(conn, item, number, by, now, by)
            opened = conn.execute(
                "SELECT opened_at FROM workshop_rounds WHERE workshop_id = ? AND element_id = ? AND number = ?",
                (workshop_id, item.element_id, number),
            ).fetchone()[0]
            return Round(workshop_id, item.element_id, number, datetime.fromisoformat(opened), now, by)

    def add_tally(self, workshop_id: int, counts: dict[Level | None, int], *, by: str) -> Tally:
        """A show of hands for the current round (replacing any earlier one for it)."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            item = self._current_item(conn, workshop_id)
            if item.state not in (ItemState.VOTING, ItemState.REVEALED):
                raise _refuse(f"{item.element_id} is {item.state.value}: open voting before entering a show of hands")
            number = self._round_count(conn, workshop_id, item.element_id)
            conn.execute(
                "INSERT INTO workshop_tallies (workshop_id, element_id, round, counts, entered_by, entered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (workshop_id, item.element_id, number, _counts_json(counts), by, timestamp(now)),
            )
            return Tally(workshop_id, item.element_id, number, dict(counts), by, now)

    def agree(
        self,
        workshop_id: int,
        element_id: str,
        level: Level,
        reason: str,
        dissent: Sequence[Dissent],
        *,
        judgement_reason: str,
        by: str,
    ) -> Agreed:
        """Record the agreed rating and make it the element's agreed rating in the evaluation, in one transaction."""
        if not reason.strip():
            raise _refuse(f"an agreed rating for {element_id} needs a reason")
        now = datetime.now(UTC)
        with self._writing() as conn:
            workshop = self._open_workshop(conn, workshop_id)
            item = self._item_of(conn, workshop_id, element_id)
            if item.state not in (ItemState.OPEN, ItemState.REVEALED, ItemState.AGREED):
                hint = "reveal the votes first" if item.state is ItemState.VOTING else "open it first"
                raise _refuse(f"{element_id} is {item.state.value}: {hint}")
            conn.execute(
                "INSERT INTO workshop_agreed (workshop_id, element_id, level, reason, dissent, agreed_by, agreed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (workshop_id, element_id, int(level), reason.strip(),
                 json.dumps([{"person": d.person, "why": d.why} for d in dissent]), by, timestamp(now)),
            )  # fmt: skip
            self._stop(conn, item, ItemState.AGREED, by, now)
            judgement = Judgement(
                evaluation_id=workshop.evaluation_id,
                element_id=element_id,
                level=int(level),
                reason=judgement_reason,
                agreed_by=by,
                agreed_at=now,
            )
            self._write_judgement(conn, judgement)
        return Agreed(workshop_id, element_id, level, reason.strip(), tuple(dissent), by, now)

    def park(self, workshop_id: int, element_id: str, *, by: str) -> None:
        """Leave an item for later: its timer stops, its rounds stay, and it can be opened again."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            workshop = self._open_workshop(conn, workshop_id)
            item = self._item_of(conn, workshop_id, element_id)
            if item.state is ItemState.AGREED:
                raise _refuse(f"{element_id} is agreed: there is nothing to park")
            self._stop(conn, item, ItemState.PARKED, by, now)
            if workshop.current == element_id:
                conn.execute(
                    "UPDATE workshops SET current_element = NULL, changed_by = ? WHERE id = ?", (by, workshop_id)
                )

    def next_item(self, workshop_id: int, *, by: str) -> AgendaItem | None:
        """Open the first pending item after the current one (else the first pending); None when none is left."""
        with self._writing() as conn:
            workshop = self._open_workshop(conn, workshop_id)
            items = self._items(conn, workshop_id)
            current = next((item for item in items if item.element_id == workshop.current), None)
            if current is not None and current.state.live:
                raise _refuse(f"{current.element_id} is {current.state.value}: agree it or park it before moving on")
            after = current.position if current is not None else 0
            pending = [item for item in items if item.state is ItemState.PENDING]
            following = [item for item in pending if item.position > after] or pending
            if not following:
                conn.execute("UPDATE workshops SET current_element = NULL, changed_by = ? WHERE id = ?", (by, workshop_id))
                return None
            return self._open_in(conn, workshop, following[0].element_id, by)

    def end_workshop(self, workshop_id: int, *, by: str) -> None:
        with self._writing() as conn:
            workshop = self._open_workshop(conn, workshop_id)
            self._no_live_item(conn, workshop, but=None)
            conn.execute(
                "UPDATE workshops SET state = 'ended', current_element = NULL, changed_by = ? WHERE id = ?",
                (by, workshop_id),
            )

    # Within a transaction

    def _no_workshop(self, workshop_id: int) -> Workshop:
        raise _refuse(f"there is no workshop {workshop_id}")

    def _open_workshop(self, conn: sqlite3.Connection, workshop_id: int) -> Workshop:
        row = conn.execute(f"{_WORKSHOP} WHERE id = ?", (workshop_id,)).fetchone()
        if row is None:
            raise _refuse(f"there is no workshop {workshop_id}")
        workshop = _workshop(row)
        if workshop.state is WorkshopState.ENDED:
            raise _refuse(f"workshop {workshop_id} has ended")
        return workshop

    def _open_in(self, conn: sqlite3.Connection, workshop: Workshop, element_id: str, by: str) -> AgendaItem:
        item = self._item_of(conn, workshop.id, element_id)
        self._no_live_item(conn, workshop, but=element_id)
        if item.state.live:
            return item
        if item.state is ItemState.AGREED:
            raise _refuse(f"{element_id} is already agreed")
        self._set_item(conn, item, ItemState.OPEN, by, opened_at=datetime.now(UTC))
        conn.execute(
            "UPDATE workshops SET state = 'running', current_element = ?, changed_by = ? WHERE id = ?",
            (element_id, by, workshop.id),
        )
        return self._item_of(conn, workshop.id, element_id)

    def _items(self, conn: sqlite3.Connection, workshop_id: int) -> list[AgendaItem]:
        return [_item(r) for r in conn.execute(f"{_ITEM} WHERE workshop_id = ? ORDER BY position", (workshop_id,))]

    def _item_of(self, conn: sqlite3.Connection, workshop_id: int, element_id: str) -> AgendaItem:
        row = conn.execute(
            f"{_ITEM} WHERE workshop_id = ? AND element_id = ?", (workshop_id, element_id)
        ).fetchone()
        if row is None:
            raise _refuse(f"{element_id} is not on the agenda of workshop {workshop_id}")
        return _item(row)

    def _current_item(self, conn: sqlite3.Connection, workshop_id: int) -> AgendaItem:
        workshop = self._open_workshop(conn, workshop_id)
        if workshop.current is None:
            raise _refuse("no item is open: open one (workshop open ELEMENT, or workshop next) first")
        return self._item_of(conn, workshop_id, workshop.current)

    def _no_live_item(self, conn: sqlite3.Connection, workshop: Workshop, *, but: str | None) -> None:
        for item in self._items(conn, workshop.id):
            if item.state.live and item.element_id != but:
                raise _refuse(f"{item.element_id} is {item.state.value}: agree it or park it first")

    def _invitees(self, conn: sqlite3.Connection, workshop_id: int) -> list[str]:
        return [r[0] for r in conn.execute("SELECT name FROM workshop_invitees WHERE workshop_id = ?", (workshop_id,))]

    def _round_count(self, conn: sqlite3.Connection, workshop_id: int, element_id: str) -> int:
        row = conn.execute(
            "SELECT coalesce(max(number), 0) FROM workshop_rounds WHERE workshop_id = ? AND element_id = ?",
            (workshop_id, element_id),
        ).fetchone()
        return int(row[0])

    def _insert_item(
        self, conn: sqlite3.Connection, workshop_id: int, element_id: str, position: int, timebox: int, by: str
    ) -> None:
        if timebox < MINIMUM_TIMEBOX_SECONDS:
            raise _refuse(f"the timebox of {element_id} must be at least a minute")
        try:
            conn.execute(
                "INSERT INTO workshop_items (workshop_id, element_id, position, timebox_seconds, changed_by)"
                " VALUES (?, ?, ?, ?, ?)",
                (workshop_id, element_id, position, timebox, by),
            )
        except sqlite3.IntegrityError:
            raise _refuse(f"{element_id} is on the agenda twice") from None

    def _insert_invitee(self, conn: sqlite3.Connection, workshop_id: int, name: str, by: str, now: str) -> None:
        conn.execute(
            "INSERT INTO workshop_invitees (workshop_id, name, invited_by, invited_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (workshop_id, name, by, now),
        )

    def _renumber(
        self, conn: sqlite3.Connection, workshop_id: int, element_id: str | None, position: int | None, by: str
    ) -> None:
        """Positions 1..n again, with ``element_id`` moved to ``position`` (clamped to the agenda)."""
        order = [item.element_id for item in self._items(conn, workshop_id)]
        if element_id is not None and position is not None:
            order.remove(element_id)
            order.insert(max(0, min(position - 1, len(order))), element_id)
        for number, element in enumerate(order, start=1):
            conn.execute(
                "UPDATE workshop_items SET position = ?, changed_by = ? WHERE workshop_id = ? AND element_id = ?"
                " AND position <> ?",
                (number, by, workshop_id, element, number),
            )

    def _set_item(
        self, conn: sqlite3.Connection, item: AgendaItem, state: ItemState, by: str, *, opened_at: datetime | None = None
    ) -> None:
        if opened_at is None:
            conn.execute(
                "UPDATE workshop_items SET state = ?, changed_by = ? WHERE workshop_id = ? AND element_id = ?",
                (state.value, by, item.workshop_id, item.element_id),
            )
        else:
            conn.execute(
                "UPDATE workshop_items SET state = ?, opened_at = ?, changed_by = ? WHERE workshop_id = ? AND element_id = ?",
                (state.value, timestamp(opened_at), by, item.workshop_id, item.element_id),
            )

    def _stop(self, conn: sqlite3.Connection, item: AgendaItem, state: ItemState, by: str, now: datetime) -> None:
        """Leave the live state: the time since it opened is added to what it used."""
        used = item.timer().used(now)
        conn.execute(
            "UPDATE workshop_items SET state = ?, opened_at = NULL, used_seconds = ?, changed_by = ?"
            " WHERE workshop_id = ? AND element_id = ?",
            (state.value, used, by, item.workshop_id, item.element_id),
        )

    def _reveal(
        self, conn: sqlite3.Connection, item: AgendaItem, number: int, by: str | None, now: datetime, writer: str
    ) -> None:
        """``by`` None: revealed because everyone eligible had voted (``writer``, the last of them, wrote it)."""
        conn.execute(
            "UPDATE workshop_rounds SET revealed_by = ?, revealed_at = ? WHERE workshop_id = ? AND element_id = ?"
            " AND number = ?",
            (by, timestamp(now), item.workshop_id, item.element_id, number),
        )
        self._set_item(conn, item, ItemState.REVEALED, writer)

