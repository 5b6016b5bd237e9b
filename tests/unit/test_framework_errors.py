"""Malformed banks: each gives its one-line message and exit 2, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from selfeval_tui.shells.cli import main

STRAND2 = "2-quality-first.toml"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, count))


def nth_criterion_question(text: str, element: str, level: str, n: int) -> str:
    """The exact 'question = ...' line of a criterion, to break it on purpose."""
    match = re.search(rf'id = "{re.escape(element)}\.{level.lower()}\.{n}"\n(?:.*\n)*?(question = .*)\n', text)
    assert match
    return match.group(1)


def check(bank: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["questions", "check", "--questions", str(bank)])
    return code, capsys.readouterr().err.strip().splitlines()


def test_missing_question_names_file_element_level_criterion_and_field(bank: Path, capsys) -> None:
    path = bank / STRAND2
    edit(path, nth_criterion_question(path.read_text(), "2.4", "Developed", 3), "")
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == ["questions/2-quality-first.toml: element 2.4, level Developed, criterion 3: 'question' is missing"]


def test_unknown_key_is_an_error(bank: Path, capsys) -> None:
    path = bank / STRAND2
    edit(path, 'label = "', 'lable = "')
    code, lines = check(bank, capsys)
    assert code == 2
    assert any(l.endswith("'lable' is not a known field") and "element 2.1, level Developing, criterion 1" in l for l in lines)


def test_fifth_level(bank: Path, capsys) -> None:
    path = bank / "4-skills-and-cpd.toml"
    text = path.read_text()
    start = text.index('[[elements.levels]]\nname = "Enhancing"')
    end = text.index("[[elements]]", start)
    path.write_text(text[:end] + text[start:end] + text[end:])
    code, lines = check(bank, capsys)
    assert code == 2
    assert any("element 4.1: 'levels' must be exactly Developing, Developed, Established, Enhancing" in l for l in lines)


def test_levels_out_of_order(bank: Path, capsys) -> None:
    path = bank / "4-skills-and-cpd.toml"
    edit(path, 'name = "Developed"', 'name = "Xdeveloped"')
    edit(path, 'name = "Developing"', 'name = "Developed"')
    edit(path, 'name = "Xdeveloped"', 'name = "Developing"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert "questions/4-skills-and-cpd.toml: element 4.1: 'levels' must be exactly Developing, Developed, Established, Enhancing in that order, found Developed, Developing, Established, Enhancing" in lines


def test_unknown_level_name(bank: Path, capsys) -> None:
    edit(bank / "4-skills-and-cpd.toml", 'name = "Enhancing"', 'name = "Outstanding"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert any(l.startswith("questions/4-skills-and-cpd.toml: element 4.1, level Outstanding: 'name'") for l in lines)


def test_duplicate_criterion_id(bank: Path, capsys) -> None:
    edit(bank / "4-skills-and-cpd.toml", 'id = "4.1.developing.2"', 'id = "4.1.developing.1"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == ["questions/4-skills-and-cpd.toml: id '4.1.developing.1' is used more than once (also in questions/4-skills-and-cpd.toml)"]


def test_bad_toml_syntax(bank: Path, capsys) -> None:
    edit(bank / "glossary.toml", 'term = "PA"', 'term = "PA')
    code, lines = check(bank, capsys)
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("questions/glossary.toml: invalid TOML:")


def test_minimums_out_of_order(bank: Path, capsys) -> None:
    edit(bank / "3-additional-provision.toml", "minimum = 91", "minimum = 80")
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == [
        "questions/3-additional-provision.toml: element 3.1, measure 3.1.success-rate: minimums must rise with the level, but Established (80) is not above Developed (85)"
    ]


def test_measure_reference_that_does_not_exist(bank: Path, capsys) -> None:
    edit(bank / "3-additional-provision.toml", 'measure = "3.1.success-rate"', 'measure = "3.1.success"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert any("element 3.1, level Developing, criterion" in l and "'measure' refers to '3.1.success'" in l for l in lines)


def test_level_without_criteria(bank: Path, capsys) -> None:
    path = bank / "4-skills-and-cpd.toml"
    text = path.read_text()
    start = text.index("[[elements.levels.criteria]]\nid = \"4.4.enhancing.1\"")
    path.write_text(text[:start])
    code, lines = check(bank, capsys)
    assert code == 2
    assert "questions/4-skills-and-cpd.toml: element 4.4, level Enhancing: 'criteria' is missing" in lines


def test_minimum_must_be_a_number(bank: Path, capsys) -> None:
    edit(bank / "1-leadership.toml", "minimum = 75", 'minimum = "75%"')
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == ["questions/1-leadership.toml: element 1.4, level Developed, criterion 2: 'minimum' must be a number"]


def test_missing_strand_file_and_bank_folder(bank: Path, tmp_path: Path, capsys) -> None:
    (bank / "4-skills-and-cpd.toml").unlink()
    code, lines = check(bank, capsys)
    assert (code, lines) == (2, ["questions/4-skills-and-cpd.toml: file not found"])
    code, lines = check(tmp_path / "nowhere", capsys)
    assert code == 2 and lines == [f"{tmp_path / 'nowhere'}: no such question bank folder"]


def test_not_utf8(bank: Path, capsys) -> None:
    (bank / "membership.toml").write_bytes(b"\xff\xfe id = 1")
    code, lines = check(bank, capsys)
    assert (code, lines) == (2, ["questions/membership.toml: is not UTF-8 text"])


def test_every_error_is_reported_in_one_run(bank: Path, capsys) -> None:
    edit(bank / "glossary.toml", 'term = "PA"', 'term = "PA')
    edit(bank / "4-skills-and-cpd.toml", 'label = "', 'lable = "')
    code, lines = check(bank, capsys)
    assert code == 2
    assert any("glossary.toml" in l for l in lines) and any("4-skills-and-cpd.toml" in l for l in lines)


def test_no_traceback_from_the_real_command(bank: Path) -> None:
    edit(bank / "1-leadership.toml", "[[elements]]", "[[elements]]\nid = [", 1)
    result = subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "questions", "check", "--questions", str(bank)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("questions/1-leadership.toml: invalid TOML:")


def test_suggestion_from_an_unknown_membership_category(bank: Path, capsys) -> None:
    edit(bank / "1-leadership.toml", 'suggest_from = ["special"]', 'suggest_from = ["specials"]')
    code, lines = check(bank, capsys)
    assert code == 2
    assert lines == [
        "questions/1-leadership.toml: element 1.1, level Developing, criterion 6: 'suggest_from' names 'specials', which is not a membership category"
    ]
