"""The action plan as an iCalendar file: one all-day event per dated action, for Outlook and Google Calendar.

Events rather than to-dos, because Google Calendar imports only events. Each UID is
built from the partnership, the evaluation and the action's id, never from its
text or date, so importing a later export updates the same entry instead of adding
a second one; ``SEQUENCE`` is the action's version, so a calendar takes the newer
copy. A dropped action stays in the file as cancelled, so re-importing removes it
from calendars that had it. ``DTSTAMP`` is the export's date, not the clock, so
the same database and date give the same bytes. Built with the icalendar library,
which folds and escapes every property (commas, semicolons, newlines) as RFC 5545 says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from icalendar import Calendar, Event

from selfeval_tui.domain.actions import Action, ActionStatus
from selfeval_tui.domain.inert import inert
from selfeval_tui.exports.data import ExportData

PRODID = "-//selfeval-tui//action plan//EN"


def uid(partnership_slug: str, action: Action) -> str:
    """Stable for the life of the action: its text, date and status may change, its UID never does."""
    return f"selfeval-action-{action.evaluation_id}-{action.id}@{partnership_slug}"


def _description(action: Action, element_title: str) -> str:
    lines = [
        f"Element: {action.element_id} {element_title}",
        f"Owner: {action.owner or 'not named'}",
        f"Status: {action.status.words}" + (f" ({action.status_reason})" if action.status_reason else ""),
    ]
    if action.success_measure:
        lines.append(f"Success measure: {action.success_measure}")
    lines.append(f"Resources in place: {action.resources.words}")
    return inert("\n".join(lines))


def calendar(
    partnership: str,
    partnership_slug: str,
    year: str,
    actions: Sequence[Action],
    element_titles: Mapping[str, str],
    stamp: dt.date,
) -> bytes:
    """The calendar for ``actions``; an action with no due date has no day to go on and is left out."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", inert(f"Action plan: {partnership}, {year}"))
    stamped = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC)
    for action in sorted(actions, key=lambda a: (a.due or dt.date.max, a.element_id, a.id)):
        if action.due is None:
            continue
        event = Event()
        event.add("uid", uid(partnership_slug, action))
        event.add("dtstamp", stamped)
        event.add("sequence", action.version)
        event.add("dtstart", action.due)
        event.add("dtend", action.due + dt.timedelta(days=1))
        done = "" if action.status is not ActionStatus.DONE else " (done)"
        event.add("summary", inert(f"{action.element_id}: {action.what}{done}"))
        event.add("description", _description(action, element_titles.get(action.element_id, "")))
        event.add("status", "CANCELLED" if action.status is ActionStatus.DROPPED else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Action plan", partnership])
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def render(data: ExportData) -> str:
    """The evaluation's plan as calendar text (UTF-8, CRLF line ends as RFC 5545 requires)."""
    from selfeval_tui.exports import slug

    titles = {e.element.id: e.element.title for e in data.elements}
    name = data.partnership.name
    return calendar(name, slug(name), data.evaluation.year, data.actions, titles, data.date).decode()
