"""Partnerships: created once by name (unique in any case), listed, found by name or id."""

from __future__ import annotations

from datetime import UTC, datetime

from selfeval_tui.domain.records import NAME_LIMIT, Partnership
from selfeval_tui.store.base import StoreBase, columns, timestamp
from selfeval_tui.store.errors import StoreInputError


class PartnershipRecords(StoreBase):
    """The ``partnerships`` table."""

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
                f"SELECT {columns(Partnership)} FROM partnerships WHERE name = ? COLLATE NOCASE", (name,)
            ).fetchone()
            if clash and not exist_ok:
                raise StoreInputError(f"a partnership called {clash['name']!r} already exists", path=self.path)
            if clash:
                return self._model(Partnership, clash)
            cursor = conn.execute(
                "INSERT INTO partnerships (name, local_authority, created_at) VALUES (?, ?, ?)",
                (name, local_authority.strip(), timestamp(now)),
            )
        assert cursor.lastrowid is not None  # set by the INSERT
        return Partnership(
            id=cursor.lastrowid, name=name, local_authority=local_authority.strip(), created_at=now
        )

    def list_partnerships(self) -> list[Partnership]:
        rows = self._rows(f"SELECT {columns(Partnership)} FROM partnerships ORDER BY name COLLATE NOCASE")
        return self._models(Partnership, rows)

    def partnership_by_name(self, name: str) -> Partnership | None:
        """Names match without regard to (ASCII) case, as they are unique that way."""
        return self._one(
            Partnership,
            f"SELECT {columns(Partnership)} FROM partnerships WHERE name = ? COLLATE NOCASE",
            (name.strip(),),
        )

    def partnership_by_id(self, partnership_id: int) -> Partnership:
        found = self._one(
            Partnership, f"SELECT {columns(Partnership)} FROM partnerships WHERE id = ?", (partnership_id,)
        )
        if found is None:
            raise self._missing(f"partnership with id {partnership_id}")
        return found
