"""A conversation bound to the services, as one actor: every save is committed before the next question is chosen.

Both shells (TUI and plain mode) talk only to ``Session``; it is where the rule
"never show the next question before the answer is on disk" is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from selfeval_tui.bank import Framework
from selfeval_tui.conversation.engine import Conversation
from selfeval_tui.conversation.judged import Judged
from selfeval_tui.conversation.steps import Mode, Snapshot, Step
from selfeval_tui.conversation.texts import Message, describe_answer
from selfeval_tui.domain.records import Answer, Evaluation
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.errors import ConflictError, ServiceError

if TYPE_CHECKING:
    from selfeval_tui.conversation.saves import Save
    from selfeval_tui.services.open import Services


@dataclass(frozen=True)
class Turn:
    """What a shell shows after one reply."""

    messages: tuple[Message, ...]
    question: Step | None
    snapshot: Snapshot
    """The stored state the question was chosen from: a shell shows progress from it without reading again."""
    hints: tuple[str, ...] = ()
    saved: bool = False
    failed: bool = False
    finished: bool = False


class Session:
    def __init__(
        self,
        services: Services,
        framework: Framework,
        evaluation: Evaluation,
        mode: Mode = Mode.ADAPTIVE,
        *,
        actor: Actor,
        sections: bool = False,
    ) -> None:
        """``actor`` is who replies (every save records them); ``sections`` asks membership and key outcomes first.

        Both shells turn ``sections`` on.
        """
        self.services = services
        self.actor = actor
        self.framework = framework
        self.evaluation = evaluation
        self.conversation = Conversation(framework, mode, sections=sections)
        self.judged = Judged()
        """Every element's judgement by its answers, shared by this session's snapshots: a reply re-judges one element."""
        self._known: tuple[datetime, Snapshot] | None = None
        """The evaluation's state after this session's last turn, and the time of the write it ends with."""
        self._remembered: str | None = None
        """The question last written as this person's resume point, so an unchanged one is not written again."""
        self.rights = services.rights(actor, evaluation.partnership_id)
        """What the actor may do in this evaluation's partnership, read once: the shells offer only that."""
        self.conversation.may_plan = Right.PLAN in self.rights
        if Right.ANSWER not in self.rights:
            self.conversation.reading_only = reading_only(self.rights, services.roles(actor, evaluation.partnership_id))
        self.conversation.changer = self._changer
        self._names: dict[str, str] = {}

    @property
    def reading_only(self) -> str | None:
        """Why this actor may read but not answer (a viewer, a partner): what the shells say; None when they may."""
        return self.conversation.reading_only

    def _name(self, login: str) -> str:
        """A login that answered, as people know them (their display name), looked up once per session."""
        if login not in self._names:
            self._names[login] = self.services.shown_name(self.actor, login)
        return self._names[login]

    def _changer(self, login: str) -> str:
        """Who changed an answer, for a notice: the same login is this person in another window or terminal."""
        return "Another session of yours" if login == self.actor.name else f"Someone else ({self._name(login)})"

    def snapshot(self) -> Snapshot:
        evaluation_id, partnership_id = self.evaluation.id, self.evaluation.partnership_id
        services, actor = self.services, self.actor
        return Snapshot(
            services.answers(actor, evaluation_id),
            services.judgements(actor, evaluation_id),
            services.members(actor, partnership_id),
            {t.outcome_id: t for t in services.outcome_targets(actor, partnership_id)},
            {(v.outcome_id, v.period): v.value for v in services.outcome_values(actor, evaluation_id)},
            self._planned(),
            self.judged,
        )

    def _planned(self) -> frozenset[tuple[str, str]]:
        """The focus items (element id, criterion id) with an action or a reason for none: the plan questions not to ask."""
        records = self.services.plan_records(self.actor, self.evaluation)
        with_action = {(a.element_id, a.criterion_id) for a in records.actions if a.criterion_id is not None}
        return frozenset(with_action | set(records.no_actions))

    def _latest(self) -> Snapshot:
        """What a reply is read against: the evaluation as stored now, read whole only when someone else changed it.

        Every write to an evaluation (an answer, a rating, a term value) stamps
        its ``updated_at``. While the stamp is still that of this session's own
        last save, the answers, ratings and values are those the last turn ended
        with; the partnership's lists and targets, which do not stamp it, are
        read each turn (they are short).
        """
        services, actor = self.services, self.actor
        stamp = services.evaluation(actor, self.evaluation.id).updated_at  # before any read: a later write reads again
        if self._known is not None and self._known[0] == stamp:
            partnership_id = self.evaluation.partnership_id
            known = self._known[1]
            return replace(
                known,
                members=services.members(actor, partnership_id),
                targets={t.outcome_id: t for t in services.outcome_targets(actor, partnership_id)},
                planned=self._planned() if self.conversation.state.planning is not None else known.planned,
            )
        snapshot = self.snapshot()
        self._known = (stamp, snapshot)
        return snapshot

    def start(self, snapshot: Snapshot | None = None) -> Turn:
        """The recap and the first question; ``snapshot`` saves a second read when the caller has just made one."""
        snapshot = snapshot or self.snapshot()
        messages, step = self.conversation.start(snapshot, self.left_off())
        if self.evaluation.framework_hash != self.framework.hash:
            messages.insert(
                0,
                Message(
                    "notice",
                    "The question bank has changed since this evaluation was started; "
                    "answers are kept by question id, so check any reworded questions.",
                ),
            )
        if self.reading_only is not None:
            messages.insert(0, Message("notice", self.reading_only))
        else:
            locked = self.services.locked(self.actor, self.evaluation.id)
            if locked is not None:
                messages.insert(0, Message("notice", f"Read-only: {locked}. Replies are not saved."))
        return self._turn(messages, step, snapshot)

    def pick_up(self) -> Step | None:
        """Where the next session will start, for a shell to say when this one ends."""
        return self.conversation.resume_point(self.snapshot(), since=self.left_off())

    def left_off(self) -> str | None:
        """The question this person left off at: their last answer or the last question they jumped to, the later.

        Per person, so two coordinators sharing an evaluation each come back to
        their own place rather than to wherever the other answered last.
        """
        return self.services.left_off(self.actor, self.evaluation.id)

    def _remember(self, step: Step | None, jumped: bool) -> None:
        """After a jump (/jump, the outline, the overview), write that this person is now at ``step``.

        Answers need no point of their own: their history row says who answered
        where, so a turn that answers costs no second commit. /skip and /back
        write nothing either: a skipped question is still open and comes round
        again on the next start, as it always has. A read-only store has nowhere
        to write a point; that is not worth an error.
        """
        if step is None or not jumped or step.question_id == self._remembered or self.services.readonly:
            return
        try:
            self.services.save_resume_point(self.actor, self.evaluation.id, step.question_id)
        except ServiceError:
            return
        self._remembered = step.question_id

    def catch_up(self, snapshot: Snapshot) -> list[Message]:
        """Notices for what others have changed, read from ``snapshot`` between replies (the TUI's live updates).

        The question on screen comes first: when someone else has answered it
        since it was shown, say who and what, as a conflict would, and take
        their answer as seen, so the next reply replaces it knowingly. Then every
        other answer this session showed that has changed (``changes_by_others``).
        """
        messages: list[Message] = []
        step = self.conversation.current
        if step is not None and self.conversation.seen_versions.get(step.question_id) == 0:
            theirs = snapshot.answers.get(step.question_id)
            if theirs is not None:
                self.conversation.acknowledge(step.question_id, theirs.version)
                messages.append(
                    Message(
                        "notice",
                        f"{self._changer(theirs.answered_by)} has just answered this question: "
                        f"{describe_answer(step, theirs)}. Reply to replace it with yours, or /skip to keep theirs.",
                    )
                )
        return [*messages, *self.conversation.changes_by_others(snapshot)]

    def handle(self, text: str) -> Turn:
        snapshot = self._latest()
        reply = self.conversation.respond(text, snapshot)
        self.conversation.apply(reply)
        saving = {question_id for save in reply.saves if (question_id := save.replaces_answer()) is not None}
        news = self.conversation.changes_by_others(snapshot, exclude=saving)
        saved = False
        stored: dict[str, Answer] = {}
        try:
            for save in reply.saves:
                answer = self._commit(save)
                if answer is not None:
                    stored[answer.question_id] = answer
                saved = True
        except ConflictError as exc:
            self._known = None
            return self._conflict(exc, news)
        except ServiceError as exc:
            self._known = None
            messages = [*news, *reply.messages, Message("error", f"Not saved: {exc}")]
            return self._turn(messages, self.conversation.current, self.snapshot(), saved=saved, failed=True)
        after = self._after(snapshot, reply.saves, stored)
        messages, step = self.conversation.advance(reply, after)
        self._remember(step, jumped=reply.move == "jump" and not saving)
        return self._turn([*news, *messages], step, after, saved=saved, finished=reply.move == "quit")

    def _after(self, snapshot: Snapshot, saves: tuple[Save, ...], stored: dict[str, Answer]) -> Snapshot:
        """The turn's snapshot with what was just saved: the answers as the store returned them.

        Only a save of something else (a list, a target, a rating) needs the
        store read again; nothing saved, what was read at the start still holds.
        """
        if not saves:
            return snapshot
        if len(stored) < len(saves):
            self._known = None
            return self.snapshot()
        after = replace(snapshot, answers={**snapshot.answers, **stored})
        self._known = (list(stored.values())[-1].answered_at, after)  # the stamp the last save left
        return after

    def _commit(self, save: Save) -> Answer | None:
        """Commit one save; an answer it stored is the version this user has now seen."""
        answer = save.commit(self.services, self.actor, self.evaluation)
        if answer is not None:
            self.conversation.acknowledge(answer.question_id, answer.version)
        return answer

    def _conflict(self, exc: ConflictError, news: list[Message]) -> Turn:
        """Someone else answered first: show their answer and let this user decide."""
        from selfeval_tui.conversation.reading import (
            Reply,  # loaded with the reply that is in conflict
        )
        step = self.conversation.current
        theirs = exc.current
        text = "Someone else changed this answer while you were on it, so yours was not saved."
        if step is not None:
            self.conversation.acknowledge(step.question_id, theirs.version if theirs is not None else 0)
        if theirs is not None and step is not None:
            text += (
                f" Their answer ({self._name(theirs.answered_by)}): {describe_answer(step, theirs)}. "
                "Reply again to replace it with yours, or /skip to keep theirs."
            )
        reply = Reply((*news, Message("notice", text)))
        snapshot = self.snapshot()
        messages, step = self.conversation.advance(reply, snapshot)
        return self._turn(messages, step, snapshot, failed=True)

    def _turn(
        self,
        messages: list[Message],
        step: Step | None,
        snapshot: Snapshot,
        *,
        saved: bool = False,
        failed: bool = False,
        finished: bool = False,
    ) -> Turn:
        hints = step.handler.hints(step) if step is not None and self.reading_only is None else ()  # a reader answers nothing
        return Turn(tuple(messages), step, snapshot, hints, saved, failed, finished)


def reading_only(rights: frozenset[Right], roles: Sequence[str]) -> str:
    """What a reader is told when the conversation starts and for each answer they type: what they can do, and why not that."""
    why = f"your role ({', '.join(roles)}) does" if roles else "your rights do"
    if Right.NOTE in rights:
        return (
            "You can read this evaluation and add evidence notes to answered questions with /note; "
            f"{why} not allow answering."
        )
    return f"You can read this evaluation; {why} not allow answering. /summary, /show, /why and /jump read it."
