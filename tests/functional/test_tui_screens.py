"""The start screen, the terminal-too-small message, resizing and NO_COLOR."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Button, Input, OptionList
from tui_support import YEAR, make_app, paste, press, screen_text

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.screens.base import TooSmall
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.start import StartScreen
from selfeval_tui.shells.tui.workbench import NewEvaluation
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


async def test_enter_on_the_start_screen_resumes_the_most_recent(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    older = Services(tui_store).create(Actor("coordinator"), framework, "Hillside", "2025/26")
    tui_store.save_answer(riverside.id, "1.1.developing.1", status="met", by="coordinator")  # touches Riverside: most recent
    app = make_app(tui_store, framework, NewEvaluation())
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        recent = app.screen.query_one(OptionList)
        assert recent.has_focus
        assert [recent.get_option_at_index(i).id for i in range(recent.option_count)] == [
            str(riverside.id),
            str(older.id),
        ]
        await press(pilot, "enter")
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.session.evaluation.id == riverside.id
        assert app.screen.step.question_id == "1.1.developing.2"


async def test_creating_an_evaluation_from_the_start_screen(tui_store: Store, framework: Framework) -> None:
    app = make_app(tui_store, framework, NewEvaluation())
    async with app.run_test(size=(80, 24)) as pilot:
        name = app.screen.query_one("#new-name", Input)
        assert name.has_focus  # nothing to resume, so straight to the form
        assert app.screen.query_one("#new-year", Input).value == YEAR  # from the fixed clock
        await paste(pilot, "Northfield")  # Enter moves on: creating is explicit
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#new-la", Input).has_focus
        await paste(pilot, "Leeds")
        assert app.screen.query_one("#new-year", Input).has_focus
        await press(pilot, "enter")
        assert app.screen.query_one("#create", Button).has_focus
        assert tui_store.list_evaluations() == []
        await press(pilot, "enter")
        assert isinstance(app.screen, ChatScreen)
    created = Services(tui_store).find(Actor("coordinator"), "Northfield", YEAR).evaluation
    assert created is not None
    assert tui_store.partnership_by_id(created.partnership_id).local_authority == "Leeds"


async def test_a_bad_year_is_explained_and_nothing_is_created(tui_store: Store, framework: Framework) -> None:
    app = make_app(tui_store, framework, NewEvaluation(name="Northfield", year="2026/28"))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")  # the Create button has focus when the form is prefilled
        assert isinstance(app.screen, StartScreen)
        assert "academic year must look like 2026/27" in screen_text(app).lower()
    assert tui_store.list_evaluations() == []


async def test_palette_switches_to_another_evaluation(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    other = Services(tui_store).create(Actor("coordinator"), framework, "Hillside", "2025/26")
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await paste(pilot, "Switch partnership", submit=False)
        await press(pilot, "enter")
        assert isinstance(app.screen, StartScreen)
        await press(pilot, "enter")  # Hillside was changed last, so it is first
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.session.evaluation.id == other.id


@pytest.mark.parametrize("size", [(79, 24), (80, 21), (40, 10)])
async def test_a_small_terminal_gets_a_clear_message(
    tui_store: Store, framework: Framework, riverside: Evaluation, size: tuple[int, int]
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TooSmall).display
        assert f"Terminal too small: {size[0]}x{size[1]}" in screen_text(app).replace("\n", " ")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one(TooSmall).display
        assert "Terminal too small" not in screen_text(app)


async def test_resizing_through_many_sizes_never_crashes(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        for width, height in [(20, 5), (200, 60), (80, 24), (1, 1), (119, 39), (120, 40), (79, 23), (100, 30)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            screen_text(app)
        await pilot.press("f4")
        for width, height in [(30, 10), (160, 50), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ChatScreen)
        assert "1.1" in screen_text(app)


async def test_keys_typed_ahead_of_a_tab_land_in_the_next_field(tui_store: Store, framework: Framework) -> None:
    """Over a slow link keys arrive together: the tab must move the focus before the next key is delivered."""
    app = make_app(tui_store, framework, NewEvaluation())
    async with app.run_test(size=(80, 24)) as pilot:
        name, local_authority = app.screen.query_one("#new-name", Input), app.screen.query_one("#new-la", Input)
        name.focus()
        await pilot.pause()
        for key, character in (("N", "N"), ("tab", None), ("L", "L"), ("a", "a"), ("shift+tab", None), ("o", "o")):
            app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        assert local_authority.value == "La"
        assert name.value == "o"  # back in the name field, whose text is selected on focus: typing replaces it


async def test_keys_typed_ahead_of_an_enter_land_in_the_next_field(tui_store: Store, framework: Framework) -> None:
    """Enter in the form is a priority binding, like tab, so the keys behind it are not typed into the field left.

    From a prefilled form (Create has the focus), ctrl+n then Enter must not create: ctrl+n moves at once.
    """
    app = make_app(tui_store, framework, NewEvaluation(name="North Leeds", year=YEAR))
    async with app.run_test(size=(80, 24)) as pilot:
        name, local_authority = app.screen.query_one("#new-name", Input), app.screen.query_one("#new-la", Input)
        await pilot.pause()
        assert app.screen.query_one("#create", Button).has_focus
        for key, character in (("ctrl+n", None), ("enter", "\r"), ("L", "L"), ("a", "a")):
            app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        assert (name.value, local_authority.value) == ("North Leeds", "La")
        assert tui_store.list_evaluations() == []
