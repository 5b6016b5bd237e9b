"""A shared database with a workshop's people: a facilitator, eight voters, a viewer and a partner elsewhere."""

from __future__ import annotations

from datetime import date

from people_support import OWNER, ed25519_key

from selfeval_tui.domain.framework import Framework
from selfeval_tui.domain.workshops import Workshop
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.services.people import Scope

VOTERS = ("head_a", "head_b", "head_c", "lead_d", "lead_e", "lead_f", "partner_g", "coord_h")
"""Eight voters over North: six partners, a partner and a coordinator (who may vote too)."""
AGENDA = ("1.1", "1.2", "2.1")


def workshop_database(services: Services, framework: Framework) -> dict[str, Actor]:
    """North (the workshop's) and South; one facilitator, eight voters and a viewer over North, a partner over South."""
    for name in ("North", "South"):
        services.create(OWNER, framework, name, "2026/27", local_authority="Northshire")
    people = {
        "fac": ("facilitator", "North"),
        **{voter: ("coordinator" if voter.startswith("coord") else "partner", "North") for voter in VOTERS},
        "watcher": ("viewer", "North"),
        "outsider": ("partner", "South"),
    }
    for login, (role, partnership) in people.items():
        services.add_person(OWNER, login, login.replace("_", " ").title(), [ed25519_key(login)])
        services.grant(OWNER, login, role, Scope(partnership=partnership))
    return {login: services.person_actor(login) for login in people}


def north_workshop(services: Services, framework: Framework, actors: dict[str, Actor]) -> Workshop:
    """A planned workshop of North's 2026/27 evaluation, with the agenda above and the eight voters invited."""
    evaluation = services.find(OWNER, "North", "2026/27").evaluation
    assert evaluation is not None
    return services.new_workshop(
        actors["fac"], framework, evaluation.id, "Autumn moderation", date(2026, 11, 30),
        agenda=list(AGENDA), invitees=[*VOTERS, "watcher"],
    )  # fmt: skip
