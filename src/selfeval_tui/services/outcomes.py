"""Key outcomes: a partnership's targets and an evaluation's recorded values."""

from __future__ import annotations

from selfeval_tui.domain.records import OutcomeTarget, OutcomeValue
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase


class OutcomeServices(ServiceBase):
    def outcome_targets(self, actor: Actor, partnership_id: int) -> list[OutcomeTarget]:
        self._require(actor, Right.READ, "see the key outcomes", partnership=partnership_id)
        return self._store.outcome_targets(partnership_id)

    def outcome_values(self, actor: Actor, evaluation_id: int) -> list[OutcomeValue]:
        self._require(actor, Right.READ, "see the key outcomes", evaluation=evaluation_id)
        return self._store.outcome_values(evaluation_id)

    def save_outcome_target(
        self,
        actor: Actor,
        partnership_id: int,
        outcome_id: str,
        *,
        title: str,
        direction: str,
        amount: float | None,
        unit: str,
        local: bool = False,
        value_unit: str = "count",
    ) -> OutcomeTarget:
        self._require(actor, Right.EDIT_PARTNERSHIP, f"set the target for {outcome_id}", partnership=partnership_id)
        return self._store.save_outcome_target(
            partnership_id,
            outcome_id,
            title=title,
            direction=direction,
            amount=amount,
            unit=unit,
            local=local,
            value_unit=value_unit,
        )

    def save_outcome_value(
        self, actor: Actor, evaluation_id: int, outcome_id: str, period: str, value: float
    ) -> OutcomeValue:
        self._require(actor, Right.EDIT_PARTNERSHIP, f"record the {period} value for {outcome_id}", evaluation=evaluation_id)
        return self._store.save_outcome_value(evaluation_id, outcome_id, period, value, by=actor.name)
