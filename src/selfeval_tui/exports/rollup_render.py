"""The roll-up written out: Markdown (short codes and a legend), HTML (colour plus words), CSV and JSON.

Every renderer reads the same :class:`~selfeval_tui.exports.rollup.Rollup`, so the
heat map, the counts and the criteria most often not met agree in every format.
Names came from other people (and other servers): they go through the Markdown
escaping, ``html.escape`` or ``escape_json_text`` like every other export's text.
"""

from __future__ import annotations

import csv
import html as html_text
import io
import json
from typing import Any

from selfeval_tui.bank import Level
from selfeval_tui.exports import html
from selfeval_tui.exports import markdown as md
from selfeval_tui.exports.escape import normalise
from selfeval_tui.exports.json_export import escape_json_text
from selfeval_tui.exports.rollup import Entry, Rollup
from selfeval_tui.exports.words import date_text

ROLLUP_FORMATS = ("md", "html", "csv", "json")
ROLLUP_VERSION = 1
"""The roll-up JSON's own version (docs/exports.md): it only grows, as the evaluation export's does."""
CODES: dict[int | None, str] = {4: "ENH", 3: "EST", 2: "DVD", 1: "DEV", 0: "NYD", None: "--"}
"""Short codes for the heat map in Markdown and the TUI; the legend spells them out."""
PROVISIONAL = "*"
HEAT_COLOURS: dict[int | None, str] = {
    4: "#1a7f37", 3: "#7cc47f", 2: "#f2d16b", 1: "#f4a259", 0: "#d9534f", None: "#dddddd",
}  # fmt: skip
"""Background of each level's cell in HTML; the cell also says the rating in words, so colour is never the only cue."""
HEAT_MAP = "Heat map: ratings by partnership and element"


def title(rollup: Rollup) -> str:
    where = rollup.local_authority or "all partnerships"
    return f"Roll-up: {where}, {rollup.year or 'latest evaluations'}"


def legend() -> str:
    levels = "; ".join(f"{CODES[int(level)]} {level.title}" for level in reversed(Level))
    return f"Codes: {levels}; {CODES[None]} not started; {PROVISIONAL} provisional (questions that could still raise it are open)."


