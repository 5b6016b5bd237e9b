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

Above the live conversation sits the evaluation's record (``Earlier``), loaded one
chunk at a time as the reader scrolls up to it: prepending a chunk renders only
its own lines and moves the scroll position down by as many, so what is on
screen stays where it is. The first line says what is still above, or that this
is the start of the evaluation. Scrolling by keys is not animated: each frame of
an animation is sent over SSH.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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

from selfeval_tui.conversation import Message, Step
from selfeval_tui.conversation.formats import STATUS_HELP
from selfeval_tui.domain.inert import inert
from selfeval_tui.shells.tui.shown import shown

if TYPE_CHECKING:
    from rich.markdown import Markdown

STATUS_HINT = f"Reply {STATUS_HELP}."
_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_MARKDOWN_SYNTAX = re.compile(r"[*_`#\[\]<>|\\]|^\s*(?:\d+[.)]|[-+])\s", re.MULTILINE)
USER_MARGIN = 8
EARLIER_MARK, EARLIER_KEY = "\u2191 Earlier: ", " (PgUp)"
START_OF_EVALUATION = "Start of the evaluation"
LEFT_BORDER, RIGHT_BORDER = "\u258e", "\u258a"


def markdown(text: str, style: str = "none") -> Markdown | Text:
    """Markdown, or plain Text when the text has no Markdown in it (most messages).

    Plain text renders the same and much faster, and it means the Markdown parser
    is not imported until a message needs it, which keeps startup short.
    The engine separates lines with single newlines; Markdown would join them,
    so they become hard breaks. Messages quote names and notes other people
    stored, so the text is made inert first (docs/security.md).
    """
    text = inert(text)
    if not _MARKDOWN_SYNTAX.search(text):
        return Text(text, style=style if style != "none" else "")
    from rich.markdown import Markdown

    return Markdown(_SINGLE_NEWLINE.sub("  \n", text), style=style, hyperlinks=False)


def message_body(message: Message) -> RenderableType:
    body = markdown(message.text)
    if message.heading:
        return Group(shown(message.heading, style="bold"), body)
    return body


def question_body(step: Step, hints: tuple[str, ...]) -> RenderableType:
    """The tag, the question and its hints, minus the yes/partly/no line the quick-reply buttons already say."""
    hints = tuple(hint for hint in hints if hint != STATUS_HINT)
    parts: list[RenderableType] = [shown(step.tag, style="bold"), markdown(step.text)]
    if hints:
        parts.append(markdown("\n".join(hints), style="dim"))
    return Group(*parts)


LONGEST_REPLY_SHOWN = 20_000
"""Longer than any reply the conversation accepts (a note may have 10,000 characters, docs/store.md)."""
REFUSED_REPLY_START = 200


@dataclass(frozen=True)
class Entry:
    """One bubble: ``role`` is assistant, question, user, notice or error; ``plain`` is its words without markup."""

    role: str
    body: RenderableType
    plain: str


def message_entry(message: Message) -> Entry:
    """A user's words are never read as Markdown: the record's answers hold their notes as typed."""
    plain = f"{message.heading}\n{message.text}" if message.heading else message.text
    if message.role == "user":
        body = shown(message.text)
        body.justify = "right"
        return Entry("user", body, plain)
    return Entry(message.role, message_body(message), plain)


@dataclass
class Earlier:
    """The record above the live conversation: chunk keys not loaded yet (oldest first), and how to build one."""

    keys: list[str]
    title: Callable[[str], str]
    messages: Callable[[str], Sequence[Message]]


