"""Per-element progress and rating, shared by the outline and the overview.

Pure functions of the stored answers, so the chat screen can compute them in
the same worker thread that saves an answer and hand finished values to the UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from selfeval_tui.core.conversation import Mode
from selfeval_tui.core.conversation.steps import element_flow, is_answered
from selfeval_tui.core.framework import Element, Framework, Level
from selfeval_tui.core.judgement import ElementJudgement, judge
from selfeval_tui.core.store import Answer, Judgement
from selfeval_tui.tui.colours import VARIABLES

SHORT_TITLES = {
    Level.NOT_YET: "Not yet",
    Level.DEVELOPING: "Developing",
    Level.DEVELOPED: "Developed",
    Level.ESTABLISHED: "Established",
    Level.ENHANCING: "Enhancing",
}
"""Level words that fit a narrow outline; "Not yet" is "Not yet developing" (the help says so)."""

LEVEL_COLOURS = VARIABLES
"""Theme variables (see tui/colours.py), so each rating's colour follows the light or dark theme; the word
always goes with it."""


@dataclass(frozen=True)
class ElementProgress:
    element: Element
    answered: int
    total: int
    started: bool
    complete: bool
    judgement: ElementJudgement

    @property
    def level(self) -> Level | None:
        """The current rating, or None before any of the element's questions is answered."""
        return self.judgement.current if self.started else None

    @property
    def word(self) -> str:
        """The rating as a word (``*`` marks a provisional one), never only a colour."""
        if self.level is None:
            return "not started"
        return SHORT_TITLES[self.level] + ("*" if self.judgement.provisional else "")


def element_progress(
    element: Element,
    answers: Mapping[str, Answer],
    judgements: Mapping[str, Judgement],
    mode: Mode,
) -> ElementProgress:
    judgement = judge(element, answers, judgements.get(element.id))
    steps = element_flow(element, answers, mode, judgement)
    answered = sum(1 for step in steps if is_answered(step, answers, judgements))
    started = any(step.kind != "judgement" and step.question_id in answers for step in steps)
    return ElementProgress(
        element,
        answered,
        len(steps),
        started,
        complete=is_answered(steps[-1], answers, judgements),
        judgement=judgement,
    )


def evaluation_progress(
    framework: Framework,
    answers: Mapping[str, Answer],
    judgements: Mapping[str, Judgement],
    mode: Mode,
) -> dict[str, ElementProgress]:
    return {e.id: element_progress(e, answers, judgements, mode) for e in framework.elements}
