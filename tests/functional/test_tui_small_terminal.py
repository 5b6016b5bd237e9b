"""Small terminals: tmux or screen with a status line on 80x24 gives 80x23; the app works down to 80x22.

Below 100 columns the outline starts hidden (F2 shows it), so the transcript has
the width. Below 80x22 a message covers the screen, but the reply box keeps the
focus: what is typed meanwhile still goes in, and Enter still sends it.
"""

from __future__ import annotations

import pytest
from textual import events
from tui_support import make_app, press, screen_text, settle, until

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.screens.base import TooSmall
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.widgets.composer import Composer
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.store import Evaluation, Status, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


def outline_shown(app: object) -> bool:
    return bool(app.screen.query_one("#outline-slot").display)  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(80, 23), (80, 22)])
async def test_80x23_and_80x22_show_the_whole_chat(
    tui_store: Store, framework: Framework, riverside: Evaluation, size: tuple[int, int]
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(TooSmall).display
        text = screen_text(app)
        assert "Terminal too small" not in text
        assert "1.1 Developing 1/8" in text  # the question and its tag
        assert "1 Met" in text and "f1 Help" in text  # the quick replies and the footer
        assert not outline_shown(app)
        await press(pilot, "1")
        assert tui_store.answers(riverside.id)["1.1.developing.1"].status is Status.MET


async def test_the_outline_is_hidden_below_100_columns_until_f2(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(99, 24)) as pilot:
        await settle(pilot)
        assert not outline_shown(app)
        await press(pilot, "f2")
        assert outline_shown(app)
        await pilot.resize_terminal(80, 24)  # the user's choice stands
        await settle(pilot)
        assert outline_shown(app)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert outline_shown(app)
        await pilot.resize_terminal(90, 24)
        await settle(pilot)
        assert not outline_shown(app)


async def test_keys_typed_while_the_terminal_is_too_small_are_kept(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(80, 20)
        await settle(pilot)
        assert app.screen.query_one(TooSmall).display
        assert "Terminal too small: 80x20" in screen_text(app).replace("\n", " ")
        for character in "yes, typed small":
            app.post_message(events.Key("space" if character == " " else character, character))
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("n", "n"))
        await until(pilot, lambda: "1.1.developing.1" in tui_store.answers(riverside.id))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        composer = screen.query_one(Composer)
        assert composer.has_focus and composer.value == "n"
        assert "Terminal too small" not in screen_text(app)
    assert tui_store.answers(riverside.id)["1.1.developing.1"].note == "typed small"


async def test_a_shorter_terminal_keeps_the_question_in_view(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    """tmux shrinking 80x24 to 80x23 (a status line turned on): the question must not slip below the view."""
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await press(pilot, "1")
        screen = app.screen
        assert isinstance(screen, ChatScreen) and screen.step is not None
        question = " ".join(screen.step.text.split()[:4])
        shown = screen.query_one(Transcript)
        for height in (23, 22):
            await pilot.resize_terminal(80, height)
            await settle(pilot)
            rows = [shown.render_line(y).text for y in range(shown.scrollable_content_region.height)]
            assert question in " ".join(" ".join(rows).split())
            assert shown.scroll_y == shown.max_scroll_y
