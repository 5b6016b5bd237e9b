"""What a reply asks to be saved, and how each kind of save is committed.

A reply (``Reply.saves``) lists saves; the ``Session`` commits them in order,
each through its own ``commit``, before the next question is chosen. A save
that stores an answer returns it, so the session can put it into the turn's
snapshot instead of reading every answer again; one that returns None changes
something else (a list, a target, a rating) and the session reads afresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import ActionDraft
from selfeval_tui.domain.records import (
    NAME_LIMIT,
    NOTE_LIMIT,
    Answer,
    AnswerValue,
    Evaluation,
    Status,
    over_limit,
)

if TYPE_CHECKING:
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services


class Save:
    """One change a reply asks for."""

    def replaces_answer(self) -> str | None:
        """The question whose stored answer this save replaces (a change there by someone else is a conflict)."""
        return None

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> Answer | None:
        """Write it as ``actor``, committed; the stored answer when it is one."""
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

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> Answer:
        return services.save_answer(
            actor,
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
class SaveNote(Save):
    """Only the evidence note of an answered question (``/note`` from a partner, who may not answer)."""

    question_id: str
    note: str
    expected_version: int

    def replaces_answer(self) -> str:
        return self.question_id

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> Answer:
        return services.save_note(actor, evaluation.id, self.question_id, self.note, expected_version=self.expected_version)

    def refusal(self) -> str | None:
        return over_limit("A note", self.note, NOTE_LIMIT)


@dataclass(frozen=True)
class ConfirmAnswer(Save):
    """Last year's answer, kept as it is for this year."""

    question_id: str

    def replaces_answer(self) -> str:
        return self.question_id

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> Answer:
        return services.confirm_answer(actor, evaluation.id, self.question_id)


@dataclass(frozen=True)
class SaveJudgement(Save):
    element_id: str
    level: int
    reason: str

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        services.save_judgement(actor, evaluation.id, self.element_id, self.level, self.reason)

    def refusal(self) -> str | None:
        return over_limit("A reason", self.reason, NOTE_LIMIT)


@dataclass(frozen=True)
class ClearJudgement(Save):
    element_id: str

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        services.clear_judgement(actor, evaluation.id, self.element_id)


@dataclass(frozen=True)
class SetMembers(Save):
    category: str
    names: tuple[str, ...]

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        services.set_members(actor, evaluation.partnership_id, self.category, list(self.names))

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

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        services.save_outcome_target(
            actor,
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

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        services.save_outcome_value(actor, evaluation.id, self.outcome_id, self.period, self.value)


@dataclass(frozen=True)
class SaveAction(Save):
    """An action for a focus item, from the plan questions: checked against the bank by the services."""

    framework: Framework = field(repr=False, compare=False)
    element_id: str
    criterion_id: str
    what: str
    owner: str
    due: dt.date | None

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        draft = ActionDraft(
            element_id=self.element_id, criterion_id=self.criterion_id, what=self.what, owner=self.owner, due=self.due
        )
        services.add_action(actor, self.framework, evaluation, draft)

    def refusal(self) -> str | None:
        return over_limit("What will be done", self.what, NOTE_LIMIT) or over_limit("The owner", self.owner, NAME_LIMIT)


@dataclass(frozen=True)
class SaveNoAction(Save):
    """A focus item the partnership will not act on this year, and why."""

    framework: Framework = field(repr=False, compare=False)
    element_id: str
    criterion_id: str
    reason: str

    def commit(self, services: Services, actor: Actor, evaluation: Evaluation) -> None:
        services.no_action(actor, self.framework, evaluation, self.element_id, self.criterion_id, self.reason)

    def refusal(self) -> str | None:
        return over_limit("A reason", self.reason, NOTE_LIMIT)