class Transcript(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "transcript--assistant",
        "transcript--question",
        "transcript--user",
        "transcript--notice",
        "transcript--error",
        "transcript--earlier",
    }

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entries: list[Entry] = []
        self._lines: list[Strip] = []
        self._width = 0
        self._earlier: Earlier | None = None
        self._top = 0  # lines of the "earlier" line at the top of ``_lines`` (0 or 1)
        self._fill_scheduled = False
        self._following = True  # at the bottom when last scrolled: a resize keeps the newest lines in view

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rerender())

    # ----- adding ---------------------------------------------------------------

    def add_message(self, message: Message) -> Entry:
        return self._add(message_entry(message))

    def add_question(self, step: Step, hints: tuple[str, ...]) -> Entry:
        return self._add(Entry("question", question_body(step, hints), "\n".join((step.tag, step.text, *hints))))

    def add_user(self, text: str, note: str | None) -> Entry:
        """What the user sent, added once the store has answered, with "(saved)" when it committed an answer.

        A reply longer than any the conversation takes (a paste of a whole file, refused
        with one line) is shown by its start and its length: wrapped in full it would hold
        the transcript's memory and time for nothing.
        """
        if len(text) > LONGEST_REPLY_SHOWN:
            text = f"{text[:REFUSED_REPLY_START]}… ({len(text):,} characters, not shown in full)"
        suffix = f"  ({note})" if note else ""
        body = Text.assemble(shown(text), (suffix, "dim italic"), justify="right")
        return self._add(Entry("user", body, text + suffix))

    def _add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        if self._width:
            self._lines.extend(self._render_entry(entry, self._width))
            self._update_size()
        return entry

    # ----- the record above the live conversation ---------------------------------

    def show_earlier(self, earlier: Earlier) -> None:
        """Offer the record above what is shown; with nothing on record there is no top line at all."""
        if not earlier.keys:
            return
        self._earlier = earlier
        if self._width:
            top = self._render_top(self._width)
            self._lines[: self._top] = top
            self._top = len(top)
            self._update_size()

    @property
    def top_line(self) -> str:
        """The words of the first line: what loads next, or that the evaluation starts here."""
        return self._top_text().plain

    def _top_text(self, width: int = 0) -> Text:
        """With a ``width``, a long title is cut short rather than the key that loads it."""
        earlier = self._earlier
        if earlier is None:
            return Text()
        if not earlier.keys:
            return Text(START_OF_EVALUATION)
        title = shown(earlier.title(earlier.keys[-1]))
        if width:
            title.truncate(max(1, width - 2 - len(EARLIER_MARK) - len(EARLIER_KEY)), overflow="ellipsis")
        return Text.assemble(EARLIER_MARK, title, EARLIER_KEY)

    def scroll_back(self) -> None:
        """A page up, with the record loaded far enough that there is a whole page above to move into."""
        height = self.scrollable_content_region.height
        self._fill_above(2 * height)
        self.scroll_to(y=self.scroll_y - height, animate=False)

    def scroll_forward(self) -> None:
        self.scroll_to(y=self.scroll_y + self.scrollable_content_region.height, animate=False)

    def action_page_up(self) -> None:
        self.scroll_back()

    def action_page_down(self) -> None:
        self.scroll_forward()

    def action_scroll_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False)

    def action_scroll_home(self) -> None:
        """The start of the evaluation: the whole record, however long."""
        while self._load_next():
            pass
        self.scroll_to(y=0, animate=False)

    def action_scroll_end(self) -> None:
        """Back to the newest message, where new ones are followed again."""
        self._to_bottom()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled up within a page of the top (wheel, arrow keys, scrollbar): load the record above in time."""
        super().watch_scroll_y(old_value, new_value)
        self._following = new_value >= self.max_scroll_y
        if new_value >= old_value or new_value >= self.scrollable_content_region.height:
            return
        if self._earlier is None or not self._earlier.keys or self._fill_scheduled:
            return
        if self.app.animator.is_being_animated(self, "scroll_y"):
            # Moving the position under a running animation would make it jump; finish it first.
            self._fill_scheduled = True
            self.call_next(self._fill_after_animation)
        else:
            self._fill_above(self.scrollable_content_region.height)

    def _fill_after_animation(self) -> None:
        self._fill_scheduled = False
        self.app.animator.force_stop_animation(self, "scroll_y")
        self._fill_above(self.scrollable_content_region.height)

    def _fill_above(self, rows: int) -> None:
        """Load chunks, one at a time, until ``rows`` lines are above the view or the record is all loaded."""
        while self.scroll_y < rows and self._load_next():
            pass

    def _load_next(self) -> int:
        """Prepend the newest chunk not shown yet, keeping the view on the same lines; the lines added."""
        earlier = self._earlier
        if earlier is None or not earlier.keys or not self._width:
            return 0
        entries = [message_entry(message) for message in earlier.messages(earlier.keys.pop())]
        self.entries[:0] = entries
        lines = [line for entry in entries for line in self._render_entry(entry, self._width)]
        top = self._render_top(self._width)
        added = len(top) + len(lines) - self._top
        self._lines[: self._top] = top + lines
        self._top = len(top)
        self.virtual_size = Size(self._width, len(self._lines))
        self._jump_to(self.scroll_y + added)
        return added

    # ----- drawing --------------------------------------------------------------

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Wrap the lines to a new width during the layout that gives it, not on the Resize event after it.

        Textual paints the frame for a layout straight after it and delivers Resize
        later, so lines wrapped in ``on_resize`` missed the first frame: the app
        opened on an empty transcript and the question followed a frame later.
        """
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if self.scrollable_content_region.width != self._width:
            self._rerender()
        return resized

    def on_resize(self, event: Resize) -> None:
        """A reader at the bottom stays there: after re-wrapping to a new width, or with fewer rows (80x23, 80x22)."""
        if self._following:  # settle at the bottom once the layout has
            self.call_after_refresh(self._to_bottom)

    def _rerender(self) -> None:
        self._width = self.scrollable_content_region.width
        if self._width <= 0:
            return
        top = self._render_top(self._width)
        self._top = len(top)
        self._lines = top + [line for entry in self.entries for line in self._render_entry(entry, self._width)]
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
        self._jump_to(max(0, len(self._lines) - self.scrollable_content_region.height))

    def _jump_to(self, y: float) -> None:
        """Set the position for the next frame without the watcher: neither following nor prepending is a scroll."""
        self.set_scroll(None, y)
        self._following = y >= self.max_scroll_y
        self.scroll_target_y = y
        self.vertical_scrollbar.position = y
        self.refresh()

    def _render_top(self, width: int) -> list[Strip]:
        line = self._top_text(width)
        if not line:
            return []
        line.stylize(self.rich_style + self.get_component_rich_style("transcript--earlier"))
        line.justify, line.no_wrap, line.overflow = "center", True, "ellipsis"
        console = self.app.console
        rendered = console.render_lines(line, console.options.update_width(width), style=self.rich_style, pad=True)
        return [Strip(rendered[0]).adjust_cell_length(width, self.rich_style).simplify()]

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
