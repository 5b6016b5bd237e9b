"""Confinement in every shell: a person sees only the partnerships they have a grant for, and a reader cannot answer.

The services filter lists and refuse writes; these tests check that each shell
path goes through them (the start screen, ``export --all`` and the JSON export,
plain mode, the TUI's chat screen) and says what a reader may do in one line.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from people_support import OWNER, acting_as, shared_database
from tui_support import YEAR, make_app, paste, screen_text, settle, until

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.domain.records import Evaluation, Status
from selfeval_tui.services.open import Services
from selfeval_tui.services.people import Scope
from selfeval_tui.shells.cli import main
from selfeval_tui.shells.plain import shell
from selfeval_tui.shells.tui.app import SelfEvalApp
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.export import ExportScreen
from selfeval_tui.shells.tui.screens.overview import OverviewScreen
from selfeval_tui.shells.tui.workbench import NewEvaluation
from selfeval_tui.store import Store

VIEWER_LINE = "You can read this evaluation; your role (viewer) does not allow answering."
PARTNER_LINE = (
    "You can read this evaluation and add evidence notes to answered questions with /note; "
    "your role (partner) does not allow answering."
)


@pytest.fixture
def shared(tmp_path: Path, framework: Framework) -> Path:
    """North and South (Northshire), West (Westshire); one person per role over North (see people_support)."""
    path = tmp_path / "shared.sqlite3"
    with Services.open(path) as services:
        shared_database(services, framework)
    return path


def north(services: Services, framework: Framework, login: str) -> tuple[Session, Evaluation]:
    """A new session of ``login`` on North's evaluation (membership and outcomes first, as both shells ask)."""
    actor = services.person_actor(login)
    evaluation = services.find(actor, "North", YEAR).evaluation
    assert evaluation is not None
    return Session(services, framework, evaluation, Mode.ADAPTIVE, actor=actor, sections=True), evaluation


def test_a_viewer_in_plain_mode_reads_and_is_told_why_they_cannot_answer(shared: Path, framework: Framework) -> None:
    with Services.open(shared) as services:
        session, evaluation = north(services, framework, "viewer")
        out = io.StringIO()
        shell.run(session, io.StringIO("yes\n/summary\n/note minutes\n/plan 1.1\n/quit\n"), out)
        assert services.answers(OWNER, evaluation.id) == {}
    said = out.getvalue()
    assert said.startswith(VIEWER_LINE + " /summary, /show, /why and /jump read it.\n")
    assert said.count(VIEWER_LINE) == 2  # at the start, and for the reply "yes"
    assert "Saved." not in said and "Traceback" not in said and "One name per reply" not in said  # no answering hints
    assert "Ratings so far\n1.1 Engagement of all schools: not started" in said  # /summary reads
    assert "has no answer this year yet; a note goes with an answer." in said  # nothing held for later
    assert "Your role here does not allow planning actions" in said


def test_a_partner_adds_a_note_to_an_answer_but_never_answers(shared: Path, framework: Framework) -> None:
    with Services.open(shared) as services:
        session, evaluation = north(services, framework, "partner")
        first = session.start()
        assert first.messages[0].text == PARTNER_LINE and first.question is not None
        question = first.question.question_id
        assert "does not allow answering" in session.handle("yes").messages[-1].text
        coordinator = services.person_actor("coordinator")
        services.save_answer(coordinator, evaluation.id, question, status=Status.MET, note="minutes")
        conflict = session.handle("/note the chair signed them")
        assert conflict.failed
        assert "Their answer (Coordinator)" in conflict.messages[-1].text  # the display name, not the login
        turn = session.handle("/note the chair signed them")
        assert turn.saved and not turn.failed
        stored = services.answers(OWNER, evaluation.id)[question]
        assert (stored.status, stored.note, stored.answered_by) == (Status.MET, "minutes; the chair signed them", "partner")


def test_someone_elses_answer_is_told_by_display_name_and_ones_own_other_session_as_such(
    shared: Path, framework: Framework
) -> None:
    with Services.open(shared) as services:
        services.add_person(OWNER, "ann", "Ann [b]Smith[/b]", [])
        services.grant(OWNER, "ann", "coordinator", Scope(partnership="North"))
        mine, evaluation = north(services, framework, "coordinator")
        step = mine.start().question
        assert step is not None
        services.save_answer(services.person_actor("ann"), evaluation.id, step.question_id, status=Status.MET)
        news = mine.catch_up(mine.snapshot())
        assert news[0].text.startswith("Someone else (Ann [b]Smith[/b]) has just answered this question")
        again, _ = north(services, framework, "coordinator")
        other = again.start().question
        assert other is not None
        services.save_answer(services.person_actor("coordinator"), evaluation.id, other.question_id, status=Status.MET)
        assert again.catch_up(again.snapshot())[0].text.startswith("Another session of yours has just answered")


