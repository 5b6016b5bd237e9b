"""Write the evaluation as a board paper or data file, from inside the TUI.

The same ``export_document`` and ``default_filename`` as ``selfeval export``; the
file goes to the current directory unless another path is typed. Writing runs
in a thread worker through ``files.write_atomically``, as ``selfeval export
--out`` does: the file is replaced only once the whole text is on disk, so a
failure never leaves half a paper behind, and a link, folder or device typed as
the file name is refused, not written through.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from selfeval_tui.conversation import Session
from selfeval_tui.domain.inert import inert
from selfeval_tui.exports import FORMATS, KINDS, default_filename, export_document
from selfeval_tui.files import write_atomically
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown

if TYPE_CHECKING:
    from selfeval_tui.shells.tui.app import SelfEvalApp

FORMAT_NAMES = {
    "md": "Markdown", "html": "HTML", "docx": "Word", "pdf": "PDF", "json": "JSON", "csv": "CSV",
    "ics": "calendar (iCalendar)",
}  # fmt: skip
KIND_NAMES = {
    "overview": "Annex A overview: rating and development focus",
    "grid": "Judgement grid: a column per level",
    "report": "The full board paper",
    "json": "The whole evaluation as data",
    "csv": "One row per element, for spreadsheets",
    "actions": "Action plan: focus, owners, dates, status",
    "workshop": "Workshop minutes: votes, agreed ratings, dissent",
}
"""Words from docs/exports.md, so the TUI and ``selfeval export`` describe each kind alike."""


class ExportScreen(Page[str | None]):
    """Dismisses with a line for the transcript ("Wrote ..."), or None when closed."""

    CSS_PATH = "export.tcss"
    BINDINGS = [
        Binding("f6", "close", "Back to chat", id="close-export"),
        Binding("escape", "close", "Back to chat", id="close-export-escape", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.partnership = session.services.partnership(session.actor, session.evaluation.partnership_id)
        self.sub_title = inert(f"Export {self.partnership.name} {session.evaluation.year}")
        self.choices = [(kind, fmt) for kind in KINDS for fmt in FORMATS[kind]]

    def compose_page(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="export-body"):
            yield Static("What to write (Enter writes it)", classes="export-heading")
            yield OptionList(
                *(Option(f"{KIND_NAMES[kind]}, {FORMAT_NAMES[fmt]}", id=f"{kind}.{fmt}") for kind, fmt in self.choices),
                id="export-kinds",
            )
            with Horizontal(id="export-file-row"):
                yield Label("File", id="export-file-label")
                yield Input(self._filename(*self.choices[0]), id="export-file", compact=True)
            yield Static(id="export-message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _filename(self, kind: str, fmt: str) -> str:
        return str(Path.cwd() / default_filename(self.session.evaluation, self.partnership, kind, fmt))

    def _chosen(self) -> tuple[str, str]:
        index = self.query_one(OptionList).highlighted or 0
        return self.choices[index]

    @on(OptionList.OptionHighlighted, "#export-kinds")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#export-file", Input).value = self._filename(*self.choices[event.option_index])

    @on(OptionList.OptionSelected, "#export-kinds")
    @on(Input.Submitted, "#export-file")
    def _write(self) -> None:
        path = Path(self.query_one("#export-file", Input).value.strip()).expanduser()
        kind, fmt = self._chosen()
        self.query_one("#export-message", Static).update(shown(f"Writing {path} ..."))
        self._export(kind, fmt, path)

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, kind: str, fmt: str, path: Path) -> Path:
        session, today = self.session, cast("SelfEvalApp", self.app).workbench.today
        text = export_document(session.services, session.actor, session.framework, session.evaluation, kind, fmt, today)
        write_atomically(path, text)
        return path.resolve()

    @on(Worker.StateChanged)
    def _written(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export":
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(f"Wrote {event.worker.result}.")
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            reason = getattr(error, "strerror", None) or str(error)
            self.query_one("#export-message", Static).update(
                shown(f"Not written: {reason}. Change the file name and press Enter.")
            )
            self.query_one("#export-file", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
