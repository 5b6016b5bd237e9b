"""Actions built by hand for the plan's pure rules and renderers, before any store holds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from selfeval_tui.domain.actions import Action, ActionStatus, Resources

MOMENT = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def action(action_id: int = 1, **changes: Any) -> Action:
    values: dict[str, Any] = {
        "id": action_id,
        "evaluation_id": 7,
        "element_id": "1.5",
        "criterion_id": "1.5.developed.2",
        "what": "Review the managed moves protocol with the parents' forum",
        "owner": "Deputy head, Riverside",
        "due": dt.date(2027, 3, 31),
        "success_measure": "Protocol agreed and published",
        "resources": Resources.YES,
        "status": ActionStatus.PLANNED,
        "status_reason": "",
        "version": 1,
        "created_by": "coordinator",
        "created_at": MOMENT,
        "updated_by": "coordinator",
        "updated_at": MOMENT,
    }
    values.update(changes)
    return Action(**values)
