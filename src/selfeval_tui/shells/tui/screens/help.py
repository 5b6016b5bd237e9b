"""Every key binding and command, and a short guide to the judgement rule.

The key tables are built from the screens' own ``BINDINGS``, so the help can
never list a key that does not work or miss one that does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from selfeval_tui.conversation.commands import HELP_TEXT
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.widgets.transcript import markdown

QUICK_REPLY_GUIDE = """\
**Quick replies.** The buttons under the transcript are the current question's quick replies \
(1 Met, 2 Partly, 3 Not met, 4 Not sure, 5 N/A; 1 Agree on the rating question). \
**alt+1** to **alt+5** always pick one. Plain **1** to **5** pick one too while the reply box is empty, \
except on questions answered with a number or a list of items (percentages, "26 of 30", "1, 3, 5"), \
where digits are typed as usual. Anything already typed goes with the quick reply as its evidence note.

**Ratings** in the outline and overview are words, coloured by level; `*` marks a provisional rating \
(some questions that could raise it are unanswered or not sure). "Not yet" is Not yet developing.

**Saving.** Each reply is saved before the next question appears; your reply bubble then says \
"saved". If a save fails, the reply stays in the box with the reason shown: press Enter to try again. \
Esc is never needed: over SSH it is slow, so every Esc has a function-key or letter twin."""


def binding_rows(app_display: Callable[[Binding], str], bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) pairs, one per binding id, with a binding's several keys joined."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in Binding.make_bindings(bindings):
        key = binding.id or binding.action
        keys, _ = rows.setdefault(key, ([], binding.tooltip or binding.description or binding.action))
        keys.append(app_display(binding))
    return [(", ".join(keys), description) for keys, description in rows.values()]


class HelpScreen(Page[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,q", "close", "Close help", id="close-help"),
        Binding("escape", "close", "Close help", id="close-help-escape", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Help"

    def compose_page(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(self._content(), id="help-text")
        yield Footer()

    def _keys_table(self, title: str, rows: list[tuple[str, str]]) -> Table:
        table = Table(
            title=title, title_justify="left", title_style="bold", box=None, padding=(0, 2, 0, 0), show_header=False
        )
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in rows:
            table.add_row(keys, description)
        return table

    def _content(self) -> RenderableType:
        from selfeval_tui.shells.tui.app import SelfEvalApp
        from selfeval_tui.shells.tui.screens.chat import QUICK_KEYS, ChatScreen
        from selfeval_tui.shells.tui.screens.export import ExportScreen
        from selfeval_tui.shells.tui.screens.history import HistoryScreen
        from selfeval_tui.shells.tui.screens.outcomes import OutcomesScreen
        from selfeval_tui.shells.tui.screens.overview import OverviewScreen
        from selfeval_tui.shells.tui.screens.plan import PlanScreen
        from selfeval_tui.shells.tui.screens.rollup import RollupScreen
        from selfeval_tui.shells.tui.screens.signoff import SignOffScreen
        from selfeval_tui.shells.tui.screens.start import StartScreen
        from selfeval_tui.shells.tui.widgets.composer import Composer

        display = self.app.get_key_display
        everywhere = [
            *binding_rows(display, SelfEvalApp.BINDINGS),
            (
                "^p",
                "Command palette: jump to an element, overview, key outcomes, switch partnership or year, export, theme",
            ),
        ]
        chat = [
            ("enter", "Send the reply"),
            ("1 .. 5", "Quick reply, when the reply box is empty (not on number questions)"),
            *binding_rows(display, ChatScreen.BINDINGS),
            *binding_rows(display, Composer.BINDINGS),
            ("tab, shift+tab", "Move between the reply box, outline and transcript"),
        ]
        chat = [row for row in chat if not row[1].startswith("Quick reply ")]
        chat.insert(2, (f"alt+1 .. alt+{QUICK_KEYS[-1]}", "Quick reply, always"))
        outline = [
            ("enter", "On an element: jump there; on a strand: fold or unfold it"),
            ("up, down", "Move in the outline"),
        ]
        overview = [("enter", "Jump to the highlighted element"), *binding_rows(display, OverviewScreen.BINDINGS)]
        outcomes = [("up, down", "Move between outcomes"), *binding_rows(display, OutcomesScreen.BINDINGS)]
        export = [
            ("enter", "Write the highlighted kind to the file named below it"),
            *binding_rows(display, ExportScreen.BINDINGS),
        ]
        plan = [("up, down", "Move between rows"), *binding_rows(display, PlanScreen.BINDINGS)]
        history = [
            ("arrows", "Move between elements and years (the years scroll sideways)"),
            *binding_rows(display, HistoryScreen.BINDINGS),
        ]
        start = [
            ("enter", "Open the highlighted evaluation, or create the one in the form"),
            *binding_rows(display, StartScreen.BINDINGS),
        ]
        rollup = [("up, down, left, right", "Move in the heat map"), *binding_rows(display, RollupScreen.BINDINGS)]
        sign_off = [
            ("enter", "In the comment or reason: take the step the button names"),
            *binding_rows(display, SignOffScreen.BINDINGS),
        ]
        help_keys = binding_rows(display, HelpScreen.BINDINGS)
        return Group(
            self._keys_table("Everywhere", everywhere),
            Text(),
            self._keys_table("Chat", chat),
            Text(),
            self._keys_table("Outline (F2 shows it and moves there)", outline),
            Text(),
            self._keys_table("Overview (F4)", overview),
            Text(),
            self._keys_table("Key outcomes (F5)", outcomes),
            Text(),
            self._keys_table("Export (F6)", export),
            Text(),
            self._keys_table("Action plan (F7)", plan),
            Text(),
            self._keys_table("History across years (F8)", history),
            Text(),
            self._keys_table("Start", start),
            Text(),
            self._keys_table("Sign-off (F12)", sign_off),
            Text(),
            self._keys_table("Roll-up (F8 on the start screen)", rollup),
            Text(),
            self._keys_table("This help (F1)", help_keys),
            Text(),
            markdown(QUICK_REPLY_GUIDE),
            Text(),
            Text("Replies and commands", style="bold"),
            markdown(HELP_TEXT),
        )

    def action_close(self) -> None:
        self.dismiss(None)
