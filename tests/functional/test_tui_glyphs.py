"""ASCII fallback: on the Linux console (and other terminals or locales without the glyphs) nothing but ASCII is drawn.

User text (names, notes) is the exception: its letters are shown as typed.
Checked three ways: which environments fall back; that the stand-ins keep every
width (hypothesis); and what is on every screen, in Pilot and in a real pty with
``TERM=linux``.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from test_tui_outcomes import seed_outcomes
from test_tui_terminal import ESCAPES, Terminal, db  # noqa: F401 (db: the fixture, a database with Riverside)
from tui_support import YEAR, make_app, paste, press, screen_text, until

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.app import SelfEvalApp
from selfeval_tui.shells.tui.glyphs import ascii_only, to_ascii
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)


@pytest.mark.parametrize(
    ("environ", "ascii"),
    [
        ({"TERM": "linux", "LANG": "en_GB.UTF-8"}, True),
        ({"TERM": "linux-16color"}, True),
        ({"TERM": "vt100"}, True),
        ({"TERM": "dumb"}, True),
        ({"TERM": "xterm-256color", "LANG": "C"}, True),
        ({"TERM": "xterm-256color", "LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.ISO-8859-1"}, True),
        ({"TERM": "xterm", "LC_CTYPE": "POSIX"}, True),
        ({"TERM": "xterm", "LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # Python coerced the C locale
        ({"TERM": "xterm", "LANG": "en_GB.UTF-8", "LC_CTYPE": "C.UTF-8"}, False),
        ({"TERM": "xterm-256color", "LANG": "en_GB.UTF-8"}, False),
        ({"TERM": "xterm-256color", "LANG": "C.utf8"}, False),
        ({"TERM": "screen-256color", "LC_ALL": "de_DE.UTF-8@euro"}, False),
        ({"TERM": "xterm-256color"}, False),  # no locale set: Python speaks UTF-8
        ({"TERM": "linux", "SELFEVAL_GLYPHS": "unicode"}, False),  # a console font that has them
        ({"TERM": "xterm-256color", "SELFEVAL_GLYPHS": "ASCII"}, True),
    ],
)
def test_which_terminals_get_ascii(environ: dict[str, str], ascii: bool) -> None:
    assert ascii_only(environ) is ascii


def user_text(char: str) -> bool:
    """Letters, marks and digits: what names and notes are made of, drawn as typed."""
    return unicodedata.category(char)[0] in "LMN"


@given(st.text())
def test_stand_ins_are_ascii_and_as_wide(text: str) -> None:
    drawn = to_ascii(text)
    assert cell_len(drawn) == cell_len(text), "nothing on the line moves"
    assert all(char.isascii() or user_text(char) for char in drawn)
    assert [c for c in drawn if not c.isascii()] == [c for c in text if not c.isascii() and user_text(c)]


def test_the_glyphs_of_the_issue() -> None:
    assert to_ascii("⭘ ▕ ▎ ▊ ▔ ▁ 🔎 ▼ ▶ ├ └ ─ │ …") == "o | | | - _ >  v > | + - | ~"


def off_ascii(text: str) -> set[str]:
    return {char for char in text if not char.isascii()}


@pytest.mark.slow
async def test_every_screen_is_ascii_but_user_text(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    seed_outcomes(tui_store, framework, riverside)  # the key outcomes' sparklines
    app = make_app(tui_store, framework, riverside)
    app = SelfEvalApp(app.workbench, app.opening, ascii_glyphs=True)
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#outline")))
        await paste(pilot, "yes, café minutes")
        await until(pilot, lambda: "café" in screen_text(app))
        seen["chat"] = screen_text(app)
        await press(pilot, "f3", "f2", "down")
        seen["descriptors and outline"] = screen_text(app)
        for key, screen in (("f4", "overview"), ("f5", "key outcomes"), ("f1", "help"), ("f6", "export")):
            await press(pilot, key)
            seen[screen] = screen_text(app)
            await press(pilot, key)
        await press(pilot, "f4", "p")
        seen["profile"] = screen_text(app)
        await press(pilot, "f4")
        await press(pilot, "ctrl+p")
        seen["palette"] = screen_text(app)
        await press(pilot, "escape")
        app.notify("A notice")
        await pilot.pause()
        seen["notice"] = screen_text(app)
        app.show_start()
        await until(pilot, lambda: "Choose an evaluation" in screen_text(app))
        seen["start"] = screen_text(app)
    assert "1.1 Developing" in seen["chat"] and "Overview" in seen["overview"], "the screens were shown"
    assert "---------- not started" in seen["profile"], "the profile's empty track, in ASCII"
    assert {screen: off_ascii(text) for screen, text in seen.items()} == {screen: {"é"} for screen in seen} | {
        screen: set() for screen in ("overview", "profile", "key outcomes", "help", "export", "palette", "start")
    }


async def test_other_terminals_keep_the_glyphs(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#outline")))
        assert {"⭘", "▎"} <= off_ascii(screen_text(app))


@pytest.mark.parametrize("environ", [{"TERM": "linux"}, {"TERM": "xterm-256color", "LANG": "C", "LC_ALL": ""}])
def test_a_linux_console_gets_only_ascii_bytes(db: Path, environ: dict[str, str]) -> None:
    """The real app on a pty: every byte it writes outside escape sequences is ASCII, up to the first question."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM", "SELFEVAL_GLYPHS")}
    terminal = Terminal(
        [sys.executable, "-m", "selfeval_tui", "--db", str(db), "--partnership", "Riverside", "--year", YEAR],
        environment | environ,
    )
    try:
        terminal.wait_for("membership")
        terminal.send(b"/jump 1.1\r")
        terminal.wait_for("1.1 Developing 1/8")
        text = ESCAPES.sub(b"", bytes(terminal.output))
        assert all(byte < 0x80 for byte in text), off_ascii(text.decode("utf-8", "replace"))
    finally:
        terminal.close()
