"""Replies that arrive in one burst (a laggy link, a paste): each is its own reply, in the order typed.

Pilot tests queue every key before the app handles any of them, and hold the first
save open (a save that waits for an event) so the rest arrive while it is in flight.
The pty tests write several replies with their Enters in one write to the real app
and to plain mode, then read the database.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_terminal import Terminal, start, to_the_strands
from textual import events
from textual.keys import _character_to_key
from tui_support import YEAR, make_app, paste, press, settle, until

from selfeval_tui.bank import Framework
from selfeval_tui.shells.tui.app import SelfEvalApp
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.widgets import composer as composer_module
from selfeval_tui.shells.tui.widgets.composer import Composer
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.store import Answer, Evaluation, Status, Store, StoreFullError

pytest_plugins = ("tui_support", "test_tui_terminal")  # tui_store, riverside, held_save; db

FIRST = ["1.1.developing.1", "1.1.developing.2", "1.1.developing.3"]


def key_events(text: str) -> list[events.Key]:
    """The keys a terminal sends for ``text``: a newline is Enter (CR)."""
    keys = []
    for character in text:
        if character == "\n":
            keys.append(events.Key("enter", "\r"))
        else:
            keys.append(events.Key(_character_to_key(character), character))
    return keys


def burst(app: SelfEvalApp, text: str) -> None:
    """Every key queued before any is handled, as when they arrive in one read from the terminal."""
    for key in key_events(text):
        app.post_message(key)


async def until_held(pilot: object, condition: Callable[[], bool]) -> None:
    """Like ``until``, without waiting for the save that is being held open."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause()  # type: ignore[attr-defined]
    raise AssertionError("the app never reached the expected state")


def chat(app: SelfEvalApp) -> ChatScreen:
    assert isinstance(app.screen, ChatScreen)
    return app.screen


def user_entries(app: SelfEvalApp) -> list[str]:
    return [entry.plain for entry in chat(app).query_one(Transcript).entries if entry.role == "user"]


def stored(store: Store, evaluation: Evaluation) -> list[tuple[str, str, str]]:
    """Question, status and note of every answer, in the order they were saved."""
    return [
        (a.question_id, a.status.value if a.status else "", a.note) for a in store.answers(evaluation.id).values()
    ]


async def test_replies_typed_while_a_save_runs_are_each_saved_in_order(
    tui_store: Store, framework: Framework, riverside: Evaluation, held_save: threading.Event
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "yes, support plan template\nno, timelines not written\npartly, expectations only for schools\n")
        composer = chat(app).query_one(Composer)
        await until_held(pilot, lambda: composer.busy and composer.waiting > 0)
        assert composer.value == "yes, support plan template"  # held, dimmed, while it saves
        assert user_entries(app) == []
        held_save.set()
        await until(pilot, lambda: len(user_entries(app)) == 3)
        await settle(pilot)
        assert user_entries(app) == [
            "yes, support plan template  (saved)",
            "no, timelines not written  (saved)",
            "partly, expectations only for schools  (saved)",
        ]
        assert composer.value == "" and not composer.busy
    assert stored(tui_store, riverside) == [
        (FIRST[0], "met", "support plan template"),
        (FIRST[1], "not_met", "timelines not written"),
        (FIRST[2], "partly", "expectations only for schools"),
    ]


async def test_two_quick_digits_answer_two_questions(
    tui_store: Store, framework: Framework, riverside: Evaluation, held_save: threading.Event
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "12")
        held_save.set()
        await until(pilot, lambda: len(user_entries(app)) == 2)
        await settle(pilot)
        assert chat(app).query_one(Composer).value == ""
    assert [(q, s) for q, s, _ in stored(tui_store, riverside)] == [(FIRST[0], "met"), (FIRST[1], "partly")]


async def test_a_digit_typed_ahead_is_read_against_the_question_it_answers(
    tui_store: Store, framework: Framework, riverside: Evaluation, held_save: threading.Event
) -> None:
    """Typed while a jump to 2.5 was on its way from a yes/no question: on 2.5's measure, 4 is a number."""
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "no\n/jump 2.5\n45%, census\n")
        held_save.set()
        await until(pilot, lambda: len(user_entries(app)) == 3)
        await settle(pilot)
    answers = tui_store.answers(riverside.id)
    measure = next(a for q, a in answers.items() if q.startswith("2.5."))
    assert (measure.value, measure.note) == (45.0, "census")
    assert answers[FIRST[0]].status is Status.NOT_MET


async def test_quick_replies_and_typed_replies_keep_their_order(
    tui_store: Store, framework: Framework, riverside: Evaluation, held_save: threading.Event
) -> None:
    """alt+digit goes through the same queue: its note is what was typed just before it."""
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "yes, a\n")
        app.post_message(events.Key("3", "3"))
        for key in key_events("minutes"):
            app.post_message(key)
        app.post_message(events.Key("alt+2", None))
        burst(app, "no, c\n")
        held_save.set()
        await until(pilot, lambda: len(user_entries(app)) == 4)
        await settle(pilot)
    assert stored(tui_store, riverside) == [
        (FIRST[0], "met", "a"),
        (FIRST[1], "not_met", ""),
        (FIRST[2], "partly", "minutes"),
        ("1.1.developing.4", "not_met", "c"),
    ]


