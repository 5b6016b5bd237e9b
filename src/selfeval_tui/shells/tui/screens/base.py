"""What every screen shares: the "terminal too small" message over a layout that would not fit.

The app's breakpoints put ``-narrow`` (width < 80) or ``-short`` (height < 22)
on the screen; app.tcss then shows ``TooSmall`` over the page. Pure
CSS, so a resize can never leave a half-laid-out screen or raise. The page stays
under it with the focus where it was, so nothing typed meanwhile is lost.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult, RenderResult
from textual.containers import Container
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from selfeval_tui.startup import resume_collector

MIN_WIDTH, MIN_HEIGHT = 80, 22

ResultType = TypeVar("ResultType")


class TooSmall(Widget):
    def render(self) -> RenderResult:
        width, height = self.screen.size
        return (
            f"Terminal too small: {width}x{height}.\n\n"
            f"selfeval needs at least {MIN_WIDTH}x{MIN_HEIGHT}: enlarge the window or use a smaller font. "
            "Everything you answered is saved, and what you type still goes in. Ctrl+Q quits."
        )


class Page(Screen[ResultType]):
    """A screen whose content is ``compose_page``, shown only when the terminal is big enough."""

    def compose(self) -> ComposeResult:
        with Container(classes="page"):
            yield from self.compose_page()
        yield TooSmall()

    def compose_page(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # A blinking cursor repaints its whole input twice a second: about 2 KB/s over SSH for nothing.
        for field in self.query(Input):
            field.cursor_blink = False
        self.call_after_refresh(resume_collector)  # startup is over once the first screen is painted
