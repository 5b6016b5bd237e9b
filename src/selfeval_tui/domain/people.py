"""People, their SSH keys and their grants: who may reach a shared database, and to do what.

A database with no people is one person's own file (personal mode). Once it has
people, each acts through a named :class:`Person` and may do only what their
:class:`Grant` rows allow, each grant a :class:`Role` over one partnership or over
every partnership of one local authority (``admin`` is over the whole database).
What each role allows is decided by the services (``services/roles.py``); here
are only the records and the rules about their text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")
"""A short login-style name, as ``useradd`` accepts by default: what forced commands and logs carry."""


class Role(StrEnum):
    COORDINATOR = "coordinator"
    PARTNER = "partner"
    FACILITATOR = "facilitator"
    VIEWER = "viewer"
    CHAIR = "chair"
    LA_OFFICER = "la-officer"
    ADMIN = "admin"


ROLE_HELP: dict[Role, str] = {
    Role.COORDINATOR: "answers, agrees ratings, edits membership and outcomes, plans, exports",
    Role.PARTNER: "a head teacher or service lead: adds evidence notes, votes in workshops, reads",
    Role.FACILITATOR: "runs workshops for the partnership, reads",
    Role.VIEWER: "reads and exports only",
    Role.CHAIR: "reads, exports, signs off the year's evaluation",
    Role.LA_OFFICER: "reads and exports every partnership of one local authority and its roll-ups",
    Role.ADMIN: "manages people and grants; reads and exports everything",
}
"""One line per role, for ``people grant --help`` and docs/deploy-ssh.md."""


def check_login(name: str) -> str:
    """The name as given when it is a valid login-style name; ValueError saying what one looks like."""
    if not LOGIN.fullmatch(name):
        raise ValueError(
            f"{name!r} is not a login-style name: use up to 32 lower-case letters, digits, '_', '.' or '-',"
            " starting with a letter or '_'"
        )
    return name


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise ValueError(f"{text!r} is not a role: use one of {', '.join(Role)}") from None


KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    }
)
"""What OpenSSH accepts today; DSA keys are refused by OpenSSH 9.8 and later, so they are refused here too."""

_COMMENT_LIMIT = 200


@dataclass(frozen=True)
class PublicKey:
    """One SSH public key as ``authorized_keys`` would hold it, without options (the gateway writes those)."""

    kind: str
    blob: str
    """The base64 text: the key itself, unique across all people."""
    comment: str = ""

    @property
    def line(self) -> str:
        return f"{self.kind} {self.blob} {self.comment}".rstrip()

    @property
    def fingerprint(self) -> str:
        """``SHA256:...`` as ``ssh-keygen -l`` prints it, which is what people compare."""
        digest = hashlib.sha256(base64.b64decode(self.blob)).digest()
        return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def parse_public_key(text: str) -> PublicKey:
    """One public key line (``ssh-ed25519 AAAA... comment``); ValueError with one line saying what is wrong.

    Options before the type are refused rather than kept: the gateway writes each
    key's options itself (``restrict,pty,command=...``), and a key arriving with
    its own could widen them. The base64 must decode to a blob naming the same
    type, which catches truncated pastes and keys of one type labelled as another.
    """
    line = text.strip()
    if not line:
        raise ValueError("the key is empty")
    if "\n" in line or "\r" in line:
        raise ValueError("a key is one line: give one key at a time")
    parts = line.split(None, 2)
    kind = parts[0]
    if kind not in KEY_TYPES:
        if kind == "ssh-dss":
            raise ValueError("DSA keys (ssh-dss) are no longer accepted by OpenSSH: use an ed25519 key")
        raise ValueError(
            f"this does not look like an SSH public key: it should start with one of {', '.join(sorted(KEY_TYPES))}"
            " (options before the key are not accepted)"
        )
    if len(parts) < 2:
        raise ValueError(f"the {kind} key has no key data after its type")
    blob = parts[1]
    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"the {kind} key's data is not valid base64 (was it cut short when copied?)") from None
    if _inner_type(raw) != kind:
        raise ValueError(f"the key's data is not a {kind} key (was it cut short or edited?)")
    comment = parts[2].strip() if len(parts) > 2 else ""
    if len(comment) > _COMMENT_LIMIT or any(ord(c) < 32 or ord(c) == 127 for c in comment):
        raise ValueError("the key's comment must be one short line of printable text")
    return PublicKey(kind, blob, comment)


def _inner_type(raw: bytes) -> str | None:
    """The key type a public key blob starts with (an SSH string: 4-byte length, then the text)."""
    if len(raw) < 4:
        return None
    length = int.from_bytes(raw[:4], "big")
    if length > 64 or len(raw) < 4 + length:
        return None
    try:
        return raw[4 : 4 + length].decode("ascii")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True, kw_only=True)
class LocalAuthority:
    """A local authority: partnerships belong to one, and LA-wide grants and roll-ups key on it."""

    id: int
    name: str


@dataclass(frozen=True, kw_only=True)
class Person:
    """Someone who reaches a shared database through the gateway, under their grants."""

    id: int
    name: str
    """The login-style name: what the forced command, the logs and ``answered_by`` carry."""
    display_name: str
    active: bool
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class PersonKey:
    """One of a person's SSH public keys: the gateway writes one ``authorized_keys`` line for each."""

    id: int
    person_id: int
    kind: str
    blob: str
    comment: str
    added_at: datetime

    @property
    def key(self) -> PublicKey:
        return PublicKey(self.kind, self.blob, self.comment)


@dataclass(frozen=True, kw_only=True)
class Grant:
    """A role over one partnership, over one local authority's partnerships, or (``admin``) over everything."""

    id: int
    person_id: int
    role: Role
    partnership_id: int | None
    local_authority_id: int | None
    granted_by: str
    granted_at: datetime


@dataclass(frozen=True, kw_only=True)
class AccessEntry:
    """One session through the gateway: who, when, from where, what they ran, and how it ended."""

    id: int
    person: str
    started_at: datetime
    ended_at: datetime | None
    origin: str
    """What ``SSH_CONNECTION`` said (client address and port, server address and port), or ``local``."""
    command: str
    outcome: str
    """``running`` until it ends; then ``ok``, ``refused: ...``, ``error: ...`` or ``exit N``."""
