"""Reading replies line by line and printing the conversation as plain text.

Every line goes out through :func:`~selfeval_tui.domain.inert.inert`: the
conversation quotes names, notes and titles that other people stored, and an
escape sequence in them must reach the reader's terminal as visible text, not
act on it (docs/security.md).
"""

from __future__ import annotations

import io
from typing import TextIO

from selfeval_tui.conversation import Session, Step, Turn
from selfeval_tui.domain.inert import inert

DONE_TAG = "[done] Type /summary for the ratings, /jump 2.4 to review an element, or /quit."
SAVED = "Saved."


def say(out: TextIO, line: str) -> None:
    """Write one line of output (it may hold line breaks) with stored text made inert."""
    out.write(inert(line) + "\n")


def render(turn: Turn, out: TextIO) -> None:
    """One turn: a confirmation when it saved something, its messages, then the question line and its hints."""
    if turn.saved and not turn.failed:
        out.write(f"{SAVED}\n")
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
    if not turn.finished:
        say(stdout, end_of_input(session.pick_up()))
        stdout.flush()
    return 0


def end_of_input(step: Step | None) -> str:
    """Input ended without /quit: say that nothing is lost and where the same command picks up."""
    if step is None:
        return "End of input. Everything you answered is saved; every question has an answer."
    return f"End of input. Everything you answered is saved; the same command picks up at {step.tag}: {step.text}"
