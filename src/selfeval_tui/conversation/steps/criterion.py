"""A criterion: met, partly, not met, not sure or n/a, with the evidence as a note."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.formats import STATUS_HELP
from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.sections import suggestion
from selfeval_tui.conversation.steps.asked import BankQuestion
from selfeval_tui.conversation.steps.base import Asking, QuickReply, Step

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply

STATUS_QUICK_REPLIES = (
    QuickReply("1", "Met", "yes"),
    QuickReply("2", "Partly", "partly"),
    QuickReply("3", "Not met", "no"),
    QuickReply("4", "Not sure", "not sure"),
    QuickReply("5", "N/A", "n/a"),
)


class CriterionStep(BankQuestion):
    kind: ClassVar[str] = "criterion"
    quick_replies: ClassVar[tuple[QuickReply, ...]] = STATUS_QUICK_REPLIES
    digits_choose: ClassVar[bool] = True
    placeholder: ClassVar[str] = "Reply (words after yes/no are your evidence note), or /help"

    def hints(self, step: Step) -> tuple[str, ...]:
        extra = (step.criterion.hint,) if step.criterion and step.criterion.hint else ()
        return (*extra, f"Reply {STATUS_HELP}.")

    def before(self, step: Step, asking: Asking) -> list[Message]:
        """A membership criterion's proposal from the lists (until it is answered this year), then last year's answer."""
        existing = asking.snapshot.answers.get(step.question_id)
        said = []
        if step.criterion is not None and asking.sections and (existing is None or existing.carried_forward):
            proposal = suggestion(step.criterion, asking.framework, asking.snapshot.members)
            if proposal is not None:
                said.append(say(proposal))
        return said + super().before(step, asking)

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.replies import parse_status

        parsed = parse_status(text)
        if parsed is None:
            return Reply((Message("error", f"Sorry, I did not understand that. Please reply {STATUS_HELP}."),))
        return self.status_reply(step, parsed, context)
