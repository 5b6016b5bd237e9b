"""The report's pictures as plain data: shapes on a grid of points, plus the table of what they show.

A chart here is a list of shapes (rectangles, lines, markers, text) and the data
table it was drawn from, with no drawing library behind it: :mod:`.svg` writes
it as inline SVG for the HTML and PDF, :mod:`.png` rasterises it for Word. One
model means the picture in every format is the same picture, and the table a
reader gets instead of the picture is the data the picture was drawn from
(docs/exports.md, "Pictures", says why no charting library is used).

Every state is shown by words and a pattern as well as a colour, so a chart
printed in black and white, or read by someone who cannot tell the colours
apart, says the same thing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from selfeval_tui.bank import Level
from selfeval_tui.domain.outcomes import OutcomeRow
from selfeval_tui.exports.data import ElementReport, ExportData
from selfeval_tui.exports.words import (
    NOT_STARTED,
    element_label,
    level_counts,
    strand_label,
)

Pattern = Literal["hatch", "cross", "dots", "lines", "none"]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    pattern: Pattern = "none"
    stroke: str | None = None
    dashed: bool = False
    mark: str | None = None
    """What this rectangle stands for, in words, when it is one of the chart's data marks (its tooltip)."""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = "#000"
    width: float = 1
    dashed: bool = False


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    shape: Literal["circle", "square"]
    fill: str
    mark: str | None = None


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    """The baseline, as SVG places text."""
    text: str
    size: float = 11
    anchor: Anchor = "start"
    bold: bool = False
    colour: str = "#111"


Shape = Rect | Line | Marker | Text


