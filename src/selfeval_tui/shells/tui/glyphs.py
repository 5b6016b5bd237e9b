"""ASCII in place of the glyphs a terminal cannot show: the Linux console, old terminals, a non-UTF-8 locale.

Textual and the app draw bars, borders, icons and arrows (``⭘ ▕ ▎ ▊ ▔ ▁ 🔎 ▼ …``)
that a Linux console font mostly lacks. Rather than replace them one widget at a
time (Textual draws most of them itself), the app adds a line filter that
redraws every such glyph, in everything drawn, as ASCII of the same width:
``-`` and ``|`` for lines and bars, ``+`` for corners, ``>`` ``v`` for arrows,
``#`` for blocks. Letters, marks and digits are left alone, so names and notes
typed with accents are shown as typed. Imports no Textual until the filter is
made, so the command line can decide before the terminal is taken over.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from textual.filter import LineFilter

GLYPHS_ENV = "SELFEVAL_GLYPHS"
"""``ascii`` or ``unicode`` overrides what is worked out from TERM and the locale."""

ASCII_TERMS = ("linux", "vt52", "vt100", "vt102", "vt220", "vt320", "dumb", "ansi", "cons25", "wsvt25", "sun")
"""Terminal types whose fonts lack most of the glyphs (``linux-16color`` and the like count too)."""

LOWER_BLOCKS = {
    "LOWER ONE EIGHTH BLOCK": "_",
    "LOWER ONE QUARTER BLOCK": ".",
    "LOWER THREE EIGHTHS BLOCK": ",",
    "LOWER HALF BLOCK": "-",
    "LOWER FIVE EIGHTHS BLOCK": "=",
    "LOWER THREE QUARTERS BLOCK": "+",
    "LOWER SEVEN EIGHTHS BLOCK": "*",
}
"""Sparkline bars, lowest to highest, as ASCII that still rises."""

COERCED = ("C.UTF-8", "C.utf8", "UTF-8")
"""What Python 3 sets LC_CTYPE to when it starts in the C locale (PEP 538)."""

DIRECTIONS = (("UP", "^"), ("DOWN", "v"), ("LEFT", "<"), ("RIGHT", ">"))


def ascii_only(environ: Mapping[str, str]) -> bool:
    """Whether to draw ASCII: asked for, a terminal type that lacks the glyphs, or a locale that is not UTF-8.

    An unset locale says nothing (Python itself then speaks UTF-8), so only one that
    is set and names another encoding (``C``, ``POSIX``, ``en_GB.ISO-8859-1``) counts.
    """
    asked = environ.get(GLYPHS_ENV, "").strip().lower()
    if asked in ("ascii", "unicode"):
        return asked == "ascii"
    term = environ.get("TERM", "").strip().lower()
    if any(term == name or term.startswith(name + "-") for name in ASCII_TERMS):
        return True
    names = ["LC_ALL", "LC_CTYPE", "LANG"]
    if environ.get("LC_CTYPE") in COERCED and not environ.get("LC_ALL"):
        names.remove("LC_CTYPE")  # Python's own doing (PEP 538), in place of a C locale the user had
    locale = next((environ[name] for name in names if environ.get(name)), "")
    if not locale:
        return False
    encoding = locale.partition(".")[2].partition("@")[0].lower().replace("-", "")
    return encoding != "utf8"


def stand_in(char: str) -> str:
    """ASCII for one character, exactly as many cells wide; letters, marks and digits unchanged."""
    if char.isascii() or unicodedata.category(char)[0] in "LMN":
        return char
    width = cell_len(char)
    return _ascii(char)[:width].ljust(width) if width else ""


def _ascii(char: str) -> str:
    name = unicodedata.name(char, "")
    category = unicodedata.category(char)
    if name.startswith("BOX DRAWINGS"):
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    if name in LOWER_BLOCKS:
        return LOWER_BLOCKS[name]
    if "BLOCK" in name or "SHADE" in name or "QUADRANT" in name:
        if "LEFT" in name or "RIGHT" in name:
            return "|"
        return "-" if "UPPER" in name else "#"
    if "TRIANGLE" in name or "ARROW" in name or "POINTER" in name:
        return next((symbol for word, symbol in DIRECTIONS if word in name), "-")
    if "ELLIPSIS" in name:
        return "~"
    if "CHECK MARK" in name:
        return "v"
    if "BALLOT X" in name or "MULTIPLICATION" in name or name.endswith(" X"):
        return "x"
    if "BULLET" in name or "DOT" in name:
        return "*"
    if "CIRCLE" in name:
        return "o"
    if "MAGNIFYING GLASS" in name:
        return ">"
    if category == "Pd":
        return "-"
    if category in ("Pi", "Pf"):
        return '"' if "DOUBLE" in name else "'"
    if category == "Zs":
        return " "
    return "?"


class _Table(dict[int, str]):
    """``str.translate``'s table, filled in as characters are met (a screen uses a few dozen)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = stand_in(chr(code))
        return value


_TABLE = _Table()


def to_ascii(text: str) -> str:
    """The text with every glyph replaced by its stand-in; as many cells wide as before."""
    return text if text.isascii() else text.translate(_TABLE)


def ascii_filter() -> LineFilter:
    """The line filter the app adds in ASCII mode: every segment drawn, from every widget, goes through it."""
    from rich.segment import Segment
    from textual.color import Color
    from textual.filter import LineFilter

    class AsciiGlyphs(LineFilter):
        def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
            return [
                segment
                if segment.control or segment.text.isascii()
                else Segment(to_ascii(segment.text), segment.style, segment.control)
                for segment in segments
            ]

    return AsciiGlyphs()
