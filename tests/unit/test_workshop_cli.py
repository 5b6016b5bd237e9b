"""``selfeval workshop ...`` in one process: what each action says, and bad input as one line, exit 2, nothing changed."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main


@pytest.fixture
def db(tmp_path: Path, framework: Framework, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "selfeval.sqlite3"
    with Services.open(path) as services:
        services.create(Actor.os_user(), framework, "North", "2026/27")
    monkeypatch.setenv("SELFEVAL_DB", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "workshop", "new", "--partnership", "North", "--title", "Autumn", "--date", "2026-11-30",
        "--element", "1.1", "--element", "1.2", "--invite", "Ann", "--invite", "Bob",
    )  # fmt: skip
    assert code == 0 and out == "Workshop 1 planned: Autumn on 2026-11-30; agenda: 1.1, 1.2\n"


def test_a_small_workshop_from_the_command_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan(capsys)
    assert run(capsys, "workshop", "agenda", "move", "1.2", "1")[1].startswith("1. 1.2\tpending")
    assert run(capsys, "workshop", "open", "1.1")[1] == "1.1 is open for discussion (10 minutes)\n"
    assert run(capsys, "workshop", "extend", "7")[1] == "1.1 now has 17 minutes\n"
    assert run(capsys, "workshop", "cut", "2")[1] == "1.1 now has 15 minutes\n"
    assert run(capsys, "workshop", "voting")[1] == "Voting is open on 1.1 (round 1)\n"
    out = run(capsys, "workshop", "vote", "1.1", "established", "--for", "Ann", "--reason", "visits")[1]
    assert out == "Your vote on 1.1 (round 1) is recorded: Established. 1 of 2 have voted. You can change it until the reveal.\n"
    text = run(capsys, "workshop", "status")[1]
    assert "Round 1: 1 of 2 have voted" in text and "Established" not in text and "visits" not in text
    assert "Your vote" not in text  # the OS user enters votes for the invitees, and has none of their own
    assert "the votes are revealed" in run(capsys, "workshop", "vote", "1.1", "abstain", "--for", "Bob")[1]
    text = run(capsys, "workshop", "status")[1]
    assert "Votes: Established 1, Abstain 1" in text and "  Ann: Established (visits)" in text
    out = run(capsys, "workshop", "agree", "1.1", "developed", "--reason", "r", "--dissent", "Ann: too low")[1]
    assert out == "1.1 agreed at Developed; dissent: Ann; the evaluation's agreed rating is saved\n"
    assert run(capsys, "workshop", "next")[1] == "1.2 is open for discussion (10 minutes)\n"
    assert run(capsys, "workshop", "park")[1] == "1.2 is parked for later\n"
    assert run(capsys, "workshop", "next")[1] == "The agenda is done; parked: 1.2 (workshop open ELEMENT)\n"
    shown = json.loads(run(capsys, "workshop", "status", "--json")[1])
    assert [(i["element"], i["state"]) for i in shown["agenda"]] == [("1.2", "parked"), ("1.1", "agreed")]
    assert run(capsys, "workshop", "end")[0] == 0
    code, out, _ = run(capsys, "workshop", "list")
    assert code == 0 and out == "1\t2026-11-30\tended\tNorth 2026/27\tAutumn\n"


@pytest.mark.parametrize(
    "words,message",
    [
        (("vote", "1.1", "great", "--for", "Ann"), "'great' is not a level"),
        (("vote", "1.2", "established", "--for", "Ann"), "the item being discussed is 1.1, not 1.2"),
        (("vote", "1.1", "established", "--for", "Cy"), "Cy is not invited"),
        (("agree", "1.1", "abstain", "--reason", "r"), "an agreed rating is a level"),
        (("agree", "1.1", "developed", "--reason", "r", "--dissent", "no colon"), 'dissent is written "NAME: why"'),
        (("agree", "1.1", "developed", "--reason", " "), "the reason cannot be blank"),
        (("tally", "Established"), "a level and a count"),
        (("extend", "-20"), "cannot be cut below a minute"),
        (("extend", "ten"), "minutes are a whole number"),
        (("open", "9.9"), "9.9 is not on the agenda"),
        (("next",), "1.1 is voting: agree it or park it"),
        (("agenda", "add", "9.9"), "there is no element '9.9'"),
        (("agenda", "move", "1.2"), "needs ELEMENT and POSITION"),
        (("status", "--workshop", "7"), "there is no workshop 7"),
        (("revote",), "a re-vote needs the votes revealed first"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], words: tuple[str, ...], message: str
) -> None:
    plan(capsys)
    run(capsys, "workshop", "next")
    run(capsys, "workshop", "voting")
    before = dump(db)
    code, out, err = run(capsys, "workshop", *words)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1
    assert dump(db) == before


def test_new_needs_a_partnership_and_a_real_date(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("workshop", "new", "--title", "T")
    assert "needs --partnership" in run(capsys, *base, "--date", "2026-11-30")[2]
    assert "real date" in run(capsys, *base, "--partnership", "North", "--date", "2026-02-30")[2]
    assert "no partnership called 'South'" in run(capsys, *base, "--partnership", "South", "--date", "2026-11-30")[2]
    assert run(capsys, "workshop", "status")[2] == (
        "selfeval: no workshop is running or planned here; plan one with 'selfeval workshop new'\n"
    )


def test_two_running_workshops_need_naming(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan(capsys)
    plan_two = ("workshop", "new", "--partnership", "North", "--title", "Spring", "--date", "2027-03-01", "--element", "2.1")
    assert run(capsys, *plan_two)[0] == 0
    assert "more than one workshop is planned (1 (Autumn), 2 (Spring))" in run(capsys, "workshop", "next")[2]
    assert run(capsys, "workshop", "next", "--workshop", "2")[1] == "2.1 is open for discussion (10 minutes)\n"
    assert "Workshop 2: Spring" in run(capsys, "workshop", "status")[1]  # the running one is chosen


def test_export_workshop_minutes_and_their_formats(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan(capsys)
    code, out, _ = run(capsys, "export", "workshop", "--workshop", "1")
    assert code == 0 and out.startswith('# North: minutes of the workshop "Autumn", 30 November 2026\n')
    assert "No vote was taken." in out
    code, out, _ = run(capsys, "export", "workshop", "--workshop", "1", "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "minutes of the workshop" in out
    assert "--workshop is for" in run(capsys, "export", "report", "--partnership", "North", "--workshop", "1")[2]
    assert "workshop 5 is not one of" in run(capsys, "export", "workshop", "--partnership", "North", "--workshop", "5")[2]


def test_minutes_show_what_people_typed_as_inert_text(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan(capsys)
    run(capsys, "workshop", "next")
    run(capsys, "workshop", "voting")
    hostile = "<script>alert(1)</script> | # not a heading ![x](http://evil.example/x.png)"
    run(capsys, "workshop", "vote", "1.1", "developed", "--for", "Ann", "--reason", hostile)
    run(capsys, "workshop", "reveal")
    run(capsys, "workshop", "agree", "1.1", "developed", "--reason", hostile, "--dissent", f"Bob: {hostile}")
    html = run(capsys, "export", "workshop", "--workshop", "1", "--format", "html")[1]
    assert "<script>" not in html and "<img" not in html
    markdown = run(capsys, "export", "workshop", "--workshop", "1")[1]
    assert "\n# not a heading" not in markdown and "](http" not in markdown.replace("\\]", "")
    assert json.loads(run(capsys, "export", "workshop", "--workshop", "1", "--format", "json")[1])[
        "workshops"][0]["items"][0]["agreed"]["reason"] == hostile  # fmt: skip


def test_every_export_kind_has_a_name_on_the_tui_export_screen() -> None:
    from selfeval_tui.exports import KINDS
    from selfeval_tui.shells.tui.screens.export import KIND_NAMES

    assert set(KIND_NAMES) == set(KINDS)
