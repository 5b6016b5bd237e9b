"""The questions of an evaluation and the order they are asked in.

The flow is recomputed from the stored answers every turn rather than kept in
memory, so a restart, another user's answer or a changed answer never leaves the
conversation on a stale path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from selfeval_tui.bank import (
    Criterion,
    Element,
    Framework,
    Level,
    Measure,
    MembershipCategory,
    Outcome,
)
from selfeval_tui.conversation.sections import (
    LOCAL_OUTCOMES_ID,
    PERIOD_NAMES,
    membership_id,
)
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.progress import judgement_id
from selfeval_tui.domain.records import Answer, Judgement, OutcomeTarget, Status


class Mode(StrEnum):
    """Adaptive stops at the first level that cannot be secured; thorough asks everything."""

    ADAPTIVE = "adaptive"
    THOROUGH = "thorough"


StepKind = Literal["criterion", "measure", "judgement", "membership", "outcome_target", "outcome_value", "local_outcomes"]
SECTION_KINDS = ("membership", "outcome_target", "outcome_value", "local_outcomes")


@dataclass(frozen=True)
class Snapshot:
    """The stored state the engine reasons about, re-read from the store every turn."""

    answers: Mapping[str, Answer]
    judgements: Mapping[str, Judgement]
    members: Mapping[str, list[str]] = field(default_factory=dict)
    targets: Mapping[str, OutcomeTarget] = field(default_factory=dict)
    values: Mapping[tuple[str, str], float] = field(default_factory=dict)


@dataclass(frozen=True)
class QuickReply:
    key: str
    label: str
    reply: str


STATUS_QUICK_REPLIES = (
    QuickReply("1", "Met", "yes"),
    QuickReply("2", "Partly", "partly"),
    QuickReply("3", "Not met", "no"),
    QuickReply("4", "Not sure", "not sure"),
    QuickReply("5", "N/A", "n/a"),
)
MEASURE_QUICK_REPLIES = (QuickReply("4", "Not sure", "not sure"), QuickReply("5", "N/A", "n/a"))
JUDGEMENT_QUICK_REPLIES = (QuickReply("1", "Agree", "agree"),)
LIST_QUICK_REPLIES = (QuickReply("1", "Done", "done"),)


@dataclass(frozen=True)
class Step:
    """One question the assistant can ask; ``element`` is None in the membership and outcomes sections."""

    kind: StepKind
    element: Element | None
    question_id: str
    text: str
    level: Level | None = None
    index: int = 0
    total: int = 0
    criterion: Criterion | None = None
    measure: Measure | None = None
    category: MembershipCategory | None = None
    outcome: Outcome | None = None
    period: str | None = None

    @property
    def section(self) -> str:
        """The element id, or the name of the section before the strands."""
        if self.element is not None:
            return self.element.id
        return "membership" if self.kind == "membership" else "outcomes"

    @property
    def tag(self) -> str:
        """``1.3 Developed 2/4``: the level being asked, then this question's place among the element's questions.

        ``index`` and ``total`` count the element's questions as ``conversation.progress``
        defines them, so the tag and the outline's ``answered/total`` always agree.
        """
        if self.element is None:
            return self.section
        if self.kind == "judgement":
            return f"{self.element.id} judgement"
        assert self.level is not None
        return f"{self.element.id} {self.level.title} {self.index}/{self.total}"

    @property
    def quick_replies(self) -> tuple[QuickReply, ...]:
        if self.kind == "criterion":
            return STATUS_QUICK_REPLIES
        if self.kind == "measure":
            return MEASURE_QUICK_REPLIES
        if self.kind in ("membership", "local_outcomes"):
            return LIST_QUICK_REPLIES
        if self.kind == "judgement":
            return JUDGEMENT_QUICK_REPLIES
        return ()


def level_steps(element: Element, level: Level) -> list[Step]:
    """A level's questions; a measure is asked once, at the first level that uses it."""
    earlier = {c.measure for lv in element.levels[: level - 1] for c in lv.criteria if c.measure}
    steps: list[tuple[StepKind, str, str, Criterion | None, Measure | None]] = []
    for criterion in element.level(level).criteria:
        if criterion.measure is None:
            steps.append(("criterion", criterion.id, criterion.question, criterion, None))
        elif criterion.measure not in earlier and all(s[1] != criterion.measure for s in steps):
            measure = element.measure(criterion.measure)
            assert measure is not None
            steps.append(("measure", measure.id, measure.question, None, measure))
    return [
        Step(kind, element, qid, text, level, i, len(steps), criterion, measure)
        for i, (kind, qid, text, criterion, measure) in enumerate(steps, start=1)
    ]


