"""What every workshop screen says, as plain words: the Textual screens and the plain facilitator mode share it.

Pure functions of a ``WorkshopStatus`` (and a clock), free of Textual and Rich,
so the screen-reader facilitator (``workshop run --plain``) hears the same
sentences the projector shows: "5 of 8 have voted" (a count, never a name or a
level, until the reveal), the distribution as text bars with the spread, the
reasons and the agreed rating. Each line here is stored text put together with
ours: the shells show it inert.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from selfeval_tui.domain.framework import Element, Level
from selfeval_tui.domain.workshops import (
    DISCUSS_SPREAD,
    ItemState,
    ItemStatus,
    WorkshopStatus,
    clock_text,
    level_title,
)

BAR_WIDTH = 24
"""Cells of the longest bar: the chart fits 80 columns beside the level words and counts."""
BAR, TRACK = "█", "·"

STATE_WORDS = {
    ItemState.PENDING: "not started",
    ItemState.OPEN: "open for discussion",
    ItemState.VOTING: "voting",
    ItemState.REVEALED: "votes revealed",
    ItemState.AGREED: "agreed",
    ItemState.PARKED: "parked",
}
"""Each item state as the screens say it."""

CHOICES: tuple[Level | None, ...] = (*Level, None)
"""The levels a voter picks from, lowest first, then abstain."""

NOTHING_OPEN = "No item is open yet: the facilitator opens the first one."
HIDDEN = "Votes stay hidden until the facilitator reveals them."


def heading(status: WorkshopStatus) -> str:
    """``Riverside 2026/27 · Spring moderation · 12 Mar 2027``."""
    workshop = status.workshop
    return f"{status.partnership} {status.year} · {workshop.title} · {workshop.date:%d %b %Y}"


def item_state(current: ItemStatus) -> str:
    """``round 2, voting``, or the state alone before the first round."""
    state = STATE_WORDS[current.item.state]
    return f"round {current.round}, {state}" if current.round else state


def timer_words(current: ItemStatus, now: datetime) -> tuple[str, str]:
    """The timer in words and its kind: ``warning`` in the last minute, ``overrun`` past the timebox, else ``""``."""
    timer = current.item.timer()
    remaining = timer.remaining(now)
    box = clock_text(current.item.timebox_seconds)
    if timer.overrun(now):
        return f"OVERRUN by {clock_text(-remaining)} (timebox {box})", "overrun"
    if timer.warning(now):
        return f"Last minute: {clock_text(remaining)} left of {box}", "warning"
    paused = "" if current.item.opened_at is not None else " (paused)"
    return f"{clock_text(remaining)} left of {box}{paused}", ""


def voted_line(current: ItemStatus) -> str:
    """``5 of 8 have voted`` (and any show of hands): a count whatever the state, never who or what."""
    if current.round == 0:
        return "Voting has not opened yet."
    verb = "has" if current.voted == 1 else "have"
    hands = f", and {current.hands} by show of hands" if current.hands else ""
    return f"{current.voted} of {current.eligible} {verb} voted{hands}"


def bar_rows(distribution: Mapping[Level | None, int]) -> list[tuple[Level | None, str, int]]:
    """(level, bar, count) per level, lowest first, then abstentions if any; the longest bar ``BAR_WIDTH`` cells."""
    most = max(distribution.values(), default=0)
    rows: list[tuple[Level | None, str, int]] = []
    for level in CHOICES:
        count = distribution.get(level, 0)
        if level is None and not count:
            continue
        length = round(BAR_WIDTH * count / most) if most else 0
        rows.append((level, BAR * length + TRACK * (BAR_WIDTH - length), count))
    return rows


def count_lines(distribution: Mapping[Level | None, int]) -> list[str]:
    """The distribution said rather than drawn (plain mode): ``Developed: 3`` for each level chosen."""
    return [f"{level_title(level)}: {count}" for level, _bar, count in bar_rows(distribution) if count]


def spread_line(current: ItemStatus) -> str:
    """The spread in levels, flagged for discussion at two or more."""
    if not current.distribution:
        return "No votes were cast in this round."
    levels = current.spread
    flag = "  ! discuss: the votes are two levels or more apart" if levels >= DISCUSS_SPREAD else ""
    return f"Spread: {levels} level{'' if levels == 1 else 's'}{flag}"


def reason_lines(current: ItemStatus, *, named: bool) -> list[str]:
    """Each vote's reason after its level; without names on the projector (fed back anonymously, as in Delphi)."""
    lines: list[str] = []
    for vote in sorted(current.votes, key=lambda v: (-1 if v.level is None else int(v.level), v.person)):
        if named:
            lines.append(f"{level_title(vote.level)}: {vote.person}" + (f" - {vote.reason}" if vote.reason else ""))
        elif vote.reason:
            lines.append(f"{level_title(vote.level)}: {vote.reason}")
    return lines


def agreed_lines(current: ItemStatus) -> list[str]:
    """The agreed rating, its reason and each dissent (who, and why)."""
    agreed = current.agreed
    if agreed is None:
        return []
    lines = [f"Agreed: {agreed.level.title}"]
    if agreed.reason:
        lines.append(f"Because: {agreed.reason}")
    lines += [f"Dissent: {dissent.person}: {dissent.why}" for dissent in agreed.dissent]
    return lines


def descriptor_text(element: Element, level: Level) -> str:
    return next((d.descriptor for d in element.levels if d.level == level), "")


def agenda_line(status: WorkshopStatus, position: int, titles: Mapping[str, str], now: datetime) -> str:
    """``2.4 Sharing information - voting 3:10 of 10:00``: one agenda row in words (the state never only a colour)."""
    item = status.agenda[position]
    used = clock_text(item.timer().used(now))
    return f"{item.element_id} {titles.get(item.element_id, '')} - {STATE_WORDS[item.state]} {used} of {clock_text(item.timebox_seconds)}"


def status_lines(status: WorkshopStatus, element: Element | None, now: datetime, *, named: bool) -> list[str]:
    """The whole of what the room may see now, as lines: for plain mode, so the counts are said, not drawn."""
    lines = [heading(status) + (f" · join code {status.workshop.code}" if status.workshop.code else "")]
    current = status.current
    if current is None or element is None:
        return [*lines, NOTHING_OPEN]
    lines.append(f"{element.id} {element.title}: {item_state(current)}")
    lines.append(timer_words(current, now)[0])
    lines.append(voted_line(current))
    if current.revealed:
        lines += [*count_lines(current.distribution), spread_line(current), *reason_lines(current, named=named)]
    elif current.round:
        lines.append(HIDDEN)
    return [*lines, *agreed_lines(current)]
