"""The facilitator's screen: the projector's view with the agenda beside it and a key for every step.

Keyboard only. The agenda's highlighted item is the one ``o`` opens; the other
keys act on the item being discussed: ``v`` opens voting, ``r`` reveals,
``shift+r`` starts a re-vote (a new round; the earlier ones are kept), ``t``
enters a show of hands, ``a`` records the agreed rating with its reason and any
dissent, ``n`` moves on, ``+``/``-`` extend or cut the timebox by a minute,
``p`` parks the item for later. A refusal or a mistake is one line under the
heading; nothing is half done (each step is one services call).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from selfeval_tui.domain.workshops import (
    Dissent,
    parse_dissent,
    parse_level,
    parse_tally,
)
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.workshop.screens import WorkshopScreen
from selfeval_tui.shells.workshop import words

MINUTE = 60


class FacilitatorScreen(WorkshopScreen):
    NAMED_REASONS = True

    BINDINGS = [
        *WorkshopScreen.BINDINGS,
        Binding("o", "open_item", "Open item", id="workshop-open", tooltip="Open the highlighted agenda item"),
        Binding("v", "open_voting", "Vote", id="workshop-voting", tooltip="Open silent voting on the current item"),
        Binding("r", "reveal", "Reveal", id="workshop-reveal", tooltip="Show everyone's votes"),
        Binding("R", "revote", "Re-vote", id="workshop-revote", tooltip="A new round; earlier rounds are kept"),
        Binding("t", "tally", "Hands", id="workshop-tally", tooltip="Enter a show of hands: Established 3, Developed 2"),
        Binding("a", "agree", "Agree", id="workshop-agree", tooltip="Record the agreed rating, reason and dissent"),
        Binding("n", "next_item", "Next", id="workshop-next", tooltip="Move on to the next agenda item"),
        Binding("p", "park", "Park", id="workshop-park", tooltip="Park the current item for later"),
        Binding("plus,equals_sign", "extend", "+1 min", id="workshop-extend", tooltip="Extend the timebox by a minute"),
        Binding("minus", "cut", "-1 min", id="workshop-cut", tooltip="Cut the timebox by a minute"),
    ]

    def compose_side(self) -> ComposeResult:
        yield OptionList(id="ws-agenda")

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = "Facilitator"
        self.query_one("#ws-agenda", OptionList).focus()

    def redraw(self) -> None:
        super().redraw()
        if self.status is None:
            return
        agenda = self.query_one("#ws-agenda", OptionList)
        highlighted = agenda.highlighted
        titles = self.room.titles()
        now = self.room.clock()
        agenda.set_options(
            Option(shown(words.agenda_line(self.status, position, titles, now)), id=item.element_id)
            for position, item in enumerate(self.status.agenda)
        )
        current = self.status.current
        if highlighted is None and current is not None:
            highlighted = next(
                (i for i, item in enumerate(self.status.agenda) if item.element_id == current.item.element_id), 0
            )
        agenda.highlighted = highlighted if highlighted is not None else 0

    def act(self, step: Callable[[], None]) -> None:
        """One step through the services, then the status again; a refusal is said, not raised."""
        try:
            step()
        except ServiceError as exc:
            self.reload()
            self.problem = str(exc)
            self.redraw()
            return
        self.reload()

    def action_open_item(self) -> None:
        agenda = self.query_one("#ws-agenda", OptionList)
        if agenda.highlighted is None:
            return
        element_id = agenda.get_option_at_index(agenda.highlighted).id
        if element_id is not None:
            self.act(lambda: self.room.open_item(element_id))

    def action_open_voting(self) -> None:
        self.act(self.room.open_voting)

    def action_reveal(self) -> None:
        self.act(self.room.reveal)

    def action_revote(self) -> None:
        self.act(self.room.revote)

    def action_next_item(self) -> None:
        self.act(self.room.next_item)

    def action_park(self) -> None:
        self.act(self.room.park)

    def action_extend(self) -> None:
        self.act(lambda: self.room.extend(MINUTE))

    def action_cut(self) -> None:
        self.act(lambda: self.room.extend(-MINUTE))

    def action_tally(self) -> None:
        self.app.push_screen(TallyForm(self))

    def action_agree(self) -> None:
        self.app.push_screen(AgreeForm(self))


class StepForm(ModalScreen[None]):
    """A few fields over the facilitator's screen: Enter moves on, Enter in the last saves, Escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Cancel", id="workshop-form-cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="workshop-form-save", tooltip="Save what is typed"),
    ]
    TITLE_TEXT = ""
    FIELDS: tuple[tuple[str, str], ...] = ()
    """(id, placeholder) of each field."""

    def __init__(self, facilitator: FacilitatorScreen) -> None:
        super().__init__()
        self.facilitator = facilitator

    def compose(self) -> ComposeResult:
        with Vertical(id="ws-form"):
            yield Static(self.TITLE_TEXT, id="ws-form-title")
            for field_id, placeholder in self.FIELDS:
                yield Input(placeholder=placeholder, id=field_id)
            yield Static(id="ws-form-problem")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.prefill()
        self.query(Input).first().focus()

    def prefill(self) -> None:
        """Fields filled before typing (the agreed level's likeliest value)."""

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            self.set_focus(fields[index + 1])  # now, not after the keys already typed
        else:
            self.action_save()

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def action_close(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            self.save()
        except (ValueError, ServiceError) as exc:
            self.query_one("#ws-form-problem", Static).update(shown(str(exc)))
            return
        self.facilitator.reload()
        self.dismiss(None)

    def save(self) -> None:
        raise NotImplementedError


class AgreeForm(StepForm):
    TITLE_TEXT = "Agreed rating for the current item (Enter moves on; Ctrl+S saves; Esc cancels)"
    FIELDS = (
        ("ws-agree-level", "level: not_yet, developing, developed, established or enhancing"),
        ("ws-agree-reason", "reason"),
        ("ws-agree-dissent", "dissent, if any: NAME: why; NAME: why"),
    )

    def prefill(self) -> None:
        """The level most people chose, when the votes are revealed: often what the room agrees."""
        status = self.facilitator.status
        current = status.current if status else None
        if current is None or not current.distribution:
            return
        counted = {level: count for level, count in current.distribution.items() if level is not None}
        if counted:
            level = max(counted, key=lambda lv: (counted[lv], -int(lv)))
            self.query_one("#ws-agree-level", Input).value = level.name.lower()

    def save(self) -> None:
        level = parse_level(self.value("ws-agree-level"))
        if level is None:
            raise ValueError("an agreed rating is a level, not an abstention")
        dissent: list[Dissent] = [parse_dissent(part) for part in self.value("ws-agree-dissent").split(";") if part.strip()]
        self.facilitator.room.agree(level, self.value("ws-agree-reason").strip(), dissent)


class TallyForm(StepForm):
    TITLE_TEXT = "Show of hands in this round (Enter saves; Esc cancels)"
    FIELDS = (("ws-tally", "Established 3, Developed 2"),)

    def save(self) -> None:
        self.facilitator.room.tally(parse_tally(self.value("ws-tally")))
