"""The command palette (ctrl+p): jump to an element, overview, key outcomes, switch evaluation, export, theme.

Each entry calls the same action a key would, so the palette is a way to find
things, never a second implementation of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from selfeval_tui.shells.tui.app import SelfEvalApp

PaletteEntry = tuple[str, str, Callable[[], object]]


class SelfEvalCommands(Provider):
    def _entries(self) -> Iterator[PaletteEntry]:
        from selfeval_tui.shells.tui.screens.chat import ChatScreen

        app = cast("SelfEvalApp", self.app)  # Textual types it as any App; this provider is SelfEvalApp's
        screen = self.screen
        if isinstance(screen, ChatScreen):
            yield ("Overview", "The overview grid of every element's rating (F4)", screen.action_overview)
            yield (
                "Descriptors",
                "Show or hide the current element's four descriptors (F3)",
                screen.action_toggle_descriptors,
            )
            yield (
                "Key outcomes",
                "Targets, termly values, progress and trend of the key outcomes (F5)",
                screen.action_outcomes,
            )
            yield ("Outline", "Show or hide the outline of elements (F2)", screen.action_toggle_outline)
            for element in screen.session.framework.elements:
                yield (f"Jump to {element.id} {element.title}", element.summary, partial(screen.jump, element.id))
            yield ("Export", "Write the evaluation as a board paper or data file (F6)", screen.action_export)
            yield ("Action plan", "Each development focus item's actions, owners, dates and status (F7)", screen.action_plan)
            yield (
                "History across years",
                "Each element's rating in every year on record, and the key outcomes' trend (F8)",
                screen.action_history,
            )
        yield (
            "Switch partnership or year",
            "Back to the list of evaluations, or create one",
            app.action_switch_evaluation,
        )
        yield ("Toggle light/dark theme", "Switch between the light and the dark theme", app.action_toggle_theme)
        yield ("Help", "Every key, command and the judgement rule (F1)", app.action_help)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._entries():
            if not name.startswith("Jump to"):
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
