"""``selfeval export history``: one partnership's ratings and key outcomes across every year on record.

Markdown (and HTML made from it), CSV and JSON of the services' read model
``services.history.PartnershipHistory``. A change from the year before is written
as a word and a symbol ("Developed ↑ up"), never by colour alone, and a year that
did not evaluate an element says so instead of leaving a gap. The report's
"changes since last year" reuses :func:`ratings_table` for its multi-year table.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

from selfeval_tui.domain.outcomes import PERIODS
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.words import date_text, element_label
from selfeval_tui.services.history import (
    NOT_EVALUATED,
    OutcomeHistory,
    PartnershipHistory,
)

SCHEMA_VERSION = 1
LEGEND = (
    "Each cell is the element's rating that year; ↑ up, ↓ down and = same say how it moved from the year before. "
    "“Not evaluated” means that year's evaluation did not start the element, so there is nothing to compare."
)
CSV_HEADER = (
    "record", "id", "strand_id", "title", "year", "period", "rating", "level", "change", "value",
)  # fmt: skip
"""One row per element and year (``record`` element) and per outcome, year and term with a value (``outcome``)."""
_PERIOD_WORDS = {"baseline": "Baseline", "term1": "T1", "term2": "T2", "term3": "T3"}


def title(history: PartnershipHistory) -> str:
    names = history.year_names
    span = f"{names[0]} to {names[-1]}" if len(names) > 1 else (names[0] if names else "no years yet")
    return f"{history.partnership.name}: ratings and key outcomes across years, {span}"


def ratings_table(history: PartnershipHistory) -> str:
    """A row per element, a column per year: what the history export and the report's multi-year table show."""
    rows = [[element_label(h.element), *(r.text for r in h.years)] for h in history.elements]
    return md.table(["Element", *history.year_names], rows)


def change_summary(history: PartnershipHistory) -> str:
    """'2025/26: 3 up, 1 down, 10 same' for each year after the first."""
    parts = []
    for index, year in enumerate(history.year_names[1:], start=1):
        changes = [h.years[index].change for h in history.elements]
        parts.append(
            f"{year}: {changes.count('up')} up, {changes.count('down')} down, {changes.count('same')} same"
        )
    return "Changes from the year before. " + "; ".join(parts) + "." if parts else ""


def outcomes_table(history: PartnershipHistory) -> str:
    rows = [
        [outcome.row.stated_title, year, *(outcome.row.value_text(v) for v in values)]
        for outcome in history.outcomes
        for year, values in outcome.values
        if any(v is not None for v in values)
    ]
    if not rows:
        return md.paragraph("No key outcome has a value recorded in any year yet.")
    return md.table(["Outcome", "Year", *(_PERIOD_WORDS[p] for p in PERIODS)], rows)


def markdown(history: PartnershipHistory, date: datetime.date) -> str:
    if not history.years:
        return md.document([md.heading(1, title(history)), md.paragraph("There is no evaluation on record yet.")])
    return md.document(
        [
            md.heading(1, title(history)),
            md.paragraph(f"Local authority: {history.partnership.local_authority or 'not given'}. Date: {date_text(date)}."),
            md.heading(2, "Element ratings by year"),
            md.paragraph(LEGEND),
            ratings_table(history),
            md.paragraph(change_summary(history)),
            md.heading(2, "Key outcomes by year and term"),
            outcomes_table(history),
        ]
    )


def csv_text(history: PartnershipHistory) -> str:
    """Imports its helpers here, as ``render`` does: the report imports this module for its table alone."""
    from selfeval_tui.exports.csv_export import safe_cell

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for h in history.elements:
        for rating in h.years:
            level = rating.level
            shown = level.title if level is not None else NOT_EVALUATED
            number = "" if level is None else int(level)
            writer.writerow(
                ["element", h.element.id, h.strand.id, safe_cell(h.element.title), rating.year, "", shown, number,
                 rating.change or "", ""]
            )  # fmt: skip
    for outcome in history.outcomes:
        for year, values in outcome.values:
            for period, value in zip(PERIODS, values, strict=True):
                if value is not None:
                    writer.writerow(
                        ["outcome", outcome.row.outcome_id, "", safe_cell(outcome.row.title), year, period, "", "", "", value]
                    )
    return out.getvalue()


def as_json(history: PartnershipHistory, date: datetime.date) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "history",
        "date": date.isoformat(),
        "partnership": {"name": history.partnership.name, "local_authority": history.partnership.local_authority},
        "years": list(history.year_names),
        "elements": [
            {
                "id": h.element.id,
                "strand_id": h.strand.id,
                "title": h.element.title,
                "years": [
                    {
                        "year": r.year,
                        "rating": r.level.title if r.level is not None else None,
                        "level": int(r.level) if r.level is not None else None,
                        "change": r.change,
                    }
                    for r in h.years
                ],
            }
            for h in history.elements
        ],
        "outcomes": [_outcome(outcome) for outcome in history.outcomes],
    }


def _outcome(outcome: OutcomeHistory) -> dict[str, Any]:
    row = outcome.row
    return {
        "id": row.outcome_id,
        "title": row.title,
        "local": row.local,
        "value_unit": row.value_unit,
        "years": [{"year": year, **dict(zip(PERIODS, values, strict=True))} for year, values in outcome.values],
    }


def render(history: PartnershipHistory, fmt: str, date: datetime.date) -> str:
    """The history in ``fmt`` (md, html, csv or json)."""
    if fmt == "csv":
        return csv_text(history)
    if fmt == "json":
        from selfeval_tui.exports.json_export import escape_json_text

        return escape_json_text(json.dumps(as_json(history, date), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    text = markdown(history, date)
    if fmt == "md":
        return text
    from selfeval_tui.exports import html

    return html.page(text, title(history))
