"""Key outcomes: a partnership's targets, and an evaluation's recorded values per period."""

from __future__ import annotations

from datetime import UTC, datetime

from selfeval_tui.domain.records import OutcomeTarget, OutcomeValue
from selfeval_tui.store.base import StoreBase, columns, timestamp


class OutcomeRecords(StoreBase):
    """The ``outcome_targets`` and ``outcome_values`` tables."""

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
    ) -> OutcomeTarget:
        """Set (or replace) the partnership's target for one outcome; ``amount`` None means not yet set."""
        target = self._build(
            OutcomeTarget,
            f"cannot save the target for {outcome_id}",
            partnership_id=partnership_id,
            outcome_id=outcome_id,
            title=title,
            direction=direction,
            amount=amount,
            unit=unit,
            local=local,
            value_unit=value_unit,
        )
        with self._writing() as conn:
            self._require_partnership(conn, partnership_id)
            conn.execute(
                "INSERT INTO outcome_targets"
                " (partnership_id, outcome_id, title, direction, amount, unit, local, value_unit)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partnership_id, outcome_id) DO UPDATE SET"
                " title = excluded.title, direction = excluded.direction, amount = excluded.amount,"
                " unit = excluded.unit, local = excluded.local, value_unit = excluded.value_unit",
                (
                    partnership_id,
                    target.outcome_id,
                    target.title,
                    target.direction,
                    target.amount,
                    target.unit,
                    int(target.local),
                    target.value_unit,
                ),
            )
        return target

    def outcome_targets(self, partnership_id: int) -> list[OutcomeTarget]:
        """In the order they were first set, which is the order the user was asked them."""
        rows = self._rows(
            f"SELECT {columns(OutcomeTarget)} FROM outcome_targets WHERE partnership_id = ? ORDER BY rowid",
            (partnership_id,),
        )
        return self._models(OutcomeTarget, rows)

    def save_outcome_value(
        self, evaluation_id: int, outcome_id: str, period: str, value: float, *, by: str
    ) -> OutcomeValue:
        now = datetime.now(UTC)
        recorded = self._build(
            OutcomeValue,
            f"cannot save the {period} value for {outcome_id}",
            evaluation_id=evaluation_id,
            outcome_id=outcome_id,
            period=period,
            value=value,
            recorded_by=by,
            recorded_at=now,
        )
        with self._writing() as conn:
            self._touch(conn, evaluation_id, now)
            conn.execute(
                "INSERT INTO outcome_values (evaluation_id, outcome_id, period, value, recorded_by, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (evaluation_id, outcome_id, period) DO UPDATE SET"
                " value = excluded.value, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                (evaluation_id, outcome_id, recorded.period, recorded.value, by, timestamp(now)),
            )
        return recorded

    def outcome_values(self, evaluation_id: int) -> list[OutcomeValue]:
        """By outcome, then baseline, term1, term2, term3 (which is also their text order)."""
        rows = self._rows(
            f"SELECT {columns(OutcomeValue)} FROM outcome_values WHERE evaluation_id = ?"
            " ORDER BY outcome_id, period",
            (evaluation_id,),
        )
        return self._models(OutcomeValue, rows)
