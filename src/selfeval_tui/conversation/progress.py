"""The one definition of an element's questions, its progress, "not started", and the answer count.

The outline, the question tag, the chat's recap and summaries, the start screen
and every export read these, so they can never give two different counts for the
same moment (docs/conversation.md, "Progress and counts"):

- an element's **questions** are the criteria and measures the conversation asks
  in the current mode (adaptive: up to and including the first level not
  secured; thorough: all), without the question agreeing the rating;
- a question is **answered** when its answer is stored and confirmed (an answer
  carried forward from last year is not, until confirmed);
- an element is **started** once any of its questions has a stored answer
  (carried forward too) or a rating has been agreed or confirmed for it; until
  then it is "not started", which is not a rating, least of all Not yet developing;
- the **answers saved** are the stored answers to the framework's criteria and
  measures (membership, outcomes and rating agreements are not answers to the
  framework), those carried forward and not yet confirmed counted apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfeval_tui.bank import Element, Framework, Level
from selfeval_tui.conversation.questions import (
    NOT_STARTED,
    element_started,
    question_ids,
)

__all__ = [  # "not started" is defined with the question ids (questions.py), and read from here as ever
    "NOT_STARTED",
    "AnswerCount",
    "ElementProgress",
    "answer_count",
    "answer_counts",
    "counted_question_ids",
    "element_progress",
    "element_started",
    "evaluation_progress",
]
from selfeval_tui.conversation.steps import JudgeFn, Mode, element_flow, is_answered
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.records import Answer, Judgement

if TYPE_CHECKING:
    from selfeval_tui.store import Store

@dataclass(frozen=True)
class ElementProgress:
    """An element's progress: ``answered`` of its ``total`` questions, and its rating once started."""

    element: Element
    answered: int
    total: int
    started: bool
    complete: bool
    """Its rating is agreed or confirmed and still stands."""
    judgement: ElementJudgement

    @property
    def level(self) -> Level | None:
        """The current rating, or None while the element is not started."""
        return self.judgement.current if self.started else None


def element_progress(
    element: Element,
    answers: Mapping[str, Answer],
    judgements: Mapping[str, Judgement],
    mode: Mode,
    judged: JudgeFn = judge,
) -> ElementProgress:
    """``judged`` is ``judge``, or a snapshot's memory of it (``Snapshot.judged``)."""
    judgement = judged(element, answers, judgements.get(element.id))
    steps = element_flow(element, answers, mode, judgement)
    questions = steps[:-1]
    return ElementProgress(
        element,
        answered=sum(1 for step in questions if is_answered(step, answers, judgements)),
        total=len(questions),
        started=element_started(element, answers, judgements),
        complete=is_answered(steps[-1], answers, judgements, judged),
        judgement=judgement,
    )


def evaluation_progress(
    framework: Framework,
    answers: Mapping[str, Answer],
    judgements: Mapping[str, Judgement],
    mode: Mode,
    judged: JudgeFn = judge,
) -> dict[str, ElementProgress]:
    return {e.id: element_progress(e, answers, judgements, mode, judged) for e in framework.elements}


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
    return list(dict.fromkeys(q for e in framework.elements for q in question_ids(e)))


def answer_count(framework: Framework, answers: Mapping[str, Answer]) -> AnswerCount:
    """How many of the framework's criteria and measures have a stored answer."""
    stored = [answers[q] for q in counted_question_ids(framework) if q in answers]
    carried = sum(1 for answer in stored if answer.carried_forward)
    return AnswerCount(len(stored) - carried, carried)


def answer_counts(framework: Framework, store: Store) -> dict[int, AnswerCount]:
    """:func:`answer_count` for every evaluation in ``store`` at once, by one query (absent: none saved).

    For a list of many evaluations (the start screen), where reading every
    answer row of each would take seconds; the same ids, so the same counts.
    """
    counts = store.answer_counts(counted_question_ids(framework))
    return {evaluation_id: AnswerCount(*pair) for evaluation_id, pair in counts.items()}
