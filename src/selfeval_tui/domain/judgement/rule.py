"""The judgement rule: from an element's answers to its current rating and development focus.

Written as a pure function so that every clause of the rule (docs/judgement.md)
has a table-style test, and so the conversation, the TUI and the exports all
explain a rating with the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from selfeval_tui.domain.framework import Criterion, Element, Level
from selfeval_tui.domain.judgement.measures import (
    describe_measure_value,
    measure_percent,
)
from selfeval_tui.domain.records import Answer, Judgement, Status

UNKNOWN: tuple[Status | None, ...] = (None, Status.NOT_SURE)
FOCUS_ORDER: dict[Status | None, int] = {Status.PARTLY: 0, Status.NOT_MET: 1, Status.NOT_SURE: 2, None: 3}


@dataclass(frozen=True)
class CriterionState:
    """A criterion with the status the rule uses for it (measure criteria are derived)."""

    criterion: Criterion
    status: Status | None
    note: str = ""

    @property
    def applicable(self) -> bool:
        return self.status is not Status.NOT_APPLICABLE

    @property
    def unknown(self) -> bool:
        return self.status in UNKNOWN


@dataclass(frozen=True)
class LevelState:
    """One level of an element under the rule: each criterion's state, and whether the level is secured."""

    level: Level
    criteria: tuple[CriterionState, ...]

    @property
    def applicable(self) -> tuple[CriterionState, ...]:
        return tuple(c for c in self.criteria if c.applicable)

    @property
    def secured(self) -> bool:
        return all(c.status is Status.MET for c in self.applicable)

    @property
    def blocking(self) -> tuple[CriterionState, ...]:
        """Criteria answered partly or not met: they stop the level whatever else is answered."""
        return tuple(c for c in self.applicable if c.status in (Status.PARTLY, Status.NOT_MET))

    @property
    def unknown(self) -> tuple[CriterionState, ...]:
        return tuple(c for c in self.applicable if c.unknown)


@dataclass(frozen=True)
class ElementJudgement:
    """The rule applied to one element: its computed (or agreed) rating, what is open, the focus and why."""

    element: Element
    levels: tuple[LevelState, ...]
    computed: Level
    agreed: Judgement | None
    provisional: bool
    open_questions: tuple[CriterionState, ...]
    focus: tuple[CriterionState, ...]
    uneven: tuple[Level, ...]
    explanation: tuple[str, ...]

    @property
    def current(self) -> Level:
        return Level(self.agreed.level) if self.agreed is not None else self.computed

    @property
    def overridden(self) -> bool:
        return self.agreed is not None and self.agreed.level != self.computed

    @property
    def focus_labels(self) -> tuple[str, ...]:
        if self.computed is Level.ENHANCING:
            return (SUSTAIN,)
        return tuple(c.criterion.label for c in self.focus)


SUSTAIN = "Sustain and share practice with other partnerships"


def criterion_state(element: Element, criterion: Criterion, answers: Mapping[str, Answer]) -> CriterionState:
    """The status of one criterion; a measure criterion is met when the measure reaches its minimum."""
    if criterion.measure is None:
        answer = answers.get(criterion.id)
        return CriterionState(criterion, None) if answer is None else _from_status(criterion, answer)
    measure = element.measure(criterion.measure)
    answer = answers.get(criterion.measure)
    if measure is None or answer is None:
        return CriterionState(criterion, None)
    if answer.status in (Status.NOT_SURE, Status.NOT_APPLICABLE):
        return _from_status(criterion, answer)
    percent = measure_percent(measure, answer.value)
    if percent is None or criterion.minimum is None:
        return CriterionState(criterion, None, answer.note)
    return CriterionState(criterion, Status.MET if percent >= criterion.minimum else Status.NOT_MET, answer.note)


def _from_status(criterion: Criterion, answer: Answer) -> CriterionState:
    """'Not applicable' without a note does not take a criterion out: the rule needs a reason."""
    if answer.status is Status.NOT_APPLICABLE and not answer.note.strip():
        return CriterionState(criterion, None, answer.note)
    return CriterionState(criterion, answer.status, answer.note)


