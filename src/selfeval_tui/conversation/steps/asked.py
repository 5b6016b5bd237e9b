"""What the two kinds of bank question (a criterion, a measure) share: the tag, notes, last year's answer, n/a's reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.state import Pending
from selfeval_tui.conversation.steps.base import Asking, Step, StepHandler
from selfeval_tui.domain.records import Status

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply
    from selfeval_tui.conversation.replies import StatusReply


class BankQuestion(StepHandler):
    """A question from the bank, asked within an element at one level."""

    takes_note: ClassVar[bool] = True

    def tag(self, step: Step) -> str:
        assert step.element is not None and step.level is not None
        return f"{step.element.id} {step.level.title} {step.index}/{step.total}"

    def before(self, step: Step, asking: Asking) -> list[Message]:
        """Last year's answer to confirm, or on coming back, the answer so far."""
        existing = asking.snapshot.answers.get(step.question_id)
        if existing is None:
            return []
        if existing.carried_forward:
            return [say(f"Last year's answer: {self.describe(step, existing)}. Reply keep to confirm it, or answer again.")]
        if asking.revisit:
            return [say(f"Your answer so far: {self.describe(step, existing)}.")]
        return []

    def status_reply(self, step: Step, parsed: StatusReply, context: Context) -> Reply:
        """A status word: saved, unless it is n/a with no reason yet (then the reason is asked for)."""
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply

        if parsed.status is Status.NOT_APPLICABLE and not parsed.note and step.question_id not in context.state.held_notes:
            return Reply(
                (say("Not applicable needs a short note saying why. What is the reason?"),),
                state=context.with_state(pending=Pending("na_note")),
            )
        save, state = context.save(step.question_id, parsed.status, None, parsed.note)
        return Reply((), (save,), "next", state=state)

    def follow_up(self, step: Step, pending: Pending, text: str, context: Context) -> Reply:
        """The reason an n/a needs."""
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply

        save, state = context.save(step.question_id, Status.NOT_APPLICABLE, None, text)
        return Reply((), (save,), "next", state=state)
