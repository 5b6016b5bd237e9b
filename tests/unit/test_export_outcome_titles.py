"""Annex A's "by x%" in an outcome's title gives way to the partnership's target where one is set."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_support import sample_data, sample_db

from selfeval_tui.bank import Framework
from selfeval_tui.domain.outcomes import outcome_rows
from selfeval_tui.exports import markdown_report
from selfeval_tui.store import Store

__all__ = ["sample_db"]

ABSENCE = "To reduce overall absence across the partnership by x%"


@pytest.mark.parametrize(
    ("direction", "amount", "unit", "stated"),
    [
        ("reduce", 1.0, "percentage_points", "To reduce overall absence across the partnership by 1 percentage point"),
        ("reduce", 10.0, "percent", "To reduce overall absence across the partnership by 10%"),
        ("reduce", None, "percent", ABSENCE),  # a target with no amount yet: the Annex A wording stays
        ("increase", 2.0, "percent", ABSENCE),  # a target the other way from the title: the target column says it
    ],
)
def test_the_title_states_the_target_where_one_is_set(
    store: Store, framework: Framework, direction: str, amount: float | None, unit: str, stated: str
) -> None:
    partnership = store.create_partnership("Riverside", "")
    store.save_outcome_target(
        partnership.id, "overall-absence", title=ABSENCE, direction=direction, amount=amount, unit=unit
    )
    rows = {r.outcome_id: r for r in outcome_rows(framework, store.outcome_targets(partnership.id), [])}
    assert rows["overall-absence"].stated_title == stated
    assert rows["permanent-exclusions"].stated_title == rows["permanent-exclusions"].title  # no target at all


def test_the_report_says_outcomes_with_their_targets(sample_db: Path, framework: Framework) -> None:
    report = markdown_report.render(sample_data(sample_db, framework))
    assert "| To reduce overall absence across the partnership by 10% | reduce by 10% |" in report
    assert "by x%" not in report.replace("multiple fixed-term exclusions across the partnership by x%", "")
