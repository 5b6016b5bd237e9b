"""``selfeval db check``: read the whole database file for damage, on demand.

An ordinary open no longer reads every page (that took 0.6 s on a 125 MB file,
paid by every command and every start); it does so only before a migration and
after an unclean shutdown. This command is the full check for whenever someone
wants to be sure, for example after restoring a backup: one line, exit 0 or 2.
"""

from __future__ import annotations

import argparse

from selfeval_tui.shells.cli import COMMANDS
from selfeval_tui.shells.cli.errors import UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("db", help=COMMANDS["db"], parents=[common])
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    check = actions.add_parser(
        "check",
        help="read every page of the database (PRAGMA integrity_check) and say 'ok' or what is wrong",
        parents=[common],
    )
    check.set_defaults(handler=check_command)


def check_command(args: argparse.Namespace) -> int:
    """Never creates, migrates or changes the file: a missing file is an error, not a new database."""
    from selfeval_tui.services.database import check_database, resolve_db_path
    from selfeval_tui.services.errors import ServiceError

    path = resolve_db_path(getattr(args, "db", None))
    try:
        check_database(path)
    except ServiceError as exc:
        raise UsageError(f"selfeval: {exc}") from None
    print(f"{path}: ok")
    return 0
