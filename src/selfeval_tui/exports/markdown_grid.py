"""The judgement grid: one row per element, one column per level, a mark in the current one.

Meant for print, where a column of marks shows the partnership's profile at a
glance; the overview carries the words (focus, reasons).
"""

from __future__ import annotations

from selfeval_tui.bank import LEVEL_NAMES, Level
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.data import ElementReport, ExportData
from selfeval_tui.exports.escape import strong
from selfeval_tui.exports.markdown_overview import subtitle
from selfeval_tui.exports.words import NOT_STARTED, element_label, strand_label

CURRENT = "●"
PROVISIONAL = "○"
KEY = (
    f"{CURRENT} current rating; {PROVISIONAL} provisional rating (questions that could still raise it are open); "
    f"no mark: Not yet developing; ({NOT_STARTED.lower()}): nothing answered for the element yet, so no rating."
)


def _marks(element: ElementReport) -> list[str]:
    """A mark in the current rating's column; none for Not yet developing, nor for an element not started."""
    mark = PROVISIONAL if element.provisional else CURRENT
    return [mark if element.level is Level.from_name(name) else "" for name in LEVEL_NAMES]


def _label(element: ElementReport) -> str:
    """The element, marked (not started) when it has no rating, which its empty row alone would not say."""
    label = element_label(element.element)
    return label if element.started else f"{label} ({NOT_STARTED.lower()})"


def grid_table(data: ExportData) -> str:
    rows: list[list[str]] = []
    for strand, elements in data.by_strand():
        rows.append([strong(strand_label(strand)), *[""] * len(LEVEL_NAMES)])
        rows.extend([_label(e), *_marks(e)] for e in elements)
    centred: list[md.Align] = ["center"] * len(LEVEL_NAMES)
    return md.table(["Element", *LEVEL_NAMES], rows, ["left", *centred])


def title(data: ExportData) -> str:
    return f"Judgement grid: {data.partnership.name}, {data.evaluation.year}"


def render(data: ExportData) -> str:
    return md.document(
        [
            md.heading(1, title(data)),
            subtitle(data),
            grid_table(data),
            md.paragraph(KEY),
        ]
    )
