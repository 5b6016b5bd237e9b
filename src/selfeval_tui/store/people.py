"""People, their SSH keys, their grants, and the gateway's access log.

Every change to a person, a key or a grant also writes a row of the append-only
``people_history`` in the same transaction, so an administrator can always see
who gave whom which right and when. The rules about who may change them are the
services' (``services/people.py``); the store checks only what the tables must hold.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from selfeval_tui.domain.people import (
    AccessEntry,
    Grant,
    Person,
    PersonKey,
    PublicKey,
    Role,
)
from selfeval_tui.domain.records import NAME_LIMIT
from selfeval_tui.store.base import StoreBase, timestamp
from selfeval_tui.store.errors import StoreInputError

_PERSON = "SELECT id, name, display_name, active, created_at FROM people"
_KEY = "SELECT id, person_id, kind, blob, comment, added_at FROM person_keys"
_GRANT = "SELECT id, person_id, role, partnership_id, local_authority_id, granted_by, granted_at FROM grants"
_ACCESS = "SELECT id, person, started_at, ended_at, origin, command, outcome FROM access_log"


class PeopleRecords(StoreBase):
    """The ``people``, ``person_keys``, ``grants``, ``people_history`` and ``access_log`` tables."""

    def has_people(self) -> bool:
        """Whether this is a shared database (any person, active or not) rather than one person's own file."""
        return bool(self._rows("SELECT 1 FROM people LIMIT 1"))

    def add_person(self, name: str, display_name: str, keys: list[PublicKey], *, by: str) -> Person:
        """A new person with their keys, in one transaction: a clash on the name or any key adds nothing."""
        self._within(NAME_LIMIT, ("a display name", display_name))
        now = datetime.now(UTC)
        with self._writing() as conn:
            if conn.execute("SELECT 1 FROM people WHERE name = ?", (name,)).fetchone():
                raise StoreInputError(f"there is already a person called {name!r}", path=self.path)
            cursor = conn.execute(
                "INSERT INTO people (name, display_name, active, created_at) VALUES (?, ?, 1, ?)",
                (name, display_name.strip(), timestamp(now)),
            )
            assert cursor.lastrowid is not None
            person_id = cursor.lastrowid
            self._log(conn, name, "add", display_name.strip(), by, now)
            for key in keys:
                self._insert_key(conn, person_id, name, key, by, now)
        return self.person(name) or self._gone(name)

    def person(self, name: str) -> Person | None:
        return self._one(Person, f"{_PERSON} WHERE name = ?", (name,))

    def person_by_id(self, person_id: int) -> Person:
        return self._one(Person, f"{_PERSON} WHERE id = ?", (person_id,)) or self._gone(f"id {person_id}")

    def people(self) -> list[Person]:
        return self._models(Person, self._rows(f"{_PERSON} ORDER BY name"))

    def set_person_active(self, name: str, active: bool, *, by: str) -> Person:
        now = datetime.now(UTC)
        with self._writing() as conn:
            cursor = conn.execute("UPDATE people SET active = ? WHERE name = ?", (int(active), name))
            if cursor.rowcount == 0:
                raise self._missing(f"person called {name!r}")
            self._log(conn, name, "enable" if active else "disable", "", by, now)
        return self.person(name) or self._gone(name)

    def add_key(self, name: str, key: PublicKey, *, by: str) -> PersonKey:
        return self.add_keys(name, [key], by=by)[0]

    def add_keys(self, name: str, keys: list[PublicKey], *, by: str) -> list[PersonKey]:
        """Several keys in one transaction (``people key add --key-file``): one refused adds none."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            person_id = self._person_id(conn, name)
            ids = [self._insert_key(conn, person_id, name, key, by, now) for key in keys]
        return [
            PersonKey(id=key_id, person_id=person_id, kind=key.kind, blob=key.blob, comment=key.comment, added_at=now)
            for key_id, key in zip(ids, keys, strict=True)
        ]

    def remove_key(self, name: str, blob: str, *, by: str) -> None:
        """Remove one of the person's keys, found by its base64 data; StoreInputError when they have no such key."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            person_id = self._person_id(conn, name)
            row = conn.execute(
                "SELECT kind, blob, comment FROM person_keys WHERE person_id = ? AND blob = ?", (person_id, blob)
            ).fetchone()
            if row is None:
                raise StoreInputError(f"{name} has no such key", path=self.path)
            conn.execute("DELETE FROM person_keys WHERE person_id = ? AND blob = ?", (person_id, blob))
            self._log(conn, name, "key_remove", PublicKey(row["kind"], row["blob"], row["comment"]).fingerprint, by, now)

    def person_keys(self, person_id: int | None = None) -> list[PersonKey]:
        """Every key (of one person, or of all), oldest first: the gateway writes one ``authorized_keys`` line each."""
        if person_id is None:
            return self._models(PersonKey, self._rows(f"{_KEY} ORDER BY id"))
        return self._models(PersonKey, self._rows(f"{_KEY} WHERE person_id = ? ORDER BY id", (person_id,)))

    def add_grant(
        self, name: str, role: Role, *, partnership_id: int | None, local_authority_id: int | None, by: str
    ) -> Grant:
        """Give ``name`` a role over one scope; giving the same one twice is refused, not doubled."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            person_id = self._person_id(conn, name)
            try:
                cursor = conn.execute(
                    "INSERT INTO grants (person_id, role, partnership_id, local_authority_id, granted_by, granted_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (person_id, role.value, partnership_id, local_authority_id, by, timestamp(now)),
                )
            except sqlite3.IntegrityError:
                raise StoreInputError(f"{name} already has that grant", path=self.path) from None
            assert cursor.lastrowid is not None
            self._log(conn, name, "grant", _scope(role, partnership_id, local_authority_id), by, now)
        return Grant(
            id=cursor.lastrowid,
            person_id=person_id,
            role=role,
            partnership_id=partnership_id,
            local_authority_id=local_authority_id,
            granted_by=by,
            granted_at=now,
        )

    def remove_grant(
        self, name: str, role: Role, *, partnership_id: int | None, local_authority_id: int | None, by: str
    ) -> None:
        now = datetime.now(UTC)
        with self._writing() as conn:
            person_id = self._person_id(conn, name)
            cursor = conn.execute(
                "DELETE FROM grants WHERE person_id = ? AND role = ?"
                " AND partnership_id IS ? AND local_authority_id IS ?",
                (person_id, role.value, partnership_id, local_authority_id),
            )
            if cursor.rowcount == 0:
                raise StoreInputError(f"{name} has no such grant", path=self.path)
            self._log(conn, name, "revoke", _scope(role, partnership_id, local_authority_id), by, now)

    def grants(self, person_id: int | None = None) -> list[Grant]:
        if person_id is None:
            return self._models(Grant, self._rows(f"{_GRANT} ORDER BY person_id, id"))
        return self._models(Grant, self._rows(f"{_GRANT} WHERE person_id = ? ORDER BY id", (person_id,)))

    def start_access(self, person: str, origin: str, command: str) -> int:
        """A session begins: its row is written before anything else runs, so even one that crashes is on record."""
        with self._writing() as conn:
            cursor = conn.execute(
                "INSERT INTO access_log (person, started_at, origin, command) VALUES (?, ?, ?, ?)",
                (person, timestamp(datetime.now(UTC)), origin, command),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def end_access(self, entry_id: int, outcome: str) -> None:
        with self._writing() as conn:
            conn.execute(
                "UPDATE access_log SET ended_at = ?, outcome = ? WHERE id = ? AND ended_at IS NULL",
                (timestamp(datetime.now(UTC)), outcome, entry_id),
            )

    def access_log(self, limit: int = 200) -> list[AccessEntry]:
        """The latest sessions first."""
        return self._models(AccessEntry, self._rows(f"{_ACCESS} ORDER BY id DESC LIMIT ?", (limit,)))

    def _insert_key(
        self, conn: sqlite3.Connection, person_id: int, name: str, key: PublicKey, by: str, now: datetime
    ) -> int:
        holder = conn.execute(
            "SELECT people.name FROM person_keys JOIN people ON people.id = person_id WHERE blob = ?", (key.blob,)
        ).fetchone()
        if holder is not None:
            whose = "this person" if holder["name"] == name else holder["name"]
            raise StoreInputError(f"that key ({key.fingerprint}) already belongs to {whose}", path=self.path)
        cursor = conn.execute(
            "INSERT INTO person_keys (person_id, kind, blob, comment, added_at) VALUES (?, ?, ?, ?, ?)",
            (person_id, key.kind, key.blob, key.comment, timestamp(now)),
        )
        self._log(conn, name, "key_add", key.fingerprint, by, now)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _person_id(self, conn: sqlite3.Connection, name: str) -> int:
        row = conn.execute("SELECT id FROM people WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise self._missing(f"person called {name!r}")
        return int(row["id"])

    def _log(self, conn: sqlite3.Connection, person: str, change: str, detail: str, by: str, now: datetime) -> None:
        conn.execute(
            "INSERT INTO people_history (person, change, detail, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)",
            (person, change, detail, by, timestamp(now)),
        )

    def _gone(self, what: str) -> Person:
        raise self._missing(f"person {what}")


def _scope(role: Role, partnership_id: int | None, local_authority_id: int | None) -> str:
    if partnership_id is not None:
        return f"{role.value} of partnership {partnership_id}"
    if local_authority_id is not None:
        return f"{role.value} of local authority {local_authority_id}"
    return role.value
