"""The action plan: every development focus item with its actions, owners, dates and status, editable in place.

One row per action, and one per focus item that has none (not yet planned, or
a reason for no action), in framework order, so a gap in the plan is a row to
act on rather than something missing. Overdue actions say "overdue" in words, not
only in colour. Keys act on the highlighted row: ``a`` adds an action, Enter or
``e`` edits one, ``n`` records why a focus item gets none, ``p`` adds a progress
note; ``f`` and ``o`` filter. The editors open over the table (plan_forms.py), and
every change is saved before the table is redrawn.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Input, Static

from selfeval_tui.conversation import Session
from selfeval_tui.conversation.progress import evaluation_progress
from selfeval_tui.domain.actions import (
    Action,
    ActionDraft,
    ActionStatus,
    ElementPlan,
    FocusItem,
    element_plan,
)
from selfeval_tui.services.actions import PlanRecords
from selfeval_tui.services.actor import Actor
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.screens.plan_forms import ActionEditor, Editor, LineEditor
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.widgets.ordered import OrderedTable
from selfeval_tui.services.errors import ServiceError

FILTERS = ("all", "overdue", "mine", "open", "done", "dropped", "not planned")
"""What ``f`` cycles through; ``o`` narrows to one owner instead."""


@dataclass(frozen=True)
class PlanRow:
    """A row of the table: an action, or a focus item with none."""

    element_id: str
    item: FocusItem | None
    action: Action | None

    @property
    def key(self) -> str:
        if self.action is not None:
            return f"action:{self.action.id}"
        assert self.item is not None
        return f"focus:{self.element_id}:{self.item.criterion_id}"


def status_words(action: Action, today: dt.date) -> str:
    return f"{action.status.words}, overdue" if action.overdue(today) else action.status.words


def attempt(change: Callable[[], object]) -> str | None:
    """Make one change to the plan: None once it is saved, or the one line saying why it was refused."""
    try:
        change()
    except ServiceError as error:
        return error.message
    return None


def _rows(plans: list[ElementPlan]) -> list[PlanRow]:
    rows: list[PlanRow] = []
    for plan in plans:
        for item in plan.focus:
            rows.extend(PlanRow(plan.element_id, item, a) for a in item.actions)
            if not item.actions:
                rows.append(PlanRow(plan.element_id, item, None))
        rows.extend(PlanRow(plan.element_id, None, a) for a in plan.other_actions)
    return rows


class PlanScreen(Page[None]):
    CSS_PATH = "plan.tcss"
    # Priority bindings, so the app acts on them before it hands the next key on: after "a", the
    # editor is open with its first field focused, and the rest of a burst typed over SSH lands there.
    # While an editor is open, the letters type (check_action) and Enter, Ctrl+S and Escape drive it.
    BINDINGS = [
        Binding("a", "add", "Add action", id="plan-add", tooltip="Add an action for the highlighted focus item", priority=True),
        Binding("e", "edit", "Edit", id="plan-edit", tooltip="Edit the highlighted action (Enter does too)", priority=True),
        Binding("n", "no_action", "No action", id="plan-no-action", tooltip="Record why a focus item gets no action", priority=True),
        Binding("p", "progress", "Progress", id="plan-progress", tooltip="Add a dated progress note to the action", priority=True),
        Binding("f", "filter", "Filter", id="plan-filter", tooltip="Show all, overdue, mine, open, done, dropped or unplanned", priority=True),
        Binding("o", "owner", "Owner", id="plan-owner", tooltip="Show one owner's actions, each in turn", priority=True),
        Binding("enter", "enter", "Edit", id="plan-enter", show=False, priority=True),
        Binding("ctrl+s", "save", "Save", id="plan-save", tooltip="Save the open editor", priority=True),
        Binding("escape", "escape", "Back", id="plan-escape", tooltip="Close the editor, or go back to the chat", priority=True),
        Binding("f7,q", "close", "Back", id="close-plan", tooltip="Back to the chat"),
    ]
    TABLE_KEYS = {"add", "edit", "no_action", "progress", "filter", "owner", "close"}
    """Actions of the table, which are keys to type while an editor is open."""

    def __init__(self, session: Session, actor: Actor, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.actor = actor
        self.today = today
        self.services = session.services
        self.sub_title = "Action plan"
        self.filter = FILTERS[0]
        self.owner: str | None = None
        self.records = PlanRecords((), {}, {})
        self.plans: list[ElementPlan] = []
        self.rows: dict[str, PlanRow] = {}
        self._filled_width = 0

    def compose_page(self) -> ComposeResult:
        yield Header()
        yield Static(id="plan-summary")
        yield OrderedTable(id="plan", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-detail")
        yield ActionEditor()
        yield LineEditor()
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.reread()
        self.query_one(DataTable).focus()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._filled_width:
            self._fill(event.size.width)

    # -- reading -------------------------------------------------------------

    def reread(self) -> None:
        """Read the plan and the ratings again (someone may have changed either) and redraw."""
        stored = self.session.snapshot()
        progress = evaluation_progress(self.session.framework, stored.answers, stored.judgements, self.session.conversation.mode)
        self.records = self.services.plan_records(self.actor, self.session.evaluation)
        self.plans = []
        for element in self.session.framework.elements:
            judgement = progress[element.id].judgement
            focus = [(s.criterion.id, s.criterion.label) for s in judgement.focus] if progress[element.id].started else []
            reasons = {c: r for (e, c), r in self.records.no_actions.items() if e == element.id}
            plan = element_plan(element.id, element.title, focus, self.records.actions, reasons)
            if plan.focus or plan.actions:
                self.plans.append(plan)
        self._fill(self.app.size.width)

    def _wanted(self, row: PlanRow) -> bool:
        action = row.action
        if self.owner is not None:
            return action is not None and action.owner.casefold() == self.owner.casefold()
        if self.filter == "all":
            return True
        if self.filter == "not planned":
            return action is None and row.item is not None and row.item.no_action is None
        if action is None:
            return False
        return {
            "overdue": action.overdue(self.today),
            "mine": self._mine(action),
            "open": action.status.open,
            "done": action.status is ActionStatus.DONE,
            "dropped": action.status is ActionStatus.DROPPED,
        }[self.filter]

    def _mine(self, action: Action) -> bool:
        names = {self.actor.name.casefold(), self.actor.shown_name.casefold()}
        return action.owner.casefold() in names or action.created_by == self.actor.name

    def _summary(self) -> Text:
        actions = self.records.actions
        overdue = sum(a.overdue(self.today) for a in actions)
        items = [item for plan in self.plans for item in plan.focus]
        unplanned = sum(not item.planned for item in items)
        showing = f"owner {self.owner}" if self.owner is not None else self.filter
        return Text.assemble(
            (f"{len(actions)} action{'s' if len(actions) != 1 else ''}", "bold"),
            f", {overdue} overdue. Focus items: {len(items)}, {unplanned} not yet planned. Showing: ",
            (showing, "bold"),
            ".",
        )

    def _fill(self, width: int) -> None:
        """Columns sized to the terminal; the full text of the highlighted row is under the table."""
        self._filled_width = width
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        self.rows = {row.key: row for row in _rows(self.plans) if self._wanted(row)}
        what_width = max(16, width - 4 - 12 - 10 - 16 - 14)
        table.add_column("El.", width=4)
        table.add_column("Action (or focus item)", width=what_width)
        table.add_column("Owner", width=12)
        table.add_column("Due", width=10)
        table.add_column("Status", width=16)
        for key, row in self.rows.items():
            table.add_row(*self._cells(row), key=key)
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        self.query_one("#plan-summary", Static).update(self._summary())
        self._show_detail(table.cursor_row)

    def _cells(self, row: PlanRow) -> tuple[Text, ...]:
        action = row.action
        if action is None:
            assert row.item is not None
            state = "No action" if row.item.no_action is not None else "Not planned"
            return (Text(row.element_id), Text(row.item.label, style="italic"), Text(""), Text(""), Text(state))
        due = action.due.isoformat() if action.due else "no date"
        status = status_words(action, self.today)
        return (
            Text(row.element_id),
            shown(action.what),
            shown(action.owner),
            Text(due),
            Text(status, style="bold" if action.overdue(self.today) else ""),
        )

    # -- the highlighted row -------------------------------------------------------

    async def _row_chosen(self) -> PlanRow | None:
        """The highlighted row once the table has taken the keys sent ahead (a Down before "a")."""
        await self._taken([self.query_one(DataTable)])
        return self._current()

    def _current(self) -> PlanRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        key = list(self.rows)[min(table.cursor_row, len(self.rows) - 1)]
        return self.rows[key]

    def _show_detail(self, _row: int) -> None:
        row = self._current()
        detail = self.query_one("#plan-detail", Static)
        if row is None:
            detail.update("Nothing to show with this filter: f changes it.")
            return
        parts: list[str | tuple[str, str] | Text] = []
        if row.item is not None:
            parts += [("Focus: ", "bold"), shown(row.item.label), "\n"]
        if row.action is not None:
            action = row.action
            parts += [("Action: ", "bold"), shown(action.what), "\n"]
            if action.success_measure:
                parts += [("Success measure: ", "bold"), shown(action.success_measure), "  "]
            parts += [("Resources in place: ", "bold"), action.resources.words]
            if action.status_reason:
                parts += ["  ", ("Reason: ", "bold"), shown(action.status_reason)]
            notes = self.records.progress_notes.get(action.id, ())
            if notes:
                latest = notes[-1]
                parts += ["\n", ("Latest progress: ", "bold"), f"{latest.written_at.date().isoformat()} {latest.written_by}: ", shown(latest.note)]
        elif row.item is not None and row.item.no_action is not None:
            parts += [("No action: ", "bold"), shown(row.item.no_action.reason)]
        else:
            parts += ["a adds an action for it; n records why it gets none this year."]
        detail.update(Text.assemble(*parts))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _editor(self) -> Editor | None:
        """The editor that is open, if one is."""
        return next((editor for editor in self.query(Editor) if editor.display), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        editor = self._editor()
        if editor is None:
            return action != "save"
        if action in self.TABLE_KEYS:
            return False  # a letter typed into the editor's field
        if action == "enter":
            return isinstance(self.focused, Input)  # on a choice, Enter opens it
        return True

    def _close_editor(self, editor: Editor) -> None:
        editor.display = False
        self.reread()
        self.set_focus(self.query_one(DataTable))

    @staticmethod
    async def _taken(widgets: Iterable[Widget]) -> None:
        """Until each widget has taken the keys already sent to it. The app acts on this screen's keys as
        soon as they arrive, so without this, Ctrl+S would read a field before the text typed just ahead of
        it, and "a" would act on the row above the one a Down just ahead of it moves to."""
        for widget in widgets:
            taken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            widget.call_later(taken.set_result, None)
            await taken

    async def action_enter(self) -> None:
        editor = self._editor()
        if editor is None:
            await self.action_edit()
            return
        if editor.saves_on_enter:
            await self._taken(editor.query(Input))
        if editor.enter():
            self._close_editor(editor)

    async def action_save(self) -> None:
        editor = self._editor()
        if editor is None:
            return
        await self._taken(editor.query(Input))
        if editor.submit():
            self._close_editor(editor)

    def action_escape(self) -> None:
        editor = self._editor()
        if editor is None:
            self.action_close()
        else:
            editor.display = False
            self.set_focus(self.query_one(DataTable))

    # -- changing the plan ---------------------------------------------------------

    async def action_add(self) -> None:
        row = await self._row_chosen()
        if row is None:
            return
        criterion = row.item.criterion_id if row.item is not None else None
        label = row.item.label if row.item is not None else f"{row.element_id} as a whole"
        draft = ActionDraft(element_id=row.element_id, criterion_id=criterion, what="")

        def save(new: ActionDraft) -> str | None:
            return attempt(lambda: self.services.add_action(self.actor, self.session.framework, self.session.evaluation, new))

        self.query_one(ActionEditor).open(f"New action: {label}", draft, save)

    async def action_edit(self) -> None:
        row = await self._row_chosen()
        if row is None:
            return
        if row.action is None:
            await self.action_add()
            return
        action = row.action
        draft = ActionDraft(
            element_id=action.element_id, criterion_id=action.criterion_id, what=action.what, owner=action.owner,
            due=action.due, success_measure=action.success_measure, resources=action.resources,
            status=action.status, status_reason=action.status_reason,
        )  # fmt: skip

        def save(new: ActionDraft) -> str | None:
            return attempt(lambda: self.services.update_action(self.actor, self.session.framework, action, new))

        self.query_one(ActionEditor).open(f"Action on {action.element_id}", draft, save)

    async def action_no_action(self) -> None:
        row = await self._row_chosen()
        if row is None or row.item is None or row.action is not None:
            self.notify("n is for a focus item with no action: highlight one", severity="warning")
            return
        item, element_id = row.item, row.element_id
        current = item.no_action.reason if item.no_action is not None else ""

        def save(reason: str) -> str | None:
            evaluation, criterion, framework = self.session.evaluation, item.criterion_id, self.session.framework
            if reason.strip():
                return attempt(
                    lambda: self.services.no_action(self.actor, framework, evaluation, element_id, criterion, reason)
                )
            return attempt(lambda: self.services.clear_no_action(self.actor, evaluation, element_id, criterion))

        self.query_one(LineEditor).open(f"Why no action on: {item.label}", "Reason (blank clears)", current, save)

    async def action_progress(self) -> None:
        row = await self._row_chosen()
        if row is None or row.action is None:
            self.notify("p is for an action: highlight one", severity="warning")
            return
        action = row.action

        def save(note: str) -> str | None:
            return attempt(lambda: self.services.add_progress(self.actor, action, note))

        self.query_one(LineEditor).open(f"Progress on: {action.what}", "Progress note", "", save)

    def action_filter(self) -> None:
        self.owner = None
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill(self.app.size.width)

    def action_owner(self) -> None:
        owners = sorted({a.owner for a in self.records.actions if a.owner.strip()}, key=str.casefold)
        if not owners:
            self.notify("No action has an owner yet", severity="warning")
            return
        following = owners.index(self.owner) + 1 if self.owner in owners else 0
        self.owner = owners[following] if following < len(owners) else None
        self._fill(self.app.size.width)

    def action_close(self) -> None:
        self.dismiss(None)