def test_export_all_and_json_show_only_granted_partnerships(
    shared: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``export --all`` as a North viewer: North alone; as the Northshire LA officer: North and South, never West."""
    def run_as(login: str, *argv: str) -> tuple[int, str, str]:
        acting_as(monkeypatch, login)
        code = main(["export", *argv, "--db", str(shared)])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run_as("viewer", "json", "--all")
    assert code == 0, err
    assert [json.loads(part)["partnership"]["name"] for part in out.split("\f\n")] == ["North"]
    code, out, err = run_as("la_officer", "overview", "--all")
    assert code == 0, err
    assert "North" in out and "South" in out and "West" not in out
    code, out, err = run_as("viewer", "json", "--partnership", "West")
    assert code == 2 and out == ""
    assert err == "selfeval: Viewer may not see West: they have no grant for West\n"
    code, out, err = run_as("partner", "json", "--partnership", "North", "--year", YEAR)
    assert code == 2 and out == "" and "Partner may not export" in err and err.count("\n") == 1


async def test_the_start_screen_lists_only_granted_partnerships(shared: Path, framework: Framework) -> None:
    with Store.open(shared) as store:
        viewer = Services(store).person_actor("la_officer")
        app = make_app(store, framework, NewEvaluation(), sections=True, actor=viewer)
        async with app.run_test(size=(120, 40)):
            text = screen_text(app)
    assert f"North (Northshire)  {YEAR}" in text and f"South (Northshire)  {YEAR}" in text
    assert "West" not in text and "Westshire" not in text


def chat_app(store: Store, framework: Framework, login: str) -> tuple[SelfEvalApp, Evaluation]:
    """The TUI on North's evaluation as ``login``, straight into the chat."""
    services = Services(store)
    actor = services.person_actor(login)
    evaluation = services.find(actor, "North", YEAR).evaluation
    assert evaluation is not None
    return make_app(store, framework, evaluation, sections=True, actor=actor), evaluation


async def test_a_viewers_chat_is_visibly_read_only_and_its_screens_still_work(
    shared: Path, framework: Framework
) -> None:
    with Store.open(shared) as store:
        app, evaluation = chat_app(store, framework, "viewer")
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ChatScreen))
            screen = app.screen
            assert screen.has_class("-reading")
            assert VIEWER_LINE in screen_text(app)
            assert not screen.query_one("#quick-keys").visible
            await paste(pilot, "yes")
            await until(pilot, lambda: screen_text(app).count(VIEWER_LINE) >= 2)  # the banner, and the reply to "yes"
            await pilot.press("f4")
            await until(pilot, lambda: isinstance(app.screen, OverviewScreen))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ChatScreen))
            await pilot.press("f6")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen))
            assert app.is_running
        assert Services(store).answers(OWNER, evaluation.id) == {}


def test_a_person_without_a_grant_is_refused_in_one_line_before_the_tui_starts(
    shared: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    acting_as(monkeypatch, "viewer")
    assert main(["chat", "--plain", "--partnership", "West", "--db", str(shared)]) == 2
    _, err = capsys.readouterr()
    assert err == "selfeval: Viewer may not see West: they have no grant for West\n"


async def test_a_partner_is_told_in_one_line_that_they_may_not_export(shared: Path, framework: Framework) -> None:
    with Store.open(shared) as store:
        app, _ = chat_app(store, framework, "partner")
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ChatScreen))
            await pilot.press("f6")
            await settle(pilot)
            assert isinstance(app.screen, ChatScreen)
            assert "Your role here does not allow exporting." in screen_text(app)
            assert PARTNER_LINE.split(";")[0] in screen_text(app)


def test_a_hostile_display_name_in_plain_modes_conflict_line_is_inert(shared: Path, framework: Framework) -> None:
    hostile = "Eve\x1b]0;owned\x07\x9b2J[@click=app.quit]"
    with Services.open(shared) as services:
        services.add_person(OWNER, "eve", hostile, [])
        services.grant(OWNER, "eve", "coordinator", Scope(partnership="North"))
        session, evaluation = north(services, framework, "coordinator")
        session.start()
        step = session.handle("/jump 1.1").question
        assert step is not None and step.tag == "1.1 Developing 1/8"
        services.save_answer(services.person_actor("eve"), evaluation.id, step.question_id, status=Status.MET)
        out = io.StringIO()
        shell.render(session.handle("no"), out)  # shown the question before Eve answered it: a conflict
    said = out.getvalue()
    assert "\x1b" not in said and "\x07" not in said and "\x9b" not in said
    assert "Their answer (Eve␛]0;owned␇�2J[@click=app.quit])" in said
