"""The ``selfeval`` command line: a thin layer that parses options and calls the core.

Each subcommand lives in its own module with ``register(subparsers, common)``; the
TUI is imported only when it is the thing being run, so ``selfeval questions check``
and the plain line mode never pay for Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from selfeval_tui.cli import chat, export, options, questions
from selfeval_tui.cli.errors import UsageError
from selfeval_tui.launch import resume_collector


class _OneLineParser(argparse.ArgumentParser):
    """Bad options give one line and exit 2, as every other bad input does."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


COMMANDS = (chat, questions, export)


def build_parser() -> argparse.ArgumentParser:
    common = options.common_options()
    parser = _OneLineParser(
        prog="selfeval",
        description="Annex A self-evaluation for behaviour and attendance partnerships.",
        parents=[common],
    )
    options.add_theme_option(parser)
    subparsers = parser.add_subparsers(dest="command", parser_class=_OneLineParser)
    for command in COMMANDS:
        command.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            from selfeval_tui.cli import tui

            return tui.run(args)
        resume_collector()  # paused by the script for startup; the TUI resumes it once it has painted
        return int(handler(args))
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
