"""The progress rule for a key outcome (docs/outcomes.md), as a pure function.

A partnership sets a target such as "reduce persistent absence by 2 percentage
points" against a baseline, and records a value each term. Progress is judged
pro rata: after term k of 3, at least k/3 of the targeted change should be made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

PERIODS = ("baseline", "term1", "term2", "term3")
Status = Literal["on track", "some progress", "off track", "no data"]
TargetUnit = Literal["percent", "percentage_points", "count"]


def target_value(baseline: float, direction: str, amount: float, unit: TargetUnit) -> float:
    """The value the target aims at: "by 10%" is relative to the baseline; points and counts are absolute."""
    change = baseline * amount / 100 if unit == "percent" else amount
    return baseline - change if direction == "reduce" else baseline + change


@dataclass(frozen=True)
class OutcomeProgress:
    """One outcome's year so far: its baseline, terms and latest value, the change since the baseline and its status against the target."""

    baseline: float | None
    terms: tuple[float | None, float | None, float | None]
    latest: float | None
    latest_period: str | None
    change: float | None
    target: float | None
    status: Status


def progress(
    values: Mapping[str, float], direction: str, amount: float | None, unit: TargetUnit
) -> OutcomeProgress:
    baseline = values.get("baseline")
    terms = (values.get("term1"), values.get("term2"), values.get("term3"))
    recorded = [(period, values[period]) for period in PERIODS[1:] if period in values]
    latest_period, latest = recorded[-1] if recorded else (None, None)
    if baseline is None or latest is None:
        target = target_value(baseline, direction, amount, unit) if baseline is not None and amount else None
        return OutcomeProgress(baseline, terms, latest, latest_period, None, target, "no data")
    change = latest - baseline
    towards = -change if direction == "reduce" else change
    if not amount:
        status: Status = "some progress" if towards > 0 else "off track"
        return OutcomeProgress(baseline, terms, latest, latest_period, change, None, status)
    target = target_value(baseline, direction, amount, unit)
    required = abs(target - baseline)
    share = towards / required if required else (1.0 if towards >= 0 else 0.0)
    expected = PERIODS.index(latest_period) / 3
    if share >= expected - 1e-9:
        status = "on track"
    elif share > 0:
        status = "some progress"
    else:
        status = "off track"
    return OutcomeProgress(baseline, terms, latest, latest_period, change, target, status)
