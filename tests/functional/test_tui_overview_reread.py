"""The overview shows what is stored when it opens, including answers changed by someone else since the last reply."""

from __future__ import annotations

from pathlib import Path

from tui_support import make_app, press, until

from selfeval_tui.bank import Framework, Level
from selfeval_tui.shells.tui.screens.overview import OverviewScreen
from selfeval_tui.store import Evaluation, Status, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


async def test_the_overview_reads_the_answers_again_when_it_opens(
    tui_store: Store, framework: Framework, riverside: Evaluation, tmp_path: Path
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")  # 4.4's rating is not touched by this session
        with Store.open(tmp_path / "t.db") as bob:
            bob.save_answer(riverside.id, "4.4.developing.1", status=Status.MET, by="bob")
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen))
        assert isinstance(app.screen, OverviewScreen)
        progress = app.screen.progress["4.4"]
        assert progress.started and progress.level is not None and progress.level >= Level.DEVELOPING
