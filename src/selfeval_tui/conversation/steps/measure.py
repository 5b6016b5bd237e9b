"""A measure: a percentage, a success rate or a checklist, asked once at the first level that uses it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.formats import measure_help, note_and_origin
from selfeval_tui.conversation.messages import Message
from selfeval_tui.conversation.steps.asked import BankQuestion
from selfeval_tui.conversation.steps.base import QuickReply, Step
from selfeval_tui.domain.judgement import describe_measure_value
from selfeval_tui.domain.records import Answer

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply


class MeasureStep(BankQuestion):
    kind: ClassVar[str] = "measure"
    quick_replies: ClassVar[tuple[QuickReply, ...]] = (
        QuickReply("4", "Not sure", "not sure"),
        QuickReply("5", "N/A", "n/a"),
    )

    def hints(self, step: Step) -> tuple[str, ...]:
        assert step.measure is not None
        lines: list[str] = []
        if step.measure.kind == "checklist":
            lines.extend(f"{i}. {item}" for i, item in enumerate(step.measure.items, start=1))
        if step.measure.hint:
            lines.append(step.measure.hint)
        lines.append(f"Reply with {measure_help(step.measure)}.")
        return tuple(lines)

    def describe(self, step: Step, answer: Answer) -> str:
        if step.measure is not None and answer.value is not None:
            return describe_measure_value(step.measure, answer.value) + note_and_origin(answer)
        return super().describe(step, answer)

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.replies import (
            MeasureReply,
            NotUnderstood,
            StatusReply,
            parse_measure,
        )

        assert step.measure is not None
        parsed = parse_measure(step.measure, text)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        if isinstance(parsed, StatusReply):
            return self.status_reply(step, parsed, context)
        assert isinstance(parsed, MeasureReply)
        save, state = context.save(step.question_id, None, parsed.value, parsed.note)
        return Reply((), (save,), "next", state=state)
