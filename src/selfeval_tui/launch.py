"""The ``selfeval`` script, which pauses the garbage collector while the app starts.

Starting the app creates many thousands of long-lived objects (modules, classes,
the bank, Textual's styles and widgets). With the cyclic collector running,
Python walks them again and again while they are being created and frees
nothing: about 35 ms of the time to the first question (the whole collector
cost of a minimal Textual app is 12 ms; see docs/performance.md). So the script
turns the collector off first, and the shell that starts turns it back on with
``resume_collector`` as soon as it is up: the TUI once its first screen is
painted, every other command before it does its work.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    gc.disable()
    try:
        from selfeval_tui.cli import main as cli_main

        return cli_main(argv)
    finally:
        resume_collector()


def resume_collector() -> None:
    """Freeze what startup made (never scanned again, so later collections stay short), then collect as usual.

    Does nothing when the collector is already on, so calling it twice, or from
    code that was not started by ``main`` (tests), is harmless.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
