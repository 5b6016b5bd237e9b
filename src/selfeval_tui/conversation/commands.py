"""The slash commands: one registry of name, handler and help line.

The dispatch (``run``), ``/help`` in the chat, the TUI's help screen and the
table in docs/conversation.md all come from ``COMMANDS`` (a test keeps the docs
table equal to ``docs_table()``). Adding a command is a handler here and one
``Command`` line in ``COMMANDS``.

A handler reads the command against a ``Context`` and returns a ``Reply``
(with the conversation's new state when it changes it); it changes nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from selfeval_tui.conversation import texts
from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.reading import Context, Reply, joined
from selfeval_tui.conversation.saves import SaveAnswer, SaveNote
from selfeval_tui.conversation.sections import PERIOD_NAMES
from selfeval_tui.conversation.state import State
from selfeval_tui.conversation.steps import next_term
from selfeval_tui.domain.records import NOTE_LIMIT, over_limit


@dataclass(frozen=True)
class Command:
    """A slash command: ``/name`` (or an alias), what follows it is the argument."""

    name: str
    run: Callable[[Context, str], Reply]
    help: str
    """One line: what it does, as /help and the docs say it."""
    argument: str = ""
    """How its argument is written in the help (``TEXT``, ``2.4``), if it takes one."""
    aliases: tuple[str, ...] = ()


def _help(context: Context, argument: str) -> Reply:
    return Reply((say(HELP_TEXT, heading="Help"),))


def _quit(context: Context, argument: str) -> Reply:
    return Reply((say("Goodbye. Everything you answered is saved."),), move="quit")


def _back(context: Context, argument: str) -> Reply:
    return Reply((), move="back")


def _skip(context: Context, argument: str) -> Reply:
    if context.current is None:
        return Reply((say("There is no question to skip."),))
    skipped = context.with_state(skipped=context.state.skipped | {context.current.question_id})
    return Reply((say("Skipped for now; it stays open."),), move="next", state=skipped)


def _jump(context: Context, argument: str) -> Reply:
    target = context.framework.element(argument.strip())
    if target is None:
        ids = ", ".join(e.id for e in context.framework.elements)
        return Reply((Message("error", f"There is no element {argument.strip() or '(none given)'}. Elements: {ids}."),))
    return Reply((), move="jump", target=target.id)


def _detour(context: Context, section: str, state: State) -> tuple[State, str | None]:
    """/members or /outcomes: remember the question the user is on; the title of where they will come back to."""
    current = context.current
    if current is None:
        return replace(state, detour=section, return_to=None), None
    if current.section != section:
        return replace(state, detour=section, return_to=current.question_id), texts.section_title(current)
    return replace(state, detour=section), None


def _then_back(note: str, back: str | None) -> str:
    return f"{note} Then back to {back}." if back else note


def _members(context: Context, argument: str) -> Reply:
    state, back = _detour(context, "membership", context.state)
    note = "The membership lists, one category at a time: add a name, remove NAME, or done to go on."
    return Reply((say(_then_back(note, back)),), move="jump", target="membership", state=state)


def _outcomes(context: Context, argument: str) -> Reply:
    termly = next_term(context.snapshot)
    if termly is None:
        note = "Every outcome with a baseline has all three term values."
    else:
        note = f"{PERIOD_NAMES[termly].capitalize()} values: I will ask for each outcome in turn."
    state, back = _detour(context, "outcomes", context.with_state(termly=termly))
    return Reply((say(_then_back(note, back)),), move="jump", target="outcomes", state=state)


def _summary(context: Context, argument: str) -> Reply:
    snapshot = context.snapshot
    return Reply((texts.progress_summary(context.framework, snapshot.answers, snapshot.judgements, snapshot.judged),))


def _what(context: Context, argument: str) -> Reply:
    found = texts.glossary(context.framework, argument)
    if found is None:
        return Reply((Message("error", f"I do not know the term {argument!r}. Try /what PA."),))
    return Reply((found,))


_NO_ELEMENT = "Jump to an element first, for example /jump 1.1."


def _why(context: Context, argument: str) -> Reply:
    element = context.current.element if context.current else None
    if element is None:
        return Reply((say(_NO_ELEMENT),))
    snapshot = context.snapshot
    return Reply((texts.element_summary(element, snapshot.answers, snapshot.judgements.get(element.id), snapshot.judged),))


def _show(context: Context, argument: str) -> Reply:
    element = context.current.element if context.current else None
    if element is None or context.current is None:
        return Reply((say(_NO_ELEMENT),))
    return Reply((texts.descriptors(element, context.current.level),))


def _plan(context: Context, argument: str) -> Reply:
    """Plan an element's development focus now: the current element, or the one named; then back to where the user was."""
    from selfeval_tui.conversation.steps.plan import unplanned
    from selfeval_tui.domain.progress import element_started

    if not context.may_plan:
        return Reply((Message("error", "Your role here does not allow planning actions; F7 in the chat app shows the plan."),))
    current = context.current
    if argument.strip():
        element = context.framework.element(argument.strip())
        if element is None:
            ids = ", ".join(e.id for e in context.framework.elements)
            return Reply((Message("error", f"There is no element {argument.strip()}. Elements: {ids}."),))
    elif current is None or current.element is None:
        return Reply((say("Which element? For example /plan 1.5, or /jump to an element first."),))
    else:
        element = current.element
    snapshot = context.snapshot
    if not element_started(element, snapshot.answers, snapshot.judgements):
        return Reply((say(f"{element.id} is not started: its development focus comes from its answers. /jump {element.id} first."),))
    count = unplanned(element, snapshot)
    if not count:
        return Reply((say(f"Nothing to plan for {element.id}: every item of its development focus has an action or a reason for none (F7 in the chat app shows the plan)."),))
    back = context.state.plan_return if context.state.planning is not None else None
    if back is None and current is not None and not current.handler.plans:
        back = current.question_id
    prefix = f"plan.{element.id}."
    state = context.with_state(
        planning=element.id,
        plan_return=back,
        skipped=frozenset(q for q in context.state.skipped if not q.startswith(prefix)),
    )
    items = "one focus item" if count == 1 else f"{count} focus items"
    then = f" Then back to {texts.section_title(current)}." if back is not None and current is not None else ""
    note = f"The action plan for {element.id} {element.title}: {items} to plan; skip (1) leaves one for later, done (2) stops.{then}"
    return Reply((say(note),), move="next", state=state)


