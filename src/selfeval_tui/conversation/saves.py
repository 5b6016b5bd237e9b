"""What a reply asks to be saved, and how each kind of save is committed.

A reply (``Reply.saves``) lists saves; the ``Session`` commits them in order,
each through its own ``commit``, before the next question is chosen. A save
that stores an answer returns it, so the session can put it into the turn's
snapshot instead of reading every answer again; one that returns None changes
something else (a list, a target, a rating) and the session reads afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from selfeval_tui.domain.records import (
    NAME_LIMIT,
    NOTE_LIMIT,
    Answer,
    AnswerValue,
    Evaluation,
    Judgement,
    OutcomeTarget,
    OutcomeValue,
    Status,
    over_limit,
)


class Writer(Protocol):
    """The store's writes a session commits through (``Store`` is one)."""

    def save_answer(
        self,
        evaluation_id: int,
        question_id: str,
        *,
        status: Status | None,
        value: AnswerValue | None = None,
        note: str = "",
        expected_version: int | None = None,
    ) -> Answer: ...

    def confirm_answer(self, evaluation_id: int, question_id: str) -> Answer: ...

    def save_judgement(self, evaluation_id: int, element_id: str, level: int, reason: str) -> Judgement: ...

    def clear_judgement(self, evaluation_id: int, element_id: str) -> None: ...

    def set_members(self, partnership_id: int, category: str, names: list[str]) -> None: ...

    def save_outcome_target(
        self,
        partnership_id: int,
        outcome_id: str,
        *,
        title: str,
        direction: str,
        amount: float | None,
        unit: str,
        local: bool = False,
        value_unit: str = "count",
    ) -> OutcomeTarget: ...

    def save_outcome_value(self, evaluation_id: int, outcome_id: str, period: str, value: float) -> OutcomeValue: ...


class Save:
    """One change a reply asks for."""

    def replaces_answer(self) -> str | None:
        """The question whose stored answer this save replaces (a change there by someone else is a conflict)."""
        return None

    def commit(self, writer: Writer, evaluation: Evaluation) -> Answer | None:
        """Write it, committed; the stored answer when it is one."""
        raise NotImplementedError

    def refusal(self) -> str | None:
        """What is over its length limit, if anything: the store refuses the same, and refusing first keeps
        the user on the question with one clear line."""
        return None


@dataclass(frozen=True)
class SaveAnswer(Save):
    question_id: str
    status: Status | None
    value: AnswerValue | None
    note: str
    expected_version: int
    note_said: str = ""
    """What the confirmation says about the note when the reply did not give it (kept, or held from /note)."""

    def replaces_answer(self) -> str:
        return self.question_id

    def commit(self, writer: Writer, evaluation: Evaluation) -> Answer:
        return writer.save_answer(
            evaluation.id,
            self.question_id,
            status=self.status,
            value=self.value,
            note=self.note,
            expected_version=self.expected_version,
        )

    def refusal(self) -> str | None:
        return over_limit("A note", self.note, NOTE_LIMIT)


@dataclass(frozen=True)
class ConfirmAnswer(Save):
    """Last year's answer, kept as it is for this year."""

    question_id: str

    def replaces_answer(self) -> str:
        return self.question_id

    def commit(self, writer: Writer, evaluation: Evaluation) -> Answer:
        return writer.confirm_answer(evaluation.id, self.question_id)


@dataclass(frozen=True)
class SaveJudgement(Save):
    element_id: str
    level: int
    reason: str

    def commit(self, writer: Writer, evaluation: Evaluation) -> None:
        writer.save_judgement(evaluation.id, self.element_id, self.level, self.reason)

    def refusal(self) -> str | None:
        return over_limit("A reason", self.reason, NOTE_LIMIT)


@dataclass(frozen=True)
class ClearJudgement(Save):
    element_id: str

    def commit(self, writer: Writer, evaluation: Evaluation) -> None:
        writer.clear_judgement(evaluation.id, self.element_id)


@dataclass(frozen=True)
class SetMembers(Save):
    category: str
    names: tuple[str, ...]

    def commit(self, writer: Writer, evaluation: Evaluation) -> None:
        writer.set_members(evaluation.partnership_id, self.category, list(self.names))

    def refusal(self) -> str | None:
        return next(filter(None, (over_limit("A member's name", name, NAME_LIMIT) for name in self.names)), None)


@dataclass(frozen=True)
class SaveTarget(Save):
    outcome_id: str
    title: str
    direction: str
    amount: float | None
    unit: str
    local: bool
    value_unit: str

    def commit(self, writer: Writer, evaluation: Evaluation) -> None:
        writer.save_outcome_target(
            evaluation.partnership_id,
            self.outcome_id,
            title=self.title,
            direction=self.direction,
            amount=self.amount,
            unit=self.unit,
            local=self.local,
            value_unit=self.value_unit,
        )

    def refusal(self) -> str | None:
        return over_limit("An outcome's title", self.title, NAME_LIMIT)


@dataclass(frozen=True)
class SaveValue(Save):
    outcome_id: str
    period: str
    value: float

    def commit(self, writer: Writer, evaluation: Evaluation) -> None:
        writer.save_outcome_value(evaluation.id, self.outcome_id, self.period, self.value)
