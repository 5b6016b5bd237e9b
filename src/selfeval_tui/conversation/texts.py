"""What the assistant says, built from the bank and the judgement, in plain sentences.

Kept apart from the state machine so that wording can change without touching the
logic, and so the TUI and plain mode say exactly the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from selfeval_tui.bank import Element, Framework, Level
from selfeval_tui.conversation.formats import STATUS_HELP, measure_help
from selfeval_tui.conversation.progress import NOT_STARTED, element_started
from selfeval_tui.conversation.steps import Step
from selfeval_tui.domain.judgement import (
    ElementJudgement,
    describe_measure_value,
    judge,
)
from selfeval_tui.domain.progress import judgement_id
from selfeval_tui.domain.records import Answer, Judgement, Status

Role = Literal["assistant", "question", "user", "notice", "error"]
"""``question`` is a question as it was asked, with its tag as the heading: the record replays earlier ones."""


@dataclass(frozen=True)
class Message:
    """One chat message; ``heading`` is shown as a title where the shell can show one."""

    role: Role
    text: str
    heading: str | None = None
    element_id: str | None = None


STATUS_WORDS = {
    Status.MET: "met",
    Status.PARTLY: "partly met",
    Status.NOT_MET: "not met",
    Status.NOT_SURE: "not sure",
    Status.NOT_APPLICABLE: "not applicable",
}


def say(text: str, heading: str | None = None, element: Element | None = None) -> Message:
    return Message("assistant", text, heading, element.id if element else None)


SECTION_INTROS = {
    "membership": (
        "Membership of the partnership",
        "First, who is in the partnership. I will ask for each kind of member in turn.",
    ),
    "outcomes": (
        "Key outcomes",
        "Next, the key outcomes the partnership is working towards: a target for each, and its baseline. "
        "Term values can be added at any time with /outcomes.",
    ),
}


def section_intro(step: Step) -> Message:
    heading, text = SECTION_INTROS[step.section]
    return say(text, heading=heading)


def local_examples(framework: Framework) -> Message:
    lines = [framework.local_outcomes_intro]
    lines.extend(f"{i}. {o.title}" for i, o in enumerate(framework.local_outcomes, start=1))
    return say("\n".join(lines))


def section_title(step: Step) -> str:
    if step.element is None:
        return SECTION_INTROS[step.section][0].lower()
    return f"{step.element.id} {step.element.title}"


def hints(step: Step) -> tuple[str, ...]:
    if step.kind == "criterion":
        extra = (step.criterion.hint,) if step.criterion and step.criterion.hint else ()
        return (*extra, f"Reply {STATUS_HELP}.")
    if step.kind == "measure":
        assert step.measure is not None
        lines: list[str] = []
        if step.measure.kind == "checklist":
            lines.extend(f"{i}. {item}" for i, item in enumerate(step.measure.items, start=1))
        if step.measure.hint:
            lines.append(step.measure.hint)
        lines.append(f"Reply with {measure_help(step.measure)}.")
        return tuple(lines)
    if step.kind == "membership":
        return ("One name per reply; remove NAME takes one off; done when the list is complete (none if there are none).",)
    if step.kind == "outcome_target":
        assert step.outcome is not None
        points = ", 2 percentage points" if step.outcome.unit == "percent" else ""
        return (f"The change you aim for from the baseline: 10% (of the baseline){points}, or a count like 4; or none.",)
    if step.kind == "outcome_value":
        assert step.outcome is not None
        unit = "a percentage from 0 to 100" if step.outcome.unit == "percent" else "a whole number"
        return (f"Reply with {unit}, or not sure to leave it for now.",)
    if step.kind == "local_outcomes":
        return (
            "Pick an example by number, or describe your own as: reduce, count: incidents of racist bullying. "
            "Reply done when finished.",
        )
    return ("Reply agree, or a rating and the reason, like: Established: every head attends.",)


CARRIED_FORWARD = " - carried forward from last year, not yet confirmed"


def describe_answer(step: Step, answer: Answer) -> str:
    if step.kind == "measure" and step.measure is not None and answer.value is not None:
        return describe_measure_value(step.measure, answer.value) + _note_and_origin(answer)
    return describe_status(answer)


def describe_status(answer: Answer) -> str:
    """An answer by its status alone, for a question not in the flow (or not a measure)."""
    text = STATUS_WORDS[answer.status] if answer.status is not None else "no answer"
    return text + _note_and_origin(answer)


def _note_and_origin(answer: Answer) -> str:
    note = f" (note: {answer.note})" if answer.note else ""
    return note + (CARRIED_FORWARD if answer.carried_forward else "")


def describe_agreement(element: Element, answers: Mapping[str, Answer], agreed: Judgement | None) -> str:
    """The reply to the rating question as stored, in the shape it was typed: agree, or a rating and its reason.

    The confirmation keeps the rating computed when the coordinator replied: that
    is the one they agreed with, even if an answer has changed it since.
    """
    answer = answers.get(judgement_id(element))
    computed = judge(element, answers).computed
    if answer is not None and isinstance(answer.value, int | float):
        computed = Level(int(answer.value))
    if agreed is not None and agreed.level != computed:
        carried = CARRIED_FORWARD if answer is not None and answer.carried_forward else ""
        return f"{Level(agreed.level).title} rather than {computed.title}: {agreed.reason}{carried}"
    return f"agree: {computed.title}" + (_note_and_origin(answer) if answer is not None else "")


def element_intro(framework: Framework, element: Element, strand_changed: bool) -> list[Message]:
    """A strand heading when the strand changes, then the element's title and one-line summary."""
    messages = []
    strand = framework.strand_of(element.id)
    if strand_changed and strand is not None:
        messages.append(say(f"{len(strand.elements)} elements in this strand.", heading=f"Strand {strand.id}: {strand.title}"))
    messages.append(say(element.summary, heading=f"{element.id} {element.title}", element=element))
    return messages


