"""Answers to the questions: reading them, saving one (with the version check), confirming a carried one."""

from __future__ import annotations

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.progress import AnswerCount, counted_question_ids
from selfeval_tui.domain.records import Answer, AnswerValue, HistoryEntry, Status
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import refuse_unless


class AnswerServices(ServiceBase):
    def answers(self, actor: Actor, evaluation_id: int) -> dict[str, Answer]:
        refuse_unless(actor, Right.READ, "read the answers")
        return self._store.answers(evaluation_id)

    def history(self, actor: Actor, evaluation_id: int, question_id: str | None = None) -> list[HistoryEntry]:
        refuse_unless(actor, Right.READ, "read the answers' history")
        return self._store.history(evaluation_id, question_id)

    def answer_counts(self, actor: Actor, framework: Framework) -> dict[int, AnswerCount]:
        """``domain.progress.answer_count`` for every evaluation at once, by one query (absent: none saved).

        For a list of many evaluations (the start screen), where reading every
        answer row of each would take seconds; the same ids, so the same counts.
        """
        refuse_unless(actor, Right.READ, "read the answers")
        counts = self._store.answer_counts(counted_question_ids(framework))
        return {evaluation_id: AnswerCount(*pair) for evaluation_id, pair in counts.items()}

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
        refuse_unless(actor, Right.ANSWER, f"answer {question_id}")
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
        refuse_unless(actor, Right.ANSWER, f"confirm the answer to {question_id}")
        return self._store.confirm_answer(evaluation_id, question_id, by=actor.name, rater=self._rater())
