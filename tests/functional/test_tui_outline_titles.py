"""The outline at 80 columns: every element's title readable, and its count the one the question tag gives."""

from __future__ import annotations

from tui_support import make_app, press, screen_text, until

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.widgets.composer import Composer
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)


async def test_titles_are_readable_and_counts_match_the_tag_at_80_columns(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        await until(pilot, lambda: chat.outline is not None and chat.outline.is_mounted)
        if not chat.outline.display or chat.has_class("-no-outline"):
            await press(pilot, "f2")  # below 100 columns the outline starts hidden; f2 shows it and moves there
        composer = chat.query_one(Composer)
        composer.focus()
        await until(pilot, lambda: composer.has_focus)
        await press(pilot, "1")  # 1.1 Developing 1/8: met
        text = screen_text(app)
        assert "1.1 Developing 2/8" in text
        assert "1.1 Not yet*    1/8" in text  # the outline: answered/total of the same 8 questions
        assert "Engagement of all" in text and "Transparent use of" in text  # titles, not three letters
        assert "Guidance on use of" in text and "managed moves and th" in text  # a long one, on two lines
