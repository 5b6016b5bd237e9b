"""The action plan in the conversation: what the partnership will do about each item of an element's development focus.

Asked after an element's rating is agreed, or on ``/plan``, one question per
focus item that has neither an action nor a reason for none. A reply is the
action (``what ; owner ; due date``, owner and date optional), ``none: REASON``
for no action this year, ``skip`` (or 1) for this item, ``done`` (or 2) to stop
planning the element. Planning never blocks finishing the evaluation: these
questions are not in the evaluation's flow unless an element is being planned,
and are not counted among its questions (docs/actions.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.bank import Element
from selfeval_tui.conversation.steps.base import (
    JudgeFn,
    QuickReply,
    Snapshot,
    Step,
    StepHandler,
)
from selfeval_tui.domain.judgement import judge
from selfeval_tui.domain.records import Answer, Judgement

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply

def unplanned(element: Element, snapshot: Snapshot) -> int:
    """How many items of the element's development focus have neither an action nor a reason for none."""
    focus = snapshot.judged(element, snapshot.answers, None).focus
    return sum(1 for state in focus if (element.id, state.criterion.id) not in snapshot.planned)


SKIP_WORDS = ("1", "skip", "later")
DONE_WORDS = ("2", "done", "stop")


class PlanStep(StepHandler):
    kind: ClassVar[str] = "plan"
    quick_replies: ClassVar[tuple[QuickReply, ...]] = (
        QuickReply("1", "Skip this item", "skip"),
        QuickReply("2", "Done planning", "done"),
    )
    placeholder: ClassVar[str] = "The action ; owner ; due date, or none: REASON, skip, done"
    plans: ClassVar[bool] = True

    def tag(self, step: Step) -> str:
        assert step.element is not None
        return f"{step.element.id} plan {step.index}/{step.total}"

    def hints(self, step: Step) -> tuple[str, ...]:
        return (
            "Type the action, with its owner and due date if you know them: termly clinics ; Jo Bloggs ; 2027-03-31",
            "none: REASON if the partnership will not act on it this year",
            "skip (1) leaves it for later; done (2) stops planning this element; the whole plan is on F7 in the chat app",
        )

    def is_answered(
        self, step: Step, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement], judged: JudgeFn = judge
    ) -> bool:
        """A plan question has no answer of its own: see ``is_open``."""
        return False

    def is_open(self, step: Step, snapshot: Snapshot) -> bool:
        """Open while the focus item has neither an action nor a reason for none."""
        assert step.element is not None and step.criterion is not None
        return (step.element.id, step.criterion.id) not in snapshot.planned

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        return None

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.messages import Message, say
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.replies import parse_no_action
        from selfeval_tui.conversation.saves import SaveAction, SaveNoAction
        from selfeval_tui.domain.actions import parse_due

        assert step.element is not None and step.criterion is not None
        word = text.strip().casefold()
        if word in SKIP_WORDS:
            skipped = context.with_state(skipped=context.state.skipped | {step.question_id})
            return Reply((say("Left for later; /plan comes back to it."),), move="next", state=skipped)
        if word in DONE_WORDS:
            return Reply(
                (say(f"Done planning {step.element.id}; the plan is on F7 in the chat app, /plan comes back to it."),),
                move="next",
                state=context.with_state(planning=None),
            )
        reason = parse_no_action(text)
        if reason is not None:
            if not reason:
                return Reply((Message("error", "Say why there is no action, like: none: not a priority this year."),))
            save = SaveNoAction(context.framework, step.element.id, step.criterion.id, reason)
            return Reply((say(f"No action on this item this year: {reason}."),), (save,), "next")
        what, owner, due_text = _parts(text)
        try:
            due = parse_due(due_text)
        except ValueError as exc:
            return Reply((Message("error", f"Not saved: {exc}. Type the action again with a date like that, or none."),))
        if not what:
            return Reply((Message("error", "Say what will be done first, then the owner and date: action ; owner ; 2027-03-31."),))
        said = "; ".join(filter(None, (what, owner and f"owner {owner}", f"due {due.isoformat()}" if due else "")))
        action = SaveAction(context.framework, step.element.id, step.criterion.id, what, owner, due)
        return Reply((say(f"The action for this item: {said}."),), (action,), "next")


def _parts(text: str) -> tuple[str, str, str]:
    """``what ; owner ; due``; with two parts, the second is the due date when it reads as one, else the owner."""
    from selfeval_tui.domain.actions import parse_due

    parts = [part.strip() for part in text.split(";", 2)]
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        try:
            parse_due(parts[1])
        except ValueError:
            return parts[0], parts[1], ""
        return parts[0], "", parts[1]
    return parts[0], "", ""
