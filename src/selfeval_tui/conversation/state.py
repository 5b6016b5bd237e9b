"""The conversation's state as a value: what replies can change, replaced and never changed.

Reading a reply (``reading.py``) returns the new ``State``; the
``Conversation`` takes it on when the reply is applied. Loaded to show the
first question (a conversation starts with a ``State``); what only reading a
reply needs is in ``reading.py``, loaded on the first reply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from selfeval_tui.bank import Level


@dataclass(frozen=True)
class Pending:
    """A follow-up the engine is waiting for before it can save (a reason, a note)."""

    kind: Literal["na_note", "override_reason"]
    level: Level | None = None


@dataclass(frozen=True)
class State:
    """What the conversation remembers between replies that a reply can change."""

    pending: Pending | None = None
    skipped: frozenset[str] = frozenset()
    held_notes: Mapping[str, str] = field(default_factory=dict)
    """Notes given with /note to questions not answered yet, saved with their answers (replaced, never changed)."""
    termly: str | None = None
    """The term whose values /outcomes asks for."""
    detour: str | None = None
    """``membership`` or ``outcomes`` while /members or /outcomes is being answered."""
    return_to: str | None = None
    """The question the user was on when the detour began: where it ends."""
    planning: str | None = None
    """The element whose development focus is being planned (after its rating is agreed, or /plan)."""
    plan_return: str | None = None
    """The question the user was on when /plan began: where planning ends."""
