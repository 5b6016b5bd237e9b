"""Hostile text to test ``inert`` and every place that shows stored text: control characters, escape sequences, bidi controls and lone surrogates shown, never obeyed.

Also the strategy of hostile text the other ``test_inert_*`` files store as names,
notes and titles, and the independent definition of what must never reach a terminal.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

HOSTILE_BITS = (
    "\x1b]0;PWNED-TITLE\x07",  # OSC: retitle the window
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: set the clipboard
    "\x1b[2J",  # CSI: clear the screen
    "\x1b[31m",
    "\x1bP1$r\x1b\\",  # DCS ... ST
    "\x9b2J",  # 8-bit CSI
    "\x9d0;x\x9c",  # 8-bit OSC ... ST
    "\x07",
    "\x08\x08",
    "\r",
    "\x7f",
    "\u202e",  # right-to-left override
    "\u2066\u2069\u200f\u061c",
    "[bold]",
    "[/bold]",
    "[@click=app.quit]",
    "[link=https://evil.test]x[/link]",
    "[b]",
    "**",
    "\\",
)
"""Escape sequences, 8-bit controls, bidi controls and Rich/Textual markup, to build hostile text from."""

stored_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE_BITS),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=4),  # SQLite cannot store lone surrogates
    ),
    min_size=1,
    max_size=6,
).map("".join)
"""Text someone could store as a name, note or title: hostile pieces among arbitrary characters."""

named = stored_text.filter(str.strip)
"""Stored text for a name or title, which the store refuses when blank."""

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def hazards(text: str) -> list[str]:
    """Every character in ``text`` a terminal could obey: controls (bar tab and newline), bidi controls, surrogates."""
    return [
        char
        for char in text
        if (unicodedata.category(char) == "Cc" and char not in "\t\n")
        or char in BIDI
        or unicodedata.category(char) == "Cs"
    ]
