"""``inert``: control characters, escape sequences, bidi controls and lone surrogates shown, never obeyed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from inert_support import hazards, stored_text

from selfeval_tui.domain.inert import inert


def test_documented_examples() -> None:
    assert inert("\x1b]0;PWNED-TITLE\x07 Allerton\x1b[2J") == "\u241b]0;PWNED-TITLE\u2407 Allerton\u241b[2J"
    assert inert("a\rb\x00c\x7fd") == "a\u240db\u2400c\u2421d"
    assert inert("\x9b2J \u202eevil\u202c") == "\ufffd2J \ufffdevil\ufffd"
    assert inert("caf\udce9") == "caf\ufffd"


def test_ordinary_text_is_untouched() -> None:
    text = "Allerton High (Leeds) \u2013 caf\u00e9, \u0645\u062f\u0631\u0633\u0629\ttab\nline [bold]x[/bold] \u00a0"
    assert inert(text) is text


@settings(max_examples=300, deadline=None)
@given(text=st.text() | stored_text)
def test_nothing_a_terminal_obeys_survives(text: str) -> None:
    shown = inert(text)
    assert hazards(shown) == []
    assert len(shown) == len(text)  # one symbol for each character: nothing hidden, nothing dropped
    assert inert(shown) == shown
    assert [a for a, b in zip(text, shown, strict=True) if a != b] == hazards(text)
