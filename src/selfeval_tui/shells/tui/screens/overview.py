"""The Annex A overview grid: every element's current rating and development focus; or the rating profile.

Enter on a row closes the overview and jumps the chat there. The rating is a
word (with its theme colour), and the full focus of the highlighted row is
shown under the grid, because at 80 columns a cell cannot hold it. ``p`` swaps
the grid for the rating profile (tui/profile.py: a bar per element, grouped by
strand, with last year's rating) and back; both follow live updates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from selfeval_tui.bank import Framework, Level
from selfeval_tui.conversation.progress import NOT_STARTED
from selfeval_tui.shells.tui.profile import clip, heading, profile
from selfeval_tui.shells.tui.progress import (
    LEVEL_COLOURS,
    SHORT_TITLES,
    ElementProgress,
    rating_word,
)
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown

RATING_WIDTH = 22

FULL_TITLES = {level: level.title for level in Level}


def focus_text(progress: ElementProgress) -> str:
    if not progress.started:
        return NOT_STARTED
    return "; ".join(progress.judgement.focus_labels) or "none"


class OverviewScreen(Page[str | None]):
    """``progress`` is reactive: the chat sets it when another session's change is read, and the grid redraws.

    ``previous`` is last year's rating of each element (the services' ``previous_levels``): it does not change
    while the overview is open.
    """

    CSS_PATH = "overview.tcss"
    BINDINGS = [
        Binding("f4,q", "close", "Back to chat", id="close-overview"),
        Binding("escape", "close", "Back to chat", id="close-overview-escape", show=False),
        Binding("p", "toggle_profile", "Profile / grid", id="overview-profile"),
    ]

    progress: reactive[Mapping[str, ElementProgress]] = reactive(dict, init=False)

    def __init__(
        self, framework: Framework, progress: Mapping[str, ElementProgress], previous: Mapping[str, Level] | None = None
    ) -> None:
        super().__init__()
        self.framework = framework
        self.previous: Mapping[str, Level] = previous or {}
        self.set_reactive(OverviewScreen.progress, progress)
        self.sub_title = "Overview"
        self._filled_width = 0

    def compose_page(self) -> ComposeResult:
        yield Header()
        yield Static(self._summary(), id="strand-summary")
        yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
        yield Static(id="profile-heading")
        with VerticalScroll(id="profile-scroll"):
            yield Static(id="profile")
        yield Static(id="focus-detail")
        yield Footer()

    def _colour(self, level: Level) -> str:
        return f"bold {self.app.theme_variables.get(LEVEL_COLOURS[level], '')}".strip()

    def _summary(self) -> Table:
        """How many elements of each strand are at each level (and how many are not started)."""
        table = Table(box=None, padding=(0, 1), expand=False, header_style="bold")
        table.add_column("Strand")
        for level in Level:
            table.add_column(SHORT_TITLES[level], justify="right")
        table.add_column("Not started", justify="right")
        for strand in self.framework.strands:
            counts = Counter(self.progress[e.id].level for e in strand.elements if e.id in self.progress)
            table.add_row(strand.id, *(str(counts[level]) for level in Level), str(counts[None]))
        return table

    def on_mount(self) -> None:
        self._fill(self.app.size.width)
        self.query_one(DataTable).focus()

    def watch_progress(self) -> None:
        """Someone else's change: the counts, the grid (the cursor stays on its row) and the focus line."""
        self.query_one("#strand-summary", Static).update(self._summary())
        self._fill(self._filled_width or self.app.size.width)
        if self.has_class("-profile"):
            self._draw_profile()
        grid = self.query_one(DataTable)
        if grid.row_count:
            self._show_focus(str(grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value))

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._filled_width:
            self._fill(event.size.width)
            if self.has_class("-profile"):
                self._draw_profile()

    def action_toggle_profile(self) -> None:
        """The profile in place of the grid and its focus line, or back; the shown one has the focus (so arrows scroll it)."""
        self.toggle_class("-profile")
        if self.has_class("-profile"):
            self._draw_profile()
            self.query_one("#profile-scroll").focus()
        else:
            self.query_one(DataTable).focus()

    def _draw_profile(self) -> None:
        width = (self._filled_width or self.app.size.width) - 4  # the padding and the scroll bar
        self.query_one("#profile-heading", Static).update(heading(width))
        self.query_one("#profile", Static).update(profile(self.framework, self.progress, self.previous, width, self._colour))

    def _fill(self, width: int) -> None:
        """Columns sized to the terminal: cells do not wrap, and the focus column gets what is left."""
        self._filled_width = width
        grid = self.query_one(DataTable)
        row = grid.cursor_row
        grid.clear(columns=True)
        element_width = 40 if width >= 120 else 30
        focus_width = max(10, width - element_width - RATING_WIDTH - 8)
        grid.add_column("Element", width=element_width)
        grid.add_column("Rating (* provisional)", width=RATING_WIDTH)
        grid.add_column("Development focus", width=focus_width)
        for element in self.framework.elements:
            progress = self.progress.get(element.id)
            if progress is None:
                continue
            rating = Text(
                rating_word(progress, FULL_TITLES), style=self._colour(progress.level) if progress.level is not None else ""
            )
            grid.add_row(
                shown(clip(f"{element.id} {element.title}", element_width)),
                rating,
                shown(clip(focus_text(progress), focus_width)),
                key=element.id,
            )
        grid.move_cursor(row=row)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_focus(event.row_key.value or "")

    def _show_focus(self, element_id: str) -> None:
        progress = self.progress.get(element_id)
        if progress is not None:
            self.query_one("#focus-detail", Static).update(
                Text.assemble((f"{element_id} development focus: ", "bold"), shown(focus_text(progress)))
            )

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)
