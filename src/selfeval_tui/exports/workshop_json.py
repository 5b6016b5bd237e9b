"""Workshop minutes as JSON (shape in docs/workshop.md), for tools that read a year's workshops."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from selfeval_tui.domain.workshops import (
    ItemMinutes,
    RoundMinutes,
    WorkshopMinutes,
    level_name,
)
from selfeval_tui.exports.json_export import escape_json_text

SCHEMA = "selfeval-workshop-minutes"
SCHEMA_VERSION = 1


def _round(one: RoundMinutes) -> dict[str, Any]:
    return {
        "round": one.number,
        "revealed": one.revealed,
        "revealed_automatically": one.revealed_automatically,
        "distribution": {level_name(level): count for level, count in one.distribution.items()},
        "hands": {level_name(level): count for level, count in one.hands.items()},
        "spread": one.spread,
        "discuss": one.discuss,
        "votes": [
            {"person": v.person, "level": None if v.level is None else level_name(v.level), "reason": v.reason}
            for v in one.votes
        ],
    }


def _item(item: ItemMinutes) -> dict[str, Any]:
    agreed = item.agreed
    return {
        "element": item.item.element_id,
        "title": item.title,
        "state": item.item.state.value,
        "timebox_seconds": item.item.timebox_seconds,
        "used_seconds": item.item.used_seconds,
        "rounds": [_round(one) for one in item.rounds],
        "agreed": None
        if agreed is None
        else {
            "level": level_name(agreed.level),
            "reason": agreed.reason,
            "dissent": [{"person": d.person, "why": d.why} for d in agreed.dissent],
            "agreed_by": agreed.agreed_by,
            "agreed_at": agreed.agreed_at.isoformat(),
        },
    }


def as_json(minutes: WorkshopMinutes) -> dict[str, Any]:
    workshop = minutes.workshop
    return {
        "id": workshop.id,
        "title": workshop.title,
        "date": workshop.date.isoformat(),
        "facilitator": workshop.facilitator,
        "state": workshop.state.value,
        "partnership": minutes.partnership,
        "year": minutes.year,
        "invited": list(minutes.invited),
        "attended": list(minutes.attended),
        "items": [_item(item) for item in minutes.items],
        "parked": [item.item.element_id for item in minutes.parked],
    }


def render(minutes: Sequence[WorkshopMinutes]) -> str:
    document = {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "workshops": [as_json(one) for one in minutes]}
    return escape_json_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
