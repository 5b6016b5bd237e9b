"""The action plan screen (F7): every focus item a row, actions added and edited in place, filters, bursts kept."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_bursts import burst
from textual import events
from textual.widgets import DataTable, Input
from tui_support import make_app, press, screen_text, settle, until

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import ActionStatus
from selfeval_tui.shells.tui.screens.plan import PlanScreen
from selfeval_tui.shells.tui.screens.plan_forms import ActionEditor, LineEditor
from selfeval_tui.store import Evaluation, Status, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

ELEMENT = "1.5"


@pytest.fixture
def focused(tui_store: Store, framework: Framework, riverside: Evaluation) -> Evaluation:
    """1.5 at Developing, so its five Developed criteria are its development focus."""
    element = framework.element(ELEMENT) if hasattr(framework, "element") else next(e for e in framework.elements if e.id == ELEMENT)
    for level, status in zip(element.levels[:2], (Status.MET, Status.NOT_MET), strict=True):
        for criterion in level.criteria:
            tui_store.save_answer(riverside.id, criterion.id, status=status, by="coordinator")
    return riverside


async def _open_plan(pilot: object) -> PlanScreen:
    await press(pilot, "f7")
    app = pilot.app  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, PlanScreen))
    return app.screen  # type: ignore[no-any-return]


async def test_every_focus_item_is_a_row_and_an_action_typed_in_one_burst_is_saved(
    tui_store: Store, framework: Framework, focused: Evaluation
) -> None:
    app = make_app(tui_store, framework, focused)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(pilot)
        assert plan.query_one(DataTable).row_count == 5
        assert "0 actions, 0 overdue. Focus items: 5, 5 not yet planned." in screen_text(app)
        burst(app, "aFund six-week support\nInclusion manager\n2026-11-01\nAll trial moves supported")
        await until(pilot, lambda: app.screen.query_one(ActionEditor).display)
        await settle(pilot)
        values = {field.id: field.value for field in app.screen.query_one(ActionEditor).query(Input)}
        assert values["plan-what"] == "Fund six-week support" and values["plan-owner"] == "Inclusion manager"
        assert values["plan-due"] == "2026-11-01" and values["plan-measure"] == "All trial moves supported"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: not app.screen.query_one(ActionEditor).display)
        [action] = tui_store.actions(focused.id)
        assert (action.what, action.owner, action.due, action.created_by) == (
            "Fund six-week support", "Inclusion manager", dt.date(2026, 11, 1), "coordinator",
        )  # fmt: skip
        text = screen_text(app)
        assert "Planned, overdue" in text  # the tests' today is 22 November 2026
        assert "1 action, 1 overdue. Focus items: 5, 4 not yet planned." in text


async def test_a_bad_date_is_refused_in_the_form_and_nothing_typed_is_lost(
    tui_store: Store, framework: Framework, focused: Evaluation
) -> None:
    app = make_app(tui_store, framework, focused)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(pilot)
        burst(app, "aReview the protocol\n\n31/13/2027")
        await until(pilot, lambda: app.screen.query_one(ActionEditor).display)
        await press(pilot, "ctrl+s")
        assert app.screen.query_one(ActionEditor).display
        assert "a due date looks like 2027-03-31 or 31/03/2027, not '31/13/2027'" in screen_text(app)
        assert app.screen.focused is app.screen.query_one("#plan-due", Input)
        assert app.screen.query_one("#plan-what", Input).value == "Review the protocol"
        assert tui_store.actions(focused.id) == []
        app.screen.query_one("#plan-due", Input).value = "31/03/2027"
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: not app.screen.query_one(ActionEditor).display)
        assert tui_store.actions(focused.id)[0].due == dt.date(2027, 3, 31)


async def test_no_action_progress_edit_and_filters(tui_store: Store, framework: Framework, focused: Evaluation) -> None:
    app = make_app(tui_store, framework, focused)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(pilot)
        burst(app, "aTrain staff\n")
        await until(pilot, lambda: app.screen.query_one(ActionEditor).display)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: not app.screen.query_one(ActionEditor).display)
        await press(pilot, "down")  # the second focus item, still unplanned
        burst(app, "nnot a priority this year\n")
        await settle(pilot)
        await until(pilot, lambda: bool(tui_store.no_actions(focused.id)))
        [(key, reason)] = tui_store.no_actions(focused.id).items()
        assert reason.reason == "not a priority this year" and key[0] == ELEMENT
        await press(pilot, "up")
        burst(app, "pFirst session held\n")
        await until(pilot, lambda: bool(tui_store.progress_notes(focused.id)))
        await until(pilot, lambda: not app.screen.query_one(ActionEditor).display)
        action = tui_store.actions(focused.id)[0]
        assert [n.note for n in tui_store.progress_notes(focused.id)[action.id]] == ["First session held"]
        await press(pilot, "e")
        assert app.screen.query_one(ActionEditor).display
        app.screen.query_one("#plan-status").value = ActionStatus.DONE  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: not app.screen.query_one(ActionEditor).display)
        assert tui_store.actions(focused.id)[0].status is ActionStatus.DONE
        table = plan.query_one(DataTable)
        await press(pilot, "f")  # overdue: none
        assert plan.filter == "overdue" and table.row_count == 0
        for _ in range(3):
            await press(pilot, "f")  # mine, open, done
        assert plan.filter == "done" and table.row_count == 1
        await press(pilot, "f", "f", "f")  # dropped, not planned, all
        assert plan.filter == "all" and table.row_count == 5


async def test_without_the_plan_right_the_form_says_why(tui_store: Store, framework: Framework, focused: Evaluation) -> None:
    from selfeval_tui.services.actor import EVERY_RIGHT, Actor, Right

    app = make_app(tui_store, framework, focused)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await _open_plan(pilot)
        plan.actor = Actor("vic", "Vic Viewer", rights=EVERY_RIGHT - {Right.PLAN})
        burst(app, "aSomething\n")
        await until(pilot, lambda: app.screen.query_one(ActionEditor).display)
        await press(pilot, "ctrl+s")
        assert "Vic Viewer may not add an action" in screen_text(app)
        assert tui_store.actions(focused.id) == []
        await press(pilot, "escape")
        assert not app.screen.query_one(ActionEditor).display and not app.screen.query_one(LineEditor).display
        assert isinstance(app.screen, PlanScreen) and tui_store.actions(focused.id) == []


async def test_keys_in_one_burst_act_in_the_order_they_came(tui_store: Store, framework: Framework, focused: Evaluation) -> None:
    """A Down before "a" picks the row; Ctrl+U before a date clears what was there, not the date."""
    app = make_app(tui_store, framework, focused)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(pilot)
        app.post_message(events.Key("down", None))
        burst(app, "aSupport plan\n\n31/13/2027")
        app.post_message(events.Key("ctrl+u", None))
        burst(app, "31/03/2027")
        app.post_message(events.Key("ctrl+s", None))
        await until(pilot, lambda: bool(tui_store.actions(focused.id)))
        [action] = tui_store.actions(focused.id)
        assert (action.criterion_id, action.what, action.due) == ("1.5.developed.2", "Support plan", dt.date(2027, 3, 31))


async def test_the_start_screen_says_how_many_actions_are_overdue(
    tui_store: Store, framework: Framework, focused: Evaluation
) -> None:
    from selfeval_tui.domain.actions import ActionDraft
    from selfeval_tui.shells.tui.workbench import NewEvaluation

    for due in (dt.date(2026, 11, 1), dt.date(2026, 11, 21), dt.date(2026, 11, 22)):  # the tests' today: 22 November
        tui_store.add_action(focused.id, ActionDraft(element_id=ELEMENT, criterion_id=None, what="x", due=due), by="c")
    app = make_app(tui_store, framework, NewEvaluation())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "2 actions overdue" in screen_text(app)