def judge(
    element: Element, answers: Mapping[str, Answer], agreed: Judgement | None = None, *, explain: bool = True
) -> ElementJudgement:
    """Apply the rule to one element. ``answers`` may hold answers of other elements too.

    ``explain=False`` leaves ``explanation`` empty: writing it is a third of the
    work, and keeping ``element_ratings`` after every save needs only the rating.
    """
    levels = tuple(
        LevelState(
            descriptor.level,
            tuple(criterion_state(element, c, answers) for c in descriptor.criteria),
        )
        for descriptor in element.levels
    )
    computed = Level.NOT_YET
    for state in levels:
        if not state.secured:
            break
        computed = state.level
    open_questions = _open_questions(levels, computed)
    focus: tuple[CriterionState, ...] = ()
    if computed < Level.ENHANCING:
        next_level = levels[computed]
        focus = tuple(
            sorted(
                (c for c in next_level.applicable if c.status is not Status.MET),
                key=lambda c: FOCUS_ORDER[c.status],
            )
        )
    uneven = tuple(
        s.level
        for s in levels
        if s.level > computed + 1 and s.secured and any(c.status is Status.MET for c in s.criteria)
    )
    judgement = ElementJudgement(
        element=element,
        levels=levels,
        computed=computed,
        agreed=agreed,
        provisional=bool(open_questions),
        open_questions=open_questions,
        focus=focus,
        uneven=uneven,
        explanation=(),
    )
    return _with_explanation(judgement, answers) if explain else judgement


def _open_questions(levels: tuple[LevelState, ...], computed: Level) -> tuple[CriterionState, ...]:
    """Unanswered or 'not sure' criteria of the next level up, while nothing there blocks it.

    Levels up to the rating are secured, so nothing there is open; and a level above
    the next one cannot count until the next one is secured.
    """
    if computed is Level.ENHANCING:
        return ()
    next_level = levels[computed]
    return () if next_level.blocking else next_level.unknown


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _criterion_phrase(element: Element, state: CriterionState, answers: Mapping[str, Answer]) -> str:
    criterion = state.criterion
    if criterion.measure is not None:
        measure = element.measure(criterion.measure)
        answer = answers.get(criterion.measure)
        if measure is not None and answer is not None and criterion.minimum is not None:
            value = describe_measure_value(measure, answer.value)
            if value != "not given":
                return f"{measure.label}: {value}, below the {criterion.minimum:g}% this level needs"
    return criterion.label


def _with_explanation(judgement: ElementJudgement, answers: Mapping[str, Answer]) -> ElementJudgement:
    element = judgement.element
    lines: list[str] = []
    computed = judgement.computed
    if computed is Level.NOT_YET:
        lines.append("No level is secured yet, so the computed rating is Not yet developing.")
    else:
        secured = [s.level.title for s in judgement.levels if s.level <= computed]
        lines.append(
            f"{_join(secured)} {'is' if len(secured) == 1 else 'are'} secured: every applicable criterion is met, "
            f"so the computed rating is {computed.title}."
        )
    if computed < Level.ENHANCING:
        next_state = judgement.levels[computed]
        partly = [_criterion_phrase(element, c, answers) for c in next_state.blocking if c.status is Status.PARTLY]
        not_met = [_criterion_phrase(element, c, answers) for c in next_state.blocking if c.status is Status.NOT_MET]
        if partly or not_met:
            parts = []
            if partly:
                parts.append(f"partly met: {'; '.join(partly)}")
            if not_met:
                parts.append(f"not met: {'; '.join(not_met)}")
            lines.append(f"{next_state.level.title} is not secured ({'; '.join(parts)}).")
    else:
        lines.append("Every level is secured: the focus is to sustain and share practice.")
    if judgement.open_questions:
        labels = [c.criterion.label for c in judgement.open_questions]
        lines.append(f"Provisional: still unanswered or not sure: {'; '.join(labels)}.")
    for level in judgement.uneven:
        lines.append(
            f"Uneven profile: {level.title} is secured although {Level(computed + 1).title} is not."
        )
    excluded = [c.criterion.label for s in judgement.levels for c in s.criteria if not c.applicable]
    if excluded:
        lines.append(f"Not applicable (left out of the rule): {'; '.join(excluded)}.")
    if judgement.agreed is not None:
        agreed = Level(judgement.agreed.level)
        if agreed != computed:
            lines.append(
                f"Agreed rating {agreed.title} (best fit) replaces the computed {computed.title}. "
                f"Reason: {judgement.agreed.reason}"
            )
        else:
            lines.append(f"The computed rating was agreed. Reason: {judgement.agreed.reason}")
    return ElementJudgement(**{**judgement.__dict__, "explanation": tuple(lines)})
