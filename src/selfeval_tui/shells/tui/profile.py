"""The rating profile in the terminal: per element a bar, its rating in words and last year's, grouped by strand.

The same picture as the report's rating profile (exports/charts.py), drawn with
block characters so the overview can show it at 80 columns. A bar is two cells
per level (Not yet developing one step, Enhancing five), in the rating's colour;
a provisional rating's bar is shaded rather than solid. Nothing rests on the
colour or the shading: the rating, "provisional", "agreed" (an agreed rating
that differs from the computed one) and "not started" are words beside the bar,
and last year's rating is a word in its own column. In ASCII mode (glyphs.py) the bar becomes
``#`` and the track ``-``, so the profile still reads left to right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text

from selfeval_tui.bank import Framework, Level
from selfeval_tui.conversation.progress import NOT_STARTED
from selfeval_tui.shells.tui.progress import SHORT_TITLES, ElementProgress
from selfeval_tui.shells.tui.shown import shown

CELLS_PER_LEVEL = 2
BAR_WIDTH = CELLS_PER_LEVEL * len(Level)
SOLID = "\u2588"  # FULL BLOCK: "#" in ASCII
SHADED = "\u2593"  # DARK SHADE: "#" in ASCII, so the words carry "provisional"
TRACK = "\u254c"  # LIGHT DOUBLE DASH HORIZONTAL: "-" in ASCII
RATING_WIDTH = 32
"""Room for the longest rating words: "Established, provisional, agreed"."""
LAST_YEAR_WIDTH = len("Established")
"""Last year's rating as a word; blank when last year left the element untouched (or there was no last year)."""
GAPS = 3


def rating_words(progress: ElementProgress) -> str:
    """The rating and its state in words: "Developed, provisional", "Established, agreed", "not started"."""
    level = progress.level
    if level is None:
        return NOT_STARTED
    judgement = progress.judgement
    states = (["provisional"] if judgement.provisional else []) + (["agreed"] if judgement.overridden else [])
    return ", ".join([SHORT_TITLES[level], *states])


def bar(progress: ElementProgress) -> str:
    """The bar and the rest of its track: always ``BAR_WIDTH`` cells, so the ratings line up."""
    level = progress.level
    filled = 0 if level is None else (level + 1) * CELLS_PER_LEVEL
    block = SHADED if progress.judgement.provisional else SOLID
    return block * filled + TRACK * (BAR_WIDTH - filled)


def label_width(width: int) -> int:
    """What is left of ``width`` cells for the element's number and title."""
    return max(12, width - BAR_WIDTH - RATING_WIDTH - LAST_YEAR_WIDTH - GAPS)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def heading(width: int) -> Text:
    """The column headings, which stay in view above the scrolled profile."""
    label = label_width(width)
    return Text(f"{'Element':<{label}} {'Rating':<{BAR_WIDTH + 1 + RATING_WIDTH}} Last year", style="bold")


def profile(
    framework: Framework,
    progress: Mapping[str, ElementProgress],
    previous: Mapping[str, Level],
    width: int,
    colour: Callable[[Level], str],
) -> Text:
    """Every element of every strand, one line each, under its strand's title; ``colour`` gives a level's style."""
    label = label_width(width)
    lines = Text()
    for number, strand in enumerate(framework.strands):
        lines.append("\n\n" if number else "")
        lines.append_text(shown(clip(f"{strand.id}. {strand.title}", width), "bold underline"))
        for element in strand.elements:
            shown_progress = progress.get(element.id)
            if shown_progress is None:
                continue
            level = shown_progress.level
            style = colour(level) if level is not None else ""
            last = previous.get(element.id)
            lines.append("\n")
            lines.append_text(shown(f"{clip(f'{element.id} {element.title}', label):<{label}} "))
            lines.append(bar(shown_progress), style=style)
            lines.append(" ")
            lines.append(f"{rating_words(shown_progress):<{RATING_WIDTH}}", style=style)
            lines.append(" ")
            lines.append("" if last is None else SHORT_TITLES[last])
    return lines