def _note(context: Context, text: str) -> Reply:
    """A note for the question on screen: added to its answer, or kept until it is answered.

    Always the question the user sees, never the one answered before it: a note
    typed while a question is shown is about that question.
    """
    step = context.current
    if not text:
        return Reply((Message("error", "Type the note after the command, like: /note minutes of 3 March."),))
    if step is None:
        return Reply((Message("error", "There is no question on screen to add a note to: /back or /jump to it first."),))
    if not step.handler.takes_note:
        return Reply((Message("error", "This question takes no note; notes go with the answers to questions and membership lists."),))
    which = f"{step.tag} ({step.text.rstrip('?.')})"
    clear = text.casefold() == "clear"
    answer = context.snapshot.answers.get(step.question_id)
    held_notes = context.state.held_notes
    if context.reading_only is not None:
        return _note_only(context, step.question_id, which, "" if clear else text)
    if answer is None or answer.carried_forward:
        if clear:
            notes = {k: v for k, v in held_notes.items() if k != step.question_id}
            return Reply((say(f"Note cleared from {which}."),), state=context.with_state(held_notes=notes))
        held = joined(held_notes.get(step.question_id, ""), text)
        refusal = over_limit("A note", held, NOTE_LIMIT)
        if refusal is not None:
            return Reply((Message("error", f"Not kept: {refusal}. Please shorten it."),))
        notes = {**held_notes, step.question_id: held}
        return Reply((say(f"Note kept for {which}, to be saved with its answer: {held}"),), state=context.with_state(held_notes=notes))
    note = "" if clear else joined(answer.note, text)
    seen = context.seen_versions.get(step.question_id, answer.version)
    save = SaveAnswer(answer.question_id, answer.status, answer.value, note, seen)
    return Reply((say(f"Note {'cleared from' if clear else 'added to'} {which}."),), (save,))


