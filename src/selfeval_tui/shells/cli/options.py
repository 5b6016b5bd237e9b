"""Options every command shares, so ``--db`` and ``--questions`` mean the same everywhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from selfeval_tui.domain.inert import inert, obeyable


def text(value: str) -> str:
    """An option's text as typed, refused if it holds control characters or bytes that are not UTF-8.

    Python hands undecodable bytes on as lone surrogates, which SQLite cannot
    store; an escape sequence or a bidi control in a name would be stored for
    others to see (and fill the start screen's form as it is). A name is better
    retyped than silently changed.
    """
    if obeyable(value):
        raise argparse.ArgumentTypeError(f"control characters or bytes that are not UTF-8 in {inert(value)}")
    return value


def common_options() -> argparse.ArgumentParser:
    """A parent parser; ``SUPPRESS`` defaults let options go before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--questions",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="question bank folder (default: the bundled Annex A bank)",
    )
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="SQLite database file (default: $SELFEVAL_DB, else a file in your user data directory)",
    )
    common.add_argument(
        "--partnership", type=text, default=argparse.SUPPRESS, metavar="NAME", help="partnership to work on"
    )
    common.add_argument(
        "--year", type=text, default=argparse.SUPPRESS, metavar="YYYY/YY", help="academic year, for example 2026/27"
    )
    return common


def add_theme_option(parser: argparse.ArgumentParser) -> None:
    """``--theme``, on ``selfeval`` and ``selfeval chat``: checked here, so a bad name never reaches the terminal."""
    from selfeval_tui.shells.tui.settings import THEMES, theme_name

    def checked(name: str) -> str:
        try:
            return theme_name(name)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parser.add_argument(
        "--theme",
        type=checked,
        default=argparse.SUPPRESS,
        metavar="|".join(THEMES),
        help="colour theme of the chat app for this session (default: the one last chosen in the app)",
    )


def option(args: argparse.Namespace, name: str) -> object | None:
    return getattr(args, name, None)
