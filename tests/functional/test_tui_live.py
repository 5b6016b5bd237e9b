"""Live updates: what another session commits reaches this app's screens without a keypress.

The app under Pilot and a second Store on the same file (another connection,
as another user) writing meanwhile; each test waits, with a deadline, for the
screen to show it. Nothing is pressed between the write and the check.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable
from tui_support import make_app, paste, press

from selfeval_tui.bank import Framework, Level
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.outcomes import OutcomesScreen
from selfeval_tui.shells.tui.screens.overview import OverviewScreen
from selfeval_tui.shells.tui.widgets.composer import Composer
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.store import Evaluation, Status, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

FIRST = "1.1.developing.1"
WIDE = (120, 40)  # the outline is shown from 100 columns


@pytest.fixture
def bob(tmp_path: Path, riverside: Evaluation) -> Iterator[Store]:
    """Another person's session on the same file: its own connection, its own name."""
    with Store.open(tmp_path / "t.db") as other:
        yield other


async def shown_within(pilot: object, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run (its poller fires every 0.25 s) until ``condition`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the change never reached the screen")
        await pilot.pause(0.05)  # type: ignore[attr-defined]


def transcript_text(app: object) -> str:
    """The chat's transcript as one line of words, however it is wrapped and whatever is beside it."""
    lines = chat(app).query_one(Transcript)._lines
    return " ".join(" ".join(strip.text for strip in lines).replace("\u258e", " ").split())  # without the left bars


def chat(app: object) -> ChatScreen:
    screen = app.screen_stack[0]  # type: ignore[attr-defined]
    assert isinstance(screen, ChatScreen)
    return screen


async def test_the_outline_shows_another_sessions_answers_and_rating(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=WIDE) as pilot:
        await shown_within(pilot, lambda: chat(app).outline is not None and chat(app).outline.is_mounted)
        assert chat(app).progress["2.1"].answered == 0
        element = framework.element("2.1")
        assert element is not None
        for question in [criterion.id for level in element.levels for criterion in level.criteria][:2]:
            bob.save_answer(riverside.id, question, status=Status.MET, by="bob")
        await shown_within(pilot, lambda: chat(app).progress["2.1"].answered == 2)
        outline = chat(app).outline
        assert outline is not None
        label = str(outline._element_nodes["2.1"].label)
        assert label.startswith("2.1 ") and label.endswith(f"2/{chat(app).progress['2.1'].total}")


async def test_someone_answering_the_question_on_screen_is_told_and_what_is_typed_stays(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=WIDE) as pilot:
        await paste(pilot, "partly, the web page is old", submit=False)
        bob.save_answer(riverside.id, FIRST, status=Status.MET, note="on the website", by="bob")
        await shown_within(pilot, lambda: "Someone else (bob) has just answered" in transcript_text(app))
        text = transcript_text(app)
        assert "Someone else (bob) has just answered this question: met (note: on the website)." in text
        assert app.screen.query_one(Composer).value == "partly, the web page is old"
        await press(pilot, "enter")  # they were told, so this replaces bob's answer rather than conflicting
        saved = tui_store.answer(riverside.id, FIRST)
        assert saved is not None and (saved.status, saved.answered_by, saved.version) == (Status.PARTLY, "coordinator", 2)


async def test_a_change_to_an_answer_already_given_is_told_once(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "1")  # yes to 1.1 Developing 1/8
        bob.save_answer(riverside.id, FIRST, status=Status.NOT_MET, note="not since May", expected_version=1, by="bob")
        notice = "Someone else (bob) has changed an answer since you saw it: 1.1 Developing 1/8"
        await shown_within(pilot, lambda: notice in transcript_text(app))
        assert "is now not met (note: not since May)." in transcript_text(app)
        await press(pilot, "1")
        assert transcript_text(app).count(notice) == 1  # the reply does not tell it again


async def test_the_open_overview_redraws_an_agreed_rating(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "f4")
        overview = app.screen
        assert isinstance(overview, OverviewScreen) and not overview.progress["3.1"].started
        bob.save_judgement(riverside.id, "3.1", int(Level.ESTABLISHED), "agreed at the termly meeting", by="bob")
        await shown_within(pilot, lambda: overview.progress["3.1"].level == Level.ESTABLISHED)
        row = overview.query_one(DataTable).get_row("3.1")
        assert str(row[1]).startswith(Level.ESTABLISHED.title)


async def test_the_open_outcomes_screen_shows_a_new_value(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store
) -> None:
    app = make_app(tui_store, framework, riverside)
    outcome = framework.outcomes[0]
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "f5")
        screen = app.screen
        assert isinstance(screen, OutcomesScreen)
        await shown_within(pilot, lambda: screen.data is not None)
        bob.save_outcome_value(riverside.id, outcome.id, "baseline", 42, by="bob")
        await shown_within(
            pilot,
            lambda: screen.data is not None
            and next(r for r in screen.data.rows if r.outcome_id == outcome.id).progress.baseline == 42,
        )


async def test_a_change_to_another_evaluation_is_not_read_again(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Services(bob).create(Actor("bob"), framework, "Hillside", riverside.year)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=WIDE) as pilot:
        reads: list[int] = []
        session = chat(app).session
        real = session.snapshot
        monkeypatch.setattr(session, "snapshot", lambda: reads.append(1) or real())
        bob.save_answer(other.id, FIRST, status=Status.MET, by="bob")
        await shown_within(pilot, lambda: app.live.watch.mark > 0)  # the poller has read Hillside's change
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert reads == []
        bob.save_answer(riverside.id, FIRST, status=Status.MET, by="bob")
        await shown_within(pilot, lambda: len(reads) == 1)  # Riverside's change is read


async def test_a_change_arriving_while_a_reply_is_saved_is_shown_after_it(
    tui_store: Store, framework: Framework, riverside: Evaluation, bob: Store, held_save
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1")  # yes to 1.1 Developing 1/8, held in its worker until released
        bob.save_answer(riverside.id, "2.1.developing.1", status=Status.MET, by="bob")
        await shown_within(pilot, lambda: chat(app)._behind)  # noticed, and left until the reply is shown
        held_save.set()
        await shown_within(pilot, lambda: chat(app).progress["2.1"].answered == 1)
        assert chat(app).progress["1.1"].answered == 1
        assert "Someone else" not in transcript_text(app)  # its own answer is not taken for someone else's
