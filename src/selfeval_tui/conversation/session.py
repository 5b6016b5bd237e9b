"""A conversation bound to the services, as one actor: every save is committed before the next question is chosen.

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
from selfeval_tui.domain.records import Evaluation
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.errors import ConflictError, ServiceError

if TYPE_CHECKING:
    from selfeval_tui.conversation.replying import Save
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

    def snapshot(self) -> Snapshot:
        evaluation_id, partnership_id = self.evaluation.id, self.evaluation.partnership_id
        services, actor = self.services, self.actor
        return Snapshot(
            services.answers(actor, evaluation_id),
            services.judgements(actor, evaluation_id),
            services.members(actor, partnership_id),
            {t.outcome_id: t for t in services.outcome_targets(actor, partnership_id)},
            {(v.outcome_id, v.period): v.value for v in services.outcome_values(actor, evaluation_id)},
        )

    def start(self, snapshot: Snapshot | None = None) -> Turn:
        """The recap and the first question; ``snapshot`` saves a second read when the caller has just made one."""
        snapshot = snapshot or self.snapshot()
        messages, step = self.conversation.start(snapshot)
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
        return self.conversation.resume_point(self.snapshot())

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
        except ServiceError as exc:
            messages = [*news, *reply.messages, Message("error", f"Not saved: {exc}")]
            return self._turn(messages, self.conversation.current, self.snapshot(), saved=saved, failed=True)
        after = self.snapshot() if reply.saves else snapshot  # nothing saved: what was read just now still holds
        messages, step = self.conversation.advance(reply, after)
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

        evaluation_id, services, actor = self.evaluation.id, self.services, self.actor
        if isinstance(save, SaveAnswer):
            answer = services.save_answer(
                actor,
                evaluation_id,
                save.question_id,
                status=save.status,
                value=save.value,
                note=save.note,
                expected_version=save.expected_version,
            )
            self.conversation.acknowledge(save.question_id, answer.version)
        elif isinstance(save, ConfirmAnswer):
            confirmed = services.confirm_answer(actor, evaluation_id, save.question_id)
            self.conversation.acknowledge(save.question_id, confirmed.version)
        elif isinstance(save, SaveJudgement):
            services.save_judgement(actor, evaluation_id, save.element_id, save.level, save.reason)
        elif isinstance(save, ClearJudgement):
            services.clear_judgement(actor, evaluation_id, save.element_id)
        elif isinstance(save, SetMembers):
            services.set_members(actor, self.evaluation.partnership_id, save.category, list(save.names))
        elif isinstance(save, SaveTarget):
            services.save_outcome_target(
                actor,
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
            services.save_outcome_value(actor, evaluation_id, save.outcome_id, save.period, save.value)

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
