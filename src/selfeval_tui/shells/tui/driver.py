"""Reading the terminal: Textual's Linux driver with the two fixes coordinators over SSH need.

- **Alt+digit.** xterm, PuTTY, GNOME Terminal, tmux and screen send Alt+1 as
  ESC 1. Textual 8 maps ESC 1 .. ESC 0 to the characters WezTerm on macOS types
  for Option+digit (``¡™£¢∞``...), so alt+1 typed ``¡`` into the reply box and
  no quick-reply key worked. Here ESC followed by a digit is alt+digit, as every
  other ESC+key pair already is.
- **Bytes that are not UTF-8.** A Latin-1 terminal sends é as the single byte
  0xE9. Textual decodes input strictly, so that byte raised
  ``UnicodeDecodeError`` in the input thread and the app ended (exit status 0),
  losing what was typed. Here such bytes become U+FFFD and typing goes on.

``run_input_thread`` is Textual 8.2's own loop with those two changes; Textual
gives no other way in to its parser or its decoder.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Iterable

from textual import events
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

ESC = "\x1b"


class InputParser(XTermParser):
    """Textual's parser, except that ESC and a digit is alt+digit."""

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if len(sequence) == 2 and sequence[0] == ESC and sequence[1] in "0123456789":
            # No character: alt+digit chooses, it never types (a binding that does not apply leaves it unused).
            return [events.Key(f"alt+{sequence[1]}", None)]
        return super()._sequence_to_key_events(sequence, alt)


class SelfEvalDriver(LinuxDriver):
    """The Linux driver reading input with ``InputParser`` and a decoder that never raises."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual 8.2's loop; see the module docstring for what differs)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = InputParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def process_selector_events(selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    unicode_data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        break  # this can occur if stdin is piped
                    for event in parser.feed(unicode_data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(0.1))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
