"""People, keys and grants through the services: bad input refused whole, who acts when, and confinement of lists."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from people_support import OWNER, ed25519_key, shared_database

from selfeval_tui.bank import Framework
from selfeval_tui.domain.records import Status
from selfeval_tui.services import people as people_module
from selfeval_tui.services.actor import EVERY_RIGHT, Actor, Right
from selfeval_tui.services.errors import Refused, ServiceError, StoreInputError
from selfeval_tui.services.open import Services
from selfeval_tui.services.people import Scope


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with Services.open(tmp_path / "people.sqlite3") as opened:
        yield opened


def _people_rows(services: Services) -> tuple[list[tuple[object, ...]], ...]:
    with closing(sqlite3.connect(services.path)) as conn:
        return tuple(conn.execute(f"SELECT * FROM {t}").fetchall() for t in ("people", "person_keys", "grants"))


@pytest.mark.parametrize(
    "name,keys,message",
    [
        ("Ann", [], "is not a login-style name"),
        ("ann smith", [], "is not a login-style name"),
        ("ann", ["ssh-ed25519"], "has no key data"),
        ("ann", ["ssh-dss AAAAB3NzaC1kc3M="], "DSA keys"),
        ("ann", ['command="sh" ' + ed25519_key("x")], "does not look like an SSH public key"),
        ("ann", [ed25519_key("x")[:-5]], "not valid base64|is not a ssh-ed25519 key"),
        ("ann", [ed25519_key("x"), ed25519_key("x", "again")], "the same key is given twice"),
    ],
)
def test_bad_people_input_is_one_line_and_adds_nothing(services: Services, name: str, keys: list[str], message: str) -> None:
    before = _people_rows(services)
    with pytest.raises(StoreInputError, match=message) as refused:
        services.add_person(OWNER, name, "Ann Smith", keys)
    assert "\n" not in str(refused.value)
    assert _people_rows(services) == before


def test_a_key_belongs_to_one_person_only(services: Services) -> None:
    services.add_person(OWNER, "ann", "Ann", [ed25519_key("shared")])
    before = _people_rows(services)
    with pytest.raises(StoreInputError, match="already belongs to ann"):
        services.add_person(OWNER, "bob", "Bob", [ed25519_key("shared", "bob's copy")])
    services.add_person(OWNER, "bob", "Bob", [])
    with pytest.raises(StoreInputError, match="already belongs to ann"):
        services.add_key(OWNER, "bob", ed25519_key("shared"))
    assert _people_rows(services)[1] == before[1]


@pytest.mark.parametrize(
    "role,scope,message",
    [
        ("boss", Scope(partnership="North"), "'boss' is not a role: use one of coordinator"),
        ("coordinator", Scope(partnership="Nowhere"), "there is no partnership called 'Nowhere'"),
        ("la-officer", Scope(local_authority="Atlantis"), "there is no local authority called 'Atlantis' \\(known: Northshire"),
        ("viewer", Scope(), "needs one of --partnership P or --la LA"),
        ("admin", Scope(partnership="North"), "admin is over the whole database"),
    ],
)
def test_bad_grants_are_refused(services: Services, framework: Framework, role: str, scope: Scope, message: str) -> None:
    services.create(OWNER, framework, "North", "2026/27", local_authority="Northshire")
    services.add_person(OWNER, "ann", "Ann", [])
    before = _people_rows(services)
    with pytest.raises(StoreInputError, match=message):
        services.grant(OWNER, "ann", role, scope)
    assert _people_rows(services) == before


def test_who_acts_on_a_file_with_no_people_and_on_a_shared_one(
    services: Services, framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert services.local_actor().rights == EVERY_RIGHT and not services.local_actor().is_person
    shared_database(services, framework)
    assert not services.local_actor().is_person  # this test runs as the file's owner: the service account
    monkeypatch.setattr(people_module, "_owns", lambda path: False)
    monkeypatch.setattr(people_module, "os_user", lambda: "stranger")
    with pytest.raises(ServiceError, match="this database is shared and stranger is not one of its people"):
        services.local_actor()
    monkeypatch.setattr(people_module, "os_user", lambda: "viewer")
    viewer = services.local_actor()
    assert viewer.is_person and viewer.name == "viewer"


def test_disabling_and_revoking_stop_a_person_at_their_next_call(services: Services, framework: Framework) -> None:
    actors = shared_database(services, framework)
    coordinator = actors["coordinator"]
    north = services.find(OWNER, "North", "2026/27").evaluation
    assert north is not None
    services.save_answer(coordinator, north.id, "1.1.developing.1", status=Status.MET)
    services.revoke(OWNER, "coordinator", "coordinator", Scope(partnership="North"))
    with pytest.raises(Refused, match="they have no grant for North"):
        services.save_answer(coordinator, north.id, "1.1.developing.1", status=Status.PARTLY)
    viewer = actors["viewer"]
    services.set_active(OWNER, "viewer", False)
    with pytest.raises(Refused, match="their access has been disabled"):
        services.evaluation_view(viewer, framework, north)
    with pytest.raises(ServiceError, match="viewer's access has been disabled"):
        services.person_actor("viewer")


def test_lists_show_a_person_only_what_their_grants_are_over(services: Services, framework: Framework) -> None:
    actors = shared_database(services, framework)
    for name in ("North", "South", "West"):
        evaluation = services.find(OWNER, name, "2026/27").evaluation
        assert evaluation is not None
        services.save_answer(OWNER, evaluation.id, "1.1.developing.1", status=Status.MET)
    seen = {
        login: sorted(p.name for p in services.partnerships(actor)) for login, actor in actors.items()
    }
    assert seen["coordinator"] == seen["viewer"] == ["North"]
    assert seen["la_officer"] == ["North", "South"]
    assert seen["admin"] == ["North", "South", "West"]
    north_only = {e.partnership_id for e in services.evaluations(actors["coordinator"])}
    assert north_only == {services.find(OWNER, "North", "2026/27").partnership.id}  # type: ignore[union-attr]
    assert len(services.answer_counts(actors["coordinator"], framework)) == 1
    assert len(services.answer_counts(actors["la_officer"], framework)) == 2
    assert [la.name for la in services.local_authorities(actors["coordinator"])] == ["Northshire"]
    with pytest.raises(Refused, match="they have no grant for West"):
        services.partnership_named(actors["coordinator"], "west")


def test_a_person_hears_only_of_changes_to_partnerships_they_may_read(services: Services, framework: Framework) -> None:
    actors = shared_database(services, framework)
    watch = services.watch(actors["coordinator"])
    mark = services.changes_since(OWNER, 0).mark
    for name in ("North", "West"):
        evaluation = services.find(OWNER, name, "2026/27").evaluation
        assert evaluation is not None
        services.save_answer(OWNER, evaluation.id, "1.2.developing.1", status=Status.MET)
    north = services.find(OWNER, "North", "2026/27").partnership
    assert north is not None
    heard = services.changes_since(actors["coordinator"], mark)
    assert {c.partnership_id for c in heard.entries} == {north.id}
    assert len(services.changes_since(actors["admin"], mark).evaluations) == 2
    assert watch.actor == actors["coordinator"]


def test_a_new_partnership_needs_an_admin_or_a_coordinator_of_its_local_authority(
    services: Services, framework: Framework
) -> None:
    actors = shared_database(services, framework)
    with pytest.raises(Refused, match="a new partnership needs an admin, or a coordinator of its local authority"):
        services.create(actors["coordinator"], framework, "East", "2026/27", local_authority="Northshire")
    services.add_person(OWNER, "la_lead", "LA lead", [])
    services.grant(OWNER, "la_lead", "coordinator", Scope(local_authority="Northshire"))
    lead = services.person_actor("la_lead")
    made = services.create(lead, framework, "East", "2026/27", local_authority="Northshire")
    assert services.rights(lead, made.partnership_id) >= {Right.ANSWER, Right.EDIT_PARTNERSHIP}
    assert services.create(actors["coordinator"], framework, "North", "2027/28").year == "2027/28"


def test_every_change_to_people_is_in_the_history_and_sessions_in_the_access_log(services: Services) -> None:
    services.add_person(OWNER, "ann", "Ann", [ed25519_key("ann")])
    services.grant(OWNER, "ann", "admin", Scope())
    services.remove_key(OWNER, "ann", ed25519_key("ann", "comment differs"))
    ann = services.person_actor("ann")
    session = services.start_session(ann, "192.0.2.1 50000 192.0.2.2 22", "whoami")
    services.end_session(session, "ok")
    (entry,) = services.access_log(ann)
    assert (entry.person, entry.command, entry.outcome, entry.origin) == ("ann", "whoami", "ok", "192.0.2.1 50000 192.0.2.2 22")
    assert entry.ended_at is not None
    with closing(sqlite3.connect(services.path)) as conn:
        changes = [row[0] for row in conn.execute("SELECT change FROM people_history ORDER BY id")]
        assert changes == ["add", "key_add", "grant", "key_remove"]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM people_history")
        with pytest.raises(sqlite3.IntegrityError, match="only ever ended"):
            conn.execute("UPDATE access_log SET outcome = 'tampered'")
    with pytest.raises(Refused):
        services.access_log(Actor("someone", person_id=99, rights=EVERY_RIGHT - {Right.ADMIN}))
