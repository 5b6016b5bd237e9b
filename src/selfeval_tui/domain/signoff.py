"""The year's cycle of an evaluation: draft, submitted, signed off (locked), reopened (docs/signoff.md).

Pure rules, so the store (which enforces the lock inside each write's
transaction), the services and every shell say the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from selfeval_tui.domain.records import EvaluationState

SignOffChange = Literal["submit", "sign_off", "reopen"]

NEXT_STATE: dict[SignOffChange, EvaluationState] = {
    "submit": "submitted",
    "sign_off": "signed_off",
    "reopen": "reopened",
}
"""What each change leads to."""

ALLOWED_FROM: dict[SignOffChange, tuple[EvaluationState, ...]] = {
    "submit": ("draft", "reopened"),
    "sign_off": ("submitted",),
    "reopen": ("signed_off",),
}
"""The states each change may start from: a chair signs off what the coordinator submitted, and only what is signed off is reopened."""

STATE_WORDS: dict[EvaluationState, str] = {
    "draft": "Draft",
    "submitted": "Submitted for sign-off",
    "signed_off": "Signed off",
    "reopened": "Reopened after sign-off",
}


@dataclass(frozen=True, kw_only=True)
class SignOffEvent:
    """One row of ``sign_off_history``: a submission, a sign-off (with its date) or a reopening (with its reason)."""

    id: int
    evaluation_id: int
    change: SignOffChange
    comment: str
    signed_on: dt.date | None
    changed_by: str
    changed_at: dt.datetime


@dataclass(frozen=True)
class SignOff:
    """An evaluation's state now, and the events that led there, oldest first."""

    state: EvaluationState
    events: tuple[SignOffEvent, ...] = ()

    @property
    def locked(self) -> bool:
        return self.state == "signed_off"

    @property
    def signed(self) -> SignOffEvent | None:
        """The sign-off in force: the latest one, while the evaluation is signed off."""
        if not self.locked:
            return None
        return next((e for e in reversed(self.events) if e.change == "sign_off"), None)

    @property
    def ever_signed(self) -> bool:
        return any(e.change == "sign_off" for e in self.events)

    @property
    def words(self) -> str:
        """"Signed off by chair on 15 July 2027", or the state in words ("Draft", ...)."""
        signed = self.signed
        if signed is None:
            return STATE_WORDS[self.state]
        return f"Signed off by {signed.changed_by} on {date_words(signed.signed_on or signed.changed_at.date())}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


UNSIGNED = SignOff("draft")
"""An evaluation nobody has submitted: what a read model holds until it is told otherwise."""


def date_words(day: dt.date) -> str:
    """``15 July 2027``, as the papers print dates: spelt out here because ``%B`` follows the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def locked_line(partnership: str, year: str, signed_by: str, signed_on: dt.date) -> str:
    """The one line every write to a signed-off evaluation is refused with."""
    return (
        f"{year} of {partnership} was signed off by {signed_by} on {date_words(signed_on)}; "
        "a chair or admin can reopen it with a reason"
    )


def refusal(change: SignOffChange, state: EvaluationState, partnership: str, year: str) -> str | None:
    """Why ``change`` cannot be made from ``state`` (None: it can), in words a coordinator or chair can act on."""
    if state in ALLOWED_FROM[change]:
        return None
    where = f"{year} of {partnership}"
    if change == "submit":
        return f"{where} is already {STATE_WORDS[state].lower()}; only a draft or a reopened evaluation is submitted"
    if change == "sign_off":
        if state == "signed_off":
            return f"{where} is already signed off"
        return f"{where} is {STATE_WORDS[state].lower()}; the coordinator submits it first, then a chair signs it off"
    return f"{where} is {STATE_WORDS[state].lower()}, not signed off, so there is nothing to reopen"
