"""Shared fixtures and helpers for the TUI tests (no tests of its own).

Test modules load this one with ``pytest_plugins`` for its fixtures (``tui_store``,
``riverside``) and import its helpers. Every app gets a fresh database and a fixed
"today" (so the start screen's default year never changes); the app never blinks
its cursor, so every frame is reproducible.
Helpers wait for conditions (worker completion, a screen's text), never for time.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual import events

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Mode
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.app import SelfEvalApp
from selfeval_tui.shells.tui.workbench import Opening, Workbench
from selfeval_tui.store import Answer, Evaluation, Store

TODAY = date(2026, 11, 22)
YEAR = "2026/27"


@pytest.fixture
def tui_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "t.db") as opened:
        yield opened


@pytest.fixture
def riverside(tui_store: Store, framework: Framework) -> Evaluation:
    """The evaluation most tests work on (its name is on every snapshot)."""
    return Services(tui_store).create(Actor("coordinator"), framework, "Riverside", YEAR, local_authority="Kent")


@pytest.fixture
def held_save(tui_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The first save waits until the test sets the event, so what follows arrives while it is in flight."""
    release = threading.Event()
    real_save = tui_store.save_answer

    def slow(*args: object, **kwargs: object) -> Answer:
        assert release.wait(10)
        return real_save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui_store, "save_answer", slow)
    yield release
    release.set()


def make_app(
    store: Store,
    framework: Framework,
    opening: Opening,
    mode: Mode = Mode.ADAPTIVE,
    *,
    sections: bool = False,
    theme: str | None = None,
    actor: Actor | None = None,
) -> SelfEvalApp:
    """Without the membership and outcomes sections unless asked: most tests are about the strands.

    ``actor``: who the app acts as (a person, for the confinement tests); a coordinator with every right by default.
    """
    bench = Workbench(Services(store), actor or Actor("coordinator"), framework, mode, TODAY, sections=sections)
    return SelfEvalApp(bench, opening, theme=theme)


async def settle(pilot: object) -> None:
    """Until every save has finished and its result is on screen."""
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def until(pilot: object, condition: Callable[[], bool], tries: int = 100) -> None:
    """Let the app run until ``condition`` holds (a save, a screen change), failing after ``tries`` rounds."""
    for _ in range(tries):
        if condition():
            return
        await settle(pilot)
    raise AssertionError("the app never reached the expected state")


async def press(pilot: object, *keys: str) -> None:
    """Press keys one at a time, letting each reply be saved before the next."""
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await settle(pilot)


async def type_text(pilot: object, text: str, submit: bool = True) -> None:
    """Key by key, as a person types (slow: use ``paste`` unless the keys themselves matter)."""
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])  # type: ignore[attr-defined]
    if submit:
        await press(pilot, "enter")


async def paste(pilot: object, text: str, submit: bool = True) -> None:
    """A bracketed paste into whatever has focus: the terminal's own way to send text at once."""
    app = pilot.app  # type: ignore[attr-defined]
    await until(pilot, lambda: app.screen.focused is not None)  # a snapshot's pilot starts before the first mount
    app.screen.focused.post_message(events.Paste(text))
    await pilot.pause()  # type: ignore[attr-defined]
    if submit:
        await press(pilot, "enter")


def screen_text(app: SelfEvalApp) -> str:
    """The screen as plain text, exactly as the terminal would show it."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
