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
from selfeval_tui.services import workspace
from selfeval_tui.shells.cli.context import latest_year, open_store, require_framework
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.shells.tui.workbench import NewEvaluation, Opening, Workbench
from selfeval_tui.store import Store, check_academic_year


def opening(store: Store, args: argparse.Namespace, today: date) -> Opening:
    """Straight to the chat when --partnership (and --year) name an existing evaluation; else the start screen.

    Without --year, the partnership's latest evaluation, as in plain mode and the exports.
    """
    name = getattr(args, "partnership", None)
    partnership = store.partnership_by_name(name) if name else None
    latest = None if partnership is None else latest_year(store, partnership, None)
    year = getattr(args, "year", None) or latest or workspace.academic_year(today)
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
    return workspace.find(store, name, year).evaluation or prefill


def workbench(store: Store, args: argparse.Namespace, today: date) -> Workbench:
    mode = Mode.THOROUGH if getattr(args, "thorough", False) else Mode.ADAPTIVE
    return Workbench(store, require_framework(args), mode, today)


def run(args: argparse.Namespace) -> int:
    require_framework(args)
    today = date.today()
    with open_store(args) as store:
        start = opening(store, args, today)
        from selfeval_tui.shells.tui.app import SelfEvalApp
        from selfeval_tui.shells.tui.glyphs import ascii_only

        app = SelfEvalApp(
            workbench(store, args, today),
            start,
            theme=getattr(args, "theme", None),
            ascii_glyphs=ascii_only(os.environ),
        )
        app.run()
        if app.store_failure is not None:
            raise app.store_failure
        return app.return_code or 0
