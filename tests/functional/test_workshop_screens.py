"""The workshop screens driven with Pilot: the projector, the facilitator's keys and the voter's vote.

North's workshop (tests/workshop_support.py) with its facilitator, eight
voters and a viewer; others' votes are cast through the services on the same
database, and reach the screen through the app's live poller, as another
process's would. Helpers wait for what the screen shows.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from people_support import OWNER
from textual.widgets import Input, OptionList
from tui_support import make_app, paste, settle
from workshop_screens_support import North, app, text_of, until

from selfeval_tui.bank import Framework
from selfeval_tui.domain.framework import Level
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.plain.workshop import run as run_plain
from selfeval_tui.shells.tui.workshop.facilitator import FacilitatorScreen
from selfeval_tui.shells.tui.workshop.join import JoinScreen
from selfeval_tui.shells.tui.workshop.screens import ProjectorScreen
from selfeval_tui.shells.tui.workshop.voter import VoterScreen
from selfeval_tui.shells.workshop.room import Room
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("workshop_screens_support", "tui_support")  # north; tui_store and riverside


async def until_focused(pilot: Any, widget_id: str) -> None:
    """Until the focus has moved (Textual moves it after the key that asked for it)."""
    for _ in range(100):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.pause()
    raise AssertionError(f"the focus never reached #{widget_id}: {pilot.app.focused}")


def start_voting(north: North) -> None:
    fac = north.actors["fac"]
    north.services.open_item(fac, north.workshop_id, "1.1")
    north.services.open_voting(fac, north.workshop_id)


async def test_the_projector_counts_votes_and_shows_no_one_before_the_reveal(north: North) -> None:
    start_voting(north)
    async with app(north.room("watcher"), ProjectorScreen).run_test(size=(120, 40)) as pilot:
        await until(pilot, "#ws-votes", "0 of 8 have voted")
        north.votes("developed", "established", "developing")
        votes = await until(pilot, "#ws-votes", "3 of 8 have voted")
        assert "hidden until" in votes
        screen_text = " ".join(text_of(pilot, selector) for selector in ("#ws-votes", "#ws-item", "#ws-heading"))
        for secret in ("Head A", "head_a", "because", "Established", "Developing"):
            assert secret not in screen_text
        north.services.reveal(north.actors["fac"], north.workshop_id)
        shown = await until(pilot, "#ws-votes", "Spread: 2 levels")
        assert "! discuss" in shown and "Established" in shown
        assert "because established" in shown and "head_a" not in shown  # reasons fed back without names


async def test_the_projector_shows_the_join_code_the_descriptors_and_the_evidence(north: North) -> None:
    start_voting(north)
    code = north.services.workshop(north.actors["fac"], north.workshop_id).code
    async with app(north.room("watcher"), ProjectorScreen).run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert code and code in text_of(pilot, "#ws-heading")
        assert "1.1" in text_of(pilot, "#ws-item") and "round 1, voting" in text_of(pilot, "#ws-item")
        element = north.framework.strands[0].elements[0]
        enhancing = text_of(pilot, "#ws-descriptor-enhancing")
        assert enhancing.startswith("Enhancing") and element.level(Level.ENHANCING).descriptor.split()[0] in enhancing
        assert "Computed rating: Not yet developing" in text_of(pilot, "#ws-evidence")
        boxes = [pilot.app.screen.query_one(f"#ws-descriptor-{name}") for name in ("developing", "enhancing")]
        assert boxes[0].region.y == boxes[1].region.y  # side by side at 160 columns
    async with app(north.room("watcher"), ProjectorScreen).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        boxes = [pilot.app.screen.query_one(f"#ws-descriptor-{name}") for name in ("developing", "enhancing")]
        assert boxes[0].region.x == boxes[1].region.x and boxes[1].region.y > boxes[0].region.y  # stacked


async def test_the_timer_warns_in_the_last_minute_and_shows_an_overrun(north: North) -> None:
    start_voting(north)
    for seconds, words, css in ((100, "8:20 left of 10:00", None), (570, "Last minute: 0:30", "-warning"),
                                (700, "OVERRUN by 1:40", "-overrun")):  # fmt: skip
        async with app(north.room("watcher", seconds=seconds), ProjectorScreen).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert words in text_of(pilot, "#ws-timer")
            timer = pilot.app.screen.query_one("#ws-timer")
            assert timer.has_class("-warning") == (css == "-warning")
            assert timer.has_class("-overrun") == (css == "-overrun")


@pytest.mark.slow  # every step of an item, each waiting for its frame
async def test_the_facilitator_runs_an_item_with_the_keyboard(north: North) -> None:
    async with app(north.room("fac"), FacilitatorScreen).run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await until(pilot, "#ws-item", "open for discussion")
        await pilot.press("v")
        await until(pilot, "#ws-votes", "0 of 8 have voted")
        north.votes("developed", "developed", "established")
        await until(pilot, "#ws-votes", "3 of 8 have voted")
        await pilot.press("t")
        await paste(pilot, "Established 2")  # and Enter
        await until(pilot, "#ws-votes", "2 by show of hands")
        await pilot.press("r")
        shown = await until(pilot, "#ws-votes", "Spread: 1 level")
        assert "head_a - because developed" in shown  # the facilitator hears whose reason it is
        await pilot.press("R")
        await until(pilot, "#ws-item", "round 2, voting")
        await pilot.press("r", "a")
        level = pilot.app.screen.query_one("#ws-agree-level", Input)
        assert level.value == ""  # round 2 has no votes: nothing to prefill
        for typed in ("developed", "the plan is new", "head_c: minutes show more"):
            await paste(pilot, typed)  # and Enter
        agreed = await until(pilot, "#ws-votes", "Agreed: Developed")
        assert "Dissent: head_c: minutes show more" in agreed
        minute = north.services.agenda(north.actors["fac"], north.workshop_id)[0].timebox_seconds
        await pilot.press("plus")
        await until(pilot, "#ws-timer", "of 11:00")
        assert north.services.agenda(north.actors["fac"], north.workshop_id)[0].timebox_seconds == minute + 60
        await pilot.press("n")
        await until(pilot, "#ws-item", "1.2")
        await pilot.press("p")
        agenda = str(pilot.app.screen.query_one("#ws-agenda", OptionList).get_option_at_index(1).prompt)
        assert "parked" in agenda
    view = north.services.evaluation_view(north.actors["fac"], north.framework, north.services.evaluation(
        north.actors["fac"], north.services.workshop(north.actors["fac"], north.workshop_id).evaluation_id))
    assert view.judgements["1.1"].level == Level.DEVELOPED


async def test_a_refused_step_is_one_line_and_changes_nothing(north: North) -> None:
    async with app(north.room("fac"), FacilitatorScreen).run_test(size=(80, 24)) as pilot:
        await pilot.press("r")  # nothing is open, so nothing to reveal
        await pilot.pause()
        assert "\n" in text_of(pilot, "#ws-item")
        assert north.services.status(north.actors["fac"], north.workshop_id).current is None
    async with app(north.room("head_a"), FacilitatorScreen).run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert "may not" in text_of(pilot, "#ws-item")
    assert north.services.status(north.actors["fac"], north.workshop_id).current is None


async def test_a_voter_votes_changes_it_and_sees_everyone_after_the_reveal(north: North) -> None:
    start_voting(north)
    async with app(north.room("head_a"), VoterScreen).run_test(size=(80, 24)) as pilot:
        await until(pilot, "#ws-my-vote", "Choose a level")
        choices = pilot.app.screen.query_one("#ws-choices", OptionList)
        assert choices.has_focus
        await pilot.press("down", "down", "enter")  # Not yet developing, Developing, Developed
        await until(pilot, "#ws-my-vote", "Your vote: Developed -")
        await pilot.press("f2")
        await paste(pilot, "minutes of May")  # and Enter  # a reason after the vote goes with it
        await until(pilot, "#ws-my-vote", "Your vote: Developed (minutes of May)")
        await pilot.press("up", "enter")
        mine = await until(pilot, "#ws-my-vote", "Your vote: Developing (minutes of May)")
        assert "change it until the reveal" in mine
        await until(pilot, "#ws-votes", "1 of 8 has voted")
        north.vote("head_b", "established", "strong")
        await until(pilot, "#ws-votes", "2 of 8 have voted")
        assert "head_b" not in text_of(pilot, "#ws-votes")
        north.services.reveal(north.actors["fac"], north.workshop_id)
        shown = await until(pilot, "#ws-votes", "Established: head_b - strong")
        assert "Developing: head_a - minutes of May" in shown
        assert not choices.display  # voting is closed


async def test_a_viewer_is_told_why_their_vote_does_not_count(north: North) -> None:
    start_voting(north)
    async with app(north.room("watcher"), VoterScreen).run_test(size=(80, 24)) as pilot:
        await until(pilot, "#ws-my-vote", "may not")
        await pilot.press("enter")
        await until(pilot, "#ws-my-vote", "Not counted")
    assert north.services.status(north.actors["fac"], north.workshop_id).current.voted == 0  # type: ignore[union-attr]


def test_plain_facilitator_mode_speaks_each_step(north: North) -> None:
    commands = io.StringIO("open 1.1\nvote\nreveal\nagree developed | the plan is new | head_c: thin\nextend x\nquit\n")
    out = io.StringIO()
    assert run_plain(north.room("fac"), commands, out) == 0
    said = out.getvalue()
    assert "open for discussion" in said and "0 of 8 have voted" in said
    assert "Agreed: Developed" in said and "Dissent: head_c: thin" in said
    assert "Not done: say how many whole minutes" in said


async def test_a_browser_participant_needs_the_code_then_picks_a_name(north: North) -> None:
    start_voting(north)
    code = north.services.workshop(north.actors["fac"], north.workshop_id).code
    served = Room(north.screen, OWNER, north.framework, north.workshop_id)  # serve runs as the database's owner
    async with app(served, JoinScreen).run_test(size=(80, 24)) as pilot:
        await paste(pilot, "WRONG1")  # and Enter: on to the names
        await pilot.press("enter")
        assert "not the code" in text_of(pilot, "#ws-join-problem")
        assert isinstance(pilot.app.screen, JoinScreen)
        await pilot.press("ctrl+u")  # the box still holds WRONG1
        await paste(pilot, code.lower(), submit=False)  # the code is read whatever its case
        await pilot.press("enter")
        await until_focused(pilot, "ws-join-names")
        below = north.services.status(OWNER, north.workshop_id).invited.index("head_b")  # the list is in name order
        await pilot.press("home", *["down"] * below, "enter")
        assert isinstance(pilot.app.screen, VoterScreen)
        await pilot.press("down", "down", "down", "enter")  # Established
        await until(pilot, "#ws-my-vote", "Your vote: Established")
    vote = north.services.my_vote(OWNER, north.workshop_id, "head_b")
    assert vote is not None and vote.level is Level.ESTABLISHED


async def test_the_chat_offers_a_live_workshop_and_f9_joins_it(
    tui_store: Store, framework: Framework, riverside: Evaluation, tmp_path: Path
) -> None:
    chat = make_app(tui_store, framework, riverside)
    async with chat.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, VoterScreen)  # nothing is live: said, not opened
        with Services.open(tmp_path / "t.db") as other:  # the facilitator, in another session
            coordinator = Actor("coordinator")
            workshop = other.new_workshop(coordinator, framework, riverside.id, "Spring", date(2027, 3, 1),
                                          agenda=["1.1"], invitees=["coordinator"])  # fmt: skip
            other.open_item(coordinator, workshop.id, "1.1")
            other.open_voting(coordinator, workshop.id)
        for _ in range(200):
            if any("is live: F9 to vote" in str(n.message) for n in pilot.app._notifications):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("the chat never offered the workshop")
        await pilot.press("f9")
        await until(pilot, "#ws-my-vote", "Choose a level")
        assert isinstance(pilot.app.screen, VoterScreen)
