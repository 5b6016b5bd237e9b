"""``selfeval people log [--json]``: the gateway's access log, for admins.

Kept apart from the ``people`` command's module so that it registers with one
call there: ``people_log.register(actions, common)`` on the ``people`` command's
subparsers.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli.context import acting, open_services

if TYPE_CHECKING:
    from selfeval_tui.domain.people import AccessEntry


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "log",
        help="the gateway's sessions, latest first: who, when, from where, what they ran and how it ended",
        parents=[common],
    )
    parser.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    parser.add_argument("--limit", type=_positive, default=200, metavar="N", help="the latest N sessions (default 200)")
    parser.set_defaults(handler=log_command)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of sessions, 1 or more")
    return int(text)


def log_command(args: argparse.Namespace) -> int:
    """Needs the admin right (the account that owns the database has it); a refusal is one line."""
    with open_services(args) as services:
        entries = services.access_log(acting(args, services), args.limit)
    if args.json:
        json.dump([_record(entry) for entry in entries], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for entry in entries:
        sys.stdout.write(inert(_line(entry)) + "\n")
    return 0


def _record(entry: AccessEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "person": entry.person,
        "started_at": entry.started_at.isoformat(),
        "ended_at": entry.ended_at.isoformat() if entry.ended_at else None,
        "origin": entry.origin,
        "command": entry.command,
        "outcome": entry.outcome,
    }


def _line(entry: AccessEntry) -> str:
    started = entry.started_at.strftime("%Y-%m-%d %H:%M:%S")
    ended = entry.ended_at.strftime("%H:%M:%S") if entry.ended_at else "-"
    where = entry.origin.split()[0] if entry.origin.split() else "-"
    command = entry.command or "(no command)"
    return f"{started}  {ended:8}  {entry.person:12}  {where:15}  {command}  -> {entry.outcome}"
