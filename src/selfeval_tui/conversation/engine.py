"""The conversation as a state machine.

``respond`` reads a reply against the stored answers and returns what to say, what
to save, where to go and the conversation's new state (``replying.py``), changing
nothing; ``apply`` takes the new state on, and ``advance`` then picks the next
question from the answers as they are *after* saving. The caller (``Session``)
commits the saves in between, so no question is shown before the answer to the
previous one is on disk. Everything that differs between kinds of question is
asked of the step's handler (``steps/``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import texts
from selfeval_tui.conversation.progress import answer_count
from selfeval_tui.conversation.state import Pending, State
from selfeval_tui.conversation.steps import (
    Asking,
    Mode,
    Snapshot,
    Step,
    evaluation_flow,
    is_open,
)
from selfeval_tui.conversation.texts import Message, say

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Reply


@dataclass
class Conversation:
    framework: Framework
    mode: Mode = Mode.ADAPTIVE
    sections: bool = False
    current: Step | None = None
    state: State = field(default_factory=State)
    """What replies can change (a follow-up awaited, skipped questions, held notes, a detour): replaced, never changed."""
    seen_versions: dict[str, int] = field(default_factory=dict)
    reading_only: str | None = None
    """Why this actor may read but not answer (said instead of reading a reply); None: they may answer."""
    may_plan: bool = True
    """Whether to offer the plan questions after a rating (the actor may plan in this partnership)."""
    changer: Callable[[str], str] = field(default=lambda login: f"Someone else ({login})")
    """How a notice names whoever else changed an answer, from the login it is stored under (the session's)."""
    _shown_section: str | None = None

    @property
    def pending(self) -> Pending | None:
        return self.state.pending

    @property
    def skipped(self) -> frozenset[str]:
        return self.state.skipped

    @property
    def held_notes(self) -> Mapping[str, str]:
        """Notes given with /note to questions not answered yet, saved with their answers."""
        return self.state.held_notes

    @property
    def termly(self) -> str | None:
        return self.state.termly

    @property
    def detour(self) -> str | None:
        """``membership`` or ``outcomes`` while /members or /outcomes is being answered."""
        return self.state.detour

    @property
    def return_to(self) -> str | None:
        """The question the user was on when the detour began: where it ends."""
        return self.state.return_to

    # ----- choosing the question -------------------------------------------------

    def start(self, snapshot: Snapshot, since: str | None = None) -> tuple[list[Message], Step | None]:
        """Open (or resume) the evaluation with a short recap of where the user is.

        ``since`` is the question this person left off at (see ``resume_point``).
        """
        flow = self._flow(snapshot)
        questions = [s for s in flow if not s.handler.agrees_rating]
        answered = sum(1 for s in questions if not is_open(s, snapshot))
        asked = len(questions)
        done = sum(1 for s in flow if s.handler.agrees_rating and not is_open(s, snapshot))
        if answered == 0:
            recap = (
                f"This is the {self.framework.title}. I will ask about each of its "
                f"{len(self.framework.elements)} elements in turn, one question at a time. "
                "Every answer is saved as soon as you give it. Type /help at any time."
            )
        else:
            saved = answer_count(self.framework, snapshot.answers).text
            recap = f"Welcome back. {saved}, and {done} of {len(self.framework.elements)} elements are complete."
        messages = [say(recap)]
        step = self.resume_point(snapshot, flow, since)
        if step is not None and answered:
            messages.append(say(f"Picking up at {texts.section_title(step)} ({asked - answered} questions to go)."))
        return self._present(messages, step, snapshot)

    def advance(self, reply: Reply, snapshot: Snapshot) -> tuple[list[Message], Step | None]:
        flow = self._flow(snapshot)
        position = self._position(flow)
        messages = list(reply.messages)
        if reply.move == "quit":
            return messages, None
        if reply.move == "jump" and reply.target != self.detour:
            self.state = replace(self.state, detour=None, return_to=None)
        if reply.move == "jump" and self.state.planning is not None:
            self.state = replace(self.state, planning=None, plan_return=None)
            flow = self._flow(snapshot)
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
            review = element_steps[0] if reply.target == "membership" else element_steps[-1]
            open_step = next((s for s in element_steps if is_open(s, snapshot)), review)
            return self._present(messages, open_step, snapshot, revisit=True)
        planned = self._plan_next(flow, snapshot)
        if planned is not None:
            return self._present(messages, planned, snapshot)
        if self.detour is not None:
            detour_step = self._detour_next(flow, snapshot, position)
            if detour_step is not None:
                return self._present(messages, detour_step, snapshot)
        step = self._first_open(flow, snapshot, position) or self._first_open(flow, snapshot, 0)
        return self._present(messages, step, snapshot)

    def _plan_next(self, flow: list[Step], snapshot: Snapshot) -> Step | None:
        """While an element is being planned, its next focus item without an action or a reason;
        once there is none (or ``done``), the question /plan was typed at (or the first open one after it).

        None when nothing is being planned, or when planning ends where the conversation simply goes on.
        """
        if self.state.planning is not None:
            step = next(
                (s for s in flow if s.handler.plans and s.question_id not in self.skipped and is_open(s, snapshot)), None
            )
            if step is not None:
                return step
        elif self.current is None or not self.current.handler.plans:
            return None
        target = self.state.plan_return
        self.state = replace(self.state, planning=None, plan_return=None)
        if target is None:
            return None
        index = next((i for i, step in enumerate(flow) if step.question_id == target), None)
        return None if index is None else self._first_open(flow, snapshot, index)

    def _detour_next(self, flow: list[Step], snapshot: Snapshot, position: int) -> Step | None:
        """The next question of /members (every category, to review each) or /outcomes (what is missing);
        when there is none, the question the user left (or the first open one after it)."""
        section = self.detour
        if self.current is not None and self.current.section == section:
            for step in flow[position + 1 :]:
                if step.section == section and (section == "membership" or is_open(step, snapshot)):
                    return step
        target = self.return_to
        self.state = replace(self.state, detour=None, return_to=None)
        index = next((i for i, step in enumerate(flow) if step.question_id == target), None)
        return None if index is None else self._first_open(flow, snapshot, index)

    def _flow(self, snapshot: Snapshot) -> list[Step]:
        return evaluation_flow(
            self.framework, snapshot, self.mode, sections=self.sections, termly=self.termly, planning=self.state.planning
        )

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

    def resume_point(self, snapshot: Snapshot, flow: list[Step] | None = None, since: str | None = None) -> Step | None:
        """The question a new session starts at: the first open one from ``since``, going round.

        ``since`` is where this person left off (the session finds it: their last
        answer or the question they last moved to, whichever is later); without
        one, or when it is no longer in the flow, the answer given last by anyone.
        Questions skipped in this session count as open: a new session has not skipped them.
        """
        flow = flow if flow is not None else self._flow(snapshot)
        at = next((i for i, step in enumerate(flow) if step.question_id == since), None) if since else None
        after = at if at is not None else self._last_answered(flow, snapshot)
        return next((step for step in flow[after:] + flow[:after] if is_open(step, snapshot)), None)

    @staticmethod
    def _last_answered(flow: list[Step], snapshot: Snapshot) -> int:
        """Where the evaluation was left: the position of the answer given last this year (0 if none).

        Resuming from there, as an answer moves on from where it was given, brings a
        coordinator who had jumped to 2.1 back to 2.1, not to an earlier question
        they skipped on purpose; those still come round once the end is reached.
        """
        given = [a for a in snapshot.answers.values() if not a.carried_forward]
        if not given:
            return 0
        latest = max(given, key=lambda answer: answer.answered_at).question_id
        return next((i for i, step in enumerate(flow) if step.question_id == latest), 0)

    def _first_open(self, flow: list[Step], snapshot: Snapshot, start: int) -> Step | None:
        for step in flow[start:]:
            if step.question_id in self.state.skipped:
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
        if step.section != "outcomes" and self.termly is not None:
            self.state = replace(self.state, termly=None)
        if step.section != self._shown_section:
            if step.element is None:
                if step.section != self.detour:  # /members and /outcomes have said what comes; no first-time introduction
                    messages.append(texts.section_intro(step))
            else:
                previous = self.framework.strand_of(self._shown_section) if self._shown_section else None
                strand = self.framework.strand_of(step.element.id)
                messages.extend(texts.element_intro(self.framework, step.element, previous != strand))
            self._shown_section = step.section
        messages.extend(step.handler.before(step, Asking(self.framework, snapshot, self.sections, revisit)))
        existing = snapshot.answers.get(step.question_id)
        self.seen_versions[step.question_id] = existing.version if existing is not None else 0
        self.current = step
        if self.pending is not None:
            self.state = replace(self.state, pending=None)
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

    # ----- replies -----------------------------------------------------------------

    def respond(self, text: str, snapshot: Snapshot) -> Reply:
        """Read a reply: what to say, what to save, where to go and the new state (``replying.py``); changes nothing.

        Imported on the first reply: the parsers and the kinds of save are not
        needed to show the first question, which is what starting the app is for.
        """
        from selfeval_tui.conversation.reading import Context
        from selfeval_tui.conversation.replying import respond

        seen = MappingProxyType(self.seen_versions)
        context = Context(
            self.framework,
            snapshot,
            self.current,
            self.state,
            seen,
            self.mode is Mode.THOROUGH,
            reading_only=self.reading_only,
            may_plan=self.may_plan,
        )
        return respond(context, text)

    def apply(self, reply: Reply) -> None:
        """Take on the state a reply leaves the conversation in (before its saves are committed, as a reply is read)."""
        if reply.state is not None:
            self.state = reply.state

    def changes_by_others(self, snapshot: Snapshot, exclude: Collection[str] = ()) -> list[Message]:
        """A notice for each answer this session saved or was shown that someone else has changed since.

        Each change is told once (its version is then taken as seen). ``exclude``
        holds the questions the reply being handled saves: a change there is a
        conflict, which says the same and lets the user choose.
        """
        changed = [
            answer
            for question_id, seen in self.seen_versions.items()
            if seen and question_id not in exclude
            and (answer := snapshot.answers.get(question_id)) is not None and answer.version != seen
        ]
        if not changed:
            return []
        steps = {step.question_id: step for step in self._flow(snapshot)}
        notices = []
        for answer in changed:
            self.acknowledge(answer.question_id, answer.version)
            step = steps.get(answer.question_id)
            where = f"{step.tag} ({step.text.rstrip('?.')})" if step is not None else answer.question_id
            what = texts.describe_answer(step, answer) if step is not None else texts.describe_status(answer)
            notices.append(
                Message("notice", f"{self.changer(answer.answered_by)} has changed an answer since you saw it: {where} is now {what}.")
            )
        return notices

    def acknowledge(self, question_id: str, version: int) -> None:
        """The user has now seen another user's answer: their next reply may replace it."""
        self.seen_versions[question_id] = version
