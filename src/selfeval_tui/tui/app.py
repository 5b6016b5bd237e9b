"""The Textual app: screens, app-wide keys, themes and the SIGHUP/SIGTERM exit.

Only the chat screen is imported up front (it is what startup is for); the
start, overview and help screens and the command palette's provider are
imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from selfeval_tui.core.store import Evaluation
from selfeval_tui.tui import signals
from selfeval_tui.tui.workbench import NewEvaluation, Opening, Workbench

if TYPE_CHECKING:
    from textual.command import Provider

DARK, LIGHT = "textual-dark", "textual-light"


def palette_provider() -> type[Provider]:
    from selfeval_tui.tui.commands import SelfEvalCommands

    return SelfEvalCommands


class SelfEvalApp(App[int]):
    TITLE = "selfeval"
    # The chat screen's styles are read with the app's, not as the screen's CSS_PATH: a screen
    # that brings new CSS makes Textual parse every stylesheet again and restyle the whole DOM
    # when it is pushed, which cost about 10 ms of every start. The other screens are rarer.
    CSS_PATH = ["app.tcss", "screens/chat.tcss"]
    COMMANDS = App.COMMANDS | {palette_provider}
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Quit; everything answered is already saved"
        ),
        Binding("f1", "help", "Help", id="help", tooltip="Every key, command and the judgement rule"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]

    def __init__(self, workbench: Workbench, opening: Opening) -> None:
        super().__init__()
        self.workbench = workbench
        self.opening = opening
        self.theme = DARK
        self._uninstall_signals = lambda: None

    def on_mount(self) -> None:
        self._uninstall_signals = signals.install(self.exit_on_signal, self.workbench.store.close)
        if isinstance(self.opening, NewEvaluation):
            self.show_start(self.opening)
        else:
            self.open_evaluation(self.opening)

    def on_unmount(self) -> None:
        self._uninstall_signals()

    def exit_on_signal(self, return_code: int) -> None:
        """SIGHUP/SIGTERM: leave now; saves are already committed and the store is closed by the caller."""
        self.exit(return_code=return_code)

    def _replace_base_screen(self, screen: object) -> None:
        """Swap the start or chat screen, closing any help or overview shown above it."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)  # type: ignore[arg-type]
        else:
            self.push_screen(screen)  # type: ignore[arg-type]

    def open_evaluation(self, evaluation: Evaluation) -> None:
        from selfeval_tui.core.conversation import Session
        from selfeval_tui.tui.screens.chat import ChatScreen

        bench = self.workbench
        partnership = bench.store.partnership_by_id(evaluation.partnership_id)
        session = Session(bench.store, bench.framework, evaluation, bench.mode, sections=bench.sections)
        self._replace_base_screen(ChatScreen(session, partnership.name))

    def show_start(self, prefill: NewEvaluation | None = None) -> None:
        from selfeval_tui.tui.screens.start import StartScreen

        self._replace_base_screen(StartScreen(self.workbench, prefill))

    def action_help(self) -> None:
        from selfeval_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_switch_evaluation(self) -> None:
        self.show_start()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