def _note_only(context: Context, question_id: str, which: str, text: str) -> Reply:
    """/note from someone who may not answer (a partner): the evidence note of an answer already given, nothing else.

    Nothing is held for a question not answered yet, as its answer is not theirs
    to give; whether they may add notes at all the services decide (a viewer may not).
    """
    answer = context.snapshot.answers.get(question_id)
    if answer is None or answer.carried_forward:
        return Reply((Message("error", f"{which} has no answer this year yet; a note goes with an answer."),))
    note = joined(answer.note, text) if text else ""
    seen = context.seen_versions.get(question_id, answer.version)
    return Reply((say(f"Note {'added to' if text else 'cleared from'} {which}."),), (SaveNote(question_id, note, seen),))


COMMANDS: tuple[Command, ...] = (
    Command("back", _back, "go to the previous question (you can change the answer)"),
    Command("skip", _skip, "leave this question open for now (it comes back when you resume)"),
    Command("why", _why, "explain the current element's rating so far"),
    Command("show", _show, "show the element's four descriptors, with the level being asked marked"),
    Command("note", _note, "add evidence to the question on screen (/note clear removes its note)", "TEXT"),
    Command("jump", _jump, "go to an element (its first open question, or its summary)", "2.4"),
    Command("summary", _summary, "the ratings so far"),
    Command("members", _members, "review or edit the membership lists, then back to the question you were on"),
    Command(
        "outcomes", _outcomes, "key outcome targets, baselines and term values, then back to the question you were on"
    ),
    Command("plan", _plan, "plan actions for this element's development focus (or the one named), then back to the question you were on", "1.5"),
    Command("what", _what, "explain a term or abbreviation (or ask: what is PA?)", "TERM"),
    Command("help", _help, "this help"),
    Command("quit", _quit, "stop; everything is already saved"),
)

BY_NAME = {name: command for command in COMMANDS for name in (command.name, *command.aliases)}


def run(context: Context, name: str, argument: str) -> Reply:
    """The command ``/name argument``; any command, even one not known, drops the follow-up the question was waiting for."""
    calm = replace(context, state=context.with_state(pending=None))
    command = BY_NAME.get(name)
    if command is None:
        return Reply((Message("error", f"Unknown command /{name}. Type /help for the list."),), state=calm.state)
    reply = command.run(calm, argument)
    return reply if reply.state is not None else replace(reply, state=calm.state)


def _usage(command: Command) -> str:
    """``/note TEXT``: the command (and its aliases) as the help writes it."""
    return ", ".join(f"/{name} {command.argument}".rstrip() for name in (command.name, *command.aliases))


def docs_table() -> str:
    """The commands table of docs/conversation.md, as the registry has it."""
    rows = [f"| `{_usage(command)}` | {command.help} |" for command in COMMANDS]
    return "\n".join(["| command | does |", "|---|---|", *rows])


HELP_TEXT = "\n".join(
    (
        (
            "Answer each question with yes, partly, no, not sure or n/a. Anything after the first word is kept as "
            "your evidence note, for example: yes, minutes show every head attended. A new answer without a note "
            "keeps the note already given."
        ),
        "Commands:",
        *(f"{_usage(command)} - {command.help}" for command in COMMANDS),
        (
            "The rule: a level is secured when every applicable criterion at that level is met; the rating is the "
            "highest level with every level up to it secured. The development focus is what is not yet met at the "
            "next level up."
        ),
    )
)
"""/help in the chat and the end of the TUI's help screen."""
