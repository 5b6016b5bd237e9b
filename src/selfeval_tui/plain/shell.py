"""Reading replies line by line and printing the conversation as plain text."""

from __future__ import annotations

from typing import TextIO

from selfeval_tui.core.conversation import Session, Turn

DONE_TAG = "[done] Type /summary for the ratings, /jump 2.4 to review an element, or /quit."


def render(turn: Turn, out: TextIO) -> None:
    for message in turn.messages:
        if message.heading:
            out.write(f"{message.heading}\n")
        out.write(f"{message.text}\n")
    if turn.finished:
        out.flush()
        return
    if turn.question is None:
        out.write(f"{DONE_TAG}\n")
    else:
        out.write(f"[{turn.question.tag}] {turn.question.text}\n")
        for hint in turn.hints:
            out.write(f"  {hint}\n")
    out.flush()


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
