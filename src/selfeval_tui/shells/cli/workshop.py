"""``selfeval workshop ...``: plan and run a moderation workshop, vote in it, and see where it is (docs/workshop.md).

Every action is one short command, so each works through the SSH gateway as
well as on the facilitator's own machine: the person acting is the gateway's
(``args.person``) or the local one (``context.acting``). A command that names no
``--workshop`` acts on the workshop that is running (of ``--partnership``, if
given), else the only one planned. Bad input is one line and exit 2 with
nothing changed: the services check everything before they write.

``ACTIONS`` lists the words after ``workshop``; the gateway's allowlist takes it
from here. The TUI screens (``run``, ``project``, ``serve``, ``join``) add their
own actions with ``add_action``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from selfeval_tui.shells.cli import COMMANDS, options
from selfeval_tui.shells.cli.context import acting, open_services, require_framework
from selfeval_tui.shells.cli.errors import UsageError

if TYPE_CHECKING:
    from selfeval_tui.domain.framework import Level
    from selfeval_tui.domain.workshops import Workshop, WorkshopStatus
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services

Handler = Callable[[argparse.Namespace], int]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

ACTIONS: dict[str, str] = {
    "new": "plan a workshop: --partnership, --title, --date, the agenda (--element, repeated) and --invite",
    "list": "the workshops of a partnership's evaluation (or of every evaluation you may read)",
    "agenda": "show the agenda; 'agenda add|remove|move ELEMENT' changes it",
    "invite": "invite people (or --remove one)",
    "open": "open an agenda item for discussion: its timer starts",
    "voting": "open silent voting on the item under discussion",
    "vote": "vote on the item being voted on: ELEMENT LEVEL [--reason TEXT]; change it until the reveal",
    "reveal": "reveal the votes of the current round",
    "revote": "start a new round of voting on the current item (earlier rounds are kept)",
    "tally": "enter a show of hands for the current round: \"Established 3, Developed 2\"",
    "agree": "record the agreed rating: ELEMENT LEVEL --reason TEXT [--dissent \"NAME: why\"]",
    "next": "open the next item on the agenda",
    "park": "park an item (the current one unless named) for later",
    "extend": "extend the current item's timebox by MINUTES (negative to cut it)",
    "cut": "cut the current item's timebox by MINUTES",
    "end": "end the workshop",
    "status": "where the workshop is: the item, the timer, how many have voted (--json: the documented shape)",
}
"""Every ``workshop`` action this module registers, with its help line."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "workshop",
        help=COMMANDS["workshop"],
        parents=[common],
        description="Plan and run a moderation workshop: agenda, silent votes, reveal, agreed ratings with dissent.",
    )
    workshop = argparse.ArgumentParser(add_help=False)
    workshop.add_argument(
        "--workshop", type=int, default=argparse.SUPPRESS, metavar="ID", help="which workshop (default: the running one)"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=type(parser))
    parents = [common, workshop]

    def add(name: str, handler: Handler) -> argparse.ArgumentParser:
        return add_action(actions, name, ACTIONS[name], handler, parents)

    new = add("new", new_command)
    new.add_argument("--title", type=options.text, required=True, help="what the workshop is called")
    new.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day it is held")
    new.add_argument(
        "--element", action="append", metavar="ID", help="an element for the agenda, in order (repeat it); "
        "default: those provisional, not started, or agreed at a level the answers do not give",
    )  # fmt: skip
    new.add_argument("--timebox", type=_minutes, default=10 * 60, metavar="MINUTES", help="per item (default 10)")
    new.add_argument("--invite", type=options.text, action="append", default=[], metavar="NAME", help="repeat it")

    add("list", list_command)

    agenda = add("agenda", agenda_command)
    agenda.add_argument("change", nargs="?", choices=("add", "remove", "move"), help="add, remove or move an item")
    agenda.add_argument("element", nargs="?", metavar="ELEMENT")
    agenda.add_argument("position", nargs="?", type=int, metavar="POSITION", help="for move (1 is first)")
    agenda.add_argument("--position", dest="at", type=int, metavar="N", help="for add: where (default: last)")
    agenda.add_argument("--timebox", type=_minutes, default=10 * 60, metavar="MINUTES", help="for add (default 10)")

    invite = add("invite", invite_command)
    invite.add_argument("names", nargs="+", type=options.text, metavar="NAME")
    invite.add_argument("--remove", action="store_true", help="take the names off the invitation list")

    add("open", open_command).add_argument("element", metavar="ELEMENT")
    add("voting", voting_command)

    vote = add("vote", vote_command)
    vote.add_argument("element", metavar="ELEMENT")
    vote.add_argument("level", type=options.text, metavar="LEVEL", help="not_yet, developing, developed, established, enhancing or abstain")
    vote.add_argument("--reason", type=options.text, default="", metavar="TEXT")
    vote.add_argument("--for", dest="voter", type=options.text, metavar="NAME", help="personal use: the invitee whose vote this is")

    add("reveal", reveal_command)
    add("revote", revote_command)
    add("tally", tally_command).add_argument("counts", type=options.text, metavar="COUNTS", help="\"Established 3, Developed 2\"")

    agree = add("agree", agree_command)
    agree.add_argument("element", metavar="ELEMENT")
    agree.add_argument("level", type=options.text, metavar="LEVEL")
    agree.add_argument("--reason", type=options.text, required=True, metavar="TEXT")
    agree.add_argument("--dissent", type=options.text, action="append", default=[], metavar="\"NAME: why\"")

    add("next", next_command)
    add("park", park_command).add_argument("element", nargs="?", metavar="ELEMENT")
    for name, handler in (("extend", extend_command), ("cut", cut_command)):
        timebox = add(name, handler)
        timebox.add_argument("minutes", type=_signed_minutes, metavar="MINUTES")
        timebox.add_argument("--element", metavar="ID", help="another item than the current one")
    add("end", end_command)
    add("status", status_command).add_argument("--json", action="store_true", help="the documented, stable JSON shape")

    from selfeval_tui.shells.cli.workshop_screens import register_screens

    register_screens(actions, parents)  # run, project, join, serve: the screens (docs/workshop.md, "The screens")