@dataclass(frozen=True)
class Chart:
    key: str
    """A stable name for the figure (its HTML id, the image's file name in Word)."""
    title: str
    desc: str
    """What the chart shows, in a sentence or two, for a reader who cannot see it."""
    width: int
    height: int
    shapes: tuple[Shape, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """The data the chart is drawn from, as a table with ``header``: a reader without the picture loses nothing."""
    marks: int = field(default=0)
    """How many data marks it has: one per element, per strand segment or per value."""
    beside: bool = False
    """Its table is short enough to stand beside it (a trend) rather than below it."""


LEVEL_FILL = {
    Level.NOT_YET: "#ffffff",
    Level.DEVELOPING: "#deebf7",
    Level.DEVELOPED: "#9ecae1",
    Level.ESTABLISHED: "#4292c6",
    Level.ENHANCING: "#08519c",
}
"""Light to dark with the level, so the profile reads in grey too; the bar's length says the level anyway."""
LEVEL_PATTERN: dict[Level | None, Pattern] = {
    None: "cross",
    Level.NOT_YET: "dots",
    Level.DEVELOPING: "none",
    Level.DEVELOPED: "lines",
    Level.ESTABLISHED: "none",
    Level.ENHANCING: "dots",
}
"""The strand summary's segments, told apart without colour (with their order and the legend's words)."""
NOT_STARTED_FILL = "#eeeeee"
PREVIOUS_FILL = "#666666"
INK = "#111"
GRID = "#bbbbbb"
LABEL_CHARS = 40
"""An element's label is cut to this many characters in the picture (the table and the tooltip have it whole)."""
TREND_TITLE_CHARS = 66
"""A trend's title is wrapped at what fits across it in bold DejaVu Sans, the widest of the fonts it is drawn in,
on at most two lines (its alt text has it whole)."""


def _on_dark(level: Level) -> bool:
    return level >= Level.ESTABLISHED


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def state_text(element: ElementReport) -> str:
    """Provisional, agreed differently, not started: the words the picture and its table use for the marks."""
    if not element.started:
        return NOT_STARTED.lower()
    states = []
    if element.provisional:
        states.append("provisional")
    if element.judgement.overridden:
        states.append(f"agreed; computed {element.judgement.computed.title}")
    return ", ".join(states)


def _rating_words(element: ElementReport) -> str:
    if element.level is None:
        return NOT_STARTED
    state = state_text(element)
    return f"{element.level.title} ({state})" if state else element.level.title


def _legend(items: Sequence[tuple[Rect, str]], y: float, width: int) -> list[Shape]:
    """Swatches with their words, in rows that fit ``width``."""
    shapes: list[Shape] = []
    x = 10.0
    for swatch, words in items:
        room = 24 + len(words) * 6.2
        if x + room > width - 10:
            x, y = 10.0, y + 20
        shapes.append(Rect(x, y - 10, 14, 12, swatch.fill, swatch.pattern, INK, swatch.dashed))
        shapes.append(Text(x + 20, y, words, 10))
        x += room + 14
    return shapes


def rating_profile(data: ExportData) -> Chart:
    """Every element's current rating as a bar along the Developing-to-Enhancing scale, by strand, last year's beneath."""
    width, x0, unit, row_h = 800, 280.0, 70.0, 22
    shapes: list[Shape] = [Text(10, 18, "Rating profile", 13, bold=True)]
    levels = list(Level)[1:]
    for k, level in enumerate(levels, start=1):
        shapes.append(Text(x0 + (k - 0.5) * unit, 40, level.title, 10, "middle"))
    y = 50.0
    grid_top = y
    rows = []
    previous_year = data.previous.year if data.previous else None
    for strand, elements in data.by_strand():
        heading = _cut(strand_label(strand), 110)
        shapes.append(Rect(8, y + 3, len(heading) * 7 + 4, 16, "#ffffff"))  # the grid lines stop short of it
        shapes.append(Text(10, y + 15, heading, 11, bold=True))
        y += row_h
        for element in elements:
            label = element_label(element.element)
            shapes.append(Text(10, y + 14, _cut(label, LABEL_CHARS), 10.5))
            words = _rating_words(element)
            previous = element.previous.title if element.previous is not None else "not evaluated"
            mark = f"{label}: {words}" + (f"; {previous_year}: {previous}" if previous_year else "")
            if element.level is None:
                shapes.append(Rect(x0, y + 3, unit / 2, 12, NOT_STARTED_FILL, "cross", INK, mark=mark))
                end = x0 + unit / 2
            else:
                length = max(element.level * unit, 3.0)
                pattern: Pattern = "hatch" if element.provisional else "none"
                bar = Rect(
                    x0, y + 3, length, 12, LEVEL_FILL[element.level], pattern, INK,
                    dashed=element.judgement.overridden, mark=mark,
                )  # fmt: skip
                shapes.append(bar)
                end = x0 + length
            if element.previous is not None and element.previous > Level.NOT_YET:
                shapes.append(Rect(x0, y + 16, element.previous * unit, 4, PREVIOUS_FILL))
            shapes.append(Text(end + 6, y + 13, words, 10))
            rows.append((label, _level_or_not_started(element), state_text(element), *([previous] if previous_year else [])))
            y += row_h
    for k in range(len(levels) + 1):
        shapes.insert(1, Line(x0 + k * unit, grid_top, x0 + k * unit, y, GRID, 1, dashed=k > 0))
    legend = [
        (Rect(0, 0, 0, 0, LEVEL_FILL[Level.DEVELOPED], "hatch"), "hatched: provisional (open questions could raise it)"),
        (Rect(0, 0, 0, 0, LEVEL_FILL[Level.DEVELOPED], dashed=True), "dashed outline: agreed rating differs from the computed one"),
        (Rect(0, 0, 0, 0, NOT_STARTED_FILL, "cross"), "cross-hatched: not started (no rating)"),
    ]  # fmt: skip
    if previous_year:
        legend.append((Rect(0, 0, 0, 0, PREVIOUS_FILL), f"thin grey bar: {previous_year} rating"))
    shapes.extend(_legend(legend, y + 22, width))
    started = [e for e in data.elements if e.started]
    desc = (
        f"A bar for each of the {len(data.elements)} elements, grouped by strand, as long as its current rating on the "
        f"scale Developing, Developed, Established, Enhancing (none for Not yet developing); {len(started)} started"
        + (f", with the {previous_year} rating as a thin bar beneath" if previous_year else "")
        + ". The table below gives every rating."
    )
    header = ("Element", "Current rating", "Marked", *([previous_year] if previous_year else []))
    return Chart(
        "rating-profile", "Rating profile", desc, width, int(y + 70), tuple(shapes), header, tuple(rows),
        marks=len(data.elements),
    )  # fmt: skip


def _level_or_not_started(element: ElementReport) -> str:
    return NOT_STARTED if element.level is None else element.level.title


SUMMARY_ORDER: tuple[Level | None, ...] = (*Level, None)


def _summary_title(level: Level | None) -> str:
    return NOT_STARTED if level is None else level.title


def strand_summary(data: ExportData) -> Chart:
    """Per strand, one bar split into how many elements are at each level, then how many are not started."""
    width, x0, row_h = 800, 280.0, 30
    strands = data.by_strand()
    most = max((len(elements) for _, elements in strands), default=1) or 1
    unit = (width - x0 - 20) / most
    shapes: list[Shape] = [Text(10, 18, "Elements at each level, by strand", 13, bold=True)]
    rows = []
    marks = 0
    y = 34.0
    for strand, elements in strands:
        counted, _ = level_counts(elements)
        label = strand_label(strand)
        shapes.append(Text(10, y + 17, _cut(label, 44), 10.5))
        x = x0
        for level in SUMMARY_ORDER:
            count = counted[level]
            if not count:
                continue
            fill = NOT_STARTED_FILL if level is None else LEVEL_FILL[level]
            words = f"{label}: {count} {_summary_title(level)}"
            shapes.append(Rect(x, y + 4, count * unit, 18, fill, LEVEL_PATTERN[level], INK, mark=words))
            colour = "#ffffff" if level is not None and _on_dark(level) else INK
            shapes.append(Text(x + count * unit / 2, y + 17, str(count), 11, "middle", bold=True, colour=colour))
            x += count * unit
            marks += 1
        rows.append((label, *(str(counted[level]) for level in SUMMARY_ORDER)))
        y += row_h
    legend = [
        (Rect(0, 0, 0, 0, NOT_STARTED_FILL if level is None else LEVEL_FILL[level], LEVEL_PATTERN[level]), _summary_title(level))
        for level in SUMMARY_ORDER
    ]  # fmt: skip
    shapes.extend(_legend(legend, y + 18, width))
    desc = (
        "For each strand, a bar split into the number of its elements at each level, from Not yet developing to "
        "Enhancing, then those not started; each part is labelled with its count. The table below gives every count."
    )
    header = ("Strand", *(_summary_title(level) for level in SUMMARY_ORDER))
    return Chart("strand-summary", "Elements at each level, by strand", desc, width, int(y + 50), tuple(shapes), header, tuple(rows), marks)


@dataclass(frozen=True)
class Point:
    label: str
    """Where on the time line: an earlier year, or this year's baseline or a term."""
    value: float | None
    earlier: bool


_PERIOD_LABELS = ("Baseline", "Term 1", "Term 2", "Term 3")


def trend_points(row: OutcomeRow, earlier: Sequence[tuple[str, float]]) -> list[Point]:
    """Earlier years' end-of-year values, then this year's baseline and terms (None where none is recorded)."""
    values = (row.progress.baseline, *row.progress.terms)
    return [Point(year, value, True) for year, value in earlier] + [
        Point(label, value, False) for label, value in zip(_PERIOD_LABELS, values, strict=True)
    ]


def _ticks(low: float, high: float) -> list[float]:
    """Round values, about five, from at or below ``low`` to at or above ``high``."""
    span = high - low or abs(high) or 1.0
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    start = math.floor(low / step + 1e-9) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]


