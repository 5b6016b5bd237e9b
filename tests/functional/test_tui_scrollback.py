"""Scrolling the transcript back through the whole evaluation, by keys, with the record loaded lazily."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from export_support import HOSTILE_NOTE, answer_to_level, confirm
from tui_support import make_app, press, screen_text, until

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Message
from selfeval_tui.conversation.record import record_title
from selfeval_tui.shells.tui.screens import chat
from selfeval_tui.shells.tui.widgets.composer import Composer
from selfeval_tui.shells.tui.widgets.transcript import START_OF_EVALUATION, Transcript
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures


SOME = ("1.1", "1.2", "2.3", "3.1", "4.2")
"""Elements of every strand, including one with a measure: a record long enough to page through, quickly."""


def answer_all(
    store: Store, framework: Framework, evaluation: Evaluation, *, but: str | None = None, only: tuple[str, ...] = ()
) -> None:
    """Every element (or ``only`` these) secured at Developed and its rating agreed, except ``but``."""
    for element in framework.elements:
        if element.id != but and (not only or element.id in only):
            answer_to_level(store, evaluation, element, 2)
            confirm(store, evaluation, element)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the record chunks built so far, in the order they were built."""
    keys: list[str] = []
    real = chat.record_messages

    def counting(framework: Framework, snapshot: object, key: str) -> list[Message]:
        keys.append(key)
        return real(framework, snapshot, key)  # type: ignore[arg-type]

    monkeypatch.setattr(chat, "record_messages", counting)
    return keys


async def outline_shown(pilot: object) -> None:
    """The outline shown at 80 columns, as F2 leaves it: the chunk geometry these tests were measured with."""
    screen = pilot.app.screen  # type: ignore[attr-defined]
    await screen.action_toggle_outline()
    await pilot.pause()  # type: ignore[attr-defined]
    screen.set_focus(screen.query_one(Composer))
    await pilot.pause()  # type: ignore[attr-defined]


def transcript(app: object) -> Transcript:
    return app.screen.query_one(Transcript)  # type: ignore[attr-defined]


def view(app: object) -> list[str]:
    """The transcript's rows as shown, top to bottom."""
    shown = transcript(app)
    return [shown.render_line(y).text for y in range(shown.scrollable_content_region.height)]


def plains(app: object, role: str | None = None) -> list[str]:
    return [entry.plain for entry in transcript(app).entries if role is None or entry.role == role]


async def focus(pilot: object, wanted: Callable[[], bool], key: str = "tab") -> None:
    """Move the focus by keys only, as a user would."""
    for _ in range(12):
        if wanted():
            return
        await pilot.press(key)  # type: ignore[attr-defined]
    assert wanted()


def in_order(items: Sequence[str], wanted: Sequence[str]) -> bool:
    found = iter(items)
    return all(any(item == w for item in found) for w in wanted)


async def test_a_finished_evaluation_opens_without_building_its_record(
    tui_store: Store, framework: Framework, riverside: Evaluation, built: list[str]
) -> None:
    answer_all(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)):
        assert built == []
        assert plains(app)[0].startswith("Welcome back.")
        assert "The self-evaluation is complete" in plains(app)[-1]
        assert transcript(app).top_line == "\u2191 Earlier: 4.4 Sharing what works (PgUp)"
        assert "\u2191 Earlier: 4.4 Sharing what works (PgUp)" in screen_text(app)


