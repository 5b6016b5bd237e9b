"""``selfeval people``: who may reach a shared database, with which keys, and to do what (docs/people.md).

Each action is one service call as the acting person (the owner of the file, or
an admin), so a refusal, an unknown role, a malformed or duplicate key, or an
unknown person, partnership or local authority is one line and exit 2, and
changes nothing. The actions are registered from :data:`ACTIONS`, so another
module adds its own (``people log``) with one entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from selfeval_tui.domain.inert import inert
from selfeval_tui.domain.people import ROLE_HELP, Role
from selfeval_tui.shells.cli import COMMANDS, options, people_log
from selfeval_tui.shells.cli.context import acting, open_services
from selfeval_tui.shells.cli.errors import UsageError

if TYPE_CHECKING:
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services
    from selfeval_tui.services.people import PersonShown, Scope

T = TypeVar("T")

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Action:
    """One ``people`` subcommand: its help line, its own options, and what runs it."""

    help: str
    arguments: Callable[[argparse.ArgumentParser, argparse.ArgumentParser], None]
    """Adds the action's own options to its parser; the second parser is the shared options' (for sub-actions)."""
    handler: Handler


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    parser = subparsers.add_parser(
        "people",
        help=COMMANDS["people"],
        parents=[common],
        description="People, their SSH keys and their grants on a shared database (see docs/people.md).",
    )
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser), metavar="ACTION")
    for name, action in ACTIONS.items():
        sub = actions.add_parser(name, help=action.help, description=action.help, parents=[common])
        action.arguments(sub, common)
        sub.set_defaults(handler=action.handler)
    people_log.register(actions, common)


def _gateway_follows(args: argparse.Namespace) -> None:
    """After a change to keys or to who is active: rewrite sshd's managed block, when one is installed.

    ``ssh install`` put it there; without it (personal use, or keys managed by
    hand) nothing is written and the admin runs ``selfeval ssh install`` when ready.
    """
    from selfeval_tui.shells.cli.ssh import refresh_installed

    refresh_installed(args)


def _key_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    keys = parser.add_mutually_exclusive_group(required=required) if required else parser
    keys.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="KEY",
        help='an SSH public key line: "ssh-ed25519 AAAA... comment"',
    )
    keys.add_argument(
        "--key-file",
        type=Path,
        metavar="FILE",
        help="a file of public keys, one a line (# comments and blank lines skipped)",
    )


def read_key_file(path: Path) -> list[str]:
    """The key lines of ``path``: a regular file only (never a FIFO or device), UTF-8, comments and blanks left out."""
    from selfeval_tui.files import NotAFileError, open_regular_file

    try:
        with open_regular_file(path) as handle:
            text = handle.read().decode("utf-8")
    except NotAFileError as exc:
        raise UsageError(f"selfeval: {exc}; give a file of public keys") from None
    except UnicodeDecodeError:
        raise UsageError(f"selfeval: {path} is not UTF-8 text; give a file of public keys") from None
    except OSError as exc:
        raise UsageError(f"selfeval: cannot read {path} ({exc.strerror or exc})") from None
    keys = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not keys:
        raise UsageError(f"selfeval: {path} holds no public key")
    return keys


def _given_keys(args: argparse.Namespace) -> list[str]:
    keys: list[str] = list(args.key)
    if args.key_file is not None:
        keys += read_key_file(args.key_file)
    return keys


def _add_arguments(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        metavar="NAME",
        help="a login-style name: lower-case letters, digits, _ . -",
    )
    parser.add_argument(
        "--name",
        dest="display_name",
        type=options.text,
        required=True,
        metavar="FULL NAME",
        help="the name others see",
    )
    _key_options(parser, required=False)


def _as_acting(args: argparse.Namespace, call: Callable[[Services, Actor], T]) -> T:
    """One service call as whoever is acting (the file's owner, or a person who must be an admin)."""
    with open_services(args) as services:
        return call(services, acting(args, services))


def add_command(args: argparse.Namespace) -> int:
    keys = _given_keys(args)
    person = _as_acting(args, lambda services, actor: services.add_person(actor, args.name, args.display_name, keys))
    print(inert(f"Added {person.name} ({person.display_name}) with {_count(len(keys), 'key')}"))
    if keys:
        _gateway_follows(args)
    return 0


def _key_arguments(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    keys = parser.add_subparsers(
        dest="key_action",
        required=True,
        parser_class=type(parser),
        metavar="add|remove",
    )
    add = keys.add_parser("add", help="give a person another key", parents=[common])
    add.add_argument("name", metavar="NAME")
    _key_options(add, required=True)
    add.set_defaults(handler=key_add_command)
    remove = keys.add_parser(
        "remove",
        help="take a key from a person: its line, or its SHA256: fingerprint",
        parents=[common],
    )
    remove.add_argument("name", metavar="NAME")
    remove.add_argument("key", metavar="KEY|SHA256:FINGERPRINT")
    remove.set_defaults(handler=key_remove_command)


def key_add_command(args: argparse.Namespace) -> int:
    keys = _given_keys(args)
    _as_acting(args, lambda services, actor: services.add_keys(actor, args.name, keys))  # all or none
    print(f"Added {_count(len(keys), 'key')} for {args.name}")
    _gateway_follows(args)
    return 0


def key_remove_command(args: argparse.Namespace) -> int:
    _as_acting(args, lambda services, actor: services.remove_key(actor, args.name, args.key))
    print(f"Removed the key from {args.name}")
    _gateway_follows(args)
    return 0


def _grant_arguments(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME")
    parser.add_argument("role", metavar="ROLE", help=f"one of {', '.join(Role)} (selfeval people roles)")
    # --partnership P (over one partnership) is the option every command shares.
    parser.add_argument(
        "--la",
        type=options.text,
        metavar="LA",
        help="over every partnership of one local authority",
    )


def _scope(args: argparse.Namespace) -> Scope:
    """``--partnership`` or ``--la``; the services refuse both, or neither for a role that needs one."""
    from selfeval_tui.services.people import Scope

    return Scope(partnership=getattr(args, "partnership", None), local_authority=args.la)


def grant_command(args: argparse.Namespace) -> int:
    scope = _scope(args)
    grant = _as_acting(args, lambda services, actor: services.grant(actor, args.name, args.role, scope))
    print(inert(f"{args.name} is now {grant.role.value} over {scope}"))
    return 0


def revoke_command(args: argparse.Namespace) -> int:
    scope = _scope(args)
    _as_acting(args, lambda services, actor: services.revoke(actor, args.name, args.role, scope))
    print(inert(f"{args.name} is no longer {args.role.strip().lower()} over {scope}"))
    return 0


def _list_arguments(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="as JSON (its shape is in docs/people.md)")


def list_command(args: argparse.Namespace) -> int:
    people = _as_acting(args, lambda services, actor: services.people(actor))
    if args.json:
        json.dump(
            {"people": [person_json(p) for p in people]},
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
        return 0
    if not people:
        print("No people yet: this database is one person's own file (selfeval people add NAME to share it)")
    for shown in people:
        sys.stdout.write(inert("\n".join(person_lines(shown))) + "\n")
    return 0


def person_json(shown: PersonShown) -> dict[str, object]:
    """One person in ``people list --json``: a stable shape (docs/people.md); names exactly as stored."""
    return {
        "name": shown.person.name,
        "display_name": shown.person.display_name,
        "active": shown.person.active,
        "keys": [{"type": k.kind, "fingerprint": k.key.fingerprint, "comment": k.comment} for k in shown.keys],
        "grants": [
            {
                "role": g.role.value,
                "partnership": g.scope.partnership,
                "local_authority": g.scope.local_authority,
            }
            for g in shown.grants
        ],
    }


def person_lines(shown: PersonShown) -> list[str]:
    """A person, then one indented line per key and per grant (the caller makes them inert)."""
    person = shown.person
    state = "" if person.active else "  (disabled)"
    lines = [f"{person.name}  {person.display_name}{state}"]
    lines += [f"  key    {k.key.fingerprint} {k.kind} {k.comment}".rstrip() for k in shown.keys]
    lines += [f"  grant  {g.role.value} over {g.scope}" for g in shown.grants]
    if not shown.grants:
        lines.append("  (no grants: may reach nothing)")
    return lines


def _name_argument(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME")


def _active(active: bool) -> Handler:
    def command(args: argparse.Namespace) -> int:
        _as_acting(args, lambda services, actor: services.set_active(actor, args.name, active))
        print(f"{args.name} is {'enabled' if active else 'disabled: their keys stay, but every call is refused'}")
        _gateway_follows(args)
        return 0

    return command


def _no_arguments(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    """``people roles`` takes none."""


def roles_command(args: argparse.Namespace) -> int:
    """Needs no database: the table is the code's."""
    width = max(len(role.value) for role in Role)
    for role in Role:
        print(f"{role.value:<{width}}  {ROLE_HELP[role]}")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


ACTIONS: dict[str, Action] = {
    "add": Action("add a person, with any SSH keys", _add_arguments, add_command),
    "key": Action("add or remove a person's SSH key", _key_arguments, key_add_command),
    "grant": Action(
        "give a person a role over a partnership (--partnership) or local authority (--la); admin: no scope",
        _grant_arguments,
        grant_command,
    ),
    "revoke": Action("take a role back", _grant_arguments, revoke_command),
    "list": Action("everyone, with their keys and grants", _list_arguments, list_command),
    "disable": Action("stop a person (their keys and grants stay)", _name_argument, _active(False)),
    "enable": Action("let a disabled person in again", _name_argument, _active(True)),
    "roles": Action("what each role may do", _no_arguments, roles_command),
}
"""Every ``people`` action, in ``--help`` order; ``people log`` (the gateway's access log) adds itself here."""
