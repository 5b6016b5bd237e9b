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
from selfeval_tui.services.errors import Refused, StoreInputError, refuse_unless
from selfeval_tui.services.roles import ROLE_RIGHTS


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
        """Every partnership the actor may read: a person sees only those their grants are over."""
        refuse_unless(actor, Right.READ, "see the partnerships")
        readable = self._readable_partnerships(actor)
        return [p for p in self._store.list_partnerships() if readable is None or p.id in readable]

    def partnership(self, actor: Actor, partnership_id: int) -> Partnership:
        self._require(actor, Right.READ, "see a partnership", partnership=partnership_id)
        return self._store.partnership_by_id(partnership_id)

    def partnership_named(self, actor: Actor, name: str) -> Partnership | None:
        """Names match without regard to (ASCII) case, as they are unique that way."""
        refuse_unless(actor, Right.READ, "see a partnership")
        found = self._store.partnership_by_name(name)
        if found is not None:
            self._require(actor, Right.READ, f"see {found.name}", partnership=found.id)
        return found

    def evaluations(self, actor: Actor, partnership_id: int | None = None) -> list[Evaluation]:
        """Most recently changed first (of one partnership, or of all the actor may read)."""
        if partnership_id is not None:
            self._require(actor, Right.READ, "see the evaluations", partnership=partnership_id)
            return self._store.list_evaluations(partnership_id)
        refuse_unless(actor, Right.READ, "see the evaluations")
        readable = self._readable_partnerships(actor)
        return [e for e in self._store.list_evaluations() if readable is None or e.partnership_id in readable]

    def evaluation(self, actor: Actor, evaluation_id: int) -> Evaluation:
        """One evaluation as stored now: its ``updated_at`` says whether anyone has written to it since."""
        self._require(actor, Right.READ, "see the evaluations", evaluation=evaluation_id)
        return self._store.evaluation_by_id(evaluation_id)

    def find(self, actor: Actor, partnership_name: str, year: str) -> Target:
        partnership = self.partnership_named(actor, partnership_name)
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
        step finds or creates in one transaction (``exist_ok``). A person needs to
        edit the partnership for a new year; for a new partnership, a coordinator
        grant over its local authority, or an admin grant.
        """
        doing = f"start an evaluation of {partnership_name} for {year}"
        store = self._store
        existing = store.partnership_by_name(partnership_name)
        if existing is not None:
            self._require(actor, Right.EDIT_PARTNERSHIP, doing, partnership=existing.id)
        else:
            self._require_new_partnership(actor, doing, local_authority)
        partnership = store.create_partnership(partnership_name, local_authority, exist_ok=True)
        previous = store.previous_evaluation(partnership.id, year) if carry_forward else None
        if previous is not None:
            self._carried_version(partnership, previous)
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

    def _carried_version(self, partnership: Partnership, previous: Evaluation) -> None:
        """Carry forward starts from the signed-off version (docs/signoff.md).

        A year that was never signed off is carried as it is (personal use has no
        sign-off). A year signed off and still locked is its signed-off version. A
        year reopened after sign-off and not signed off again may have changed
        since, and no copy of what was signed off is kept, so it is refused rather
        than carried as something it is not.
        """
        state = self._store.sign_off_state(previous.id)
        if state.ever_signed and not state.locked:
            raise StoreInputError(
                f"{previous.year} of {partnership.name} was reopened after its sign-off and is not signed off again, "
                "so there is no signed-off version to carry forward; sign it off again, or start without carrying forward"
            )

    def _require_new_partnership(self, actor: Actor, doing: str, local_authority: str) -> None:
        refuse_unless(actor, Right.EDIT_PARTNERSHIP, doing)
        if actor.person_id is None or Right.ADMIN in self.rights(actor):
            return
        authority = self._store.local_authority_named(local_authority) if local_authority.strip() else None
        grants = self._active_grants(actor.person_id)
        over_authority = authority is not None and any(
            g.local_authority_id == authority.id and Right.EDIT_PARTNERSHIP in ROLE_RIGHTS[g.role] for g in grants
        )
        if not over_authority:
            raise Refused(
                actor,
                doing,
                Right.EDIT_PARTNERSHIP,
                because="a new partnership needs an admin, or a coordinator of its local authority",
            )
