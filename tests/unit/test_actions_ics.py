"""The action plan as iCalendar: parsed back with icalendar, one event per dated action, stable UIDs."""

from __future__ import annotations

import datetime as dt

from actions_support import action
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from selfeval_tui.domain.actions import ActionStatus
from selfeval_tui.exports import actions_ics

TITLES = {"1.5": "Guidance on use of managed moves", "2.1": "Shared protocols"}


def _events(payload: bytes) -> list[object]:
    return list(Calendar.from_ical(payload).walk("VEVENT"))


def _render(*actions: object, stamp: dt.date = dt.date(2026, 11, 30)) -> bytes:
    return actions_ics.calendar("North Leeds", "north-leeds", "2026/27", list(actions), TITLES, stamp)  # type: ignore[arg-type]


def test_each_dated_action_is_one_all_day_event_with_its_fields() -> None:
    first = action(1)
    undated = action(2, due=None)
    dropped = action(3, element_id="2.1", criterion_id=None, status=ActionStatus.DROPPED, status_reason="no budget")
    calendar = Calendar.from_ical(_render(first, undated, dropped))
    assert str(calendar["X-WR-CALNAME"]) == "Action plan: North Leeds, 2026/27"
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["selfeval-action-7-1@north-leeds", "selfeval-action-7-3@north-leeds"]
    event = events[0]
    assert event.decoded("DTSTART") == dt.date(2027, 3, 31) and event.decoded("DTEND") == dt.date(2027, 4, 1)
    assert str(event["SUMMARY"]) == "1.5: Review the managed moves protocol with the parents' forum"
    description = str(event["DESCRIPTION"])
    assert "Owner: Deputy head, Riverside" in description and "Success measure: Protocol agreed" in description
    assert "Element: 1.5 Guidance on use of managed moves" in description
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 1
    assert str(events[1]["STATUS"]) == "CANCELLED" and "no budget" in str(events[1]["DESCRIPTION"])


def test_a_changed_action_keeps_its_uid_and_raises_its_sequence() -> None:
    before = _events(_render(action(1)))[0]
    after = _events(_render(action(1, what="Something else", due=dt.date(2027, 5, 1), version=2)))[0]
    assert before["UID"] == after["UID"]  # type: ignore[index]
    assert int(after["SEQUENCE"]) == 2  # type: ignore[index]


def test_same_plan_and_date_give_the_same_bytes() -> None:
    plan = (action(1), action(2, due=dt.date(2027, 1, 15)))
    assert _render(*plan) == _render(*plan)
    assert b"DTSTAMP:20261130T000000Z" in _render(*plan)


@settings(max_examples=100, deadline=None)
@given(text=st.text())
def test_typed_text_cannot_add_properties_or_events(text: str) -> None:
    payload = _render(action(1, what=text, owner=text, success_measure=text))
    events = _events(payload)
    assert len(events) == 1
    event = events[0]
    assert set(event) == {"UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "STATUS", "TRANSP", "CATEGORIES"}  # type: ignore[call-overload]
    assert b"\x1b" not in payload
