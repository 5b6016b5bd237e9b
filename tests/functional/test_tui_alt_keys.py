"""Alt+1 .. Alt+5 pick quick replies from the terminals coordinators use, which send Alt+1 as ESC 1.

Textual 8 reads ESC 1 as ``¡`` (WezTerm on macOS); the app's driver reads it as
alt+1 (``tui/driver.py``). Checked on the parser with hypothesis, and on the real
app through a pty with the bytes xterm, PuTTY, tmux and screen send.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_tui_terminal import start, to_the_strands
from textual._xterm_parser import XTermParser

from selfeval_tui.shells.tui.driver import InputParser

pytest_plugins = ("test_tui_terminal",)  # db

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


def keys(parser: XTermParser, data: str) -> list[tuple[str, str | None]]:
    return [(event.key, event.character) for event in parser.feed(data) if hasattr(event, "key")]


@given(st.lists(st.tuples(TEXT, st.sampled_from("0123456789")), max_size=5), TEXT)
def test_esc_and_a_digit_is_alt_digit_and_nothing_else_changes(pairs: list[tuple[str, str]], tail: str) -> None:
    data = "".join(text + "\x1b" + digit for text, digit in pairs) + tail
    expected: list[tuple[str, str | None]] = []
    for text, digit in pairs:
        expected += keys(XTermParser(), text)
        expected.append((f"alt+{digit}", None))
    expected += keys(XTermParser(), tail)
    assert keys(InputParser(), data) == expected


def test_textual_alone_types_a_symbol_for_esc_1() -> None:
    """The defect this driver exists for; when Textual changes, this says the workaround can go."""
    assert keys(XTermParser(), "\x1b1") == [("inverted_exclamation_mark", "¡")]


def answers(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return [tuple(row) for row in conn.execute("SELECT question_id, status, note FROM answers ORDER BY rowid")]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
def test_alt_digits_as_terminals_send_them_choose_quick_replies(db: Path) -> None:
    terminal = start(db)
    try:
        to_the_strands(terminal)
        terminal.send(b"minutes of 3 May\x1b1")  # a note typed, then alt+1
        terminal.wait_for("1.1 Developing 2/8")
        terminal.send(b"\x1b4")  # alt+4: not sure
        terminal.wait_for("1.1 Developing 3/8")
        terminal.send(b"\x1b2\x1b3")  # two in one burst
        terminal.wait_for("1.1 Developing 5/8")
        terminal.send(b"\x11")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    assert "\u00a1" not in terminal.text() and "\u2122" not in terminal.text()
    assert answers(db) == [
        ("1.1.developing.1", "met", "minutes of 3 May"),
        ("1.1.developing.2", "not_sure", ""),
        ("1.1.developing.3", "partly", ""),
        ("1.1.developing.4", "not_met", ""),
    ]
