"""One read model of an evaluation, and the one place that looks across years.

``EvaluationView`` is what is stored about one evaluation, read in one go, with
the rules that only need stored facts: each element's judgement, whether it is
started (``domain.progress``), last year's rating and the change since, the
answers saved, and the key outcomes' progress. The exports render it; the
per-mode question counts (``answered/total``) follow the conversation's flow and
are ``conversation.progress``'s. "Last year" is always :meth:`previous_year`
here: the latest earlier evaluation of the same partnership.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from selfeval_tui.domain.actions import Action, NoAction, ProgressNote
from selfeval_tui.domain.framework import Element, Framework, Level
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.outcomes import OutcomeRow, outcome_rows
from selfeval_tui.domain.progress import AnswerCount, answer_count, element_started
from selfeval_tui.domain.records import (
    Answer,
    Evaluation,
    Judgement,
    OutcomeTarget,
    OutcomeValue,
    Partnership,
)
from selfeval_tui.domain.workshops import WorkshopMinutes
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.minutes import workshop_minutes

Change = Literal["up", "down", "same"]


@dataclass(frozen=True)
class EvaluationView:
    """Everything stored about one evaluation, and last year's ratings, read at one moment."""

    framework: Framework
    partnership: Partnership
    evaluation: Evaluation
    answers: Mapping[str, Answer]
    judgements: Mapping[str, Judgement]
    members: Mapping[str, list[str]]
    outcome_targets: tuple[OutcomeTarget, ...]
    outcome_values: tuple[OutcomeValue, ...]
    previous: Evaluation | None
    """The same partnership's latest earlier evaluation, if any."""
    previous_levels: Mapping[str, Level]
    """Last year's rating of each element last year's evaluation started (absent: none)."""
    actions: tuple[Action, ...] = ()
    """The action plan (docs/actions.md), in the order the actions were made."""
    no_actions: Mapping[tuple[str, str], NoAction] = field(default_factory=dict)
    progress_notes: Mapping[int, tuple[ProgressNote, ...]] = field(default_factory=dict)
    previous_actions: tuple[Action, ...] = ()
    """Last year's plan, for what became of it."""
    earlier_outcomes: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    """Per outcome, each earlier year's end-of-year value (its latest term, else its baseline), oldest first."""
    workshops: tuple[WorkshopMinutes, ...] = ()
    """The minutes of the year's workshops (docs/workshop.md), oldest first: the board report summarises them."""

    def judgement(self, element: Element) -> ElementJudgement:
        return judge(element, self.answers, self.judgements.get(element.id))

    def started(self, element: Element) -> bool:
        return element_started(element, self.answers, self.judgements)

    def change(self, element: Element, judgement: ElementJudgement | None = None) -> Change | None:
        """The rating against last year's: None when either year left the element untouched."""
        previous = self.previous_levels.get(element.id)
        if previous is None or not self.started(element):
            return None
        rating = (judgement or self.judgement(element)).current
        if rating == previous:
            return "same"
        return "up" if rating > previous else "down"

    @property
    def answer_count(self) -> AnswerCount:
        return answer_count(self.framework, self.answers)

    @property
    def outcomes(self) -> list[OutcomeRow]:
        """The bank's key outcomes, then the local ones, judged by ``domain.outcomes``."""
        return outcome_rows(self.framework, self.outcome_targets, self.outcome_values)


def levels_of(framework: Framework, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement]) -> dict[str, Level]:
    """Each started element's rating: what "last year's rating" is read as."""
    return {
        element.id: judge(element, answers, judgements.get(element.id)).current
        for element in framework.elements
        if element_started(element, answers, judgements)
    }


class ViewServices(ServiceBase):
    def previous_year(self, actor: Actor, evaluation: Evaluation) -> Evaluation | None:
        """The same partnership's latest evaluation before this one: "last year" everywhere."""
        self._require(actor, Right.READ, "see the evaluations", partnership=evaluation.partnership_id)
        return self._store.previous_evaluation(evaluation.partnership_id, evaluation.year)

    def years_to(self, actor: Actor, evaluation: Evaluation) -> list[tuple[Evaluation, list[OutcomeValue]]]:
        """The partnership's evaluations up to and including this one, oldest first, with their outcome values."""
        self._require(actor, Right.READ, "see the key outcomes", partnership=evaluation.partnership_id)
        store = self._store
        years = sorted(
            (e for e in store.list_evaluations(evaluation.partnership_id) if e.year <= evaluation.year),
            key=lambda e: e.year,
        )
        return [(year, store.outcome_values(year.id)) for year in years]

    def evaluation_view(self, actor: Actor, framework: Framework, evaluation: Evaluation) -> EvaluationView:
        self._require(actor, Right.READ, "read the evaluation", partnership=evaluation.partnership_id)
        return self._view(framework, evaluation)

    def export_view(self, actor: Actor, framework: Framework, evaluation: Evaluation) -> EvaluationView:
        """The view an export renders: the same read, under the right to export."""
        self._require(actor, Right.EXPORT, "export the evaluation", partnership=evaluation.partnership_id)
        return self._view(framework, evaluation)

    def _view(self, framework: Framework, evaluation: Evaluation) -> EvaluationView:
        store = self._store
        previous = store.previous_evaluation(evaluation.partnership_id, evaluation.year)
        previous_levels = (
            {} if previous is None else levels_of(framework, store.answers(previous.id), store.judgements(previous.id))
        )
        return EvaluationView(
            framework=framework,
            partnership=store.partnership_by_id(evaluation.partnership_id),
            evaluation=evaluation,
            answers=store.answers(evaluation.id),
            judgements=store.judgements(evaluation.id),
            members=store.members(evaluation.partnership_id),
            outcome_targets=tuple(store.outcome_targets(evaluation.partnership_id)),
            outcome_values=tuple(store.outcome_values(evaluation.id)),
            previous=previous,
            previous_levels=previous_levels,
            actions=tuple(store.actions(evaluation.id)),
            no_actions=store.no_actions(evaluation.id),
            progress_notes=store.progress_notes(evaluation.id),
            previous_actions=tuple(store.actions(previous.id)) if previous else (),
            earlier_outcomes=self._earlier_outcomes(evaluation),
            workshops=tuple(workshop_minutes(store, w, framework) for w in store.workshops(evaluation.id)),
        )

    def _earlier_outcomes(self, evaluation: Evaluation) -> dict[str, tuple[tuple[str, float], ...]]:
        """What the report's trend pictures put before this year's: one value per earlier year that recorded any."""
        earlier: dict[str, list[tuple[str, float]]] = {}
        store = self._store
        years = sorted(
            (e for e in store.list_evaluations(evaluation.partnership_id) if e.year < evaluation.year),
            key=lambda e: e.year,
        )
        for before in years:
            latest: dict[str, float] = {}
            for recorded in store.outcome_values(before.id):  # baseline, term1, term2, term3: the last one wins
                latest[recorded.outcome_id] = recorded.value
            for outcome_id, value in latest.items():
                earlier.setdefault(outcome_id, []).append((before.year, value))
        return {outcome_id: tuple(values) for outcome_id, values in earlier.items()}
