"""The key outcomes: targets, baseline and termly values, progress and the trend across years.

The rows and their statuses come from ``domain.outcomes.outcome_rows``, the same
rule the board report uses; this screen only lays them out. A status is always
a word, coloured from the theme like the outline's ratings, so NO_COLOR loses
nothing. At 80 columns a cell cannot hold an outcome's title or its target in
words, so the highlighted row is spelt out under the table, with its trend as a
sparkline and as a line of text (which a screen reader or plain terminal reads).

"e" hands back to the chat, which sends ``/outcomes``: the conversation then
asks each outcome's next term value, so values are entered in one place only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import JustifyMethod, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.renderables.sparkline import Sparkline as SparklineBars
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from selfeval_tui.conversation import Session
from selfeval_tui.domain.outcomes import (
    PERIODS,
    OutcomeRow,
    Status,
    number,
    outcome_rows,
)
from selfeval_tui.shells.tui.messages import EvaluationChanged
from selfeval_tui.shells.tui.profile import clip
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown

STATUS_COLOURS: Mapping[Status, str] = {
    "on track": "text-success",
    "some progress": "text-warning",
    "off track": "text-error",
}
"""Theme variables, as for the outline's ratings, in their text shades: plain ``warning`` is too pale to read on
the light theme's grey. "no data" stays plain (dim text is unreadable at 256 colours)."""
TERM_WORDS = {"term1": "term 1", "term2": "term 2", "term3": "term 3"}
TARGET_UNITS = {"percent": "%", "percentage_points": "pt", "count": ""}
"""Compact targets for the table: ``-10%`` (of the baseline), ``-2pt`` (percentage points), ``+3`` (a count)."""
WIDE = 120
TREND_WIDTH = 13
FIXED_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Target", 9),
    ("Baseline", 9),
    ("T1", 7),
    ("T2", 7),
    ("T3", 7),
    ("Change", 9),
    ("Status", 14),
)
"""Widths include the one-space gap on each column's left (the table's own cell padding is off, to fit 80 columns)."""
GUTTER = 1  # the table's vertical scrollbar, kept so that columns never move when it appears

Trend = tuple[tuple[str, tuple[float | None, ...]], ...]
"""(year, values at baseline, term 1, term 2, term 3) for each year with a value, oldest first."""

_LEADING = re.compile(r"^to (reduce|improve|increase) (the (number|percentage) of |the )?", re.IGNORECASE)
_TRAILING = re.compile(r"( across the partnership)?( by x%)?\.?$")


@dataclass(frozen=True)
class OutcomesData:
    rows: tuple[OutcomeRow, ...]
    trends: Mapping[str, Trend]


def short_title(title: str) -> str:
    """'To reduce overall absence across the partnership by x%' -> 'Overall absence': the words a narrow cell needs."""
    core = _TRAILING.sub("", _LEADING.sub("", title)).strip() or title
    return core[0].upper() + core[1:]


def target_short(row: OutcomeRow) -> str:
    if row.target is None or row.target.amount is None:
        return "not set"
    sign = "-" if row.target.direction == "reduce" else "+"
    return f"{sign}{number(row.target.amount)}{TARGET_UNITS[row.target.unit]}"


def trend_points(trend: Trend) -> list[float]:
    """The recorded values in time order, for the sparkline (which has no notion of a gap)."""
    return [value for _, values in trend for value in values if value is not None]


def trend_text(row: OutcomeRow, trend: Trend) -> str:
    """'2025/26: 9%, 8.5%, 8%; 2026/27: 8%, 7.6%'.

    A gap inside a year is a dash; terms not reached yet are left off, so the line reads as far as the data goes.
    """
    if not trend:
        return "Trend: no values recorded yet."
    years = []
    for year, values in trend:
        last = max(i for i, value in enumerate(values) if value is not None)
        years.append(f"{year}: " + ", ".join(row.value_text(value) for value in values[: last + 1]))
    return "Trend (baseline, T1-T3 each year): " + "; ".join(years)


def trend_bars(theme: Mapping[str, str], points: Sequence[float], width: int) -> RenderableType:
    """A table cell's sparkline, in the theme's primary colour (also the history screen's, across years).

    Blank below two values: one value is no trend, and Textual would draw it as a full bar.
    """
    if len(points) < 2:
        return Text("")
    primary = Color.parse(theme.get("primary", "blue")).rich_color
    return Padding(SparklineBars(points, width=width, min_color=primary, max_color=primary), (0, 0, 0, 1))


