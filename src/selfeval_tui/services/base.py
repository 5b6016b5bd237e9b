"""What every group of services shares: the open store, and the one rights check each call makes first.

``_require`` is that check. For ``Actor.os_user()`` and other actors that are not
people it is the actor's own ceiling (``errors.refuse_unless``). For a person it
is also their grants, read afresh from the database on every call (small indexed
queries), over the partnership the call concerns: named directly, found from the
evaluation, or none for database-wide calls, where only an admin grant counts.
A refusal names the person, what they tried, and why.

The services also hold the bank they judge by, to keep ``element_ratings`` in
step with every write (docs/store.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.people import Grant
from selfeval_tui.domain.ratings import Rater
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.errors import Refused, refuse_unless
from selfeval_tui.services.roles import covers, granted
from selfeval_tui.store.store import Store


class ServiceBase:
    """The store behind the services; only the services call it (an import-linter contract keeps it so).

    ``framework`` is the bank the shell loaded (``--questions``, else the bundled
    one): the services judge with it when they keep ``element_ratings``. Left out
    (most tests), the bundled bank is loaded, from its cache, at the first write
    that needs it.
    """

    def __init__(self, store: Store, framework: Framework | None = None) -> None:
        self._store = store
        self._framework = framework
        self._rater_made: Rater | None = None

    def _rater(self) -> Rater:
        """What the store needs to keep ``element_ratings`` in step with each write (docs/store.md)."""
        if self._rater_made is None:
            if self._framework is None:  # only when no bank was given: importing the cache costs every start
                from selfeval_tui.bank.cache import load_framework_cached

                self._framework = load_framework_cached()
            self._rater_made = Rater(self._framework)
        return self._rater_made

    def _require(
        self,
        actor: Actor,
        right: Right,
        doing: str,
        *,
        partnership: int | None = None,
        evaluation: int | None = None,
    ) -> None:
        """Refuse (``Refused``) unless ``actor`` holds ``right`` over the partnership concerned."""
        refuse_unless(actor, right, doing)
        if actor.person_id is None:
            return
        if partnership is None and evaluation is not None:
            partnership = self._store.partnership_of_evaluation(evaluation)
        if right not in self.rights(actor, partnership):
            raise Refused(actor, doing, right, because=self._why_not(actor, partnership))

    def rights(self, actor: Actor, partnership_id: int | None = None) -> frozenset[Right]:
        """What ``actor`` may do in one partnership (or database-wide): shells use it to offer only what will work.

        A viewer's TUI, for one, shows no reply box; the services refuse the write anyway.
        """
        if actor.person_id is None:
            return actor.rights
        grants = self._active_grants(actor.person_id)
        return granted(grants, partnership_id, self._authority_of(partnership_id)) & actor.rights

    def _readable_partnerships(self, actor: Actor) -> set[int] | None:
        """The partnerships a person may read (None: every one, for an actor who is not a person)."""
        if actor.person_id is None:
            return None
        grants = self._active_grants(actor.person_id)
        return {
            p.id
            for p in self._store.list_partnerships()
            if Right.READ in granted(grants, p.id, p.local_authority_id) & actor.rights
        }

    def _readable_evaluations(self, actor: Actor, evaluation_ids: Iterable[int]) -> set[int]:
        """Which of these evaluations the actor may read: lists leave the others out rather than refuse."""
        readable = self._readable_partnerships(actor)
        if readable is None:
            return set(evaluation_ids)
        wanted = set(evaluation_ids)
        return {e.id for e in self._store.list_evaluations() if e.id in wanted and e.partnership_id in readable}

    def _active_grants(self, person_id: int) -> list[Grant]:
        """A disabled person's grants count for nothing, so disabling stops them at their next call."""
        store = self._store
        return store.grants(person_id) if store.person_by_id(person_id).active else []

    def _authority_of(self, partnership_id: int | None) -> int | None:
        return None if partnership_id is None else self._store.partnership_by_id(partnership_id).local_authority_id

    def _why_not(self, actor: Actor, partnership_id: int | None) -> str:
        assert actor.person_id is not None
        store = self._store
        if not store.person_by_id(actor.person_id).active:
            return "their access has been disabled"
        if partnership_id is None:
            return "that needs an admin grant"
        name = store.partnership_by_id(partnership_id).name
        authority = self._authority_of(partnership_id)
        roles = sorted({g.role.value for g in store.grants(actor.person_id) if covers(g, partnership_id, authority)})
        if not roles:
            return f"they have no grant for {name}"
        return f"their role in {name} ({', '.join(roles)}) does not allow it"
