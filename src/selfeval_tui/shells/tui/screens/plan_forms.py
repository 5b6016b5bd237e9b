"""The action plan's editors, built into the plan screen: an action's fields, and one line of text.

They are widgets of the plan screen, composed with it and shown over the table,
rather than screens of their own: opening one and focusing its first field happen
in the same step as the key that asked for it, so the keys that follow (an action's
text sent in one burst over SSH) land in its fields, never in a screen still being
built. Each editor saves through the function it is given and stays open with the
one-line refusal under its fields, so nothing typed is lost to a bad date or to a
change someone else made meanwhile. Fields are compact (one line each) so the
whole editor fits 80x22.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from selfeval_tui.domain.actions import ActionDraft, ActionStatus, Resources, parse_due
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.widgets.ordered import OrderedInput

RESOURCE_CHOICES = [(r.words, r) for r in Resources]
STATUS_CHOICES = [(s.words, s) for s in ActionStatus]
KEYS_LINE = "Enter: next field · Ctrl+S: save · Escape: close without saving"


def _row(label: str, field: Input | Select[Resources] | Select[ActionStatus]) -> Horizontal:
    return Horizontal(Label(label, classes="plan-form-label"), field, classes="plan-form-row")


class Editor(Vertical):
    """What both editors share: a title, fields, a refusal line and the keys; hidden until opened."""

    saves_on_enter = False
    """Whether Enter saves (a one-line editor) rather than moving to the next field."""

    def compose(self) -> ComposeResult:
        yield Static(classes="plan-form-title")
        yield from self.compose_fields()
        yield Static(classes="plan-form-error")
        yield Static(KEYS_LINE, classes="plan-form-keys")

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False  # a blinking cursor repaints the field twice a second over SSH

    def show(self, title: str) -> None:
        """Open with ``title``, no refusal, and the first field focused at once (not after a refresh)."""
        self.query_one(".plan-form-title", Static).update(shown(title))
        self.query_one(".plan-form-error", Static).update("")
        self.display = True
        self.screen.set_focus(self.query(Input).first())

    def refuse(self, line: str) -> None:
        self.query_one(".plan-form-error", Static).update(shown(line))

    def enter(self) -> bool:
        """Enter in a field: the next field (as on the start form); True when that saved and closed the editor."""
        self.screen.focus_next()
        return False

    def submit(self) -> bool:
        """Save what the fields hold; False (with the refusal shown) when it cannot be saved."""
        raise NotImplementedError


class ActionEditor(Editor):
    def __init__(self) -> None:
        super().__init__(id="action-editor", classes="plan-form")
        self.draft = ActionDraft(element_id="", criterion_id=None, what="")
        self.save: Callable[[ActionDraft], str | None] = lambda _draft: None

    def compose_fields(self) -> ComposeResult:
        yield _row("What will be done", OrderedInput(id="plan-what", compact=True, placeholder="what will be done"))
        yield _row("Owner", OrderedInput(id="plan-owner", compact=True, placeholder="a person or organisation"))
        yield _row("Due", OrderedInput(id="plan-due", compact=True, placeholder="2027-03-31 or 31/03/2027"))
        yield _row("Success measure", OrderedInput(id="plan-measure", compact=True, placeholder="how the partnership will know"))
        yield _row("Resources in place", Select(RESOURCE_CHOICES, allow_blank=False, id="plan-resources", compact=True))
        yield _row("Status", Select(STATUS_CHOICES, allow_blank=False, id="plan-status", compact=True))
        yield _row("Reason", OrderedInput(id="plan-reason", compact=True, placeholder="needed when dropped"))

    def open(self, title: str, draft: ActionDraft, save: Callable[[ActionDraft], str | None]) -> None:
        self.draft, self.save = draft, save
        for field_id, value in (
            ("plan-what", draft.what), ("plan-owner", draft.owner), ("plan-due", draft.due.isoformat() if draft.due else ""),
            ("plan-measure", draft.success_measure), ("plan-reason", draft.status_reason),
        ):  # fmt: skip
            self.query_one(f"#{field_id}", Input).value = value
        self.query_one("#plan-resources", Select).value = draft.resources
        self.query_one("#plan-status", Select).value = draft.status
        self.show(title)

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def submit(self) -> bool:
        try:
            due = parse_due(self._text("plan-due"))
        except ValueError as error:
            self.refuse(str(error))
            self.screen.set_focus(self.query_one("#plan-due", Input))
            return False
        resources = self.query_one("#plan-resources", Select).value
        status = self.query_one("#plan-status", Select).value
        assert isinstance(resources, Resources) and isinstance(status, ActionStatus)  # allow_blank=False
        draft = ActionDraft(
            element_id=self.draft.element_id,
            criterion_id=self.draft.criterion_id,
            what=self._text("plan-what"),
            owner=self._text("plan-owner").strip(),
            due=due,
            success_measure=self._text("plan-measure"),
            resources=resources,
            status=status,
            status_reason=self._text("plan-reason"),
        )
        refusal = self.save(draft)
        if refusal is not None:
            self.refuse(refusal)
        return refusal is None


class LineEditor(Editor):
    """One line of text: a progress note, or why a focus item gets no action. Enter saves."""

    def __init__(self) -> None:
        super().__init__(id="line-editor", classes="plan-form")
        self.save: Callable[[str], str | None] = lambda _text: None

    def compose_fields(self) -> ComposeResult:
        yield _row("", OrderedInput(id="plan-text", compact=True))

    def open(self, title: str, label: str, value: str, save: Callable[[str], str | None]) -> None:
        self.save = save
        self.query_one(".plan-form-label", Label).update(label)
        self.query_one("#plan-text", Input).value = value
        self.show(title)

    saves_on_enter = True

    def enter(self) -> bool:
        return self.submit()

    def submit(self) -> bool:
        refusal = self.save(self.query_one("#plan-text", Input).value)
        if refusal is not None:
            self.refuse(refusal)
        return refusal is None
