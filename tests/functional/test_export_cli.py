"""``selfeval export``: standard output or --out, byte-identical for the same --date, one-line errors."""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from export_support import PARTNERSHIP, YEAR, sample_db

from selfeval_tui.exports import KINDS, default_filename
from selfeval_tui.shells.cli import main
from selfeval_tui.store import Evaluation, Partnership

__all__ = ["sample_db"]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["export", "--db", str(db), "--partnership", PARTNERSHIP, "--year", YEAR, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_goes_to_stdout_the_same_twice(capsys: pytest.CaptureFixture[str], sample_db: Path, kind: str) -> None:
    first = run(capsys, sample_db, kind, "--date", "2027-12-01")
    second = run(capsys, sample_db, kind, "--date", "2027-12-01")
    assert first[0] == 0 and first[2] == "" and first[1]
    assert first == second


def test_markdown_kinds_render_as_html(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    for kind in ("overview", "grid", "report"):
        code, out, _ = run(capsys, sample_db, kind, "--format", "html", "--date", "2027-12-01")
        assert code == 0 and out.startswith("<!DOCTYPE html>")


def test_out_writes_the_file_and_takes_its_format_from_the_extension(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "paper.html"
    code, out, _ = run(capsys, sample_db, "report", "--out", str(target), "--date", "2027-12-01", "--prepared-by", "Sam")
    assert code == 0 and out == f"Wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Prepared by: Sam" in page
    csv_file = tmp_path / "e.csv"
    assert run(capsys, sample_db, "csv", "--out", str(csv_file))[0] == 0
    assert csv_file.read_bytes().count(b"\r\n") == 22  # header and 21 elements, CRLF kept on disk


def test_without_date_the_paper_is_dated_today(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    _, out, _ = run(capsys, sample_db, "json")
    assert f'"date": "{datetime.date.today().isoformat()}"' in out


def test_a_folder_is_never_written_over(capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, sample_db, "overview", "--out", str(tmp_path))
    assert code == 2 and out == ""
    assert err == f"selfeval: {tmp_path} is a folder; give a file name, for example {tmp_path}/north-leeds-2026-27-overview.md\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nonsense"], "selfeval: unknown export 'nonsense'; choose one of overview, grid, report, json, csv, actions, workshop"),
        (["json", "--format", "md"], "selfeval: the json export can be written as json, not md"),
        (["csv", "--format", "html"], "selfeval: the csv export can be written as csv, not html"),
        (["report", "--format", "csv"], "selfeval: the report export can be written as md, html, docx or pdf, not csv"),
        (["grid", "--date", "1/12/2027"], "selfeval: --date must be a real date written YYYY-MM-DD, not '1/12/2027'"),
        (["grid", "--date", "2027-02-30"], "selfeval: --date must be a real date written YYYY-MM-DD, not '2027-02-30'"),
        (["grid", "--year", "2030/31"], "selfeval: North Leeds has no evaluation for 2030/31 (it has 2025/26, 2026/27)"),
        (["grid", "--partnership", "South"], "selfeval: there is no partnership called 'South' in {db}"),
        (["grid", "--year", "2026"], "selfeval: academic year must look like 2026/27 (two consecutive years), not '2026'"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], sample_db: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, sample_db, *args)
    assert (code, out, err) == (2, "", message.format(db=sample_db) + "\n")


def test_a_partnership_is_required(capsys: pytest.CaptureFixture[str], sample_db: Path) -> None:
    assert main(["export", "grid", "--db", str(sample_db), "--year", YEAR]) == 2
    err = capsys.readouterr().err
    assert err == "selfeval: export needs --partnership NAME (and --year YYYY/YY, else its latest evaluation)\n"


def test_a_missing_database_is_reported_not_created(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, _, err = run(capsys, missing, "grid")
    assert code == 2 and err == f"selfeval: {missing}: there is no database here, so there is nothing to export\n"
    assert not missing.exists()


def test_default_filename_is_a_safe_slug() -> None:
    stamp = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
    partnership = Partnership(id=1, name="Ëast Leeds & Pudsey / North", local_authority="", created_at=stamp)
    evaluation = Evaluation(
        id=1, partnership_id=1, year="2026/27", framework_id="f", framework_hash="h", created_at=stamp,
        updated_at=stamp, carried_from=None,
    )  # fmt: skip
    assert default_filename(evaluation, partnership, "overview", "md") == "east-leeds-pudsey-north-2026-27-overview.md"
    assert default_filename(evaluation, partnership, "report", "html") == "east-leeds-pudsey-north-2026-27-report.html"
    assert default_filename(evaluation, dataclasses.replace(partnership, name="???"), "csv", "csv") == (
        "partnership-2026-27-csv.csv"
    )


def test_exports_never_import_textual_and_the_parser_stays_light() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "import selfeval_tui.shells.cli as cli\n"
        "cli.build_parser()\n"
        "light = 'markdown_it' not in sys.modules and 'selfeval_tui.exports.data' not in sys.modules\n"
        "import selfeval_tui.exports as exports\n"
        "for m in pkgutil.iter_modules(exports.__path__): importlib.import_module(f'{exports.__name__}.{m.name}')\n"
        "print(light, sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True []"
