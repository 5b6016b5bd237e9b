"""The key outcomes screen driven by keys at 80x24, checked against the stored targets and values."""

from __future__ import annotations

from textual.widgets import DataTable, Sparkline, Static
from tui_support import make_app, paste, press, screen_text

from selfeval_tui.bank import Framework
from selfeval_tui.domain.outcomes import outcome_rows
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.outcomes import OutcomesScreen
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

TARGETS = {
    "ofsted-behaviour": (2, "count"),
    "overall-absence": (10, "percent"),
    "persistent-absence": (2, "percentage_points"),
    "permanent-exclusions": (None, "count"),
}
THIS_YEAR = {
    "ofsted-behaviour": (11, 12),  # target 13: half the change after term 1 is on track
    "overall-absence": (6.1, 6.3),  # up, when the aim is down: off track
    "persistent-absence": (8, 7.6),  # a fifth of the 2 points after term 1: some progress
    "permanent-exclusions": (4, 3),  # no target amount, but down: some progress
    "racist-bullying": (12,),  # a baseline only: no data
}
LAST_YEAR = {"persistent-absence": (9, 8.5, 8, 7.5)}
PERIODS = ("baseline", "term1", "term2", "term3")


def seed_outcomes(store: Store, framework: Framework, riverside: Evaluation) -> Evaluation:
    """Riverside's targets and this year's values, plus last year's persistent absence; returns last year."""
    last = Services(store).create(Actor("coordinator"), framework, "Riverside", "2025/26", local_authority="Kent")
    for outcome in framework.outcomes:
        amount, unit = TARGETS.get(outcome.id, (None, "count"))
        store.save_outcome_target(
            riverside.partnership_id,
            outcome.id,
            title=outcome.title,
            direction=outcome.direction,
            amount=amount,
            unit=unit,
        )
    store.save_outcome_target(
        riverside.partnership_id,
        "racist-bullying",
        title="To reduce incidents of racist bullying",
        direction="reduce",
        amount=25,
        unit="percent",
        local=True,
    )
    for evaluation, recorded in ((riverside, THIS_YEAR), (last, LAST_YEAR)):
        for outcome_id, values in recorded.items():
            for period, value in zip(PERIODS, values, strict=False):
                store.save_outcome_value(evaluation.id, outcome_id, period, value, by="coordinator")
    return last


def outcomes_screen(app: object) -> OutcomesScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, OutcomesScreen)
    return screen


def table_rows(app: object) -> dict[str, list[str]]:
    table = outcomes_screen(app).query_one(DataTable)
    return {str(key.value): [cell.plain.strip() for cell in table.get_row(key)] for key in table.rows}


async def test_f5_shows_each_outcome_with_its_values_and_status(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    seed_outcomes(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f5")
        rows = table_rows(app)
        expected = outcome_rows(
            framework,
            tui_store.outcome_targets(riverside.partnership_id),
            tui_store.outcome_values(riverside.id),
        )
        assert list(rows) == [row.outcome_id for row in expected]  # the key outcomes, then the local one
        assert list(rows)[-1] == "racist-bullying"
        assert {key: cells[-1] for key, cells in rows.items()} == {
            row.outcome_id: row.progress.status for row in expected
        }
        # Target, Baseline, T1, T2, T3, Change, Status: percentages with %, counts whole, changes signed.
        assert rows["ofsted-behaviour"][1:] == ["+2", "11", "12", "–", "–", "+1", "on track"]
        assert rows["overall-absence"][1:] == ["-10%", "6.1%", "6.3%", "–", "–", "+0.2pt", "off track"]
        assert rows["persistent-absence"][1:] == ["-2pt", "8%", "7.6%", "–", "–", "-0.4pt", "some progress"]
        assert rows["permanent-exclusions"][1:] == ["not set", "4", "3", "–", "–", "-1", "some progress"]
        assert rows["racist-bullying"][1:] == ["-25%", "12", "–", "–", "–", "–", "no data"]
        text = screen_text(app)
        assert "on track" in text and "off track" in text and "no data" in text
        assert "Target: increase by 2 (to 13). Latest: 12 at term 1, change +1: on track." in text.replace("\n", " ")

        # The word is always there; the colour repeats it, and follows the theme.
        table = outcomes_screen(app).query_one(DataTable)
        status = table.get_row("overall-absence")[-1]
        dark = str(status.spans[0].style)
        assert app.theme_variables["text-error"] in dark
        app.action_toggle_theme()
        await pilot.pause()
        light = str(table.get_row("overall-absence")[-1].spans[0].style)
        assert light != dark and app.theme_variables["text-error"] in light
        assert not table.get_row("racist-bullying")[-1].spans or not str(
            table.get_row("racist-bullying")[-1].spans[0].style
        )

        await press(pilot, "q")  # a letter goes back, not only Esc
        assert isinstance(app.screen, ChatScreen)
        await press(pilot, "f5")
        await press(pilot, "f5")
        assert isinstance(app.screen, ChatScreen)


async def test_the_palette_opens_key_outcomes(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await paste(pilot, "Key outcomes", submit=False)
        await press(pilot, "enter")
        outcomes_screen(app)
        rows = table_rows(app)
        assert len(rows) == len(framework.outcomes)
        assert all(cells[-1] == "no data" and cells[1] == "not set" for cells in rows.values())
        assert "Trend: no values recorded yet." in screen_text(app)


async def test_the_trend_runs_across_years(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    seed_outcomes(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f5")
        screen = outcomes_screen(app)
        trend_line = screen.query_one("#outcome-trend-text", Static)
        sparkline = screen.query_one(Sparkline)
        assert str(trend_line.render()).endswith("2026/27: 11, 12")  # one year: this year only
        await press(pilot, "down", "down")
        assert str(trend_line.render()) == (
            "Trend (baseline, T1-T3 each year): 2025/26: 9%, 8.5%, 8%, 7.5%; 2026/27: 8%, 7.6%"
        )
        assert list(sparkline.data or []) == [9, 8.5, 8, 7.5, 8, 7.6]
        assert sparkline.visible
        assert "2025/26: 9%, 8.5%, 8%, 7.5%" in screen_text(app)
        await press(pilot, "up")
        assert str(trend_line.render()).endswith("2026/27: 6.1%, 6.3%")


async def test_e_goes_back_to_the_chat_and_asks_the_next_term_value(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    seed_outcomes(tui_store, framework, riverside)
    for outcome in framework.outcomes:  # every baseline known, so /outcomes asks only term values
        if outcome.id not in THIS_YEAR:
            tui_store.save_outcome_value(riverside.id, outcome.id, "baseline", 5, by="coordinator")
    app = make_app(tui_store, framework, riverside, sections=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f5", "e")
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        assert chat.step is not None and chat.step.kind == "outcome_value"
        assert (chat.step.outcome.id, chat.step.period) == ("multiple-fixed-term-exclusions", "term1")
        transcript = "\n".join(entry.plain for entry in chat.query_one(Transcript).entries)
        assert "What was the term 1 value for: To reduce the number of multiple fixed-term exclusions" in transcript
        await paste(pilot, "3")
        values = {(v.outcome_id, v.period): v.value for v in tui_store.outcome_values(riverside.id)}
        assert values[("multiple-fixed-term-exclusions", "term1")] == 3
        assert (chat.step.outcome.id, chat.step.period) == ("exclusion-disproportionality", "term1")