def outcome_trend(row: OutcomeRow, earlier: Sequence[tuple[str, float]], year: str, index: int) -> Chart:
    """One outcome: earlier years, then this year's baseline and terms, against its target line, with its status."""
    width, height = 540, 280
    title = textwrap.wrap(row.stated_title, TREND_TITLE_CHARS, max_lines=2, placeholder=" …") or [""]
    below = 15 * (len(title) - 1)  # a second line of title moves the status and the top of the plot down
    left, right, top, bottom = 64.0, 424.0, 62.0 + below, 200.0
    points = trend_points(row, earlier)
    target = row.progress.target
    values = [p.value for p in points if p.value is not None] + ([target] if target is not None else [])
    ticks = _ticks(min(values), max(values)) if values else [0.0, 1.0]
    low, high = ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1
    step_x = (right - left) / len(points)

    def ys(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    shapes: list[Shape] = [Text(10, 18 + 15 * i, line, 12, bold=True) for i, line in enumerate(title)]
    shapes.append(Text(10, 36 + below, f"Status: {row.progress.status}", 11))
    for tick in ticks:
        shapes.append(Line(left, ys(tick), right, ys(tick), GRID, 0.5))
        shapes.append(Text(left - 6, ys(tick) + 4, row.value_text(tick), 9.5, "end"))
    shapes.append(Line(left, bottom, right, bottom, INK))
    shapes.append(Line(left, top, left, bottom, INK))
    previous: tuple[float, float] | None = None
    marks = 0
    for i, point in enumerate(points):
        x = left + (i + 0.5) * step_x
        shapes.append(Text(x, bottom + 16, point.label, 9.5, "middle"))
        if point.value is None:
            shapes.append(Text(x, bottom + 28, "no value", 9, "middle", colour="#555"))
            previous = None if not point.earlier else previous
            continue
        y = ys(point.value)
        if previous is not None and not point.earlier:
            shapes.append(Line(previous[0], previous[1], x, y, INK, 2))
        words = f"{point.label}: {row.value_text(point.value)}"
        shapes.append(Marker(x, y, "square" if point.earlier else "circle", "#ffffff" if point.earlier else INK, words))
        shapes.append(Text(x, y - 9, row.value_text(point.value), 9.5, "middle"))
        previous = (x, y) if not point.earlier else None
        marks += 1
    if earlier:
        shapes.append(Text(left + len(earlier) / 2 * step_x, bottom + 44, "earlier years (end of year)", 9, "middle"))
    shapes.append(Text(left + (len(earlier) + 2) * step_x, bottom + 44, year, 9, "middle", bold=True))
    if target is not None:
        shapes.append(Line(left, ys(target), right, ys(target), "#c0392b", 1.5, dashed=True))
        shapes.append(Text(right + 6, ys(target) + 4, f"target {row.value_text(target)}", 10, colour="#c0392b"))
    legend_items = [(Rect(0, 0, 0, 0, INK), f"{year} (filled circles)")]
    if earlier:
        legend_items.append((Rect(0, 0, 0, 0, "#ffffff"), "earlier years (open squares)"))
    if target is not None:
        legend_items.append((Rect(0, 0, 0, 0, "#ffffff", dashed=True), f"dashed line: target ({row.target_text})"))
    shapes.extend(_legend(legend_items, height - 8, width))
    rows = [(p.label, row.value_text(p.value)) for p in points]
    rows.append(("Target", row.value_text(target) if target is not None else f"none ({row.target_text})"))
    rows.append(("Status", row.progress.status))
    desc = (
        f"{row.stated_title}: the value at each point in time"
        + (", earlier years first (end-of-year values)" if earlier else "")
        + f", then {year}'s baseline and terms"
        + (f", against a target line at {row.value_text(target)}" if target is not None else ", with no target line")
        + f". Status: {row.progress.status}. The table below gives every value."
    )
    return Chart(
        f"outcome-{index}", f"Key outcome trend: {row.stated_title}", desc, width, height, tuple(shapes),
        ("When", "Value"), tuple(rows), marks, beside=True,
    )  # fmt: skip


def outcome_trends(data: ExportData) -> list[Chart]:
    """A trend for each key outcome with any value recorded, this year or earlier, in the report's table order."""
    charts = []
    for index, row in enumerate(data.outcomes, start=1):
        earlier = data.earlier_outcomes.get(row.outcome_id, ())
        if row.progress.baseline is None and not any(v is not None for v in row.progress.terms) and not earlier:
            continue
        charts.append(outcome_trend(row, earlier, data.evaluation.year, index))
    return charts



def figures(kind: str, data: ExportData) -> dict[str, list[Chart]]:
    """The pictures of a paper, by the heading each goes under (``TITLE``: the paper's title).

    The report has all three; the overview its rating profile under the title and the strand summary under
    its own table; the judgement grid its rating profile under the title; the other papers none.
    """
    from selfeval_tui.exports.html import TITLE

    summary = "Elements at each level, by strand"
    placed: dict[str, list[Chart]]
    if kind == "report":
        placed = {
            "3.1 Key outcomes": outcome_trends(data),
            "3.2 Self-evaluation overview": [rating_profile(data)],
            summary: [strand_summary(data)],
        }
    elif kind == "overview":
        placed = {TITLE: [rating_profile(data)], summary: [strand_summary(data)]}
    elif kind == "grid":
        placed = {TITLE: [rating_profile(data)]}
    else:
        return {}
    return {heading: charts for heading, charts in placed.items() if charts}
