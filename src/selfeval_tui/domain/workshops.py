"""Workshops (issue 15): an agenda of elements, silent votes in rounds, the reveal, and the rating agreed.

The records here are what the store reads back; ``WorkshopStatus`` is the read
model every shell shows (facilitator, projector, voter, ``status --json``), built
by the services so that it holds nothing about who voted what before the reveal:
its ``votes`` and ``distribution`` are empty until then, and ``voted`` is a count.
``status_json`` is the documented, stable shape of ``selfeval workshop status
--json`` (docs/workshop.md). The timer takes the clock as an argument, so it is
tested with a fake one and every screen computes it from the same stored facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from selfeval_tui.domain.framework import Level

DEFAULT_TIMEBOX_SECONDS = 600
"""Ten minutes an item, unless the facilitator says otherwise."""
MINIMUM_TIMEBOX_SECONDS = 60
WARNING_SECONDS = 60
"""The timer warns in the last minute of an item's timebox."""
DISCUSS_SPREAD = 2
"""A spread of two levels or more between the lowest and highest vote is flagged for discussion."""
TITLE_LIMIT = 200
REASON_LIMIT = 2000


class WorkshopState(StrEnum):
    """A workshop is planned, then running from its first opened item until the facilitator ends it."""

    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"


class ItemState(StrEnum):
    """Where one agenda item is: ``open`` (discussed), ``voting``, ``revealed``, ``agreed`` or ``parked`` for later."""

    PENDING = "pending"
    OPEN = "open"
    VOTING = "voting"
    REVEALED = "revealed"
    AGREED = "agreed"
    PARKED = "parked"

    @property
    def live(self) -> bool:
        """Being discussed now: its timer runs."""
        return self in (ItemState.OPEN, ItemState.VOTING, ItemState.REVEALED)


@dataclass(frozen=True)
class Workshop:
    """One workshop of one evaluation; several may be held in a year."""

    id: int
    evaluation_id: int
    title: str
    date: date
    facilitator: str
    """Who planned it (the login of the person, or the OS user)."""
    state: WorkshopState
    current: str | None = None
    """The element being discussed, if any."""
    code: str = ""
    """A short code people join with in a browser, shown on the projector."""


@dataclass(frozen=True)
class AgendaItem:
    """One element on a workshop's agenda, with its timebox and the time it has used so far."""

    workshop_id: int
    element_id: str
    position: int
    timebox_seconds: int
    state: ItemState
    opened_at: datetime | None
    """When its timer last started (None while it is not live)."""
    used_seconds: int
    """Time used before ``opened_at``: an item reopened after parking goes on from there."""

    def timer(self) -> Timer:
        return Timer(self.timebox_seconds, self.used_seconds, self.opened_at)


@dataclass(frozen=True)
class Vote:
    """One person's vote in one round of one item; ``level`` None is an abstention.

    Changing a vote before the reveal adds a new one: the latest counts, the earlier ones are kept.
    """

    workshop_id: int
    element_id: str
    round: int
    person: str
    level: Level | None
    reason: str
    cast_at: datetime


@dataclass(frozen=True)
class Round:
    """One round of silent voting on an item; a re-vote is a new round and the earlier ones are kept."""

    workshop_id: int
    element_id: str
    number: int
    opened_at: datetime
    revealed_at: datetime | None
    revealed_by: str | None = None
    """Who revealed it; None once revealed means automatically, when every eligible person had voted."""


@dataclass(frozen=True)
class Tally:
    """A show of hands entered by the facilitator for people without a device: counts per level in one round."""

    workshop_id: int
    element_id: str
    round: int
    counts: Mapping[Level | None, int]
    entered_by: str
    entered_at: datetime


@dataclass(frozen=True)
class Dissent:
    """Someone who does not agree with the agreed rating, and why."""

    person: str
    why: str


@dataclass(frozen=True)
class Agreed:
    """The rating the workshop agreed for an item, its reason, and any dissent."""

    workshop_id: int
    element_id: str
    level: Level
    reason: str
    dissent: tuple[Dissent, ...]
    agreed_by: str
    agreed_at: datetime


