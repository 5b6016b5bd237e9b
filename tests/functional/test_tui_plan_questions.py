"""The plan questions in the chat app: asked like any other question, alt+1 skips an item, alt+2 is done."""

from __future__ import annotations

import datetime as dt

from tui_support import make_app, paste, press

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


def chat(app: object) -> ChatScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ChatScreen)
    return screen


async def test_plan_in_the_chat_by_keys(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "/jump 1.5")
        for _ in range(20):
            if chat(app).step.handler.agrees_rating:
                break
            await paste(pilot, "no")
        await press(pilot, "1")  # 1 Agree: adaptive mode offers /plan and goes on
        assert chat(app).step.element.id == "1.6"
        await paste(pilot, "/plan 1.5")
        step = chat(app).step
        assert step.handler.plans and step.tag.startswith("1.5 plan 1/")
        await press(pilot, "alt+1")  # skip this item
        assert chat(app).step.tag.startswith("1.5 plan 2/")
        await paste(pilot, "a termly review ; Jo Bloggs ; 2027-03-31")
        (action,) = tui_store.actions(riverside.id)
        assert (action.what, action.owner, action.due) == ("a termly review", "Jo Bloggs", dt.date(2027, 3, 31))
        assert chat(app).step.tag.startswith("1.5 plan 3/")
        await press(pilot, "alt+2")  # done: back to the question /plan was typed at, unanswered
        assert chat(app).step.tag.startswith("1.6 Developing 1/")
        assert not any(question.startswith("1.6.") for question in tui_store.answers(riverside.id))