async def test_pageup_from_the_reply_box_goes_back_to_the_start(
    tui_store: Store, framework: Framework, riverside: Evaluation, built: list[str]
) -> None:
    answer_all(tui_store, framework, riverside, only=SOME)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = app.screen.query_one(Composer)
        await press(pilot, "pageup")
        assert 1 <= len(built) < 3  # one chunk at a time, enough for a page above, not the whole record
        assert built[0] == "4.2" and "4.2 Developing 1/3" in "\n".join(plains(app, "question"))
        for _ in range(200):
            if transcript(app).scroll_y == 0 and transcript(app).top_line == START_OF_EVALUATION:
                break
            await pilot.press("pageup")
        assert composer.has_focus
        assert transcript(app).top_line == START_OF_EVALUATION
        assert transcript(app).scroll_y == 0
        assert "Start of the evaluation" in screen_text(app)
        assert built == list(reversed(SOME))  # each chunk built once, newest first

        entries = transcript(app).entries
        headings = [entry.plain.split("\n")[0] for entry in entries if entry.role == "assistant"]
        assert in_order(headings, [record_title(framework, key) for key in SOME])
        assert [entry.role for entry in entries].index("user") == 3  # strand, 1.1, its first question, the answer
        first_question, first_answer = entries[2], entries[3]
        assert first_question.plain == "1.1 Developing 1/8\nAre your partnership's details publicised?"
        assert first_answer.plain == f"met (note: {HOSTILE_NOTE})"  # as typed: its Markdown is not rendered
        assert "*termly*" in "\n".join(view(app))
        questions = [i for i, entry in enumerate(entries) if entry.role == "question"]
        assert all(entries[i + 1].role == "user" for i in questions[:-1])


async def test_a_prepended_chunk_leaves_the_view_where_it_was(
    tui_store: Store, framework: Framework, riverside: Evaluation, built: list[str]
) -> None:
    answer_all(tui_store, framework, riverside, only=SOME)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await outline_shown(pilot)
        shown = transcript(app)
        height = shown.scrollable_content_region.height
        await press(pilot, "pageup")  # on a short transcript: loads, and shows the page just above
        assert built

        before = view(app)
        await press(pilot, "pageup")
        await press(pilot, "pageup")
        assert shown.render_line(2 * height).text == before[0]  # exactly two pages up, whatever was loaded

        await focus(pilot, lambda: shown.has_focus)
        chunks = len(built)
        for _ in range(3 * height):  # line by line to the top of what is loaded, and past it
            before = view(app)
            await pilot.press("up")
            assert view(app)[1:] == before[:-1]
            if len(built) > chunks:
                break
        assert len(built) > chunks, "scrolling up to the top loads the chunk above"


async def test_an_animated_scroll_to_the_top_loads_without_a_jump(
    tui_store: Store, framework: Framework, riverside: Evaluation, built: list[str]
) -> None:
    answer_all(tui_store, framework, riverside)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await outline_shown(pilot)
        shown = transcript(app)
        await press(pilot, "pageup")
        before, chunks = view(app), len(built)
        shown.scroll_page_up()  # what a click on the scrollbar does: Textual animates it
        await until(pilot, lambda: not app.animator.is_being_animated(shown, "scroll_y"))
        assert len(built) > chunks
        assert shown.render_line(shown.scrollable_content_region.height).text == before[0]


async def test_answering_after_pageup_brings_the_new_question_into_view(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    answer_all(tui_store, framework, riverside, but="4.4")
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = transcript(app)
        await press(pilot, "pageup", "pageup")
        assert shown.scroll_y < shown.max_scroll_y
        assert not any("4.4 Developing 1/1" in row for row in view(app))
        await press(pilot, "1")  # 4.4 Developing 1/1: met
        assert plains(app, "user")[-1] == "yes  (saved)"
        assert shown.scroll_y == shown.max_scroll_y
        assert any("yes  (saved)" in row for row in view(app))
        assert any("4.4 Developed 2/2" in row for row in view(app))


async def test_home_on_the_transcript_reaches_the_start_and_nothing_above_a_new_evaluation(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        assert transcript(app).top_line == ""  # nothing on record: no top line
    answer_all(tui_store, framework, riverside, but="4.4")
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = transcript(app)
        await focus(pilot, lambda: shown.has_focus)
        await press(pilot, "home")
        assert shown.top_line == START_OF_EVALUATION
        assert view(app)[0].strip() == START_OF_EVALUATION
        await press(pilot, "end")
        assert "4.4 Developing 1/1" in "\n".join(view(app))