@dataclass(frozen=True)
class Timer:
    """An item's timebox against the time used; every reading takes ``now`` (a fake clock in tests)."""

    timebox_seconds: int
    used_seconds: int
    running_since: datetime | None

    def used(self, now: datetime) -> int:
        running = 0 if self.running_since is None else max(0, int((now - self.running_since).total_seconds()))
        return self.used_seconds + running

    def remaining(self, now: datetime) -> int:
        """Seconds left; negative once overrun."""
        return self.timebox_seconds - self.used(now)

    def warning(self, now: datetime) -> bool:
        """In the last minute, not yet overrun."""
        return 0 < self.remaining(now) <= WARNING_SECONDS

    def overrun(self, now: datetime) -> bool:
        return self.remaining(now) < 0


def clock_text(seconds: int) -> str:
    """``9:05`` or ``-1:30`` (overrun): minutes and seconds."""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


def level_name(level: Level | None) -> str:
    """The word people type and JSON carries: ``not_yet`` ... ``enhancing``, or ``abstain``."""
    return "abstain" if level is None else level.name.lower()


def level_title(level: Level | None) -> str:
    return "Abstain" if level is None else level.title


def parse_level(text: str) -> Level | None:
    """A vote's level as typed: a name (``established``, ``not yet developing``), a number 0-4, or ``abstain``.

    Raises ValueError with a line that lists what is accepted.
    """
    word = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if word in ("abstain", "none"):
        return None
    if word in ("not yet developing", "not yet developed", "not yet"):
        return Level.NOT_YET
    if word.isdigit() and int(word) in range(5):
        return Level(int(word))
    for level in Level:
        if level.name.lower() == word:
            return level
    raise ValueError(
        f"{text!r} is not a level: use not_yet, developing, developed, established, enhancing (or 0-4), or abstain"
    )


def parse_dissent(text: str) -> Dissent:
    """``NAME: why`` as a Dissent; ValueError (one line) when either part is missing."""
    name, colon, why = text.partition(":")
    if not colon or not name.strip() or not why.strip():
        raise ValueError(f"dissent is written \"NAME: why\", not {text!r}")
    return Dissent(name.strip(), why.strip())


def parse_tally(text: str) -> dict[Level | None, int]:
    """``Established 3, Developed 2`` (or ``established=3``) as counts per level; ValueError naming what is wrong."""
    counts: dict[Level | None, int] = {}
    for part in text.split(","):
        words = part.replace("=", " ").replace(":", " ").split()
        if not words:
            continue
        if len(words) < 2 or not words[-1].isdigit():
            raise ValueError(f"each part of a tally is a level and a count, as in \"Established 3\", not {part.strip()!r}")
        level = parse_level(" ".join(words[:-1]))
        if level in counts:
            raise ValueError(f"{level_title(level)} is counted twice in the tally")
        counts[level] = int(words[-1])
    if not counts or sum(counts.values()) == 0:
        raise ValueError("a tally needs at least one hand, as in \"Established 3, Developed 2\"")
    return counts


def distribution(votes: Iterable[Level | None], tallies: Iterable[Mapping[Level | None, int]] = ()) -> dict[Level | None, int]:
    """How many chose each level (abstentions under None), from the votes and any shows of hands."""
    counts: Counter[Level | None] = Counter(votes)
    for tally in tallies:
        counts.update(tally)
    return {level: counts[level] for level in (*Level, None) if counts[level]}


def spread(counts: Mapping[Level | None, int]) -> int:
    """Levels between the lowest and the highest vote (abstentions left out); 0 with fewer than two levels."""
    levels = [level for level, count in counts.items() if level is not None and count]
    return max(levels) - min(levels) if levels else 0


def to_discuss(counts: Mapping[Level | None, int]) -> bool:
    return spread(counts) >= DISCUSS_SPREAD


class Spread:
    """What a round's distribution says: how far apart the votes are, and whether that wants discussing."""

    distribution: Mapping[Level | None, int]

    @property
    def spread(self) -> int:
        return spread(self.distribution)

    @property
    def discuss(self) -> bool:
        return to_discuss(self.distribution)


@dataclass(frozen=True)
class ItemStatus(Spread):
    """The current item as everyone may see it: before the reveal, counts only."""

    item: AgendaItem
    title: str
    round: int
    """0 before voting was first opened."""
    voted: int
    eligible: int
    hands: int
    """People counted by show of hands in this round (a number: the room saw them)."""
    revealed: bool
    votes: tuple[Vote, ...] = ()
    """Empty until the reveal."""
    distribution: Mapping[Level | None, int] = field(default_factory=dict)
    """Empty until the reveal: votes and hands per level."""
    agreed: Agreed | None = None


