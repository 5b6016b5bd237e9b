"""Text that one person stored, made safe to show on someone else's terminal.

Member names, notes, partnership names and outcome titles are typed by one
coordinator and shown to another, in the TUI, in plain line mode and in error
lines. Written raw, an escape sequence in them would act on the reader's
terminal: ``ESC ] 0 ;`` retitles the window, ``ESC ] 52 ;`` sets the clipboard,
``ESC [ 2 J`` clears the screen mid-draw. A right-to-left override (U+202E)
reorders what follows it on screen, so a note can be made to read as something
else. :func:`inert` is the one function every shell passes such text through
before it reaches a terminal; it shows each of these characters as a visible
symbol instead of obeying it, so the reader can see that something was there.

The stored text itself is never changed: this is how it is shown, not what is
kept. (Rich and Textual markup is a separate matter, handled where the TUI turns
text into renderables: stored text is always plain ``Text``, never markup.)
See docs/security.md.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
"""What a character with no symbol of its own is shown as (C1 controls, bidi controls, lone surrogates)."""

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The bidi formatting characters: marks, embeddings, overrides and isolates (Unicode's Bidi_Control)."""

_KEPT = "\t\n"
"""The only controls a shown text needs: line breaks and tabs (Rich and terminals lay both out)."""


def _table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT}
    table[0x7F] = "\u2421"  # SYMBOL FOR DELETE
    table.update((code, REPLACEMENT) for code in range(0x80, 0xA0))
    table.update((ord(char), REPLACEMENT) for char in BIDI_CONTROLS)
    table.update((code, REPLACEMENT) for code in range(0xD800, 0xE000))
    return table


_TABLE = _table()
_HAZARD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Any character of ``_TABLE``, to return clean text untouched."""


def obeyable(text: str) -> bool:
    """Whether ``text`` holds anything :func:`inert` would replace: something a terminal could obey."""
    return _HAZARD.search(text) is not None


def inert(text: str) -> str:
    """``text`` with every control character, bidi control and lone surrogate shown as a visible symbol.

    C0 controls other than tab and newline become their Unicode control pictures
    (ESC is ``␛``, BEL ``␇``, CR ``␍``), DEL becomes ``␡``; C1 controls (U+0080 to
    U+009F, which some terminals obey as 8-bit ``CSI`` and ``OSC``), bidi
    controls and lone surrogates (from undecodable input) become ``�``. Every
    character is replaced by exactly one, so the text keeps its length. Text
    with none of them (nearly all) is returned as it is, without copying.
    """
    if not obeyable(text):
        return text
    return text.translate(_TABLE)
