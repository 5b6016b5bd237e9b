"""The current element's four Annex A descriptors, with the level being asked marked.

The mark is a word and an arrow as well as a highlight, so it survives NO_COLOR.
One Static inside a scroller: Textual renders it only while the panel is shown,
so keeping it up to date on every question costs nothing while it is hidden.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from selfeval_tui.bank import Element, Level


class Descriptors(VerticalScroll, can_focus=True):
    COMPONENT_CLASSES = {"descriptors--asked"}

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[str, Level | None] | None = None  # (element id or "", level asked)

    def compose(self) -> ComposeResult:
        yield Static(id="descriptors-text")

    def show(self, element: Element | None, asked: Level | None) -> None:
        shown = (element.id if element else "", asked)
        if self._shown == shown:
            return
        self._shown = shown
        text = self.query_one("#descriptors-text", Static)
        if element is None:
            text.update("The descriptors belong to the elements of the strands; this question is not about one.")
        else:
            text.update(self._content(element, asked))

    def _content(self, element: Element, asked: Level | None) -> RenderableType:
        highlight = self.get_component_rich_style("descriptors--asked")
        parts: list[RenderableType] = [
            Text.assemble((f"{element.id} {element.title}", "bold"), "\nthe four descriptors\n")
        ]
        for descriptor in element.levels:
            if descriptor.level == asked:
                heading = Text(f"> {descriptor.name} (being asked)", style="bold")
                block = Group(heading, Text(descriptor.descriptor))
                parts.append(Padding(block, (0, 1), style=highlight, expand=True))
            else:
                parts.append(Padding(Group(Text(descriptor.name, style="bold"), Text(descriptor.descriptor)), (0, 1)))
            parts.append(Text())
        return Group(*parts)
