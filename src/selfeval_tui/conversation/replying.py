"""Reading a reply to the current question: what to say, what to save and where to go next.

``Conversation.respond`` hands each reply here. The conversation's state (the
question being asked, a follow-up it waits for, skipped questions, the answer
versions shown) stays on the ``Conversation``; this module decides, from the
reply and the stored answers, which saves the ``Session`` commits and which way
``Conversation.advance`` moves. It is imported on the first reply, not to show
the first question (which is what starting the app is for).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from selfeval_tui.bank import Level
from selfeval_tui.conversation import section_replies, texts
from selfeval_tui.conversation.formats import STATUS_HELP
from selfeval_tui.conversation.replies import (
    MeasureReply,
    NotUnderstood,
    StatusReply,
    parse_command,
    parse_glossary_question,
    parse_measure,
    parse_rating,
    parse_status,
)
from selfeval_tui.conversation.sections import PERIOD_NAMES
from selfeval_tui.conversation.steps import Snapshot, Step, next_term
from selfeval_tui.conversation.texts import Message, say
from selfeval_tui.domain.judgement import judge
from selfeval_tui.domain.records import (
    NAME_LIMIT,
    NOTE_LIMIT,
    AnswerValue,
    Status,
    over_limit,
)

if TYPE_CHECKING:
    from selfeval_tui.conversation.engine import Conversation

KEEP_WORDS = ("keep", "same", "confirm")


@dataclass(frozen=True)
class SaveAnswer:
    question_id: str
    status: Status | None
    value: float | list[str] | dict[str, int] | None
    note: str
    expected_version: int
    note_said: str = ""
    """What the confirmation says about the note when the reply did not give it (kept, or held from /note)."""


@dataclass(frozen=True)
class ConfirmAnswer:
    """Last year's answer, kept as it is for this year."""

    question_id: str


@dataclass(frozen=True)
class SaveJudgement:
    element_id: str
    level: int
    reason: str


@dataclass(frozen=True)
class ClearJudgement:
    element_id: str


@dataclass(frozen=True)
class SetMembers:
    category: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class SaveTarget:
    outcome_id: str
    title: str
    direction: str
    amount: float | None
    unit: str
    local: bool
    value_unit: str


@dataclass(frozen=True)
class SaveValue:
    outcome_id: str
    period: str
    value: float


Save = SaveAnswer | ConfirmAnswer | SaveJudgement | ClearJudgement | SetMembers | SaveTarget | SaveValue
MoveKind = Literal["next", "stay", "back", "jump", "quit"]


@dataclass(frozen=True)
class Reply:
    messages: tuple[Message, ...]
    saves: tuple[Save, ...] = ()
    move: MoveKind = "stay"
    target: str | None = None


@dataclass(frozen=True)
class Pending:
    """A follow-up the engine is waiting for before it can save (a reason, a note)."""

    kind: Literal["na_note", "override_reason"]
    level: Level | None = None


REPLY_LIMIT = NOTE_LIMIT + 100
"""A status word or a measure, a separator and the longest note, with room to spare."""


def respond(conversation: Conversation, text: str, snapshot: Snapshot) -> Reply:
    """The reply read, or one line refusing it when something in it is over its length limit.

    A refused reply saves nothing and leaves the conversation as it was (a
    follow-up still awaited, notes still held), so the same question is asked again.
    """
    refusal = over_limit("A reply", text.strip(), REPLY_LIMIT)
    if refusal is not None:
        return Reply((Message("error", f"Not saved: {refusal} (a note can have {NOTE_LIMIT:,})."),))
    before = (conversation.pending, dict(conversation.held_notes), set(conversation.skipped))
    reply = _respond(conversation, text, snapshot)
    refusal = next(filter(None, map(_over_limit, reply.saves)), None)
    if refusal is not None:
        conversation.pending, conversation.held_notes, conversation.skipped = before
        return Reply((Message("error", f"Not saved: {refusal}. Please shorten it."),))
    said = tuple(say(s.note_said) for s in reply.saves if isinstance(s, SaveAnswer) and s.note_said)
    return replace(reply, messages=(*reply.messages, *said)) if said else reply


def _over_limit(save: Save) -> str | None:
    """The store refuses the same (``models.py``); refusing here keeps the user on the question with one clear line."""
    if isinstance(save, SaveAnswer):
        return over_limit("A note", save.note, NOTE_LIMIT)
    if isinstance(save, SaveJudgement):
        return over_limit("A reason", save.reason, NOTE_LIMIT)
    if isinstance(save, SetMembers):
        return next(filter(None, (over_limit("A member's name", name, NAME_LIMIT) for name in save.names)), None)
    if isinstance(save, SaveTarget):
        return over_limit("An outcome's title", save.title, NAME_LIMIT)
    return None


