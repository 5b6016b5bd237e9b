"""The whole evaluation as JSON in a documented, versioned shape (docs/exports.md).

Other tools and local-authority roll-ups read this, so the shape only grows:
a field is never renamed or removed without raising ``SCHEMA_VERSION``. Text is
exactly as stored (no Markdown escaping); keys keep a fixed order and the output
a fixed indentation, so the same evaluation always gives the same bytes.

Control characters and bidi controls are written as ``\\u`` escapes (``json``
itself escapes only U+0000 to U+001F), so the data reads back exactly while the
file, printed to a terminal or opened in an editor, cannot act on it or reorder it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from selfeval_tui.bank import Level
from selfeval_tui.domain.inert import BIDI_CONTROLS
from selfeval_tui.domain.judgement import CriterionState
from selfeval_tui.domain.outcomes import PERIODS, OutcomeRow
from selfeval_tui.domain.records import Judgement
from selfeval_tui.exports.data import AnswerRow, ElementReport, ExportData

SCHEMA_VERSION = 4
"""2: ``outcomes[]`` follows ``domain.outcomes`` (every key outcome, progress status, change in the values' unit).
3: ``started``; an element not started has null ratings and levels instead of Not yet developing.
4: ``sign_off`` (state, and who signed it off, on what date, with what comment)."""


_UNESCAPED = re.compile("[\x7f-\x9f" + BIDI_CONTROLS + "]")
"""What ``json.dumps(ensure_ascii=False)`` leaves raw that a terminal could obey: DEL, C1, bidi controls."""


def escape_json_text(text: str) -> str:
    """JSON text with DEL, C1 and bidi controls as ``\\u`` escapes: still the same JSON, but inert on a terminal."""
    return _UNESCAPED.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def render(data: ExportData) -> str:
    return escape_json_text(json.dumps(as_json(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def as_json(data: ExportData) -> dict[str, Any]:
    framework = data.framework
    return {
        "schema_version": SCHEMA_VERSION,
        "date": data.date.isoformat(),
        "prepared_by": data.prepared_by,
        "partnership": {"name": data.partnership.name, "local_authority": data.partnership.local_authority},
        "year": data.evaluation.year,
        "previous_year": data.previous.year if data.previous else None,
        "sign_off": _sign_off(data),
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "hash": framework.hash,
            "evaluation_hash": data.evaluation.framework_hash,
        },
        "membership": [
            {"category": g.category, "title": g.title, "members": list(g.names)} for g in data.members
        ],
        "outcomes": [_outcome(row) for row in data.outcomes],
        "elements": [_element(e) for e in data.elements],
    }


def _sign_off(data: ExportData) -> dict[str, Any]:
    signed = data.sign_off.signed
    return {
        "state": data.sign_off.state,
        "signed_off_by": None if signed is None else signed.changed_by,
        "signed_off_on": None if signed is None or signed.signed_on is None else signed.signed_on.isoformat(),
        "comment": None if signed is None else signed.comment,
    }


def _rating(level: Level | None) -> str | None:
    return None if level is None else level.title


def _number(level: Level | None) -> int | None:
    return None if level is None else int(level)


def _element(element: ElementReport) -> dict[str, Any]:
    judgement = element.judgement
    agreed = judgement.agreed
    computed = judgement.computed if element.started else None
    return {
        "id": element.element.id,
        "title": element.element.title,
        "strand": {"id": element.strand.id, "title": element.strand.title},
        "started": element.started,
        "rating": _rating(element.level),
        "level": _number(element.level),
        "computed_level": _number(computed),
        "computed_rating": _rating(computed),
        "agreed": None if agreed is None else _agreed(agreed),
        "overridden": judgement.overridden,
        "provisional": element.provisional,
        "confirmed": element.confirmed,
        "previous_level": _number(element.previous),
        "previous_rating": _rating(element.previous),
        "change": element.change,
        "explanation": list(judgement.explanation),
        "focus_labels": list(judgement.focus_labels),
        "focus": [_criterion(state) for state in judgement.focus],
        "criteria": [
            {"level": int(level.level), **_criterion(state)} for level in judgement.levels for state in level.criteria
        ],
        "answers": [_answer(row) for row in element.answers],
    }


def _agreed(agreed: Judgement) -> dict[str, Any]:
    return {"level": agreed.level, "rating": Level(agreed.level).title, "reason": agreed.reason, "agreed_by": agreed.agreed_by}


def _criterion(state: CriterionState) -> dict[str, Any]:
    """``status`` is what the rule used: a measure criterion's is derived from the measure's value."""
    return {
        "criterion_id": state.criterion.id,
        "label": state.criterion.label,
        "status": None if state.status is None else state.status.value,
    }


def _answer(row: AnswerRow) -> dict[str, Any]:
    answer = row.answer
    return {
        "question_id": answer.question_id,
        "kind": row.question.kind,
        "label": row.label,
        "status": None if answer.status is None else answer.status.value,
        "value": answer.value,
        "value_text": row.value_text,
        "note": answer.note,
        "answered_by": answer.answered_by,
        "answered_at": answer.answered_at.isoformat(),
        "carried_forward": answer.carried_forward,
    }


def _outcome(row: OutcomeRow) -> dict[str, Any]:
    """Values and status as ``domain.outcomes`` judged them; ``change`` is in the values' unit (points for percent)."""
    target = row.target
    progress = row.progress
    return {
        "id": row.outcome_id,
        "title": row.title,
        "local": row.local,
        "direction": row.direction,
        "value_unit": row.value_unit,
        "target": None if target is None else {"amount": target.amount, "unit": target.unit, "text": row.target_text},
        "values": dict(zip(PERIODS, (progress.baseline, *progress.terms), strict=True)),
        # Six decimals keep float noise (-0.30000000000000027) out of the JSON; nobody reports finer.
        "change": None if progress.change is None else round(progress.change, 6),
        "status": progress.status,
    }
