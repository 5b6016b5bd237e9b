"""Through the SSH gateway the app writes no file on the server: F6 says how to export instead, no screenshot command."""

from __future__ import annotations

from tui_support import TODAY, press, screen_text, until

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.app import SelfEvalApp
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.workbench import Workbench
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


def _app(store: Store, framework: Framework, evaluation: Evaluation, *, writes_files: bool) -> SelfEvalApp:
    bench = Workbench(Services(store), Actor("coordinator"), framework, today=TODAY, sections=False, writes_files=writes_files)
    return SelfEvalApp(bench, evaluation)


async def test_f6_through_the_gateway_explains_instead_of_writing(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = _app(tui_store, framework, riverside, writes_files=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await press(pilot, "f6")
        assert isinstance(app.screen, ChatScreen)
        await until(pilot, lambda: "Over SSH, exports are saved on your own machine" in " ".join(screen_text(app).split()))
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Screenshot" not in titles and "Quit" in titles


async def test_the_screenshot_command_stays_for_personal_use(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = _app(tui_store, framework, riverside, writes_files=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        assert "Screenshot" in [command.title for command in app.get_system_commands(app.screen)]
