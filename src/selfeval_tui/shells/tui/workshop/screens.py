"""The projector's, the facilitator's and the voter's screens: one layout, three ways of taking part.

``WorkshopScreen`` draws a ``WorkshopStatus`` (render.py) and keeps it live:
the app's ``LivePoller`` posts ``EvaluationChanged`` when anyone commits (a
vote, a reveal, the next item) and the screen reads the status afresh; a
one-second interval redraws the timer from the injected clock. Nothing is drawn
that the status does not hold, and the status holds no vote before the reveal.

- ``ProjectorScreen``: read only; the join code, the element, its descriptors side by side (stacked below
  120 columns), the evidence and computed rating, the timer, the count of votes, then the chart and reasons.
- ``FacilitatorScreen``: the same with the agenda beside it and a key for every step (facilitator.py).
- ``VoterScreen``: the same with the levels to vote for, a reason, and one's own vote (voter.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from selfeval_tui.bank import Level
from selfeval_tui.domain.workshops import WorkshopStatus
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.tui.colours import VARIABLES
from selfeval_tui.shells.tui.messages import EvaluationChanged
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.workshop import render
from selfeval_tui.shells.workshop.room import Room

TIMER_INTERVAL = 1.0
"""Seconds between two redraws of the timer (only the timer line is redrawn)."""

DESCRIBED = (Level.DEVELOPING, Level.DEVELOPED, Level.ESTABLISHED, Level.ENHANCING)
"""The four levels Annex A describes (Not yet developing has no descriptor)."""


class WorkshopScreen(Screen[None]):
    """The status of one workshop, live; subclasses add what their person does (``compose_side``)."""

    NAMED_REASONS = False
    """Whether revealed reasons carry the voter's name (not on the projector: fed back anonymously)."""

    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Quit", id="workshop-quit", priority=True, tooltip="Leave; nothing is lost"),
    ]

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room
        self.status: WorkshopStatus | None = None
        self.problem = ""
        self._element_shown: str | None = "-"

    def compose(self) -> ComposeResult:
        yield Static(id="ws-heading")
        yield Static(id="ws-item")
        yield Static(id="ws-timer")
        with Container(id="ws-main"):
            yield from self.compose_side()
            with VerticalScroll(id="ws-body", can_focus=True):
                with Grid(id="ws-descriptors"):
                    for level in DESCRIBED:
                        yield Static(classes="ws-descriptor", id=f"ws-descriptor-{level.name.lower()}")
                yield Static(id="ws-evidence")
        yield Static(id="ws-votes")
        yield from self.compose_below()
        yield Footer()

    def compose_side(self) -> ComposeResult:
        """Widgets beside the element (the facilitator's agenda)."""
        yield from ()

    def compose_below(self) -> ComposeResult:
        """Widgets under the votes (the voter's choices)."""
        yield from ()

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(TIMER_INTERVAL, self.show_timer, name="workshop-timer")

    @on(EvaluationChanged)
    def _changed(self) -> None:
        """Someone committed: read the status again (one query; cheap next to a second's wait)."""
        self.reload()

    def reload(self) -> None:
        try:
            self.status = self.room.status()
        except ServiceError as exc:
            self.problem = str(exc)
        else:
            self.problem = ""
        self.redraw()

    def colours(self) -> Mapping[Level, str]:
        variables = self.app.theme_variables
        return {level: f"bold {variables.get(name, '')}".strip() for level, name in VARIABLES.items()}

    def redraw(self) -> None:
        status = self.status
        if status is None:
            self.query_one("#ws-item", Static).update(shown(self.problem))
            return
        current = status.current
        element = self.room.element(current.item.element_id if current else None)
        self.query_one("#ws-heading", Static).update(render.heading(status))
        item = render.item_heading(current, element)
        if self.problem:
            item.append_text(shown(f"\n{self.problem}", "bold"))
        self.query_one("#ws-item", Static).update(item)
        self.show_timer()
        key = element.id if element else None
        if key != self._element_shown:  # the descriptors change only with the item
            self._element_shown = key
            for level in DESCRIBED:
                box = self.query_one(f"#ws-descriptor-{level.name.lower()}", Static)
                box.update(render.descriptor(element, level) if element else "")
        self.query_one("#ws-evidence", Static).update(render.evidence(self.room.judgement(status)))
        self.query_one("#ws-votes", Static).update(render.votes_panel(current, self.colours(), named=self.NAMED_REASONS))

    def show_timer(self) -> None:
        current = self.status.current if self.status else None
        text, kind = render.timer_text(current, self.room.clock())
        timer = self.query_one("#ws-timer", Static)
        timer.update(text)
        timer.set_class(kind == "-warning", "-warning")
        timer.set_class(kind == "-overrun", "-overrun")


class ProjectorScreen(WorkshopScreen):
    """Read only: what the room sees. Up, down and the page keys scroll a long descriptor."""

    BINDINGS = [
        *WorkshopScreen.BINDINGS,
        Binding("q", "app.quit", "Quit", id="projector-quit", tooltip="Close the projector view"),
    ]

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "Projector"
        self.query_one("#ws-body").focus()
