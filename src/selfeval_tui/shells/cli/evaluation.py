"""``selfeval evaluation submit|sign-off|reopen|status``: the year's cycle of one evaluation (docs/signoff.md).

The coordinator submits; a chair or admin signs off (with a date and a comment),
which locks the evaluation; reopening needs a chair or admin and a reason. Each
prints one line saying where the evaluation now is; a refusal is one line and exit 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli import COMMANDS, options
from selfeval_tui.shells.cli.context import acting, open_services
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.cli.export import check_year, existing_db, parse_date

if TYPE_CHECKING:
    from selfeval_tui.domain.signoff import SignOffEvent

ACTIONS = {
    "submit": "the coordinator hands the year's evaluation to the chair for sign-off",
    "sign-off": "a chair or admin signs off the submitted evaluation (--date, --comment); it is then locked",
    "reopen": "a chair or admin unlocks a signed-off evaluation, with --reason (recorded)",
    "status": "where the evaluation is in its cycle, and every submission, sign-off and reopening",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("evaluation", help=COMMANDS["evaluation"], parents=[common])
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    for name, help_line in ACTIONS.items():
        action = actions.add_parser(name, help=help_line, parents=[common])
        if name in ("submit", "sign-off"):
            action.add_argument("--comment", type=options.text, default="", metavar="TEXT", help="a comment, kept with it")
        if name == "sign-off":
            action.add_argument("--date", metavar="YYYY-MM-DD", help="the date it was signed off (default: today)")
        if name == "reopen":
            action.add_argument("--reason", type=options.text, required=True, metavar="TEXT", help="why it is reopened")
        action.set_defaults(handler=evaluation_command)


def evaluation_command(args: argparse.Namespace) -> int:
    name, year = getattr(args, "partnership", None), getattr(args, "year", None)
    if not name or not year:
        raise UsageError(f"selfeval: evaluation {args.action} needs --partnership NAME and --year YYYY/YY")
    check_year(year)
    date = parse_date(getattr(args, "date", None))
    path = existing_db(args)
    with open_services(args) as services:
        actor = acting(args, services)
        target = services.find(actor, name, year)
        if target.partnership is None:
            raise UsageError(f"selfeval: there is no partnership called {name!r} in {path}")
        if target.evaluation is None:
            raise UsageError(f"selfeval: {target.partnership.name} has no evaluation for {year}")
        evaluation_id = target.evaluation.id
        where = f"{year} of {target.partnership.name}"
        if args.action == "submit":
            state = services.submit(actor, evaluation_id, args.comment)
        elif args.action == "sign-off":
            state = services.sign_off(actor, evaluation_id, date, args.comment)
        elif args.action == "reopen":
            state = services.reopen(actor, evaluation_id, args.reason)
        else:
            state = services.sign_off_state(actor, evaluation_id)
            print(inert(f"{where}: {state.words}"))
            for event in state.events:
                print(inert(f"  {_event_line(event)}"))
            return 0
    print(inert(f"{where}: {state.words}"))
    return 0


def _event_line(event: SignOffEvent) -> str:
    """One history row, as ``status`` lists them: when, what, who, and the comment or reason."""
    what = {"submit": "submitted", "sign_off": "signed off", "reopen": "reopened"}[event.change]
    dated = f" (dated {event.signed_on.isoformat()})" if event.signed_on else ""
    said = f": {event.comment}" if event.comment else ""
    return f"{event.changed_at.astimezone():%Y-%m-%d %H:%M} {what} by {event.changed_by}{dated}{said}"