def _respond(conversation: Conversation, text: str, snapshot: Snapshot) -> Reply:
    text = text.strip()
    if not text:
        return Reply((say("Please type a reply, or /help to see what you can say."),))
    command = parse_command(text)
    if command is not None:
        return _command(conversation, command.name, command.argument, snapshot)
    glossary = parse_glossary_question(text)
    if glossary is not None and conversation.pending is None:
        found = conversation.lookup(glossary.term)
        if found is not None:
            return Reply((found,))
    step = conversation.current
    if step is None:
        return Reply((say("Everything is answered. Type /summary, /jump 2.4 or /quit."),))
    if conversation.pending is not None:
        return _follow_up(conversation, step, text, snapshot)
    carried = snapshot.answers.get(step.question_id)
    if carried is not None and carried.carried_forward and text.casefold() in KEEP_WORDS:
        keep: Save = ConfirmAnswer(step.question_id)
        if step.question_id in conversation.held_notes:  # kept with the note given to it by /note
            keep = _save(conversation, snapshot, step.question_id, carried.status, carried.value, "", keep_last_years=True)
        return Reply((say("Kept last year's answer."),), (keep,), "next")
    if step.kind == "criterion":
        return _criterion_reply(conversation, step, text, snapshot)
    if step.kind == "measure":
        return _measure_reply(conversation, step, text, snapshot)
    if step.kind == "membership":
        return _membership_reply(conversation, step, text, snapshot)
    if step.kind == "outcome_target":
        return _target_reply(conversation, step, text)
    if step.kind == "outcome_value":
        return _value_reply(conversation, step, text)
    if step.kind == "local_outcomes":
        return _local_reply(conversation, step, text, snapshot)
    return _judgement_reply(conversation, step, text, snapshot)


def _membership_reply(conversation: Conversation, step: Step, text: str, snapshot: Snapshot) -> Reply:
    assert step.category is not None
    names = list(snapshot.members.get(step.category.id, []))
    edit = section_replies.membership_reply(text, names)
    if isinstance(edit, str):
        return Reply((Message("error", edit),))
    if edit is None:
        save = _save(conversation, snapshot, step.question_id, Status.MET, names, "")
        listed = ", ".join(names) if names else "none"
        return Reply((say(f"{step.category.title}: {listed}."),), (save,), "next")
    if edit.closes:
        emptied: tuple[Save, ...] = (SetMembers(step.category.id, ()),) if names else ()
        save = _save(conversation, snapshot, step.question_id, Status.MET, [], "")
        return Reply((say(edit.message),), (*emptied, save), "next")
    return Reply((say(edit.message),), (SetMembers(step.category.id, edit.names),))


def _target_reply(conversation: Conversation, step: Step, text: str) -> Reply:
    assert step.outcome is not None
    local = step.outcome not in conversation.framework.outcomes
    parsed = section_replies.parse_target(step.outcome, text, local)
    if isinstance(parsed, NotUnderstood):
        return Reply((Message("error", parsed.message),))
    outcome = step.outcome
    save = SaveTarget(outcome.id, outcome.title, parsed.direction, parsed.amount, parsed.unit, local, outcome.unit)
    return Reply((), (save,), "next")


def _value_reply(conversation: Conversation, step: Step, text: str) -> Reply:
    assert step.outcome is not None and step.period is not None
    status = parse_status(text)
    if status is not None and status.status is Status.NOT_SURE:
        conversation.skipped.add(step.question_id)
        return Reply((say("Left open for now; /outcomes brings it back."),), move="next")
    parsed = section_replies.parse_value(step.outcome, text)
    if isinstance(parsed, NotUnderstood):
        return Reply((Message("error", parsed.message),))
    return Reply((), (SaveValue(step.outcome.id, step.period, parsed),), "next")


def _local_reply(conversation: Conversation, step: Step, text: str, snapshot: Snapshot) -> Reply:
    parsed = section_replies.parse_local_outcome(conversation.framework, text)
    if isinstance(parsed, str):
        return Reply((Message("error", parsed),))
    if parsed is None:
        return Reply((), (_save(conversation, snapshot, step.question_id, Status.MET, None, ""),), "next")
    save = SaveTarget(parsed.id, parsed.title, parsed.direction, None, "count", True, parsed.unit)
    return Reply((say(f"Added: {parsed.title}. Add another, or done."),), (save,))


