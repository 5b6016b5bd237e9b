"""What the workshop screens say (shells/workshop/words.py), from hand-made statuses and a fake clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from selfeval_tui.domain.framework import Level
from selfeval_tui.domain.workshops import (
    AgendaItem,
    Agreed,
    Dissent,
    ItemState,
    ItemStatus,
    Vote,
    Workshop,
    WorkshopState,
    WorkshopStatus,
)
from selfeval_tui.shells.workshop import words

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def item(state: ItemState = ItemState.VOTING, *, used: int = 0, running: bool = True) -> AgendaItem:
    return AgendaItem(1, "1.2", 0, 600, state, NOW if running else None, used)


def current(state: ItemState = ItemState.VOTING, **kwargs: object) -> ItemStatus:
    fields: dict[str, object] = {"item": item(state), "title": "Strategy", "round": 1, "voted": 5, "eligible": 8,
                                 "hands": 0, "revealed": False} | kwargs  # fmt: skip
    return ItemStatus(**fields)  # type: ignore[arg-type]


def vote(person: str, level: Level | None, reason: str = "") -> Vote:
    return Vote(1, "1.2", 1, person, level, reason, NOW)


def status(now_item: ItemStatus | None) -> WorkshopStatus:
    workshop = Workshop(1, 1, "Autumn moderation", date(2026, 11, 30), "fac", WorkshopState.RUNNING, "1.2", "K7PQ")
    return WorkshopStatus(workshop, "North", "2026/27", (item(),), now_item, ("a", "b"))


def test_the_count_before_the_reveal_and_nothing_else() -> None:
    lines = words.status_lines(status(current()), None, NOW, named=True)
    assert lines[-1] == words.NOTHING_OPEN  # no element known: nothing about the item at all
    assert words.voted_line(current()) == "5 of 8 have voted"
    assert words.voted_line(current(voted=1, hands=3)) == "1 of 8 has voted, and 3 by show of hands"
    assert words.voted_line(current(round=0, state=ItemState.OPEN)) == "Voting has not opened yet."


def test_the_timer_warns_in_the_last_minute_and_says_an_overrun() -> None:
    running = current()
    assert words.timer_words(running, NOW + timedelta(seconds=90)) == ("8:30 left of 10:00", "")
    assert words.timer_words(running, NOW + timedelta(seconds=545)) == ("Last minute: 0:55 left of 10:00", "warning")
    assert words.timer_words(running, NOW + timedelta(seconds=670)) == ("OVERRUN by 1:10 (timebox 10:00)", "overrun")
    paused = current(item=item(used=120, running=False))
    assert words.timer_words(paused, NOW + timedelta(hours=1)) == ("8:00 left of 10:00 (paused)", "")


def test_the_chart_has_a_bar_and_a_count_per_level() -> None:
    rows = words.bar_rows({Level.DEVELOPED: 2, Level.ESTABLISHED: 4, None: 1})
    assert [level for level, _bar, _count in rows] == [*Level, None]  # every level, then the abstentions
    bars = {level: (bar, count) for level, bar, count in rows}
    assert bars[Level.ESTABLISHED] == (words.BAR * words.BAR_WIDTH, 4)
    assert bars[Level.DEVELOPED][0].count(words.BAR) == words.BAR_WIDTH // 2
    assert bars[Level.ENHANCING] == (words.TRACK * words.BAR_WIDTH, 0)
    assert words.count_lines({Level.DEVELOPED: 2, None: 1}) == ["Developed: 2", "Abstain: 1"]
    assert [level for level, _bar, _count in words.bar_rows({Level.DEVELOPED: 1})] == list(Level)  # no abstentions


def test_a_spread_of_two_levels_is_flagged_for_discussion() -> None:
    close = current(revealed=True, state=ItemState.REVEALED, distribution={Level.DEVELOPED: 3, Level.ESTABLISHED: 2})
    apart = current(revealed=True, state=ItemState.REVEALED, distribution={Level.DEVELOPING: 1, Level.ESTABLISHED: 2})
    assert words.spread_line(close) == "Spread: 1 level"
    assert words.spread_line(apart).startswith("Spread: 2 levels  ! discuss")


def test_reasons_are_anonymous_on_the_projector_and_named_for_voters() -> None:
    revealed = current(
        revealed=True,
        state=ItemState.REVEALED,
        votes=(vote("ann", Level.ESTABLISHED, "minutes show it"), vote("bob", Level.DEVELOPED), vote("cy", None)),
        distribution={Level.DEVELOPED: 1, Level.ESTABLISHED: 1, None: 1},
    )
    assert words.reason_lines(revealed, named=False) == ["Established: minutes show it"]
    assert words.reason_lines(revealed, named=True) == [
        "Abstain: cy",
        "Developed: bob",
        "Established: ann - minutes show it",
    ]


def test_the_agreed_rating_with_its_reason_and_dissent() -> None:
    agreed = Agreed(1, "1.2", Level.DEVELOPED, "the plan is new", (Dissent("ann", "evidence is thin"),), "fac", NOW)
    assert words.agreed_lines(current(agreed=agreed)) == [
        "Agreed: Developed",
        "Because: the plan is new",
        "Dissent: ann: evidence is thin",
    ]
