"""The selfeval script pauses the garbage collector for startup, and every shell turns it back on."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from tui_support import make_app, until

from selfeval_tui import launch, startup
from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)


@pytest.fixture(autouse=True)
def collector() -> Iterator[None]:
    """Each test starts with the collector on and nothing frozen, and leaves it so."""
    gc.enable()
    gc.unfreeze()
    yield
    gc.enable()
    gc.unfreeze()


def test_the_script_runs_the_command_with_the_collector_paused_and_resumes_it(monkeypatch) -> None:
    seen: list[bool] = []

    def command(argv: object) -> int:
        seen.append(gc.isenabled())
        return 7

    monkeypatch.setattr("selfeval_tui.shells.cli.main", command)
    assert launch.main(["anything"]) == 7
    assert seen == [False]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what startup made is never scanned again


def test_commands_other_than_the_tui_resume_it_before_they_work(monkeypatch, capsys) -> None:
    seen: list[bool] = []
    from selfeval_tui.shells.cli import questions

    real_summary = questions.summary

    def summary(framework: Framework) -> list[str]:
        seen.append(gc.isenabled())
        return real_summary(framework)

    monkeypatch.setattr(questions, "summary", summary)
    gc.disable()
    from selfeval_tui.shells.cli import main

    assert main(["questions", "check"]) == 0
    assert seen == [True]


def test_resume_leaves_a_running_collector_alone() -> None:
    startup.resume_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


async def test_the_tui_resumes_it_once_the_first_question_is_painted(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    gc.disable()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and gc.isenabled())
        assert app.screen.step is not None
        assert gc.get_freeze_count() > 0
