"""Workshops (docs/workshop.md): planning, running, voting and the minutes, each call with an Actor.

Rights: FACILITATE plans and runs a workshop, VOTE votes in it, READ sees its
status and EXPORT its minutes, each over the workshop's partnership. Who may vote
(``eligible``): on a shared database, the invited people who hold VOTE there
(viewers watch and are not counted); in personal use (no people) the invitees are
names and the OS user enters each one's vote for them. ``status`` is all anyone
sees of a round before its reveal: how many have voted, never who or what.
An agreement also becomes the element's agreed rating in the evaluation, its
reason naming the workshop and its date, with the judgement's history kept.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from selfeval_tui.domain.framework import Framework, Level
from selfeval_tui.domain.inert import obeyable
from selfeval_tui.domain.workshops import (
    DEFAULT_TIMEBOX_SECONDS,
    REASON_LIMIT,
    TITLE_LIMIT,
    AgendaItem,
    Agreed,
    Dissent,
    ItemStatus,
    Round,
    Tally,
    Vote,
    Workshop,
    WorkshopMinutes,
    WorkshopState,
    WorkshopStatus,
    current_votes,
    distribution,
)
from selfeval_tui.services.actor import Actor, Right
from selfeval_tui.services.errors import ServiceError, refuse_unless
from selfeval_tui.services.minutes import element_title, workshop_minutes
from selfeval_tui.services.views import EvaluationView, ViewServices

_CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I/L: the code is read off a projector across a room."""


@dataclass(frozen=True)
class VoteCast:
    """A vote as recorded, and whether it was the last one awaited (the round was revealed by it)."""

    vote: Vote
    revealed: bool


def default_agenda(view: EvaluationView) -> list[str]:
    """The elements worth a workshop's time: not started, provisional, or agreed at a level the answers do not give."""
    chosen = []
    for element in view.framework.elements:
        judgement = view.judgement(element)
        if not view.started(element) or judgement.provisional or judgement.overridden:
            chosen.append(element.id)
    return chosen


def judgement_reason(workshop: Workshop, reason: str) -> str:
    """The agreed rating's reason in the evaluation: the workshop's own, with where and when it was agreed."""
    return f"{reason.strip()} (agreed at the workshop \"{workshop.title}\" on {workshop.date.isoformat()})"


