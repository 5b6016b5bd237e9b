"""``selfeval export --format docx|pdf``: files by extension, bytes into a pipe, --template, one-line refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from export_support import PARTNERSHIP, YEAR, sample_db

from selfeval_tui.shells.cli import main

__all__ = ["sample_db"]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["export", "--db", str(db), "--partnership", PARTNERSHIP, "--year", YEAR, "--date", "2027-12-01", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_out_docx_writes_a_word_document(capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "paper.docx"
    assert run(capsys, sample_db, "grid", "--out", str(target)) == (0, f"Wrote {target}\n", "")
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == f"Judgement grid: {PARTNERSHIP}, {YEAR}"


def test_a_word_document_goes_to_a_pipe_as_bytes(capsysbinary: pytest.CaptureFixture[bytes], sample_db: Path) -> None:
    code = main(["export", "grid", "--format", "docx", "--db", str(sample_db), "--partnership", PARTNERSHIP, "--year", YEAR])
    out, _ = capsysbinary.readouterr()
    assert code == 0 and zipfile.is_zipfile(io.BytesIO(out))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["grid", "--format", "docx", "--template", "{tmp}/none.docx"], "selfeval: --template {tmp}/none.docx: there is no such file"),
        (["grid", "--format", "docx", "--template", "{tmp}/plain.txt"], "selfeval: --template {tmp}/plain.txt is not a Word document (.docx or .dotx)"),
        (["grid", "--template", "{tmp}/plain.txt"], "selfeval: --template is for Word documents; add --format docx (or --out FILE.docx)"),
        (["json", "--format", "docx"], "selfeval: the json export can be written as json, not docx"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "plain.txt").write_text("not a document")
    code, out, err = run(capsys, sample_db, *(a.format(tmp=tmp_path) for a in args))
    assert (code, out, err) == (2, "", message.format(tmp=tmp_path) + "\n")


def test_all_as_word_needs_a_folder(capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path) -> None:
    code = main(["export", "overview", "--all", "--format", "docx", "--db", str(sample_db)])
    assert (code, capsys.readouterr().err) == (2, "selfeval: --all writes docx files one each; give --out-dir DIR\n")
    code = main(["export", "overview", "--all", "--format", "docx", "--db", str(sample_db), "--out-dir", str(tmp_path)])
    assert code == 0 and zipfile.is_zipfile(tmp_path / "north-leeds-2026-27-overview.docx")
