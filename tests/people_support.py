"""Keys and people for the tests of people, grants and the gateway."""

from __future__ import annotations

import base64
import hashlib

import pytest

from selfeval_tui.domain.framework import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.services.people import Scope


def ed25519_key(seed: str, comment: str = "") -> str:
    """A well-formed ssh-ed25519 public key line, different for each seed (not a usable key pair)."""
    body = hashlib.sha256(seed.encode()).digest()
    blob = len(b"ssh-ed25519").to_bytes(4, "big") + b"ssh-ed25519" + len(body).to_bytes(4, "big") + body
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} {comment}".rstrip()


OWNER = Actor.os_user("owner")


def acting_as(monkeypatch: pytest.MonkeyPatch, login: str) -> None:
    """Commands run in this test act as the person ``login``, as they would running selfeval under that login.

    Patched where every shell asks (``Services.local_actor``), not on the modules
    that import ``acting``: a module first imported during the test would keep the patch.
    """
    monkeypatch.setattr(Services, "local_actor", lambda services: services.person_actor(login))


def shared_database(services: Services, framework: Framework) -> dict[str, Actor]:
    """Two local authorities, three partnerships, and one person per role; returns each person's Actor.

    North and South are in Northshire, West in Westshire. Everyone's grants are over North,
    except ``la_officer`` (Northshire) and ``admin`` (everything).
    """
    for name, authority in (("North", "Northshire"), ("South", "Northshire"), ("West", "Westshire")):
        services.create(OWNER, framework, name, "2026/27", local_authority=authority)
    roles = {
        "coordinator": Scope(partnership="North"),
        "partner": Scope(partnership="North"),
        "facilitator": Scope(partnership="North"),
        "viewer": Scope(partnership="North"),
        "chair": Scope(partnership="North"),
        "la_officer": Scope(local_authority="Northshire"),
        "admin": Scope(),
    }
    for login, scope in roles.items():
        services.add_person(OWNER, login, login.replace("_", " ").title(), [ed25519_key(login)])
        services.grant(OWNER, login, login.replace("_", "-"), scope)
    return {login: services.person_actor(login) for login in roles}
