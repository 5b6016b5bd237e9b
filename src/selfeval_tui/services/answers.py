"""Answers to the questions: reading them, saving one (with the version check), confirming a carried one."""

from __future__ import annotations

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.progress import AnswerCount, counted_question_ids
from selfeval_tui.domain.records import Answer, AnswerValue, HistoryEntry, Status
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import StoreInputError, refuse_unless


class AnswerServices(ServiceBase):
    def answers(self, actor: Actor, evaluation_id: int) -> dict[str, Answer]:
        self._require(actor, Right.READ, "read the answers", evaluation=evaluation_id)
        return self._store.answers(evaluation_id)

    def history(self, actor: Actor, evaluation_id: int, question_id: str | None = None) -> list[HistoryEntry]:
        self._require(actor, Right.READ, "read the answers' history", evaluation=evaluation_id)
        return self._store.history(evaluation_id, question_id)

    def answer_counts(self, actor: Actor, framework: Framework) -> dict[int, AnswerCount]:
        """``domain.progress.answer_count`` for every evaluation at once, by one query (absent: none saved).

        For a list of many evaluations (the start screen), where reading every
        answer row of each would take seconds; the same ids, so the same counts.
        """
        refuse_unless(actor, Right.READ, "read the answers")
        counts = self._store.answer_counts(counted_question_ids(framework))
        readable = self._readable_evaluations(actor, counts)
        return {evaluation_id: AnswerCount(*pair) for evaluation_id, pair in counts.items() if evaluation_id in readable}

    def save_answer(
        self,
        actor: Actor,
        evaluation_id: int,
        question_id: str,
        *,
        status: Status | None,
        value: AnswerValue | None = None,
        note: str = "",
        expected_version: int | None = None,
    ) -> Answer:
        """Committed, as ``actor``, before it returns (``Store.save_answer``: the version check, ConflictError)."""
        self._require(actor, Right.ANSWER, f"answer {question_id}", evaluation=evaluation_id)
        return self._store.save_answer(
            evaluation_id,
            question_id,
            status=status,
            value=value,
            note=note,
            expected_version=expected_version,
            by=actor.name,
            rater=self._rater(),
        )

    def confirm_answer(self, actor: Actor, evaluation_id: int, question_id: str) -> Answer:
        """Accept a carried-forward answer as this year's; ``actor`` now owns it."""
        self._require(actor, Right.ANSWER, f"confirm the answer to {question_id}", evaluation=evaluation_id)
        return self._store.confirm_answer(evaluation_id, question_id, by=actor.name, rater=self._rater())

    def save_note(
        self, actor: Actor, evaluation_id: int, question_id: str, note: str, *, expected_version: int | None = None
    ) -> Answer:
        """Change only the evidence note of an answered question: what a partner may do without answering.

        The answer's status and value stay as they are (read here, saved with the
        version check, so an answer changed meanwhile is a ConflictError, not overwritten).
        """
        self._require(actor, Right.NOTE, f"add a note to {question_id}", evaluation=evaluation_id)
        current = self._store.answers(evaluation_id).get(question_id)
        if current is None:
            raise StoreInputError(f"{question_id} has no answer yet; a note goes with an answer")
        return self._store.save_answer(
            evaluation_id,
            question_id,
            status=current.status,
            value=current.value,
            note=note,
            expected_version=current.version if expected_version is None else expected_version,
            by=actor.name,
            rater=self._rater(),
        )
