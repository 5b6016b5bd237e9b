"""One workshop as the screens see it: the services, who is acting, the bank, and a clock.

Every screen reads the workshop through ``Room.status`` (the services' read
model, which holds nothing about who voted what before the reveal) and the
evaluation's stored evidence through ``Room.judgement``. The clock is injected,
so the timer in tests and snapshots reads a fake one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from selfeval_tui.bank import Element, Framework, Level
from selfeval_tui.domain.judgement.rule import ElementJudgement
from selfeval_tui.domain.workshops import Dissent, Vote, WorkshopStatus
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.services.open import Services


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Room:
    """``person``: who votes from this screen (the actor's name unless a browser participant chose theirs)."""

    services: Services
    actor: Actor
    framework: Framework
    workshop_id: int
    clock: Callable[[], datetime] = utc_now
    person: str | None = None
    _elements: dict[str, Element] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._elements = {e.id: e for strand in self.framework.strands for e in strand.elements}

    @property
    def voter(self) -> str:
        return self.person or self.actor.name

    def status(self) -> WorkshopStatus:
        return self.services.status(self.actor, self.workshop_id, framework=self.framework)

    def element(self, element_id: str | None) -> Element | None:
        return None if element_id is None else self._elements.get(element_id)

    def titles(self) -> dict[str, str]:
        return {element_id: element.title for element_id, element in self._elements.items()}

    def judgement(self, status: WorkshopStatus) -> ElementJudgement | None:
        """The current element under the judgement rule, from what the coordinator has recorded."""
        element = self.element(status.current.item.element_id if status.current else None)
        if element is None:
            return None
        evaluation = self.services.evaluation(self.actor, status.workshop.evaluation_id)
        return self.services.evaluation_view(self.actor, self.framework, evaluation).judgement(element)

    # What the facilitator and the voters do: each a services call as this room's actor, on the current item.

    def current_element(self) -> str | None:
        status = self.status()
        return status.current.item.element_id if status.current else None

    def open_item(self, element_id: str) -> None:
        self.services.open_item(self.actor, self.workshop_id, element_id)

    def open_voting(self) -> None:
        self.services.open_voting(self.actor, self.workshop_id)

    def reveal(self) -> None:
        self.services.reveal(self.actor, self.workshop_id)

    def revote(self) -> None:
        self.services.revote(self.actor, self.workshop_id)

    def next_item(self) -> None:
        self.services.next_item(self.actor, self.workshop_id)

    def park(self) -> None:
        self.services.park(self.actor, self.workshop_id)

    def extend(self, seconds: int) -> None:
        """A negative ``seconds`` cuts the timebox."""
        self.services.extend(self.actor, self.workshop_id, seconds)

    def tally(self, counts: dict[Level | None, int]) -> None:
        self.services.tally(self.actor, self.workshop_id, counts)

    def agree(self, level: Level, reason: str, dissent: Sequence[Dissent]) -> None:
        self.services.agree(self.actor, self.workshop_id, self._current(), level, reason, tuple(dissent))

    def vote(self, level: Level | None, reason: str) -> None:
        self.services.vote(self.actor, self.workshop_id, self._current(), level, reason, voter=self.person)

    def my_vote(self) -> Vote | None:
        """The vote that counts for this room's voter in the current round (theirs alone to see before the reveal)."""
        return self.services.my_vote(self.actor, self.workshop_id, self.person)

    def _current(self) -> str:
        element_id = self.current_element()
        if element_id is None:
            raise ServiceError("no item is open: the facilitator opens one first")
        return element_id