class OutcomesScreen(Page[bool]):
    """Dismisses with True when the coordinator wants to enter term values, False when just closed."""

    CSS_PATH = "outcomes.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5,q", "close", "Back to chat", id="close-outcomes"),
        Binding("escape", "close", "Back to chat", id="close-outcomes-escape", show=False),
        Binding(
            "e",
            "enter_values",
            "Enter term values",
            id="enter-term-values",
            tooltip="Back to the chat, which asks each outcome's next term value (/outcomes)",
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sub_title = f"Key outcomes {session.evaluation.year}"
        self.data: OutcomesData | None = None
        self._filled_width = 0

    def compose_page(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="outcomes-table", cursor_type="row", zebra_stripes=True, cell_padding=0)
        with Vertical(id="outcome-detail"):
            yield Static("Reading the outcomes ...", id="outcome-facts")
            yield Sparkline([], id="outcome-trend")
            yield Static(id="outcome-trend-text")
        yield Footer()

    class Loaded(Message):
        """The outcomes as read by the loading thread, or why they could not be read."""

        def __init__(self, data: OutcomesData | None, error: Exception | None = None) -> None:
            super().__init__()
            self.data, self.error = data, error

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill(self.app.size.width))
        self._load()

    def on_evaluation_changed(self, event: EvaluationChanged) -> None:
        """Another session saved a value or a target of this partnership: read the outcomes again."""
        evaluation = self.session.evaluation
        concerning = event.changes.concerning(evaluation.partnership_id)
        if concerning.kinds & {"outcome_value", "outcome_target"}:
            self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        """In a thread, like every read that may wait for a save in progress to commit; the result is posted back."""
        try:
            data = self._read()
        except Exception as exc:  # noqa: BLE001 - shown on the screen, which stays open
            self.post_message(self.Loaded(None, exc))
        else:
            self.post_message(self.Loaded(data))

    def _read(self) -> OutcomesData:
        session = self.session
        services, actor, evaluation = session.services, session.actor, session.evaluation
        targets = services.outcome_targets(actor, evaluation.partnership_id)
        years = services.years_to(actor, evaluation)
        rows = outcome_rows(session.framework, targets, years[-1][1] if years else [])  # the last year is this one
        recorded: dict[str, list[tuple[str, tuple[float | None, ...]]]] = {}
        for year, stored in years:
            by_outcome: dict[str, dict[str, float]] = {}
            for value in stored:
                by_outcome.setdefault(value.outcome_id, {})[value.period] = value.value
            for outcome_id, values in by_outcome.items():
                recorded.setdefault(outcome_id, []).append((year.year, tuple(values.get(p) for p in PERIODS)))
        return OutcomesData(tuple(rows), {outcome_id: tuple(trend) for outcome_id, trend in recorded.items()})

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.data is not None:
            self.data = event.data
            self._fill(self.app.size.width)
        else:
            self.query_one("#outcome-facts", Static).update(shown(f"Could not read the outcomes: {event.error}"))

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._filled_width:
            self._fill(event.size.width)

    def _colour(self, status: Status) -> str:
        colour = STATUS_COLOURS.get(status)
        return f"bold {self.app.theme_variables.get(colour, '')}".strip() if colour else ""

    def _fill(self, width: int) -> None:
        """Columns sized to the terminal; at 120 columns and more each row also gets its trend as a sparkline."""
        if self.data is None:
            return
        self._filled_width = width
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        wide = width >= WIDE
        columns = [*FIXED_COLUMNS, *((("Trend", TREND_WIDTH),) if wide else ())]
        title_width = max(12, width - GUTTER - sum(w for _, w in columns))
        table.add_column(Text(" Outcome"), width=title_width)
        for label, column_width in columns:
            justify: JustifyMethod = "left" if label in ("Target", "Status", "Trend") else "right"
            table.add_column(Text(f" {label}" if justify == "left" else label, justify=justify), width=column_width)
        for outcome in self.data.rows:
            progress = outcome.progress
            cells: list[RenderableType] = [
                shown(" " + clip(short_title(outcome.title), title_width - 1)),
                Text(" " + target_short(outcome)),
                *(
                    Text(outcome.value_text(value), justify="right")
                    for value in (progress.baseline, *progress.terms)
                ),
                Text(outcome.change_text(words=False), justify="right"),
                Text.assemble(" ", (progress.status, self._colour(progress.status))),
            ]
            if wide:
                cells.append(trend_bars(self.app.theme_variables, trend_points(self.data.trends.get(outcome.outcome_id, ())), TREND_WIDTH - 1))
            table.add_row(*cells, key=outcome.outcome_id)
        table.move_cursor(row=row)
        self._show_detail(self.data.rows[table.cursor_row])  # the bank always has key outcomes

    def _show_detail(self, outcome: OutcomeRow) -> None:
        facts = self.query_one("#outcome-facts", Static)
        trend_line = self.query_one("#outcome-trend-text", Static)
        sparkline = self.query_one(Sparkline)
        progress = outcome.progress
        target = f"Target: {outcome.target_text}"
        if progress.target is not None:
            target += f" (to {outcome.value_text(progress.target)})"
        if progress.latest_period is not None:
            latest = f"Latest: {outcome.value_text(progress.latest)} at {TERM_WORDS[progress.latest_period]}"
            if progress.change is not None:
                latest += f", change {outcome.change_text()}"
        else:
            latest = "No term value yet"
        facts.update(
            Text.assemble(
                shown(outcome.title, "bold"),
                " (local)" if outcome.local else "",
                f"\n{target}. {latest}: ",
                (progress.status, self._colour(progress.status)),
                ".",
            )
        )
        trend = self.data.trends.get(outcome.outcome_id, ()) if self.data is not None else ()
        points = trend_points(trend)
        sparkline.data = points
        sparkline.styles.width = 4 * len(points)  # one bar per value
        sparkline.visible = len(points) >= 2  # one value is no trend; the text line still gives it
        trend_line.update(trend_text(outcome, trend))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.data is not None and 0 <= event.cursor_row < len(self.data.rows):
            self._show_detail(self.data.rows[event.cursor_row])

    def action_enter_values(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
