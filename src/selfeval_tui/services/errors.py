"""What the services raise: the store's one-line errors, and ``Refused`` when the actor lacks a right.

The shells catch :class:`ServiceError` (every one prints as one line a user can
act on) and never need to import the store for it.
"""

from __future__ import annotations

from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.store.errors import (
    ConflictError,
    LockedError,
    StoreError,
    StoreFullError,
    StoreInputError,
    StoreReadOnlyError,
)

ServiceError = StoreError
"""Anything a service call refuses or fails at; the store's errors are its kinds."""

__all__ = [
    "ConflictError",
    "LockedError",
    "Refused",
    "ServiceError",
    "StoreFullError",
    "StoreInputError",
    "StoreReadOnlyError",
    "refuse_unless",
]

_WHY = {
    Right.READ: "reading this database",
    Right.ANSWER: "answering questions",
    Right.AGREE: "agreeing ratings",
    Right.EDIT_PARTNERSHIP: "editing partnerships",
    Right.PLAN: "planning actions",
    Right.EXPORT: "exporting",
    Right.NOTE: "adding evidence notes",
    Right.VOTE: "voting in workshops",
    Right.FACILITATE: "running workshops",
    Right.SIGN_OFF: "signing off evaluations",
    Right.ROLLUP: "seeing roll-ups",
    Right.ADMIN: "managing people",
}


class Refused(ServiceError):
    """The actor may not do this: says who, what, and which right it needs. Nothing was read or written."""

    def __init__(self, actor: Actor, doing: str, right: Right, *, because: str = "") -> None:
        why = because or f"their rights do not include {_WHY[right]}"
        super().__init__(f"{actor.shown_name} may not {doing}: {why}")
        self.actor = actor
        self.right = right


def refuse_unless(actor: Actor, right: Right, doing: str) -> None:
    """The one rights check: every service call makes it before touching the store."""
    if not actor.may(right):
        raise Refused(actor, doing, right)
