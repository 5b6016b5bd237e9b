"""``selfeval chat --plain`` end to end, in a subprocess with piped input."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Session
from selfeval_tui.domain.judgement import judge
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

ARGS = ["--partnership", "North Leeds", "--year", "2026/27"]


def plain(db: Path, stdin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "chat", "--plain", "--db", str(db), *ARGS, *extra],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


SECTION_REPLIES = {"membership": "done", "outcome_target": "none", "outcome_value": "5", "local_outcomes": "done"}


def reply_for(session: Session) -> str:
    step = session.conversation.current
    assert step is not None
    if step.kind in SECTION_REPLIES:
        return SECTION_REPLIES[step.kind]
    if step.kind == "judgement":
        return "agree"
    if step.kind == "measure":
        return {"percent": "100", "checklist": "all", "success_rate": "30 of 30"}[step.measure.kind]
    return "yes"


def test_questions_are_one_line_with_tag_and_bank_text(tmp_path: Path, framework: Framework) -> None:
    result = plain(tmp_path / "db.sqlite3", "/jump 1.1\nyes, minutes\nmaybe\npartly\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    questions = [line for line in lines if line.startswith("[")]
    first = framework.element("1.1").levels[0].criteria
    assert questions == [
        "[membership] Which secondary schools are members of the partnership?",
        f"[1.1 Developing 1/8] {first[0].question}",
        f"[1.1 Developing 2/8] {first[1].question}",
        f"[1.1 Developing 2/8] {first[1].question}",
        f"[1.1 Developing 3/8] {first[2].question}",
    ]
    assert "  Reply yes, partly, no, not sure or n/a (anything after the first word is kept as your evidence note)." in lines
    assert "\x1b" not in result.stdout
    with Store.open(tmp_path / "db.sqlite3") as store:
        evaluation = store.evaluation(store.partnership_by_name("North Leeds").id, "2026/27")
        answers = store.answers(evaluation.id)
    assert {q: (a.status.value, a.note) for q, a in answers.items()} == {
        "1.1.developing.1": ("met", "minutes"),
        "1.1.developing.2": ("partly", ""),
    }


@pytest.mark.slow
def test_a_whole_evaluation_completed_resumed_and_reviewed(tmp_path: Path, framework: Framework, store, evaluation) -> None:
    """Replies are worked out in-process, then piped to the real command in two sittings."""
    session = Session(Services(store), framework, evaluation, sections=True, actor=Actor("coordinator"))
    turn = session.start()
    replies = []
    while turn.question is not None:
        reply = reply_for(session)
        replies.append(reply)
        turn = session.handle(reply)
    assert len(replies) > 200
    db = tmp_path / "plain.sqlite3"
    half = len(replies) // 2
    first = plain(db, "\n".join(replies[:half]) + "\n")
    assert first.returncode == 0, first.stderr
    second = plain(db, "\n".join(replies[half:]) + "\n/summary\n/quit\n")
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("Welcome back. ")
    assert "The self-evaluation is complete: every element has a rating." in second.stdout
    assert "[done] Type /summary" in second.stdout
    assert "4.4 Sharing what works: Enhancing" in second.stdout
    with Store.open(db) as check:
        ev = check.evaluation(check.partnership_by_name("North Leeds").id, "2026/27")
        answers = check.answers(ev.id)
        assert len(check.outcome_targets(ev.partnership_id)) == 8
        assert {v.period for v in check.outcome_values(ev.id)} == {"baseline"}
    for element in framework.elements:
        assert judge(element, answers).computed == 4, element.id
        assert answers[f"{element.id}.judgement"].value == 4


def test_end_of_input_stops_cleanly_with_answers_saved(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    result = plain(db, "/jump 1.1\nyes\nno")
    assert result.returncode == 0
    lines = result.stdout.rstrip().splitlines()
    assert lines[-3].startswith("[1.1 Developing 3/8]")
    assert lines[-1].startswith("End of input. Everything you answered is saved; the same command picks up at 1.1 Developing 3/8: ")
    again = plain(db, "/jump 1.1\n")
    assert "[1.1 Developing 3/8]" in again.stdout


def test_new_partnership_needs_a_name_when_not_interactive(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "chat", "--plain", "--db", str(tmp_path / "x.db")],
        input="", capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "selfeval: --partnership NAME is required when input is not a terminal"


def test_bad_year_is_one_line(tmp_path: Path) -> None:
    result = plain(tmp_path / "x.db", "", "--year", "2026/28")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "2026/27" in result.stderr and "Traceback" not in result.stderr


def test_database_path_that_is_a_directory(tmp_path: Path) -> None:
    result = plain(tmp_path, "yes\n")
    assert result.returncode == 2
    assert re.fullmatch(r"selfeval: .+\n", result.stderr)
    assert "Traceback" not in result.stderr