async def test_a_multi_line_paste_is_one_reply_a_line(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await paste(pilot, "yes, one\r\nno, two\npartly, three\nnot sure", submit=False)
        await until(pilot, lambda: len(user_entries(app)) == 3)
        await settle(pilot)
        assert chat(app).query_one(Composer).value == "not sure"  # no newline after it: not sent
    assert stored(tui_store, riverside) == [
        (FIRST[0], "met", "one"),
        (FIRST[1], "not_met", "two"),
        (FIRST[2], "partly", "three"),
    ]


async def test_a_newline_sent_as_ctrl_j_ends_a_reply(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    """A paste without bracketed paste sends LF, which Textual reads as ctrl+j: before, the lines ran together."""
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        for line in ("no, a", "yes, b"):
            for key in key_events(line):
                app.post_message(key)
            app.post_message(events.Key("ctrl+j", "\n"))
        await until(pilot, lambda: len(user_entries(app)) == 2)
        await settle(pilot)
        assert chat(app).query_one(Composer).value == ""
    assert stored(tui_store, riverside) == [(FIRST[0], "not_met", "a"), (FIRST[1], "met", "b")]


async def test_what_was_typed_after_a_failed_save_follows_the_retry(
    tui_store: Store, framework: Framework, riverside: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_save = tui_store.save_answer

    def full_once(*args: object, **kwargs: object) -> Answer:
        assert release.wait(10)
        monkeypatch.setattr(tui_store, "save_answer", real_save)
        raise StoreFullError("the disk is full; nothing of this change was saved", path=tui_store.path)

    monkeypatch.setattr(tui_store, "save_answer", full_once)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "yes, a\nno, b\n")
        composer = chat(app).query_one(Composer)
        await until_held(pilot, lambda: composer.waiting > 0)
        release.set()
        await until(pilot, lambda: not composer.busy)
        await settle(pilot)
        assert composer.value == "yes, a"  # the failed reply, back to be sent again
        assert user_entries(app) == []
        assert tui_store.answers(riverside.id) == {}
        await press(pilot, "enter")
        await until(pilot, lambda: len(user_entries(app)) == 2)
    assert stored(tui_store, riverside) == [(FIRST[0], "met", "a"), (FIRST[1], "not_met", "b")]


# ----- real terminals ----------------------------------------------------------------------------------------

needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")


def notes(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return [tuple(row) for row in conn.execute("SELECT question_id, status, note FROM answers ORDER BY rowid")]


@needs_pty
def test_replies_written_in_one_burst_to_the_tui_are_each_saved(db: Path) -> None:
    terminal = start(db)
    try:
        to_the_strands(terminal)
        terminal.send(b"yes, support plan template\rno, timelines not written\rpartly, expectations\r1122")
        terminal.wait_for("1.1 Developing 8/8")  # 7 answers, each committed before the next question
        terminal.send(b"\x11")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    assert notes(db) == [
        (FIRST[0], "met", "support plan template"),
        (FIRST[1], "not_met", "timelines not written"),
        (FIRST[2], "partly", "expectations"),
        ("1.1.developing.4", "met", ""),
        ("1.1.developing.5", "met", ""),
        ("1.1.developing.6", "partly", ""),
        ("1.1.developing.7", "partly", ""),
    ]


@needs_pty
def test_plain_mode_reads_each_line_of_one_write_as_a_reply(db: Path) -> None:
    environment = {**os.environ, "TERM": "xterm-256color"}
    terminal = Terminal(
        [sys.executable, "-m", "selfeval_tui", "chat", "--plain", "--db", str(db), "--partnership", "Riverside",
         "--year", YEAR],
        environment,
    )
    try:
        terminal.wait_for("membership")
        terminal.send(b"/jump 1.1\nyes, one\nno, two\npartly, three\n/quit\n")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    assert notes(db) == [(FIRST[0], "met", "one"), (FIRST[1], "not_met", "two"), (FIRST[2], "partly", "three")]


@pytest.mark.parametrize("dim_after", [0.01, 3600.0])
async def test_the_reply_is_dimmed_only_once_its_save_outlasts_dim_after(
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    held_save: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    dim_after: float,
) -> None:
    """Dimming at once cost a frame per reply and held the next question back by up to a frame (issue 13)."""
    monkeypatch.setattr(composer_module, "DIM_AFTER", dim_after)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        composer = chat(app).query_one(Composer)
        burst(app, "yes, support plan template\n")
        await until_held(pilot, lambda: composer.busy)
        if dim_after > 1:
            assert not composer.has_class("-busy")  # a save of a few milliseconds paints nothing of its own
        else:
            await until_held(pilot, lambda: composer.has_class("-busy"))  # a slow one shows it is waiting
        held_save.set()
        await until(pilot, lambda: not composer.busy)
        assert not composer.has_class("-busy") and user_entries(app) == ["yes, support plan template  (saved)"]
