"""Local outcomes: an Annex A example by number, or one's own (``reduce, count: NAME``), then ``done``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.messages import Message
from selfeval_tui.conversation.steps.base import (
    Asking,
    QuickReply,
    Snapshot,
    Step,
    StepHandler,
)
from selfeval_tui.conversation.steps.membership import LIST_QUICK_REPLIES
from selfeval_tui.conversation.texts import local_examples, say
from selfeval_tui.domain.records import Status

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply


class LocalOutcomesStep(StepHandler):
    kind: ClassVar[str] = "local_outcomes"
    section: ClassVar[str] = "outcomes"
    quick_replies: ClassVar[tuple[QuickReply, ...]] = LIST_QUICK_REPLIES

    def hints(self, step: Step) -> tuple[str, ...]:
        return (
            ("Pick an example by number, or describe your own as: reduce, count: incidents of racist bullying. "
            "Reply done when finished."),
        )

    def is_open(self, step: Step, snapshot: Snapshot) -> bool:
        existing = snapshot.answers.get(step.question_id)
        return existing is None or existing.carried_forward

    def before(self, step: Step, asking: Asking) -> list[Message]:
        """The Annex A examples, numbered to pick from."""
        return [local_examples(asking.framework)]

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        local = [target.title for target in snapshot.targets.values() if target.local]
        return "; ".join(local) or "none" if local or step.question_id in snapshot.answers else None

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.saves import SaveTarget
        from selfeval_tui.conversation.section_replies import parse_local_outcome

        parsed = parse_local_outcome(context.framework, text)
        if isinstance(parsed, str):
            return Reply((Message("error", parsed),))
        if parsed is None:
            save, state = context.save(step.question_id, Status.MET, None, "")
            return Reply((), (save,), "next", state=state)
        save_target = SaveTarget(parsed.id, parsed.title, parsed.direction, None, "count", True, parsed.unit)
        return Reply((say(f"Added: {parsed.title}. Add another, or done."),), (save_target,))
