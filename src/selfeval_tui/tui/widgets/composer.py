"""The reply box and the quick replies under the transcript.

Quick-reply keys. ``alt+1`` .. ``alt+5`` always pick the numbered quick reply.
Plain ``1`` .. ``5`` do too, but only while the reply box is empty and only on
questions where a bare digit means nothing else: yes/no criteria and the
rating question. Everywhere else (measures such as ``87%``, ``26 of 30`` or
``1, 3, 5``, outcome targets and values, member names) digits are always typed,
so numbers work as free text.
Text already typed goes with a quick reply as its evidence note
(``alt+1`` with "minutes of 3 May" typed sends ``yes, minutes of 3 May``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Click, Key, Paste
from textual.message import Message
from textual.widgets import Input, Static

from selfeval_tui.core.conversation import QuickReply, Step

DIGIT_KINDS = ("criterion", "judgement")
"""Questions whose replies never start with a digit; everywhere else (measures, outcome
targets and values, local outcomes by number, member names) digits are typed."""


def digits_choose(step: Step | None) -> bool:
    """Whether a bare digit in an empty reply box picks a quick reply for this question."""
    return step is not None and step.kind in DIGIT_KINDS


def with_note(reply: QuickReply, typed: str) -> str:
    typed = typed.strip()
    return f"{reply.reply}, {typed}" if typed else reply.reply


class Composer(Input):
    """An Input with reply history (Up/Down) and digit quick replies."""

    BINDINGS = [
        Binding("up", "history(-1)", "Earlier reply", id="history-previous", show=False),
        Binding("down", "history(1)", "Later reply", id="history-next", show=False),
    ]

    class QuickKey(Message):
        """A digit pressed in the empty reply box on a question whose replies are not numbers."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.quick_keys: frozenset[str] = frozenset()
        self.history: list[str] = []
        self._recall: int | None = None
        self._draft = ""

    @property
    def busy(self) -> bool:
        """While a reply is being saved the composer waits: it keeps the reply and takes no keys.

        Unlike ``disabled`` this keeps the focus here, so a key pressed during a save
        cannot land in another widget, and nothing else on screen is repainted.
        """
        return self.has_class("-busy")

    @busy.setter
    def busy(self, value: bool) -> None:
        self.set_class(value, "-busy")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.busy

    def _on_paste(self, event: Paste) -> None:
        if self.busy:
            event.stop()
            event.prevent_default()

    async def _on_key(self, event: Key) -> None:
        # Runs before Input's own key handler; preventing the default stops the key being typed.
        # Async only to match Input's handler: Textual awaits either kind, and nothing here waits.
        if self.busy and event.is_printable:
            event.stop()
            event.prevent_default()
        elif not self.value and event.character in self.quick_keys and event.key == event.character:
            event.stop()
            event.prevent_default()
            self.post_message(self.QuickKey(event.key))

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
