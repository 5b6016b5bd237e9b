"""The rating colours of the light and dark themes, as theme variables (``$rating-developing``...).

Textual's theme colours (``$warning``, ``$accent``...) are made for backgrounds and
borders, not for words: on the light theme ``$warning`` text is about 1.4:1, and
``$warning`` and ``$accent`` are the same orange. These are picked so that each
rating word reaches WCAG's 4.5:1 on every background it is drawn on (the surface,
the grid's rows) four ways: in truecolour, as the greys NO_COLOR turns them into,
and as the nearest of the 256 or the 16 ANSI colours a ``TERM=xterm-256color`` or
``TERM=xterm`` terminal gets (each then a different ANSI colour too). tests/functional/test_tui_colours.py measures all three
on the rendered screens. The word is always there as well, so nothing depends on
colour.
"""

from __future__ import annotations

from selfeval_tui.bank import Level

VARIABLES = {
    Level.NOT_YET: "rating-not-yet",
    Level.DEVELOPING: "rating-developing",
    Level.DEVELOPED: "rating-developed",
    Level.ESTABLISHED: "rating-established",
    Level.ENHANCING: "rating-enhancing",
}
"""The theme variable of each level's colour."""

DARK = {
    Level.NOT_YET: "#FF7A7A",  # red; bright red at 16 colours
    Level.DEVELOPING: "#FFD75F",  # amber; bright yellow
    Level.DEVELOPED: "#6CB4FF",  # blue; bright cyan
    Level.ESTABLISHED: "#6CD96C",  # green; bright green
    Level.ENHANCING: "#D68CFF",  # violet; bright magenta
}

LIGHT = {
    Level.NOT_YET: "#A0001C",  # red; red at 16 colours
    Level.DEVELOPING: "#732E00",  # brown; yellow (dark yellow) at 16 colours, dark red at 256
    Level.DEVELOPED: "#002882",  # navy; blue
    Level.ESTABLISHED: "#005000",  # dark green; black (every ANSI green is too light on white)
    Level.ENHANCING: "#7A1FA2",  # purple; magenta
}


def rating_variables(dark: bool) -> dict[str, str]:
    """The ``rating-*`` variables for a dark or a light theme (any theme: they are tested on the two built in)."""
    colours = DARK if dark else LIGHT
    return {VARIABLES[level]: colour for level, colour in colours.items()}
