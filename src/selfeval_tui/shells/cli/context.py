"""Opening what a command needs (bank, services) with every failure turned into one line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval_tui.bank import BankError, Framework
from selfeval_tui.bank.cache import load_framework_cached
from selfeval_tui.shells.cli.errors import UsageError

if TYPE_CHECKING:
    from selfeval_tui.domain.records import Partnership
    from selfeval_tui.services.actor import Actor
    from selfeval_tui.services.open import Services


def load_bank(questions: Path | None, *, cached: bool = True) -> Framework:
    """The bank, from the cache when it is unchanged since it was last validated (unless ``cached`` is off)."""
    try:
        if cached:
            return load_framework_cached(questions)
        from selfeval_tui.bank.loader import load_framework

        return load_framework(questions)
    except BankError as exc:
        raise UsageError("\n".join(exc.problems)) from None


def require_framework(args: argparse.Namespace) -> Framework:
    """The bank for this run, loaded once even when several steps ask for it."""
    cached = getattr(args, "_framework", None)
    if cached is None:
        cached = load_bank(getattr(args, "questions", None))
        args._framework = cached
    return cached


def latest_year(services: Services, actor: Actor, partnership: Partnership, doing: str | None) -> str | None:
    """The year of the partnership's latest evaluation, for a command given no ``--year``.

    With ``doing``, said on standard error (so that an export piped to a file stays
    the export alone); the TUI shows the year in its header instead. None when the
    partnership has no evaluation yet.
    """
    years = [e.year for e in services.evaluations(actor, partnership.id)]
    if not years:
        return None
    year = max(years)
    if doing is not None:
        print(f"selfeval: {doing} {partnership.name} {year}, its latest evaluation (--year picks another)", file=sys.stderr)
    return year


def open_services(args: argparse.Namespace) -> Services:
    """Imported here so that commands which never touch the database do not load it.

    The services judge with this run's bank (``element_ratings``), the one every step of the command uses.
    """
    from selfeval_tui.services.database import resolve_db_path
    from selfeval_tui.services.errors import ServiceError
    from selfeval_tui.services.open import Services

    path = resolve_db_path(getattr(args, "db", None))
    try:
        return Services.open(path, framework=require_framework(args))
    except ServiceError as exc:
        raise UsageError(f"selfeval: {exc}") from None


def acting(args: argparse.Namespace, services: Services) -> Actor:
    """Who this run acts as: the gateway's person (``ssh-shell NAME`` sets ``args.person``), else the local rules.

    ``services.local_actor`` says what they are: every right on one's own file or as
    the account that owns a shared one, else the person named by one's login.
    """
    person = getattr(args, "person", None)
    return services.person_actor(person) if person else services.local_actor()
