"""The conversation engine: what to ask next, how to read replies, and the session that saves them.

The engine and the session (``Conversation``, ``Session``, ``Turn``) load on
first use, not with the package: the exports read only the progress, steps and
texts modules, and a ``selfeval export`` command should not pay for the chat.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from selfeval_tui.conversation.steps import Mode, QuickReply, Snapshot, Step
from selfeval_tui.conversation.texts import Message

if TYPE_CHECKING:
    from selfeval_tui.conversation.engine import Conversation
    from selfeval_tui.conversation.session import Session, Turn

_LAZY = {"Conversation": "engine", "Session": "session", "Turn": "session"}

__all__ = ["Conversation", "Message", "Mode", "QuickReply", "Session", "Snapshot", "Step", "Turn"]


def __getattr__(name: str) -> object:
    """``Conversation``, ``Session`` and ``Turn`` from their modules, once asked for."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
