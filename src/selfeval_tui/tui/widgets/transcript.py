"""The conversation as chat bubbles, newest at the bottom, drawn by one line-based widget.

Assistant text is the bank's wording and may hold lists and emphasis, so it is
rendered as Markdown; what the user typed is shown exactly as typed (a reply
like ``*`` or ``1. yes`` must not be reinterpreted).

Why one ``ScrollView`` rather than a widget per bubble: every new bubble widget
makes Textual lay the transcript out twice (once when it mounts, once when it
learns its size), and each layout resends the whole visible transcript to the
terminal. Drawing the bubbles as lines here means one repaint per answer (the
bytes sent over SSH roughly halve), nothing to mount, and a long evaluation
opens as fast as a new one. Lines are re-wrapped when the width or the theme
changes. Colours come from the ``transcript--*`` component classes in chat.tcss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from selfeval_tui.core.conversation import Message, Step
from selfeval_tui.core.conversation.replies import STATUS_HELP

if TYPE_CHECKING:
    from rich.markdown import Markdown

STATUS_HINT = f"Reply {STATUS_HELP}."
_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_MARKDOWN_SYNTAX = re.compile(r"[*_`#\[\]<>|\\]|^\s*(?:\d+[.)]|[-+])\s", re.MULTILINE)
USER_MARGIN = 8
LEFT_BORDER, RIGHT_BORDER = "\u258e", "\u258a"


def markdown(text: str, style: str = "none") -> Markdown | Text:
    """Markdown, or plain Text when the text has no Markdown in it (most messages).

    Plain text renders the same and much faster, and it means the Markdown parser
    is not imported until a message needs it, which keeps startup short.
    The engine separates lines with single newlines; Markdown would join them,
    so they become hard breaks.
    """
    if not _MARKDOWN_SYNTAX.search(text):
        return Text(text, style=style if style != "none" else "")
    from rich.markdown import Markdown

    return Markdown(_SINGLE_NEWLINE.sub("  \n", text), style=style, hyperlinks=False)


def message_body(message: Message) -> RenderableType:
    body = markdown(message.text)
    if message.heading:
        return Group(Text(message.heading, style="bold"), body)
    return body


def question_body(step: Step, hints: tuple[str, ...]) -> RenderableType:
    """The tag, the question and its hints, minus the yes/partly/no line the quick-reply buttons already say."""
    hints = tuple(hint for hint in hints if hint != STATUS_HINT)
    parts: list[RenderableType] = [Text(step.tag, style="bold"), markdown(step.text)]
    if hints:
        parts.append(markdown("\n".join(hints), style="dim"))
    return Group(*parts)


@dataclass(frozen=True)
class Entry:
    """One bubble: ``role`` is assistant, question, user, notice or error; ``plain`` is its words without markup."""

    role: str
    body: RenderableType
    plain: str


class Transcript(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "transcript--assistant",
        "transcript--question",
        "transcript--user",
        "transcript--notice",
        "transcript--error",
    }

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entries: list[Entry] = []
        self._lines: list[Strip] = []
        self._width = 0

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rerender())

    # ----- adding ---------------------------------------------------------------

    def add_message(self, message: Message) -> Entry:
        plain = f"{message.heading}\n{message.text}" if message.heading else message.text
        return self._add(Entry(message.role, message_body(message), plain))

    def add_question(self, step: Step, hints: tuple[str, ...]) -> Entry:
        return self._add(Entry("question", question_body(step, hints), "\n".join((step.tag, step.text, *hints))))

    def add_user(self, text: str, note: str | None) -> Entry:
        """What the user sent, added once the store has answered, with "(saved)" when it committed an answer."""
        suffix = f"  ({note})" if note else ""
        return self._add(Entry("user", Text.assemble(text, (suffix, "dim italic"), justify="right"), text + suffix))

    def _add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        if self._width:
            self._lines.extend(self._render_entry(entry, self._width))
            self._update_size()
        return entry

    # ----- drawing --------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            follow = self.scroll_y >= self.max_scroll_y
            self._rerender()
            if follow:  # re-wrapping changed the height: settle at the bottom once the layout has
                self.call_after_refresh(self._to_bottom)

    def _rerender(self) -> None:
        self._width = self.scrollable_content_region.width
        if self._width <= 0:
            return
        self._lines = [line for entry in self.entries for line in self._render_entry(entry, self._width)]
        self._update_size()

    def _update_size(self) -> None:
        """Follow new lines while the user is at the bottom; leave them where they are if they scrolled back.

        The scroll is set here, with the new size, rather than by Textual's ``anchor``,
        which scrolls during the next layout and so costs a second repaint of every line.
        """
        follow = self.scroll_y >= self.max_scroll_y
        self.virtual_size = Size(self._width, len(self._lines))
        if follow:
            self._to_bottom()
        self.refresh()

    def _to_bottom(self) -> None:
        bottom = max(0, len(self._lines) - self.scrollable_content_region.height)
        self.set_scroll(None, bottom)
        self.scroll_target_y = bottom
        self.vertical_scrollbar.position = bottom
        self.refresh()

    def _render_entry(self, entry: Entry, width: int) -> list[Strip]:
        """A blank line, then the body beside a coloured border: left for the assistant, right for the user."""
        base = self.rich_style
        role = self.get_component_rich_style(f"transcript--{entry.role}")
        line_style = base + Style(bgcolor=role.bgcolor) if role.bgcolor else base
        text_style = line_style + Style(color=role.color) if entry.role == "error" and role.color else line_style
        border = Style(color=role.color, bgcolor=line_style.bgcolor)
        body_width = max(1, width - 3 - (USER_MARGIN if entry.role == "user" else 0))
        console = self.app.console
        rendered = console.render_lines(
            entry.body, console.options.update_width(body_width), style=text_style, pad=True
        )
        lines = [Strip.blank(width, base)]
        for segments in rendered:
            if entry.role == "user":
                row = [
                    Segment(" " * USER_MARGIN, base),
                    *segments,
                    Segment(" ", line_style),
                    Segment(RIGHT_BORDER, border),
                ]
            else:
                row = [Segment(" ", base), Segment(LEFT_BORDER, border), Segment(" ", line_style), *segments]
            # Merging runs of one style matters: each run costs an escape sequence on every repaint.
            lines.append(Strip(row).adjust_cell_length(width, line_style).simplify())
        return lines

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
