"""A workshop's minutes read from the store: shared by ``WorkshopServices.minutes`` and the evaluation's view.

The board report summarises the year's workshops from the same minutes that
``selfeval export workshop`` writes in full, so both are made here, once. A round
never revealed shows no votes in the minutes either: nobody revealed them.
"""

from __future__ import annotations

from selfeval_tui.domain.framework import Framework, Level
from selfeval_tui.domain.workshops import (
    ItemMinutes,
    Round,
    RoundMinutes,
    Tally,
    Vote,
    Workshop,
    WorkshopMinutes,
    current_votes,
    distribution,
)
from selfeval_tui.store.store import Store


def element_title(framework: Framework | None, element_id: str) -> str:
    """The element's title in the bank ("" without a bank, or for an element the bank no longer has)."""
    if framework is None:
        return ""
    element = next((e for e in framework.elements if e.id == element_id), None)
    return "" if element is None else element.title


def workshop_minutes(store: Store, workshop: Workshop, framework: Framework | None) -> WorkshopMinutes:
    """Who came, and per agenda item every round, its agreed rating, dissent and time used."""
    evaluation = store.evaluation_by_id(workshop.evaluation_id)
    votes = store.votes(workshop.id)
    tallies = store.tallies(workshop.id)
    agreements = {a.element_id: a for a in store.agreements(workshop.id)}
    rounds = store.rounds(workshop.id)
    items = tuple(
        ItemMinutes(
            item,
            element_title(framework, item.element_id),
            tuple(round_minutes(r, votes, tallies) for r in rounds if r.element_id == item.element_id),
            agreements.get(item.element_id),
        )
        for item in store.agenda(workshop.id)
    )
    came = {workshop.facilitator} | {v.person for v in votes} | {t.entered_by for t in tallies}
    return WorkshopMinutes(
        workshop=workshop,
        partnership=store.partnership_by_id(evaluation.partnership_id).name,
        year=evaluation.year,
        invited=tuple(store.invitees(workshop.id)),
        attended=tuple(sorted(came)),
        items=items,
    )


def round_minutes(one: Round, votes: list[Vote], tallies: list[Tally]) -> RoundMinutes:
    """One round: the vote that counted for each person and the latest show of hands, once revealed."""
    revealed = one.revealed_at is not None
    counted = (
        tuple(v for v in current_votes(votes) if v.element_id == one.element_id and v.round == one.number)
        if revealed
        else ()
    )
    entered = [t for t in tallies if t.element_id == one.element_id and t.round == one.number]
    hands: dict[Level | None, int] = dict(entered[-1].counts) if entered and revealed else {}
    return RoundMinutes(
        number=one.number,
        revealed=revealed,
        revealed_automatically=revealed and one.revealed_by is None,
        votes=counted,
        hands=hands,
        distribution=distribution((v.level for v in counted), [hands]),
    )
