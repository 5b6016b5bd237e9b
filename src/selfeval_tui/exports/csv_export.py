"""One row per element for spreadsheets, written by the csv module (RFC 4180 quoting, CRLF rows).

A cell a spreadsheet would run as a formula (one starting ``=``, ``+``, ``-``,
``@``, tab or carriage return) gets a leading apostrophe, the usual guard against
CSV formula injection; titles and labels come from a bank anyone can edit.
Control characters and bidi controls in them are shown as symbols, as on screen
(:func:`~selfeval_tui.domain.inert.inert`): CSV has no way to escape them.
"""

from __future__ import annotations

import csv
import io

from selfeval_tui.domain.inert import inert
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.words import NOT_STARTED

HEADER = (
    "element_id", "strand_id", "title", "rating", "level", "computed_level", "agreed_level", "provisional", "focus",
    "started",
)  # fmt: skip
"""``started`` came last so that a spreadsheet reading columns by position still finds the others."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Shown as text by a spreadsheet: a leading = + - @ would start a formula, so it gets a quote first."""
    return "'" + inert(text) if text.startswith(_FORMULA_START) else inert(text)


def render(data: ExportData) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for element in data.elements:
        judgement = element.judgement
        started = element.started
        writer.writerow(
            [
                element.element.id,
                element.strand.id,
                safe_cell(element.element.title),
                element.rating.title if started else NOT_STARTED,
                int(element.rating) if started else "",
                int(judgement.computed) if started else "",
                "" if judgement.agreed is None else judgement.agreed.level,
                "yes" if element.provisional else "no",
                safe_cell(element.focus_text) if started else "",
                "yes" if started else "no",
            ]
        )
    return out.getvalue()
