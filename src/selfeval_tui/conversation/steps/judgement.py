"""The question that closes an element: agree the computed rating, or give another with the reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.bank import Level
from selfeval_tui.conversation.messages import Message, say
from selfeval_tui.conversation.state import Pending, State
from selfeval_tui.conversation.steps.base import (
    Asking,
    JudgeFn,
    QuickReply,
    Snapshot,
    Step,
    StepHandler,
)
from selfeval_tui.conversation.steps.plan import unplanned
from selfeval_tui.conversation.texts import describe_agreement, element_summary
from selfeval_tui.domain.judgement import judge
from selfeval_tui.domain.progress import rating_confirmed
from selfeval_tui.domain.records import Answer, Judgement, Status

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply


class JudgementStep(StepHandler):
    kind: ClassVar[str] = "judgement"
    quick_replies: ClassVar[tuple[QuickReply, ...]] = (QuickReply("1", "Agree", "agree"),)
    digits_choose: ClassVar[bool] = True
    placeholder: ClassVar[str] = "Reply agree, or a rating and the reason, or /help"
    takes_note: ClassVar[bool] = True
    agrees_rating: ClassVar[bool] = True

    def tag(self, step: Step) -> str:
        assert step.element is not None
        return f"{step.element.id} judgement"

    def hints(self, step: Step) -> tuple[str, ...]:
        return ("Reply agree, or a rating and the reason, like: Established: every head attends.",)

    def is_answered(
        self, step: Step, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement], judged: JudgeFn = judge
    ) -> bool:
        """An agreed rating holds while it is still the computed one; carried-forward ones wait for confirmation."""
        element = step.element
        assert element is not None
        return rating_confirmed(element, answers, judgements, lambda: judged(element, answers, None).computed)

    def before(self, step: Step, asking: Asking) -> list[Message]:
        """The rating so far and why: what the user is asked to agree."""
        assert step.element is not None
        snapshot = asking.snapshot
        agreed = snapshot.judgements.get(step.element.id)
        return [element_summary(step.element, snapshot.answers, agreed, snapshot.judged)]

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        assert step.element is not None
        agreed = snapshot.judgements.get(step.element.id)
        if step.question_id not in snapshot.answers and agreed is None:
            return None
        return describe_agreement(step.element, snapshot.answers, agreed, snapshot.judged)

    def read(self, step: Step, text: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.replies import NotUnderstood, parse_rating

        parsed = parse_rating(text)
        if isinstance(parsed, NotUnderstood):
            return Reply((Message("error", parsed.message),))
        computed = self._computed(step, context)
        if parsed.level is None or parsed.level == computed:
            return self._agree(step, computed, parsed.reason, context)
        if not parsed.reason:
            return Reply(
                (say(f"Why is {parsed.level.title} the best fit rather than {computed.title}? A reason is required."),),
                state=context.with_state(pending=Pending("override_reason", level=parsed.level)),
            )
        return self._override(step, parsed.level, parsed.reason, computed, context)

    def follow_up(self, step: Step, pending: Pending, text: str, context: Context) -> Reply:
        """The reason for a rating other than the computed one."""
        assert pending.level is not None
        return self._override(step, pending.level, text, self._computed(step, context), context)

    @staticmethod
    def _computed(step: Step, context: Context) -> Level:
        assert step.element is not None
        snapshot = context.snapshot
        return snapshot.judged(step.element, snapshot.answers, None).computed

    @staticmethod
    def _agree(step: Step, computed: Level, note: str, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.saves import ClearJudgement, Save

        assert step.element is not None
        saves: list[Save] = []
        if step.element.id in context.snapshot.judgements:
            saves.append(ClearJudgement(step.element.id))
        save, state = context.save(step.question_id, Status.MET, float(computed), note)
        saves.append(save)
        said = (say(f"Agreed: {step.element.id} is {computed.title}."), *_offer_to_plan(step, context))
        return Reply(said, tuple(saves), "next", state=_planning(step, context, state))

    @staticmethod
    def _override(step: Step, level: Level, reason: str, computed: Level, context: Context) -> Reply:
        # Reading a reply (its parsers, its saves) loads on the first reply, not to show the first question.
        from selfeval_tui.conversation.reading import Reply
        from selfeval_tui.conversation.saves import SaveJudgement

        assert step.element is not None
        save, state = context.save(step.question_id, Status.MET, float(computed), reason)
        return Reply(
            (
                say(f"Recorded: {step.element.id} is {level.title} (best fit; computed {computed.title})."),
                *_offer_to_plan(step, context),
            ),
            (SaveJudgement(step.element.id, int(level), reason), save),
            "next",
            state=_planning(step, context, state),
        )


def _offer_to_plan(step: Step, context: Context) -> tuple[Message, ...]:
    """After the rating is agreed: the offer to plan its focus, when some of it is not planned yet.

    Thorough mode asks the plan questions there and then; adaptive mode, which asks
    as little as it can, says how to plan (``/plan``) and goes on to the next element.
    """
    assert step.element is not None
    count = unplanned(step.element, context.snapshot) if context.may_plan else 0
    if not count:
        return ()
    items = "one focus item" if count == 1 else f"{count} focus items"
    if context.plan_after_rating:
        text = (
            f"Now the action plan for {step.element.id}: what will the partnership do about its development focus? "
            f"One question for each of {items}; skip (1) leaves an item for later, done (2) moves on."
        )
    else:
        text = (
            f"To plan actions for {step.element.id}'s {items} now, type /plan {step.element.id} "
            "(one question each; done stops); F7 in the chat app shows the whole plan."
        )
    return (say(text),)


def _planning(step: Step, context: Context, state: State) -> State:
    """The state after agreeing a rating: in thorough mode, planning the element's focus when some is not planned yet."""
    assert step.element is not None
    if not context.plan_after_rating or not context.may_plan or not unplanned(step.element, context.snapshot):
        return state
    return replace(state, planning=step.element.id, plan_return=None)
