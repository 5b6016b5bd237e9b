"""The ``selfeval`` command line: a thin layer that parses options and calls the services.

Each subcommand lives in its own module with ``register(subparsers, common)``; the
TUI is imported only when it is the thing being run, so ``selfeval questions check``
and the plain line mode never pay for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import NoReturn

from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.cli import options
from selfeval_tui.shells.cli.errors import UsageError
from selfeval_tui.startup import resume_collector


class _OneLineParser(argparse.ArgumentParser):
    """Bad options give one line and exit 2, as every other bad input does."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


COMMANDS = {
    "chat": "answer the self-evaluation questions",
    "questions": "check or show the question bank",
    "export": "export an evaluation: overview, grid, report (md, html, docx or pdf), json or csv",
    "db": "check the database file",
    "workshop": "plan and run a moderation workshop: agenda, silent votes, reveal, agreed ratings (see docs/workshop.md)",
}
"""Each subcommand (its module ``shells.cli.NAME`` registers it) with its line in ``selfeval --help``."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, only the subcommands it names are registered in full.

    The others get a placeholder with the same help line, so ``--help`` and a
    mistyped command read the same, while ``selfeval export`` neither imports nor
    builds the chat's, the bank's and the database check's options (issue 13: a
    command's time is mostly imports). A test compares the two parsers' help.
    """
    common = options.common_options()
    parser = _OneLineParser(
        prog="selfeval",
        description="Annex A self-evaluation for behaviour and attendance partnerships.",
        parents=[common],
    )
    options.add_theme_option(parser)
    subparsers = parser.add_subparsers(dest="command", parser_class=_OneLineParser)
    named = set(COMMANDS) if argv is None else set(COMMANDS).intersection(argv)
    for name, help_line in COMMANDS.items():
        if name in named:
            importlib.import_module(f"{__name__}.{name}").register(subparsers, common)
        else:
            subparsers.add_parser(name, help=help_line)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(argv).parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            from selfeval_tui.shells.cli import tui

            return tui.run(args)
        resume_collector()  # paused by the script for startup; the TUI resumes it once it has painted
        code = int(handler(args))
        sys.stdout.flush()  # here, not at exit, so that a failed write is reported below
        return code
    except UsageError as exc:
        _say(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except _store_error() as exc:
        # Damage an open does not look for (see docs/store.md) is found where it is read.
        _say(f"selfeval: {exc}")
        return 2
    except OSError as exc:
        # Every file the commands open reports its own failures; what is left is the output itself.
        reason = exc.strerror or str(exc)
        _say(f"selfeval: {exc.filename}: {reason}" if exc.filename else f"selfeval: cannot write the output ({reason})")
        _discard_output()
        return 2


def _store_error() -> type[Exception]:
    """ServiceError, imported only once an exception is on its way out (Python evaluates an
    ``except`` clause's expression then), so commands that never touch the database never load it."""
    from selfeval_tui.services.errors import ServiceError

    return ServiceError


CLOSED_PIPE_EXIT = 128 + 13
"""The status of a command killed by SIGPIPE, as ``cat`` has when ``head`` stops reading."""


def _reader_went_away() -> int:
    """``selfeval ... | head -1``: whatever reads the output has stopped, which is not an error to report."""
    _discard_output()
    return CLOSED_PIPE_EXIT


def _discard_output() -> None:
    """Point standard output at the null device, so Python's flush at exit cannot fail a second time."""
    with suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _say(line: str) -> None:
    """One line on standard error (shown inert: it may quote a name), unless standard error is itself closed or full."""
    with suppress(OSError):
        print(inert(line), file=sys.stderr, flush=True)
