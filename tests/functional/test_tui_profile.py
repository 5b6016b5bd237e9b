"""The overview's rating profile (``p``): a bar per element, its rating and last year's in words, grouped by strand.

The profile is the report's rating profile picture drawn in the terminal
(docs/tui.md); these read it off the screen as a person would, words first,
and check that it follows another session's change while it is shown.
"""

from __future__ import annotations

from pathlib import Path

from test_tui_live import shown_within
from textual.widgets import DataTable
from tui_support import make_app, press, screen_text, until

from selfeval_tui.bank import Framework, Level
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.glyphs import to_ascii
from selfeval_tui.shells.tui.screens.overview import OverviewScreen
from selfeval_tui.store import Evaluation, Status, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

HOSTILE_REASON = "[@click=app.quit]agreed[/] \x1b[2J"
"""Typed text is not shown in the profile, but the agreed rating's reason must not leak into it as markup either."""


def seed_two_years(store: Store, framework: Framework, riverside: Evaluation) -> None:
    """Last year: 1.1 agreed Developed, 2.3 started; this year: 1.1 provisional, 2.3 Enhancing, 1.2 agreed higher."""
    services, actor = Services(store), Actor("coordinator")
    last = services.create(actor, framework, "Riverside", "2025/26")
    store.save_judgement(last.id, "1.1", int(Level.DEVELOPED), "agreed last summer", by="coordinator")
    store.save_answer(last.id, "2.3.developing.1", status=Status.MET, by="coordinator")
    for criterion in framework.element("1.1").levels[0].criteria:
        store.save_answer(riverside.id, criterion.id, status=Status.MET, by="coordinator")
    for criterion in (c for level in framework.element("2.3").levels for c in level.criteria):
        store.save_answer(riverside.id, criterion.id, status=Status.MET, by="coordinator")
    store.save_judgement(riverside.id, "1.2", int(Level.ESTABLISHED), HOSTILE_REASON, by="coordinator")


def line_of(text: str, element_id: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(f"{element_id} "))


async def test_p_shows_the_profile_in_words_and_goes_back_to_the_grid(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    seed_two_years(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f4")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen))
        overview = app.screen
        await press(pilot, "p")
        assert not overview.query_one(DataTable).display and overview.query_one("#profile-scroll").has_focus
        shown = screen_text(app)
        assert "1. Leadership and management of partnerships" in shown, "strand titles head their elements"
        first = line_of(shown, "1.1").split()
        assert first[-3:] == ["Developing,", "provisional", "Developed"], "this year's rating in words, then last year's"
        assert "\u2593" * 4 + "\u254c" * 6 in first, "a shaded bar two cells a level, on its track"
        assert "Established, provisional, agreed" in line_of(shown, "1.2"), "agreed differently from the computed rating"
        assert "[/]" not in shown and "click" not in shown
        await press(pilot, *["down"] * 4)  # the profile scrolls; its headings stay
        text = screen_text(app)
        assert line_of(text, "2.3").split()[-2:] == ["Enhancing", "Developing"]
        assert "1. Leadership" not in text and "Element" in text and "Last year" in text
        assert line_of(text, "2.4").rstrip().endswith("not started"), "not started, and no rating last year"
        await press(pilot, "p")
        assert overview.query_one(DataTable).has_focus and not overview.query_one("#profile-scroll").display


async def test_the_profile_follows_another_sessions_agreed_rating(
    tui_store: Store, framework: Framework, riverside: Evaluation, tmp_path: Path
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f4", "p")
        assert "not started" in line_of(screen_text(app), "1.3")
        with Store.open(tmp_path / "t.db") as bob:
            bob.save_judgement(riverside.id, "1.3", int(Level.ENHANCING), "agreed at the termly meeting", by="bob")
        await shown_within(pilot, lambda: "Enhancing, provisional, agreed" in line_of(screen_text(app), "1.3"))
        assert "\u2593" * 10 in line_of(screen_text(app), "1.3"), "Enhancing fills the track (shaded: provisional)"


async def test_in_ascii_the_bars_still_read(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    seed_two_years(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f4", "p")
        first = to_ascii(line_of(screen_text(app), "1.1"))
    assert "####------ Developing, provisional" in first and first.isascii()
