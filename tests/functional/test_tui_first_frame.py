"""The first frame the app writes to the terminal already holds the first question.

Before, the transcript wrapped its lines only when its Resize event arrived, after
the first frame had been painted, so the user first saw an empty transcript and
the question one or two frames (~35 ms) later. This runs the real app on an 80x24
pty and reads its first whole-screen frame from the bytes written: Textual paints
a new layout as one write per row, each starting with a cursor move to the row
(``ESC[row;1H``), and ends the frame by moving the cursor to where it belongs.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from test_tui_terminal import ESCAPES, db, start  # noqa: F401  (db is a fixture)
from tui_support import YEAR

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")

ROWS = 24
FRAME_START = b"\x1b[1;1H"
LAST_ROW = f"\x1b[{ROWS};1H".encode()
CURSOR_MOVE = re.compile(rb"\x1b\[\d+;\d+H")


def first_frame(output: bytes) -> bytes | None:
    """The bytes of the first whole-screen frame, or None while it is not all written yet."""
    start = output.find(FRAME_START)
    last_row = output.find(LAST_ROW, start) if start >= 0 else -1
    end = CURSOR_MOVE.search(output, last_row + len(LAST_ROW)) if last_row >= 0 else None
    return output[start : end.start()] if end else None


def first_question_words(db: Path, framework: Framework) -> str:
    """The first words of the question the app opens on (a whole line at 80 columns)."""
    with Store.open(db) as store:
        evaluation = Services(store).find(Actor("coordinator"), "Riverside", YEAR).evaluation
        assert evaluation is not None
        question = Session(Services(store), framework, evaluation, Mode.ADAPTIVE, sections=True, actor=Actor("coordinator")).start().question
    assert question is not None
    return " ".join(question.text.split()[:4])


def test_the_first_frame_on_the_terminal_holds_the_first_question(db: Path, framework: Framework) -> None:  # noqa: F811
    words = first_question_words(db, framework)
    terminal = start(db)
    try:
        deadline = time.monotonic() + 20
        while (frame := first_frame(bytes(terminal.output))) is None:
            assert time.monotonic() < deadline and terminal.process.poll() is None, "no whole frame was written"
            terminal._read(0.05)
        text = ESCAPES.sub(b"", frame).decode("utf-8", "replace")
        assert "selfeval" in text  # the header: this is the chat screen's frame, not something before it
        assert words in text
    finally:
        terminal.close()
