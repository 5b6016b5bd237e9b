"""The ``selfeval`` script, which pauses the garbage collector while the app starts.

The shell that starts turns the collector back on with
``startup.resume_collector`` as soon as it is up: the TUI once its first screen
is painted, every other command before it does its work.
"""

from __future__ import annotations

from collections.abc import Sequence

from selfeval_tui.startup import pause_collector, resume_collector


def main(argv: Sequence[str] | None = None) -> int:
    pause_collector()
    try:
        from selfeval_tui.shells.cli import main as cli_main

        return cli_main(argv)
    finally:
        resume_collector()
