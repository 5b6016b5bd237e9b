"""A workshop to put on the screens: North's, with a facilitator, eight voters and a viewer (workshop_support).

``room`` makes the Room a screen reads, with a clock fixed at a number of
seconds after the current item was opened, so the timer on a snapshot never
moves. Helpers wait for what the screen shows, never for time.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.screen import Screen
from textual.widgets import Static
from workshop_support import VOTERS, north_workshop, workshop_database

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.workshop.app import WorkshopApp
from selfeval_tui.shells.workshop.room import Room

FIXED = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


@dataclass
class North:
    services: Services
    """The others' connection: what they do reaches the screen as another process's commit would."""
    screen: Services
    """The screen's own connection."""
    framework: Framework
    actors: dict[str, Actor]
    workshop_id: int

    def room(self, who: str, *, seconds: int = 150, person: str | None = None) -> Room:
        """``who``'s room, its clock ``seconds`` after the current item's timer started (a fixed time before)."""
        return Room(self.screen, self.actors[who], self.framework, self.workshop_id, clock=self.clock(seconds), person=person)

    def clock(self, seconds: int) -> Callable[[], datetime]:
        def now() -> datetime:
            current = self.services.status(self.actors["fac"], self.workshop_id).current
            started = current.item.opened_at if current is not None and current.item.opened_at else FIXED
            return started + timedelta(seconds=seconds)

        return now

    def vote(self, who: str, level: str, reason: str = "") -> None:
        from selfeval_tui.domain.workshops import parse_level

        self.services.vote(self.actors[who], self.workshop_id, "1.1", parse_level(level), reason)

    def votes(self, *levels: str) -> None:
        """The first voters vote these levels in turn, each with a reason naming the level."""
        for voter, level in zip(VOTERS, levels, strict=False):
            self.vote(voter, level, f"because {level}")


@pytest.fixture
def north(tmp_path: Path, framework: Framework, monkeypatch: pytest.MonkeyPatch) -> Iterator[North]:
    """North's workshop, its join code always ``K7PQ2M`` (the code is otherwise random: snapshots show it)."""
    letters = iter("K7PQ2M")
    monkeypatch.setattr(secrets, "choice", lambda _alphabet: next(letters))
    with Services.open(tmp_path / "w.db") as services:
        actors = workshop_database(services, framework)
        workshop = north_workshop(services, framework, actors)
        with Services.open(tmp_path / "w.db") as screen:
            yield North(services, screen, framework, actors, workshop.id)


def app(room: Room, screen: Callable[[Room], Screen[Any]]) -> WorkshopApp:
    return WorkshopApp(room, screen, theme="dark")


def text_of(pilot: Any, selector: str) -> str:
    """What a Static shows now, as plain text at its width (long lines wrapped as on screen)."""
    widget = pilot.app.screen.query_one(selector, Static)
    console = Console(width=max(widget.content_size.width, 20), record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return console.export_text()


async def until(pilot: Any, selector: str, needle: str, tries: int = 200) -> str:
    """Pause the app until ``needle`` is in the Static ``selector`` (the poller delivers others' changes)."""
    for _ in range(tries):
        shown = text_of(pilot, selector)
        if needle in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{needle!r} never shown in {selector}: {text_of(pilot, selector)!r}")
