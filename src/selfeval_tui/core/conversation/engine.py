"""The conversation as a pure state machine.

``respond`` reads a reply against the stored answers and returns what to say, what
to save and where to go; ``advance`` then picks the next question from the answers
as they are *after* saving. The caller (``Session``) commits the saves in between,
so no question is shown before the answer to the previous one is on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from selfeval_tui.core.conversation import texts
from selfeval_tui.core.conversation.replies import (
    STATUS_HELP,
    MeasureReply,
    NotUnderstood,
    StatusReply,
    parse_command,
    parse_glossary_question,
    parse_measure,
    parse_rating,
    parse_status,
)
from selfeval_tui.core.conversation import sections as section
from selfeval_tui.core.conversation.sections import PERIOD_NAMES
from selfeval_tui.core.conversation.steps import Mode, Snapshot, Step, evaluation_flow, is_open, next_term
from selfeval_tui.core.conversation.texts import Message, say
from selfeval_tui.core.framework import Framework, Level
from selfeval_tui.core.judgement import judge
from selfeval_tui.core.store.models import Status


KEEP_WORDS = ("keep", "same", "confirm")


@dataclass(frozen=True)
class SaveAnswer:
    question_id: str
    status: Status | None
    value: float | list[str] | dict[str, int] | None
    note: str
    expected_version: int


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


@dataclass
class Conversation:
    framework: Framework
    mode: Mode = Mode.ADAPTIVE
    sections: bool = False
    termly: str | None = None
    current: Step | None = None
    pending: Pending | None = None
    last_saved: str | None = None
    skipped: set[str] = field(default_factory=set)
    seen_versions: dict[str, int] = field(default_factory=dict)
    _shown_section: str | None = None

    # ----- choosing the question -------------------------------------------------

    def start(self, snapshot: Snapshot) -> tuple[list[Message], Step | None]:
        """Open (or resume) the evaluation with a short recap of where the user is."""
        flow = self._flow(snapshot)
        answered = sum(1 for s in flow if s.kind != "judgement" and not is_open(s, snapshot))
        asked = sum(1 for s in flow if s.kind != "judgement")
        done = sum(1 for s in flow if s.kind == "judgement" and not is_open(s, snapshot))
        if answered == 0:
            recap = (
                f"This is the {self.framework.title}. I will ask about each of its "
                f"{len(self.framework.elements)} elements in turn, one question at a time. "
                "Every answer is saved as soon as you give it. Type /help at any time."
            )
        else:
            recap = (
                f"Welcome back. {answered} answers are saved so far and {done} of "
                f"{len(self.framework.elements)} elements are complete."
            )
        messages = [say(recap)]
        step = self._first_open(flow, snapshot, 0)
        if step is not None and answered:
            messages.append(say(f"Picking up at {texts.section_title(step)} ({asked - answered} questions to go)."))
        return self._present(messages, step, snapshot)

    def advance(self, reply: Reply, snapshot: Snapshot) -> tuple[list[Message], Step | None]:
        flow = self._flow(snapshot)
        position = self._position(flow)
        messages = list(reply.messages)
        if reply.move == "quit":
            return messages, None
        if reply.move == "stay" and self.current is not None:
            return messages, self._refresh(flow)
        if reply.move == "back":
            if position <= 0:
                messages.append(say("This is the first question; there is nothing before it."))
                return messages, self.current
            return self._present(messages, flow[position - 1], snapshot, revisit=True)
        if reply.move == "jump":
            element_steps = [s for s in flow if s.section == reply.target]
            if not element_steps:
                messages.append(Message("error", f"There is no {reply.target} section in this evaluation."))
                return messages, self.current
            open_step = next((s for s in element_steps if is_open(s, snapshot)), element_steps[-1])
            return self._present(messages, open_step, snapshot, revisit=True)
        step = self._first_open(flow, snapshot, position) or self._first_open(flow, snapshot, 0)
        return self._present(messages, step, snapshot)

    def _flow(self, snapshot: Snapshot) -> list[Step]:
        return evaluation_flow(self.framework, snapshot, self.mode, sections=self.sections, termly=self.termly)

    def _position(self, flow: list[Step]) -> int:
        if self.current is None:
            return 0
        for i, step in enumerate(flow):
            if step.question_id == self.current.question_id:
                return i
        return next((i for i, s in enumerate(flow) if s.section == self.current.section), 0)

    def _refresh(self, flow: list[Step]) -> Step | None:
        """The current question as the flow now sees it (its i/n may have changed)."""
        assert self.current is not None
        for step in flow:
            if step.question_id == self.current.question_id:
                self.current = step
        return self.current

    def _first_open(self, flow: list[Step], snapshot: Snapshot, start: int) -> Step | None:
        for step in flow[start:]:
            if step.question_id in self.skipped:
                continue
            if is_open(step, snapshot):
                return step
        return None

    def _present(
        self, messages: list[Message], step: Step | None, snapshot: Snapshot, revisit: bool = False
    ) -> tuple[list[Message], Step | None]:
        if step is None:
            self.current = None
            messages.append(self._completion(snapshot))
            return messages, None
        if step.section != "outcomes":
            self.termly = None
        if step.section != self._shown_section:
            if step.element is None:
                messages.append(texts.section_intro(step))
            else:
                previous = self.framework.strand_of(self._shown_section) if self._shown_section else None
                strand = self.framework.strand_of(step.element.id)
                messages.extend(texts.element_intro(self.framework, step.element, previous != strand))
            self._shown_section = step.section
        if step.kind == "membership":
            assert step.category is not None
            carried = snapshot.answers.get(step.question_id)
            names = snapshot.members.get(step.category.id, [])
            messages.append(say(section.membership_prompt(names, carried is not None and carried.carried_forward)))
        if step.kind == "local_outcomes":
            messages.append(texts.local_examples(self.framework))
        existing = snapshot.answers.get(step.question_id)
        if step.criterion is not None and self.sections and (existing is None or existing.carried_forward):
            proposal = section.suggestion(step.criterion, self.framework, snapshot.members)
            if proposal is not None:
                messages.append(say(proposal))
        if step.kind == "judgement":
            assert step.element is not None
            agreed = snapshot.judgements.get(step.element.id)
            messages.append(texts.element_summary(step.element, snapshot.answers, agreed))
        self.seen_versions[step.question_id] = existing.version if existing is not None else 0
        if step.element is not None and existing is not None and step.kind != "judgement":
            if existing.carried_forward:
                messages.append(
                    say(f"Last year's answer: {texts.describe_answer(step, existing)}. Reply keep to confirm it, or answer again.")
                )
            elif revisit:
                messages.append(say(f"Your answer so far: {texts.describe_answer(step, existing)}."))
        self.current = step
        self.pending = None
        return messages, step

    def _completion(self, snapshot: Snapshot) -> Message:
        open_count = sum(1 for s in self._flow(snapshot) if is_open(s, snapshot))
        if open_count:
            return say(
                f"You have been through every element; {open_count} skipped questions are still open. "
                "Type /summary for the ratings, /jump 1.1 to review an element, or /quit."
            )
        return say(
            "The self-evaluation is complete: every element has a rating. "
            "Type /summary for the ratings, /jump 1.1 to review an element, or /quit."
        )

    # ----- understanding the reply ---------------------------------------------

    def respond(self, text: str, snapshot: Snapshot) -> Reply:
        text = text.strip()
        if not text:
            return Reply((say("Please type a reply, or /help to see what you can say."),))
        command = parse_command(text)
        if command is not None:
            return self._command(command.name, command.argument, snapshot)
        glossary = parse_glossary_question(text)
        if glossary is not None and self.pending is None:
            found = self.lookup(glossary.term)
            if found is not None:
                return Reply((found,))
        step = self.current
        if step is None:
            return Reply((say("Everything is answered. Type /summary, /jump 2.4 or /quit."),))
        if self.pending is not None:
            return self._follow_up(step, text, snapshot)
        carried = snapshot.answers.get(step.question_id)
        if carried is not None and carried.carried_forward and text.casefold() in KEEP_WORDS:
            self.last_saved = step.question_id
            return Reply((say("Kept last year's answer."),), (ConfirmAnswer(step.question_id),), "next")
        if step.kind == "criterion":
            return self._criterion_reply(step, text, snapshot)
        if step.kind == "measure":
            return self._measure_reply(step, text, snapshot)
        if step.kind == "membership":
            return self._membership_reply(step, text, snapshot)
        if step.kind == "outcome_target":
            return self._target_reply(step, text)
        if step.kind == "outcome_value":
            return self._value_reply(step, text)
        if step.kind == "local_outcomes":
            return self._local_reply(step, text, snapshot)
        return self._judgement_reply(step, text, snapshot)

    def _membership_reply(self, step: Step, text: str, snapshot: Snapshot) -> Reply:
        assert step.category is not None
        names = list(snapshot.members.get(step.category.id, []))
        edit = section.membership_reply(text, names)
        if isinstance(edit, str):
            return Reply((Message("error", edit),))
        if edit is None:
            save = self._save(snapshot, step.question_id, Status.MET, names, "")
            listed = ", ".join(names) if names else "none"
            return Reply((say(f"{step.category.title}: {listed}."),), (save,), "next")
        return Reply((say(edit.message),), (SetMembers(step.category.id, edit.names),))

    def _target_reply(self, step: Step, text: str) -> Reply:
        assert step.outcome is not None
        local = step.outcome not in self.framework.outcomes
        parsed = section.parse_target(step.outcome, text, local)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        outcome = step.outcome
        save = SaveTarget(outcome.id, outcome.title, parsed.direction, parsed.amount, parsed.unit, local, outcome.unit)
        return Reply((), (save,), "next")

    def _value_reply(self, step: Step, text: str) -> Reply:
        assert step.outcome is not None and step.period is not None
        status = parse_status(text)
        if status is not None and status.status is Status.NOT_SURE:
            self.skipped.add(step.question_id)
            return Reply((say("Left open for now; /outcomes brings it back."),), move="next")
        parsed = section.parse_value(step.outcome, text)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        return Reply((), (SaveValue(step.outcome.id, step.period, parsed),), "next")

    def _local_reply(self, step: Step, text: str, snapshot: Snapshot) -> Reply:
        parsed = section.parse_local_outcome(self.framework, text)
        if isinstance(parsed, str):
            return Reply((Message("error", parsed),))
        if parsed is None:
            return Reply((), (self._save(snapshot, step.question_id, Status.MET, None, ""),), "next")
        save = SaveTarget(parsed.id, parsed.title, parsed.direction, None, "count", True, parsed.unit)
        return Reply((say(f"Added: {parsed.title}. Add another, or done."),), (save,))

    def _save(self, snapshot: Snapshot, question_id: str, status: Status | None, value: object, note: str) -> SaveAnswer:
        """Saved against the version shown when the question was asked, so a change by someone else is caught."""
        self.last_saved = question_id
        self.skipped.discard(question_id)
        existing = snapshot.answers.get(question_id)
        seen = self.seen_versions.get(question_id, existing.version if existing is not None else 0)
        return SaveAnswer(question_id, status, value, note, seen)  # type: ignore[arg-type]

    def acknowledge(self, question_id: str, version: int) -> None:
        """The user has now seen another user's answer: their next reply may replace it."""
        self.seen_versions[question_id] = version

    def _criterion_reply(self, step: Step, text: str, snapshot: Snapshot) -> Reply:
        parsed = parse_status(text)
        if parsed is None:
            return Reply((Message("error", f"Sorry, I did not understand that. Please reply {STATUS_HELP}."),))
        return self._status_reply(step, parsed, snapshot)

    def _status_reply(self, step: Step, parsed: StatusReply, snapshot: Snapshot) -> Reply:
        if parsed.status is Status.NOT_APPLICABLE and not parsed.note:
            self.pending = Pending("na_note")
            return Reply((say("Not applicable needs a short note saying why. What is the reason?"),))
        save = self._save(snapshot, step.question_id, parsed.status, None, parsed.note)
        return Reply((), (save,), "next")

    def _measure_reply(self, step: Step, text: str, snapshot: Snapshot) -> Reply:
        assert step.measure is not None
        parsed = parse_measure(step.measure, text)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        if isinstance(parsed, StatusReply):
            return self._status_reply(step, parsed, snapshot)
        assert isinstance(parsed, MeasureReply)
        save = self._save(snapshot, step.question_id, None, parsed.value, parsed.note)
        return Reply((), (save,), "next")

    def _judgement_reply(self, step: Step, text: str, snapshot: Snapshot) -> Reply:
        parsed = parse_rating(text)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        computed = judge(step.element, snapshot.answers).computed
        if parsed.level is None or parsed.level == computed:
            return self._agree(step, computed, parsed.reason, snapshot)
        if not parsed.reason:
            self.pending = Pending("override_reason", level=parsed.level)
            return Reply((say(f"Why is {parsed.level.title} the best fit rather than {computed.title}? A reason is required."),))
        return self._override(step, parsed.level, parsed.reason, computed, snapshot)

    def _agree(self, step: Step, computed: Level, note: str, snapshot: Snapshot) -> Reply:
        saves: list[Save] = []
        if step.element.id in snapshot.judgements:
            saves.append(ClearJudgement(step.element.id))
        saves.append(self._save(snapshot, step.question_id, Status.MET, float(computed), note))
        return Reply((say(f"Agreed: {step.element.id} is {computed.title}."),), tuple(saves), "next")

    def _override(self, step: Step, level: Level, reason: str, computed: Level, snapshot: Snapshot) -> Reply:
        saves: tuple[Save, ...] = (
            SaveJudgement(step.element.id, int(level), reason),
            self._save(snapshot, step.question_id, Status.MET, float(computed), reason),
        )
        return Reply(
            (say(f"Recorded: {step.element.id} is {level.title} (best fit; computed {computed.title})."),),
            saves,
            "next",
        )

    def _follow_up(self, step: Step, text: str, snapshot: Snapshot) -> Reply:
        pending = self.pending
        assert pending is not None
        self.pending = None
        if pending.kind == "na_note":
            save = self._save(snapshot, step.question_id, Status.NOT_APPLICABLE, None, text)
            return Reply((), (save,), "next")
        assert pending.level is not None
        computed = judge(step.element, snapshot.answers).computed
        return self._override(step, pending.level, text, computed, snapshot)

    # ----- commands -------------------------------------------------------------

    def _command(self, name: str, argument: str, snapshot: Snapshot) -> Reply:
        self.pending = None
        element = self.current.element if self.current else None
        if name == "help":
            return Reply((say(texts.HELP_TEXT, heading="Help"),))
        if name == "quit":
            return Reply((say("Goodbye. Everything you answered is saved."),), move="quit")
        if name == "back":
            return Reply((), move="back")
        if name == "skip":
            if self.current is None:
                return Reply((say("There is no question to skip."),))
            self.skipped.add(self.current.question_id)
            return Reply((say("Skipped for now; it stays open."),), move="next")
        if name == "jump":
            target = self.framework.element(argument.strip())
            if target is None:
                ids = ", ".join(e.id for e in self.framework.elements)
                return Reply((Message("error", f"There is no element {argument.strip() or '(none given)'}. Elements: {ids}."),))
            return Reply((), move="jump", target=target.id)
        if name == "members":
            return Reply((), move="jump", target="membership")
        if name == "outcomes":
            self.termly = next_term(snapshot)
            if self.termly is None:
                note = "Every outcome with a baseline has all three term values."
            else:
                note = f"{PERIOD_NAMES[self.termly].capitalize()} values: I will ask for each outcome in turn."
            return Reply((say(note),), move="jump", target="outcomes")
        if name == "summary":
            return Reply((texts.progress_summary(self.framework, snapshot.answers, snapshot.judgements),))
        if name == "what":
            found = self.lookup(argument)
            if found is None:
                return Reply((Message("error", f"I do not know the term {argument!r}. Try /what PA."),))
            return Reply((found,))
        if name in ("why", "show") and element is None:
            return Reply((say("Jump to an element first, for example /jump 1.1."),))
        if name == "why":
            assert element is not None
            return Reply((texts.element_summary(element, snapshot.answers, snapshot.judgements.get(element.id)),))
        if name == "show":
            assert element is not None and self.current is not None
            return Reply((texts.descriptors(element, self.current.level),))
        if name == "note":
            return self._note(argument, snapshot)
        return Reply((Message("error", f"Unknown command /{name}. Type /help for the list."),))

    def _note(self, text: str, snapshot: Snapshot) -> Reply:
        if not text:
            return Reply((Message("error", "Type the note after the command, like: /note minutes of 3 March."),))
        if self.last_saved is None or self.last_saved not in snapshot.answers:
            return Reply((Message("error", "There is no answer in this session to add a note to yet."),))
        answer = snapshot.answers[self.last_saved]
        note = f"{answer.note}; {text}" if answer.note else text
        save = SaveAnswer(answer.question_id, answer.status, answer.value, note, answer.version)
        return Reply((say("Note added to your last answer."),), (save,))

    def lookup(self, term: str) -> Message | None:
        wanted = term.strip().strip("?").strip().casefold()
        if wanted.endswith("s") and len(wanted) > 2:
            candidates = (wanted, wanted[:-1])
        else:
            candidates = (wanted,)
        for entry in self.framework.glossary:
            names = {entry.term.casefold(), *(a.casefold() for a in entry.aliases)}
            if names.intersection(candidates):
                return say(f"{entry.term}: {entry.meaning}", heading=None)
        return None