@dataclass(frozen=True)
class WorkshopStatus:
    """A workshop at one moment, safe to show anyone who may read the evaluation."""

    workshop: Workshop
    partnership: str
    year: str
    agenda: tuple[AgendaItem, ...]
    current: ItemStatus | None
    invited: tuple[str, ...]


def _level_json(level: Level | None) -> str | None:
    return None if level is None else level_name(level)


def _agreed_json(agreed: Agreed | None) -> dict[str, Any] | None:
    if agreed is None:
        return None
    return {
        "level": level_name(agreed.level),
        "reason": agreed.reason,
        "dissent": [{"person": d.person, "why": d.why} for d in agreed.dissent],
        "agreed_by": agreed.agreed_by,
    }


def status_json(status: WorkshopStatus, now: datetime) -> dict[str, Any]:
    """The stable shape of ``selfeval workshop status --json`` (docs/workshop.md documents every key)."""
    workshop = status.workshop
    current = status.current
    current_json: dict[str, Any] | None = None
    if current is not None:
        timer = current.item.timer()
        current_json = {
            "element": current.item.element_id,
            "title": current.title,
            "state": current.item.state.value,
            "round": current.round,
            "voted": current.voted,
            "eligible": current.eligible,
            "hands": current.hands,
            "revealed": current.revealed,
            "votes": [
                {"person": v.person, "level": _level_json(v.level), "reason": v.reason} for v in current.votes
            ],
            "distribution": {level_name(level): count for level, count in current.distribution.items()},
            "spread": current.spread,
            "discuss": current.discuss,
            "agreed": _agreed_json(current.agreed),
            "timebox_seconds": current.item.timebox_seconds,
            "used_seconds": timer.used(now),
            "remaining_seconds": timer.remaining(now),
            "warning": timer.warning(now),
            "overrun": timer.overrun(now),
        }
    return {
        "workshop": {
            "id": workshop.id,
            "title": workshop.title,
            "date": workshop.date.isoformat(),
            "facilitator": workshop.facilitator,
            "state": workshop.state.value,
            "partnership": status.partnership,
            "year": status.year,
            "invited": list(status.invited),
        },
        "current": current_json,
        "agenda": [
            {
                "element": item.element_id,
                "position": item.position,
                "state": item.state.value,
                "timebox_seconds": item.timebox_seconds,
                "used_seconds": item.timer().used(now),
            }
            for item in status.agenda
        ],
    }


def current_votes(votes: Iterable[Vote]) -> list[Vote]:
    """The vote that counts for each person in each round: their latest (votes are given in the order cast)."""
    latest: dict[tuple[str, int, str], Vote] = {}
    for vote in votes:
        latest[(vote.element_id, vote.round, vote.person)] = vote
    return sorted(latest.values(), key=lambda v: (v.element_id, v.round, v.person))


@dataclass(frozen=True)
class RoundMinutes(Spread):
    """One round of one item as the minutes give it: the votes only once it was revealed."""

    number: int
    revealed: bool
    revealed_automatically: bool
    votes: tuple[Vote, ...]
    """The vote that counted for each person (empty when the round was never revealed)."""
    hands: Mapping[Level | None, int]
    distribution: Mapping[Level | None, int]


@dataclass(frozen=True)
class ItemMinutes:
    """One agenda item in the minutes: its rounds in order and the rating agreed, if any."""

    item: AgendaItem
    title: str
    rounds: tuple[RoundMinutes, ...]
    agreed: Agreed | None


@dataclass(frozen=True)
class WorkshopMinutes:
    """What the board is handed: who came, and per item each round, the agreed rating, dissent and time."""

    workshop: Workshop
    partnership: str
    year: str
    invited: tuple[str, ...]
    attended: tuple[str, ...]
    """The facilitator and everyone who voted or entered a show of hands."""
    items: tuple[ItemMinutes, ...]

    @property
    def parked(self) -> tuple[ItemMinutes, ...]:
        return tuple(item for item in self.items if item.item.state is ItemState.PARKED)
