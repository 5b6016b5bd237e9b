"""``selfeval ssh-shell NAME``: the command sshd runs for every key of the person NAME, whatever they typed.

The session is recorded in the access log before anything the person asked for
runs, and ended with how it went (``ok``, ``refused: ...``, ``error: ...`` or
``exit N``). What they typed (``SSH_ORIGINAL_COMMAND``) is parsed by
:mod:`.commands`; an allowed command runs in this process as the person, on the
database named by the forced command (the person can name none), through the
same command line as ``selfeval`` itself.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from types import FrameType
from typing import TYPE_CHECKING

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli import Ending
from selfeval_tui.shells.cli import run as run_command
from selfeval_tui.shells.cli.context import open_services
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.gateway.commands import (
    CHAT,
    Refusal,
    Request,
    help_text,
    parse,
)

if TYPE_CHECKING:
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services

LOGGED_COMMAND = 200
"""The access log keeps this much of what was typed (inert), enough to see what was tried."""


def origin(environ: Mapping[str, str]) -> str:
    """Where the session comes from, as ``SSH_CONNECTION`` says (client address and port first), else ``local``."""
    connection = inert(environ.get("SSH_CONNECTION", "").strip())
    return connection[:100] if connection else "local"


def ssh_shell(args: argparse.Namespace) -> int:
    """Run what the person asked for, as them; every refusal is one line on standard error and exit 2.

    The database is open here only to check the person and to start and end the
    session, never while their command runs with its own connection. SQLite's file
    locks belong to the process, and opening a second store on the same file in one
    process (which reads the file's header with a plain open and close) drops the
    first's locks: another process closing its last connection then takes the
    database for unused and deletes the -wal file under it, and the first's next
    commit is lost. One connection at a time avoids that.
    """
    name: str = args.name
    if getattr(args, "db", None) is None:
        raise UsageError("selfeval: ssh-shell needs --db PATH: the gateway never falls back to a default database")
    line = os.environ.get("SSH_ORIGINAL_COMMAND")
    with open_services(args) as services:
        entry, actor = _start(services, name, inert(line or "")[:LOGGED_COMMAND])
        try:
            code, outcome, argv = _prepare(services, actor, args, line)
        except Exception as exc:  # noqa: BLE001 (anything unforeseen: recorded, then one line rather than a traceback)
            code, outcome, argv = _unforeseen(exc)
        if argv is None:
            services.end_session(entry, outcome)
            return code
    try:
        with _ended_on_hang_up(args, entry):
            ending = run_command(argv, person=actor.name)
        code, outcome = ending.code, _outcome(ending)
    except Exception as exc:  # noqa: BLE001 (as above)
        code, outcome, _ = _unforeseen(exc)
    with open_services(args) as services:
        services.end_session(entry, inert(outcome)[:LOGGED_COMMAND])
    return code


def _start(services: Services, name: str, logged: str) -> tuple[int, Actor]:
    """The session's log entry and the person; an unknown or disabled person is logged, then one line and exit 2."""
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.errors import ServiceError

    try:
        actor = services.person_actor(name)
    except ServiceError as exc:
        entry = services.start_session(Actor(name, name, rights=frozenset()), origin(os.environ), logged)
        services.end_session(entry, f"refused: {exc}")
        raise UsageError(f"selfeval: {exc}") from None
    return services.start_session(actor, origin(os.environ), logged), actor


def _prepare(
    services: Services, actor: Actor, args: argparse.Namespace, line: str | None
) -> tuple[int, str, list[str] | None]:
    """The ``selfeval`` arguments to run, or (when there is nothing to run) the exit status and the log's outcome."""
    try:
        request = parse(line)
    except Refusal as exc:
        _say(str(exc))
        return 2, f"refused: {_reason(str(exc))}", None
    if request.command.selfeval == ():
        sys.stdout.write(help_text() if request.command.words == ("help",) else whoami(services, actor))
        sys.stdout.flush()
        return 0, "ok", None
    return 0, "", _selfeval_argv(services, actor, args, request)


def _unforeseen(exc: Exception) -> tuple[int, str, None]:
    _say(f"selfeval: something went wrong ({type(exc).__name__}); it is recorded in the access log")
    return 1, f"error: {type(exc).__name__}: {exc}", None


def _selfeval_argv(services: Services, actor: Actor, args: argparse.Namespace, request: Request) -> list[str]:
    """The request as ``selfeval`` arguments, on the forced command's database and bank.

    ``chat`` is plain mode unless both ends are a terminal (``ssh -t``); a person who
    may read only one partnership need not name it.
    """
    argv = ["--db", str(args.db)]
    if getattr(args, "questions", None) is not None:
        argv += ["--questions", str(args.questions)]
    argv += request.argv
    if request.command is CHAT and not request.plain and not (sys.stdin.isatty() and sys.stdout.isatty()):
        argv.append("--plain")
    if not any(word.startswith("--partnership=") for word in request.argv):
        readable = services.partnerships(actor)
        if len(readable) == 1:
            argv.append(f"--partnership={readable[0].name}")
    return argv


def whoami(services: Services, actor: Actor) -> str:
    """The person's name, display name and each grant in words."""
    from selfeval_tui.domain.people import ROLE_HELP

    shown = services.whoami(actor)
    lines = [f"{shown.person.name} ({shown.person.display_name})"]
    if not shown.grants:
        lines.append("  no grants yet: ask an administrator")
    for grant in shown.grants:
        lines.append(f"  {grant.role.value} over {grant.scope}: {ROLE_HELP[grant.role]}")
    lines.append(f"  {len(shown.keys)} key{'' if len(shown.keys) == 1 else 's'}")
    return inert("\n".join(lines)) + "\n"


def _outcome(ending: Ending) -> str:
    if ending.code == 0:
        return "ok"
    if ending.failure is not None:
        return f"{ending.failure}: {_reason(ending.said)}"
    return f"exit {ending.code}"


def _reason(said: str) -> str:
    return said.removeprefix("selfeval: ")


@contextmanager
def _ended_on_hang_up(args: argparse.Namespace, entry: int) -> Iterator[None]:
    """On SIGHUP (the connection closed) or SIGTERM, end the session in the log and exit at once.

    Exiting from the handler, rather than raising, works the same in plain mode and
    in the app, whose event loop would catch an exception; every answer is already
    committed, so nothing is lost.
    """

    def hung_up(signum: int, frame: FrameType | None) -> None:
        with suppress(Exception), open_services(args) as services:
            services.end_session(entry, f"exit {128 + signum} ({signal.Signals(signum).name})")
        os._exit(128 + signum)

    previous = {signum: signal.signal(signum, hung_up) for signum in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _say(line: str) -> None:
    with suppress(OSError):
        print(inert(line), file=sys.stderr, flush=True)