def judgement_step(element: Element) -> Step:
    return Step(
        "judgement",
        element,
        judgement_id(element),
        f"Do you agree with this rating for {element.id} {element.title}? "
        "Reply agree, or give a different rating with the reason.",
    )


def element_flow(
    element: Element, answers: Mapping[str, Answer], mode: Mode, judged: ElementJudgement | None = None
) -> list[Step]:
    """The element's questions in order; adaptive mode stops after the first level not secured.

    ``judged`` is the element's judgement when the caller already has it (with or without an
    agreed rating: which levels are secured does not depend on it), to save judging it twice.
    """
    state = judged if judged is not None else judge(element, answers)
    steps: list[Step] = []
    for level_state in state.levels:
        steps.extend(level_steps(element, level_state.level))
        if mode is Mode.ADAPTIVE and not level_state.secured:
            break
    numbered = [replace(step, index=i, total=len(steps)) for i, step in enumerate(steps, start=1)]
    return [*numbered, judgement_step(element)]


def bank_steps(element: Element) -> tuple[Step, ...]:
    """Every bank question of the element (criteria and measures) in the order they are asked, whatever the mode."""
    return tuple(step for level in Level if level > Level.NOT_YET for step in level_steps(element, level))


def membership_steps(framework: Framework) -> list[Step]:
    return [Step("membership", None, membership_id(c), c.prompt, category=c) for c in framework.membership]


def outcome_steps(framework: Framework, snapshot: Snapshot, termly: str | None) -> list[Step]:
    """Targets and baselines for every outcome; with ``termly`` (a term), that term's values too."""
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
    framework: Framework, snapshot: Snapshot, mode: Mode, *, sections: bool = True, termly: str | None = None
) -> list[Step]:
    """Membership and key outcomes first (when ``sections``), then every element in order."""
    steps = membership_steps(framework) + outcome_steps(framework, snapshot, termly) if sections else []
    return steps + [step for element in framework.elements for step in element_flow(element, snapshot.answers, mode)]


def next_term(snapshot: Snapshot) -> str | None:
    """The earliest term still missing a value for some outcome that has a baseline."""
    with_baseline = {outcome_id for outcome_id, period in snapshot.values if period == "baseline"}
    for period in ("term1", "term2", "term3"):
        if any((outcome_id, period) not in snapshot.values for outcome_id in with_baseline):
            return period
    return None


def is_open(step: Step, snapshot: Snapshot) -> bool:
    """Still to be answered: the single test the engine uses for every kind of step."""
    if step.kind == "outcome_target":
        assert step.outcome is not None
        target = snapshot.targets.get(step.outcome.id)
        return target is None or (target.local and target.amount is None)
    if step.kind == "outcome_value":
        assert step.outcome is not None and step.period is not None
        return (step.outcome.id, step.period) not in snapshot.values
    if step.kind in ("membership", "local_outcomes"):
        existing = snapshot.answers.get(step.question_id)
        return existing is None or existing.carried_forward
    return not is_answered(step, snapshot.answers, snapshot.judgements)


def is_answered(step: Step, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement]) -> bool:
    """Carried-forward answers wait for confirmation; an agreed rating holds while it is still the computed one."""
    existing = answers.get(step.question_id)
    if step.kind != "judgement":
        return existing is not None and not existing.carried_forward
    assert step.element is not None
    if step.element.id in judgements:
        return True
    confirmation = existing
    if confirmation is None or confirmation.status is not Status.MET or confirmation.carried_forward:
        return False
    return confirmation.value == float(judge(step.element, answers).computed)
