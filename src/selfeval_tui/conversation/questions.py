"""Where an element's answers are stored, and when an element counts as started.

The smallest part of the one definition of progress (``progress.py`` holds the
rest): the wording, the judgement memory and the flow all need it, and it needs
nothing of theirs.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfeval_tui.bank import Element
from selfeval_tui.domain.records import Answer, Judgement

NOT_STARTED = "not started"
"""What every shell and export says for an element with nothing stored: a state, not a rating."""


def judgement_id(element: Element) -> str:
    """Where the coordinator's agreement with an element's rating is stored, beside its answers."""
    return f"{element.id}.judgement"


def question_ids(element: Element) -> tuple[str, ...]:
    """Where the answers to the element's bank questions are stored: a criterion's id, or a measure's once."""
    return tuple(dict.fromkeys(c.measure or c.id for lv in element.levels for c in lv.criteria))


def element_started(element: Element, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement]) -> bool:
    """Any stored answer to one of its questions, or an agreed or confirmed rating."""
    if element.id in judgements or judgement_id(element) in answers:
        return True
    return any(question_id in answers for question_id in question_ids(element))
