"""Action plans: what a partnership will do about each development focus, who owns it, by when, and how it went.

The development focus says what stops an element reaching its next level; a board
then asks who will do what, by when, and whether last year's actions were done
(section 248(4)(c) of the report asks what is proposed next). These are the plan's
types and rules, with no storage: the store keeps them, the services check who may
change them, the exports and shells show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from selfeval_tui.domain.records import NAME_LIMIT, NOTE_LIMIT, over_limit


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def words(self) -> str:
        return _STATUS_WORDS[self]

    @property
    def open(self) -> bool:
        """Still to do: carried to next year for review, and overdue once its date has passed."""
        return self in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


_STATUS_WORDS = {
    ActionStatus.PLANNED: "Planned",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}


class Resources(StrEnum):
    """Whether the resources the action needs are in place (WebCAF asks this of every planned action)."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not_known"

    @property
    def words(self) -> str:
        return {"yes": "Yes", "no": "No", "not_known": "Not known"}[self.value]


@dataclass(frozen=True, kw_only=True)
class Action:
    """One action of an evaluation's plan; ``criterion_id`` is the focus item it answers, when it answers one."""

    id: int
    evaluation_id: int
    element_id: str
    criterion_id: str | None
    what: str
    owner: str
    due: dt.date | None
    success_measure: str
    resources: Resources
    status: ActionStatus
    status_reason: str
    """Why it was dropped (required then), or a word on its status otherwise."""
    version: int
    created_by: str
    created_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime
    carried_from: int | None = None
    """The action of last year's plan this one continues, when it was carried forward for review."""

    def overdue(self, today: dt.date) -> bool:
        return self.status.open and self.due is not None and self.due < today


@dataclass(frozen=True, kw_only=True)
class ProgressNote:
    """A dated note of how an action is going, kept in order under its action."""

    action_id: int
    note: str
    written_by: str
    written_at: dt.datetime


@dataclass(frozen=True, kw_only=True)
class NoAction:
    """A focus item the partnership chose not to act on this year, and why: the plan stays complete and honest."""

    evaluation_id: int
    element_id: str
    criterion_id: str
    reason: str
    decided_by: str
    decided_at: dt.datetime


@dataclass(frozen=True, kw_only=True)
class ActionDraft:
    """What a person asks to save: checked by :func:`action_problems` before any store sees it."""

    element_id: str
    criterion_id: str | None
    what: str
    owner: str = ""
    due: dt.date | None = None
    success_measure: str = ""
    resources: Resources = Resources.NOT_KNOWN
    status: ActionStatus = ActionStatus.PLANNED
    status_reason: str = ""


def action_problems(draft: ActionDraft, element_ids: Iterable[str], criterion_ids: Mapping[str, Sequence[str]]) -> list[str]:
    """Every reason the draft cannot be saved, each one line; empty when it can.

    ``criterion_ids`` maps an element to its criteria, so an action cannot answer a
    criterion of another element or one the framework does not have.
    """
    problems: list[str] = []
    if draft.element_id not in set(element_ids):
        problems.append(f"there is no element {draft.element_id!r} in the framework")
    elif draft.criterion_id is not None and draft.criterion_id not in criterion_ids.get(draft.element_id, ()):
        problems.append(f"element {draft.element_id} has no criterion {draft.criterion_id!r}")
    if not draft.what.strip():
        problems.append("an action needs to say what will be done")
    if draft.status is ActionStatus.DROPPED and not draft.status_reason.strip():
        problems.append("a dropped action needs a reason")
    for what, text, limit in (
        ("What will be done", draft.what, NOTE_LIMIT),
        ("The owner", draft.owner, NAME_LIMIT),
        ("The success measure", draft.success_measure, NOTE_LIMIT),
        ("The reason", draft.status_reason, NOTE_LIMIT),
    ):
        refused = over_limit(what, text, limit)
        if refused:
            problems.append(refused)
    return problems


def parse_due(text: str) -> dt.date | None:
    """A due date typed as ``2027-03-31`` or ``31/03/2027`` (the English order); blank for none. ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"a due date looks like 2027-03-31 or 31/03/2027, not {text!r}")


@dataclass(frozen=True)
class FocusItem:
    """One criterion of an element's development focus, with what the plan says about it."""

    criterion_id: str
    label: str
    actions: tuple[Action, ...]
    no_action: NoAction | None

    @property
    def planned(self) -> bool:
        """Complete: it has an action, or a reason for having none."""
        return bool(self.actions) or self.no_action is not None


@dataclass(frozen=True)
class ElementPlan:
    """An element's development focus with the actions planned for each item, or why it has none."""

    element_id: str
    title: str
    focus: tuple[FocusItem, ...]
    other_actions: tuple[Action, ...]
    """Actions on the element that answer no current focus item (a criterion since met, or the element as a whole)."""

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for item in self.focus for a in item.actions) + self.other_actions

    @property
    def complete(self) -> bool:
        return all(item.planned for item in self.focus)


def element_plan(
    element_id: str,
    title: str,
    focus: Sequence[tuple[str, str]],
    actions: Sequence[Action],
    no_actions: Mapping[str, NoAction],
) -> ElementPlan:
    """The plan of one element: each focus item ``(criterion id, label)`` with its actions, in the order they were made."""
    mine = sorted((a for a in actions if a.element_id == element_id), key=lambda a: a.id)
    focus_ids = {criterion_id for criterion_id, _ in focus}
    items = tuple(
        FocusItem(criterion_id, label, tuple(a for a in mine if a.criterion_id == criterion_id), no_actions.get(criterion_id))
        for criterion_id, label in focus
    )
    others = tuple(a for a in mine if a.criterion_id not in focus_ids)
    return ElementPlan(element_id, title, items, others)
