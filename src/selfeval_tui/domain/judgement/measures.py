"""Turning a stored measure value into the percentage its level minimums are written in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from selfeval_tui.domain.framework import Measure

MeasureValue = float | Sequence[str] | Mapping[str, int] | None


def measure_percent(measure: Measure, value: MeasureValue) -> float | None:
    """The value as a percentage, or None when it cannot be judged (nothing given, no moves)."""
    if value is None:
        return None
    if measure.kind == "percent" and isinstance(value, int | float):
        return float(value)
    if measure.kind == "checklist" and isinstance(value, Sequence) and not isinstance(value, str):
        ticked = {item for item in value if item in measure.items}
        return 100.0 * len(ticked) / len(measure.items)
    if measure.kind == "success_rate" and isinstance(value, Mapping):
        moves, successes = value.get("moves", 0), value.get("successes", 0)
        return 100.0 * successes / moves if moves else None
    return None


def describe_measure_value(measure: Measure, value: MeasureValue) -> str:
    """A measure value as a coordinator would say it: '87%', '26 of 30 (87%)', '6 of 9 indicators'."""
    percent = measure_percent(measure, value)
    if percent is None:
        return "not given"
    if measure.kind == "checklist" and isinstance(value, Sequence):
        ticked = len({item for item in value if item in measure.items})
        return f"{ticked} of {len(measure.items)} ({percent:.0f}%)"
    if measure.kind == "success_rate" and isinstance(value, Mapping):
        return f"{value.get('successes', 0)} of {value.get('moves', 0)} ({percent:.0f}%)"
    return f"{percent:g}%"
