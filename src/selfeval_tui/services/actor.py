"""Who is acting, and with what rights: every service call takes one.

Personal use (a database with no people in it) is one person's own file, so the
OS user may do everything: ``Actor.os_user()``. On a shared database a person
acts through ``Services.person_actor(name)``: ``person_id`` is set, and what they
may do in each partnership comes from their grants (``services/roles.py``), read
afresh on every call so that a revoked grant or a disabled person stops at once.
The services check them, so the rule lives in one place and nothing below the
services can be reached without an Actor.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum


def os_user() -> str:
    """Who is acting in personal mode: the account the process runs as, never ``LOGNAME`` or ``USER``.

    Those variables are whatever the person sets (``USER=head selfeval``), so
    answers would say anything. The uid is the kernel's; its name comes from the
    password database, and a uid without an entry there (some containers) is
    recorded as ``uid 1234`` rather than refused. Where there are no uids
    (Windows) the login name is all there is.
    """
    if not hasattr(os, "getuid"):
        import getpass  # here: only Windows needs it, and it loads termios (2 ms of every command elsewhere)

        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "unknown"
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


class Right(StrEnum):
    """One thing a person may do; what each role grants is decided by the services."""

    READ = "read"
    ANSWER = "answer"
    """Answer questions and add evidence notes."""
    AGREE = "agree"
    """Set or clear an element's agreed rating."""
    EDIT_PARTNERSHIP = "edit_partnership"
    """Create partnerships and evaluations, edit membership and key outcome targets and values."""
    PLAN = "plan"
    """Add and change the action plan: actions, progress notes, reasons for no action."""
    EXPORT = "export"
    NOTE = "note"
    """Add an evidence note to an answered question without changing its answer."""
    VOTE = "vote"
    """Vote in the partnership's workshops."""
    FACILITATE = "facilitate"
    """Plan and run the partnership's workshops."""
    SIGN_OFF = "sign_off"
    """Sign off (and reopen) the year's evaluation."""
    ROLLUP = "rollup"
    """See roll-ups across the partnerships one may read."""
    ADMIN = "admin"
    """Manage people and grants."""


EVERY_RIGHT = frozenset(Right)


@dataclass(frozen=True)
class Actor:
    """A person acting through a shell: ``name`` is what every write records (``answered_by``).

    ``rights`` is a ceiling: what this actor may ever do. For a person (``person_id``
    set) the services narrow it further, per partnership, by their grants.
    """

    name: str
    display_name: str = ""
    rights: frozenset[Right] = field(default=EVERY_RIGHT)
    person_id: int | None = None

    def may(self, right: Right) -> bool:
        """Within the ceiling; for a person, ``Services.rights`` says what their grants allow where."""
        return right in self.rights

    @property
    def is_person(self) -> bool:
        return self.person_id is not None

    @property
    def shown_name(self) -> str:
        return self.display_name or self.name

    @classmethod
    def os_user(cls, name: str | None = None) -> Actor:
        """The account the process runs as, with every right: personal mode, as selfeval has always been."""
        return cls(name or os_user())
