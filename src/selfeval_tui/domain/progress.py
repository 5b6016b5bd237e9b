"""What "started" and "answers saved" mean for an element and an evaluation, from stored answers alone.

Below the conversation so that the services' read model (``services/views.py``)
and the exports use the same definitions as the chat; the per-mode count of an
element's questions (``answered/total``) follows the question flow and stays in
``conversation/progress.py``, which re-exports these (docs/conversation.md,
"Progress and counts").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from selfeval_tui.domain.framework import Criterion, Element, Framework, Level, Measure
from selfeval_tui.domain.records import Answer, Judgement, Status

NOT_STARTED = "not started"
"""What every shell and export says for an element with nothing stored: a state, not a rating."""


def judgement_id(element: Element) -> str:
    """Where the coordinator's agreement with an element's rating is stored, beside its answers."""
    return f"{element.id}.judgement"


def question_ids(element: Element) -> tuple[str, ...]:
    """Where the answers to the element's bank questions are stored: a criterion's id, or a measure's once."""
    return tuple(dict.fromkeys(c.measure or c.id for lv in element.levels for c in lv.criteria))


@dataclass(frozen=True)
class BankQuestion:
    """One bank question of an element as it is asked and stored: a criterion on its own, or a measure
    (asked once, at the first level with a criterion that uses it)."""

    kind: Literal["criterion", "measure"]
    question_id: str
    text: str
    level: Level
    criterion: Criterion | None = None
    measure: Measure | None = None


def level_questions(element: Element, level: Level) -> list[BankQuestion]:
    """A level's questions in the order they are asked; a measure is asked once, at the first level that uses it."""
    earlier = {c.measure for lv in element.levels[: level - 1] for c in lv.criteria if c.measure}
    questions: list[BankQuestion] = []
    for criterion in element.level(level).criteria:
        if criterion.measure is None:
            questions.append(BankQuestion("criterion", criterion.id, criterion.question, level, criterion=criterion))
        elif criterion.measure not in earlier and all(q.question_id != criterion.measure for q in questions):
            measure = element.measure(criterion.measure)
            assert measure is not None
            questions.append(BankQuestion("measure", measure.id, measure.question, level, measure=measure))
    return questions


_BANK_QUESTIONS: dict[int, tuple[Element, tuple[BankQuestion, ...]]] = {}
"""Each element's bank questions, made once per process (by identity, holding the element so that its id is
not reused): ``export --all`` asks for them once per element of every evaluation."""


def bank_questions(element: Element) -> tuple[BankQuestion, ...]:
    """Every bank question of the element (criteria and measures) in the order they are asked, whatever the mode."""
    made = _BANK_QUESTIONS.get(id(element))
    if made is not None and made[0] is element:
        return made[1]
    questions = tuple(question for level in Level if level > Level.NOT_YET for question in level_questions(element, level))
    _BANK_QUESTIONS[id(element)] = (element, questions)
    return questions


def rating_confirmed(
    element: Element,
    answers: Mapping[str, Answer],
    judgements: Mapping[str, Judgement],
    computed: Level | Callable[[], Level],
) -> bool:
    """An agreed rating holds while it stands; a confirmation holds while the rating it confirmed is still the
    ``computed`` one (a function is called only when there is a confirmation to check, to spare judging the
    element); carried-forward ones wait for confirmation."""
    if element.id in judgements:
        return True
    confirmation = answers.get(judgement_id(element))
    if confirmation is None or confirmation.status is not Status.MET or confirmation.carried_forward:
        return False
    return confirmation.value == float(computed() if callable(computed) else computed)


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
