"""The reply box and the quick replies under the transcript.

Quick-reply keys. ``alt+1`` .. ``alt+5`` always pick the numbered quick reply.
Plain ``1`` .. ``5`` do too, but only while the reply box is empty and only on
questions where a bare digit means nothing else: yes/no criteria and the
rating question. Everywhere else (measures such as ``87%``, ``26 of 30`` or
``1, 3, 5``, outcome targets and values, member names) digits are always typed,
so numbers work as free text.
Text already typed goes with a quick reply as its evidence note
(``alt+1`` with "minutes of 3 May" typed sends ``yes, minutes of 3 May``).

Typing ahead. Over a laggy link or from a paste, several replies arrive at once,
often while the first is still being saved. The composer sends one reply at a
time and holds it (dimmed, in the box) until the chat says it is saved. Every key,
paste and quick reply that arrives meanwhile is queued in the order it came and
played back, through the same handling as a live key, once the next question is
shown: so a digit is read against the question it answers (``11`` answers two
criteria; ``10%`` on a measure is ten per cent), and no key is lost, merged or
reordered. A newline (Enter, or Ctrl+J, which is what a pasted LF arrives as)
always ends a reply.
"""

from __future__ import annotations

import re
from collections import deque

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal
from textual.events import Click, Key, Paste
from textual.message import Message
from textual.widgets import Input, Static

from selfeval_tui.conversation import QuickReply, Step

_NEWLINE = re.compile(r"\r\n|\r|\n")


def digits_choose(step: Step | None) -> bool:
    """Whether a bare digit in an empty reply box picks a quick reply for this question.

    Only where replies never start with a digit (the step's handler says so); everywhere
    else (measures, outcome targets and values, local outcomes by number, member names)
    digits are typed.
    """
    return step is not None and step.handler.digits_choose


def with_note(reply: QuickReply, typed: str) -> str:
    typed = typed.strip()
    return f"{reply.reply}, {typed}" if typed else reply.reply


class Composer(Input):
    """An Input that sends one reply at a time, queues what is typed meanwhile, with history and quick replies."""

    BINDINGS = [
        Binding("up", "history(-1)", "Earlier reply", id="history-previous", show=False),
        Binding("down", "history(1)", "Later reply", id="history-next", show=False),
        # A newline pasted without bracketed paste, or sent by a terminal for Enter, arrives as ctrl+j.
        Binding("ctrl+j", "submit", "Send the reply (a newline)", id="send-newline", show=False),
    ]

    class Quick(Message):
        """Pick the quick reply with this key (alt+digit, a click), in order with the keys typed before it."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Reply(Message):
        """Send this whole reply (an outline or overview jump), in order with the keys typed before it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.replies: tuple[QuickReply, ...] = ()
        self.digits = False
        self.history: list[str] = []
        self._recall: int | None = None
        self._draft = ""
        self._queue: deque[Key | Paste | Composer.Quick | Composer.Reply] = deque()
        self._retry = False

    def show(self, step: Step | None) -> None:
        """The quick replies of the question the next reply answers."""
        self.replies = step.quick_replies if step is not None else ()
        self.digits = digits_choose(step)

    @property
    def quick_keys(self) -> frozenset[str]:
        """The digits that pick a quick reply when the box is empty."""
        return frozenset(r.key for r in self.replies) if self.digits else frozenset()

    @property
    def busy(self) -> bool:
        """A reply is being saved: it stays in the box, dimmed, and what arrives meanwhile is queued."""
        return self.has_class("-busy")

    @property
    def waiting(self) -> int:
        """How many keys, pastes and replies are queued behind the reply being saved."""
        return len(self._queue)

    # ----- sending -------------------------------------------------------------

    async def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        """Send the box's text and hold it there until the chat calls ``saved`` or ``not_saved``."""
        text = self.value
        if not text.strip():
            return
        self.remember(text)
        self._retry = False
        self.add_class("-busy")
        self.post_message(self.Submitted(self, text))

    def saved(self) -> None:
        """The reply is saved and the next question shown: empty the box and play back what was queued."""
        self.value = ""
        self.remove_class("-busy")
        self.call_later(self._play_queue)

    def not_saved(self) -> None:
        """The reply failed: it stays in the box to be edited or sent again, before anything queued."""
        self.remove_class("-busy")
        self._retry = bool(self._queue)

    async def _play_queue(self) -> None:
        """In this widget's own task, so no key that arrives meanwhile can slip in between."""
        while self._queue and not self.busy and not self._retry:
            item = self._queue.popleft()
            if isinstance(item, Key):
                await self._play_key(item)
            elif isinstance(item, Paste):
                self._paste(item.text)
            elif isinstance(item, Composer.Quick):
                self._quick(item.key)
            else:
                self.value = item.text
                self.submit()

    async def _play_key(self, event: Key) -> None:
        """What a key does in the box: a quick reply, a character typed, or the box's own action (Enter, Backspace ...)."""
        if self._quick_digit(event):
            return
        if event.is_printable:
            assert event.character is not None
            self._type(event.character)
            return
        for binding in _BOX_KEYS.key_to_bindings.get(event.key, ()):
            await self.run_action(binding.action)
            return

    def _holds(self, item: Key | Paste | Composer.Quick | Composer.Reply) -> bool:
        """Queue it while a reply is being saved (or queued replies wait their turn)."""
        if not self.busy and not (self._queue and not self._retry):
            return False
        self._queue.append(item)
        return True

    # ----- what arrives ----------------------------------------------------------

    async def _on_key(self, event: Key) -> None:
        # Runs before Input's own key handler, and handles every key of the box here, in the order the keys
        # came: an Enter left to Textual's bindings would run only after the keys behind it were typed.
        if not (event.is_printable or event.key in _BOX_KEYS.key_to_bindings):
            return  # not the box's (F-keys, PgUp ...): on to the screen
        event.stop()
        event.prevent_default()
        if not self._holds(event):
            await self._play_key(event)

    def _on_paste(self, event: Paste) -> None:
        event.stop()
        event.prevent_default()
        if not self._holds(event):
            self._paste(event.text)

    def on_composer_quick(self, event: Composer.Quick) -> None:
        event.stop()
        if not self._holds(event):
            self._quick(event.key)

    def on_composer_reply(self, event: Composer.Reply) -> None:
        event.stop()
        if not self._holds(event):
            self.value = event.text
            self.submit()

    def _paste(self, text: str) -> None:
        """Each line of a paste is a reply of its own; text after the last newline stays in the box."""
        newline = _NEWLINE.search(text)
        if newline is None:
            self._type(text)
            return
        self._type(text[: newline.start()])
        self.submit()
        rest = text[newline.end() :]
        if rest and self.busy:
            self._queue.appendleft(Paste(rest))
        elif rest:
            self._paste(rest)

    def _type(self, text: str) -> None:
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def _quick_digit(self, event: Key) -> bool:
        """A bare digit in the empty box, on a question where digits are quick replies."""
        if self.value or not self.digits or event.character != event.key:
            return False
        return self._quick(event.key)

    def _quick(self, key: str) -> bool:
        """Send the quick reply with this key, with what is typed as its note; False if this question has none."""
        reply = next((r for r in self.replies if r.key == key), None)
        if reply is None:
            return False
        self.value = with_note(reply, self.value)
        self.submit()
        return True

    # ----- history ---------------------------------------------------------------

    def remember(self, text: str) -> None:
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._recall = None

    def action_history(self, step: int) -> None:
        """Up walks back through earlier replies; Down walks forward and finally restores the draft."""
        if not self.history:
            return
        if self._recall is None:
            if step > 0:
                return
            self._draft = self.value
            self._recall = len(self.history)
        position = self._recall + step
        if position < 0:
            return
        if position >= len(self.history):
            self._recall = None
            self.value = self._draft
        else:
            self._recall = position
            self.value = self.history[position]
        self.cursor_position = len(self.value)


