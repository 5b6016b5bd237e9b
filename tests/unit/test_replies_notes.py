"""The evidence note after the first word: only the separator is taken off, never the start of the note."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfeval_tui.bank import Level, load_framework
from selfeval_tui.conversation.replies import (
    MeasureReply,
    RatingReply,
    StatusReply,
    parse_measure,
    parse_rating,
    parse_status,
)
from selfeval_tui.domain.records import Status

FRAMEWORK = load_framework()
PERCENT = FRAMEWORK.element("1.4").measures[0]  # type: ignore[union-attr]
CHECKLIST = FRAMEWORK.element("2.4").measures[0]  # type: ignore[union-attr]
RATE = FRAMEWORK.element("3.1").measures[0]  # type: ignore[union-attr]

WORDS = [("yes", Status.MET), ("no", Status.NOT_MET), ("partly", Status.PARTLY), ("not sure", Status.NOT_SURE), ("n/a", Status.NOT_APPLICABLE)]
notes = st.text(min_size=1).map(str.strip).filter(bool)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("no, -3% attendance vs last year", "-3% attendance vs last year"),
        ("no -3% attendance vs last year", "-3% attendance vs last year"),
        ("no - -3% attendance", "-3% attendance"),
        ("no,-3%", "-3%"),
        ("yes, ---", "---"),
        ("yes: ...see minutes", "...see minutes"),
        ("yes - minutes", "minutes"),
        ("yes-minutes", "minutes"),
        ("yes,", ""),
        ("yes , minutes", "minutes"),
    ],
)
def test_only_the_separator_is_taken_off(text: str, note: str) -> None:
    assert parse_status(text) == StatusReply(Status.MET if text.startswith("yes") else Status.NOT_MET, note)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from([", ", ": ", " - ", "; ", " \u2014 ", ","]), notes)
def test_a_note_after_a_separator_is_kept_whole(word: tuple[str, Status], separator: str, note: str) -> None:
    assert parse_status(f"{word[0]}{separator}{note}") == StatusReply(word[1], note)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WORDS), notes)
def test_a_note_after_a_space_is_kept_whole_unless_it_starts_with_a_lone_mark(word: tuple[str, Status], note: str) -> None:
    assume(not (note[0] in ",.;:-\u2013\u2014!" and not note[1:2].strip()))
    assert parse_status(f"{word[0]} {note}") == StatusReply(word[1], note)


@settings(max_examples=200, deadline=None)
@given(notes)
def test_measure_notes_are_kept_whole(note: str) -> None:
    assert parse_measure(PERCENT, f"87%, {note}") == MeasureReply(87.0, note)
    assert parse_measure(RATE, f"26 of 30, {note}") == MeasureReply({"moves": 30, "successes": 26}, note)
    assume(";" not in note)
    assert parse_measure(CHECKLIST, f"all; {note}") == MeasureReply(list(CHECKLIST.items), note)


@settings(max_examples=200, deadline=None)
@given(notes)
def test_a_reason_for_a_rating_is_kept_whole(note: str) -> None:
    assert parse_rating(f"Established: {note}") == RatingReply(Level.ESTABLISHED, note)


def test_a_negative_change_after_a_percentage_is_kept() -> None:
    assert parse_measure(PERCENT, "87% -3 on last year") == MeasureReply(87.0, "-3 on last year")
