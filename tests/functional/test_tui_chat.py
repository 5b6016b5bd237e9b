"""The chat screen driven by keys through Pilot, checked against the database and the screen."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable, Static
from tui_support import make_app, paste, press, screen_text, settle, type_text, until

from selfeval_tui.bank import Framework, Level
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.widgets.composer import Composer
from selfeval_tui.shells.tui.widgets.outline import Outline
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.store import (
    Answer,
    ConflictError,
    Evaluation,
    Status,
    Store,
    StoreFullError,
)

pytest_plugins = ("tui_support",)  # the tui_store, riverside and held_save fixtures


def chat(app: object) -> ChatScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ChatScreen)
    return screen


def transcript_text(app: object) -> str:
    return "\n".join(entry.plain for entry in chat(app).query_one(Transcript).entries)


def user_entries(app: object) -> list[str]:
    return [entry.plain for entry in chat(app).query_one(Transcript).entries if entry.role == "user"]


async def test_answer_a_whole_element_by_keys(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "/jump 2.3")
        assert chat(app).step.element.id == "2.3"
        await press(pilot, "alt+1")  # alt+digit works too
        for _ in range(10):
            if chat(app).step.kind == "judgement":
                break
            await press(pilot, "1")
        assert chat(app).step.kind == "judgement"
        await press(pilot, "1")  # 1 Agree
        answers = tui_store.answers(riverside.id)
        criteria = [c.id for level in framework.element("2.3").levels for c in level.criteria]
        assert all(answers[c].status is Status.MET for c in criteria)
        assert answers["2.3.judgement"].value == 4.0
        assert chat(app).step.element.id == "2.4"
        assert "Agreed: 2.3 is Enhancing." in transcript_text(app)
        assert "2.3 Enhancing" in screen_text(app) or "2.3 Enhancing" in str(
            chat(app).query_one(Outline)._element_nodes["2.3"].label
        )


async def test_a_quick_reply_can_also_be_clicked(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "/jump 1.1")
        first = chat(app).step.question_id
        keys = str(chat(app).query_one("#quick-keys", Static).render())
        assert keys.startswith(" 1 Met   2 Partly   3 Not met ")
        await pilot.click("#quick-keys", offset=(keys.index(" 2 Partly "), 0))  # the button's first cell
        await settle(pilot)
        assert tui_store.answers(riverside.id)[first].status is Status.PARTLY
        second = chat(app).step.question_id
        assert second != first
        await pilot.click("#quick-keys", offset=(keys.index(" 4 Not sure ") - 1, 0))  # the gap between buttons
        await settle(pilot)
        assert chat(app).step.question_id == second


async def test_the_quick_reply_row_keeps_its_layout_when_the_tag_changes(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    """A new layout of the row would resend every button over SSH (about 1.7 KB per answer)."""
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "/jump 2.3")
        tag, keys = chat(app).query_one("#question-tag", Static), chat(app).query_one("#quick-keys", Static)
        before = (str(tag.render()), tag.region, keys.region)
        while chat(app).step.level is Level.DEVELOPING:
            await press(pilot, "1")
        assert str(tag.render()) != before[0]
        assert (tag.region, keys.region) == before[1:]


async def test_answer_a_whole_element_by_typed_replies(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "/jump 2.5")
        step = chat(app).step
        assert step.kind == "measure"
        assert chat(app).query_one(Composer).quick_keys == frozenset()  # digits are typed on number questions
        await type_text(pilot, "45%, census")
        measure_id = step.question_id
        for reply in ("yes, every school", "partly, two schools", "no", "not sure", "yes"):
            if chat(app).step.kind == "judgement":
                break
            await paste(pilot, reply)
        assert chat(app).step.kind == "judgement"
        await paste(pilot, "agree, as discussed")
        answers = tui_store.answers(riverside.id)
        assert answers[measure_id].value == 45.0
        assert answers[measure_id].note == "census"
        assert answers["2.5.judgement"].status is Status.MET
        assert chat(app).step.element.id != "2.5"


async def test_back_returns_to_the_previous_question_with_its_answer(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        first = chat(app).step
        await press(pilot, "2")
        assert chat(app).step.question_id != first.question_id
        await paste(pilot, "/back")
        assert chat(app).step.question_id == first.question_id
        assert "Your answer so far: partly met." in transcript_text(app)
        await press(pilot, "1")
        assert tui_store.answers(riverside.id)[first.question_id].status is Status.MET


async def test_up_recalls_earlier_replies(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "yes, minutes of May")
        await type_text(pilot, "no")
        composer = chat(app).query_one(Composer)
        await pilot.press("up")
        assert composer.value == "no"
        await pilot.press("up")
        assert composer.value == "yes, minutes of May"
        await pilot.press("down", "down")
        assert composer.value == ""


async def test_jump_from_the_outline(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        outline = chat(app).query_one(Outline)
        assert outline.has_focus
        for _ in range(30):
            if outline.cursor_node is not None and outline.cursor_node.data == "2.3":
                break
            await pilot.press("down")
        await press(pilot, "enter")
        assert chat(app).step.element.id == "2.3"
        assert chat(app).query_one(Composer).has_focus
        await pilot.press("f2")  # back to the outline
        await pilot.press("f2")  # and hide it
        assert not outline.display or chat(app).has_class("-no-outline")


async def test_jump_from_the_overview(tui_store: Store, framework: Framework, riverside: Evaluation) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "3")
        await pilot.press("f4")
        await pilot.pause()
        text = screen_text(app)
        assert "Development focus" in text and "1.1 Engagement of all schools" in text
        assert "Not yet developing" in text
        grid = app.screen.query_one(DataTable)
        for _ in range(30):
            if grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value == "2.1":
                break
            await pilot.press("down")
        await press(pilot, "enter")
        assert chat(app).step.element.id == "2.1"


async def test_quit_and_restart_resumes_at_the_same_question(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "2", "1")
        open_question = chat(app).step.question_id
        await paste(pilot, "/quit")
    assert app.return_code == 0
    assert len(tui_store.answers(riverside.id)) == 3

    again = make_app(tui_store, framework, riverside)
    async with again.run_test(size=(80, 24)) as pilot:
        assert chat(again).step.question_id == open_question
        assert "Welcome back. 3 answers saved" in transcript_text(again)
        await pilot.press("ctrl+q")
    assert again.return_code == 0


async def test_a_failed_save_keeps_the_reply_and_shows_the_error(
    tui_store: Store, framework: Framework, riverside: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> Answer:
        raise StoreFullError("the disk is full; nothing of this change was saved", path=tui_store.path)

    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        question = chat(app).step.question_id
        monkeypatch.setattr(tui_store, "save_answer", full)
        await paste(pilot, "yes, minutes of May")
        composer = chat(app).query_one(Composer)
        assert composer.value == "yes, minutes of May"
        assert not composer.busy and composer.has_focus
        assert "Not saved:" in transcript_text(app) and "the disk is full" in transcript_text(app)
        assert user_entries(app) == []  # the reply is in the box, not in the transcript
        assert tui_store.answers(riverside.id) == {}
        assert chat(app).step.question_id == question

        monkeypatch.undo()
        await press(pilot, "enter")  # try again with the kept reply
        assert tui_store.answers(riverside.id)[question].note == "minutes of May"
        assert user_entries(app) == ["yes, minutes of May  (saved)"]
        assert composer.value == ""


async def test_a_conflict_shows_both_answers_and_keeps_the_reply(
    tui_store: Store, framework: Framework, riverside: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        question = chat(app).step.question_id
        theirs = Store.save_answer(tui_store, riverside.id, question, status=Status.NOT_MET, note="their note", by="coordinator")

        def conflict(*args: object, **kwargs: object) -> Answer:
            raise ConflictError("someone else saved this answer first", current=theirs, path=tui_store.path)

        monkeypatch.setattr(tui_store, "save_answer", conflict)
        await paste(pilot, "yes")
        text = transcript_text(app)
        assert "Someone else changed this answer" in text
        assert "Their answer (coordinator): not met (note: their note)" in text
        assert chat(app).query_one(Composer).value == "yes"


async def test_the_composer_holds_the_reply_while_saving(
    tui_store: Store, framework: Framework, riverside: Evaluation, held_save: threading.Event
) -> None:
    release = held_save
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        composer = chat(app).query_one(Composer)
        assert composer.busy and composer.has_focus
        assert composer.value == "yes"  # the reply waits in the box ...
        assert user_entries(app) == []  # ... and is not shown as sent
        await pilot.press("x", "backspace", "2")  # keys pressed meanwhile wait their turn (tests/functional/test_tui_bursts.py)
        assert composer.value == "yes"
        release.set()
        await settle(pilot)
        assert not composer.busy and composer.value == ""
        assert user_entries(app) == ["yes  (saved)", "partly  (saved)"]  # x was typed and rubbed out; 2 is Partly
        assert len(tui_store.answers(riverside.id)) == 2


async def test_descriptors_panel_marks_the_level_being_asked(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "f3")
        text = screen_text(app)
        assert "> Developing (being asked)" in text
        assert "targets?" in text  # the transcript re-wrapped and still ends with the question
        await press(pilot, "f3")
        text = screen_text(app)
        assert "(being asked)" not in text
        assert "targets?" in text


async def test_command_palette_jumps_and_toggles_the_theme(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await paste(pilot, "Jump to 4.4", submit=False)
        await pilot.pause()
        await press(pilot, "enter")
        assert chat(app).step.element.id == "4.4"
        theme = app.theme
        await pilot.press("ctrl+p")
        await paste(pilot, "Toggle light", submit=False)
        await pilot.pause()
        await press(pilot, "enter")
        assert app.theme != theme


async def test_help_lists_every_key_and_closes_without_escape(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        for expected in ("alt+1 .. alt+5", "f2", "f3", "f4", "^q", "pgup", "Earlier reply"):
            assert expected in text
        await pilot.press("end")
        await pilot.pause()
        assert "/jump 2.4" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_export_writes_the_board_paper_and_says_where(
    tui_store: Store, framework: Framework, riverside: Evaluation, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "f6")
        await press(pilot, "enter")  # the first choice: the overview, in Markdown
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        written = tmp_path / "riverside-2026-27-overview.md"  # type: ignore[operator]
        assert written.exists()
        assert "1.1" in written.read_text(encoding="utf-8")
        assert isinstance(app.screen, ChatScreen)
        assert f"Wrote {written}." in transcript_text(app)


async def test_membership_section_before_the_strands(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside, sections=True)
    async with app.run_test(size=(80, 24)) as pilot:
        step = chat(app).step
        assert step.kind == "membership" and step.element is None
        assert chat(app).query_one(Composer).quick_keys == frozenset()  # names may start with digits
        await paste(pilot, "North High")
        await press(pilot, "f3", "alt+1")  # alt+1 is "Done"; the descriptors panel has no element to show
        assert "not about one" in screen_text(app)
        assert chat(app).step.question_id != step.question_id
        assert "North High" in [
            name for names in tui_store.members(riverside.partnership_id).values() for name in names
        ]
