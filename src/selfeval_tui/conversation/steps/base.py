"""What every kind of question shares: the ``Step`` record, the stored state it is asked against, and the handler contract.

A step's ``kind`` names its handler (``steps/registry.py``); everything that
differs between kinds (its hints, quick replies, what is said before it, whether
it is still open, how a reply to it is read) is a method of that handler, so no
other module asks what kind a step is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from selfeval_tui.bank import (
    Criterion,
    Element,
    Framework,
    Level,
    Measure,
    MembershipCategory,
    Outcome,
)
from selfeval_tui.conversation.formats import describe_status
from selfeval_tui.conversation.judged import Judged
from selfeval_tui.domain.judgement import ElementJudgement, judge
from selfeval_tui.domain.records import Answer, Judgement, OutcomeTarget

if TYPE_CHECKING:
    from selfeval_tui.conversation.reading import Context, Reply
    from selfeval_tui.conversation.state import Pending
    from selfeval_tui.conversation.texts import Message


JudgeFn = Callable[[Element, Mapping[str, Answer], Judgement | None], ElementJudgement]
"""``judge``, or a snapshot's ``judged`` (the same, remembered)."""


class Mode(StrEnum):
    """Adaptive stops at the first level that cannot be secured; thorough asks everything."""

    ADAPTIVE = "adaptive"
    THOROUGH = "thorough"


@dataclass(frozen=True)
class Snapshot:
    """The stored state the engine reasons about, read from the store once a turn.

    ``judged`` remembers each element's judgement by the answers it was made
    from; a session hands one to every snapshot it makes, so a turn re-judges
    only the element whose answers changed.
    """

    answers: Mapping[str, Answer]
    judgements: Mapping[str, Judgement]
    members: Mapping[str, list[str]] = field(default_factory=dict)
    targets: Mapping[str, OutcomeTarget] = field(default_factory=dict)
    values: Mapping[tuple[str, str], float] = field(default_factory=dict)
    planned: frozenset[tuple[str, str]] = frozenset()
    """The focus items (element id, criterion id) that have an action or a reason for none: nothing to ask."""
    judged: Judged = field(default_factory=Judged, compare=False, repr=False)


@dataclass(frozen=True)
class QuickReply:
    """A reply offered as a key or button beside the question, sent as if typed."""

    key: str
    label: str
    reply: str


@dataclass(frozen=True)
class Step:
    """One question the assistant can ask; ``element`` is None in the membership and outcomes sections.

    ``kind`` is the name of the step's handler; the optional fields are the part
    of the bank the question is about, set by the handler's own constructor.
    """

    kind: str
    element: Element | None
    question_id: str
    text: str
    level: Level | None = None
    index: int = 0
    total: int = 0
    criterion: Criterion | None = None
    measure: Measure | None = None
    category: MembershipCategory | None = None
    outcome: Outcome | None = None
    period: str | None = None

    @property
    def handler(self) -> StepHandler:
        """What this kind of question does: every kind-specific rule lives there."""
        return HANDLERS[self.kind]

    @property
    def section(self) -> str:
        """The element id, or the name of the section before the strands."""
        if self.element is not None:
            return self.element.id
        return self.handler.section

    @property
    def tag(self) -> str:
        """``1.3 Developed 2/4``: the level being asked, then this question's place among the element's questions.

        ``index`` and ``total`` count the element's questions as ``conversation.progress``
        defines them, so the tag and the outline's ``answered/total`` always agree.
        """
        return self.handler.tag(self)

    @property
    def quick_replies(self) -> tuple[QuickReply, ...]:
        return self.handler.quick_replies


@dataclass(frozen=True)
class Asking:
    """What a handler needs to say what comes before its question."""

    framework: Framework
    snapshot: Snapshot
    sections: bool
    """Membership and outcomes are asked too (both shells): the membership lists can suggest answers."""
    revisit: bool
    """The user came back to the question (/back, /jump): its answer so far is repeated."""


class StepHandler:
    """One kind of question. Subclasses set the class attributes and override what differs.

    Adding a kind: a module in ``steps/`` with a subclass and the function making
    its steps, one line in ``steps/registry.py``, and a place in the flow
    (``steps/flow.py``) where its steps are asked.
    """

    kind: ClassVar[str]
    section: ClassVar[str] = ""
    """For a kind asked before the strands: the section it belongs to (``membership``, ``outcomes``)."""
    quick_replies: ClassVar[tuple[QuickReply, ...]] = ()
    digits_choose: ClassVar[bool] = False
    """A bare digit in an empty reply box picks a quick reply: replies to this kind never start with one."""
    placeholder: ClassVar[str] = "Type your reply, or /help"
    takes_note: ClassVar[bool] = False
    """``/note`` can add evidence to the answer to this kind of question."""
    agrees_rating: ClassVar[bool] = False
    """The question that agrees an element's rating: it closes the element and is not one of its questions."""
    plans: ClassVar[bool] = False
    """A question of the action plan: asked only while an element is being planned (``State.planning``)."""

    def tag(self, step: Step) -> str:
        return step.section

    def hints(self, step: Step) -> tuple[str, ...]:
        """Lines shown under the question: what a reply looks like."""
        return ()

    def is_answered(
        self, step: Step, answers: Mapping[str, Answer], judgements: Mapping[str, Judgement], judged: JudgeFn = judge
    ) -> bool:
        """Carried-forward answers wait for confirmation."""
        existing = answers.get(step.question_id)
        return existing is not None and not existing.carried_forward

    def is_open(self, step: Step, snapshot: Snapshot) -> bool:
        """Still to be answered: the single test the engine uses for every kind of step."""
        return not self.is_answered(step, snapshot.answers, snapshot.judgements, snapshot.judged)

    def before(self, step: Step, asking: Asking) -> list[Message]:
        """What is said just before the question (a proposal, last year's answer, the rating so far)."""
        return []

    def describe(self, step: Step, answer: Answer) -> str:
        """The stored answer in words, as the conflict and change notices say it."""
        return describe_status(answer)

    def recorded(self, step: Step, snapshot: Snapshot) -> str | None:
        """The stored reply to the question as the scroll-back shows it; None when it has none."""
        answer = snapshot.answers.get(step.question_id)
        return None if answer is None else self.describe(step, answer)

    def read(self, step: Step, text: str, context: Context) -> Reply:
        """A reply to the question: what to say, what to save, where to go, and the conversation's new state.

        Reads; never changes ``context``. Runs from the first reply on, so the
        parsers are imported here, not with the module.
        """
        raise NotImplementedError

    def follow_up(self, step: Step, pending: Pending, text: str, context: Context) -> Reply:
        """The reply to a follow-up this kind asked for (a reason, a note)."""
        raise NotImplementedError(f"{self.kind} asks no follow-up")


HANDLERS: dict[str, StepHandler] = {}
"""Filled by ``steps/registry.py``, which the package imports: kind -> handler."""
