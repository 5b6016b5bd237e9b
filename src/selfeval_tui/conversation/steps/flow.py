"""The questions of an evaluation and the order they are asked in.

The flow is recomputed from the stored answers every turn rather than kept in
memory, so a restart, another user's answer or a changed answer never leaves the
conversation on a stale path (each element's judgement is remembered by its
answers, ``judged.py``, so recomputing costs little).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from selfeval_tui.bank import (
    Element,
    Framework,
    Level,
    Outcome,
)
from selfeval_tui.conversation.sections import (
    LOCAL_OUTCOMES_ID,
    PERIOD_NAMES,
    membership_id,
)
from selfeval_tui.conversation.steps.base import JudgeFn, Mode, Snapshot, Step
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.progress import judgement_id, level_questions
from selfeval_tui.domain.records import Answer, Judgement


def level_steps(element: Element, level: Level) -> list[Step]:
    """A level's questions as steps (``domain.progress.level_questions`` says which, and in what order)."""
    questions = level_questions(element, level)
    return [
        Step(q.kind, element, q.question_id, q.text, level, i, len(questions), q.criterion, q.measure)
        for i, q in enumerate(questions, start=1)
    ]


def judgement_step(element: Element) -> Step:
    return Step(
        "judgement",
        element,
        judgement_id(element),
        f"Do you agree with this rating for {element.id} {element.title}? "
        "Reply agree, or give a different rating with the reason.",
    )


def plan_steps(element: Element, judgement: ElementJudgement) -> list[Step]:
    """One question per item of the element's development focus: what the partnership will do about it.

    Asked only while the element is being planned; which are still open depends on the plan (``Snapshot.planned``).
    """
    focus = [state.criterion for state in judgement.focus]
    return [
        Step(
            "plan",
            element,
            f"plan.{element.id}.{criterion.id}",
            f"What will the partnership do about: {criterion.label}?",
            index=i,
            total=len(focus),
            criterion=criterion,
        )
        for i, criterion in enumerate(focus, start=1)
    ]


def element_flow(
    element: Element, answers: Mapping[str, Answer], mode: Mode, judged: ElementJudgement | None = None
) -> list[Step]:
    """The element's questions in order; adaptive mode stops after the first level not secured.

    ``judged`` is the element's judgement when the caller already has it (with or without an
    agreed rating: which levels are secured does not depend on it), to save judging it twice.
    """
    state = judged if judged is not None else judge(element, answers)
    asked = len(element.levels)
    if mode is Mode.ADAPTIVE:
        asked = next((i for i, level in enumerate(state.levels, start=1) if not level.secured), asked)
    return list(_element_steps(element, asked))


_MADE: dict[tuple[int, int], tuple[Element, tuple[Step, ...]]] = {}
"""An element's steps by how many of its levels are asked: the same every turn, so made once (by identity,
holding the element so that its id is not reused)."""


def _element_steps(element: Element, asked: int) -> tuple[Step, ...]:
    """The questions of the element's first ``asked`` levels, numbered, then the rating question."""
    made = _MADE.get((id(element), asked))
    if made is not None and made[0] is element:
        return made[1]
    steps = [step for level in element.levels[:asked] for step in level_steps(element, level.level)]
    numbered = (*(replace(step, index=i, total=len(steps)) for i, step in enumerate(steps, start=1)), judgement_step(element))
    _MADE[(id(element), asked)] = (element, numbered)
    return numbered


def membership_steps(framework: Framework) -> list[Step]:
    return [Step("membership", None, membership_id(c), c.prompt, category=c) for c in framework.membership]


def outcome_steps(framework: Framework, snapshot: Snapshot, termly: str | None, *, every_period: bool = False) -> list[Step]:
    """Targets and baselines for every outcome; with ``termly`` (a term), that term's values too.

    ``every_period`` lists every period's value (the scroll-back, which shows whatever is stored).
    """
    local = [
        Outcome(id=t.outcome_id, title=t.title, direction=t.direction, unit=t.value_unit)
        for t in snapshot.targets.values()
        if t.local
    ]
    steps: list[Step] = []
    for outcome in (*framework.outcomes, *local):
        steps.append(
            Step("outcome_target", None, f"outcome.{outcome.id}.target",
                 f"What is the partnership's target for: {outcome.title}?", outcome=outcome)
        )
        if every_period:
            steps.extend(value_step(outcome, period) for period in PERIOD_NAMES)
        else:
            steps.append(value_step(outcome, "baseline"))
            if termly is not None and (outcome.id, "baseline") in snapshot.values:
                steps.append(value_step(outcome, termly))
        if outcome is framework.outcomes[-1]:
            steps.append(
                Step("local_outcomes", None, LOCAL_OUTCOMES_ID,
                     "Would you like to add a local outcome that reflects local needs and priorities?")
            )
    return steps


def value_step(outcome: Outcome, period: str) -> Step:
    return Step(
        "outcome_value",
        None,
        f"outcome.{outcome.id}.{period}",
        f"What was the {PERIOD_NAMES[period]} value for: {outcome.title}?",
        outcome=outcome,
        period=period,
    )


def evaluation_flow(
    framework: Framework,
    snapshot: Snapshot,
    mode: Mode,
    *,
    sections: bool = True,
    termly: str | None = None,
    planning: str | None = None,
) -> list[Step]:
    """Membership and key outcomes first (when ``sections``), then every element in order.

    ``planning`` is the element being planned: its focus questions follow its rating question.
    """
    steps = membership_steps(framework) + outcome_steps(framework, snapshot, termly) if sections else []
    answers, judged = snapshot.answers, snapshot.judged
    for element in framework.elements:
        judgement = judged(element, answers, None)
        steps += element_flow(element, answers, mode, judgement)
        if element.id == planning:
            steps += plan_steps(element, judgement)
    return steps


def next_term(snapshot: Snapshot) -> str | None:
    """The earliest term still missing a value for some outcome that has a baseline."""
    with_baseline = {outcome_id for outcome_id, period in snapshot.values if period == "baseline"}
    for period in ("term1", "term2", "term3"):
        if any((outcome_id, period) not in snapshot.values for outcome_id in with_baseline):
            return period
    return None


def is_open(step: Step, snapshot: Snapshot) -> bool:
    """Still to be answered: the single test the engine uses for every kind of step."""
    return step.handler.is_open(step, snapshot)


def is_answered(
    step: Step, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement], judged: JudgeFn = judge
) -> bool:
    """Carried-forward answers wait for confirmation; an agreed rating holds while it is still the computed one."""
    return step.handler.is_answered(step, answers, judgements, judged)