_BOX_KEYS = BindingsMap([*Input.BINDINGS, *Composer.BINDINGS])
"""The keys the reply box acts on itself (not the scrolling ones Input inherits)."""


class QuickReplies(Horizontal):
    """The current question's quick replies as buttons, each showing its key, and the question's tag on the right.

    The buttons are drawn as one line of text, clicked by position, rather than
    as a Button widget each: five Button widgets and their stylesheet cost more
    at startup, and more bytes each time the set changes, than the rest of the
    row together. The keys are what the keyboard uses.
    """

    COMPONENT_CLASSES = {"quick-replies--button", "quick-replies--key"}

    class Chosen(Message):
        def __init__(self, reply: QuickReply) -> None:
            super().__init__()
            self.reply = reply

    def __init__(self, step: Step | None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.replies = step.quick_replies if step is not None else ()
        self._digits = digits_choose(step)
        self._spans: list[tuple[int, int, QuickReply]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="quick-keys")
        yield Static(id="question-tag")

    def on_mount(self) -> None:
        self._draw()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw())

    def show(self, step: Step | None) -> None:
        """Redraw the buttons only when the set changes, so most answers repaint just the tag."""
        replies = step.quick_replies if step is not None else ()
        digits = digits_choose(step)
        self.query_one("#question-tag", Static).update(step.tag if step is not None else "")
        if replies == self.replies and digits == self._digits:
            return
        self.replies, self._digits = replies, digits
        self._draw()

    def _draw(self) -> None:
        button = self.get_component_rich_style("quick-replies--button", partial=True)
        key_style = button + self.get_component_rich_style("quick-replies--key", partial=True)
        line = Text()
        self._spans = []
        for reply in self.replies:
            start = len(line)
            line.append(" ", button)
            line.append(f"{'' if self._digits else 'alt+'}{reply.key}", key_style)
            line.append(f" {reply.label} ", button)
            self._spans.append((start, len(line), reply))
            line.append(" ")
        line.rstrip()
        self.query_one("#quick-keys", Static).update(line)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self.query_one("#quick-keys", Static))
        if offset is None:
            return
        reply = next((r for start, end, r in self._spans if start <= offset.x < end), None)
        if reply is not None:
            self.post_message(self.Chosen(reply))
