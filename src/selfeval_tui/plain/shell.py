"""Reading replies line by line and printing the conversation as plain text.

Every line goes out through :func:`~selfeval_tui.core.inert.inert`: the
conversation quotes names, notes and titles that other people stored, and an
escape sequence in them must reach the reader's terminal as visible text, not
act on it (docs/security.md).
"""

from __future__ import annotations

import io
from typing import TextIO

from selfeval_tui.core.conversation import Session, Turn
from selfeval_tui.core.inert import inert

DONE_TAG = "[done] Type /summary for the ratings, /jump 2.4 to review an element, or /quit."


def say(out: TextIO, line: str) -> None:
    """Write one line of output (it may hold line breaks) with stored text made inert."""
    out.write(inert(line) + "\n")


def render(turn: Turn, out: TextIO) -> None:
    for message in turn.messages:
        if message.heading:
            say(out, message.heading)
        say(out, message.text)
    if turn.finished:
        out.flush()
        return
    if turn.question is None:
        say(out, DONE_TAG)
    else:
        say(out, f"[{turn.question.tag}] {turn.question.text}")
        for hint in turn.hints:
            say(out, f"  {hint}")
    out.flush()


def forgiving(stream: TextIO) -> None:
    """Undecodable input bytes become U+FFFD, and unencodable output characters ``?``, instead of an error.

    Piped input is not always UTF-8 (``caf\\xe9`` from a Latin-1 file). Python's
    default for standard input can hand such bytes on as lone surrogates, which
    SQLite then refuses to store; a replacement character is kept instead, and
    the reply is still saved.
    """
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")


def run(session: Session, stdin: TextIO, stdout: TextIO) -> int:
    """Converse until /quit or end of input; everything answered is already saved either way."""
    turn = session.start()
    render(turn, stdout)
    while not turn.finished:
        line = stdin.readline()
        if not line:
            break
        turn = session.handle(line.rstrip("\r\n"))
        render(turn, stdout)
    return 0
