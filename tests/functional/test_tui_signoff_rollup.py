"""The TUI with sign-off and the roll-up, at 80x24: a signed-off evaluation opens read-only and saves nothing;
F8 on the start screen shows the roll-up's heat map, sign-off column and shared themes."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable
from tui_support import make_app, paste, press, screen_text, until

from selfeval_tui.bank import Framework
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.screens.rollup import RollupScreen
from selfeval_tui.shells.tui.workbench import NewEvaluation
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

COORDINATOR = Actor("coordinator")


async def test_a_signed_off_evaluation_opens_read_only_and_a_reply_is_not_saved(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    services = Services(tui_store)
    services.save_answer(COORDINATOR, riverside.id, "1.1.developing.1", status=Status.PARTLY)
    services.submit(COORDINATOR, riverside.id)
    services.sign_off(Actor("chair"), riverside.id, dt.date(2027, 7, 15), "approved")
    before = tui_store.answers(riverside.id)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Read-only" in screen_text(app))
        await paste(pilot, "met")
        await until(pilot, lambda: "Not saved" in screen_text(app))
        text = " ".join(screen_text(app).split())
        assert "signed off by chair on 15 July 2027" in text
    assert tui_store.answers(riverside.id) == before


async def test_f8_on_the_start_screen_shows_the_rollup_at_80x24(tui_store: Store, framework: Framework) -> None:
    services = Services(tui_store)
    for name in ("Riverside", "Hillside"):
        evaluation = services.create(COORDINATOR, framework, name, "2026/27", local_authority="Kent")
        services.save_answer(COORDINATOR, evaluation.id, "1.1.developing.1", status=Status.NOT_MET)
    app = make_app(tui_store, framework, NewEvaluation())
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f8")
        await until(pilot, lambda: isinstance(app.screen, RollupScreen))
        grid = app.screen.query_one(DataTable)
        assert grid.row_count == 2
        assert [str(grid.get_row_at(i)[0]) for i in range(2)] == ["Hillside", "Riverside"]
        text = screen_text(app)
        assert "Criteria most often not met" in text and "2  1.1" in text
        assert "NYD" in text and "Draft" in text
        await press(pilot, "q")
        assert not isinstance(app.screen, RollupScreen)


async def test_f12_submits_signs_off_and_reopens_with_a_reason(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    from selfeval_tui.shells.tui.screens.signoff import SignOffScreen

    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        for step in ("draft", "submitted", "signed_off"):
            await press(pilot, "f12")
            await until(pilot, lambda: isinstance(app.screen, SignOffScreen))
            assert Services(tui_store).sign_off_state(COORDINATOR, riverside.id).state == step
            if step == "signed_off":
                await press(pilot, "enter")  # no reason yet: refused, still signed off
                assert "Not reopened: reopening a signed-off evaluation needs a reason" in " ".join(screen_text(app).split())
                await paste(pilot, "the figures were wrong", submit=False)
            else:
                await paste(pilot, "for the board", submit=False)
            await press(pilot, "enter")
            await until(pilot, lambda: not isinstance(app.screen, SignOffScreen))
    state = Services(tui_store).sign_off_state(COORDINATOR, riverside.id)
    assert [(e.change, e.comment) for e in state.events] == [
        ("submit", "for the board"),
        ("sign_off", "for the board"),
        ("reopen", "the figures were wrong"),
    ]
    assert state.events[1].signed_on == dt.date(2026, 11, 22)  # the workbench's today
