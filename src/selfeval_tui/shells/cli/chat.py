"""``selfeval chat``: the conversation, in the TUI or (with --plain) on standard input and output."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli import COMMANDS, options
from selfeval_tui.shells.cli.context import (
    acting,
    latest_year,
    open_services,
    require_framework,
)
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.cli.options import add_theme_option

if TYPE_CHECKING:
    from selfeval_tui.domain.records import Evaluation
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("chat", help=COMMANDS["chat"], parents=[common])
    add_chat_options(parser)
    parser.set_defaults(handler=chat_command)


def add_chat_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true", help="plain line mode on standard input and output")
    add_theme_option(parser)
    parser.add_argument("--thorough", action="store_true", help="ask every criterion, not only up to the first level not secured")
    parser.add_argument("--local-authority", type=options.text, default="", metavar="NAME", help="local authority, when creating a partnership")
    parser.add_argument(
        "--carry-forward",
        action="store_true",
        help="when creating a new year, start from the previous year's answers (each to be confirmed)",
    )


def _ask(prompt: str) -> str:
    sys.stdout.write(inert(prompt))
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise UsageError("selfeval: stopped at end of input; nothing was created")
    return line.strip()


def default_year(services: Services, actor: Actor, name: str) -> str:
    """Without ``--year``: the partnership's latest evaluation (said on standard error), else this academic year."""
    from selfeval_tui.services.partnerships import academic_year

    partnership = services.partnership_named(actor, name)
    latest = None if partnership is None else latest_year(services, actor, partnership, "continuing")
    return latest or academic_year(date.today())


def plain_evaluation(services: Services, actor: Actor, args: argparse.Namespace) -> Evaluation:
    """Find the evaluation, creating it on first use (after confirming when someone is typing)."""
    from selfeval_tui.services.errors import ServiceError

    framework = require_framework(args)
    interactive = sys.stdin.isatty()
    name = getattr(args, "partnership", None)
    if not name:
        if not interactive:
            raise UsageError("selfeval: --partnership NAME is required when input is not a terminal")
        name = _ask("Partnership name: ")
        if not name:
            raise UsageError("selfeval: a partnership name is required")
    year = getattr(args, "year", None) or default_year(services, actor, name)
    target = services.find(actor, name, year)
    if target.evaluation is not None:
        return target.evaluation
    what = f"partnership {name!r} and its {year} evaluation" if target.partnership is None else f"the {year} evaluation of {name!r}"
    local_authority = args.local_authority
    carry_forward = args.carry_forward
    if interactive:
        if _ask(f"Create {what}? [y/N] ").lower() not in ("y", "yes"):
            raise UsageError("selfeval: nothing created")
        if target.partnership is None and not local_authority:
            local_authority = _ask("Local authority (optional): ")
        if target.partnership is not None and not carry_forward and services.evaluations(actor, target.partnership.id):
            carry_forward = _ask("Start from last year's answers, each to be confirmed? [y/N] ").lower() in ("y", "yes")
    try:
        return services.create(
            actor, framework, name, year, local_authority=local_authority, carry_forward=carry_forward
        )
    except ServiceError as exc:
        raise UsageError(f"selfeval: {exc}") from None


def chat_command(args: argparse.Namespace) -> int:
    if not args.plain:
        from selfeval_tui.shells.cli import tui

        return tui.run(args)
    from selfeval_tui.conversation import Mode, Session
    from selfeval_tui.shells.plain import shell

    shell.forgiving(sys.stdin)
    shell.forgiving(sys.stdout)
    framework = require_framework(args)
    with open_services(args) as services:
        actor = acting(args, services)
        evaluation = plain_evaluation(services, actor, args)
        mode = Mode.THOROUGH if args.thorough else Mode.ADAPTIVE
        session = Session(services, framework, evaluation, mode, actor=actor, sections=True)
        return shell.run(session, sys.stdin, sys.stdout)
