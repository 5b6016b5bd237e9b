"""What "started" and "answers saved" mean for an element and an evaluation, from stored answers alone.

Below the conversation so that the services' read model (``services/views.py``)
and the exports use the same definitions as the chat; the per-mode count of an
element's questions (``answered/total``) follows the question flow and stays in
``conversation/progress.py``, which re-exports these (docs/conversation.md,
"Progress and counts").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from selfeval_tui.domain.framework import Element, Framework
from selfeval_tui.domain.records import Answer, Judgement

NOT_STARTED = "not started"
"""What every shell and export says for an element with nothing stored: a state, not a rating."""


def judgement_id(element: Element) -> str:
    """Where the coordinator's agreement with an element's rating is stored, beside its answers."""
    return f"{element.id}.judgement"


def question_ids(element: Element) -> tuple[str, ...]:
    """Where the answers to the element's bank questions are stored: a criterion's id, or a measure's once."""
    return tuple(dict.fromkeys(c.measure or c.id for lv in element.levels for c in lv.criteria))


def bank_question_ids(element: Element) -> list[str]:
    """:func:`question_ids` as a list."""
    return list(question_ids(element))


def element_started(element: Element, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement]) -> bool:
    """Any stored answer to one of its questions, or an agreed or confirmed rating."""
    if element.id in judgements or judgement_id(element) in answers:
        return True
    return any(question_id in answers for question_id in question_ids(element))


@dataclass(frozen=True)
class AnswerCount:
    """Answers to the framework's questions: ``confirmed`` ones, and ``carried`` ones awaiting confirmation."""

    confirmed: int
    carried: int

    @property
    def text(self) -> str:
        """The count as every shell says it: "45 answers saved", "+ 12 carried forward to confirm"."""
        words = f"{self.confirmed} answer{'' if self.confirmed == 1 else 's'} saved"
        if self.carried:
            words += f" (and {self.carried} carried forward from last year, to confirm)"
        return words


def counted_question_ids(framework: Framework) -> list[str]:
    """The ids whose stored answers are "answers saved": the framework's criteria and measures, each once."""
    return list(dict.fromkeys(q for e in framework.elements for q in bank_question_ids(e)))


def answer_count(framework: Framework, answers: Mapping[str, Answer]) -> AnswerCount:
    """How many of the framework's criteria and measures have a stored answer."""
    stored = [answers[q] for q in counted_question_ids(framework) if q in answers]
    carried = sum(1 for answer in stored if answer.carried_forward)
    return AnswerCount(len(stored) - carried, carried)
