"""Workshops through the services: rights, silent votes, reveal by hand and by itself, rounds kept, agreement saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from people_support import OWNER
from workshop_support import AGENDA, VOTERS, north_workshop, workshop_database

from selfeval_tui.bank import Framework
from selfeval_tui.domain.framework import Level
from selfeval_tui.domain.workshops import Dissent, ItemState, WorkshopState, status_json
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.errors import Refused, ServiceError
from selfeval_tui.services.open import Services


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with Services.open(tmp_path / "workshop.sqlite3") as opened:
        yield opened


@pytest.fixture
def actors(services: Services, framework: Framework) -> dict[str, Actor]:
    return workshop_database(services, framework)


def _voting(services: Services, framework: Framework, actors: dict[str, Actor]) -> int:
    workshop = north_workshop(services, framework, actors)
    services.next_item(actors["fac"], workshop.id)
    services.open_voting(actors["fac"], workshop.id)
    return workshop.id


def _rows(services: Services, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(services.path)) as conn:
        return conn.execute(sql).fetchall()


def test_planning_with_an_agenda_and_invitations(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop = north_workshop(services, framework, actors)
    assert workshop.state is WorkshopState.PLANNED and workshop.facilitator == "fac" and len(workshop.code) == 6
    assert [i.element_id for i in services.agenda(actors["head_a"], workshop.id)] == list(AGENDA)
    services.move_item(actors["fac"], workshop.id, "2.1", 1)
    services.add_item(actors["fac"], framework, workshop.id, "3.1", position=2, timebox_seconds=300)
    services.remove_item(actors["fac"], workshop.id, "1.2")
    agenda = services.agenda(actors["fac"], workshop.id)
    assert [(i.element_id, i.position, i.timebox_seconds) for i in agenda] == [
        ("2.1", 1, 600), ("3.1", 2, 300), ("1.1", 3, 600),
    ]  # fmt: skip
    assert services.eligible(actors["fac"], workshop.id) == sorted(VOTERS)  # the invited viewer is not counted


def test_the_default_agenda_is_what_is_not_settled(services: Services, framework: Framework) -> None:
    evaluation = services.create(OWNER, framework, "North", "2026/27")
    workshop = services.new_workshop(OWNER, framework, evaluation.id, "All of it", date(2026, 11, 30))
    assert [i.element_id for i in services.agenda(OWNER, workshop.id)] == [e.id for e in framework.elements]


@pytest.mark.parametrize(
    "call",
    [
        lambda s, f, e: s.new_workshop(Actor.os_user(), f, e, " ", date(2026, 11, 30), agenda=["1.1"]),
        lambda s, f, e: s.new_workshop(Actor.os_user(), f, e, "T", date(2026, 11, 30), agenda=["9.9"]),
        lambda s, f, e: s.new_workshop(Actor.os_user(), f, e, "T", date(2026, 11, 30), agenda=["1.1", "1.1"]),
        lambda s, f, e: s.new_workshop(Actor.os_user(), f, e, "T", date(2026, 11, 30), agenda=["1.1"], timebox_seconds=5),
    ],
)
def test_a_bad_plan_is_refused_whole(services: Services, framework: Framework, call: object) -> None:
    evaluation = services.create(OWNER, framework, "North", "2026/27")
    with pytest.raises(ServiceError) as refused:
        call(services, framework, evaluation.id)  # type: ignore[operator]
    assert "\n" not in str(refused.value)
    assert _rows(services, "SELECT count(*) FROM workshops") == [(0,)]


def test_votes_are_hidden_until_revealed_then_shown(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    services.vote(actors["head_a"], workshop_id, "1.1", Level.ESTABLISHED, "strong data")
    services.vote(actors["head_b"], workshop_id, "1.1", Level.DEVELOPING, "")
    for who in ("fac", "head_c", "watcher", "head_a"):
        status = services.status(actors[who], workshop_id, framework=framework)
        assert status.current is not None
        assert (status.current.voted, status.current.eligible, status.current.revealed) == (2, 8, False)
        assert status.current.votes == () and status.current.distribution == {}
        shown = str(status_json(status, status.current.item.opened_at or status.current.item.timer().running_since))  # type: ignore[arg-type]
        assert "head_a" in shown  # invited, so named in the invitation list ...
        assert "established" not in shown and "strong data" not in shown  # ... but not what anyone voted
    assert services.my_vote(actors["head_a"], workshop_id).level is Level.ESTABLISHED  # type: ignore[union-attr]
    round_ = services.reveal(actors["fac"], workshop_id)
    assert round_.revealed_by == "fac"
    status = services.status(actors["watcher"], workshop_id)
    assert status.current is not None and status.current.revealed
    assert {(v.person, v.level) for v in status.current.votes} == {("head_a", Level.ESTABLISHED), ("head_b", Level.DEVELOPING)}
    assert status.current.spread == 2 and status.current.discuss
    with pytest.raises(ServiceError, match="revealed"):
        services.vote(actors["head_c"], workshop_id, "1.1", Level.DEVELOPED)


def test_the_change_log_names_no_voter_before_the_reveal(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    mark = services.changes_since(OWNER, 0).mark
    services.vote(actors["head_a"], workshop_id, "1.1", Level.ESTABLISHED)
    changes = services.changes_since(actors["watcher"], mark)
    assert changes.kinds == {"workshop"} and changes.keys("workshop") == {str(workshop_id)}
    assert changes.people == frozenset()
    assert services.changes_since(actors["outsider"], mark).entries == ()


def test_the_last_eligible_vote_reveals_and_a_changed_vote_is_kept(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    services.vote(actors["head_a"], workshop_id, "1.1", Level.DEVELOPED)
    services.vote(actors["head_a"], workshop_id, "1.1", Level.ESTABLISHED, "changed my mind")
    casts = [services.vote(actors[v], workshop_id, "1.1", Level.ESTABLISHED) for v in VOTERS[1:]]
    assert [c.revealed for c in casts] == [False] * 6 + [True]
    status = services.status(actors["fac"], workshop_id)
    assert status.current is not None and status.current.revealed and status.current.distribution == {Level.ESTABLISHED: 8}
    assert _rows(services, "SELECT level, reason FROM workshop_votes WHERE person = 'head_a' ORDER BY id") == [
        (2, ""), (3, "changed my mind"),
    ]  # fmt: skip
    minutes = services.minutes(actors["fac"], workshop_id)
    assert minutes.items[0].rounds[0].revealed_automatically


def test_a_revote_is_a_new_round_and_round_one_stays(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    services.vote(actors["head_a"], workshop_id, "1.1", Level.DEVELOPING, "first thoughts")
    services.tally(actors["fac"], workshop_id, {Level.ESTABLISHED: 3, Level.DEVELOPED: 2})
    services.reveal(actors["fac"], workshop_id)
    assert services.revote(actors["fac"], workshop_id).number == 2
    status = services.status(actors["fac"], workshop_id)
    assert status.current is not None and (status.current.round, status.current.voted, status.current.revealed) == (2, 0, False)
    services.vote(actors["head_a"], workshop_id, "1.1", Level.DEVELOPED, "second thoughts")
    services.reveal(actors["fac"], workshop_id)
    rounds = services.minutes(actors["fac"], workshop_id).items[0].rounds
    assert [r.number for r in rounds] == [1, 2]
    assert rounds[0].distribution == {Level.DEVELOPING: 1, Level.DEVELOPED: 2, Level.ESTABLISHED: 3}
    assert [v.reason for v in rounds[0].votes] == ["first thoughts"]
    assert [v.reason for v in rounds[1].votes] == ["second thoughts"]


def test_agreeing_saves_the_evaluations_rating_with_the_workshop_and_date(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    services.reveal(actors["fac"], workshop_id)
    agreed = services.agree(
        actors["fac"], workshop_id, "1.1", Level.DEVELOPED, "evidence across schools", [Dissent("head_a", "evidence is thin")]
    )
    assert agreed.dissent == (Dissent("head_a", "evidence is thin"),)
    evaluation = services.find(OWNER, "North", "2026/27").evaluation
    assert evaluation is not None
    judgement = services.judgements(OWNER, evaluation.id)["1.1"]
    assert judgement.level == Level.DEVELOPED and judgement.agreed_by == "fac"
    assert judgement.reason == 'evidence across schools (agreed at the workshop "Autumn moderation" on 2026-11-30)'
    assert [h.action for h in services.judgement_history(OWNER, evaluation.id, "1.1")] == ["save"]
    item = services.agenda(actors["fac"], workshop_id)[0]
    assert item.state is ItemState.AGREED and item.opened_at is None
    assert services.next_item(actors["fac"], workshop_id).element_id == "1.2"  # type: ignore[union-attr]


def test_who_may_do_what(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    with pytest.raises(Refused, match="Watcher may not vote in workshop .*viewer"):
        services.vote(actors["watcher"], workshop_id, "1.1", Level.ESTABLISHED)
    with pytest.raises(Refused, match="Outsider may not vote .*no grant for North"):
        services.vote(actors["outsider"], workshop_id, "1.1", Level.ESTABLISHED)
    with pytest.raises(Refused, match="Outsider may not see workshop"):
        services.status(actors["outsider"], workshop_id)
    with pytest.raises(Refused, match="Head A may not run workshop"):
        services.reveal(actors["head_a"], workshop_id)
    with pytest.raises(ServiceError, match="votes only as themselves"):
        services.vote(actors["head_a"], workshop_id, "1.1", Level.ESTABLISHED, voter="head_b")
    assert services.live_workshops(actors["outsider"]) == []
    assert [w.id for w in services.live_workshops(actors["head_a"])] == [workshop_id]
    assert _rows(services, "SELECT count(*) FROM workshop_votes") == [(0,)]


def test_voting_on_another_item_or_out_of_turn_is_refused(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop = north_workshop(services, framework, actors)
    with pytest.raises(ServiceError, match="no item is open"):
        services.vote(actors["head_a"], workshop.id, "1.1", Level.ESTABLISHED)
    services.open_item(actors["fac"], workshop.id, "1.1")
    with pytest.raises(ServiceError, match="voting on 1.1 is not open"):
        services.vote(actors["head_a"], workshop.id, "1.1", Level.ESTABLISHED)
    services.open_voting(actors["fac"], workshop.id)
    with pytest.raises(ServiceError, match="is 1.1, not 1.2"):
        services.vote(actors["head_a"], workshop.id, "1.2", Level.ESTABLISHED)
    with pytest.raises(ServiceError, match="agree it or park it"):
        services.next_item(actors["fac"], workshop.id)
    with pytest.raises(ServiceError, match="reveal the votes first"):
        services.agree(actors["fac"], workshop.id, "1.1", Level.DEVELOPED, "why")


def test_park_extend_and_time_used(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop_id = _voting(services, framework, actors)
    assert services.extend(actors["fac"], workshop_id, 300).timebox_seconds == 900
    with pytest.raises(ServiceError, match="below a minute"):
        services.extend(actors["fac"], workshop_id, -900)
    assert services.park(actors["fac"], workshop_id) == "1.1"
    item = services.agenda(actors["fac"], workshop_id)[0]
    assert item.state is ItemState.PARKED and item.opened_at is None and item.used_seconds >= 0
    assert services.next_item(actors["fac"], workshop_id).element_id == "1.2"  # type: ignore[union-attr]
    services.park(actors["fac"], workshop_id)
    assert services.next_item(actors["fac"], workshop_id).element_id == "2.1"  # type: ignore[union-attr]
    services.park(actors["fac"], workshop_id)
    assert services.next_item(actors["fac"], workshop_id) is None
    services.open_item(actors["fac"], workshop_id, "1.1")  # a parked item comes back, its round 1 kept
    assert services.status(actors["fac"], workshop_id).current.round == 1  # type: ignore[union-attr]
    services.open_voting(actors["fac"], workshop_id)
    assert services.status(actors["fac"], workshop_id).current.round == 2  # type: ignore[union-attr]
    assert [i.item.element_id for i in services.minutes(actors["fac"], workshop_id).parked] == ["1.2", "2.1"]


def test_personal_use_the_os_user_votes_for_invitees(services: Services, framework: Framework) -> None:
    evaluation = services.create(OWNER, framework, "North", "2026/27")
    workshop = services.new_workshop(
        OWNER, framework, evaluation.id, "Small", date(2026, 11, 30), agenda=["1.1"], invitees=["Ann", "Bob"]
    )
    services.next_item(OWNER, workshop.id)
    services.open_voting(OWNER, workshop.id)
    assert not services.vote(OWNER, workshop.id, "1.1", Level.DEVELOPED, voter="Ann").revealed
    with pytest.raises(ServiceError, match="Cy is not invited"):
        services.vote(OWNER, workshop.id, "1.1", Level.DEVELOPED, voter="Cy")
    assert services.vote(OWNER, workshop.id, "1.1", None, voter="Bob").revealed
    status = services.status(OWNER, workshop.id)
    assert status.current is not None and status.current.distribution == {Level.DEVELOPED: 1, None: 1}


def test_an_ended_workshop_takes_nothing_more(services: Services, framework: Framework, actors: dict[str, Actor]) -> None:
    workshop = north_workshop(services, framework, actors)
    services.end_workshop(actors["fac"], workshop.id)
    with pytest.raises(ServiceError, match="has ended"):
        services.next_item(actors["fac"], workshop.id)
    assert services.workshop(actors["head_a"], workshop.id).state is WorkshopState.ENDED


def test_a_join_code_finds_its_workshop_for_those_who_may_read_it(
    services: Services, framework: Framework, actors: dict[str, Actor]
) -> None:
    workshop = north_workshop(services, framework, actors)
    assert services.workshop_by_code(actors["head_a"], f" {workshop.code.lower()} ").id == workshop.id
    with pytest.raises(Refused, match="Outsider may not join workshop"):
        services.workshop_by_code(actors["outsider"], workshop.code)
    with pytest.raises(ServiceError, match="no workshop has the code 'NOPE'"):
        services.workshop_by_code(actors["head_a"], "NOPE")
    services.end_workshop(actors["fac"], workshop.id)
    with pytest.raises(ServiceError, match="no workshop has the code"):
        services.workshop_by_code(actors["head_a"], workshop.code)
