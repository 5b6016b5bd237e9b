"""Submit, sign off or reopen the evaluation from the chat (F12): the TUI's twin of ``selfeval evaluation``.

Shows where the evaluation is in its cycle (docs/signoff.md) and every change so
far, and offers the one next step that state allows: Submit (a coordinator),
Sign off with a date and a comment (a chair or admin), or Reopen with a reason
(a chair or admin). The services decide who may; a refusal is shown as its one
line and nothing changes. Dismisses with a line for the transcript, or None.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Static

from selfeval_tui.conversation import Session
from selfeval_tui.domain.signoff import SignOff, date_words
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown

NEXT_STEP = {
    "draft": ("submit", "Submit for sign-off"),
    "reopened": ("submit", "Submit for sign-off"),
    "submitted": ("sign_off", "Sign off (locks it)"),
    "signed_off": ("reopen", "Reopen"),
}
"""The one change each state allows, and its button's label."""
WHAT = {"submit": "submitted", "sign_off": "signed off", "reopen": "reopened"}


class SignOffScreen(Page[str | None]):
    CSS_PATH = "signoff.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f12", "close", "Back to chat", id="close-sign-off"),
        Binding("escape", "close", "Back to chat", id="close-sign-off-escape", show=False),
    ]

    def __init__(self, session: Session, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.state = session.services.sign_off_state(session.actor, session.evaluation.id)
        self.sub_title = f"Sign-off {session.evaluation.year}"

    def compose_page(self) -> ComposeResult:
        change, label = NEXT_STEP[self.state.state]
        yield Header()
        with VerticalScroll(id="sign-off-body"):
            yield Static(shown(self.state.words), id="sign-off-state", classes="sign-off-heading")
            yield Static(self._history(self.state), id="sign-off-history")
            if change == "sign_off":
                with Horizontal(classes="sign-off-row"):
                    yield Label("Date", classes="sign-off-label")
                    yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="sign-off-date", compact=True)
            with Horizontal(classes="sign-off-row"):
                yield Label("Reason" if change == "reopen" else "Comment", classes="sign-off-label")
                yield Input(placeholder="required" if change == "reopen" else "optional", id="sign-off-comment", compact=True)
            yield Button(label, id="sign-off-go", variant="primary", compact=True)
            yield Static(id="sign-off-message")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#sign-off-comment", Input).focus()

    def _history(self, state: SignOff) -> str:
        if not state.events:
            return "Not yet submitted."
        lines = []
        for event in state.events:
            dated = f" (dated {date_words(event.signed_on)})" if event.signed_on else ""
            said = f": {event.comment}" if event.comment else ""
            lines.append(f"{event.changed_at.astimezone():%d %b %Y %H:%M} {WHAT[event.change]} by {event.changed_by}{dated}{said}")
        return "\n".join(lines)

    @on(Button.Pressed, "#sign-off-go")
    @on(Input.Submitted, "#sign-off-comment")
    def _go(self) -> None:
        change, _ = NEXT_STEP[self.state.state]
        session, message = self.session, self.query_one("#sign-off-message", Static)
        services, actor, evaluation_id = session.services, session.actor, session.evaluation.id
        comment = self.query_one("#sign-off-comment", Input).value
        try:
            if change == "submit":
                state = services.submit(actor, evaluation_id, comment)
            elif change == "sign_off":
                state = services.sign_off(actor, evaluation_id, self._date(), comment)
            else:
                state = services.reopen(actor, evaluation_id, comment)
        except (ServiceError, ValueError) as exc:
            message.update(shown(f"Not {WHAT[change]}: {exc}"))
            return
        self.dismiss(f"{session.evaluation.year}: {state.words}.")

    def _date(self) -> dt.date:
        text = self.query_one("#sign-off-date", Input).value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"the date must be a real date written YYYY-MM-DD, not {text!r}") from None

    def action_close(self) -> None:
        self.dismiss(None)
