"""Every TUI screen shows what others stored as text: never markup, never a control character.

A partnership, its local authority, a member, a note and a local outcome hold
escape sequences, 8-bit controls, a right-to-left override and Rich/Textual
markup. Each screen that shows them (start, chat with its record, /members, action plan,
overview, key outcomes, export) must show the markup literally and the controls
as symbols, and nothing it renders may hold a control character.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from inert_support import hazards, named, stored_text
from rich.segment import Segment
from textual.strip import Strip
from tui_support import YEAR, make_app, paste, press, until

from selfeval_tui.bank import Framework
from selfeval_tui.domain.actions import ActionDraft
from selfeval_tui.domain.inert import inert
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.tui.app import SelfEvalApp
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.export import ExportScreen
from selfeval_tui.shells.tui.screens.outcomes import OutcomesScreen
from selfeval_tui.shells.tui.screens.overview import OverviewScreen
from selfeval_tui.shells.tui.screens.plan import PlanScreen
from selfeval_tui.shells.tui.widgets.transcript import Transcript
from selfeval_tui.shells.tui.workbench import NewEvaluation
from selfeval_tui.store import Status, Store

NAME = "P\x1b]0;T\x07[bold]B[/bold]\u202eR"
AUTHORITY = "L\x9b2J[i]A[/i][/]"  # a closing tag with nothing open: markup parsing would raise
MEMBER = "M\x1b[2J[@click=app.quit]"
NOTE = "N\x9d0;x\x9c[link=https://evil.test]L[/link]"
TITLE = "Reduce O\x1b]52;c;eA==\x07[b]X[/b]"
SIZE = (120, 40)


def store_hostile(path: Path, framework: Framework, name: str, authority: str, member: str, note: str, title: str) -> None:
    with Store.open(path) as store:
        evaluation = Services(store).create(Actor("coordinator"), framework, name, YEAR, local_authority=authority)
        store.set_members(evaluation.partnership_id, "secondary", [member, "Roundhay School"])  # /members asks
        store.set_members(evaluation.partnership_id, "special", [member])  # answered: in the record
        store.save_answer(evaluation.id, "membership.special", status=Status.MET, by="coordinator")
        store.save_answer(evaluation.id, "1.1.developing.1", status=Status.MET, note=note, by="coordinator")
        store.save_outcome_target(
            evaluation.partnership_id, "local-1", title=title, direction="reduce", amount=6.0, unit="count",
            local=True, value_unit="count",
        )  # fmt: skip
        action = ActionDraft(element_id="1.1", criterion_id="1.1.developing.2", what=note or "x", owner=member)
        store.add_action(evaluation.id, action, by="coordinator")  # the plan screen (F7) shows it


def segment_text(strips: list[Strip]) -> str:
    segments: list[Segment] = [segment for strip in strips for segment in strip]
    assert not any(segment.control for segment in segments)
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def frame(app: SelfEvalApp) -> str:
    """Every segment the screen sends to the terminal, as text."""
    return segment_text(app.screen._compositor.render_strips())


async def visit_every_screen(path: Path, framework: Framework, prefill: str | None = None) -> dict[str, str]:
    """What each screen draws, by name; the transcript's entry is every line of it, the whole record included.

    With ``prefill``, first the start screen as ``--partnership`` with a new name opens it.
    """
    seen: dict[str, str] = {}
    with Store.open(path) as store:
        if prefill is not None:
            app = make_app(store, framework, NewEvaluation(name=prefill, year="2027/28"), sections=True)
            async with app.run_test(size=SIZE):
                seen["start (prefilled)"] = frame(app)
        app = make_app(store, framework, NewEvaluation(), sections=True)
        async with app.run_test(size=SIZE) as pilot:
            seen["start"] = frame(app)
            await press(pilot, "enter")
            await until(pilot, lambda: isinstance(app.screen, ChatScreen))
            await paste(pilot, "/members")
            seen["chat"] = frame(app)
            transcript = app.screen.query_one(Transcript)
            transcript.action_scroll_home()
            await pilot.pause()
            seen["record"] = segment_text(transcript._lines)
            for key, screen in (("f4", OverviewScreen), ("f5", OutcomesScreen), ("f6", ExportScreen), ("f7", PlanScreen)):
                await press(pilot, key)
                await until(pilot, lambda screen=screen: isinstance(app.screen, screen))  # type: ignore[misc]
                if screen is OutcomesScreen:
                    await press(pilot, "end")  # the local outcome, last: its title in full under the table
                seen[screen.__name__] = frame(app)
                await press(pilot, "escape")
            assert app.is_running  # a member called [@click=app.quit] quit nothing
    return seen


def test_every_screen_shows_stored_text_literally(tmp_path: Path, framework: Framework) -> None:
    path = tmp_path / "db.sqlite3"
    store_hostile(path, framework, NAME, AUTHORITY, MEMBER, NOTE, TITLE)
    prefill = "New" + inert(MEMBER) + "[/x]"  # the command line refuses controls; markup it lets through
    seen = asyncio.run(visit_every_screen(path, framework, prefill))
    for where, text in seen.items():
        assert hazards(text) == [], where
    assert prefill in seen["start (prefilled)"]
    assert f"{inert(NAME)} ({inert(AUTHORITY)})  {YEAR}" in seen["start"]
    assert f"{inert(NAME)} {YEAR}" in seen["chat"]  # the header
    assert f"So far: {inert(MEMBER)}, Roundhay School." in seen["chat"]
    assert inert(MEMBER) in seen["record"] and inert(NOTE) in seen["record"] and inert(TITLE) in seen["record"]
    assert inert(TITLE) in seen["OutcomesScreen"]
    assert f"Export {inert(NAME)} {YEAR}" in seen["ExportScreen"]
    assert f"Action: {inert(NOTE)}" in seen["PlanScreen"] and inert(MEMBER)[:12] in seen["PlanScreen"]  # owner: cut to its column


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=named, authority=stored_text, member=named, note=stored_text, title=named)
def test_no_stored_text_puts_a_control_character_on_screen(
    framework: Framework, name: str, authority: str, member: str, note: str, title: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite3"
        store_hostile(path, framework, name, authority, member, note, title)
        seen = asyncio.run(visit_every_screen(path, framework))
    for where, text in seen.items():
        assert hazards(text) == [], where


PERSON = "Eve\x1b[2J\x9b2J[@click=app.quit]Q[/] [link=file:///etc/passwd]x[/link]"


def test_a_persons_hostile_display_name_in_a_live_notice_is_shown_literally(tmp_path: Path, framework: Framework) -> None:
    """People's display names reach other people's screens in "Someone else (NAME) has just answered"."""
    from people_support import OWNER
    from tui_support import settle

    from selfeval_tui.services.people import Scope

    path = tmp_path / "db.sqlite3"
    with Store.open(path) as store:
        services = Services(store)
        evaluation = services.create(OWNER, framework, NAME, YEAR, local_authority=AUTHORITY)
        for login, shown_as in (("coord", "Coordinator"), ("eve", PERSON)):
            services.add_person(OWNER, login, shown_as, [])
            services.grant(OWNER, login, "coordinator", Scope(partnership=NAME))
        coordinator, eve = services.person_actor("coord"), services.person_actor("eve")

        async def watch() -> str:
            app = make_app(store, framework, evaluation, actor=coordinator)
            async with app.run_test(size=SIZE) as pilot:
                await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.step is not None)
                step = app.screen.step
                assert isinstance(app.screen, ChatScreen) and step is not None
                with Store.open(path) as other:  # another process's connection, as the live poller expects
                    Services(other).save_answer(eve, evaluation.id, step.question_id, status=Status.MET, note=NOTE)
                await until(pilot, lambda: "has just answered" in segment_text(app.screen.query_one(Transcript)._lines))
                await settle(pilot)
                assert app.is_running
                return segment_text(app.screen.query_one(Transcript)._lines)

        seen = asyncio.run(watch())
    assert hazards(seen) == []
    assert f"Someone else ({inert(PERSON)}) has just answered this question" in " ".join(seen.replace("▎", " ").split())
