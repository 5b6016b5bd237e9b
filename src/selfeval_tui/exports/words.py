"""Words and numbers shared by the Markdown exports, so the overview, grid and report agree."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence

from selfeval_tui.bank import Element, Level, Strand
from selfeval_tui.domain import records
from selfeval_tui.domain.records import Status
from selfeval_tui.exports.data import ElementReport, ExportData

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""Spelt out here because ``%B`` follows the locale, and the same --date must give the same bytes."""

STATUS_WORDS: dict[Status | None, str] = records.STATUS_WORDS | {None: "not answered"}
"""The conversation's words for each status, so a note says "partly met" in the chat and the paper."""

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def date_text(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def element_label(element: Element) -> str:
    return f"{element.id} {element.title}"


def strand_label(strand: Strand) -> str:
    return f"Strand {strand.id}: {strand.title}"


def footnote_mark(number: int) -> str:
    """A superscript number: plain text, so it shows the same in every renderer (GFM footnotes do not)."""
    return str(number).translate(_SUPERSCRIPT)


NOT_STARTED = "Not started"
"""In a rating's place for an element nobody has started: a state of its own, never read as a rating."""
NOTHING = "–"
"""An empty cell that is empty on purpose (no focus before an element is started)."""


def rating_text(element: ElementReport, mark: str = "") -> str:
    """The current rating, its footnote mark if the agreed rating differs, and whether it is provisional."""
    if element.level is None:
        return NOT_STARTED
    text = element.level.title + mark
    return f"{text} (provisional)" if element.provisional else text


def level_counts(elements: Sequence[ElementReport]) -> tuple[Counter[Level | None], int]:
    """How many elements are at each level (None: not started), and how many of those ratings are provisional."""
    return Counter(e.level for e in elements), sum(1 for e in elements if e.provisional)


def overridden(data: ExportData) -> list[ElementReport]:
    """Elements whose agreed rating differs from the computed one, in footnote order."""
    return [e for e in data.elements if e.judgement.overridden]

