"""Partnerships and their evaluations: listing, finding by name and year, creating what is missing.

Shared by plain mode, the TUI and the exports, so "--partnership X --year Y"
means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.records import Evaluation, Partnership
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import refuse_unless


def academic_year(today: date) -> str:
    """English academic years start in September: 22 Nov 2026 is in 2026/27."""
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class Target:
    """What ``--partnership X --year Y`` found: either may be missing."""

    partnership: Partnership | None
    evaluation: Evaluation | None

    @property
    def complete(self) -> bool:
        return self.evaluation is not None


class PartnershipServices(ServiceBase):
    def partnerships(self, actor: Actor) -> list[Partnership]:
        refuse_unless(actor, Right.READ, "see the partnerships")
        return self._store.list_partnerships()

    def partnership(self, actor: Actor, partnership_id: int) -> Partnership:
        refuse_unless(actor, Right.READ, "see a partnership")
        return self._store.partnership_by_id(partnership_id)

    def partnership_named(self, actor: Actor, name: str) -> Partnership | None:
        """Names match without regard to (ASCII) case, as they are unique that way."""
        refuse_unless(actor, Right.READ, "see a partnership")
        return self._store.partnership_by_name(name)

    def evaluations(self, actor: Actor, partnership_id: int | None = None) -> list[Evaluation]:
        """Most recently changed first (of one partnership, or of all)."""
        refuse_unless(actor, Right.READ, "see the evaluations")
        return self._store.list_evaluations(partnership_id)

    def evaluation(self, actor: Actor, evaluation_id: int) -> Evaluation:
        """One evaluation as stored now: its ``updated_at`` says whether anyone has written to it since."""
        refuse_unless(actor, Right.READ, "see the evaluations")
        return self._store.evaluation_by_id(evaluation_id)

    def find(self, actor: Actor, partnership_name: str, year: str) -> Target:
        refuse_unless(actor, Right.READ, "see the evaluations")
        partnership = self._store.partnership_by_name(partnership_name)
        if partnership is None:
            return Target(None, None)
        return Target(partnership, self._store.evaluation(partnership.id, year))

    def create(
        self,
        actor: Actor,
        framework: Framework,
        partnership_name: str,
        year: str,
        *,
        local_authority: str = "",
        carry_forward: bool = False,
    ) -> Evaluation:
        """Create what is missing; with ``carry_forward`` the latest earlier year's answers are copied.

        What another process creates meanwhile is used, not created twice: each
        step finds or creates in one transaction (``exist_ok``).
        """
        refuse_unless(actor, Right.EDIT_PARTNERSHIP, f"start an evaluation of {partnership_name} for {year}")
        store = self._store
        partnership = store.create_partnership(partnership_name, local_authority, exist_ok=True)
        previous = store.previous_evaluation(partnership.id, year) if carry_forward else None
        return store.create_evaluation(
            partnership.id,
            year,
            framework.id,
            framework.hash,
            carry_forward_from=previous.id if previous else None,
            exist_ok=True,
            by=actor.name,
            rater=self._rater() if previous else None,
        )
