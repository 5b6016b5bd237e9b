"""``selfeval`` with no subcommand (and ``selfeval chat``): the Textual app.

Everything that can fail with a one-line message (bank, database, year) is
checked here, before the terminal is taken over; Textual is imported only
after that, and only by this module.
"""

from __future__ import annotations

import argparse
import os
from datetime import date

from selfeval_tui.conversation import Mode
from selfeval_tui.domain.records import check_academic_year
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.services.partnerships import academic_year
from selfeval_tui.shells.cli.context import (
    acting,
    latest_year,
    open_services,
    require_framework,
)
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.tui.workbench import NewEvaluation, Opening, Workbench


def opening(services: Services, actor: Actor, args: argparse.Namespace, today: date) -> Opening:
    """Straight to the chat when --partnership (and --year) name an existing evaluation; else the start screen.

    Without --year, the partnership's latest evaluation, as in plain mode and the exports.
    """
    name = getattr(args, "partnership", None)
    partnership = services.partnership_named(actor, name) if name else None
    latest = None if partnership is None else latest_year(services, actor, partnership, None)
    year = getattr(args, "year", None) or latest or academic_year(today)
    try:
        check_academic_year(year)
    except ValueError as exc:
        raise UsageError(f"selfeval: {exc}") from None
    prefill = NewEvaluation(
        name=name or "",
        year=year,
        local_authority=getattr(args, "local_authority", None) or "",
        carry_forward=bool(getattr(args, "carry_forward", False)),
    )
    if not name:
        return prefill
    return services.find(actor, name, year).evaluation or prefill


def workbench(services: Services, actor: Actor, args: argparse.Namespace, today: date) -> Workbench:
    mode = Mode.THOROUGH if getattr(args, "thorough", False) else Mode.ADAPTIVE
    through_gateway = getattr(args, "person", None) is not None  # set only by ``ssh-shell``
    return Workbench(services, actor, require_framework(args), mode, today, writes_files=not through_gateway)


def run(args: argparse.Namespace) -> int:
    require_framework(args)
    today = date.today()
    with open_services(args) as services:
        actor = acting(args, services)
        start = opening(services, actor, args, today)
        from selfeval_tui.shells.tui.app import SelfEvalApp
        from selfeval_tui.shells.tui.glyphs import ascii_only

        app = SelfEvalApp(
            workbench(services, actor, args, today),
            start,
            theme=getattr(args, "theme", None),
            ascii_glyphs=ascii_only(os.environ),
        )
        app.run()
        if app.store_failure is not None:
            raise app.store_failure
        return app.return_code or 0
