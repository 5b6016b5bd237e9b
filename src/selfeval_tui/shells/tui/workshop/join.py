"""A browser participant's first screen: the short code shown on the projector, then one's name from the invitation list.

The code keeps out whoever reaches the page without being in the room; the
name says whose vote this is (the invitation list, so nobody invents a voter).
A wrong code is said in one line and nothing else happens. Then the voter's screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.workshop.voter import VoterScreen
from selfeval_tui.shells.workshop.room import Room


class JoinScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Quit", id="join-quit", priority=True, tooltip="Leave without joining"),
    ]

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room

    def compose(self) -> ComposeResult:
        status = self.room.status()
        with Vertical(id="ws-join"):
            yield Static(shown(f"{status.workshop.title}: {status.partnership} {status.year}"), id="ws-join-title")
            yield Static("The join code shown on the projector:")
            yield Input(placeholder="code", id="ws-join-code")
            yield Static("Your name (arrows, then Enter):")
            yield OptionList(*(Option(shown(name), id=name) for name in status.invited), id="ws-join-names")
            yield Static(id="ws-join-problem")
        yield Footer()

    def on_mount(self) -> None:
        code = self.query_one("#ws-join-code", Input)
        code.cursor_blink = False
        code.focus()

    @on(Input.Submitted, "#ws-join-code")
    def _code_typed(self) -> None:
        self.set_focus(self.query_one("#ws-join-names", OptionList))  # now: keys typed next go to the list

    @on(OptionList.OptionSelected, "#ws-join-names")
    def _named(self, event: OptionList.OptionSelected) -> None:
        typed = "".join(self.query_one("#ws-join-code", Input).value.split()).upper()
        code = self.room.status().workshop.code
        if not code or typed != code.upper():
            self.query_one("#ws-join-problem", Static).update("That is not the code on the projector: try again.")
            self.set_focus(self.query_one("#ws-join-code", Input))
            return
        self.room.person = event.option.id
        self.app.push_screen(VoterScreen(self.room))  # over the default screen, which cannot be switched away
