"""Everything an export shows, read from the store and judged once, as plain data.

Each exporter renders this model and nothing else, so the overview, the report,
the JSON and the CSV can never disagree about a rating, and none of them reads
the database itself. Nothing here depends on the clock: the report date is given.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from selfeval_tui.bank import Element, Framework, Level, Strand
from selfeval_tui.conversation.progress import (
    AnswerCount,
    answer_count,
    element_started,
)
from selfeval_tui.conversation.steps import (
    Step,
    bank_steps,
    is_answered,
    judgement_step,
)
from selfeval_tui.domain.actions import (
    Action,
    ElementPlan,
    NoAction,
    ProgressNote,
    element_plan,
)
from selfeval_tui.domain.judgement import (
    ElementJudgement,
    describe_measure_value,
    judge,
)
from selfeval_tui.domain.outcomes import OutcomeRow, outcome_rows
from selfeval_tui.exports.escape import is_blank
from selfeval_tui.store import Answer, Evaluation, Judgement, Partnership, Store

Change = Literal["up", "down", "same"]
LIST_SEPARATOR = "; "
"""Between focus labels and member names in one cell: a semicolon, as labels may contain commas."""


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer to a bank question (criterion or measure), in bank order."""

    step: Step
    answer: Answer

    @property
    def label(self) -> str:
        source = self.step.criterion or self.step.measure
        assert source is not None
        return source.label

    @property
    def value_text(self) -> str | None:
        """A measure's value as a coordinator would say it; None for a criterion."""
        if self.step.measure is None or self.answer.value is None:
            return None
        return describe_measure_value(self.step.measure, self.answer.value)


@dataclass(frozen=True)
class ElementReport:
    element: Element
    strand: Strand
    judgement: ElementJudgement
    confirmed: bool
    """The coordinator agreed a rating (or confirmed the computed one) that still stands."""
    answers: tuple[AnswerRow, ...]
    previous: Level | None
    """Last year's rating; None when there was no earlier evaluation or it left this element untouched."""
    started: bool
    """As ``conversation.progress`` defines it; a not-started element has no rating, not Not yet developing."""

    @property
    def rating(self) -> Level:
        """The rule's rating, which is Not yet developing for an element nobody started: see :attr:`level`."""
        return self.judgement.current

    @property
    def level(self) -> Level | None:
        """The current rating, or None while the element is not started."""
        return self.rating if self.started else None

    @property
    def provisional(self) -> bool:
        return self.started and self.judgement.provisional

    @property
    def focus_text(self) -> str:
        return LIST_SEPARATOR.join(self.judgement.focus_labels)

    @property
    def change(self) -> Change | None:
        if self.previous is None or not self.started:
            return None
        if self.rating == self.previous:
            return "same"
        return "up" if self.rating > self.previous else "down"

    def answer_row(self, question_id: str) -> AnswerRow | None:
        return next((row for row in self.answers if row.step.question_id == question_id), None)


@dataclass(frozen=True)
class MemberGroup:
    category: str
    title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ExportData:
    partnership: Partnership
    evaluation: Evaluation
    framework: Framework
    date: datetime.date
    prepared_by: str | None
    elements: tuple[ElementReport, ...]
    members: tuple[MemberGroup, ...]
    outcomes: tuple[OutcomeRow, ...]
    """The bank's key outcomes, then the local ones, judged by ``domain.outcomes``: the one progress rule."""
    previous: Evaluation | None
    answer_count: AnswerCount
    """The answers saved, counted as the chat and the start screen count them."""
    actions: tuple[Action, ...] = ()
    """The evaluation's action plan (docs/actions.md), in the order the actions were made."""
    no_actions: Mapping[tuple[str, str], NoAction] = field(default_factory=dict)
    """Focus items the partnership chose not to act on, by (element id, criterion id), with the reason."""
    progress_notes: Mapping[int, tuple[ProgressNote, ...]] = field(default_factory=dict)
    """Each action's dated progress notes, oldest first, by action id."""
    previous_actions: tuple[Action, ...] = ()
    """Last year's plan, to say in section (b) what became of it."""

    def by_strand(self) -> list[tuple[Strand, tuple[ElementReport, ...]]]:
        return [
            (strand, tuple(e for e in self.elements if e.strand.id == strand.id)) for strand in self.framework.strands
        ]

    def plan(self, report: ElementReport) -> ElementPlan:
        """The element's plan: each item of its current development focus with its actions, or why it has none."""
        focus = [(state.criterion.id, state.criterion.label) for state in report.judgement.focus] if report.started else []
        reasons = {criterion: reason for (element, criterion), reason in self.no_actions.items() if element == report.element.id}
        return element_plan(report.element.id, report.element.title, focus, self.actions, reasons)


def gather(
    store: Store,
    framework: Framework,
    evaluation: Evaluation,
    *,
    date: datetime.date,
    prepared_by: str | None = None,
) -> ExportData:
    """Read and judge one evaluation; the only place an export touches the store."""
    answers = store.answers(evaluation.id)
    judgements = store.judgements(evaluation.id)
    previous = store.previous_evaluation(evaluation)
    previous_levels = _previous_levels(store, framework, previous)
    elements = []
    for strand in framework.strands:
        for element in strand.elements:
            steps = bank_steps(element)
            elements.append(
                ElementReport(
                    element=element,
                    strand=strand,
                    judgement=judge(element, answers, judgements.get(element.id)),
                    confirmed=is_answered(judgement_step(element), answers, judgements),
                    answers=tuple(AnswerRow(s, answers[s.question_id]) for s in steps if s.question_id in answers),
                    previous=previous_levels.get(element.id),
                    started=element_started(element, answers, judgements),
                )
            )
    return ExportData(
        partnership=store.partnership_by_id(evaluation.partnership_id),
        evaluation=evaluation,
        framework=framework,
        date=date,
        prepared_by=None if prepared_by is None or is_blank(prepared_by) else prepared_by,
        elements=tuple(elements),
        members=_members(framework, store.members(evaluation.partnership_id)),
        outcomes=tuple(
            outcome_rows(
                framework, store.outcome_targets(evaluation.partnership_id), store.outcome_values(evaluation.id)
            )
        ),
        previous=previous,
        answer_count=answer_count(framework, answers),
        actions=tuple(store.actions(evaluation.id)),
        no_actions=store.no_actions(evaluation.id),
        progress_notes=store.progress_notes(evaluation.id),
        previous_actions=tuple(store.actions(previous.id)) if previous else (),
    )


def _previous_levels(store: Store, framework: Framework, previous: Evaluation | None) -> dict[str, Level]:
    """Last year's rating of each element that last year's evaluation answered or agreed."""
    if previous is None:
        return {}
    answers = store.answers(previous.id)
    judgements: Mapping[str, Judgement] = store.judgements(previous.id)
    return {
        element.id: judge(element, answers, judgements.get(element.id)).current
        for element in framework.elements
        if element_started(element, answers, judgements)
    }


def _members(framework: Framework, stored: Mapping[str, list[str]]) -> tuple[MemberGroup, ...]:
    """The bank's categories in its order (empty ones too), then any the bank no longer has."""
    titles = {c.id: c.title for c in framework.membership}
    categories = [*titles, *sorted(set(stored) - set(titles))]
    return tuple(
        MemberGroup(c, titles.get(c, c), tuple(n for n in stored.get(c, []) if not is_blank(n))) for c in categories
    )
