"""What each role allows: the one table the services check a person's grants against.

docs/deploy-ssh.md shows this table; tests/unit/test_people_permissions.py checks
every role against every action, in the own partnership, another partnership and
another local authority.
"""

from __future__ import annotations

from selfeval_tui.domain.people import Grant, Role
from selfeval_tui.services.actor import Right

ROLE_RIGHTS: dict[Role, frozenset[Right]] = {
    Role.COORDINATOR: frozenset(
        {
            Right.READ,
            Right.ANSWER,
            Right.NOTE,
            Right.AGREE,
            Right.EDIT_PARTNERSHIP,
            Right.PLAN,
            Right.EXPORT,
            Right.VOTE,
            Right.FACILITATE,
        }
    ),
    Role.PARTNER: frozenset({Right.READ, Right.NOTE, Right.VOTE}),
    Role.FACILITATOR: frozenset({Right.READ, Right.FACILITATE, Right.VOTE}),
    Role.VIEWER: frozenset({Right.READ, Right.EXPORT}),
    Role.CHAIR: frozenset({Right.READ, Right.EXPORT, Right.SIGN_OFF}),
    Role.LA_OFFICER: frozenset({Right.READ, Right.EXPORT, Right.ROLLUP}),
    Role.ADMIN: frozenset({Right.ADMIN, Right.READ, Right.EXPORT, Right.ROLLUP, Right.SIGN_OFF}),
}
"""Coordinators may also vote and facilitate: in a small partnership the coordinator often runs the workshop.
An admin may also sign off and reopen (issue 17: "a chair (or an admin)"). An admin grant is over the whole database; every other grant is over one partnership or one local authority."""


def covers(grant: Grant, partnership_id: int | None, local_authority_id: int | None) -> bool:
    """Whether ``grant`` is over this partnership (of this local authority): directly, through the LA, or as admin.

    With ``partnership_id`` None the question is about the whole database, which only an admin grant is over.
    """
    if grant.role is Role.ADMIN:
        return True
    if partnership_id is None:
        return False
    if grant.partnership_id == partnership_id:
        return True
    return grant.local_authority_id is not None and grant.local_authority_id == local_authority_id


def granted(grants: list[Grant], partnership_id: int | None, local_authority_id: int | None) -> frozenset[Right]:
    """Everything the grants allow over one partnership: the union of each covering grant's role."""
    rights: set[Right] = set()
    for grant in grants:
        if covers(grant, partnership_id, local_authority_id):
            rights |= ROLE_RIGHTS[grant.role]
    return frozenset(rights)
