"""Hostile banks: deep nesting, ids selfeval keeps for itself, files outside the bank folder or not files at all.

Each is one line naming the file (and element, level, criterion and field where
there is one) and exit 2, never a traceback, a hang or a read outside the bank.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.bank.checks import reserved_use
from selfeval_tui.conversation.sections import LOCAL_OUTCOMES_ID, membership_id
from selfeval_tui.conversation.steps import Snapshot, judgement_id, outcome_steps
from selfeval_tui.shells.cli import main

RESERVED_JUDGEMENT = "selfeval stores the agreed rating of an element under ids like it; choose another id"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, count))


def check(bank: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["questions", "check", "--questions", str(bank)])
    captured = capsys.readouterr()
    assert code == 0 or captured.out == ""
    return code, captured.err.strip().splitlines()


def run_check(bank: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """In a real process with a timeout, where a regression could hang or overflow the stack."""
    return subprocess.run(
        [sys.executable, "-m", "selfeval_tui", *(command or ("questions", "check")), "--questions", str(bank)],
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- nesting -------------------------------------------------------------------


@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, "{a = " * 5000 + "1" + "}" * 5000], ids=["arrays", "tables"])
def test_a_file_nested_5000_deep_is_one_line(bank: Path, nested: str) -> None:
    (bank / "glossary.toml").write_text(f"terms = {nested}\n")
    result = run_check(bank)
    assert result.returncode == 2
    assert result.stderr == "questions/glossary.toml: invalid TOML: arrays or tables are nested too deeply\n"


# -- reserved ids ----------------------------------------------------------------


def test_a_criterion_id_of_an_elements_judgement_is_refused(bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(bank / "1-leadership.toml", 'id = "1.1.developing.1"', 'id = "1.1.judgement"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == [
        "questions/1-leadership.toml: element 1.1, level Developing, criterion 1: "
        f"'id' '1.1.judgement' is reserved: {RESERVED_JUDGEMENT}"
    ]


@pytest.mark.parametrize(
    ("reserved", "use"),
    [
        ("membership.secondary", "the members of a membership category"),
        ("Outcome.pa.target", "an outcome's target and values"),
        ("outcomes.local", "the partnership's local outcomes"),
        ("2.1.Judgement", "the agreed rating of an element"),
    ],
)
def test_other_ids_of_the_app_are_refused_in_any_case(
    bank: Path, capsys: pytest.CaptureFixture[str], reserved: str, use: str
) -> None:
    edit(bank / "2-quality-first.toml", 'id = "2.1.developed.1"', f'id = "{reserved}"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == [
        "questions/2-quality-first.toml: element 2.1, level Developed, criterion 1: "
        f"'id' {reserved!r} is reserved: selfeval stores {use} under ids like it; choose another id"
    ]


def test_a_measure_id_is_checked_too(bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(bank / "1-leadership.toml", '"1.4.sessions-380"', '"1.4.judgement"', count=-1)
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == [
        f"questions/1-leadership.toml: element 1.4, measure 1.4.judgement: 'id' '1.4.judgement' is reserved: {RESERVED_JUDGEMENT}"
    ]


def test_every_id_the_app_stores_answers_under_is_reserved(framework: Framework) -> None:
    app_ids = [judgement_id(element) for element in framework.elements]
    app_ids += [membership_id(category) for category in framework.membership]
    app_ids += [LOCAL_OUTCOMES_ID]
    app_ids += [step.question_id for step in outcome_steps(framework, Snapshot({}, {}), "autumn")]
    assert len(app_ids) > len(framework.elements) + len(framework.membership) + 1
    assert [qid for qid in app_ids if reserved_use(qid) is None] == []


def test_no_id_of_the_bundled_bank_is_reserved(framework: Framework) -> None:
    bank_ids = [m.id for e in framework.elements for m in e.measures]
    bank_ids += [c.id for e in framework.elements for level in e.levels for c in level.criteria]
    assert len(bank_ids) > 250
    assert [qid for qid in bank_ids if reserved_use(qid) is not None] == []


# -- files outside the bank ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "name"),
    [
        ('"1-leadership.toml"', '"../../../../etc/passwd"', "strands[1]", "../../../../etc/passwd"),
        ('"4-skills-and-cpd.toml"', '"/etc/passwd"', "strands[4]", "/etc/passwd"),
        ('outcomes = "outcomes.toml"', 'outcomes = "../outcomes.toml"', "outcomes", "../outcomes.toml"),
        ('glossary = "glossary.toml"', 'glossary = "sub/glossary.toml"', "glossary", "sub/glossary.toml"),
        ('membership = "membership.toml"', 'membership = "membership.txt"', "membership", "membership.txt"),
    ],
)
def test_a_file_name_leading_out_of_the_bank_is_refused(
    bank: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str, name: str
) -> None:
    edit(bank / "framework.toml", old, new)
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == [
        f"questions/framework.toml: '{field}' names {name!r}, which is not a file in the bank folder "
        "(give the plain name of a .toml file beside framework.toml)"
    ]


def test_a_link_out_of_the_bank_is_refused(bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere.toml"
    (bank / "glossary.toml").rename(outside)
    (bank / "glossary.toml").symlink_to(outside)
    code, lines = check(bank, capsys)
    assert (code, lines) == (2, ["questions/glossary.toml: is a link to a file outside the bank folder"])


def test_a_link_inside_the_bank_is_followed(bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (bank / "glossary.toml").rename(bank / "terms.toml")
    (bank / "glossary.toml").symlink_to("terms.toml")
    assert check(bank, capsys)[0] == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", [("questions", "check"), ("questions", "show")])
def test_a_fifo_in_the_bank_is_refused_without_hanging(bank: Path, command: tuple[str, ...]) -> None:
    (bank / "glossary.toml").unlink()
    os.mkfifo(bank / "glossary.toml")
    result = run_check(bank, *command)
    assert result.returncode == 2
    assert result.stderr == "questions/glossary.toml: is a named pipe (FIFO), not a regular file\n"


def test_a_loop_of_links_is_one_line(bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (bank / "glossary.toml").unlink()
    (bank / "glossary.toml").symlink_to("loop.toml")
    (bank / "loop.toml").symlink_to("glossary.toml")
    code, lines = check(bank, capsys)
    assert code == 2 and len(lines) == 1
    assert lines[0].startswith("questions/glossary.toml: cannot be read (") and "loop" in lines[0].lower()