class WorkshopServices(ViewServices):
    """Every workshop call; the store checks each step's state inside its transaction (a default agenda reads the view)."""

    # Reading

    def workshops(self, actor: Actor, evaluation_id: int | None = None) -> list[Workshop]:
        """The workshops of one evaluation (or of every evaluation the actor may read), oldest first."""
        if evaluation_id is not None:
            self._require(actor, Right.READ, "see the workshops", evaluation=evaluation_id)
            return self._store.workshops(evaluation_id)
        refuse_unless(actor, Right.READ, "see the workshops")
        found = self._store.workshops()
        readable = self._readable_evaluations(actor, {w.evaluation_id for w in found})
        return [w for w in found if w.evaluation_id in readable]

    def live_workshops(self, actor: Actor) -> list[Workshop]:
        """Running workshops the actor may read: what a voter joins without naming one."""
        refuse_unless(actor, Right.READ, "see the workshops")
        found = self._store.workshops(state=WorkshopState.RUNNING)
        readable = self._readable_evaluations(actor, {w.evaluation_id for w in found})
        return [w for w in found if w.evaluation_id in readable]

    def workshop(self, actor: Actor, workshop_id: int) -> Workshop:
        workshop = self._workshop(workshop_id)
        self._require(actor, Right.READ, f"see workshop {workshop_id}", evaluation=workshop.evaluation_id)
        return workshop

    def workshop_by_code(self, actor: Actor, code: str) -> Workshop:
        """The workshop a join code (shown on the projector) names: how the browser view finds it."""
        workshop = self._store.workshop_by_code(code)
        if workshop is None:
            raise ServiceError(f"no workshop has the code {code.strip()[:12]!r}; check the code on the projector")
        self._require(actor, Right.READ, f"join workshop {workshop.id}", evaluation=workshop.evaluation_id)
        return workshop

    def agenda(self, actor: Actor, workshop_id: int) -> list[AgendaItem]:
        self.workshop(actor, workshop_id)
        return self._store.agenda(workshop_id)

    def invitees(self, actor: Actor, workshop_id: int) -> list[str]:
        self.workshop(actor, workshop_id)
        return self._store.invitees(workshop_id)

    def eligible(self, actor: Actor, workshop_id: int) -> list[str]:
        """Who is counted: ``voted`` of ``eligible``, and the reveal comes by itself once they all have voted."""
        workshop = self.workshop(actor, workshop_id)
        return sorted(self._eligible(workshop))

    def my_vote(self, actor: Actor, workshop_id: int, voter: str | None = None) -> Vote | None:
        """The vote that counts for ``actor`` (or the invitee they vote for) in the current round: theirs to see."""
        workshop = self._workshop(workshop_id)
        self._require(actor, Right.VOTE, f"vote in workshop {workshop_id}", evaluation=workshop.evaluation_id)
        name = self._voter(actor, workshop, voter)
        if workshop.current is None:
            return None
        rounds = self._store.rounds(workshop_id, workshop.current)
        if not rounds:
            return None
        mine = [
            v for v in self._store.votes(workshop_id, workshop.current) if v.round == rounds[-1].number and v.person == name
        ]
        return mine[-1] if mine else None

    def status(self, actor: Actor, workshop_id: int, *, framework: Framework | None = None) -> WorkshopStatus:
        """The workshop now, as anyone who may read it may see it: before a reveal, counts and nothing else."""
        workshop = self.workshop(actor, workshop_id)
        store = self._store
        evaluation = store.evaluation_by_id(workshop.evaluation_id)
        partnership = store.partnership_by_id(evaluation.partnership_id)
        agenda = tuple(store.agenda(workshop_id))
        current = next((item for item in agenda if item.element_id == workshop.current), None)
        item_status = None if current is None else self._item_status(workshop, current, framework)
        return WorkshopStatus(
            workshop=workshop,
            partnership=partnership.name,
            year=evaluation.year,
            agenda=agenda,
            current=item_status,
            invited=tuple(store.invitees(workshop_id)),
        )

    def minutes(self, actor: Actor, workshop_id: int, *, framework: Framework | None = None) -> WorkshopMinutes:
        """The board's record of the workshop (``services/minutes.py``); a round never revealed shows no votes.

        Whoever may export the evaluation may export its minutes, and so may the facilitator who ran it.
        """
        workshop = self._workshop(workshop_id)
        partnership = self._store.partnership_of_evaluation(workshop.evaluation_id)
        right = Right.FACILITATE if Right.FACILITATE in self.rights(actor, partnership) else Right.EXPORT
        self._require(actor, right, f"export the minutes of workshop {workshop_id}", partnership=partnership)
        return workshop_minutes(self._store, workshop, framework)

    # Planning

    def new_workshop(
        self,
        actor: Actor,
        framework: Framework,
        evaluation_id: int,
        title: str,
        on: date,
        *,
        agenda: Sequence[str] | None = None,
        timebox_seconds: int = DEFAULT_TIMEBOX_SECONDS,
        invitees: Iterable[str] = (),
    ) -> Workshop:
        """Plan a workshop; without ``agenda``, the elements ``default_agenda`` picks from the evaluation as it is."""
        self._require(actor, Right.FACILITATE, "plan a workshop", evaluation=evaluation_id)
        _check_text("the title", title, TITLE_LIMIT)
        if agenda is None:
            evaluation = self._store.evaluation_by_id(evaluation_id)
            agenda = default_agenda(self.evaluation_view(actor, framework, evaluation))
        for element_id in agenda:
            _element(framework, element_id)
        names = self._invitable(evaluation_id, invitees)
        code = _join_code()
        while self._store.workshop_by_code(code) is not None:
            code = _join_code()
        return self._store.create_workshop(
            evaluation_id, title, on, [(e, timebox_seconds) for e in agenda], names, code=code, by=actor.name
        )

    def add_item(
        self,
        actor: Actor,
        framework: Framework,
        workshop_id: int,
        element_id: str,
        *,
        position: int | None = None,
        timebox_seconds: int = DEFAULT_TIMEBOX_SECONDS,
    ) -> list[AgendaItem]:
        self._facilitate(actor, workshop_id, f"change the agenda of workshop {workshop_id}")
        _element(framework, element_id)
        self._store.add_item(workshop_id, element_id, timebox_seconds, position, by=actor.name)
        return self._store.agenda(workshop_id)

    def remove_item(self, actor: Actor, workshop_id: int, element_id: str) -> list[AgendaItem]:
        self._facilitate(actor, workshop_id, f"change the agenda of workshop {workshop_id}")
        self._store.remove_item(workshop_id, element_id, by=actor.name)
        return self._store.agenda(workshop_id)

    def move_item(self, actor: Actor, workshop_id: int, element_id: str, position: int) -> list[AgendaItem]:
        """Reorder: ``element_id`` goes to ``position`` (1 is first), the others keep their order."""
        self._facilitate(actor, workshop_id, f"change the agenda of workshop {workshop_id}")
        if position < 1:
            raise ServiceError("positions on the agenda start at 1")
        self._store.move_item(workshop_id, element_id, position, by=actor.name)
        return self._store.agenda(workshop_id)

    def invite(self, actor: Actor, workshop_id: int, names: Iterable[str]) -> list[str]:
        workshop = self._facilitate(actor, workshop_id, f"invite people to workshop {workshop_id}")
        self._store.invite(workshop_id, self._invitable(workshop.evaluation_id, names), by=actor.name)
        return self._store.invitees(workshop_id)

    def uninvite(self, actor: Actor, workshop_id: int, name: str) -> list[str]:
        self._facilitate(actor, workshop_id, f"change who is invited to workshop {workshop_id}")
        self._store.uninvite(workshop_id, name, by=actor.name)
        return self._store.invitees(workshop_id)

    def extend(self, actor: Actor, workshop_id: int, seconds: int, element_id: str | None = None) -> AgendaItem:
        """Extend an item's timebox (negative ``seconds`` cut it); the current item unless one is named."""
        workshop = self._facilitate(actor, workshop_id, f"change a timebox in workshop {workshop_id}")
        return self._store.set_timebox(workshop_id, self._item_named(workshop, element_id), seconds, by=actor.name)

    # Running

    def open_item(self, actor: Actor, workshop_id: int, element_id: str) -> AgendaItem:
        self._facilitate(actor, workshop_id, f"run workshop {workshop_id}")
        return self._store.open_item(workshop_id, element_id, by=actor.name)

    def next_item(self, actor: Actor, workshop_id: int) -> AgendaItem | None:
        """Open the next pending item; None when the agenda is done (parked items can be opened by name)."""
        self._facilitate(actor, workshop_id, f"run workshop {workshop_id}")
        return self._store.next_item(workshop_id, by=actor.name)

    def open_voting(self, actor: Actor, workshop_id: int) -> Round:
        self._facilitate(actor, workshop_id, f"run workshop {workshop_id}")
        return self._store.start_round(workshop_id, revote=False, by=actor.name)

    def revote(self, actor: Actor, workshop_id: int) -> Round:
        """A new round on the current item, after a reveal; the earlier rounds are kept."""
        self._facilitate(actor, workshop_id, f"run workshop {workshop_id}")
        return self._store.start_round(workshop_id, revote=True, by=actor.name)

    def reveal(self, actor: Actor, workshop_id: int) -> Round:
        self._facilitate(actor, workshop_id, f"run workshop {workshop_id}")
        return self._store.reveal(workshop_id, by=actor.name)

    def vote(
        self,
        actor: Actor,
        workshop_id: int,
        element_id: str,
        level: Level | None,
        reason: str = "",
        *,
        voter: str | None = None,
    ) -> VoteCast:
        """Cast (or change, until the reveal) a silent vote on the item being voted on; ``level`` None abstains.

        ``voter``: in personal use, the invitee the OS user enters the vote for; a person votes only as themselves.
        """
        workshop = self._workshop(workshop_id)
        self._require(actor, Right.VOTE, f"vote in workshop {workshop_id}", evaluation=workshop.evaluation_id)
        _check_text("the reason", reason, REASON_LIMIT, blank=True)
        name = self._voter(actor, workshop, voter)
        eligible = self._eligible(workshop)
        vote, revealed = self._store.cast_vote(
            workshop_id, element_id, name, level, reason, eligible=frozenset(eligible) or None
        )
        return VoteCast(vote, revealed)

    def tally(self, actor: Actor, workshop_id: int, counts: dict[Level | None, int]) -> Tally:
        """A show of hands for the current round, entered by the facilitator: ``{Level.ESTABLISHED: 3, ...}``."""
        self._facilitate(actor, workshop_id, f"enter a show of hands in workshop {workshop_id}")
        if any(count < 0 for count in counts.values()) or sum(counts.values()) == 0:
            raise ServiceError("a show of hands needs at least one hand and no negative counts")
        return self._store.add_tally(workshop_id, counts, by=actor.name)

    def agree(
        self,
        actor: Actor,
        workshop_id: int,
        element_id: str,
        level: Level,
        reason: str,
        dissent: Sequence[Dissent] = (),
    ) -> Agreed:
        """Record the agreed rating, with any dissent, and make it the element's agreed rating in the evaluation."""
        workshop = self._facilitate(actor, workshop_id, f"agree a rating in workshop {workshop_id}")
        _check_text("the reason", reason, REASON_LIMIT)
        for one in dissent:
            _check_text("a dissent", one.why, REASON_LIMIT)
        return self._store.agree(
            workshop_id,
            element_id,
            level,
            reason,
            dissent,
            judgement_reason=judgement_reason(workshop, reason),
            by=actor.name,
        )

    def park(self, actor: Actor, workshop_id: int, element_id: str | None = None) -> str:
        """Park an item (the current one unless named) for later; returns the element parked."""
        workshop = self._facilitate(actor, workshop_id, f"run workshop {workshop_id}")
        element = self._item_named(workshop, element_id)
        self._store.park(workshop_id, element, by=actor.name)
        return element

    def end_workshop(self, actor: Actor, workshop_id: int) -> None:
        self._facilitate(actor, workshop_id, f"end workshop {workshop_id}")
        self._store.end_workshop(workshop_id, by=actor.name)

    # Helpers

    def _workshop(self, workshop_id: int) -> Workshop:
        workshop = self._store.workshop(workshop_id)
        if workshop is None:
            raise ServiceError(f"there is no workshop {workshop_id}")
        return workshop

    def _facilitate(self, actor: Actor, workshop_id: int, doing: str) -> Workshop:
        workshop = self._workshop(workshop_id)
        self._require(actor, Right.FACILITATE, doing, evaluation=workshop.evaluation_id)
        return workshop

    def _item_named(self, workshop: Workshop, element_id: str | None) -> str:
        if element_id is not None:
            return element_id
        if workshop.current is None:
            raise ServiceError("no item is open: name the element")
        return workshop.current

    def _voter(self, actor: Actor, workshop: Workshop, voter: str | None) -> str:
        """Whose vote this is: a person's own; in personal use, an invitee's (or the OS user's own)."""
        invited = self._store.invitees(workshop.id)
        if actor.is_person:
            if voter is not None and voter != actor.name:
                raise ServiceError(f"{actor.name} votes only as themselves, not for {voter}")
            name = actor.name
        else:
            name = voter or actor.name
        if invited and name not in invited:
            raise ServiceError(f"{name} is not invited to workshop {workshop.id}")
        return name

    def _eligible(self, workshop: Workshop) -> set[str]:
        invited = self._store.invitees(workshop.id)
        if not self._store.has_people():
            return set(invited)
        partnership = self._store.partnership_of_evaluation(workshop.evaluation_id)
        counted = set()
        for name in invited:
            person = self._store.person(name)
            if person is None or not person.active:
                continue
            if Right.VOTE in self.rights(Actor(person.name, person_id=person.id), partnership):
                counted.add(name)
        return counted

    def _invitable(self, evaluation_id: int, names: Iterable[str]) -> list[str]:
        """On a shared database only its people can be invited; in personal use any name will do."""
        cleaned = []
        for name in names:
            name = name.strip()
            _check_text("an invitee's name", name, 100)
            if self._store.has_people() and self._store.person(name) is None:
                raise ServiceError(f"there is no person called {name!r} to invite")
            cleaned.append(name)
        return cleaned

    def _item_status(self, workshop: Workshop, item: AgendaItem, framework: Framework | None) -> ItemStatus:
        store = self._store
        rounds = store.rounds(workshop.id, item.element_id)
        agreements = store.agreements(workshop.id, item.element_id)
        eligible = self._eligible(workshop)
        if not rounds:
            return ItemStatus(
                item, element_title(framework, item.element_id), 0, 0, len(eligible), 0, False,
                agreed=agreements[-1] if agreements else None,
            )  # fmt: skip
        last = rounds[-1]
        tallies = [t for t in store.tallies(workshop.id, item.element_id) if t.round == last.number]
        hands = tallies[-1].counts if tallies else {}
        revealed = last.revealed_at is not None
        votes: tuple[Vote, ...] = ()
        counts: dict[Level | None, int] = {}
        if revealed:
            votes = tuple(v for v in current_votes(store.votes(workshop.id, item.element_id)) if v.round == last.number)
            counts = distribution((v.level for v in votes), [hands])
        voters = store.voters(workshop.id, item.element_id, last.number)
        return ItemStatus(
            item=item,
            title=element_title(framework, item.element_id),
            round=last.number,
            voted=len(voters & eligible) if eligible else len(voters),
            eligible=len(eligible),
            hands=sum(hands.values()),
            revealed=revealed,
            votes=votes,
            distribution=counts,
            agreed=agreements[-1] if agreements else None,
        )


def _join_code() -> str:
    return "".join(secrets.choice(_CODE_LETTERS) for _ in range(6))


def _element(framework: Framework, element_id: str) -> None:
    if not any(e.id == element_id for e in framework.elements):
        raise ServiceError(f"there is no element {element_id!r} in the framework (elements are numbered like 2.4)")


def _check_text(what: str, text: str, limit: int, *, blank: bool = False) -> None:
    if not blank and not text.strip():
        raise ServiceError(f"{what} cannot be blank")
    if len(text) > limit:
        raise ServiceError(f"{what} is longer than {limit} characters")
    if obeyable(text):
        raise ServiceError(f"{what} holds control characters")
