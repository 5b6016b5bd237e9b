"""The Textual app: screens, app-wide keys, themes and the SIGHUP/SIGTERM exit.

Only the chat screen is imported up front (it is what startup is for); the
start, overview and help screens and the command palette's provider are
imported when first used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from selfeval_tui.domain.records import Evaluation
from selfeval_tui.services.errors import ServiceError
from selfeval_tui.shells.tui import glyphs, settings, signals
from selfeval_tui.shells.tui.colours import rating_variables
from selfeval_tui.shells.tui.messages import LivePoller
from selfeval_tui.shells.tui.workbench import NewEvaluation, Opening, Workbench

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver
    from textual.filter import LineFilter
    from textual.theme import Theme

DARK, LIGHT = settings.THEMES["dark"], settings.THEMES["light"]


def palette_provider() -> type[Provider]:
    from selfeval_tui.shells.tui.commands import SelfEvalCommands

    return SelfEvalCommands


class SelfEvalApp(App[int]):
    TITLE = "selfeval"
    # The start and chat screens' styles are read with the app's, not as each screen's CSS_PATH.
    # Either of them is the app's first screen (see get_default_screen), whose CSS_PATH Textual
    # does not load; and a screen that brings new CSS when it is shown makes Textual parse every
    # stylesheet again and restyle the whole DOM (about 10 ms). The other screens are rarer.
    CSS_PATH = ["app.tcss", "screens/start.tcss", "screens/chat.tcss"]
    COMMANDS = App.COMMANDS | {palette_provider}
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Quit; everything answered is already saved"
        ),
        Binding("f1", "help", "Help", id="help", tooltip="Every key, command and the judgement rule"),
        Binding(
            "f9", "join_workshop", "Workshop", id="join-workshop", show=False,
            tooltip="Vote in the live workshop of this partnership",
        ),
        # Priority, so the app moves the focus before it delivers the next key: over a slow link
        # keys arrive together, and Textual's own (screen) binding would let the keys typed
        # after a tab land in the field being left.
        Binding(
            "tab", "focus_next", "Next", id="focus-next", show=False, priority=True,
            tooltip="Move to the next field or panel",
        ),
        Binding(
            "shift+tab", "focus_previous", "Previous", id="focus-previous", show=False, priority=True,
            tooltip="Move to the previous field or panel",
        ),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]  # tmux or screen on 80x24: 80x23

    def __init__(
        self, workbench: Workbench, opening: Opening, theme: str | None = None, *, ascii_glyphs: bool = False
    ) -> None:
        """``theme`` ("dark" or "light", from ``--theme``) is for this session; without it, the remembered one.

        ``ascii_glyphs``: draw every glyph the terminal may lack as ASCII (see glyphs.py; the command line decides).
        """
        super().__init__()
        self._glyph_filters: list[LineFilter] = [glyphs.ascii_filter()] if ascii_glyphs else []
        self.workbench = workbench
        self.opening = opening
        remembered, self._settings_problem = settings.load()
        self._settings = remembered
        self.theme = settings.THEMES[theme or remembered.theme]
        self._uninstall_signals: Callable[[], None] = lambda: None
        # Marked before any screen reads the store, so nothing committed in between goes unnoticed.
        self.live = LivePoller(self, workbench.services.watch(workbench.actor))
        self._live_workshop: int | None = None
        self._offered: set[int] = set()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR's greys), then the ASCII one when asked for: it sees every line drawn."""
        return [*super().get_line_filters(), *self._glyph_filters]

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Only the light and dark themes, whose rating colours are made and tested for them (colours.py)."""
        themes = super().available_themes
        return {name: themes[name] for name in settings.THEMES.values()}

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and the rating colours made for it (``$rating-developing``...: see colours.py)."""
        variables = {**super().get_css_variables(), **rating_variables(self.current_theme.dark)}
        self.theme_variables = variables
        return variables

    def get_driver_class(self) -> type[Driver]:
        """On Linux and macOS, Textual's driver with alt+digit and non-UTF-8 input fixed (see ``tui/driver.py``)."""
        driver = super().get_driver_class()
        if (driver.__module__, driver.__name__) != ("textual.drivers.linux_driver", "LinuxDriver"):
            return driver  # Windows, or another driver named in TEXTUAL_DRIVER
        from selfeval_tui.shells.tui.driver import SelfEvalDriver

        return SelfEvalDriver

    store_failure: ServiceError | None = None
    """What ended the app, for ``cli.tui.run`` to report as one line, exit 2."""

    def _handle_exception(self, error: Exception) -> None:
        """A StoreError nobody handled ends the app with the command line's one line, not a traceback.

        An open no longer reads the whole file for damage (docs/store.md), so a
        damaged table is found where it is first read, which may be while a screen is drawn.
        """
        if isinstance(error, ServiceError):
            self.store_failure = error
            self.exit(return_code=2)
            return
        super()._handle_exception(error)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, less "Screenshot" through the SSH gateway: it would write a file on the server."""
        for command in super().get_system_commands(screen):
            if self.workbench.writes_files or command.title != "Screenshot":
                yield command

    def get_default_screen(self) -> Screen[Any]:
        """The chat (or start) screen is the first screen itself, not pushed over an empty default one.

        A pushed screen is styled twice, when it mounts and again when it resumes:
        about 9 ms of every start, before the first question could be painted.
        """
        if isinstance(self.opening, NewEvaluation):
            return self._start_screen(self.opening)
        return self._chat_screen(self.opening)

    def on_mount(self) -> None:
        self._uninstall_signals = signals.install(self.exit_on_signal, self.workbench.services.close)
        self.theme_changed_signal.subscribe(self, lambda theme: self._remember_theme(theme.name))
        self.live.start()  # what other sessions commit reaches every screen as EvaluationChanged
        if isinstance(self.opening, Evaluation):
            opened = self.opening.id
            self.call_after_refresh(lambda: self.offer_workshop(opened))  # after the first paint, not before it
        if self._settings_problem:
            self.notify(self._settings_problem, severity="warning", markup=False)

    def _remember_theme(self, name: str) -> None:
        """Whichever way the theme was changed (the palette, the toggle), the next session starts with it."""
        chosen = next((key for key, value in settings.THEMES.items() if value == name), None)
        if chosen is None or chosen == self._settings.theme:
            return
        try:
            settings.save(settings.Settings(theme=chosen))
        except OSError as exc:
            self.notify(f"The theme will not be remembered: {exc}", severity="warning", markup=False)
            return
        self._settings = settings.Settings(theme=chosen)

    def on_unmount(self) -> None:
        self._uninstall_signals()

    def exit_on_signal(self, return_code: int) -> None:
        """SIGHUP/SIGTERM: leave now; saves are already committed and the store is closed by the caller."""
        self.exit(return_code=return_code)

    def _replace_base_screen(self, screen: Screen[Any]) -> None:
        """Swap the start or chat screen, closing any help or overview shown above it.

        The first screen stays at the bottom of the stack, as Textual's default screen
        would (Textual cannot switch away from it), and the swapped one goes above it.
        """
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _chat_screen(self, evaluation: Evaluation) -> Screen[None]:
        from selfeval_tui.conversation import Session
        from selfeval_tui.shells.tui.screens.chat import ChatScreen

        bench = self.workbench
        partnership = bench.services.partnership(bench.actor, evaluation.partnership_id)
        session = Session(
            bench.services, bench.framework, evaluation, bench.mode, actor=bench.actor, sections=bench.sections
        )
        return ChatScreen(session, partnership.name)

    def _start_screen(self, prefill: NewEvaluation | None) -> Screen[None]:
        from selfeval_tui.shells.tui.screens.start import StartScreen

        return StartScreen(self.workbench, prefill)

    def open_evaluation(self, evaluation: Evaluation) -> None:
        self._replace_base_screen(self._chat_screen(evaluation))

    def show_start(self, prefill: NewEvaluation | None = None) -> None:
        self._replace_base_screen(self._start_screen(prefill))

    def action_help(self) -> None:
        from selfeval_tui.shells.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_switch_evaluation(self) -> None:
        self.show_start()

    def offer_workshop(self, evaluation_id: int) -> None:
        """A workshop of this evaluation is live: say so once, with the key that joins it (issue 15)."""
        bench = self.workbench
        try:
            live = [w for w in bench.services.live_workshops(bench.actor) if w.evaluation_id == evaluation_id]
        except ServiceError:
            return  # a viewer without the right to see workshops is simply not offered one
        self._live_workshop = live[-1].id if live else None
        if live and live[-1].id not in self._offered:
            self._offered.add(live[-1].id)
            self.notify(f"The workshop \"{live[-1].title}\" is live: F9 to vote.", markup=False, timeout=20)

    def action_join_workshop(self) -> None:
        from selfeval_tui.shells.tui.workshop.voter import VoterScreen
        from selfeval_tui.shells.workshop.room import Room

        if self._live_workshop is None:
            self.notify("No workshop of this partnership is live.", markup=False)
            return
        bench = self.workbench
        self.push_screen(VoterScreen(Room(bench.services, bench.actor, bench.framework, self._live_workshop)))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
