"""One row per outcome, with its target and progress: what the report, JSON and TUI all show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.outcomes.progress import OutcomeProgress, progress
from selfeval_tui.domain.records import OutcomeTarget, OutcomeValue

PLACEHOLDER = "x%"
"""Annex A's stand-in for the target in an outcome's title ("... by x%")."""

MISSING = "–"
"""Shown for a value not recorded, in the report's table and on screen alike."""


def number(value: float) -> str:
    """At most two decimals and no trailing zeros: 5.83, 12, -0.5."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def value_text(value: float | None, value_unit: str) -> str:
    """Percentages with %, counts whole."""
    if value is None:
        return MISSING
    return number(value) + ("%" if value_unit == "percent" else "")


def target_text(target: OutcomeTarget | None) -> str:
    """'reduce by 10%', 'reduce by 2 percentage points', 'increase by 3', or 'not set'."""
    if target is None or target.amount is None:
        return "not set"
    amount = f"{target.amount:g}"
    points = " percentage point" if target.amount == 1 else " percentage points"
    unit = {"percent": "%", "percentage_points": points, "count": ""}[target.unit]
    return f"{target.direction} by {amount}{unit}"


@dataclass(frozen=True)
class OutcomeRow:
    """One row of the key outcomes table: the outcome, its target and its values, as every shell shows them."""

    outcome_id: str
    title: str
    local: bool
    direction: str
    value_unit: str
    target: OutcomeTarget | None
    progress: OutcomeProgress

    def value_text(self, value: float | None) -> str:
        return value_text(value, self.value_unit)

    def change_text(self, words: bool = True) -> str:
        """Signed, in the values' own unit: a change of a percentage is in percentage points ('pt' when short)."""
        change = self.progress.change
        if change is None:
            return MISSING
        text = number(change)
        if change > 0 and text != "0":
            text = f"+{text}"
        if self.value_unit != "percent":
            return text
        if not words:
            return f"{text}pt"
        return f"{text} percentage point{'' if text.lstrip('+-') == '1' else 's'}"

    @property
    def target_text(self) -> str:
        return target_text(self.target)

    @property
    def stated_title(self) -> str:
        """The title with the target in place of Annex A's "x%" (set by the partnership), where one is set.

        "To reduce overall absence across the partnership by x%" with a target to
        reduce by 1 percentage point reads "... by 1 percentage point". Without a
        target amount, or with one the other way from the title, the Annex A
        wording stays: the target column says what is set.
        """
        target = self.target
        if target is None or target.amount is None or PLACEHOLDER not in self.title:
            return self.title
        if not self.title.lower().startswith(f"to {target.direction} "):
            return self.title
        return self.title.replace(PLACEHOLDER, target_text(target).split(" by ", 1)[1], 1)


def outcome_rows(
    framework: Framework, targets: Iterable[OutcomeTarget], values: Iterable[OutcomeValue]
) -> list[OutcomeRow]:
    """The bank's key outcomes in order, then the partnership's local outcomes in the order added."""
    by_id = {t.outcome_id: t for t in targets}
    recorded: dict[str, dict[str, float]] = {}
    for value in values:
        recorded.setdefault(value.outcome_id, {})[value.period] = value.value
    rows = []
    for outcome in framework.outcomes:
        target = by_id.pop(outcome.id, None)
        rows.append(_row(outcome.id, outcome.title, False, outcome.direction, outcome.unit, target, recorded))
    for target in by_id.values():
        rows.append(_row(target.outcome_id, target.title, True, target.direction, target.value_unit, target, recorded))
    return rows


def _row(
    outcome_id: str,
    title: str,
    local: bool,
    direction: str,
    value_unit: str,
    target: OutcomeTarget | None,
    recorded: dict[str, dict[str, float]],
) -> OutcomeRow:
    amount = target.amount if target is not None else None
    unit = target.unit if target is not None else "count"
    direction = target.direction if target is not None else direction
    return OutcomeRow(
        outcome_id,
        title,
        local,
        direction,
        value_unit,
        target,
        progress(recorded.get(outcome_id, {}), direction, amount, unit),
    )