def _save(
    conversation: Conversation,
    snapshot: Snapshot,
    question_id: str,
    status: Status | None,
    value: AnswerValue | None,
    note: str,
    *,
    keep_last_years: bool = False,
) -> SaveAnswer:
    """Saved against the version shown when the question was asked, so a change by someone else is caught.

    A reply without a note keeps the note the answer already has (a quick key
    that changes "partly" to "no" must not drop the evidence), but not last
    year's unless it is kept as it is; a note given to the question with /note
    before it was answered is saved with it.
    """
    conversation.skipped.discard(question_id)
    existing = snapshot.answers.get(question_id)
    seen = conversation.seen_versions.get(question_id, existing.version if existing is not None else 0)
    earlier = ""
    if not note and existing is not None and (keep_last_years or not existing.carried_forward):
        earlier = existing.note
    held = conversation.held_notes.pop(question_id, "")
    full = _joined(_joined(earlier, held), note)
    said = ""
    if held:
        said = f"Saved with your note: {full}."
    elif earlier:
        said = f"Your note is kept: {earlier} (/note clear removes it)."
    return SaveAnswer(question_id, status, value, full, seen, said)


def _joined(first: str, then: str) -> str:
    return f"{first}; {then}" if first and then else first or then


def _criterion_reply(conversation: Conversation, step: Step, text: str, snapshot: Snapshot) -> Reply:
    parsed = parse_status(text)
    if parsed is None:
        return Reply((Message("error", f"Sorry, I did not understand that. Please reply {STATUS_HELP}."),))
    return _status_reply(conversation, step, parsed, snapshot)


def _status_reply(conversation: Conversation, step: Step, parsed: StatusReply, snapshot: Snapshot) -> Reply:
    if parsed.status is Status.NOT_APPLICABLE and not parsed.note and step.question_id not in conversation.held_notes:
        conversation.pending = Pending("na_note")
        return Reply((say("Not applicable needs a short note saying why. What is the reason?"),))
    save = _save(conversation, snapshot, step.question_id, parsed.status, None, parsed.note)
    return Reply((), (save,), "next")


def _measure_reply(conversation: Conversation, step: Step, text: str, snapshot: Snapshot) -> Reply:
    assert step.measure is not None
    parsed = parse_measure(step.measure, text)
    if isinstance(parsed, NotUnderstood):
        return Reply((Message("error", parsed.message),))
    if isinstance(parsed, StatusReply):
        return _status_reply(conversation, step, parsed, snapshot)
    assert isinstance(parsed, MeasureReply)
    save = _save(conversation, snapshot, step.question_id, None, parsed.value, parsed.note)
    return Reply((), (save,), "next")


def _judgement_reply(conversation: Conversation, step: Step, text: str, snapshot: Snapshot) -> Reply:
    assert step.element is not None
    parsed = parse_rating(text)
    if isinstance(parsed, NotUnderstood):
        return Reply((Message("error", parsed.message),))
    computed = judge(step.element, snapshot.answers).computed
    if parsed.level is None or parsed.level == computed:
        return _agree(conversation, step, computed, parsed.reason, snapshot)
    if not parsed.reason:
        conversation.pending = Pending("override_reason", level=parsed.level)
        return Reply((say(f"Why is {parsed.level.title} the best fit rather than {computed.title}? A reason is required."),))
    return _override(conversation, step, parsed.level, parsed.reason, computed, snapshot)


def _agree(conversation: Conversation, step: Step, computed: Level, note: str, snapshot: Snapshot) -> Reply:
    assert step.element is not None
    saves: list[Save] = []
    if step.element.id in snapshot.judgements:
        saves.append(ClearJudgement(step.element.id))
    saves.append(_save(conversation, snapshot, step.question_id, Status.MET, float(computed), note))
    return Reply((say(f"Agreed: {step.element.id} is {computed.title}."),), tuple(saves), "next")


def _override(conversation: Conversation, step: Step, level: Level, reason: str, computed: Level, snapshot: Snapshot) -> Reply:
    assert step.element is not None
    saves: tuple[Save, ...] = (
        SaveJudgement(step.element.id, int(level), reason),
        _save(conversation, snapshot, step.question_id, Status.MET, float(computed), reason),
    )
    return Reply(
        (say(f"Recorded: {step.element.id} is {level.title} (best fit; computed {computed.title})."),),
        saves,
        "next",
    )


