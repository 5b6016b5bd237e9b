"""What every screen shares: the "terminal too small" message in place of a broken layout.

The app's breakpoints put ``-narrow`` (width < 80) or ``-short`` (height < 24)
on the screen; app.tcss then hides ``.page`` and shows ``TooSmall``. Pure CSS,
so a resize can never leave a half-laid-out screen or raise.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult, RenderResult
from textual.containers import Container
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from selfeval_tui.startup import resume_collector

MIN_WIDTH, MIN_HEIGHT = 80, 24

ResultType = TypeVar("ResultType")


class TooSmall(Widget):
    def render(self) -> RenderResult:
        width, height = self.screen.size
        return (
            f"Terminal too small: {width}x{height}.\n\n"
            f"selfeval needs at least {MIN_WIDTH}x{MIN_HEIGHT}: enlarge the window or use a smaller font. "
            "Everything you answered is saved. Ctrl+Q quits."
        )


class Page(Screen[ResultType]):
    """A screen whose content is ``compose_page``, shown only when the terminal is big enough."""

    _focus_before_too_small: Widget | None = None

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Container(classes="page"):
            yield from self.compose_page()

    def compose_page(self) -> ComposeResult:
        yield from ()

    def on_resize(self, event: Resize) -> None:
        """Hiding the page takes focus away from it; give it back when the terminal is big enough again."""
        width, height = event.size
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            if self.focused is not None:
                self._focus_before_too_small = self.focused
        elif self.focused is None and self._focus_before_too_small is not None:
            widget, self._focus_before_too_small = self._focus_before_too_small, None
            if widget.is_attached:
                self.call_after_refresh(widget.focus)

    def on_mount(self) -> None:
        # A blinking cursor repaints its whole input twice a second: about 2 KB/s over SSH for nothing.
        for field in self.query(Input):
            field.cursor_blink = False
        self.call_after_refresh(resume_collector)  # startup is over once the first screen is painted
