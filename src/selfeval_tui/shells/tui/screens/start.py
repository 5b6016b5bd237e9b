"""Pick a partnership and academic year, or create one.

The most recently changed evaluation is first and highlighted, so a returning
coordinator presses Enter and is back at their question. Creating asks only
what the store needs (name, local authority, year) and whether to start from
last year's answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Static,
)
from textual.widgets.option_list import Option

from selfeval_tui.domain.progress import AnswerCount
from selfeval_tui.domain.records import Evaluation, check_academic_year
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.services.partnerships import academic_year
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.workbench import NewEvaluation, Workbench

if TYPE_CHECKING:
    from selfeval_tui.shells.tui.app import SelfEvalApp


NEXT_FIELD = {"new-name": "new-la", "new-la": "new-year", "new-year": "create"}
"""Where Enter goes from each text field of the form."""


class TickBox(Checkbox):
    """Textual's checkbox draws the same X ticked or not (only its colour changes): unreadable without colour."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class StartScreen(Page[None]):
    """Its styles (start.tcss) are loaded by the app, with its own (see ``SelfEvalApp.CSS_PATH``)."""

    BINDINGS = [
        # Priority, like tab: keys typed after these must land in the field they move to, not the one being left.
        Binding(
            "ctrl+n", "new", "New evaluation", id="new-evaluation", priority=True,
            tooltip="Move to the form for a new evaluation",
        ),
        Binding(
            "ctrl+o", "recent", "Open existing", id="open-existing", priority=True,
            tooltip="Move to the list of evaluations",
        ),
        Binding(
            "f8", "rollup", "Roll-up", id="open-rollup",
            tooltip="The roll-up across the partnerships you may see: ratings, sign-off, shared themes (LA officers)",
        ),
        Binding(
            "enter", "next_field", "Next field", id="next-field", show=False, priority=True,
            tooltip="In the form: move to the next field (Enter on Create makes the evaluation)",
        ),
    ]

    def __init__(self, workbench: Workbench, prefill: NewEvaluation | None = None) -> None:
        super().__init__()
        self.workbench = workbench
        self.prefill = prefill or NewEvaluation()
        self.sub_title = "Choose an evaluation"
        self.evaluations: dict[str, Evaluation] = {}

    def compose_page(self) -> ComposeResult:
        services, actor = self.workbench.services, self.workbench.actor
        names = {p.id: p for p in services.partnerships(actor)}
        evaluations = services.evaluations(actor)
        self.evaluations = {str(e.id): e for e in evaluations}
        counts = services.answer_counts(actor, self.workbench.framework)
        overdue = services.overdue_actions(actor, self.workbench.today)  # one query, as the counts are
        yield Header()
        with VerticalScroll(id="start-body"):
            yield Static("Continue an evaluation (most recent first)", classes="start-heading")
            if evaluations:
                yield OptionList(
                    *(
                        Option(
                            self._describe(
                                e,
                                names[e.partnership_id].name,
                                names[e.partnership_id].local_authority,
                                counts.get(e.id, AnswerCount(0, 0)),
                                overdue.get(e.id, 0),
                            ),
                            id=str(e.id),
                        )
                        for e in evaluations
                    ),
                    id="recent",
                )
            else:
                yield Static("No evaluations in this database yet: create one below.", id="recent-empty")
            yield Static("New evaluation", classes="start-heading")
            with Horizontal(classes="form-row"):
                yield Label("Partnership", classes="form-label")
                yield Input(self.prefill.name, placeholder="name of the partnership", id="new-name", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Local authority", classes="form-label")
                yield Input(self.prefill.local_authority, placeholder="optional", id="new-la", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Academic year", classes="form-label")
                year = self.prefill.year or academic_year(self.workbench.today)
                yield Input(year, placeholder="2026/27", id="new-year", compact=True)
            with Horizontal(classes="form-row"):
                yield TickBox(
                    "Start from last year's answers (each to be confirmed)",
                    self.prefill.carry_forward,
                    id="new-carry",
                    compact=True,
                )
                yield Button("Create", id="create", variant="primary", compact=True)
            yield Static(self._prefill_note(), id="start-message")
        yield Footer()

    def _describe(
        self, evaluation: Evaluation, name: str, local_authority: str, count: AnswerCount, overdue: int
    ) -> Text:
        """One evaluation: partnership, year, answers so far, and how many actions are overdue, in words."""
        where = f" ({local_authority})" if local_authority else ""
        late = f"  {overdue} action{'s' if overdue != 1 else ''} overdue" if overdue else ""
        return shown(f"{name}{where}  {evaluation.year}  {count.text}{late}")

    def _prefill_note(self) -> Text:
        if not self.prefill.name:
            return Text()
        name, year = self.prefill.name, self.prefill.year
        return shown(f"There is no {year} evaluation for {name} yet. Press Enter on Create to start it.")

    def on_mount(self) -> None:
        if self.prefill.name:
            self.query_one("#create", Button).focus()
        elif self.evaluations:
            self.query_one("#recent", OptionList).focus()
        else:
            self.query_one("#new-name", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter moves on only from the form's text fields; elsewhere it does what it does (open, tick, create)."""
        if action == "next_field":
            return self.focused is not None and self.focused.id in NEXT_FIELD
        return True

    def action_next_field(self) -> None:
        """Creating is explicit (Enter on Create): an Enter in the name field must not skip the local authority."""
        if self.focused is not None and self.focused.id in NEXT_FIELD:
            self.set_focus(self.query_one(f"#{NEXT_FIELD[self.focused.id]}"))  # now: widget.focus() waits a turn

    def action_new(self) -> None:
        self.set_focus(self.query_one("#new-name", Input))  # now, so the keys typed after ctrl+n land there

    def action_recent(self) -> None:
        if self.evaluations:
            self.set_focus(self.query_one("#recent", OptionList))

    def action_rollup(self) -> None:
        """Open the roll-up; someone without the right to one is told why in one line, and stays here."""
        from selfeval_tui.exports.rollup import build, local_entries
        from selfeval_tui.shells.tui.screens.rollup import RollupScreen

        bench = self.workbench
        try:
            local = local_entries(bench.services, bench.actor, bench.framework, local_authority=None, year=None)
        except ServiceError as exc:
            self.notify(shown(str(exc)).plain, severity="warning")
            return
        self.app.push_screen(RollupScreen(build(bench.framework, local, date=bench.today)))

    @on(OptionList.OptionSelected, "#recent")
    def _open(self, event: OptionList.OptionSelected) -> None:
        """A grant revoked since the list was drawn is one line under it, not the end of the app."""
        try:
            cast("SelfEvalApp", self.app).open_evaluation(self.evaluations[event.option_id or ""])
        except ServiceError as exc:
            self.query_one("#start-message", Static).update(shown(f"Not opened: {exc}"))

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        message = self.query_one("#start-message", Static)
        name = self.query_one("#new-name", Input).value.strip()
        year = self.query_one("#new-year", Input).value.strip()
        if not name:
            message.update("Give the partnership a name.")
            self.query_one("#new-name", Input).focus()
            return
        try:
            check_academic_year(year)
        except ValueError as exc:
            message.update(shown(str(exc).capitalize() + "."))
            self.query_one("#new-year", Input).focus()
            return
        services, actor = self.workbench.services, self.workbench.actor
        try:
            evaluation = services.find(actor, name, year).evaluation or services.create(
                actor,
                self.workbench.framework,
                name,
                year,
                local_authority=self.query_one("#new-la", Input).value.strip(),
                carry_forward=self.query_one("#new-carry", TickBox).value,
            )
        except ServiceError as exc:
            message.update(shown(f"Not created: {exc}"))
            return
        cast("SelfEvalApp", self.app).open_evaluation(evaluation)
