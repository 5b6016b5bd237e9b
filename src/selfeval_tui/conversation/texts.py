"""What the assistant says, built from the bank and the judgement, in plain sentences.

Kept apart from the state machine so that wording can change without touching the
logic, and so the TUI and plain mode say exactly the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from selfeval_tui.bank import Element, Framework, Level
from selfeval_tui.conversation.formats import (
    CARRIED_FORWARD,
    describe_status,
    note_and_origin,
)
from selfeval_tui.conversation.messages import Message, Role, say
from selfeval_tui.domain.progress import (
    NOT_STARTED,
    element_started,
    judgement_id,
)
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.records import STATUS_WORDS, Answer, Judgement

if TYPE_CHECKING:
    from selfeval_tui.conversation.steps import JudgeFn, Step

__all__ = [  # the wording of answers and messages is imported from here, wherever it is defined
    "CARRIED_FORWARD",
    "NOT_STARTED",
    "SECTION_INTROS",
    "STATUS_WORDS",
    "Message",
    "Role",
    "describe_agreement",
    "describe_answer",
    "describe_status",
    "descriptors",
    "element_intro",
    "element_summary",
    "explanation",
    "focus_text",
    "glossary",
    "local_examples",
    "progress_summary",
    "say",
    "section_intro",
    "section_title",
]

SECTION_INTROS = {
    "membership": (
        "Membership of the partnership",
        "First, who is in the partnership. I will ask for each kind of member in turn.",
    ),
    "outcomes": (
        "Key outcomes",
        ("Next, the key outcomes the partnership is working towards: a target for each, and its baseline. "
        "Term values can be added at any time with /outcomes."),
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


def describe_answer(step: Step, answer: Answer) -> str:
    """The stored answer in words, as its kind of question says it (a measure's value, or the status and note)."""
    return step.handler.describe(step, answer)


def describe_agreement(
    element: Element, answers: Mapping[str, Answer], agreed: Judgement | None, judged: JudgeFn = judge
) -> str:
    """The reply to the rating question as stored, in the shape it was typed: agree, or a rating and its reason.

    The confirmation keeps the rating computed when the coordinator replied: that
    is the one they agreed with, even if an answer has changed it since.
    """
    answer = answers.get(judgement_id(element))
    computed = judged(element, answers, None).computed
    if answer is not None and isinstance(answer.value, int | float):
        computed = Level(int(answer.value))
    if agreed is not None and agreed.level != computed:
        carried = CARRIED_FORWARD if answer is not None and answer.carried_forward else ""
        return f"{Level(agreed.level).title} rather than {computed.title}: {agreed.reason}{carried}"
    return f"agree: {computed.title}" + (note_and_origin(answer) if answer is not None else "")


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


def element_summary(
    element: Element, answers: Mapping[str, Answer], agreed: Judgement | None, judged: JudgeFn = judge
) -> Message:
    """``/why``: the rating so far and why; an element with nothing stored is not started, not Not yet developing."""
    heading = f"Summary of {element.id} {element.title}"
    if not element_started(element, answers, {element.id: agreed} if agreed is not None else {}):
        return say(f"This element is {NOT_STARTED}: nothing is answered yet, so it has no rating.", heading=heading, element=element)
    judgement = judged(element, answers, agreed)
    return say("\n".join((explanation(judgement), focus_text(judgement))), heading=heading, element=element)


def descriptors(element: Element, highlight: Level | None) -> Message:
    parts = []
    for level in element.levels:
        marker = " (being asked)" if level.level == highlight else ""
        parts.append(f"{level.name}{marker}:\n{level.descriptor}")
    return say("\n\n".join(parts), heading=f"{element.id} {element.title}: the four descriptors", element=element)


def progress_summary(
    framework: Framework, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement], judged: JudgeFn = judge
) -> Message:
    lines = []
    for element in framework.elements:
        if not element_started(element, answers, judgements):
            lines.append(f"{element.id} {element.title}: {NOT_STARTED}")
            continue
        judgement = judged(element, answers, judgements.get(element.id))
        mark = " (provisional)" if judgement.provisional else ""
        lines.append(f"{element.id} {element.title}: {judgement.current.title}{mark}")
    return say("\n".join(lines), heading="Ratings so far")


def glossary(framework: Framework, term: str) -> Message | None:
    """The glossary's entry for a term or one of its aliases (a plural too), if it has one."""
    wanted = term.strip().strip("?").strip().casefold()
    candidates: tuple[str, ...]
    if wanted.endswith("s") and len(wanted) > 2:
        candidates = (wanted, wanted[:-1])
    else:
        candidates = (wanted,)
    for entry in framework.glossary:
        names = {entry.term.casefold(), *(a.casefold() for a in entry.aliases)}
        if names.intersection(candidates):
            return say(f"{entry.term}: {entry.meaning}", heading=None)
    return None
