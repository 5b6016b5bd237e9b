"""The conversation as a pure state machine.

``respond`` reads a reply against the stored answers and returns what to say, what
to save and where to go (``replying.py``); ``advance`` then picks the next question
from the answers as they are *after* saving. The caller (``Session``) commits the
saves in between, so no question is shown before the answer to the previous one
is on disk.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import sections as section
from selfeval_tui.conversation import texts
from selfeval_tui.conversation.progress import answer_count
from selfeval_tui.conversation.steps import (
    Mode,
    Snapshot,
    Step,
    evaluation_flow,
    is_open,
)
from selfeval_tui.conversation.texts import Message, say

if TYPE_CHECKING:
    from selfeval_tui.conversation.replying import Pending, Reply


@dataclass
class Conversation:
    framework: Framework
    mode: Mode = Mode.ADAPTIVE
    sections: bool = False
    termly: str | None = None
    current: Step | None = None
    pending: Pending | None = None
    skipped: set[str] = field(default_factory=set)
    held_notes: dict[str, str] = field(default_factory=dict)
    """Notes given with /note to questions not answered yet, saved with their answers."""
    seen_versions: dict[str, int] = field(default_factory=dict)
    detour: str | None = None
    """``membership`` or ``outcomes`` while /members or /outcomes is being answered."""
    return_to: str | None = None
    """The question the user was on when the detour began: where it ends."""
    _shown_section: str | None = None

    # ----- choosing the question -------------------------------------------------

    def start(self, snapshot: Snapshot, since: str | None = None) -> tuple[list[Message], Step | None]:
        """Open (or resume) the evaluation with a short recap of where the user is.

        ``since`` is the question this person left off at (see ``resume_point``).
        """
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
            self.detour = self.return_to = None
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
        if self.detour is not None:
            detour_step = self._detour_next(flow, snapshot, position)
            if detour_step is not None:
                return self._present(messages, detour_step, snapshot)
        step = self._first_open(flow, snapshot, position) or self._first_open(flow, snapshot, 0)
        return self._present(messages, step, snapshot)

    def start_detour(self, section: str) -> str | None:
        """/members or /outcomes: remember the question the user is on; the title of where they will come back to."""
        current = self.current
        self.detour = section
        if current is None:
            self.return_to = None
        elif current.section != section:
            self.return_to = current.question_id
            return texts.section_title(current)
        return None

    def _detour_next(self, flow: list[Step], snapshot: Snapshot, position: int) -> Step | None:
        """The next question of /members (every category, to review each) or /outcomes (what is missing);
        when there is none, the question the user left (or the first open one after it)."""
        section = self.detour
        if self.current is not None and self.current.section == section:
            for step in flow[position + 1 :]:
                if step.section == section and (section == "membership" or is_open(step, snapshot)):
                    return step
        target, self.detour, self.return_to = self.return_to, None, None
        index = next((i for i, step in enumerate(flow) if step.question_id == target), None)
        return None if index is None else self._first_open(flow, snapshot, index)

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
                if step.section != self.detour:  # /members and /outcomes have said what comes; no first-time introduction
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

    # ----- replies -----------------------------------------------------------------

    def respond(self, text: str, snapshot: Snapshot) -> Reply:
        """Read a reply: what to say, what to save and where to go (``replying.py``).

        Imported on the first reply: the parsers and the kinds of save are not
        needed to show the first question, which is what starting the app is for.
        """
        from selfeval_tui.conversation.replying import respond

        return respond(self, text, snapshot)

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
                Message("notice", f"Someone else ({answer.answered_by}) has changed an answer since you saw it: {where} is now {what}.")
            )
        return notices

    def acknowledge(self, question_id: str, version: int) -> None:
        """The user has now seen another user's answer: their next reply may replace it."""
        self.seen_versions[question_id] = version

    def lookup(self, term: str) -> Message | None:
        wanted = term.strip().strip("?").strip().casefold()
        candidates: tuple[str, ...]
        if wanted.endswith("s") and len(wanted) > 2:
            candidates = (wanted, wanted[:-1])
        else:
            candidates = (wanted,)
        for entry in self.framework.glossary:
            names = {entry.term.casefold(), *(a.casefold() for a in entry.aliases)}
            if names.intersection(candidates):
                return say(f"{entry.term}: {entry.meaning}", heading=None)
        return None