def render(rollup: Rollup, fmt: str) -> str:
    if fmt == "json":
        return escape_json_text(json.dumps(as_json(rollup), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    if fmt == "csv":
        return as_csv(rollup)
    if fmt == "html":
        text = markdown(rollup, heat_map=False)
        return html.page(text, title(rollup), {HEAT_MAP: [heat_map_html(rollup)]})
    return markdown(rollup)


def markdown(rollup: Rollup, *, heat_map: bool = True) -> str:
    entries = rollup.entries
    elements = rollup.framework.elements
    blocks = [
        md.heading(1, title(rollup)),
        md.paragraph(
            f"{len(entries)} partnership{'' if len(entries) == 1 else 's'}. Date: {date_text(rollup.date)}. "
            "Each partnership's evaluation for the year named, else its latest."
        ),
        md.heading(2, "Sign-off"),
        md.table(
            ["Partnership", "Local authority", "Year", "Status", "From"],
            [[e.partnership, e.local_authority or "not recorded", e.year, e.state_text, e.source or "this database"] for e in entries],
        ),
        md.heading(2, HEAT_MAP),
    ]
    if heat_map:
        blocks += [
            md.table(["Partnership", *(el.id for el in elements)], [[e.partnership, *codes(rollup, e)] for e in entries]),
            md.paragraph(legend()),
        ]
    blocks += [
        md.paragraph("Elements: " + "; ".join(f"{el.id} {el.title}" for el in elements) + "."),
        md.heading(2, "Ratings by strand and level"),
        md.table(
            ["Strand", *(level.title for level in reversed(Level)), "Not started"],
            [[label, *(str(c[level]) for level in reversed(Level)), str(c[None])] for label, c in rollup.strand_counts()],
        ),
        md.heading(2, "Key outcomes side by side"),
        *_outcomes(rollup),
        md.heading(2, "Changes since last year"),
        md.table(
            ["Partnership", "Since", "Up", "Down", "Same", "Elements up", "Elements down"],
            [_changes(e) for e in entries],
        ),
        md.heading(2, "Criteria most often not met"),
        *_unmet(rollup),
    ]
    if rollup.left_out:
        blocks += [md.heading(2, "Left out"), md.bullets(rollup.left_out)]
    return md.document(blocks)


def codes(rollup: Rollup, entry: Entry) -> list[str]:
    """The entry's heat-map row as short codes, in bank order (the TUI's roll-up screen shows the same)."""
    return [
        CODES[entry.levels.get(el.id)] + (PROVISIONAL if el.id in entry.provisional else "")
        for el in rollup.framework.elements
    ]


def _outcomes(rollup: Rollup) -> list[str]:
    columns = rollup.outcome_columns()
    if not columns:
        return [md.paragraph("No partnership has key outcomes recorded.")]
    rows = []
    for e in rollup.entries:
        cells = []
        for outcome_id, _ in columns:
            cell = e.outcomes.get(outcome_id)
            if cell is None:
                cells.append("not kept")
            elif cell.latest is None:
                cells.append(cell.status)
            else:
                unit = "%" if cell.value_unit == "percent" else ""
                cells.append(f"{cell.latest:g}{unit} ({cell.status})")
        rows.append([e.partnership, *cells])
    return [md.table(["Partnership", *(t for _, t in columns)], rows), md.paragraph("Each cell: the latest value recorded (its progress status).")]


def _changes(entry: Entry) -> list[str]:
    ups = [el for el, c in entry.changes.items() if c == "up"]
    downs = [el for el, c in entry.changes.items() if c == "down"]
    same = sum(1 for c in entry.changes.values() if c == "same")
    if entry.previous_year is None:
        return [entry.partnership, "no earlier year", "", "", "", "", ""]
    return [entry.partnership, entry.previous_year, str(len(ups)), str(len(downs)), str(same), ", ".join(ups), ", ".join(downs)]


def _unmet(rollup: Rollup) -> list[str]:
    unmet = rollup.most_unmet()
    if not unmet:
        return [md.paragraph("No criterion is answered not met in any partnership.")]
    return [
        md.paragraph("The shared development themes: each criterion answered not met, in how many partnerships, and which."),
        md.table(
            ["Criterion", "Element", "Partnerships", "Which"],
            [[u.label, u.element_id, str(len(u.partnerships)), "; ".join(u.partnerships)] for u in unmet],
        ),
    ]


def heat_map_html(rollup: Rollup) -> str:
    """The heat map as an HTML table: each cell coloured by level and saying the rating in words."""
    elements = rollup.framework.elements
    head = "".join(f'<th scope="col" title="{_escape(el.title)}">{_escape(el.id)}</th>' for el in elements)
    rows = []
    for e in rollup.entries:
        cells = []
        for el in elements:
            level = e.levels.get(el.id)
            words = "Not started" if level is None else Level(level).title
            mark = " (provisional)" if el.id in e.provisional else ""
            cells.append(f'<td style="background:{HEAT_COLOURS[level]}">{words}{mark}</td>')
        rows.append(f'<tr><th scope="row">{_escape(e.partnership)}</th>{"".join(cells)}</tr>')
    return (
        '<table class="heat-map">\n<thead><tr><th scope="col">Partnership</th>'
        f"{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )


def _escape(text: str) -> str:
    return html_text.escape(normalise(text))


CSV_HEADER = (
    "source", "partnership", "local_authority", "year", "state", "element_id", "element_title",
    "strand_id", "level", "rating", "provisional", "change",
)  # fmt: skip


def as_csv(rollup: Rollup) -> str:
    """The heat map in long form, one row per partnership and element, for a spreadsheet's pivot table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in rollup.entries:
        for strand in rollup.framework.strands:
            for el in strand.elements:
                level = e.levels.get(el.id)
                writer.writerow(
                    [
                        e.source, e.partnership, e.local_authority, e.year, e.state or "", el.id, el.title, strand.id,
                        "" if level is None else level, "" if level is None else Level(level).title,
                        "yes" if el.id in e.provisional else "no", e.changes.get(el.id, ""),
                    ]
                )  # fmt: skip
    return out.getvalue()


def as_json(rollup: Rollup) -> dict[str, Any]:
    return {
        "rollup_version": ROLLUP_VERSION,
        "date": rollup.date.isoformat(),
        "local_authority": rollup.local_authority,
        "year": rollup.year,
        "framework": {"id": rollup.framework.id, "version": rollup.framework.version},
        "partnerships": [_entry_json(e) for e in rollup.entries],
        "strand_counts": [
            {"strand": label, **{level.title: c[level] for level in Level}, "not_started": c[None]}
            for label, c in rollup.strand_counts()
        ],
        "most_unmet": [
            {"criterion_id": u.criterion_id, "element_id": u.element_id, "label": u.label, "partnerships": list(u.partnerships)}
            for u in rollup.most_unmet()
        ],
        "left_out": list(rollup.left_out),
    }


def _entry_json(e: Entry) -> dict[str, Any]:
    return {
        "source": e.source or None,
        "partnership": e.partnership,
        "local_authority": e.local_authority,
        "year": e.year,
        "previous_year": e.previous_year,
        "sign_off": {"state": e.state, "signed_off_by": e.signed_off_by, "signed_off_on": e.signed_off_on},
        "levels": dict(e.levels),
        "provisional": sorted(e.provisional),
        "changes": dict(e.changes),
        "not_met": [{"element_id": el, "criterion_id": c, "label": label} for el, c, label in e.unmet],
        "outcomes": {
            k: {"title": c.title, "latest": c.latest, "value_unit": c.value_unit, "status": c.status} for k, c in e.outcomes.items()
        },
    }
