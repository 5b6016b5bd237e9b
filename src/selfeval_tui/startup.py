"""Start-up helpers shared by the entry script and the shells; imports nothing of the app.

It stands apart so a shell can end the start-up pause without importing the
entry script (and through it the command line and every other shell).
"""

from __future__ import annotations

import gc


def pause_collector() -> None:
    """Turn the cyclic collector off while start-up creates objects that live for the whole run.

    Starting the app creates many thousands of long-lived objects (modules, classes,
    the bank, Textual's styles and widgets). With the collector running, Python walks
    them again and again while they are created and frees nothing: about 35 ms of the
    time to the first question (see docs/performance.md).
    """
    gc.disable()


def resume_collector() -> None:
    """Freeze what startup made (never scanned again, so later collections stay short), then collect as usual.

    Does nothing when the collector is already on, so calling it twice, or from
    code that was not started by the ``selfeval`` script (tests), is harmless.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