def _follow_up(conversation: Conversation, step: Step, text: str, snapshot: Snapshot) -> Reply:
    pending = conversation.pending
    assert pending is not None
    conversation.pending = None
    if pending.kind == "na_note":
        save = _save(conversation, snapshot, step.question_id, Status.NOT_APPLICABLE, None, text)
        return Reply((), (save,), "next")
    assert pending.level is not None and step.element is not None
    computed = judge(step.element, snapshot.answers).computed
    return _override(conversation, step, pending.level, text, computed, snapshot)



def _command(conversation: Conversation, name: str, argument: str, snapshot: Snapshot) -> Reply:
    conversation.pending = None
    element = conversation.current.element if conversation.current else None
    if name == "help":
        return Reply((say(texts.HELP_TEXT, heading="Help"),))
    if name == "quit":
        return Reply((say("Goodbye. Everything you answered is saved."),), move="quit")
    if name == "back":
        return Reply((), move="back")
    if name == "skip":
        if conversation.current is None:
            return Reply((say("There is no question to skip."),))
        conversation.skipped.add(conversation.current.question_id)
        return Reply((say("Skipped for now; it stays open."),), move="next")
    if name == "jump":
        target = conversation.framework.element(argument.strip())
        if target is None:
            ids = ", ".join(e.id for e in conversation.framework.elements)
            return Reply((Message("error", f"There is no element {argument.strip() or '(none given)'}. Elements: {ids}."),))
        return Reply((), move="jump", target=target.id)
    if name == "members":
        back = conversation.start_detour("membership")
        note = "The membership lists, one category at a time: add a name, remove NAME, or done to go on."
        return Reply((say(_then_back(note, back)),), move="jump", target="membership")
    if name == "outcomes":
        conversation.termly = next_term(snapshot)
        if conversation.termly is None:
            note = "Every outcome with a baseline has all three term values."
        else:
            note = f"{PERIOD_NAMES[conversation.termly].capitalize()} values: I will ask for each outcome in turn."
        back = conversation.start_detour("outcomes")
        return Reply((say(_then_back(note, back)),), move="jump", target="outcomes")
    if name == "summary":
        return Reply((texts.progress_summary(conversation.framework, snapshot.answers, snapshot.judgements),))
    if name == "what":
        found = conversation.lookup(argument)
        if found is None:
            return Reply((Message("error", f"I do not know the term {argument!r}. Try /what PA."),))
        return Reply((found,))
    if name in ("why", "show") and element is None:
        return Reply((say("Jump to an element first, for example /jump 1.1."),))
    if name == "why":
        assert element is not None
        return Reply((texts.element_summary(element, snapshot.answers, snapshot.judgements.get(element.id)),))
    if name == "show":
        assert element is not None and conversation.current is not None
        return Reply((texts.descriptors(element, conversation.current.level),))
    if name == "note":
        return _note(conversation, argument, snapshot)
    return Reply((Message("error", f"Unknown command /{name}. Type /help for the list."),))


def _then_back(note: str, back: str | None) -> str:
    return f"{note} Then back to {back}." if back else note


NOTE_KINDS = ("criterion", "measure", "membership", "judgement")


def _note(conversation: Conversation, text: str, snapshot: Snapshot) -> Reply:
    """A note for the question on screen: added to its answer, or kept until it is answered.

    Always the question the user sees, never the one answered before it: a note
    typed while a question is shown is about that question.
    """
    step = conversation.current
    if not text:
        return Reply((Message("error", "Type the note after the command, like: /note minutes of 3 March."),))
    if step is None:
        return Reply((Message("error", "There is no question on screen to add a note to: /back or /jump to it first."),))
    if step.kind not in NOTE_KINDS:
        return Reply((Message("error", "This question takes no note; notes go with the answers to questions and membership lists."),))
    which = f"{step.tag} ({step.text.rstrip('?.')})"
    clear = text.casefold() == "clear"
    answer = snapshot.answers.get(step.question_id)
    if answer is None or answer.carried_forward:
        if clear:
            conversation.held_notes.pop(step.question_id, None)
            return Reply((say(f"Note cleared from {which}."),))
        held = _joined(conversation.held_notes.get(step.question_id, ""), text)
        refusal = over_limit("A note", held, NOTE_LIMIT)
        if refusal is not None:
            return Reply((Message("error", f"Not kept: {refusal}. Please shorten it."),))
        conversation.held_notes[step.question_id] = held
        return Reply((say(f"Note kept for {which}, to be saved with its answer: {held}"),))
    note = "" if clear else _joined(answer.note, text)
    seen = conversation.seen_versions.get(step.question_id, answer.version)
    save = SaveAnswer(answer.question_id, answer.status, answer.value, note, seen)
    return Reply((say(f"Note {'cleared from' if clear else 'added to'} {which}."),), (save,))
