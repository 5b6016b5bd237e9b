"""The action plan: per element, each development focus item with its actions, owners, dates and status.

Laid out by strand and element as the overview is, so a board reads the plan
beside the ratings. Every focus item appears: with its actions, with the reason
the partnership chose not to act, or as not yet planned, so a gap in the plan is
visible rather than silently missing. Overdue actions say so in words.
"""

from __future__ import annotations

from collections import Counter

from selfeval_tui.domain.actions import Action, ActionStatus, ElementPlan
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.data import ElementReport, ExportData
from selfeval_tui.exports.markdown_overview import subtitle
from selfeval_tui.exports.words import (
    NOTHING,
    date_text,
    element_label,
    rating_text,
    strand_label,
)

NOT_PLANNED = "Not yet planned"
WHOLE_ELEMENT = "The element as a whole"
HEADER = ["Focus item", "Action", "Owner", "Due", "Resources in place", "Status"]


def status_text(action: Action, data: ExportData) -> str:
    """The status in words, with "overdue" when an open action's date has passed by the paper's date."""
    words = action.status.words
    if action.status is ActionStatus.DROPPED and action.status_reason:
        words = f"{words}: {action.status_reason}"
    return f"{words}, overdue" if action.overdue(data.date) else words


def _action_cells(action: Action, data: ExportData) -> list[str]:
    due = date_text(action.due) if action.due else "No date"
    return [action.what, action.owner or NOTHING, due, action.resources.words, status_text(action, data)]


def plan_rows(plan: ElementPlan, data: ExportData) -> list[list[str]]:
    rows: list[list[str]] = []
    for item in plan.focus:
        if item.actions:
            rows.extend([item.label, *_action_cells(a, data)] for a in item.actions)
        elif item.no_action is not None:
            rows.append([item.label, f"No action: {item.no_action.reason}", NOTHING, NOTHING, NOTHING, NOTHING])
        else:
            rows.append([item.label, NOT_PLANNED, NOTHING, NOTHING, NOTHING, NOTHING])
    rows.extend([WHOLE_ELEMENT, *_action_cells(a, data)] for a in plan.other_actions)
    return rows


def _notes(plan: ElementPlan, data: ExportData) -> list[str]:
    lines = []
    for action in plan.actions:
        for note in data.progress_notes.get(action.id, ()):
            lines.append(f"{action.what}: {date_text(note.written_at.date())}, {note.written_by}: {note.note}")
    return [md.paragraph("Progress notes:"), md.bullets(lines)] if lines else []


def summary(data: ExportData, plans: list[tuple[ElementReport, ElementPlan]]) -> str:
    """How many actions in each state, how many overdue, and how complete the plan is."""
    counts = Counter(a.status for a in data.actions)
    overdue = sum(a.overdue(data.date) for a in data.actions)
    states = ", ".join(f"{counts[s]} {s.words.lower()}" for s in ActionStatus if counts[s])
    items = [item for _, plan in plans for item in plan.focus]
    acted = sum(bool(item.actions) for item in items)
    declined = sum(not item.actions and item.no_action is not None for item in items)
    open_items = len(items) - acted - declined
    actions = f"{len(data.actions)} action{'s' if len(data.actions) != 1 else ''}"
    return md.paragraph(
        f"{actions}" + (f": {states}" if states else "") + f"; {overdue} overdue on {date_text(data.date)}. "
        f"Development focus items: {len(items)}; {acted} with an action, {declined} with a reason for no action, "
        f"{open_items} not yet planned."
    )


def plans_in_order(data: ExportData) -> list[tuple[ElementReport, ElementPlan]]:
    """Each element with something to plan (a focus item or an action), in framework order."""
    plans = [(report, data.plan(report)) for report in data.elements]
    return [(report, plan) for report, plan in plans if plan.focus or plan.actions]


def plan_blocks(data: ExportData, heading_level: int) -> list[str]:
    """The plan's sections, for the actions export and section (c) of the report."""
    plans = plans_in_order(data)
    blocks = [summary(data, plans)]
    for strand, _ in data.by_strand():
        mine = [(r, p) for r, p in plans if r.strand.id == strand.id]
        if not mine:
            continue
        blocks.append(md.heading(heading_level, strand_label(strand)))
        for report, plan in mine:
            blocks.append(md.heading(heading_level + 1, element_label(report.element)))
            blocks.append(md.paragraph(f"Current rating: {rating_text(report)}."))
            blocks.append(md.table(HEADER, plan_rows(plan, data)))
            blocks.extend(_notes(plan, data))
    return blocks


def title(data: ExportData) -> str:
    return f"Action plan: {data.partnership.name}, {data.evaluation.year}"


def render(data: ExportData) -> str:
    return md.document([md.heading(1, title(data)), subtitle(data), *plan_blocks(data, 2)])
