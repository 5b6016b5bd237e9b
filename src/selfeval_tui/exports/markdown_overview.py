"""The overview: Annex A's grid of elements, ratings and development focus, as one GFM table.

One table with a bold row per strand (rather than a table per strand) keeps the
columns aligned down the page, which is how Annex A lays the overview out and how
it reads best on GitHub, in markdown-it and in print.
"""

from __future__ import annotations

from selfeval_tui.bank import Level
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.data import ExportData
from selfeval_tui.exports.escape import is_blank, strong
from selfeval_tui.exports.words import (
    NOT_STARTED,
    NOTHING,
    date_text,
    element_label,
    footnote_mark,
    level_counts,
    overridden,
    rating_text,
    strand_label,
)

PROVISIONAL_NOTE = (
    "A rating marked (provisional) may still rise: questions that could raise it are unanswered or answered "
    "not sure."
)


def overview_table(data: ExportData) -> str:
    marks = {e.element.id: footnote_mark(n) for n, e in enumerate(overridden(data), start=1)}
    rows: list[list[str]] = []
    for strand, elements in data.by_strand():
        rows.append([strong(strand_label(strand)), "", ""])
        rows.extend(
            [
                element_label(e.element),
                rating_text(e, marks.get(e.element.id, "")),
                e.focus_text if e.started else NOTHING,
            ]
            for e in elements
        )
    return md.table(["Element", "Current rating", "Development focus"], rows)


def footnotes(data: ExportData) -> list[str]:
    """Why an agreed rating differs from the computed one, numbered as marked in the table."""
    notes = []
    for number, element in enumerate(overridden(data), start=1):
        judgement = element.judgement
        assert judgement.agreed is not None
        notes.append(
            md.paragraph(
                f"{footnote_mark(number)} {element_label(element.element)}: agreed as {element.rating.title} "
                f"(best fit); the computed rating is {judgement.computed.title}. Reason: {judgement.agreed.reason}"
            )
        )
    return notes


def summary_table(data: ExportData) -> str:
    """How many elements of each strand are at each level, then how many are not started, with a total row."""
    levels: list[Level | None] = [*Level, None]
    rows = []
    totals = [0] * len(levels)
    for strand, elements in data.by_strand():
        counted, _ = level_counts(elements)
        counts = [counted[level] for level in levels]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append([strand_label(strand), *map(str, counts)])
    rows.append([strong("All strands"), *(strong(str(t)) for t in totals)])
    centred: list[md.Align] = ["center"] * len(levels)
    header = [NOT_STARTED if level is None else level.title for level in levels]
    return md.table(["Strand", *header], rows, ["left", *centred])


def overview_blocks(data: ExportData, heading_level: int) -> list[str]:
    """The table, its notes and the per-strand summary, for the overview and inside the report."""
    provisional = any(e.provisional for e in data.elements)
    return [
        overview_table(data),
        md.paragraph(PROVISIONAL_NOTE) if provisional else "",
        *footnotes(data),
        md.heading(heading_level, "Elements at each level, by strand"),
        summary_table(data),
    ]


def subtitle(data: ExportData) -> str:
    authority = data.partnership.local_authority
    where = "" if is_blank(authority) else f"Local authority: {authority}. "
    return md.paragraph(
        f"{where}Academic year {data.evaluation.year}. Date: {date_text(data.date)}. {data.sign_off_text}."
    )


def title(data: ExportData) -> str:
    return f"Self-evaluation overview: {data.partnership.name}, {data.evaluation.year}"


def render(data: ExportData) -> str:
    return md.document(
        [
            md.heading(1, title(data)),
            subtitle(data),
            *overview_blocks(data, 2),
        ]
    )