def explanation(judgement: ElementJudgement) -> str:
    head = f"Current rating: {judgement.current.title}"
    if judgement.provisional:
        head += " (provisional)"
    if judgement.overridden:
        head += f"; computed rating {judgement.computed.title}"
    return "\n".join((head + ".", *judgement.explanation))


def focus_text(judgement: ElementJudgement) -> str:
    labels = judgement.focus_labels
    return "Development focus: " + ("; ".join(labels) if labels else "none") + "."


def element_summary(element: Element, answers: Mapping[str, Answer], agreed: Judgement | None) -> Message:
    """``/why``: the rating so far and why; an element with nothing stored is not started, not Not yet developing."""
    heading = f"Summary of {element.id} {element.title}"
    if not element_started(element, answers, {element.id: agreed} if agreed is not None else {}):
        return say(f"This element is {NOT_STARTED}: nothing is answered yet, so it has no rating.", heading=heading, element=element)
    judgement = judge(element, answers, agreed)
    return say("\n".join((explanation(judgement), focus_text(judgement))), heading=heading, element=element)


def descriptors(element: Element, highlight: Level | None) -> Message:
    parts = []
    for level in element.levels:
        marker = " (being asked)" if level.level == highlight else ""
        parts.append(f"{level.name}{marker}:\n{level.descriptor}")
    return say("\n\n".join(parts), heading=f"{element.id} {element.title}: the four descriptors", element=element)


def progress_summary(framework: Framework, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement]) -> Message:
    lines = []
    for element in framework.elements:
        if not element_started(element, answers, judgements):
            lines.append(f"{element.id} {element.title}: {NOT_STARTED}")
            continue
        judgement = judge(element, answers, judgements.get(element.id))
        mark = " (provisional)" if judgement.provisional else ""
        lines.append(f"{element.id} {element.title}: {judgement.current.title}{mark}")
    return say("\n".join(lines), heading="Ratings so far")


HELP_TEXT = """Answer each question with yes, partly, no, not sure or n/a. Anything after the first word is kept as your evidence note, for example: yes, minutes show every head attended. A new answer without a note keeps the note already given.
Commands:
/back - go to the previous question (you can change the answer)
/skip - leave this question for now
/why - explain the current element's rating so far
/show - show the element's four descriptors
/note TEXT - add evidence to the question on screen (/note clear removes its note)
/jump 2.4 - go to an element
/summary - the ratings so far
/members - review or edit the membership lists
/outcomes - key outcome targets, baselines and term values
/what TERM - explain a term or abbreviation (or ask: what is PA?)
/help - this help
/quit - stop; everything is already saved
The rule: a level is secured when every applicable criterion at that level is met; the rating is the highest level with every level up to it secured. The development focus is what is not yet met at the next level up."""
