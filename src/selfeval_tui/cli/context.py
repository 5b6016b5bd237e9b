"""Opening what a command needs (bank, store) with every failure turned into one line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval_tui.cli.errors import UsageError
from selfeval_tui.core.framework import BankError, Framework
from selfeval_tui.core.framework.cache import load_framework_cached

if TYPE_CHECKING:
    from selfeval_tui.core.store import Store


def load_bank(questions: Path | None, *, cached: bool = True) -> Framework:
    """The bank, from the cache when it is unchanged since it was last validated (unless ``cached`` is off)."""
    try:
        if cached:
            return load_framework_cached(questions)
        from selfeval_tui.core.framework.loader import load_framework

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


def open_store(args: argparse.Namespace) -> Store:
    """Imported here so that commands which never touch the database do not load it."""
    from selfeval_tui.core.store import Store, StoreError, resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    try:
        return Store.open(path)
    except StoreError as exc:
        raise UsageError(f"selfeval: {exc}") from None
