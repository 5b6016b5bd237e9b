"""The local authority's roll-up (F8 on the start screen): partnerships x elements, sign-off, shared themes.

The same roll-up as ``selfeval export rollup`` (exports/rollup.py), for the
partnerships the person may roll up: a row per partnership with its sign-off
state and a short code per element (coloured by level, and a code, never only a
colour; the legend spells them out), then the criteria most often not met with
the partnerships concerned. At 80 columns the grid scrolls sideways.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from selfeval_tui.bank import Level
from selfeval_tui.exports.rollup import Rollup
from selfeval_tui.exports.rollup_render import CODES, PROVISIONAL, legend
from selfeval_tui.shells.tui.progress import LEVEL_COLOURS
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown

STATES = {"draft": "Draft", "submitted": "Submitted", "signed_off": "Signed off", "reopened": "Reopened", None: "?"}


class RollupScreen(Page[None]):
    CSS_PATH = "rollup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8,q", "close", "Close roll-up", id="close-rollup"),
        Binding("escape", "close", "Close roll-up", id="close-rollup-escape", show=False),
    ]

    def __init__(self, rollup: Rollup) -> None:
        super().__init__()
        self.rollup = rollup
        self.sub_title = "Roll-up"

    def compose_page(self) -> ComposeResult:
        rollup = self.rollup
        yield Header()
        count = len(rollup.entries)
        yield Static(
            shown(f"{count} partnership{'' if count == 1 else 's'}, each its latest evaluation. {legend()}"),
            id="rollup-legend",
        )
        yield DataTable(id="heat-map", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="rollup-unmet"):
            yield Static(self._unmet(), id="unmet")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        grid = self.query_one(DataTable)
        elements = self.rollup.framework.elements
        grid.add_columns("Partnership", "Status", *(e.id for e in elements))
        for entry in self.rollup.entries:
            cells = [shown(entry.partnership[:24]), Text(STATES[entry.state])]
            for element in elements:
                level = entry.levels.get(element.id)
                code = CODES[level] + (PROVISIONAL if element.id in entry.provisional else "")
                cells.append(Text(code, style=self._colour(level)))
            grid.add_row(*cells)
        grid.focus()

    def _colour(self, level: int | None) -> str:
        if level is None:
            return "dim"
        return f"bold {self.app.theme_variables.get(LEVEL_COLOURS[Level(level)], '')}".strip()

    def _unmet(self) -> Text:
        unmet = self.rollup.most_unmet(limit=10)
        if not unmet:
            return Text("No criterion is answered not met in any partnership.")
        lines = ["Criteria most often not met (the shared development themes):"]
        lines += [f"{len(u.partnerships)}  {u.element_id} {u.label}: {'; '.join(u.partnerships)}" for u in unmet]
        return shown("\n".join(lines))

    def action_close(self) -> None:
        self.dismiss()
