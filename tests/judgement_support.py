"""Building answers and small elements for rule tests without a database."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import TypeAdapter

from selfeval_tui.bank import Element
from selfeval_tui.domain.records import Answer, Judgement, Status

WHEN = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def answer(question_id: str, status: Status | None = None, value=None, note: str = "") -> Answer:
    return Answer(
        evaluation_id=1,
        question_id=question_id,
        status=status,
        value=value,
        note=note,
        answered_by="tester",
        answered_at=WHEN,
        version=1,
    )


def agreed(element_id: str, level: int, reason: str) -> Judgement:
    return Judgement(evaluation_id=1, element_id=element_id, level=level, reason=reason, agreed_by="tester", agreed_at=WHEN)


def sample_element() -> Element:
    """Two criteria per level; a percent measure used at Developed (50), Established (75), Enhancing (100)."""
    levels = []
    for name, minimum in (("Developing", None), ("Developed", 50), ("Established", 75), ("Enhancing", 100)):
        key = name.lower()
        criteria = [
            {"id": f"9.9.{key}.1", "source": f"{name} one.", "question": f"{name} one?", "label": f"{name} one"},
        ]
        if minimum is None:
            criteria.append({"id": f"9.9.{key}.2", "source": f"{name} two.", "question": f"{name} two?", "label": f"{name} two"})
        else:
            criteria.append(
                {"id": f"9.9.{key}.2", "source": f"{name} two.", "question": "?", "label": f"{name} share",
                 "measure": "9.9.share", "minimum": minimum}
            )
        levels.append({"name": name, "descriptor": f"{name} one. {name} two.", "criteria": criteria})
    return TypeAdapter(Element).validate_python(
        {
            "id": "9.9",
            "title": "Sample",
            "summary": "A sample element.",
            "measures": [{"id": "9.9.share", "kind": "percent", "question": "What share?", "label": "Share"}],
            "levels": levels,
        }
    )


def met_all(element: Element, up_to: int, share: float | None = None) -> dict[str, Answer]:
    """Every non-measure criterion of levels 1..up_to met; the measure at ``share`` if given."""
    answers = {
        c.id: answer(c.id, Status.MET)
        for lv in element.levels[:up_to]
        for c in lv.criteria
        if c.measure is None
    }
    if share is not None:
        answers["9.9.share"] = answer("9.9.share", value=share)
    return answers
