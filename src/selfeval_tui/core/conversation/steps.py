"""The questions of an evaluation and the order they are asked in.

The flow is recomputed from the stored answers every turn rather than kept in
memory, so a restart, another user's answer or a changed answer never leaves the
conversation on a stale path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from selfeval_tui.core.framework import Criterion, Element, Framework, Level, Measure
from selfeval_tui.core.judgement import judge
from selfeval_tui.core.store.models import Answer, Judgement, Status


class Mode(StrEnum):
    """Adaptive stops at the first level that cannot be secured; thorough asks everything."""

    ADAPTIVE = "adaptive"
    THOROUGH = "thorough"


StepKind = Literal["criterion", "measure", "judgement"]


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


def judgement_id(element: Element) -> str:
    """Where the coordinator's agreement with an element's rating is stored, beside its answers."""
    return f"{element.id}.judgement"


@dataclass(frozen=True)
class Step:
    """One question the assistant can ask."""

    kind: StepKind
    element: Element
    question_id: str
    text: str
    level: Level | None = None
    index: int = 0
    total: int = 0
    criterion: Criterion | None = None
    measure: Measure | None = None

    @property
    def tag(self) -> str:
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
        return JUDGEMENT_QUICK_REPLIES


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


def element_flow(element: Element, answers: Mapping[str, Answer], mode: Mode) -> list[Step]:
    """The element's questions in order; adaptive mode stops after the first level not secured."""
    state = judge(element, answers)
    steps: list[Step] = []
    for level_state in state.levels:
        steps.extend(level_steps(element, level_state.level))
        if mode is Mode.ADAPTIVE and not level_state.secured:
            break
    steps.append(judgement_step(element))
    return steps


def evaluation_flow(framework: Framework, answers: Mapping[str, Answer], mode: Mode) -> list[Step]:
    return [step for element in framework.elements for step in element_flow(element, answers, mode)]


def is_answered(step: Step, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement]) -> bool:
    """Carried-forward answers wait for confirmation; an agreed rating holds while it is still the computed one."""
    existing = answers.get(step.question_id)
    if step.kind != "judgement":
        return existing is not None and not existing.carried_forward
    if step.element.id in judgements:
        return True
    confirmation = existing
    if confirmation is None or confirmation.status is not Status.MET or confirmation.carried_forward:
        return False
    return confirmation.value == float(judge(step.element, answers).computed)
