"""A partnership's members, one ordered list of names per membership category."""

from __future__ import annotations

from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase


class MembershipServices(ServiceBase):
    def members(self, actor: Actor, partnership_id: int) -> dict[str, list[str]]:
        self._require(actor, Right.READ, "see the partnership's members", partnership=partnership_id)
        return self._store.members(partnership_id)

    def set_members(self, actor: Actor, partnership_id: int, category: str, names: list[str]) -> None:
        """Replace the category's whole list, keeping the given order."""
        self._require(actor, Right.EDIT_PARTNERSHIP, f"change the partnership's members ({category})", partnership=partnership_id)
        self._store.set_members(partnership_id, category, names)
