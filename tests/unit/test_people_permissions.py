"""The permission table: every role against every service action, in its own partnership, another one, another LA.

The expected table is written out here by hand (not read from ``services/roles.py``),
so a change to what a role allows shows up as a failing row. North and South are in
Northshire, West in Westshire; every grant is over North, except the LA officer's
(Northshire) and the admin's (everything): ``people_support.shared_database``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from people_support import OWNER, ed25519_key, shared_database

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import ActionDraft
from selfeval_tui.domain.records import Evaluation, Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.errors import Refused
from selfeval_tui.services.open import Services

QUESTION = "1.1.developing.1"
ROLES = ("coordinator", "partner", "facilitator", "viewer", "chair", "la_officer", "admin")

Action = Callable[[Services, Framework, Actor, Evaluation], object]

ACTIONS: dict[str, Action] = {
    "read": lambda s, f, a, e: s.evaluation_view(a, f, e),
    "answer": lambda s, f, a, e: s.save_answer(a, e.id, QUESTION, status=Status.MET),
    "note": lambda s, f, a, e: s.save_note(a, e.id, QUESTION, "minutes of 3 March"),
    "agree": lambda s, f, a, e: s.save_judgement(a, e.id, "1.1", 2, "agreed at the board"),
    "membership": lambda s, f, a, e: s.set_members(a, e.partnership_id, "schools", ["Ash Grove"]),
    "outcomes": lambda s, f, a, e: s.save_outcome_value(a, e.id, "persistent-absence", "baseline", 12.5),
    "plan": lambda s, f, a, e: s.add_action(a, f, e, ActionDraft(element_id="1.1", criterion_id=None, what="Agree a protocol")),
    "export": lambda s, f, a, e: s.export_view(a, f, e),
    "people admin": lambda s, f, a, e: s.add_person(a, f"new_{a.name}", "New", [ed25519_key(f"new-{a.name}")]),
}

OWN = {  # in North, the partnership every grant but two is over
    "coordinator": {"read", "answer", "note", "agree", "membership", "outcomes", "plan", "export"},
    "partner": {"read", "note"},
    "facilitator": {"read"},
    "viewer": {"read", "export"},
    "chair": {"read", "export"},
    "la_officer": {"read", "export"},
    "admin": {"read", "export", "people admin"},
}
SAME_LA = {  # South: the same local authority, no partnership grant
    "la_officer": {"read", "export"},
    "admin": {"read", "export", "people admin"},
}
OTHER_LA = {"admin": {"read", "export", "people admin"}}  # West

TABLES = ("answers", "judgements", "members", "outcome_values", "actions", "people")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, framework: Framework) -> Path:
    path = tmp_path_factory.mktemp("people") / "seed.sqlite3"
    with Services.open(path) as services:
        shared_database(services, framework)
        for name in ("North", "South", "West"):  # an answer for notes to go with
            evaluation = services.find(OWNER, name, "2026/27").evaluation
            assert evaluation is not None
            services.save_answer(OWNER, evaluation.id, QUESTION, status=Status.PARTLY)
    return path


@pytest.fixture
def services(seeded: Path, tmp_path: Path) -> Iterator[Services]:
    copy = tmp_path / "copy.sqlite3"
    with closing(sqlite3.connect(seeded)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    with Services.open(copy) as opened:
        yield opened


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {table: conn.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}


@pytest.mark.parametrize("where,table", [("North", OWN), ("South", SAME_LA), ("West", OTHER_LA)])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_table_says(
    services: Services, framework: Framework, role: str, where: str, table: dict[str, set[str]]
) -> None:
    actor = services.person_actor(role)
    evaluation = services.find(OWNER, where, "2026/27").evaluation
    assert evaluation is not None
    allowed = table.get(role, set())
    for name, action in ACTIONS.items():
        before = _contents(services.path)
        if name in allowed:
            action(services, framework, actor, evaluation)
            continue
        with pytest.raises(Refused) as refused:
            action(services, framework, actor, evaluation)
        message = str(refused.value)
        assert message.startswith(f"{actor.shown_name} may not "), message
        assert "\n" not in message
        assert _contents(services.path) == before, f"{role} {name} in {where} changed the database"


def test_a_refusal_says_why_in_words_the_person_can_act_on(services: Services, framework: Framework) -> None:
    viewer = services.person_actor("viewer")
    north = services.find(OWNER, "North", "2026/27").evaluation
    assert north is not None
    with pytest.raises(Refused, match=r"^Viewer may not answer 1\.1\.developing\.1: their role in North \(viewer\) does not allow it$"):
        services.save_answer(viewer, north.id, QUESTION, status=Status.MET)
    coordinator = services.person_actor("coordinator")
    west = services.find(OWNER, "West", "2026/27").evaluation
    assert west is not None
    with pytest.raises(Refused, match=r"^Coordinator may not .*: they have no grant for West$"):
        services.evaluation_view(coordinator, framework, west)
    with pytest.raises(Refused, match=r"^Coordinator may not add someone: that needs an admin grant$"):
        services.add_person(coordinator, "someone", "", [])
