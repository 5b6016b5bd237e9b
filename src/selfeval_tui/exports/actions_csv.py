"""The action plan as CSV: one row per action, then one per focus item with no action, for a spreadsheet.

Rows for focus items without an action (``no_action`` with its reason, or
``not_planned``) keep the plan's gaps in the sheet, as the Markdown plan shows them.
Text a person typed goes through the same formula guard as the ratings CSV.
"""

from __future__ import annotations

import csv
import io

from selfeval_tui.exports.csv_export import safe_cell
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.markdown_actions import plans_in_order

HEADER = (
    "element_id", "strand_id", "criterion_id", "focus_item", "action_id", "what", "owner", "due", "success_measure",
    "resources", "status", "status_reason", "overdue",
)  # fmt: skip


def render(data: ExportData) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    gaps = []
    for report, plan in plans_in_order(data):
        labels = {item.criterion_id: item.label for item in plan.focus}
        element = (report.element.id, report.strand.id)
        for action in plan.actions:
            writer.writerow(
                [
                    *element,
                    action.criterion_id or "",
                    safe_cell(labels.get(action.criterion_id or "", "")),
                    action.id,
                    safe_cell(action.what),
                    safe_cell(action.owner),
                    action.due.isoformat() if action.due else "",
                    safe_cell(action.success_measure),
                    action.resources.value,
                    action.status.value,
                    safe_cell(action.status_reason),
                    "yes" if action.overdue(data.date) else "no",
                ]
            )
        for item in plan.focus:
            if item.actions:
                continue
            status, reason = ("no_action", item.no_action.reason) if item.no_action else ("not_planned", "")
            gaps.append([*element, item.criterion_id, safe_cell(item.label), "", "", "", "", "", "", status, safe_cell(reason), "no"])
    writer.writerows(gaps)
    return out.getvalue()
