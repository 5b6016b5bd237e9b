"""One partnership across every year on record: each element's rating and each key outcome's values.

The read model behind the TUI's history screen, ``selfeval export history`` and
the report's multi-year table. A year's rating of an element is what the
evaluation view says it is (``views.levels_of``: the rule, or the agreed
rating), and the change is against the partnership's previous evaluation on
record, as "changes since last year" is everywhere; an element a year did not
start has no rating that year and no change into or out of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfeval_tui.domain.framework import Element, Framework, Level, Strand
from selfeval_tui.domain.outcomes import PERIODS, OutcomeRow, outcome_rows
from selfeval_tui.domain.ratings import Rater
from selfeval_tui.domain.records import Evaluation, Partnership
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import refuse_unless
from selfeval_tui.services.views import Change, levels_of

CHANGE_WORDS: dict[Change, str] = {"up": "up", "down": "down", "same": "same"}
CHANGE_SYMBOLS: dict[Change, str] = {"up": "↑", "down": "↓", "same": "="}
"""A change is always said in a word and a symbol, never by colour alone (docs/tui.md)."""
NOT_EVALUATED = "not evaluated"
"""A year whose evaluation did not start the element: no rating, and nothing to compare."""


@dataclass(frozen=True)
class YearRating:
    """An element's rating in one year, and how it moved from the year before (None: not comparable)."""

    year: str
    level: Level | None
    """None when the year's evaluation did not start the element."""
    change: Change | None

    @property
    def text(self) -> str:
        """'Developed ↑ up': the rating, then the change in a symbol and a word; 'not evaluated' for a gap."""
        if self.level is None:
            return NOT_EVALUATED
        if self.change is None:
            return self.level.title
        return f"{self.level.title} {CHANGE_SYMBOLS[self.change]} {CHANGE_WORDS[self.change]}"


@dataclass(frozen=True)
class ElementHistory:
    """One element's row of the history: its rating in every year on record."""

    element: Element
    strand: Strand
    years: tuple[YearRating, ...]
    """One per evaluation on record, oldest first."""

    @property
    def latest_change(self) -> Change | None:
        return self.years[-1].change if self.years else None


@dataclass(frozen=True)
class OutcomeHistory:
    """One key outcome's values across years and terms; ``row`` gives its title and how a value is written."""

    row: OutcomeRow
    values: tuple[tuple[str, tuple[float | None, ...]], ...]
    """(year, values at baseline, term 1, term 2, term 3) for every year on record, oldest first."""

    @property
    def points(self) -> list[float]:
        """The recorded values in time order (a sparkline's data)."""
        return [value for _, values in self.values for value in values if value is not None]


@dataclass(frozen=True)
class PartnershipHistory:
    """One partnership across every year on record: what the history screen and ``export history`` show."""

    framework: Framework
    partnership: Partnership
    years: tuple[Evaluation, ...]
    """Every evaluation of the partnership, oldest first."""
    elements: tuple[ElementHistory, ...]
    outcomes: tuple[OutcomeHistory, ...]

    @property
    def year_names(self) -> tuple[str, ...]:
        return tuple(e.year for e in self.years)

    def up_to(self, year: str) -> PartnershipHistory:
        """The history as it stood in ``year``: that year and the ones before it (the report's table)."""
        keep = sum(1 for e in self.years if e.year <= year)
        return PartnershipHistory(
            self.framework,
            self.partnership,
            self.years[:keep],
            tuple(ElementHistory(h.element, h.strand, h.years[:keep]) for h in self.elements),
            tuple(OutcomeHistory(o.row, tuple(v for v in o.values if v[0] <= year)) for o in self.outcomes),
        )


def compare(level: Level | None, before: Level | None) -> Change | None:
    if level is None or before is None:
        return None
    if level == before:
        return "same"
    return "up" if level > before else "down"


class HistoryServices(ServiceBase):
    def partnership_history(self, actor: Actor, framework: Framework, partnership_id: int) -> PartnershipHistory:
        """Every year on record of one partnership, read in one go."""
        refuse_unless(actor, Right.READ, "see the partnership's history")
        return self._history(framework, partnership_id)

    def export_history(self, actor: Actor, framework: Framework, partnership_id: int) -> PartnershipHistory:
        """The same read, under the right to export (``selfeval export history``)."""
        refuse_unless(actor, Right.EXPORT, "export the partnership's history")
        return self._history(framework, partnership_id)

    def _levels(self, framework: Framework, partnership_id: int, years: tuple[Evaluation, ...]) -> list[dict[str, Level]]:
        """Each year's ratings from ``element_ratings``, which is what the rule gives (docs/store.md).

        Reading the table is one query for every year, where judging ten years
        again costs a third of a second. An evaluation whose rows are missing or
        were judged with another bank (a read-only file the services could not
        bring up to date) is judged here instead, so the answer is the same.
        """
        store = self._store
        stored = store.current_ratings(partnership_id)
        stale = set(store.unrated_evaluations(Rater(framework))) if years else set()
        return [
            levels_of(framework, store.answers(e.id), store.judgements(e.id))
            if e.id in stale
            else {element_id: Level(level) for element_id, level in stored.get(e.id, {}).items()}
            for e in years
        ]

    def _history(self, framework: Framework, partnership_id: int) -> PartnershipHistory:
        store = self._store
        partnership = store.partnership_by_id(partnership_id)
        years = tuple(sorted(store.list_evaluations(partnership_id), key=lambda e: e.year))
        levels = self._levels(framework, partnership_id, years)
        elements = []
        for strand in framework.strands:
            for element in strand.elements:
                rated = [year_levels.get(element.id) for year_levels in levels]
                elements.append(
                    ElementHistory(
                        element,
                        strand,
                        tuple(
                            YearRating(e.year, level, compare(level, rated[i - 1]) if i else None)
                            for i, (e, level) in enumerate(zip(years, rated, strict=True))
                        ),
                    )
                )
        values = [store.outcome_values(e.id) for e in years]
        rows = outcome_rows(framework, store.outcome_targets(partnership_id), values[-1] if values else [])
        outcomes = []
        for row in rows:
            per_year = []
            for evaluation, stored in zip(years, values, strict=True):
                periods: dict[str, float] = {v.period: v.value for v in stored if v.outcome_id == row.outcome_id}
                per_year.append((evaluation.year, tuple(periods.get(p) for p in PERIODS)))
            outcomes.append(OutcomeHistory(row, tuple(per_year)))
        return PartnershipHistory(framework, partnership, years, tuple(elements), tuple(outcomes))
