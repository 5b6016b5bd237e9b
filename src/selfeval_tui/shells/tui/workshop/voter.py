"""The voter's screen: the current item and its descriptors, a silent vote with an optional reason.

Pick a level (or abstain) with the arrows and Enter; what is typed in the
reason box goes with it. The vote can be changed until the reveal (each change
is kept by the services, the latest counts); after it, everyone's votes and
reasons are shown with their names. Used by ``selfeval workshop join`` (and the
gateway's), by the browser (``workshop serve``) and from the chat when a
workshop of one's partnership is live.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from selfeval_tui.bank import Level
from selfeval_tui.domain.workshops import ItemState, level_title
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.workshop.screens import WorkshopScreen
from selfeval_tui.shells.workshop.words import CHOICES


class VoterScreen(WorkshopScreen):
    NAMED_REASONS = True

    BINDINGS = [
        *WorkshopScreen.BINDINGS,
        Binding("f2", "reason", "Reason", id="workshop-reason", tooltip="Type a reason to go with your vote"),
        Binding("f3", "choices", "Levels", id="workshop-choices", tooltip="Back to the levels to vote for"),
    ]

    def compose_below(self) -> ComposeResult:
        yield Static(id="ws-my-vote")
        yield OptionList(
            *(Option(level_title(level), id=level.name.lower() if level is not None else "abstain") for level in CHOICES),
            id="ws-choices",
        )
        yield Input(placeholder="Reason (optional): why this level?", id="ws-reason")

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = f"Voting as {self.room.voter}"
        self.query_one("#ws-reason", Input).cursor_blink = False
        self.query_one("#ws-choices", OptionList).focus()

    def redraw(self) -> None:
        super().redraw()
        if self.status is None:
            return
        current = self.status.current
        voting = current is not None and current.item.state is ItemState.VOTING
        self.set_class(voting, "-voting")
        mine = self.query_one("#ws-my-vote", Static)
        if current is None or not voting:
            mine.update("Voting is closed for now." if current is None or current.revealed else "Voting has not opened yet.")
            return
        try:
            vote = self.room.my_vote()
        except ServiceError as exc:
            mine.update(shown(str(exc), "bold"))
            return
        if vote is None:
            mine.update(Text("Choose a level and press Enter; nobody sees it until the reveal.", style="bold"))
            return
        said = Text.assemble(("Your vote: ", "bold"), level_title(vote.level))
        if vote.reason:
            said.append_text(shown(f" ({vote.reason})"))
        said.append(" - you can change it until the reveal.")
        mine.update(said)

    @on(OptionList.OptionSelected, "#ws-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        level = None if event.option.id == "abstain" else Level[str(event.option.id).upper()]
        self.cast_vote(level)

    @on(Input.Submitted, "#ws-reason")
    def _reason_done(self) -> None:
        """Enter in the reason box: back to the levels, and a reason typed after voting goes with the same level."""
        self.set_focus(self.query_one("#ws-choices", OptionList))
        try:
            vote = self.room.my_vote()
        except ServiceError:
            return
        if vote is not None:
            self.cast_vote(vote.level)

    def cast_vote(self, level: Level | None) -> None:
        try:
            self.room.vote(level, self.query_one("#ws-reason", Input).value.strip())
        except ServiceError as exc:
            self.reload()
            self.query_one("#ws-my-vote", Static).update(shown(f"Not counted: {exc}", "bold"))
            return
        self.reload()

    def action_reason(self) -> None:
        self.set_focus(self.query_one("#ws-reason", Input))

    def action_choices(self) -> None:
        self.set_focus(self.query_one("#ws-choices", OptionList))
