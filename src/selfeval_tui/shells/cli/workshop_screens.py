"""``selfeval workshop run|project|join|serve``: the workshop's screens (the one-shot steps are in cli/workshop.py).

- ``run``: the facilitator's TUI (``--plain``: typed commands and plain lines, for a screen reader);
- ``project``: the read-only projector view, kept live;
- ``join``: the voter's view (what the gateway's ``workshop join`` runs);
- ``serve``: the participant view in a browser through textual-serve, bound to 127.0.0.1 unless
  ``--host`` says otherwise; each browser runs the hidden ``participate``, which asks for the join
  code and a name from the invitation list (docs/workshop.md says what a wider host exposes).

The workshop is chosen as every ``workshop`` action chooses it (``--workshop ID``,
else the running one, else the only one planned); several give one line listing them.
Textual is imported only once everything that can fail in one line has been checked.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from selfeval_tui.shells.cli.context import acting, open_services, require_framework
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.cli.options import add_theme_option
from selfeval_tui.shells.cli.workshop import _chosen, add_action
from selfeval_tui.shells.workshop.room import Room

if TYPE_CHECKING:
    from selfeval_tui.services.open import Services

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000

SCREENS = {
    "run": "run the workshop: the facilitator's screen (--plain for typed commands and plain lines)",
    "project": "the read-only projector view, kept live",
    "join": "vote in the live workshop of your partnership",
    "serve": "serve the participant view to browsers (textual-serve; 127.0.0.1 unless --host)",
}


def register_screens(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], parents: list[argparse.ArgumentParser]
) -> None:
    """Add the screens to ``selfeval workshop``'s actions (called by ``cli.workshop.register``)."""
    for name, help_line in SCREENS.items():
        parser = add_action(actions, name, help_line, HANDLERS[name], parents)
        if name != "serve":
            add_theme_option(parser)
    actions.choices["run"].add_argument("--plain", action="store_true", help="typed commands and plain lines")
    serve = actions.choices["serve"]
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    # What each browser runs, not listed in --help: the participant's join screen.
    actions.add_parser("participate", parents=parents).set_defaults(handler=participate_command)


def _room(services: Services, args: argparse.Namespace) -> Room:
    actor = acting(args, services)
    workshop = _chosen(args, services, actor)
    return Room(services, actor, require_framework(args), workshop.id)


def _screen_app(args: argparse.Namespace, screen: str) -> int:
    require_framework(args)
    with open_services(args) as services:
        room = _room(services, args)
        if screen == "run" and getattr(args, "plain", False):
            from selfeval_tui.shells.plain.workshop import run

            return run(room, sys.stdin, sys.stdout)
        return run_app(room, screen, getattr(args, "theme", None))


def run_app(room: Room, screen: str, theme: str | None = None) -> int:
    """The workshop app on one screen: ``run`` (facilitator), ``project``, ``join`` (voter) or ``participate``."""
    from selfeval_tui.shells.tui.workshop.app import WorkshopApp, screen_for

    app = WorkshopApp(room, screen_for(screen), theme=theme)
    app.run()
    if app.store_failure is not None:
        raise app.store_failure
    return app.return_code or 0


def run_command(args: argparse.Namespace) -> int:
    return _screen_app(args, "run")


def project_command(args: argparse.Namespace) -> int:
    return _screen_app(args, "project")


def join_command(args: argparse.Namespace) -> int:
    return _screen_app(args, "join")


def participate_command(args: argparse.Namespace) -> int:
    """A browser's participant: the code and a name from the invitation list, then the voter's screen."""
    return _screen_app(args, "participate")


def participant_command(args: argparse.Namespace, workshop_id: int) -> str:
    """The command textual-serve runs for each browser: this Python, this database and bank, ``participate``."""
    argv = [sys.executable, "-c", "from selfeval_tui.launch import main; raise SystemExit(main())"]
    for option in ("db", "questions"):
        value = getattr(args, option, None)
        if value is not None:
            argv += [f"--{option}", os.fspath(value)]
    return shlex.join([*argv, "workshop", "participate", "--workshop", str(workshop_id)])


def serve_command(args: argparse.Namespace) -> int:
    require_framework(args)
    if not 0 < args.port < 65536:
        raise UsageError(f"selfeval: --port {args.port} is not a port (1-65535)")
    with open_services(args) as services:
        room = _room(services, args)
        workshop_id = room.workshop_id
        code = room.status().workshop.code
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError("selfeval: workshop serve needs textual-serve (pip install textual-serve)") from None
    print(f"Serving workshop {workshop_id} on http://{args.host}:{args.port} (join code {code}); Ctrl+C stops.", flush=True)
    if args.host not in (DEFAULT_HOST, "localhost", "::1"):
        print(
            "selfeval: anyone who can reach this address and knows the join code can vote as an invited name "
            "(docs/workshop.md)",
            file=sys.stderr,
            flush=True,
        )
    Server(participant_command(args, workshop_id), host=args.host, port=args.port, title="selfeval workshop").serve()
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace], Any]] = {
    "run": run_command,
    "project": project_command,
    "join": join_command,
    "serve": serve_command,
}
