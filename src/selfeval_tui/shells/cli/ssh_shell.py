"""``selfeval ssh-shell NAME``: registered here, run by ``shells.gateway.forced`` (docs/deploy-ssh.md)."""

from __future__ import annotations

import argparse

from selfeval_tui.shells.cli import COMMANDS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "ssh-shell",
        help=COMMANDS["ssh-shell"],
        parents=[common],
        description="Run what SSH_ORIGINAL_COMMAND asks for, if the gateway allows it, as the person NAME."
        " Written into authorized_keys by `selfeval ssh install`; not for typing.",
    )
    parser.add_argument("name", metavar="NAME", help="the person every key of this line belongs to")
    parser.set_defaults(handler=_ssh_shell)


def _ssh_shell(args: argparse.Namespace) -> int:
    from selfeval_tui.shells.gateway.forced import ssh_shell

    return ssh_shell(args)
