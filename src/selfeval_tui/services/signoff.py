"""Sign-off and lock (docs/signoff.md): the coordinator submits the year's evaluation, a chair or admin signs it off.

While it is signed off every write to it is refused by the store, in the write's
own transaction, with one line naming who signed it off and when
(``store.errors.LockedError``); reopening it needs the same right as signing it
off, and a reason, and every change is kept in ``sign_off_history``.
"""

from __future__ import annotations

import datetime as dt

from selfeval_tui.domain.signoff import SignOff, locked_line
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase


class SignOffServices(ServiceBase):
    def sign_off_state(self, actor: Actor, evaluation_id: int) -> SignOff:
        """Where the evaluation is in its cycle, with every submission, sign-off and reopening."""
        self._require(actor, Right.READ, "see whether the evaluation is signed off", evaluation=evaluation_id)
        return self._store.sign_off_state(evaluation_id)

    def locked(self, actor: Actor, evaluation_id: int) -> str | None:
        """The line a write to this evaluation is refused with while it is signed off; None while it may be changed.

        Shells show it when they open a signed-off evaluation, read-only.
        """
        state = self.sign_off_state(actor, evaluation_id)
        signed = state.signed
        if signed is None:
            return None
        evaluation = self._store.evaluation_by_id(evaluation_id)
        name = self._store.partnership_by_id(evaluation.partnership_id).name
        return locked_line(name, evaluation.year, signed.changed_by, signed.signed_on or signed.changed_at.date())

    def submit(self, actor: Actor, evaluation_id: int, comment: str = "") -> SignOff:
        """The coordinator hands the year's evaluation to the chair; it stays editable until it is signed off."""
        self._require(actor, Right.EDIT_PARTNERSHIP, "submit the evaluation for sign-off", evaluation=evaluation_id)
        return self._store.change_sign_off(evaluation_id, "submit", comment=comment, by=actor.name)

    def sign_off(self, actor: Actor, evaluation_id: int, on: dt.date, comment: str = "") -> SignOff:
        """A chair (or an admin) signs off what was submitted, dated ``on``: from then on it is locked."""
        self._require(actor, Right.SIGN_OFF, "sign off the evaluation", evaluation=evaluation_id)
        return self._store.change_sign_off(evaluation_id, "sign_off", comment=comment, signed_on=on, by=actor.name)

    def reopen(self, actor: Actor, evaluation_id: int, reason: str) -> SignOff:
        """Unlock a signed-off evaluation; the reason is required and kept."""
        self._require(actor, Right.SIGN_OFF, "reopen the evaluation", evaluation=evaluation_id)
        return self._store.change_sign_off(evaluation_id, "reopen", comment=reason, by=actor.name)
