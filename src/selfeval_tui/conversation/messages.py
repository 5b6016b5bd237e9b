"""A chat message: what the conversation says, and what the shells show.

A module of its own so that everything that speaks (the wording, the step
handlers, the commands) can use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from selfeval_tui.bank import Element

Role = Literal["assistant", "question", "user", "notice", "error"]
"""``question`` is a question as it was asked, with its tag as the heading: the record replays earlier ones."""


@dataclass(frozen=True)
class Message:
    """One chat message; ``heading`` is shown as a title where the shell can show one."""

    role: Role
    text: str
    heading: str | None = None
    element_id: str | None = None


def say(text: str, heading: str | None = None, element: Element | None = None) -> Message:
    return Message("assistant", text, heading, element.id if element else None)
