"""Understanding what a coordinator types: answers, measure values, commands and questions.

Parsing never raises: anything not understood comes back as ``NotUnderstood`` with
a short, friendly line listing what is accepted, and is never saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selfeval_tui.bank import Level, Measure
from selfeval_tui.conversation.formats import measure_help
from selfeval_tui.domain.records import Status

STATUS_WORDS: tuple[tuple[str, Status], ...] = tuple(
    sorted(
        (
            ("yes", Status.MET),
            ("y", Status.MET),
            ("met", Status.MET),
            ("done", Status.MET),
            ("partly", Status.PARTLY),
            ("partially", Status.PARTLY),
            ("partly met", Status.PARTLY),
            ("some", Status.PARTLY),
            ("no", Status.NOT_MET),
            ("n", Status.NOT_MET),
            ("not met", Status.NOT_MET),
            ("not yet", Status.NOT_MET),
            ("not sure", Status.NOT_SURE),
            ("unsure", Status.NOT_SURE),
            ("don't know", Status.NOT_SURE),
            ("dont know", Status.NOT_SURE),
            ("?", Status.NOT_SURE),
            ("n/a", Status.NOT_APPLICABLE),
            ("na", Status.NOT_APPLICABLE),
            ("not applicable", Status.NOT_APPLICABLE),
        ),
        key=lambda pair: -len(pair[0]),
    )
)


_PUNCTUATION = tuple(",.;:-\u2013\u2014!")
_SEPARATORS = (" ", "\t", *_PUNCTUATION)


@dataclass(frozen=True)
class StatusReply:
    status: Status
    note: str


@dataclass(frozen=True)
class MeasureReply:
    value: float | list[str] | dict[str, int]
    note: str


@dataclass(frozen=True)
class NotUnderstood:
    message: str


@dataclass(frozen=True)
class Command:
    name: str
    argument: str


@dataclass(frozen=True)
class GlossaryQuestion:
    term: str


@dataclass(frozen=True)
class RatingReply:
    """A reply to the judgement question: agree with the computed rating, or set another with a reason."""

    level: Level | None
    reason: str


def _clean_note(rest: str) -> str:
    """The note after the first word, less the one separator between them: ``no, -3% attendance`` keeps ``-3%``.

    The separator is a punctuation mark written against the word (``yes,`` or
    ``yes-``) or one standing alone between spaces (``yes - minutes``); a mark
    that starts the note itself (``no -3%``, ``yes, ---``) is evidence and kept.
    """
    start = len(rest) - len(rest.lstrip())
    if rest[:1] in _PUNCTUATION:
        start = 1
    elif rest[start : start + 1] in _PUNCTUATION and not rest[start + 1 : start + 2].strip():
        start += 1
    return rest[start:].strip()


def _leading(text: str, phrases: tuple[tuple[str, object], ...]) -> tuple[object, str] | None:
    """Match a phrase at the start of ``text`` followed by the end or a separator ("yes, minutes show...")."""
    lowered = text.casefold()
    for phrase, meaning in phrases:
        if lowered.startswith(phrase):
            rest = text[len(phrase) :]
            if not rest or rest[0] in _SEPARATORS or phrase == "?":
                return meaning, _clean_note(rest)
    return None


def parse_status(text: str) -> StatusReply | None:
    match = _leading(text.strip(), STATUS_WORDS)
    if match is None:
        return None
    status, note = match
    assert isinstance(status, Status)
    return StatusReply(status, note)


_COMMAND = re.compile(r"^/(\w+)\s*(.*)$", re.DOTALL)
_GLOSSARY = re.compile(
    r"^\s*(?:what\s+(?:is|are|does)\s+(?:an?\s+|the\s+)?|what's\s+(?:an?\s+|the\s+)?|define\s+)"
    r"(?P<term>.+?)(?:\s+(?:mean|stand for))?\s*\??\s*$",
    re.IGNORECASE,
)


def parse_command(text: str) -> Command | None:
    match = _COMMAND.match(text.strip())
    return Command(match.group(1).lower(), match.group(2).strip()) if match else None


def parse_glossary_question(text: str) -> GlossaryQuestion | None:
    match = _GLOSSARY.match(text)
    return GlossaryQuestion(match.group("term").strip()) if match else None


_NUMBER = r"(\d+(?:\.\d+)?)"
_PERCENT = re.compile(rf"^\s*{_NUMBER}\s*(?:%|per\s*cent|percent)?(?=$|[\s,;:.\-])(.*)$", re.IGNORECASE | re.DOTALL | re.ASCII)
_RATE = re.compile(r"^\s*(\d+)\s*(?:of|/|out\s+of)\s*(\d+)(?=$|[\s,;:.\-])(.*)$", re.IGNORECASE | re.DOTALL | re.ASCII)


def parse_measure(measure: Measure, text: str) -> MeasureReply | StatusReply | NotUnderstood:
    stripped = text.strip()
    status = _leading(
        stripped,
        tuple((p, s) for p, s in STATUS_WORDS if s in (Status.NOT_SURE, Status.NOT_APPLICABLE)),
    )
    if status is not None:
        assert isinstance(status[0], Status)
        return StatusReply(status[0], status[1])
    if measure.kind == "percent":
        return _parse_percent(measure, stripped)
    if measure.kind == "success_rate":
        return _parse_rate(measure, stripped)
    return _parse_checklist(measure, stripped)


def _parse_percent(measure: Measure, text: str) -> MeasureReply | NotUnderstood:
    match = _PERCENT.match(text)
    if match is None:
        return NotUnderstood(f"Please give {measure_help(measure)}.")
    value = float(match.group(1))
    if value > 100:
        return NotUnderstood(f"{value:g}% is more than 100%. Please give {measure_help(measure)}.")
    return MeasureReply(value, _clean_note(match.group(2)))


def _parse_rate(measure: Measure, text: str) -> MeasureReply | NotUnderstood:
    match = _RATE.match(text)
    if match is None:
        return NotUnderstood(f"Please give {measure_help(measure)}.")
    successes, moves = int(match.group(1)), int(match.group(2))
    if moves == 0:
        return NotUnderstood("With no managed moves there is no success rate: reply n/a with a note instead.")
    if successes > moves:
        return NotUnderstood(f"{successes} successful moves out of {moves} is more than all of them. {measure_help(measure).capitalize()}.")
    return MeasureReply({"moves": moves, "successes": successes}, _clean_note(match.group(3)))


def _parse_checklist(measure: Measure, text: str) -> MeasureReply | NotUnderstood:
    body, _, note = text.partition(";")  # the ";" is the separator: the note after it is kept whole
    lowered = body.strip().casefold()
    if lowered in {"all", "all of them", "all of the above"}:
        return MeasureReply(list(measure.items), note.strip())
    if lowered in {"none", "none of them", "0"}:
        return MeasureReply([], note.strip())
    picked: list[str] = []
    for token in (t.strip() for t in re.split(r",|\band\b|\s(?=\d)", body) if t.strip()):
        item = _checklist_item(measure, token)
        if item is None:
            return NotUnderstood(f"I could not match {token!r} to an item. Please give {measure_help(measure)}.")
        if item not in picked:
            picked.append(item)
    if not picked:
        return NotUnderstood(f"Please give {measure_help(measure)}.")
    return MeasureReply([i for i in measure.items if i in picked], note.strip())


def _checklist_item(measure: Measure, token: str) -> str | None:
    if token.isascii() and token.isdigit():
        index = int(token)
        return measure.items[index - 1] if 1 <= index <= len(measure.items) else None
    folded = token.casefold()
    matches = [item for item in measure.items if folded in item.casefold()]
    return matches[0] if len(matches) == 1 else None


_AGREE = ("agree", "agreed", "yes", "y", "ok", "okay", "accept")


def parse_rating(text: str) -> RatingReply | NotUnderstood:
    """'agree', or a level name or number 0-4 followed by the reason ('Established: heads all attend')."""
    stripped = text.strip()
    agree = _leading(stripped, tuple((word, None) for word in _AGREE))
    if agree is not None:
        return RatingReply(None, agree[1])
    names = [(level.title.casefold(), level) for level in Level] + [(str(int(level)), level) for level in Level]
    names.append(("not yet", Level.NOT_YET))
    match = _leading(stripped, tuple(sorted(names, key=lambda pair: -len(pair[0]))))
    if match is None:
        return NotUnderstood(
            "Reply agree, or give a rating (Not yet developing, Developing, Developed, Established, Enhancing) "
            "followed by the reason, like: Established: every head attends."
        )
    level, reason = match
    assert isinstance(level, Level)
    if level.title.casefold() == "not yet developing" and reason.casefold().startswith("developing"):
        reason = _clean_note(reason[len("developing") :])
    return RatingReply(level, reason)


_NO_ACTION = re.compile(r"^\s*(?:none|no action)\s*(?:$|[:,;\-\u2013\u2014]\s*(?P<reason>.*)$)", re.IGNORECASE | re.DOTALL)


def parse_no_action(text: str) -> str | None:
    """``none: not a priority this year``: the reason for no action ("" when none is given); None for anything else.

    The separator is required, so an action that starts with the word (``none of the schools ...``) stays an action.
    """
    match = _NO_ACTION.match(text)
    if match is None:
        return None
    return (match.group("reason") or "").strip()
