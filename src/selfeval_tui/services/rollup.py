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
from selfeval_tui.services.views import EvaluationView, ViewServices, levels_of


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
        """Each rolled-up partnership's evaluation for ``year`` (else its latest), in name order; none where it has none.

        Each view holds what a roll-up shows (answers, agreed ratings, key outcomes,
        last year's ratings, sign-off), not the action plan, members or earlier
        years' outcomes a paper needs: a roll-up reads 150 of them at once.
        """
        partnerships = {p.id: p for p in self.rollup_partnerships(actor, local_authority)}
        years: dict[int, list[Evaluation]] = {}
        for evaluation in self._store.list_evaluations():
            if evaluation.partnership_id in partnerships:
                years.setdefault(evaluation.partnership_id, []).append(evaluation)
        views = []
        for partnership_id in sorted(years, key=lambda p: (partnerships[p].name.casefold(), p)):
            ordered = sorted(years[partnership_id], key=lambda e: e.year)
            chosen = [e for e in ordered if year is None or e.year == year]
            if chosen:
                earlier = [e for e in ordered if e.year < chosen[-1].year]
                views.append(self._rollup_view(framework, partnerships[partnership_id], chosen[-1], earlier[-1] if earlier else None))
        return views

    def _rollup_view(
        self, framework: Framework, partnership: Partnership, evaluation: Evaluation, previous: Evaluation | None
    ) -> EvaluationView:
        store = self._store
        previous_levels = (
            {} if previous is None else levels_of(framework, store.answers(previous.id), store.judgements(previous.id))
        )
        return EvaluationView(
            framework=framework,
            partnership=partnership,
            evaluation=evaluation,
            answers=store.answers(evaluation.id),
            judgements=store.judgements(evaluation.id),
            members={},
            outcome_targets=tuple(store.outcome_targets(evaluation.partnership_id)),
            outcome_values=tuple(store.outcome_values(evaluation.id)),
            previous=previous,
            previous_levels=previous_levels,
            sign_off=store.sign_off_state(evaluation.id),
        )
