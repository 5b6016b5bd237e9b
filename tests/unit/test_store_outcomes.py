"""Key outcomes: a partnership's targets, and each evaluation's baseline and termly values."""

from __future__ import annotations

import pytest
from store_fixtures import evaluation, store  # noqa: F401  (fixtures)

from selfeval_tui.store import Evaluation, Store, StoreInputError


def test_targets_are_kept_in_the_order_set_and_replaced_in_place(store: Store, evaluation: Evaluation) -> None:
    pid = evaluation.partnership_id
    store.save_outcome_target(pid, "persistent-absence", title="Persistent absence", direction="reduce", amount=10, unit="percent")
    store.save_outcome_target(pid, "exclusions", title="Fixed-term exclusions", direction="reduce", amount=None, unit="count")
    store.save_outcome_target(pid, "mentoring", title="Pupils mentored", direction="increase", amount=40, unit="count", local=True)
    replaced = store.save_outcome_target(
        pid, "persistent-absence", title="Persistent absence", direction="reduce", amount=2.5, unit="percentage_points"
    )

    targets = store.outcome_targets(pid)
    assert [t.outcome_id for t in targets] == ["persistent-absence", "exclusions", "mentoring"]
    assert targets[0] == replaced and (replaced.amount, replaced.unit) == (2.5, "percentage_points")
    assert targets[1].amount is None and targets[2].local and not targets[0].local
    with Store.open(store.path) as reopened:
        assert reopened.outcome_targets(pid) == targets


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"direction": "lower"}, "direction"),
        ({"unit": "pupils"}, "unit"),
        ({"title": ""}, "title"),
        ({"amount": float("inf")}, "amount"),
    ],
)
def test_bad_targets_are_refused(store: Store, evaluation: Evaluation, fields: dict[str, object], complaint: str) -> None:
    target = {"title": "Absence", "direction": "reduce", "amount": 5.0, "unit": "percent"} | fields
    with pytest.raises(StoreInputError, match=complaint):
        store.save_outcome_target(evaluation.partnership_id, "absence", **target)
    assert store.outcome_targets(evaluation.partnership_id) == []


def test_a_target_for_an_unknown_partnership_is_refused(store: Store) -> None:
    with pytest.raises(StoreInputError, match="no partnership with id 8"):
        store.save_outcome_target(8, "absence", title="Absence", direction="reduce", amount=5, unit="percent")


def test_values_are_kept_per_outcome_and_period(store: Store, evaluation: Evaluation) -> None:
    store.save_outcome_value(evaluation.id, "exclusions", "term2", 14, by="ann")
    store.save_outcome_value(evaluation.id, "absence", "term1", 11.5, by="ann")
    store.save_outcome_value(evaluation.id, "absence", "baseline", 13.0, by="ann")
    store.save_outcome_value(evaluation.id, "absence", "term1", 11.0, by="ann")

    values = store.outcome_values(evaluation.id)
    assert [(v.outcome_id, v.period, v.value, v.recorded_by) for v in values] == [
        ("absence", "baseline", 13.0, "ann"),
        ("absence", "term1", 11.0, "ann"),
        ("exclusions", "term2", 14.0, "ann"),
    ]
    assert store.evaluation_by_id(evaluation.id).updated_at == values[1].recorded_at


@pytest.mark.parametrize(("period", "value"), [("term4", 1.0), ("summer", 1.0), ("term1", float("nan"))])
def test_bad_values_are_refused(store: Store, evaluation: Evaluation, period: str, value: float) -> None:
    with pytest.raises(StoreInputError):
        store.save_outcome_value(evaluation.id, "absence", period, value, by="ann")
    assert store.outcome_values(evaluation.id) == []


def test_a_value_for_an_unknown_evaluation_is_refused(store: Store) -> None:
    with pytest.raises(StoreInputError, match="no evaluation with id 6"):
        store.save_outcome_value(6, "absence", "baseline", 12.0, by="ann")
