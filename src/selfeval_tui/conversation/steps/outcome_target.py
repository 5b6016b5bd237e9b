"""An outcome's target: the change aimed for from the baseline (``5%``, ``2 percentage points``, a count, ``none``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.conversation.messages import Message
from selfeval_tui.conversation.steps.base import Snapshot, Step, StepHandler

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply


class OutcomeTargetStep(StepHandler):
    kind: ClassVar[str] = "outcome_target"
    section: ClassVar[str] = "outcomes"

    def hints(self, step: Step) -> tuple[str, ...]:
        assert step.outcome is not None
        points = ", 2 percentage points" if step.outcome.unit == "percent" else ""
        return (f"The change you aim for from the baseline: 10% (of the baseline){points}, or a count like 4; or none.",)

    def is_open(self, step: Step, snapshot: Snapshot) -> bool:
        """Open with no target, or a local outcome's with no amount yet (it was just added)."""
        assert step.outcome is not None
        target = snapshot.targets.get(step.outcome.id)
        return target is None or (target.local and target.amount is None)

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        # Imported here: the chat screen loads the handlers on opening, and the scroll-back of outcomes is rarely read.
        from selfeval_tui.domain.outcomes.table import target_text

        assert step.outcome is not None
        return None if self.is_open(step, snapshot) else target_text(snapshot.targets[step.outcome.id])

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.replies import NotUnderstood
        from selfeval_tui.conversation.saves import SaveTarget
        from selfeval_tui.conversation.section_replies import parse_target

        outcome = step.outcome
        assert outcome is not None
        local = outcome not in context.framework.outcomes
        parsed = parse_target(outcome, text, local)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        save = SaveTarget(outcome.id, outcome.title, parsed.direction, parsed.amount, parsed.unit, local, outcome.unit)
        return Reply((), (save,), "next")
