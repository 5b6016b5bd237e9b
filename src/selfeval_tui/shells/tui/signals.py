"""SIGHUP and SIGTERM end the app promptly and cleanly; Textual handles neither itself.

With the terminal still there (``kill -TERM``, or a SIGHUP from a job
control shell), the app is asked to exit: Textual stops its driver and
restores the terminal, and ``cli.tui.run`` closes the store.

A dropped SSH connection is different: the terminal is gone (a hung-up tty
stops being a tty), every write to it fails, and Textual's output thread dies
on the first failure; its queue then fills and the shutdown blocks for ever.
There is no terminal left to restore, so in that case we close the database
(waiting for a save in progress to commit) and leave at once. Every answer
shown as saved was committed before it was shown, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable

HANDLED = (signal.SIGHUP, signal.SIGTERM)


def terminal_lost(terminal_fds: list[int]) -> bool:
    return any(not os.isatty(fd) for fd in terminal_fds)


def install(exit_app: Callable[[int], None], close_store: Callable[[], None]) -> Callable[[], None]:
    """Route SIGHUP/SIGTERM to an exit with status 128 + signal; returns a function that undoes it.

    Must run on the event loop's thread (the main thread), as ``add_signal_handler`` requires.
    """
    loop = asyncio.get_running_loop()
    terminal_fds = [fd for fd in (0, 1, 2) if os.isatty(fd)]

    def on_signal(signum: int) -> None:
        status = 128 + signum
        if terminal_lost(terminal_fds):
            try:
                close_store()
            finally:
                os._exit(status)
        exit_app(status)

    installed: list[signal.Signals] = []
    for signum in HANDLED:
        try:
            loop.add_signal_handler(signum, on_signal, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            # Not the main thread (some test runners) or no Unix signals: keep the defaults.
            continue
        installed.append(signum)

    def uninstall() -> None:
        for signum in installed:
            loop.remove_signal_handler(signum)

    return uninstall
