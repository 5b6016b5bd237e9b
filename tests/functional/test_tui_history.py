"""The history screen (F8) driven by keys at 80x24: a row per element, a column per year, changes in words."""

from __future__ import annotations

from textual.widgets import DataTable, Static
from tui_support import make_app, press, screen_text, until

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.history import HistoryScreen
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

EARLIER = ("2022/23", "2023/24", "2024/25", "2025/26")


def seed_years(store: Store, framework: Framework, riverside: Evaluation) -> None:
    """Four earlier years of Riverside: 1.1 climbs, then falls this year; 1.2 is agreed only in some years."""
    services = Services(store, framework)
    actor = Actor("coordinator")
    years = [services.create(actor, framework, "Riverside", year) for year in EARLIER]
    for evaluation, level in zip([*years, riverside], (0, 1, 2, 3, 2), strict=True):
        services.save_judgement(actor, evaluation.id, "1.1", level, "agreed by the partnership")
    services.save_judgement(actor, years[1].id, "1.2", 2, "agreed by the partnership")
    services.save_judgement(actor, years[2].id, "1.2", 2, "agreed by the partnership")
    for evaluation, value in zip(years, (9.5, 9.0, 8.6, 8.1), strict=True):
        services.save_outcome_value(actor, evaluation.id, "overall-absence", "term3", value)


def history_screen(app: object) -> HistoryScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HistoryScreen)
    return screen


async def open_history(pilot: object, app: object) -> DataTable[object]:
    """F8, and the ratings table once the years are read."""
    await press(pilot, "f8")
    await until(pilot, lambda: history_screen(app).data is not None)
    return history_screen(app).query_one("#history-table", DataTable)


async def test_f8_shows_every_year_with_changes_in_words_and_scrolls_at_80x24(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    seed_years(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(pilot, app)
        cells = {str(key.value): [c.plain.strip() for c in table.get_row(key)] for key in table.rows}
        assert [str(c.label.plain).strip() for c in table.columns.values()] == ["Element", *EARLIER, "2026/27"]
        assert cells["1.1"][1:] == [
            "Not yet developing", "Developing ↑ up", "Developed ↑ up", "Established ↑ up", "Developed ↓ down",
        ]  # fmt: skip
        assert cells["1.2"][1:] == ["not evaluated", "Developed", "Developed = same", "not evaluated", "not evaluated"]
        assert len(cells) == len(framework.elements)

        # The cursor starts on this year, at the right, with the element column still in view.
        text = screen_text(app)
        assert "2026/27" in text and "1.1 " in text and "Developed ↓ down" in text
        header = text.splitlines()[1]
        assert "2022/23" not in header and "2026/27" in header  # scrolled sideways: five years never fit 80 columns
        story = history_screen(app).query_one("#history-story", Static)
        told = " ".join(str(story.render()).split())
        assert "2026/27: Developed, down from Established in 2025/26. Rated in 5 of 5 years on record." in told

        for _ in EARLIER:
            await press(pilot, "left")
        header, first = screen_text(app).splitlines()[1:3]
        assert "Element" in header and "2022/23" in header  # the years scroll back; the element column stays
        assert first.startswith(" 1.1 ")
        told = " ".join(str(story.render()).split())
        assert "2022/23: Not yet developing, the first year on record." in told
        await press(pilot, "down", "right")
        told = " ".join(str(story.render()).split())
        assert "1.2 Transparent use of data, 2023/24: Developed; not evaluated in 2022/23, so no change" in told

        outcomes = history_screen(app).query_one("#history-outcomes", DataTable)
        absence = [c.plain.strip() if hasattr(c, "plain") else "bars" for c in outcomes.get_row("overall-absence")]
        assert absence[0] == "Overall absence" and absence[1] == "bars"  # four years of values: a sparkline
        assert "2022/23: –, –, –, 9.5%" in absence[2] and "2025/26: –, –, –, 8.1%" in absence[2]

        await press(pilot, "q")
        assert isinstance(app.screen, ChatScreen)


async def test_the_history_follows_a_rating_agreed_elsewhere(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    seed_years(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(pilot, app)
        with Services.open(tui_store.path, framework=framework) as elsewhere:
            elsewhere.save_judgement(Actor("chair"), riverside.id, "1.2", 3, "agreed at the board")
        await until(pilot, lambda: table.get_row("1.2")[-1].plain.strip() == "Established")
