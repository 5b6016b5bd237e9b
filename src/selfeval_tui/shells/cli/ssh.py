"""``selfeval ssh authorized-keys`` and ``selfeval ssh install``: the lines that force each key through the gateway."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfeval_tui.shells.cli import COMMANDS
from selfeval_tui.shells.cli.context import acting, open_services
from selfeval_tui.shells.cli.errors import UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "ssh",
        help=COMMANDS["ssh"],
        parents=[common],
        description="Each active person's keys as authorized_keys lines forced to run `selfeval ssh-shell NAME`"
        " (see docs/deploy-ssh.md). Needs the admin right; the account that owns the database has it.",
    )
    actions = parser.add_subparsers(dest="ssh_action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    printing = actions.add_parser("authorized-keys", help="print the lines", parents=[common])
    printing.set_defaults(handler=authorized_keys_command)
    installing = actions.add_parser(
        "install",
        help="write the lines into authorized_keys between marker lines, keeping every other line",
        parents=[common],
    )
    installing.add_argument(
        "--file",
        type=Path,
        metavar="PATH",
        help="the authorized_keys file to update (default: ~/.ssh/authorized_keys of the account running this)",
    )
    installing.set_defaults(handler=install_command)


def _lines(args: argparse.Namespace) -> list[str]:
    from selfeval_tui.services.database import resolve_db_path
    from selfeval_tui.shells.gateway.authorized_keys import (
        GatewayError,
        forced_lines,
        selfeval_script,
    )

    db = resolve_db_path(getattr(args, "db", None)).resolve()
    if not db.is_file():
        raise UsageError(f"selfeval: {db}: there is no database here; create it before giving people keys to it")
    with open_services(args) as services:
        keys = services.gateway_keys(acting(args, services))
    questions = getattr(args, "questions", None)
    try:
        return forced_lines(keys, selfeval_script(), db, questions.resolve() if questions is not None else None)
    except GatewayError as exc:
        raise UsageError(f"selfeval: {exc}") from None


def authorized_keys_command(args: argparse.Namespace) -> int:
    lines = _lines(args)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 0


def install_command(args: argparse.Namespace) -> int:
    from selfeval_tui.shells.gateway.authorized_keys import GatewayError, install

    lines = _lines(args)
    try:
        path = install(lines, args.file)
    except GatewayError as exc:
        raise UsageError(f"selfeval: {exc}") from None
    except OSError as exc:
        raise UsageError(f"selfeval: cannot write {exc.filename or args.file} ({exc.strerror or exc}); it is unchanged") from None
    print(f"Wrote {len(lines)} key line{'' if len(lines) == 1 else 's'} to {path}", file=sys.stderr)
    return 0


def refresh_installed(args: argparse.Namespace) -> Path | None:
    """Rewrite the managed block of ``~/.ssh/authorized_keys`` if it has one; the path, or None when there is none.

    For the ``people`` commands that change keys or who is active: call it after the
    change, so that sshd's file follows the database without a second command.
    """
    from selfeval_tui.shells.gateway.authorized_keys import BEGIN, default_file

    path = default_file()
    try:
        if BEGIN not in path.read_text():
            return None
    except (OSError, UnicodeDecodeError):
        return None
    args.file = path
    install_command(args)
    return path
