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
from dataclasses import dataclass
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
    "evaluation": "submit, sign off or reopen a year's evaluation (sign-off locks it)",
    "rollup": "roll up the local database with JSON exports from other installations",
    "ssh": "the SSH gateway: print or install the authorized_keys lines of the people's keys",
    "ssh-shell": "the command each person's SSH key is forced to run (see docs/deploy-ssh.md)",
    "people": "people, their SSH keys and grants on a shared database (admins)",
    "partnership": "change a partnership's local authority (admins)",
}
"""Each subcommand (its module ``shells.cli.NAME``, ``-`` as ``_``, registers it) with its line in ``selfeval --help``."""


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
            importlib.import_module(f"{__name__}.{name.replace('-', '_')}").register(subparsers, common)
        else:
            subparsers.add_parser(name, help=help_line)
    return parser


@dataclass(frozen=True)
class Ending:
    """How a command ended: its exit status and, when it failed, the one line it said and what kind of failure."""

    code: int
    failure: str | None = None
    """``refused`` (bad input or no right: the user can fix it) or ``error`` (the output or the system failed)."""
    said: str = ""


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv).code


def run(argv: Sequence[str] | None = None, *, person: str | None = None) -> Ending:
    """Parse and run one command; with ``person``, as that person (the SSH gateway's forced command)."""
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(argv).parse_args(argv)
        if person is not None:
            args.person = person
        handler = getattr(args, "handler", None)
        if handler is None:
            from selfeval_tui.shells.cli import tui

            return Ending(tui.run(args))
        resume_collector()  # paused by the script for startup; the TUI resumes it once it has painted
        code = int(handler(args))
        sys.stdout.flush()  # here, not at exit, so that a failed write is reported below
        return Ending(code)
    except UsageError as exc:
        return _fail("refused", str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return Ending(130)
    except BrokenPipeError:
        return Ending(_reader_went_away())
    except _store_error() as exc:
        # Damage an open does not look for (see docs/store.md) is found where it is read.
        return _fail(_failure_kind(exc), f"selfeval: {exc}", 2)
    except OSError as exc:
        # Every file the commands open reports its own failures; what is left is the output itself.
        reason = exc.strerror or str(exc)
        line = f"selfeval: {exc.filename}: {reason}" if exc.filename else f"selfeval: cannot write the output ({reason})"
        _discard_output()
        return _fail("error", line, 2)


def _fail(kind: str, line: str, code: int) -> Ending:
    _say(line)
    return Ending(code, kind, line)


def _failure_kind(exc: Exception) -> str:
    """A refusal (no right, bad input) is the user's to fix; any other store failure is an error."""
    from selfeval_tui.services.errors import Refused, StoreInputError

    return "refused" if isinstance(exc, Refused | StoreInputError) else "error"


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
