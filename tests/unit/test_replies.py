"""Reading replies: a table of examples, and no string makes a parser raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval_tui.bank import Level, Measure, load_framework
from selfeval_tui.conversation.replies import (
    Command,
    GlossaryQuestion,
    MeasureReply,
    NotUnderstood,
    RatingReply,
    StatusReply,
    parse_command,
    parse_glossary_question,
    parse_measure,
    parse_rating,
    parse_status,
)
from selfeval_tui.domain.records import Status

FRAMEWORK = load_framework()
PERCENT = FRAMEWORK.element("1.4").measures[0]  # type: ignore[union-attr]
CHECKLIST = FRAMEWORK.element("2.4").measures[0]  # type: ignore[union-attr]
RATE = FRAMEWORK.element("3.1").measures[0]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "status", "note"),
    [
        ("yes", Status.MET, ""),
        ("Y", Status.MET, ""),
        ("met", Status.MET, ""),
        ("done - signed off", Status.MET, "signed off"),
        ("yes, minutes show every head attended", Status.MET, "minutes show every head attended"),
        ("partly", Status.PARTLY, ""),
        ("Partially: two schools still missing", Status.PARTLY, "two schools still missing"),
        ("some", Status.PARTLY, ""),
        ("no", Status.NOT_MET, ""),
        ("n", Status.NOT_MET, ""),
        ("not met", Status.NOT_MET, ""),
        ("not yet, planned for spring", Status.NOT_MET, "planned for spring"),
        ("not sure", Status.NOT_SURE, ""),
        ("don't know", Status.NOT_SURE, ""),
        ("?", Status.NOT_SURE, ""),
        ("n/a no special schools in the area", Status.NOT_APPLICABLE, "no special schools in the area"),
    ],
)
def test_status_replies(text: str, status: Status, note: str) -> None:
    assert parse_status(text) == StatusReply(status, note)


@pytest.mark.parametrize("text", ["yesterday", "nope", "maybe", "", "   ", "123", "notes"])
def test_status_replies_not_understood(text: str) -> None:
    assert parse_status(text) is None


@pytest.mark.parametrize(
    ("measure", "text", "expected"),
    [
        (PERCENT, "87", MeasureReply(87.0, "")),
        (PERCENT, "87%", MeasureReply(87.0, "")),
        (PERCENT, "87.5 % from the LA data", MeasureReply(87.5, "from the LA data")),
        (PERCENT, "0", MeasureReply(0.0, "")),
        (RATE, "26 of 30", MeasureReply({"moves": 30, "successes": 26}, "")),
        (RATE, "26/30, two returned", MeasureReply({"moves": 30, "successes": 26}, "two returned")),
        (RATE, "26 out of 30", MeasureReply({"moves": 30, "successes": 26}, "")),
        (CHECKLIST, "1, 3, 5", MeasureReply([CHECKLIST.items[0], CHECKLIST.items[2], CHECKLIST.items[4]], "")),
        (CHECKLIST, "vandalism and bullying", MeasureReply(["Incidents of bullying", "Vandalism"], "")),
        (CHECKLIST, "all", MeasureReply(list(CHECKLIST.items), "")),
        (CHECKLIST, "none; no data yet", MeasureReply([], "no data yet")),
        (PERCENT, "not sure", StatusReply(Status.NOT_SURE, "")),
        (RATE, "n/a, no managed moves this year", StatusReply(Status.NOT_APPLICABLE, "no managed moves this year")),
    ],
)
def test_measure_replies(measure: Measure, text: str, expected) -> None:
    assert parse_measure(measure, text) == expected


@pytest.mark.parametrize(
    ("measure", "text", "says"),
    [
        (PERCENT, "lots", "percentage from 0 to 100"),
        (PERCENT, "120%", "more than 100%"),
        (RATE, "26", "26 of 30"),
        (RATE, "31 of 30", "more than all of them"),
        (RATE, "0 of 0", "reply n/a"),
        (CHECKLIST, "12", "could not match '12'"),
        (CHECKLIST, "absence", "could not match 'absence'"),
        (PERCENT, "yes", "percentage"),
    ],
)
def test_measure_replies_not_understood(measure: Measure, text: str, says: str) -> None:
    result = parse_measure(measure, text)
    assert isinstance(result, NotUnderstood)
    assert says in result.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("agree", RatingReply(None, "")),
        ("yes, fair", RatingReply(None, "fair")),
        ("Established: every head attends", RatingReply(Level.ESTABLISHED, "every head attends")),
        ("3 moderated at the workshop", RatingReply(Level.ESTABLISHED, "moderated at the workshop")),
        ("not yet developing - no meetings held", RatingReply(Level.NOT_YET, "no meetings held")),
        ("developing", RatingReply(Level.DEVELOPING, "")),
    ],
)
def test_rating_replies(text: str, expected: RatingReply) -> None:
    assert parse_rating(text) == expected


def test_commands_and_glossary_questions() -> None:
    assert parse_command("/jump 2.4") == Command("jump", "2.4")
    assert parse_command("/NOTE minutes of 3 March") == Command("note", "minutes of 3 March")
    assert parse_command("yes") is None
    assert parse_glossary_question("what is PA?") == GlossaryQuestion("PA")
    assert parse_glossary_question("What does FAP stand for?") == GlossaryQuestion("FAP")
    assert parse_glossary_question("what's a managed move") == GlossaryQuestion("managed move")
    assert parse_glossary_question("yes") is None


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_no_string_makes_a_parser_raise(text: str) -> None:
    parse_status(text)
    parse_command(text)
    parse_glossary_question(text)
    parse_rating(text)
    for measure in (PERCENT, CHECKLIST, RATE):
        result = parse_measure(measure, text)
        assert isinstance(result, MeasureReply | StatusReply | NotUnderstood)

