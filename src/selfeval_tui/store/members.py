"""A partnership's members: one ordered list of names per membership category."""

from __future__ import annotations

from selfeval_tui.domain.records import NAME_LIMIT
from selfeval_tui.store.base import StoreBase


class MemberRecords(StoreBase):
    """The ``members`` table."""

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
