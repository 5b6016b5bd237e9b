"""The workshop rules that need no database: levels as typed, tallies, dissent, spread, the timer on a fake clock, the JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from selfeval_tui.domain.framework import Level
from selfeval_tui.domain.workshops import (
    AgendaItem,
    ItemState,
    ItemStatus,
    Timer,
    Vote,
    Workshop,
    WorkshopState,
    WorkshopStatus,
    clock_text,
    current_votes,
    distribution,
    parse_dissent,
    parse_level,
    parse_tally,
    spread,
    status_json,
    to_discuss,
)

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "typed,level",
    [("established", Level.ESTABLISHED), ("Not yet developing", Level.NOT_YET), ("not_yet", Level.NOT_YET),
     ("0", Level.NOT_YET), ("4", Level.ENHANCING), ("abstain", None), (" Developed ", Level.DEVELOPED)],
)  # fmt: skip
def test_levels_as_typed(typed: str, level: Level | None) -> None:
    assert parse_level(typed) == level


@pytest.mark.parametrize("typed", ["", "5", "great", "establish"])
def test_a_word_that_is_no_level_is_one_line_naming_the_choices(typed: str) -> None:
    with pytest.raises(ValueError, match="use not_yet, developing") as refused:
        parse_level(typed)
    assert "\n" not in str(refused.value)


def test_a_show_of_hands_as_the_issue_writes_it() -> None:
    assert parse_tally("Established 3, Developed 2") == {Level.ESTABLISHED: 3, Level.DEVELOPED: 2}
    assert parse_tally("not yet developing=1, abstain 2") == {Level.NOT_YET: 1, None: 2}


@pytest.mark.parametrize("typed", ["Established", "Established 3, Established 1", "Developed 0", "3 Established", ""])
def test_a_tally_that_does_not_read_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_tally(typed)


def test_dissent_is_name_colon_why() -> None:
    dissent = parse_dissent("head_a: evidence is thin")
    assert (dissent.person, dissent.why) == ("head_a", "evidence is thin")
    for bad in ("head_a evidence is thin", ": why", "head_a:  "):
        with pytest.raises(ValueError, match="NAME: why"):
            parse_dissent(bad)


def test_spread_flags_two_levels_apart_and_ignores_abstentions() -> None:
    counts = distribution([Level.DEVELOPED, Level.ESTABLISHED, None], [{Level.ESTABLISHED: 2}])
    assert counts == {Level.DEVELOPED: 1, Level.ESTABLISHED: 3, None: 1}
    assert (spread(counts), to_discuss(counts)) == (1, False)
    wide = distribution([Level.DEVELOPING, Level.ESTABLISHED])
    assert (spread(wide), to_discuss(wide)) == (2, True)
    assert spread(distribution([None, None])) == 0


def test_the_timer_runs_warns_in_the_last_minute_and_shows_overrun() -> None:
    timer = Timer(timebox_seconds=600, used_seconds=120, running_since=T0)
    assert timer.remaining(T0) == 480
    assert not timer.warning(T0 + timedelta(seconds=419))
    assert timer.warning(T0 + timedelta(seconds=420)) and timer.remaining(T0 + timedelta(seconds=420)) == 60
    assert timer.warning(T0 + timedelta(seconds=479))
    assert not timer.warning(T0 + timedelta(seconds=480)) and not timer.overrun(T0 + timedelta(seconds=480))
    late = T0 + timedelta(seconds=570)
    assert timer.overrun(late) and timer.remaining(late) == -90 and clock_text(timer.remaining(late)) == "-1:30"
    stopped = Timer(600, 700, None)
    assert stopped.used(late) == 700 and stopped.overrun(late)


def test_a_changed_vote_counts_once_the_latest() -> None:
    first = Vote(1, "1.1", 1, "ann", Level.DEVELOPED, "", T0)
    changed = Vote(1, "1.1", 1, "ann", Level.ESTABLISHED, "on reflection", T0 + timedelta(seconds=5))
    other_round = Vote(1, "1.1", 2, "ann", Level.DEVELOPED, "", T0 + timedelta(seconds=9))
    assert current_votes([first, changed, other_round]) == [changed, other_round]


def _status(revealed: bool) -> WorkshopStatus:
    workshop = Workshop(7, 1, "Autumn", date(2026, 11, 30), "fac", WorkshopState.RUNNING, "1.1", "ABC234")
    item = AgendaItem(7, "1.1", 1, 600, ItemState.REVEALED if revealed else ItemState.VOTING, T0, 0)
    votes = (Vote(7, "1.1", 1, "ann", Level.ESTABLISHED, "strong", T0),) if revealed else ()
    current = ItemStatus(
        item, "Leadership", 1, voted=1, eligible=8, hands=0, revealed=revealed, votes=votes,
        distribution=distribution(v.level for v in votes),
    )  # fmt: skip
    return WorkshopStatus(workshop, "North", "2026/27", (item,), current, ("ann", "bob"))


def test_status_json_is_the_documented_shape_and_holds_no_votes_before_the_reveal() -> None:
    shown = status_json(_status(revealed=False), T0 + timedelta(seconds=30))
    assert set(shown) == {"workshop", "current", "agenda"}
    assert set(shown["workshop"]) == {"id", "title", "date", "facilitator", "state", "partnership", "year", "invited"}
    current = shown["current"]
    assert set(current) == {
        "element", "title", "state", "round", "voted", "eligible", "hands", "revealed", "votes", "distribution",
        "spread", "discuss", "agreed", "timebox_seconds", "used_seconds", "remaining_seconds", "warning", "overrun",
    }  # fmt: skip
    assert (current["voted"], current["eligible"], current["revealed"]) == (1, 8, False)
    assert current["votes"] == [] and current["distribution"] == {}
    assert current["remaining_seconds"] == 570
    assert shown["agenda"] == [{"element": "1.1", "position": 1, "state": "voting", "timebox_seconds": 600, "used_seconds": 30}]
    after = status_json(_status(revealed=True), T0)["current"]
    assert after["votes"] == [{"person": "ann", "level": "established", "reason": "strong"}]
    assert after["distribution"] == {"established": 1}
