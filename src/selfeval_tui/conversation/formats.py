"""How each kind of reply is written, in words: shown in the hints before a question and in the error after a reply that could not be read.

Kept apart from the parsers (``replies.py``) because the hints are needed to
show the first question, and the parsers only once a reply comes in.
"""

from __future__ import annotations

from selfeval_tui.bank import Measure
from selfeval_tui.domain.records import STATUS_WORDS, Answer

STATUS_HELP = "yes, partly, no, not sure or n/a (anything after the first word is kept as your evidence note)"


def measure_help(measure: Measure) -> str:
    if measure.kind == "percent":
        return "a percentage from 0 to 100, like 87 or 87%, or not sure / n/a"
    if measure.kind == "success_rate":
        return "the successful moves out of all moves, like 26 of 30 or 26/30, or not sure / n/a"
    return "the numbers or names of the items that apply, like 1, 3, 5 or all or none, or not sure / n/a"


CARRIED_FORWARD = " - carried forward from last year, not yet confirmed"


def describe_status(answer: Answer) -> str:
    """An answer by its status alone, for a question not in the flow (or not a measure)."""
    text = STATUS_WORDS[answer.status] if answer.status is not None else "no answer"
    return text + note_and_origin(answer)


def note_and_origin(answer: Answer) -> str:
    note = f" (note: {answer.note})" if answer.note else ""
    return note + (CARRIED_FORWARD if answer.carried_forward else "")
