"""People, keys, grants and sessions: who the actor is on a shared database, and the admin's calls to change it.

Who is acting (docs/deploy-ssh.md):
- a database with no people is one person's own file: whoever opens it may do
  everything (``Actor.os_user()``), exactly as before people existed;
- once it has people, the account that owns the file (the service account the
  gateway runs as) still may: it could change the file with ``sqlite3`` anyway,
  so refusing it would protect nothing and lock the administrator out;
- anyone else running selfeval on the file directly acts as the person whose name
  is their login, or is refused; through the SSH gateway, each key's forced
  command names its person (``person_actor``), whatever account runs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from selfeval_tui.domain.people import (
    AccessEntry,
    Grant,
    LocalAuthority,
    Person,
    PersonKey,
    PublicKey,
    Role,
    check_login,
    parse_public_key,
    parse_role,
)
from selfeval_tui.domain.records import Partnership
from selfeval_tui.services.actor import Actor, Right, os_user
from selfeval_tui.services.base import ServiceBase
from selfeval_tui.services.errors import ServiceError, StoreInputError


@dataclass(frozen=True)
class Scope:
    """What a grant is over, by name: one partnership, one local authority, or (admin) everything."""

    partnership: str | None = None
    local_authority: str | None = None

    def __str__(self) -> str:
        if self.partnership is not None:
            return f"partnership {self.partnership}"
        if self.local_authority is not None:
            return f"local authority {self.local_authority}"
        return "everything"


@dataclass(frozen=True)
class GrantShown:
    """A grant with its scope named, as ``people list`` shows it."""

    role: Role
    scope: Scope
    granted_by: str
    grant: Grant


@dataclass(frozen=True)
class PersonShown:
    """A person with their keys and grants, as ``people list`` shows them."""

    person: Person
    keys: tuple[PersonKey, ...]
    grants: tuple[GrantShown, ...]


class PeopleServices(ServiceBase):
    def has_people(self) -> bool:
        """Whether the database is shared (it has people) or one person's own file."""
        return self._store.has_people()

    def person_actor(self, name: str) -> Actor:
        """The person called ``name``, acting under their grants: what the gateway's forced command runs as."""
        person = self._store.person(name)
        if person is None:
            raise ServiceError(f"there is no person called {name!r} in this database")
        if not person.active:
            raise ServiceError(f"{name}'s access has been disabled; ask an administrator")
        return Actor(person.name, person.display_name, person_id=person.id)

    def local_actor(self) -> Actor:
        """Who runs selfeval directly on the file (not through the gateway): see the module's rules."""
        if not self._store.has_people() or _owns(self._store.path):
            return Actor.os_user()
        login = os_user()
        if self._store.person(login) is None:
            raise ServiceError(
                f"this database is shared and {login} is not one of its people:"
                " reach it through the SSH gateway, or ask its administrator to add you"
            )
        return self.person_actor(login)

    def add_person(self, actor: Actor, name: str, display_name: str, keys: list[str]) -> Person:
        """A new person with any keys; nothing is added when the name or any key is refused."""
        self._require(actor, Right.ADMIN, f"add {name}")
        login = _login(name)
        parsed = _keys(keys)
        if len({k.blob for k in parsed}) < len(parsed):
            raise StoreInputError("the same key is given twice")
        return self._store.add_person(login, display_name, parsed, by=actor.name)

    def add_key(self, actor: Actor, name: str, key: str) -> PersonKey:
        self._require(actor, Right.ADMIN, f"add a key for {name}")
        return self._store.add_key(name, _keys([key])[0], by=actor.name)

    def remove_key(self, actor: Actor, name: str, key: str) -> None:
        """``key`` is the key's line (its comment may differ) or its ``SHA256:`` fingerprint."""
        self._require(actor, Right.ADMIN, f"remove a key of {name}")
        person = self._person(name)
        if key.strip().startswith("SHA256:"):
            matches = [k for k in self._store.person_keys(person.id) if k.key.fingerprint == key.strip()]
            if not matches:
                raise StoreInputError(f"{name} has no key with fingerprint {key.strip()}")
            blob = matches[0].blob
        else:
            blob = _keys([key])[0].blob
        self._store.remove_key(name, blob, by=actor.name)

    def grant(self, actor: Actor, name: str, role: str, scope: Scope) -> Grant:
        """Give ``name`` a role over ``scope``; the scope must exist and suit the role."""
        parsed = parse_or_refuse(role)
        self._require(actor, Right.ADMIN, f"grant {parsed.value} to {name}")
        self._person(name)
        partnership_id, authority_id = self._scope_ids(parsed, scope)
        return self._store.add_grant(
            name, parsed, partnership_id=partnership_id, local_authority_id=authority_id, by=actor.name
        )

    def revoke(self, actor: Actor, name: str, role: str, scope: Scope) -> None:
        parsed = parse_or_refuse(role)
        self._require(actor, Right.ADMIN, f"revoke {parsed.value} from {name}")
        self._person(name)
        partnership_id, authority_id = self._scope_ids(parsed, scope)
        self._store.remove_grant(
            name, parsed, partnership_id=partnership_id, local_authority_id=authority_id, by=actor.name
        )

    def set_active(self, actor: Actor, name: str, active: bool) -> Person:
        """Disable (or enable again) a person: their keys stay, but every call they make is refused."""
        self._require(actor, Right.ADMIN, f"{'enable' if active else 'disable'} {name}")
        return self._store.set_person_active(name, active, by=actor.name)

    def people(self, actor: Actor) -> list[PersonShown]:
        """Everyone, with their keys and grants (scopes by name): what ``people list`` prints."""
        self._require(actor, Right.ADMIN, "list the people")
        store = self._store
        partnerships = {p.id: p.name for p in store.list_partnerships()}
        authorities = {la.id: la.name for la in store.local_authorities()}
        keys: dict[int, list[PersonKey]] = {}
        for key in store.person_keys():
            keys.setdefault(key.person_id, []).append(key)
        grants: dict[int, list[GrantShown]] = {}
        for grant in store.grants():
            scope = Scope(
                partnerships.get(grant.partnership_id) if grant.partnership_id is not None else None,
                authorities.get(grant.local_authority_id) if grant.local_authority_id is not None else None,
            )
            grants.setdefault(grant.person_id, []).append(GrantShown(grant.role, scope, grant.granted_by, grant))
        return [
            PersonShown(p, tuple(keys.get(p.id, ())), tuple(grants.get(p.id, ()))) for p in store.people()
        ]

    def gateway_keys(self, actor: Actor) -> list[tuple[str, PublicKey]]:
        """Every active person's keys, oldest first: one ``authorized_keys`` line each (``selfeval ssh``)."""
        self._require(actor, Right.ADMIN, "list the people's keys")
        store = self._store
        active = {p.id: p.name for p in store.people() if p.active}
        return [(active[k.person_id], k.key) for k in store.person_keys() if k.person_id in active]

    def local_authorities(self, actor: Actor) -> list[LocalAuthority]:
        """The local authorities of the partnerships the actor may read (an admin or the owner: all)."""
        readable = self._readable_partnerships(actor)
        store = self._store
        if readable is None or Right.ADMIN in self.rights(actor):
            return store.local_authorities()
        ids = {p.local_authority_id for p in store.list_partnerships() if p.id in readable}
        return [la for la in store.local_authorities() if la.id in ids]

    def set_local_authority(self, actor: Actor, partnership: Partnership, local_authority: str) -> Partnership:
        """Move a partnership to another local authority: an admin's call, as it changes who may read it."""
        self._require(actor, Right.ADMIN, f"change the local authority of {partnership.name}")
        return self._store.set_local_authority(partnership.id, local_authority)

    def start_session(self, actor: Actor, origin: str, command: str) -> int:
        """Record a session's start (the gateway does, before running anything); returns its id for ``end_session``."""
        return self._store.start_access(actor.name, origin, command)

    def end_session(self, session_id: int, outcome: str) -> None:
        self._store.end_access(session_id, outcome)

    def access_log(self, actor: Actor, limit: int = 200) -> list[AccessEntry]:
        self._require(actor, Right.ADMIN, "read the access log")
        return self._store.access_log(limit)

    def _person(self, name: str) -> Person:
        person = self._store.person(name)
        if person is None:
            raise StoreInputError(f"there is no person called {name!r}")
        return person

    def _scope_ids(self, role: Role, scope: Scope) -> tuple[int | None, int | None]:
        if role is Role.ADMIN:
            if scope.partnership is not None or scope.local_authority is not None:
                raise StoreInputError("admin is over the whole database: give it without --partnership or --la")
            return None, None
        if (scope.partnership is None) == (scope.local_authority is None):
            raise StoreInputError(f"a {role.value} grant needs one of --partnership P or --la LA")
        store = self._store
        if scope.partnership is not None:
            partnership = store.partnership_by_name(scope.partnership)
            if partnership is None:
                raise StoreInputError(f"there is no partnership called {scope.partnership!r}")
            return partnership.id, None
        assert scope.local_authority is not None
        authority = store.local_authority_named(scope.local_authority)
        if authority is None:
            known = ", ".join(la.name for la in store.local_authorities()) or "none yet"
            raise StoreInputError(f"there is no local authority called {scope.local_authority!r} (known: {known})")
        return None, authority.id


def parse_or_refuse(role: str) -> Role:
    try:
        return parse_role(role)
    except ValueError as exc:
        raise StoreInputError(str(exc)) from None


def _login(name: str) -> str:
    try:
        return check_login(name)
    except ValueError as exc:
        raise StoreInputError(str(exc)) from None


def _keys(texts: list[str]) -> list[PublicKey]:
    keys = []
    for text in texts:
        try:
            keys.append(parse_public_key(text))
        except ValueError as exc:
            raise StoreInputError(str(exc)) from None
    return keys


def _owns(path: os.PathLike[str] | str) -> bool:
    """Whether this process runs as the account that owns the database file (the service account)."""
    if not hasattr(os, "geteuid"):
        return True
    try:
        return os.stat(path).st_uid == os.geteuid()
    except OSError:
        return False
