"""The TUI's export screen writes the board paper as Word, through the same export as ``selfeval export``."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from textual.widgets import Input, OptionList
from tui_support import make_app, press, settle, until

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.export import ExportScreen
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


async def test_the_export_screen_writes_a_word_report(
    tui_store: Store, framework: Framework, riverside: Evaluation, tmp_path: Path
) -> None:
    target = tmp_path / "riverside-report.docx"
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await press(pilot, "f6")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one(OptionList).highlighted = screen.choices.index(("report", "docx"))
        await pilot.pause()
        assert screen.query_one("#export-file", Input).value.endswith("-report.docx")
        screen.query_one("#export-file", Input).value = str(target)
        screen.query_one("#export-file", Input).focus()
        await press(pilot, "enter")
        await settle(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
    document = docx.Document(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading ")]
    assert headings[0].startswith("Riverside: behaviour and attendance partnership report")
    assert len(document.inline_shapes) >= 2  # the rating profile and the strand summary at least
