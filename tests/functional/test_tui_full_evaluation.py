"""A whole evaluation in the TUI by keyboard alone, then left and resumed (issue 5's "done when")."""

from __future__ import annotations

import pytest
from tui_support import make_app, paste, press, screen_text, until

from selfeval_tui.bank import Framework, Level
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.overview import OverviewScreen
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.store import Evaluation, Status, Store

pytestmark = pytest.mark.slow

pytest_plugins = ("tui_support",)

MEASURE_REPLIES = {"percent": "100", "checklist": "all", "success_rate": "30 of 30"}
"""What a partnership meeting every criterion types for each kind of measure."""


async def test_a_whole_evaluation_by_keys_then_left_and_resumed(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        for _ in range(400):
            step = screen.step
            if step is None:
                break
            if step.kind == "measure":
                assert step.measure is not None
                await paste(pilot, MEASURE_REPLIES[step.measure.kind])
            else:
                await pilot.press("1")  # Met, and Agree on each element's rating
                await until(pilot, lambda: screen.step is not step)
        assert screen.step is None
        assert "The self-evaluation is complete" in screen_text(app)
        await press(pilot, "ctrl+q")
    assert app.return_code == 0

    answers = tui_store.answers(riverside.id)
    for element in framework.elements:
        criteria = [c for level in element.levels for c in level.criteria if c.measure is None]
        assert all(answers[c.id].status is Status.MET for c in criteria), element.id
        assert answers[f"{element.id}.judgement"].value == float(Level.ENHANCING), element.id

    again = make_app(tui_store, framework, riverside)
    async with again.run_test(size=(80, 24)) as pilot:
        resumed = again.screen
        assert isinstance(resumed, ChatScreen)
        await until(pilot, lambda: resumed.outline is not None and resumed.outline.is_mounted)
        text = screen_text(again)
        said = "\n".join(entry.plain for entry in resumed.query_one(Transcript).entries)
        assert "257 answers saved, and 21 of 21 elements are complete." in said
        words = " ".join(text.replace("\u258e", " ").split())  # the message wraps where the width puts it
        assert "21 of 21 elements are complete." in words
        assert "The self-evaluation is complete" in text
        assert resumed.step is None
        assert all("Enhancing" in str(node.label) for node in resumed.outline._element_nodes.values())
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(again.screen, OverviewScreen))
        rows = screen_text(again).splitlines()
        for strand in framework.strands:
            # Strand, Not yet, Developing, Developed, Established, Enhancing, Not started
            assert any(row.split() == [strand.id, "0", "0", "0", "0", str(len(strand.elements)), "0"] for row in rows)
