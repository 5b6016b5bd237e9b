"""App-wide messages: how what happens elsewhere reaches the screens without a keypress.

``EvaluationChanged`` is posted by the app's one poller (``LivePoller``) to
every screen on the stack when another session has committed; each screen
re-reads only what the changes concern and redraws itself.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message import Message
from textual.timer import Timer

from selfeval_tui.services.changes import Changes, ChangeWatch

POLL_INTERVAL = 0.25
"""Seconds between two ``PRAGMA data_version`` reads: a change is on screen well within a second,
and an idle session costs a few microseconds of work four times a second (docs/performance.md)."""


class EvaluationChanged(Message):
    """Someone (in another process, or another connection) committed these changes."""

    def __init__(self, changes: Changes) -> None:
        super().__init__()
        self.changes = changes


class LivePoller:
    """Polls the store on a Textual timer and tells every screen what others committed."""

    def __init__(self, app: App[Any], watch: ChangeWatch) -> None:
        self.app = app
        self.watch = watch
        self.timer: Timer | None = None

    def start(self) -> None:
        self.timer = self.app.set_interval(POLL_INTERVAL, self.poll, name="live-updates")

    def poll(self) -> None:
        """One PRAGMA while nobody else writes; a message per screen when someone has.

        Each screen gets its own message (a message is handled once), the lowest
        (the chat) first, so the screens above it see what it has already redrawn.
        """
        changes = self.watch.poll()
        if changes is None:
            return
        for screen in self.app.screen_stack:
            screen.post_message(EvaluationChanged(changes))
