"""``selfeval partnership set-la P LA``: which local authority a partnership belongs to.

An admin's change, as it changes who may read the partnership: an ``la-officer``
grant (and any grant ``--la``) covers every partnership of its local authority.
Partnerships made before local authorities were an entity, or without one, get
theirs here; ``""`` takes it away.
"""

from __future__ import annotations

import argparse

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli import COMMANDS, options
from selfeval_tui.shells.cli.context import acting, open_services
from selfeval_tui.shells.cli.errors import UsageError


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    parser = subparsers.add_parser("partnership", help=COMMANDS["partnership"], parents=[common])
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser), metavar="ACTION")
    set_la = actions.add_parser(
        "set-la",
        help="move a partnership to a local authority (made if new; '' for none)",
        parents=[common],
    )
    set_la.add_argument("name", type=options.text, metavar="PARTNERSHIP")
    set_la.add_argument("local_authority", type=options.text, metavar="LA")
    set_la.set_defaults(handler=set_la_command)


def set_la_command(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        actor = acting(args, services)
        partnership = services.partnership_named(actor, args.name)
        if partnership is None:
            raise UsageError(f"selfeval: there is no partnership called {args.name!r}")
        moved = services.set_local_authority(actor, partnership, args.local_authority)
    where = f"in {moved.local_authority}" if moved.local_authority else "in no local authority"
    print(inert(f"{moved.name} is now {where}"))
    return 0
