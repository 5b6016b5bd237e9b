"""Agreed ratings: a level set for an element, with the reason, and going back to the computed one."""

from __future__ import annotations

from selfeval_tui.domain.records import Judgement, JudgementHistoryEntry
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase


class JudgementServices(ServiceBase):
    def judgements(self, actor: Actor, evaluation_id: int) -> dict[str, Judgement]:
        self._require(actor, Right.READ, "read the agreed ratings", evaluation=evaluation_id)
        return self._store.judgements(evaluation_id)

    def judgement_history(
        self, actor: Actor, evaluation_id: int, element_id: str | None = None
    ) -> list[JudgementHistoryEntry]:
        self._require(actor, Right.READ, "read the agreed ratings' history", evaluation=evaluation_id)
        return self._store.judgement_history(evaluation_id, element_id)

    def save_judgement(self, actor: Actor, evaluation_id: int, element_id: str, level: int, reason: str) -> Judgement:
        self._require(actor, Right.AGREE, f"agree the rating of {element_id}", evaluation=evaluation_id)
        return self._store.save_judgement(
            evaluation_id, element_id, level, reason, by=actor.name, rater=self._rater()
        )

    def clear_judgement(self, actor: Actor, evaluation_id: int, element_id: str) -> None:
        self._require(actor, Right.AGREE, f"clear the agreed rating of {element_id}", evaluation=evaluation_id)
        self._store.clear_judgement(evaluation_id, element_id, by=actor.name, rater=self._rater())
