"""An outcome's value for one period (the baseline, or a term): a percentage or a count; ``not sure`` leaves it open."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.steps.base import Snapshot, Step, StepHandler
from selfeval_tui.domain.records import Status

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply


class OutcomeValueStep(StepHandler):
    kind: ClassVar[str] = "outcome_value"
    section: ClassVar[str] = "outcomes"

    def hints(self, step: Step) -> tuple[str, ...]:
        assert step.outcome is not None
        unit = "a percentage from 0 to 100" if step.outcome.unit == "percent" else "a whole number"
        return (f"Reply with {unit}, or not sure to leave it for now.",)

    def is_open(self, step: Step, snapshot: Snapshot) -> bool:
        assert step.outcome is not None and step.period is not None
        return (step.outcome.id, step.period) not in snapshot.values

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        # Imported here: the chat screen loads the handlers on opening, and the scroll-back of outcomes is rarely read.
        from selfeval_tui.domain.outcomes.table import value_text

        assert step.outcome is not None and step.period is not None
        value = snapshot.values.get((step.outcome.id, step.period))
        return None if value is None else value_text(value, step.outcome.unit)

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.replies import NotUnderstood, parse_status
        from selfeval_tui.conversation.saves import SaveValue
        from selfeval_tui.conversation.section_replies import parse_value

        assert step.outcome is not None and step.period is not None
        status = parse_status(text)
        if status is not None and status.status is Status.NOT_SURE:
            skipped = context.with_state(skipped=context.state.skipped | {step.question_id})
            return Reply((say("Left open for now; /outcomes brings it back."),), move="next", state=skipped)
        parsed = parse_value(step.outcome, text)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        return Reply((), (SaveValue(step.outcome.id, step.period, parsed),), "next")
