"""The workshop app: one screen (projector, facilitator or voter) over one workshop, kept live.

Lighter than the chat's app: no bank cache warm-up, no start screen. It shares
the chat's themes, rating colours and live updates (``LivePoller``), and shows
the same one line when the database fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.tui import settings
from selfeval_tui.shells.tui.colours import rating_variables
from selfeval_tui.shells.tui.messages import LivePoller
from selfeval_tui.shells.workshop.room import Room


class WorkshopApp(App[int]):
    TITLE = "selfeval workshop"
    ENABLE_COMMAND_PALETTE = False  # one screen, every step a key: nothing for a palette to add
    CSS_PATH = ["../app.tcss", "workshop.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    def __init__(self, room: Room, screen: Callable[[Room], Screen[Any]], theme: str | None = None) -> None:
        """``screen`` makes the one screen (``ProjectorScreen``, ``FacilitatorScreen`` or ``VoterScreen``)."""
        super().__init__()
        self.room = room
        self._screen = screen
        remembered, _problem = settings.load()
        self.theme = settings.THEMES[theme or remembered.theme]
        self.live = LivePoller(self, room.services.watch(room.actor))

    store_failure: ServiceError | None = None

    def get_css_variables(self) -> dict[str, str]:
        variables = {**super().get_css_variables(), **rating_variables(self.current_theme.dark)}
        self.theme_variables = variables
        return variables

    def get_default_screen(self) -> Screen[Any]:
        return self._screen(self.room)

    def on_mount(self) -> None:
        self.live.start()

    def _handle_exception(self, error: Exception) -> None:
        """A failing database ends the app with one line (``cli`` prints it), as the chat's app does."""
        if isinstance(error, ServiceError):
            self.store_failure = error
            self.exit(return_code=2)
            return
        super()._handle_exception(error)


def screen_for(name: str) -> Callable[[Room], Screen[Any]]:
    """The screen a command opens: ``run``, ``project``, ``join`` or a browser's ``participate``."""
    if name == "run":
        from selfeval_tui.shells.tui.workshop.facilitator import FacilitatorScreen

        return FacilitatorScreen
    if name == "join":
        from selfeval_tui.shells.tui.workshop.voter import VoterScreen

        return VoterScreen
    if name == "participate":
        from selfeval_tui.shells.tui.workshop.join import JoinScreen

        return JoinScreen
    from selfeval_tui.shells.tui.workshop.screens import ProjectorScreen

    return ProjectorScreen
