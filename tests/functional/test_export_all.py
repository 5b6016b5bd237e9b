"""``selfeval export KIND --all``: every partnership's export in one run, to standard output or --out-dir.

Each export is byte for byte what ``--partnership`` gives for the same evaluation
and date; on standard output they come in partnership-name order, each after a
line holding only a form feed; with ``--out-dir`` one file each, named as the
TUI suggests. Everything the user can get wrong is one line, exit 2, and
nothing written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.conversation.progress import counted_question_ids
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main
from selfeval_tui.store import Status, Store

DATE = ("--date", "2027-01-15")


@pytest.fixture
def db(tmp_path: Path, framework: Framework) -> Path:
    """Three partnerships: Riverside with two years, East Bay with 2025/26 only, West Vale with none."""
    path = tmp_path / "all.sqlite3"
    ids = counted_question_ids(framework)
    with Store.open(path) as store:
        for name, year, answered in (
            ("Riverside", "2025/26", 20),
            ("Riverside", "2026/27", 5),
            ("East Bay", "2025/26", 9),
        ):
            evaluation = Services(store).create(Actor("coordinator"), framework, name, year, local_authority="Leeds")
            for question_id in ids[:answered]:
                store.save_answer(evaluation.id, question_id, status=Status.MET, note=f"{name} {year}", by="coordinator")
        store.create_partnership("West Vale")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def one(capsys: pytest.CaptureFixture[str], db: Path, kind: str, name: str, year: str, *args: str) -> str:
    code, out, _ = run(capsys, kind, "--db", str(db), "--partnership", name, "--year", year, *DATE, *args)
    assert code == 0
    return out


def test_all_to_standard_output_is_each_export_in_name_order_after_a_form_feed_line(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, err = run(capsys, "report", "--all", "--db", str(db), *DATE)
    assert code == 0
    assert err == "selfeval: skipped West Vale: no evaluation yet\n"
    expected = [one(capsys, db, "report", "East Bay", "2025/26"), one(capsys, db, "report", "Riverside", "2026/27")]
    assert out.split("\f\n") == expected
    assert out == "\f\n".join(expected)


def test_a_form_feed_typed_in_a_note_or_a_name_does_not_split_an_export(
    capsys: pytest.CaptureFixture[str], db: Path, framework: Framework
) -> None:
    with Store.open(db) as store:
        evaluation = Services(store).create(Actor("coordinator"), framework, "Form\fFeed", "2026/27")
        for question_id in counted_question_ids(framework)[:3]:
            store.save_answer(evaluation.id, question_id, status=Status.MET, note="minutes\f\nof\fMarch", by="coordinator")
    for kind, fmt in (("report", "md"), ("report", "html"), ("grid", "md"), ("json", "json"), ("csv", "csv")):
        code, out, _ = run(capsys, kind, "--format", fmt, "--all", "--db", str(db), *DATE)
        assert code == 0 and out.count("\f") == 2 and len(out.split("\f\n")) == 3


def test_year_picks_that_years_evaluation_and_skips_partnerships_without_it(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, err = run(capsys, "json", "--all", "--year", "2026/27", "--db", str(db), *DATE)
    assert code == 0
    assert out == one(capsys, db, "json", "Riverside", "2026/27")
    assert err.splitlines() == [
        "selfeval: skipped East Bay: no evaluation for 2026/27",
        "selfeval: skipped West Vale: no evaluation for 2026/27",
    ]


def test_out_dir_writes_one_file_each_named_as_the_tui_suggests(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "riverside-2026-27-report.html").write_text("last month's", encoding="utf-8")
    code, out, _ = run(capsys, "report", "--all", "--format", "html", "--out-dir", str(folder), "--db", str(db), *DATE)
    assert code == 0 and out == f"Wrote 2 files to {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == ["east-bay-2025-26-report.html", "riverside-2026-27-report.html"]
    for name, year in (("East Bay", "2025/26"), ("Riverside", "2026/27")):
        written = folder / f"{name.lower().replace(' ', '-')}-{year.replace('/', '-')}-report.html"
        assert written.read_text(encoding="utf-8") == one(capsys, db, "report", name, year, "--format", "html")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "--partnership", "Riverside"], "leave out --partnership"),
        (["--all", "--out", "x.md"], "give --out-dir DIR instead of --out"),
        (["--out-dir", "{folder}"], "--out-dir is for --all"),
        (["--all", "--out-dir", "{folder}/missing"], "does not exist"),
        (["--all", "--out-dir", "{folder}/file.md"], "is not a folder"),
        (["--all", "--year", "2026"], "2026"),
        (["--all", "--year", "2019/20"], "no partnership in"),
        (["--all", "--format", "csv"], "not csv"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "file.md").write_text("kept", encoding="utf-8")
    argv = [a.replace("{folder}", str(folder)) for a in args]
    code, out, err = run(capsys, "report", *argv, "--db", str(db), *DATE)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert [p.name for p in folder.iterdir()] == ["file.md"]
    assert (folder / "file.md").read_text(encoding="utf-8") == "kept"


def test_two_partnerships_with_the_same_file_name_write_nothing(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, framework: Framework
) -> None:
    with Store.open(db) as store:
        Services(store).create(Actor("coordinator"), framework, "RIVERSIDE!", "2026/27")
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = run(capsys, "grid", "--all", "--out-dir", str(folder), "--db", str(db), *DATE)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "riverside-2026-27-grid.md" in err and "nothing was written" in err
    assert list(folder.iterdir()) == []


def test_no_database_is_one_line_and_none_is_made(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    code, out, err = run(capsys, "report", "--all", "--db", str(missing))
    assert code == 2 and out == "" and err.count("\n") == 1 and "no database" in err
    assert not missing.exists()
