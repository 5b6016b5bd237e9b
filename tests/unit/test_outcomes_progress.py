"""The key-outcome progress rule, as a table (docs/outcomes.md)."""

from __future__ import annotations

import pytest

from selfeval_tui.domain.outcomes import progress, target_value


@pytest.mark.parametrize(
    ("baseline", "direction", "amount", "unit", "target"),
    [
        (10.0, "reduce", 10, "percent", 9.0),
        (10.0, "reduce", 2, "percentage_points", 8.0),
        (40, "reduce", 4, "count", 36),
        (5, "increase", 20, "percent", 6.0),
        (5, "increase", 2, "count", 7),
    ],
)
def test_target_value(baseline, direction, amount, unit, target) -> None:
    assert target_value(baseline, direction, amount, unit) == pytest.approx(target)


@pytest.mark.parametrize(
    ("values", "direction", "amount", "unit", "status", "change"),
    [
        ({}, "reduce", 10, "percent", "no data", None),
        ({"baseline": 8.0}, "reduce", 10, "percent", "no data", None),
        ({"term1": 8.0}, "reduce", 10, "percent", "no data", None),
        # reduce PA from 8% by 3 points: after term 1 a third (1 point) is due
        ({"baseline": 8.0, "term1": 7.0}, "reduce", 3, "percentage_points", "on track", -1.0),
        ({"baseline": 8.0, "term1": 7.5}, "reduce", 3, "percentage_points", "some progress", -0.5),
        ({"baseline": 8.0, "term1": 8.0}, "reduce", 3, "percentage_points", "off track", 0.0),
        ({"baseline": 8.0, "term1": 8.4}, "reduce", 3, "percentage_points", "off track", pytest.approx(0.4)),
        # the latest term counts: after term 3 the whole target is due
        ({"baseline": 40, "term1": 30, "term3": 38}, "reduce", 4, "count", "some progress", -2),
        ({"baseline": 40, "term1": 39, "term2": 38, "term3": 36}, "reduce", 4, "count", "on track", -4),
        # increase
        ({"baseline": 5, "term1": 6}, "increase", 2, "count", "on track", 1),
        ({"baseline": 5, "term2": 6}, "increase", 2, "count", "some progress", 1),
        ({"baseline": 5, "term2": 4}, "increase", 2, "count", "off track", -1),
        # no target amount: direction only
        ({"baseline": 5, "term1": 4}, "reduce", None, "count", "some progress", -1),
        ({"baseline": 5, "term1": 5}, "reduce", None, "count", "off track", 0),
    ],
)
def test_status(values, direction, amount, unit, status, change) -> None:
    result = progress(values, direction, amount, unit)
    assert result.status == status
    assert result.change == change


def test_outcome_rows_cover_key_and_local_outcomes(store, framework, evaluation) -> None:
    from selfeval_tui.domain.outcomes import outcome_rows

    pid = evaluation.partnership_id
    store.save_outcome_target(pid, "persistent-absence", title="PA", direction="reduce", amount=2,
                              unit="percentage_points", value_unit="percent")
    store.save_outcome_target(pid, "local-racist-bullying", title="Racist bullying incidents", direction="reduce",
                              amount=25, unit="percent", local=True, value_unit="count")
    store.save_outcome_value(evaluation.id, "persistent-absence", "baseline", 9.0, by="coordinator")
    store.save_outcome_value(evaluation.id, "persistent-absence", "term1", 8.0, by="coordinator")
    rows = outcome_rows(framework, store.outcome_targets(pid), store.outcome_values(evaluation.id))
    assert [r.outcome_id for r in rows][:2] == ["ofsted-behaviour", "overall-absence"]
    assert len(rows) == 9 and rows[-1].local and rows[-1].value_unit == "count"
    pa = next(r for r in rows if r.outcome_id == "persistent-absence")
    assert pa.target_text == "reduce by 2 percentage points"
    assert (pa.progress.change, pa.progress.status) == (-1.0, "on track")
    assert rows[0].target_text == "not set" and rows[0].progress.status == "no data"
    assert rows[-1].target_text == "reduce by 25%"
    store.save_outcome_target(pid, "persistent-absence", title="PA", direction="reduce", amount=1,
                              unit="percentage_points", value_unit="percent")
    (pa,) = [r for r in outcome_rows(framework, store.outcome_targets(pid), []) if r.outcome_id == "persistent-absence"]
    assert pa.target_text == "reduce by 1 percentage point"