def add_action(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_line: str,
    handler: Handler,
    parents: list[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """One ``workshop NAME`` action with the shared options (``--db``, ``--partnership``, ``--workshop`` ...)."""
    parser = actions.add_parser(name, help=help_line, parents=parents, description=help_line)
    parser.set_defaults(handler=handler)
    return parser


# Parsing


def _minutes(text: str) -> int:
    seconds = _signed_minutes(text)
    if seconds < 60:
        raise argparse.ArgumentTypeError(f"a timebox is a whole number of minutes, at least 1, not {text!r}")
    return seconds


def _signed_minutes(text: str) -> int:
    try:
        return int(text) * 60
    except ValueError:
        raise argparse.ArgumentTypeError(f"minutes are a whole number, not {text!r}") from None


def _date(text: str) -> date:
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"selfeval: --date must be a real date written YYYY-MM-DD, not {text!r}")


def _level(text: str) -> Level | None:
    from selfeval_tui.domain.workshops import parse_level

    try:
        return parse_level(text)
    except ValueError as exc:
        raise UsageError(f"selfeval: {exc}") from None


def _agreed_level(text: str) -> Level:
    level = _level(text)
    if level is None:
        raise UsageError("selfeval: an agreed rating is a level, not an abstention")
    return level


# Which workshop


def _chosen(args: argparse.Namespace, services: Services, actor: Actor) -> Workshop:
    """``--workshop``, else the running one (of ``--partnership``), else the only planned one."""
    from selfeval_tui.domain.workshops import WorkshopState

    wanted = getattr(args, "workshop", None)
    if wanted is not None:
        return services.workshop(actor, wanted)
    partnership = _partnership_id(args, services, actor)
    every = services.workshops(actor)
    if partnership is not None:
        evaluations = {e.id for e in services.evaluations(actor, partnership)}
        every = [w for w in every if w.evaluation_id in evaluations]
    for state in (WorkshopState.RUNNING, WorkshopState.PLANNED):
        found = [w for w in every if w.state is state]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = ", ".join(f"{w.id} ({w.title})" for w in found)
            raise UsageError(f"selfeval: more than one workshop is {state.value} ({listed}); say which with --workshop ID")
    raise UsageError("selfeval: no workshop is running or planned here; plan one with 'selfeval workshop new'")


def _partnership_id(args: argparse.Namespace, services: Services, actor: Actor) -> int | None:
    name = getattr(args, "partnership", None)
    if not name:
        return None
    partnership = services.partnership_named(actor, name)
    if partnership is None:
        raise UsageError(f"selfeval: there is no partnership called {name!r}")
    return partnership.id


def _run(args: argparse.Namespace, act: Callable[[Services, Actor, Workshop], str]) -> int:
    """Open the database, find who acts and on which workshop, do it, and say what was done in one line."""
    with open_services(args) as services:
        actor = acting(args, services)
        print(act(services, actor, _chosen(args, services, actor)))
    return 0


# Planning


def new_command(args: argparse.Namespace) -> int:
    name, year = getattr(args, "partnership", None), getattr(args, "year", None)
    if not name:
        raise UsageError("selfeval: workshop new needs --partnership NAME (and --year, else its latest evaluation)")
    on = _date(args.date)
    framework = require_framework(args)
    with open_services(args) as services:
        actor = acting(args, services)
        partnership = services.partnership_named(actor, name)
        if partnership is None:
            raise UsageError(f"selfeval: there is no partnership called {name!r}")
        years = sorted(e.year for e in services.evaluations(actor, partnership.id))
        year = year or (years[-1] if years else None)
        evaluation = services.find(actor, partnership.name, year).evaluation if year else None
        if evaluation is None:
            raise UsageError(f"selfeval: {partnership.name} has no evaluation for {year or 'any year'}")
        workshop = services.new_workshop(
            actor, framework, evaluation.id, args.title, on,
            agenda=args.element, timebox_seconds=args.timebox, invitees=args.invite,
        )  # fmt: skip
        items = services.agenda(actor, workshop.id)
    elements = ", ".join(item.element_id for item in items) or "none yet"
    print(f"Workshop {workshop.id} planned: {workshop.title} on {workshop.date.isoformat()}; agenda: {elements}")
    return 0


def list_command(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        actor = acting(args, services)
        partnership = _partnership_id(args, services, actor)
        evaluations = {e.id: e for e in services.evaluations(actor, partnership)}
        shown = [w for w in services.workshops(actor) if w.evaluation_id in evaluations]
        names = {p.id: p.name for p in services.partnerships(actor)}
        for w in shown:
            evaluation = evaluations[w.evaluation_id]
            print(
                f"{w.id}\t{w.date.isoformat()}\t{w.state.value}\t{names.get(evaluation.partnership_id, '')}"
                f" {evaluation.year}\t{w.title}"
            )
    if not shown:
        print("No workshops yet.", file=sys.stderr)
    return 0


def agenda_command(args: argparse.Namespace) -> int:
    change = args.change
    if change is not None and args.element is None:
        raise UsageError(f"selfeval: workshop agenda {change} needs an ELEMENT")
    if change == "move" and args.position is None:
        raise UsageError("selfeval: workshop agenda move needs ELEMENT and POSITION (1 is first)")
    if change != "move" and args.position is not None:
        raise UsageError("selfeval: a POSITION is for 'agenda move'; 'agenda add' takes --position N")
    framework = require_framework(args) if change == "add" else None

    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        if change == "add":
            assert framework is not None
            services.add_item(actor, framework, workshop.id, args.element, position=args.at, timebox_seconds=args.timebox)
        elif change == "remove":
            services.remove_item(actor, workshop.id, args.element)
        elif change == "move":
            services.move_item(actor, workshop.id, args.element, args.position)
        return "\n".join(
            f"{item.position}. {item.element_id}\t{item.state.value}\t{item.timebox_seconds // 60} min"
            f"\t{item.used_seconds // 60} min used"
            for item in services.agenda(actor, workshop.id)
        ) or "The agenda is empty."

    return _run(args, act)


def invite_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        if args.remove:
            for name in args.names:
                services.uninvite(actor, workshop.id, name)
        else:
            services.invite(actor, workshop.id, args.names)
        invited = services.invitees(actor, workshop.id)
        return f"Invited to workshop {workshop.id}: {', '.join(invited) or 'nobody'}"

    return _run(args, act)


# Running


def open_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        item = services.open_item(actor, workshop.id, args.element)
        return f"{item.element_id} is open for discussion ({item.timebox_seconds // 60} minutes)"

    return _run(args, act)


def voting_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        round_ = services.open_voting(actor, workshop.id)
        return f"Voting is open on {round_.element_id} (round {round_.number})"

    return _run(args, act)


def vote_command(args: argparse.Namespace) -> int:
    level = _level(args.level)

    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        from selfeval_tui.domain.workshops import level_title

        cast = services.vote(actor, workshop.id, args.element, level, args.reason, voter=args.voter)
        status = services.status(actor, workshop.id)
        said = f"Your vote on {args.element} (round {cast.vote.round}) is recorded: {level_title(level)}."
        if cast.revealed:
            return f"{said} That was the last vote awaited: the votes are revealed."
        current = status.current
        counted = f" {current.voted} of {current.eligible} have voted." if current and current.eligible else ""
        return f"{said}{counted} You can change it until the reveal."

    return _run(args, act)


def reveal_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        services.reveal(actor, workshop.id)
        return _status_text(services.status(actor, workshop.id, framework=require_framework(args)), datetime.now(UTC))

    return _run(args, act)


def revote_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        round_ = services.revote(actor, workshop.id)
        return f"Round {round_.number} of voting is open on {round_.element_id}; the earlier rounds are kept"

    return _run(args, act)


def tally_command(args: argparse.Namespace) -> int:
    from selfeval_tui.domain.workshops import level_title, parse_tally

    try:
        counts = parse_tally(args.counts)
    except ValueError as exc:
        raise UsageError(f"selfeval: {exc}") from None

    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        tally = services.tally(actor, workshop.id, counts)
        said = ", ".join(f"{level_title(level)} {count}" for level, count in tally.counts.items())
        return f"Show of hands for {tally.element_id} (round {tally.round}): {said}"

    return _run(args, act)


def agree_command(args: argparse.Namespace) -> int:
    from selfeval_tui.domain.workshops import parse_dissent

    level = _agreed_level(args.level)
    try:
        dissent = [parse_dissent(text) for text in args.dissent]
    except ValueError as exc:
        raise UsageError(f"selfeval: {exc}") from None

    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        agreed = services.agree(actor, workshop.id, args.element, level, args.reason, dissent)
        against = f"; dissent: {', '.join(d.person for d in agreed.dissent)}" if agreed.dissent else ""
        return f"{agreed.element_id} agreed at {agreed.level.title}{against}; the evaluation's agreed rating is saved"

    return _run(args, act)


def next_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        item = services.next_item(actor, workshop.id)
        if item is None:
            parked = [i.element_id for i in services.agenda(actor, workshop.id) if i.state.value == "parked"]
            left = f"; parked: {', '.join(parked)} (workshop open ELEMENT)" if parked else ""
            return f"The agenda is done{left}"
        return f"{item.element_id} is open for discussion ({item.timebox_seconds // 60} minutes)"

    return _run(args, act)


def park_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        return f"{services.park(actor, workshop.id, args.element)} is parked for later"

    return _run(args, act)


def extend_command(args: argparse.Namespace) -> int:
    return _timebox(args, args.minutes)


def cut_command(args: argparse.Namespace) -> int:
    """``cut 5`` is ``extend -5``, which the gateway's parser would take for an option."""
    return _timebox(args, -args.minutes)


def _timebox(args: argparse.Namespace, seconds: int) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        item = services.extend(actor, workshop.id, seconds, args.element)
        return f"{item.element_id} now has {item.timebox_seconds // 60} minutes"

    return _run(args, act)


def end_command(args: argparse.Namespace) -> int:
    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        services.end_workshop(actor, workshop.id)
        return f"Workshop {workshop.id} has ended; 'selfeval export workshop --workshop {workshop.id}' writes its minutes"

    return _run(args, act)


def status_command(args: argparse.Namespace) -> int:
    framework = require_framework(args)

    def act(services: Services, actor: Actor, workshop: Workshop) -> str:
        from selfeval_tui.domain.workshops import status_json

        status = services.status(actor, workshop.id, framework=framework)
        now = datetime.now(UTC)
        if args.json:
            return json.dumps(status_json(status, now), indent=2)
        return _status_text(status, now) + _own_vote(services, actor, status)

    return _run(args, act)


def _own_vote(services: Services, actor: Actor, status: WorkshopStatus) -> str:
    """A voter's own vote before the reveal (theirs alone to see); nothing for anyone who has none."""
    from selfeval_tui.domain.workshops import level_title
    from selfeval_tui.services.errors import ServiceError

    current = status.current
    if current is None or current.revealed or not current.round:
        return ""
    try:
        vote = services.my_vote(actor, status.workshop.id)
    except ServiceError:  # a viewer, or someone not invited: they have no vote to see
        return ""
    return "" if vote is None else f"\nYour vote: {level_title(vote.level)} (you can change it until the reveal)"


def _status_text(status: WorkshopStatus, now: datetime) -> str:
    """The status in a few plain lines (a screen reader reads them in order): never a vote before the reveal."""
    from selfeval_tui.domain.inert import inert
    from selfeval_tui.domain.workshops import clock_text, level_title

    workshop = status.workshop
    lines = [
        inert(f"Workshop {workshop.id}: {workshop.title}, {workshop.date.isoformat()}, {status.partnership} {status.year}"
              f" ({workshop.state.value}); facilitator {workshop.facilitator}"),
    ]  # fmt: skip
    current = status.current
    if current is None:
        lines.append("No item is open.")
    else:
        timer = current.item.timer()
        clock = clock_text(timer.remaining(now))
        note = " (overrun)" if timer.overrun(now) else " (last minute)" if timer.warning(now) else ""
        lines.append(inert(f"Item {current.item.element_id} {current.title}: {current.item.state.value}, {clock} left{note}"))
        if current.round:
            lines.append(f"Round {current.round}: {current.voted} of {current.eligible} have voted"
                         + (f", {current.hands} by show of hands" if current.hands else ""))  # fmt: skip
        if current.revealed:
            lines.append("Votes: " + (", ".join(
                f"{level_title(level)} {count}" for level, count in current.distribution.items()) or "none"))  # fmt: skip
            if current.discuss:
                lines.append(f"The votes are {current.spread} levels apart: discuss why.")
            lines.extend(
                inert(f"  {v.person}: {level_title(v.level)}" + (f" ({v.reason})" if v.reason else ""))
                for v in current.votes
            )
        if current.agreed is not None:
            lines.append(inert(f"Agreed: {current.agreed.level.title}: {current.agreed.reason}"))
            lines.extend(inert(f"  Dissent, {d.person}: {d.why}") for d in current.agreed.dissent)
    done = sum(1 for item in status.agenda if item.state.value == "agreed")
    lines.append(f"Agenda: {done} of {len(status.agenda)} agreed")
    return "\n".join(lines)
