"""The roll-up's read: the evaluations of every partnership an actor may roll up (docs/exports.md, "Roll-up").

The ROLLUP right, per partnership: an la-officer's grant is over their local
authority's partnerships, an admin's over all of them, and an actor who is not a
person (the owner of the file, personal use) has every one. Each partnership's
evaluation for the year asked, else its latest, read as the exports read one.
"""

from __future__ import annotations

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.records import Evaluation, Partnership
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.errors import Refused, refuse_unless
from selfeval_tui.services.roles import ROLE_RIGHTS, granted
from selfeval_tui.services.views import EvaluationView, ViewServices


class RollupServices(ViewServices):
    def rollup_partnerships(self, actor: Actor, local_authority: str | None = None) -> list[Partnership]:
        """The partnerships the actor may roll up (of one local authority, by name in any case, when given)."""
        refuse_unless(actor, Right.ROLLUP, "see a roll-up")
        partnerships = self._store.list_partnerships()
        if actor.person_id is not None:
            grants = self._active_grants(actor.person_id)
            partnerships = [
                p for p in partnerships if Right.ROLLUP in granted(grants, p.id, p.local_authority_id) & actor.rights
            ]
            if not any(Right.ROLLUP in ROLE_RIGHTS[g.role] for g in grants):
                raise Refused(actor, "see a roll-up", Right.ROLLUP, because="that needs an la-officer or admin grant")
        if local_authority is not None:
            wanted = local_authority.strip().casefold()
            partnerships = [p for p in partnerships if p.local_authority.strip().casefold() == wanted]
        return partnerships

    def rollup_views(
        self, actor: Actor, framework: Framework, *, local_authority: str | None = None, year: str | None = None
    ) -> list[EvaluationView]:
        """Each rolled-up partnership's evaluation for ``year`` (else its latest), in name order; none where it has none."""
        partnerships = {p.id: p for p in self.rollup_partnerships(actor, local_authority)}
        chosen: dict[int, Evaluation] = {}
        for evaluation in self._store.list_evaluations():
            if evaluation.partnership_id not in partnerships or (year is not None and evaluation.year != year):
                continue
            kept = chosen.get(evaluation.partnership_id)
            if kept is None or evaluation.year > kept.year:
                chosen[evaluation.partnership_id] = evaluation
        order = sorted(chosen, key=lambda p: (partnerships[p].name.casefold(), p))
        return [self._view(framework, chosen[p]) for p in order]
