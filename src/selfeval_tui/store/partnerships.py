"""Partnerships and the local authorities they belong to: created once by name (unique in any case), listed, found."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from selfeval_tui.domain.people import LocalAuthority
from selfeval_tui.domain.records import NAME_LIMIT, Partnership
from selfeval_tui.store.base import StoreBase, timestamp
from selfeval_tui.store.errors import StoreInputError

_PARTNERSHIPS = """
SELECT p.id, p.name, ifnull(la.name, '') AS local_authority, p.created_at, p.local_authority_id
FROM partnerships p LEFT JOIN local_authorities la ON la.id = p.local_authority_id
"""
"""A partnership with its local authority's name, as ``Partnership`` holds it."""


class PartnershipRecords(StoreBase):
    """The ``partnerships`` and ``local_authorities`` tables."""

    def create_partnership(self, name: str, local_authority: str = "", *, exist_ok: bool = False) -> Partnership:
        """A new partnership; StoreInputError when one of that name (in any case) exists, unless ``exist_ok``.

        With ``exist_ok`` that partnership is returned instead (its local
        authority unchanged). The lookup and the insert are one transaction, so
        several people starting the same partnership at once all get the one
        that was made, where a lookup followed by a create would fail for all
        but the first. The local authority is found by name (in any case) or made.
        """
        name = name.strip()
        if not name:
            raise StoreInputError("a partnership needs a name", path=self.path)
        authority = local_authority.strip()
        self._within(NAME_LIMIT, ("a partnership's name", name), ("a local authority's name", authority))
        now = datetime.now(UTC)
        with self._writing() as conn:
            clash = conn.execute(f"{_PARTNERSHIPS} WHERE p.name = ? COLLATE NOCASE", (name,)).fetchone()
            if clash and not exist_ok:
                raise StoreInputError(f"a partnership called {clash['name']!r} already exists", path=self.path)
            if clash:
                return self._model(Partnership, clash)
            la = self._authority(conn, authority, now) if authority else None
            cursor = conn.execute(
                "INSERT INTO partnerships (name, local_authority_id, created_at) VALUES (?, ?, ?)",
                (name, la.id if la else None, timestamp(now)),
            )
        assert cursor.lastrowid is not None  # set by the INSERT
        return Partnership(
            id=cursor.lastrowid,
            name=name,
            local_authority=la.name if la else "",
            created_at=now,
            local_authority_id=la.id if la else None,
        )

    def _authority(self, conn: sqlite3.Connection, name: str, now: datetime) -> LocalAuthority:
        """The local authority of this name (in any case), made when there is none yet; inside the caller's transaction."""
        row = conn.execute("SELECT id, name FROM local_authorities WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
        if row is not None:
            return LocalAuthority(id=row["id"], name=row["name"])
        cursor = conn.execute("INSERT INTO local_authorities (name, created_at) VALUES (?, ?)", (name, timestamp(now)))
        assert cursor.lastrowid is not None
        return LocalAuthority(id=cursor.lastrowid, name=name)

    def set_local_authority(self, partnership_id: int, local_authority: str) -> Partnership:
        """Move a partnership to the named local authority (made if new), or to none with ''."""
        authority = local_authority.strip()
        self._within(NAME_LIMIT, ("a local authority's name", authority))
        with self._writing() as conn:
            self._require_partnership(conn, partnership_id)
            la = self._authority(conn, authority, datetime.now(UTC)) if authority else None
            conn.execute(
                "UPDATE partnerships SET local_authority_id = ? WHERE id = ?", (la.id if la else None, partnership_id)
            )
        return self.partnership_by_id(partnership_id)

    def local_authorities(self) -> list[LocalAuthority]:
        rows = self._rows("SELECT id, name FROM local_authorities ORDER BY name COLLATE NOCASE")
        return [LocalAuthority(id=row["id"], name=row["name"]) for row in rows]

    def local_authority_named(self, name: str) -> LocalAuthority | None:
        rows = self._rows("SELECT id, name FROM local_authorities WHERE name = ? COLLATE NOCASE", (name.strip(),))
        return LocalAuthority(id=rows[0]["id"], name=rows[0]["name"]) if rows else None

    def list_partnerships(self) -> list[Partnership]:
        return self._models(Partnership, self._rows(f"{_PARTNERSHIPS} ORDER BY p.name COLLATE NOCASE"))

    def partnership_by_name(self, name: str) -> Partnership | None:
        """Names match without regard to (ASCII) case, as they are unique that way."""
        return self._one(Partnership, f"{_PARTNERSHIPS} WHERE p.name = ? COLLATE NOCASE", (name.strip(),))

    def partnership_by_id(self, partnership_id: int) -> Partnership:
        found = self._one(Partnership, f"{_PARTNERSHIPS} WHERE p.id = ?", (partnership_id,))
        if found is None:
            raise self._missing(f"partnership with id {partnership_id}")
        return found

    def partnership_of_evaluation(self, evaluation_id: int) -> int:
        """Which partnership an evaluation belongs to (it never changes): what a rights check needs."""
        rows = self._rows("SELECT partnership_id FROM evaluations WHERE id = ?", (evaluation_id,))
        if not rows:
            raise self._missing(f"evaluation with id {evaluation_id}")
        return int(rows[0]["partnership_id"])
