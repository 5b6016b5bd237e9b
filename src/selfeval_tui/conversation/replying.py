"""Reading a reply to the current question: what to say, what to save, where to go next, and the new state.

``Conversation.respond`` hands each reply here with a ``Context`` (the stored
answers, the question on screen, the conversation's ``State``). This module
picks who reads it (a command from ``commands.py``, the glossary, the question's
step handler, or the handler's follow-up) and refuses what is too long; it
changes nothing, returning a ``Reply`` that carries the new state, which the
``Conversation`` takes on. It is imported on the first reply, not to show the
first question (which is what starting the app is for).
"""

from __future__ import annotations

from dataclasses import replace

from selfeval_tui.conversation import commands, texts
from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.reading import Context, Reply
from selfeval_tui.conversation.replies import parse_command, parse_glossary_question
from selfeval_tui.conversation.saves import ConfirmAnswer, Save, SaveAnswer
from selfeval_tui.conversation.state import State
from selfeval_tui.domain.records import NOTE_LIMIT, over_limit

KEEP_WORDS = ("keep", "same", "confirm")

REPLY_LIMIT = NOTE_LIMIT + 100
"""A status word or a measure, a separator and the longest note, with room to spare."""


def respond(context: Context, text: str) -> Reply:
    """The reply read, or one line refusing it when something in it is over its length limit.

    A refused reply saves nothing and leaves the state as it was (a follow-up
    still awaited, notes still held), so the same question is asked again.
    """
    refusal = over_limit("A reply", text.strip(), REPLY_LIMIT)
    if refusal is not None:
        return Reply((Message("error", f"Not saved: {refusal} (a note can have {NOTE_LIMIT:,})."),))
    reply = _respond(context, text)
    refusal = next(filter(None, (save.refusal() for save in reply.saves)), None)
    if refusal is not None:
        return Reply((Message("error", f"Not saved: {refusal}. Please shorten it."),))
    said = tuple(say(s.note_said) for s in reply.saves if isinstance(s, SaveAnswer) and s.note_said)
    return replace(reply, messages=(*reply.messages, *said)) if said else reply


def _respond(context: Context, text: str) -> Reply:
    text = text.strip()
    if not text:
        return Reply((say("Please type a reply, or /help to see what you can say."),))
    command = parse_command(text)
    if command is not None:
        return commands.run(context, command.name, command.argument)
    glossary = parse_glossary_question(text)
    if glossary is not None and context.state.pending is None:
        found = texts.glossary(context.framework, glossary.term)
        if found is not None:
            return Reply((found,))
    if context.reading_only is not None:
        return Reply((Message("notice", context.reading_only),))
    step = context.current
    if step is None:
        return Reply((say("Everything is answered. Type /summary, /jump 2.4 or /quit."),))
    pending = context.state.pending
    if pending is not None:
        answered = replace(context, state=context.with_state(pending=None))
        reply = step.handler.follow_up(step, pending, text, answered)
        return reply if reply.state is not None else replace(reply, state=answered.state)
    carried = context.snapshot.answers.get(step.question_id)
    if carried is not None and carried.carried_forward and text.casefold() in KEEP_WORDS:
        keep: Save = ConfirmAnswer(step.question_id)
        state: State | None = None
        if step.question_id in context.state.held_notes:  # kept with the note given to it by /note
            keep, state = context.save(step.question_id, carried.status, carried.value, "", keep_last_years=True)
        return Reply((say("Kept last year's answer."),), (keep,), "next", state=state)
    return step.handler.read(step, text, context)
