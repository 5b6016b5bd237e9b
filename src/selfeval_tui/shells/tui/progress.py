"""How the outline and the overview show an element's progress and rating.

The progress itself (questions, answered, started) is defined once, in
``conversation.progress``, which the chat, plain mode and exports share;
the chat screen computes it in the worker thread that saves an answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from selfeval_tui.bank import Level
from selfeval_tui.conversation.progress import (
    NOT_STARTED,
    ElementProgress,
    evaluation_progress,
)
from selfeval_tui.shells.tui.colours import VARIABLES

__all__ = ["LEVEL_COLOURS", "SHORT_TITLES", "ElementProgress", "evaluation_progress", "rating_word"]

SHORT_TITLES = {
    Level.NOT_YET: "Not yet",
    Level.DEVELOPING: "Developing",
    Level.DEVELOPED: "Developed",
    Level.ESTABLISHED: "Established",
    Level.ENHANCING: "Enhancing",
}
"""Level words that fit a narrow outline; "Not yet" is "Not yet developing" (the help says so)."""

LEVEL_COLOURS = VARIABLES
"""Theme variables (see tui/colours.py), so each rating's colour follows the light or dark theme; the word
always goes with it."""


def rating_word(progress: ElementProgress, titles: Mapping[Level, str] = SHORT_TITLES) -> str:
    """The rating as a word (``*`` marks a provisional one), never only a colour; "not started" is not a rating."""
    if progress.level is None:
        return NOT_STARTED
    return titles[progress.level] + ("*" if progress.judgement.provisional else "")
