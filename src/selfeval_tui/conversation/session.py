"""A conversation bound to a store: every save is committed before the next question is chosen.

Both shells (TUI and plain mode) talk only to ``Session``; it is where the rule
"never show the next question before the answer is on disk" is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfeval_tui.bank import Framework
from selfeval_tui.conversation.engine import Conversation
from selfeval_tui.conversation.steps import Mode, Snapshot, Step
from selfeval_tui.conversation.texts import Message, describe_answer, hints
from selfeval_tui.store import ConflictError, Evaluation, Store, StoreError
from selfeval_tui.store.changes import latest

if TYPE_CHECKING:
    from selfeval_tui.conversation.replying import Save


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
        store: Store,
        framework: Framework,
        evaluation: Evaluation,
        mode: Mode = Mode.ADAPTIVE,
        *,
        sections: bool = False,
    ) -> None:
        """``sections`` asks membership and key outcomes before the strands; both shells turn it on."""
        self.store = store
        self.framework = framework
        self.evaluation = evaluation
        self.conversation = Conversation(framework, mode, sections=sections)
        self._remembered: str | None = None
        """The question last written as this person's resume point, so an unchanged one is not written again."""

    def snapshot(self) -> Snapshot:
        evaluation_id, partnership_id = self.evaluation.id, self.evaluation.partnership_id
        return Snapshot(
            self.store.answers(evaluation_id),
            self.store.judgements(evaluation_id),
            self.store.members(partnership_id),
            {t.outcome_id: t for t in self.store.outcome_targets(partnership_id)},
            {(v.outcome_id, v.period): v.value for v in self.store.outcome_values(evaluation_id)},
        )

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
        return self._turn(messages, step, snapshot)

    def pick_up(self) -> Step | None:
        """Where the next session will start, for a shell to say when this one ends."""
        return self.conversation.resume_point(self.snapshot(), since=self.left_off())

    def left_off(self) -> str | None:
        """The question this person left off at: their last answer or the last question they jumped to, the later.

        Per person, so two coordinators sharing an evaluation each come back to
        their own place rather than to wherever the other answered last.
        """
        evaluation_id = self.evaluation.id
        point = latest(self.store.resume_point(evaluation_id), self.store.last_answered_by(evaluation_id))
        return point.question_id if point is not None else None

    def _remember(self, step: Step | None, jumped: bool) -> None:
        """After a jump (/jump, the outline, the overview), write that this person is now at ``step``.

        Answers need no point of their own: their history row says who answered
        where, so a turn that answers costs no second commit. /skip and /back
        write nothing either: a skipped question is still open and comes round
        again on the next start, as it always has. A read-only store has nowhere
        to write a point; that is not worth an error.
        """
        if step is None or not jumped or step.question_id == self._remembered or self.store.readonly:
            return
        try:
            self.store.save_resume_point(self.evaluation.id, step.question_id)
        except StoreError:
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
                        f"Someone else ({theirs.answered_by}) has just answered this question: "
                        f"{describe_answer(step, theirs)}. Reply to replace it with yours, or /skip to keep theirs.",
                    )
                )
        return [*messages, *self.conversation.changes_by_others(snapshot)]

    def handle(self, text: str) -> Turn:
        snapshot = self.snapshot()
        reply = self.conversation.respond(text, snapshot)
        from selfeval_tui.conversation.replying import ConfirmAnswer, SaveAnswer

        saving = {save.question_id for save in reply.saves if isinstance(save, SaveAnswer | ConfirmAnswer)}
        news = self.conversation.changes_by_others(snapshot, exclude=saving)
        saved = False
        try:
            for save in reply.saves:
                self._commit(save)
                saved = True
        except ConflictError as exc:
            return self._conflict(exc, news)
        except StoreError as exc:
            messages = [*news, *reply.messages, Message("error", f"Not saved: {exc}")]
            return self._turn(messages, self.conversation.current, self.snapshot(), saved=saved, failed=True)
        after = self.snapshot() if reply.saves else snapshot  # nothing saved: what was read just now still holds
        messages, step = self.conversation.advance(reply, after)
        self._remember(step, jumped=reply.move == "jump" and not saving)
        return self._turn([*news, *messages], step, after, saved=saved, finished=reply.move == "quit")

    def _commit(self, save: Save) -> None:
        from selfeval_tui.conversation.replying import (
            ClearJudgement,
            ConfirmAnswer,
            SaveAnswer,
            SaveJudgement,
            SaveTarget,
            SaveValue,
            SetMembers,
        )

        evaluation_id = self.evaluation.id
        if isinstance(save, SaveAnswer):
            answer = self.store.save_answer(
                evaluation_id,
                save.question_id,
                status=save.status,
                value=save.value,
                note=save.note,
                expected_version=save.expected_version,
            )
            self.conversation.acknowledge(save.question_id, answer.version)
        elif isinstance(save, ConfirmAnswer):
            confirmed = self.store.confirm_answer(evaluation_id, save.question_id)
            self.conversation.acknowledge(save.question_id, confirmed.version)
        elif isinstance(save, SaveJudgement):
            self.store.save_judgement(evaluation_id, save.element_id, save.level, save.reason)
        elif isinstance(save, ClearJudgement):
            self.store.clear_judgement(evaluation_id, save.element_id)
        elif isinstance(save, SetMembers):
            self.store.set_members(self.evaluation.partnership_id, save.category, list(save.names))
        elif isinstance(save, SaveTarget):
            self.store.save_outcome_target(
                self.evaluation.partnership_id,
                save.outcome_id,
                title=save.title,
                direction=save.direction,
                amount=save.amount,
                unit=save.unit,
                local=save.local,
                value_unit=save.value_unit,
            )
        elif isinstance(save, SaveValue):
            self.store.save_outcome_value(evaluation_id, save.outcome_id, save.period, save.value)

    def _conflict(self, exc: ConflictError, news: list[Message]) -> Turn:
        """Someone else answered first: show their answer and let this user decide."""
        from selfeval_tui.conversation.replying import Reply

        step = self.conversation.current
        theirs = exc.current
        text = "Someone else changed this answer while you were on it, so yours was not saved."
        if step is not None:
            self.conversation.acknowledge(step.question_id, theirs.version if theirs is not None else 0)
        if theirs is not None and step is not None:
            text += (
                f" Their answer ({theirs.answered_by}): {describe_answer(step, theirs)}. "
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
        return Turn(tuple(messages), step, snapshot, hints(step) if step else (), saved, failed, finished)
