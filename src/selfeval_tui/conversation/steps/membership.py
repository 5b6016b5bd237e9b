"""A membership category: names one per reply, ``remove NAME``, then ``done`` (``keep`` for last year's list)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.formats import CARRIED_FORWARD
from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.sections import membership_prompt
from selfeval_tui.conversation.steps.base import (
    Asking,
    QuickReply,
    Snapshot,
    Step,
    StepHandler,
)
from selfeval_tui.domain.records import Status

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply

LIST_QUICK_REPLIES = (QuickReply("1", "Done", "done"),)


class MembershipStep(StepHandler):
    kind: ClassVar[str] = "membership"
    section: ClassVar[str] = "membership"
    quick_replies: ClassVar[tuple[QuickReply, ...]] = LIST_QUICK_REPLIES
    takes_note: ClassVar[bool] = True

    def hints(self, step: Step) -> tuple[str, ...]:
        return ("One name per reply; remove NAME takes one off; done when the list is complete (none if there are none).",)

    def is_open(self, step: Step, snapshot: Snapshot) -> bool:
        """Open until the list is confirmed this year (a list carried forward waits for ``keep``)."""
        existing = snapshot.answers.get(step.question_id)
        return existing is None or existing.carried_forward

    def before(self, step: Step, asking: Asking) -> list[Message]:
        """The list so far, or last year's to keep."""
        assert step.category is not None
        carried = asking.snapshot.answers.get(step.question_id)
        names = asking.snapshot.members.get(step.category.id, [])
        return [say(membership_prompt(names, carried is not None and carried.carried_forward))]

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        """The list as it stands: the lists belong to the partnership, not to one year."""
        answer = snapshot.answers.get(step.question_id)
        if answer is None:
            return None
        assert step.category is not None
        names = ", ".join(snapshot.members.get(step.category.id, [])) or "none"
        return names + (CARRIED_FORWARD if answer.carried_forward else "")

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.saves import Save, SetMembers
        from selfeval_tui.conversation.section_replies import membership_reply

        assert step.category is not None
        names = list(context.snapshot.members.get(step.category.id, []))
        edit = membership_reply(text, names)
        if isinstance(edit, str):
            return Reply((Message("error", edit),))
        if edit is None:
            save, state = context.save(step.question_id, Status.MET, names, "")
            listed = ", ".join(names) if names else "none"
            return Reply((say(f"{step.category.title}: {listed}."),), (save,), "next", state=state)
        if edit.closes:
            emptied: tuple[Save, ...] = (SetMembers(step.category.id, ()),) if names else ()
            save, state = context.save(step.question_id, Status.MET, [], "")
            return Reply((say(edit.message),), (*emptied, save), "next", state=state)
        return Reply((say(edit.message),), (SetMembers(step.category.id, edit.names),))
