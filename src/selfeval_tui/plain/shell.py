"""Reading replies line by line and printing the conversation as plain text."""

from __future__ import annotations

from typing import TextIO

from selfeval_tui.core.conversation import Session, Step, Turn

DONE_TAG = "[done] Type /summary for the ratings, /jump 2.4 to review an element, or /quit."


SAVED = "Saved."


def render(turn: Turn, out: TextIO) -> None:
    """One turn: a confirmation when it saved something, its messages, then the question line and its hints."""
    if turn.saved and not turn.failed:
        out.write(f"{SAVED}\n")
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
    if not turn.finished:
        stdout.write(f"{end_of_input(session.pick_up())}\n")
        stdout.flush()
    return 0


def end_of_input(step: Step | None) -> str:
    """Input ended without /quit: say that nothing is lost and where the same command picks up."""
    if step is None:
        return "End of input. Everything you answered is saved; every question has an answer."
    return f"End of input. Everything you answered is saved; the same command picks up at {step.tag}: {step.text}"
