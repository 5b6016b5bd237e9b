"""The action plan as JSON (shape in docs/actions.md): every action with its progress notes, and every focus item.

``schema`` names the document so a roll-up reading a folder of exports can tell a
plan from an evaluation export; ``schema_version`` changes with any change of shape.
"""

from __future__ import annotations

import json
from typing import Any

from selfeval_tui.domain.actions import Action
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.json_export import escape_json_text
from selfeval_tui.exports.markdown_actions import plans_in_order

SCHEMA = "selfeval-action-plan"
SCHEMA_VERSION = 1


def _action(action: Action, data: ExportData) -> dict[str, Any]:
    return {
        "id": action.id,
        "element_id": action.element_id,
        "criterion_id": action.criterion_id,
        "what": action.what,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "success_measure": action.success_measure,
        "resources": action.resources.value,
        "status": action.status.value,
        "status_reason": action.status_reason,
        "overdue": action.overdue(data.date),
        "version": action.version,
        "created_by": action.created_by,
        "updated_by": action.updated_by,
        "updated_at": action.updated_at.isoformat(),
        "carried_from": action.carried_from,
        "progress": [
            {"date": n.written_at.date().isoformat(), "by": n.written_by, "note": n.note}
            for n in data.progress_notes.get(action.id, ())
        ],
    }


def as_json(data: ExportData) -> dict[str, Any]:
    plans = plans_in_order(data)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "date": data.date.isoformat(),
        "partnership": {"name": data.partnership.name, "local_authority": data.partnership.local_authority},
        "year": data.evaluation.year,
        "focus": [
            {
                "element_id": plan.element_id,
                "criterion_id": item.criterion_id,
                "label": item.label,
                "actions": [a.id for a in item.actions],
                "no_action_reason": item.no_action.reason if item.no_action else None,
                "planned": item.planned,
            }
            for _, plan in plans
            for item in plan.focus
        ],
        "actions": [_action(a, data) for _, plan in plans for a in plan.actions],
    }


def render(data: ExportData) -> str:
    return escape_json_text(json.dumps(as_json(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
