"""The partnership across years (F8): each element's rating in every year on record, and each key outcome's trend.

A row per element, a column per year; a change from the year before is a symbol
and a word in the cell ("Developed ↑ up"), coloured from the theme as well, so
NO_COLOR and a screen reader lose nothing. The element column stays put while
the years scroll sideways (left and right move the cursor), which is how ten
years fit 80 columns. The highlighted element's story is spelt out under the
table, and the key outcomes follow with the outcomes screen's sparkline, now
across every year and term. The data is the services' ``PartnershipHistory``,
the same read model as ``selfeval export history``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from selfeval_tui.conversation import Session
from selfeval_tui.services.history import (
    ElementHistory,
    OutcomeHistory,
    PartnershipHistory,
)
from selfeval_tui.services.views import Change
from selfeval_tui.shells.tui.messages import EvaluationChanged
from selfeval_tui.shells.tui.profile import clip
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.screens.outcomes import short_title, trend_bars, trend_text
from selfeval_tui.shells.tui.shown import shown

CHANGE_COLOURS: Mapping[Change, str] = {"up": "text-success", "down": "text-error"}
"""Theme variables in their text shades, as the outcomes screen's statuses; "same" stays plain."""
ELEMENT_WIDTH = 24
YEAR_WIDTH = len("Established ↓ down") + 1
OUTCOME_WIDTH = 22
TREND_WIDTH = 14


def story(history: ElementHistory, index: int) -> str:
    """The highlighted cell in a sentence: the year's rating and how it moved, for a screen reader as for the eye."""
    title = f"{history.element.id} {history.element.title}"
    if not history.years:
        return f"{title}: no evaluation on record yet."
    index = min(max(index, 0), len(history.years) - 1)
    rating = history.years[index]
    rated = sum(1 for r in history.years if r.level is not None)
    count = f" Rated in {rated} of {len(history.years)} years on record."
    if rating.level is None:
        return f"{title}, {rating.year}: not evaluated.{count}"
    said = f"{title}, {rating.year}: {rating.level.title}"
    before = history.years[index - 1] if index else None
    if before is None:
        return f"{said}, the first year on record.{count}"
    if before.level is None:
        return f"{said}; not evaluated in {before.year}, so no change to compare.{count}"
    if rating.change == "same":
        return f"{said}, the same as in {before.year}.{count}"
    return f"{said}, {rating.change} from {before.level.title} in {before.year}.{count}"


def values_text(outcome: OutcomeHistory) -> str:
    """Each year's recorded values (baseline, T1-T3), or that there are none yet."""
    values = tuple((year, v) for year, v in outcome.values if any(x is not None for x in v))
    if not values:
        return "none recorded yet"
    return trend_text(outcome.row, values).split(": ", 1)[1]


class HistoryScreen(Page[None]):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8,q", "close", "Back to chat", id="close-history"),
        Binding("escape", "close", "Back to chat", id="close-history-escape", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sub_title = "Across years"
        self.data: PartnershipHistory | None = None
        self._filled = False  # the first fill puts the cursor on the latest year; later ones keep it where it was

    def compose_page(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="history-table", cursor_type="cell", fixed_columns=1, zebra_stripes=True, cell_padding=0)
        yield Static("Reading every year on record ...", id="history-story")
        yield DataTable(id="history-outcomes", cursor_type="row", show_cursor=False, cell_padding=0)
        yield Footer()

    class Loaded(Message):
        """The history as read by the loading thread, or why it could not be read."""

        def __init__(self, data: PartnershipHistory | None, error: Exception | None = None) -> None:
            super().__init__()
            self.data, self.error = data, error

    def on_mount(self) -> None:
        self.query_one("#history-table", DataTable).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())
        self._load()

    def on_evaluation_changed(self, event: EvaluationChanged) -> None:
        """Another session changed a rating, an answer or a value of this partnership: read the years again."""
        concerning = event.changes.concerning(self.session.evaluation.partnership_id)
        if concerning.kinds & {"answer", "judgement", "outcome_value", "outcome_target"}:
            self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        """In a thread, as every read that may wait for a save in progress; the result is posted back."""
        session = self.session
        try:
            data = session.services.partnership_history(
                session.actor, session.framework, session.evaluation.partnership_id
            )
        except Exception as exc:  # noqa: BLE001 - shown on the screen, which stays open
            self.post_message(self.Loaded(None, exc))
        else:
            self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.data is None:
            self.query_one("#history-story", Static).update(shown(f"Could not read the history: {event.error}"))
            return
        self.data = event.data
        self._fill()

    def on_resize(self, event: Resize) -> None:
        self._fill()

    def _style(self, change: Change | None) -> str:
        colour = CHANGE_COLOURS.get(change) if change is not None else None
        return f"bold {self.app.theme_variables.get(colour, '')}".strip() if colour else ""

    def _fill(self) -> None:
        if self.data is None:
            return
        data = self.data
        table = self.query_one("#history-table", DataTable)
        where = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(Text(" Element"), width=ELEMENT_WIDTH)
        for year in data.year_names:
            table.add_column(Text(f" {year}"), width=YEAR_WIDTH)
        for element in data.elements:
            label = shown(" " + clip(f"{element.element.id} {element.element.title}", ELEMENT_WIDTH - 1))
            cells = [Text(" " + r.text, style=self._style(r.change)) for r in element.years]
            table.add_row(label, *cells, key=element.element.id)
        if data.year_names:
            table.move_cursor(row=where.row, column=where.column if self._filled else len(data.year_names))
        self._filled = True
        self._tell(table.cursor_coordinate.row, table.cursor_coordinate.column)
        self._fill_outcomes(data)

    def _fill_outcomes(self, data: PartnershipHistory) -> None:
        table = self.query_one("#history-outcomes", DataTable)
        table.clear(columns=True)
        table.add_column(Text(" Key outcome"), width=OUTCOME_WIDTH)
        table.add_column(Text(" Trend"), width=TREND_WIDTH)
        table.add_column(Text(" Values: baseline, T1-T3 each year"))
        for outcome in data.outcomes:
            points = outcome.points
            table.add_row(
                shown(" " + clip(short_title(outcome.row.title), OUTCOME_WIDTH - 1)),
                trend_bars(self.app.theme_variables, points, min(len(points), TREND_WIDTH - 2)),  # a bar per value
                Text(" " + values_text(outcome)),
                key=outcome.row.outcome_id,
            )

    def _tell(self, row: int, column: int) -> None:
        """Column 0 is the element's own: it tells the latest year."""
        if self.data is not None and 0 <= row < len(self.data.elements):
            years = len(self.data.years)
            story_line = story(self.data.elements[row], (column if column else years) - 1)
            self.query_one("#history-story", Static).update(shown(story_line))

    @on(DataTable.CellHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._tell(event.coordinate.row, event.coordinate.column)

    def action_close(self) -> None:
        self.dismiss(None)

