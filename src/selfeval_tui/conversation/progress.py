"""The one definition of an element's questions and its progress; "not started" and the answer count are ``domain.progress``'s.

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

from selfeval_tui.bank import Element, Framework, Level
from selfeval_tui.conversation.steps import JudgeFn, Mode, element_flow, is_answered
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.progress import (
    NOT_STARTED,
    AnswerCount,
    answer_count,
    counted_question_ids,
    element_started,
)
from selfeval_tui.domain.records import Answer, Judgement

__all__ = [
    "NOT_STARTED",
    "AnswerCount",
    "ElementProgress",
    "answer_count",
    "counted_question_ids",
    "element_progress",
    "element_started",
    "evaluation_progress",
]


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
