"""What a reply is read against, and what reading it gives back.

Reading a reply (``replying.py``, the step handlers, ``commands.py``) never
changes the conversation: it gets a ``Context`` (the stored answers, the
question on screen, the ``State``) and returns a ``Reply`` carrying the new
``State``, which the ``Conversation`` takes on when the reply is applied.
Loaded on the first reply, with the parsers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from selfeval_tui.bank import Framework
from selfeval_tui.conversation.messages import Message
from selfeval_tui.conversation.saves import Save, SaveAnswer
from selfeval_tui.conversation.state import State
from selfeval_tui.domain.records import AnswerValue, Status

if TYPE_CHECKING:
    from selfeval_tui.conversation.steps.base import Snapshot, Step

MoveKind = Literal["next", "stay", "back", "jump", "quit"]


@dataclass(frozen=True)
class Reply:
    messages: tuple[Message, ...]
    saves: tuple[Save, ...] = ()
    move: MoveKind = "stay"
    target: str | None = None
    state: State | None = None
    """The conversation's state after this reply; None leaves it as it was."""


@dataclass(frozen=True)
class Context:
    """Everything a reply is read against; reading it changes nothing."""

    framework: Framework
    snapshot: Snapshot
    current: Step | None
    state: State
    seen_versions: Mapping[str, int]
    plan_after_rating: bool = False
    """Ask the plan questions as soon as a rating is agreed (thorough mode); otherwise offer /plan in one line."""
    reading_only: str | None = None
    """Why the actor may not answer here (a viewer, a partner), said instead of reading an answer; None: they may."""
    may_plan: bool = True
    """Whether the actor may plan actions here: without it, no plan questions are offered or asked."""

    def with_state(self, **changes: object) -> State:
        """The state with ``changes``, for a reply to carry."""
        return replace(self.state, **changes)  # type: ignore[arg-type]

    def save(
        self,
        question_id: str,
        status: Status | None,
        value: AnswerValue | None,
        note: str,
        *,
        keep_last_years: bool = False,
    ) -> tuple[SaveAnswer, State]:
        """An answer saved against the version shown when the question was asked, so a change by someone else is caught.

        A reply without a note keeps the note the answer already has (a quick key
        that changes "partly" to "no" must not drop the evidence), but not last
        year's unless it is kept as it is; a note given to the question with /note
        before it was answered is saved with it. The state returned no longer
        skips the question nor holds its note.
        """
        existing = self.snapshot.answers.get(question_id)
        seen = self.seen_versions.get(question_id, existing.version if existing is not None else 0)
        earlier = ""
        if not note and existing is not None and (keep_last_years or not existing.carried_forward):
            earlier = existing.note
        held = self.state.held_notes.get(question_id, "")
        full = joined(joined(earlier, held), note)
        said = ""
        if held:
            said = f"Saved with your note: {full}."
        elif earlier:
            said = f"Your note is kept: {earlier} (/note clear removes it)."
        notes = {k: v for k, v in self.state.held_notes.items() if k != question_id}
        state = replace(self.state, skipped=self.state.skipped - {question_id}, held_notes=notes)
        return SaveAnswer(question_id, status, value, full, seen, said), state


def joined(first: str, then: str) -> str:
    return f"{first}; {then}" if first and then else first or then
