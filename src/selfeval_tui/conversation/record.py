"""The evaluation so far as chat messages, for a shell to scroll back through.

A finished evaluation holds a few hundred answers. Turning them all into messages
(and a shell turning those into lines) when it opens would make a long
evaluation open slowly, so the record comes in chunks, one per section: the
chunks that hold anything are listed cheaply (``record_sections``) and each is
built only when the reader scrolls up to it (``record_messages``).

A chunk replays the questions in the order the conversation asks them, in the
conversation's own words (texts.py), each followed by the stored answer. It is
read from one ``Snapshot``, taken when the evaluation is opened, so it ends
where the live conversation begins: what is answered after that is shown live.
"""

from __future__ import annotations

from selfeval_tui.bank import Element, Framework
from selfeval_tui.domain.progress import element_started
from selfeval_tui.conversation.sections import LOCAL_OUTCOMES_ID, membership_id
from selfeval_tui.conversation.steps import (
    Snapshot,
    Step,
    judgement_step,
    level_steps,
    membership_steps,
    outcome_steps,
)
from selfeval_tui.conversation.texts import (
    SECTION_INTROS,
    Message,
    element_intro,
    element_summary,
    section_intro,
)
from selfeval_tui.domain.progress import judgement_id

MEMBERSHIP, OUTCOMES = "membership", "outcomes"


def record_sections(framework: Framework, snapshot: Snapshot) -> list[str]:
    """The keys of the chunks that hold anything, in the order of the evaluation; builds no message."""
    keys = []
    if any(membership_id(category) in snapshot.answers for category in framework.membership):
        keys.append(MEMBERSHIP)
    if snapshot.targets or snapshot.values or LOCAL_OUTCOMES_ID in snapshot.answers:
        keys.append(OUTCOMES)
    keys.extend(element.id for element in framework.elements if _has_record(element, snapshot))
    return keys


def record_title(framework: Framework, key: str) -> str:
    """What a chunk is about, short enough for one line: '1.3 Annual report requirement', 'Key outcomes'."""
    if key in SECTION_INTROS:
        return SECTION_INTROS[key][0]
    element = framework.element(key)
    if element is None:
        raise KeyError(key)
    return f"{element.id} {element.title}"


def record_messages(framework: Framework, snapshot: Snapshot, key: str) -> list[Message]:
    """One chunk: its introduction, then each answered question and its answer (``user``), in the order asked."""
    if key == MEMBERSHIP:
        return _membership(framework, snapshot)
    if key == OUTCOMES:
        return _outcomes(framework, snapshot)
    element = framework.element(key)
    if element is None:
        raise KeyError(key)
    return _element(framework, element, snapshot)


def _asked(step: Step) -> Message:
    return Message("question", step.text, step.tag, step.element.id if step.element else None)


def _reply(text: str, element: Element | None = None) -> Message:
    return Message("user", text, element_id=element.id if element else None)


def _has_record(element: Element, snapshot: Snapshot) -> bool:
    """An element is on record once it is started (``conversation.progress``)."""
    return element_started(element, snapshot.answers, snapshot.judgements)


def _element(framework: Framework, element: Element, snapshot: Snapshot) -> list[Message]:
    """Every level's answered questions, not only those on the adaptive path.

    An answer given in thorough mode, or before a changed answer shortened the
    path, is still stored and still counts in the rating, so it is on record.
    """
    strand = framework.strand_of(element.id)
    before = () if strand is None else strand.elements[: _index(strand.elements, element)]
    messages = element_intro(framework, element, not any(_has_record(e, snapshot) for e in before))
    messages += _recorded([step for level in element.levels for step in level_steps(element, level.level)], snapshot)
    closing = judgement_step(element)
    agreement = _recorded([closing], snapshot)
    if agreement:
        agreed = snapshot.judgements.get(element.id)
        messages += [element_summary(element, snapshot.answers, agreed, snapshot.judged), *agreement]
    return messages


def _index(elements: tuple[Element, ...], element: Element) -> int:
    return next(i for i, e in enumerate(elements) if e.id == element.id)


def _membership(framework: Framework, snapshot: Snapshot) -> list[Message]:
    """Each list confirmed this year, as it stands: the lists belong to the partnership, not to one year."""
    steps = membership_steps(framework)
    return [section_intro(steps[0]), *_recorded(steps, snapshot)]


def _outcomes(framework: Framework, snapshot: Snapshot) -> list[Message]:
    """Each outcome's target, then its baseline and term values; the local outcomes after the key ones."""
    steps = outcome_steps(framework, snapshot, None, every_period=True)
    return [section_intro(steps[0]), *_recorded(steps, snapshot)]


def _recorded(steps: list[Step], snapshot: Snapshot) -> list[Message]:
    """Each question that has a stored reply, and the reply as its handler says it."""
    messages = []
    for step in steps:
        text = step.handler.recorded(step, snapshot)
        if text is not None:
            messages += [_asked(step), _reply(text, step.element)]
    return messages
