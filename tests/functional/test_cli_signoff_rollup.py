"""``selfeval evaluation submit|sign-off|reopen|status``, ``selfeval export rollup`` and ``selfeval rollup FILE.json``.

Run through ``main`` as a user would type them: one line and exit 2 for every
refusal, the lock's line for a write to a signed-off evaluation, and a roll-up
of two databases (one of them as a JSON export) with a bad file left out by name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from people_support import OWNER

from selfeval_tui.bank import Framework
from selfeval_tui.domain.records import Status
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main

YEAR = "2026/27"


@pytest.fixture
def db(tmp_path: Path, framework: Framework) -> Path:
    path = tmp_path / "here.sqlite3"
    with Services.open(path) as services:
        for name in ("North", "South"):
            evaluation = services.create(OWNER, framework, name, YEAR, local_authority="Northshire")
            services.save_answer(OWNER, evaluation.id, "1.1.developing.1", status=Status.NOT_MET)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_submit_sign_off_reopen_and_status(capsys: pytest.CaptureFixture[str], db: Path, framework: Framework) -> None:
    where = ["--db", str(db), "--partnership", "North", "--year", YEAR]
    assert run(capsys, "evaluation", "submit", *where) == (0, f"{YEAR} of North: Submitted for sign-off\n", "")
    code, out, _ = run(capsys, "evaluation", "sign-off", *where, "--date", "2027-07-15", "--comment", "approved")
    assert code == 0 and out.startswith(f"{YEAR} of North: Signed off by ") and out.endswith(" on 15 July 2027\n")
    with Services.open(db) as services:
        north = services.find(OWNER, "North", YEAR).evaluation
        assert north is not None
        with pytest.raises(Exception, match=r"^2026/27 of North was signed off by .* on 15 July 2027; a chair or admin can reopen it"):
            services.save_answer(OWNER, north.id, "1.1.developing.2", status=Status.MET)
    code, out, err = run(capsys, "evaluation", "reopen", *where)
    assert code == 2 and "--reason" in err and "\n" == err[-1] and err.count("\n") == 1
    assert run(capsys, "evaluation", "reopen", *where, "--reason", "figures corrected")[0] == 0
    code, out, _ = run(capsys, "evaluation", "status", *where)
    lines = out.splitlines()
    assert lines[0] == f"{YEAR} of North: Reopened after sign-off"
    assert [line.split()[2] for line in lines[1:]] == ["submitted", "signed", "reopened"]
    assert lines[-1].endswith(": figures corrected")


def test_a_step_out_of_order_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, "evaluation", "sign-off", "--db", str(db), "--partnership", "North", "--year", YEAR)
    assert code == 2 and out == ""
    assert err == "selfeval: 2026/27 of North is draft; the coordinator submits it first, then a chair signs it off\n"


def test_export_rollup_and_a_rollup_of_two_databases_with_a_bad_file(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, framework: Framework
) -> None:
    code, out, err = run(capsys, "export", "rollup", "--db", str(db), "--la", "Northshire", "--date", "2027-07-20")
    assert code == 0 and err == ""
    assert out.startswith("# Roll-up: Northshire, latest evaluations") and "| North |" in out and "| South |" in out
    other = tmp_path / "there.sqlite3"
    with Services.open(other) as services:
        east = services.create(OWNER, framework, "East", YEAR, local_authority="Northshire")
        services.save_answer(OWNER, east.id, "1.1.developing.1", status=Status.NOT_MET)
    east_json = tmp_path / "east.json"
    assert run(capsys, "export", "json", "--db", str(other), "--partnership", "East", "--year", YEAR, "--out", str(east_json))[0] == 0
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    out_file = tmp_path / "rollup.json"
    code, out, err = run(capsys, "rollup", "--db", str(db), str(east_json), str(bad), "--out", str(out_file), "--date", "2027-07-20")
    assert code == 0 and out == f"Wrote {out_file} (3 partnerships)\n"
    assert err == f"selfeval: {bad}: is not a selfeval JSON export (no schema_version, partnership or elements); left out\n"
    rolled = json.loads(out_file.read_text(encoding="utf-8"))
    assert [p["partnership"] for p in rolled["partnerships"]] == ["East", "North", "South"]
    assert rolled["most_unmet"][0]["partnerships"] == ["East", "North", "South"]


def test_a_rollup_with_nothing_to_show_is_one_line(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, "export", "rollup", "--db", str(db), "--la", "Nowhere")
    assert (code, out) == (2, "") and err == "selfeval: no partnership in Nowhere to roll up\n"
    code, _, err = run(capsys, "export", "rollup", "--db", str(db), "--partnership", "North")
    assert code == 2 and "leave out --partnership" in err


def test_plain_mode_opens_a_signed_off_evaluation_read_only(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    import subprocess
    import sys

    where = ["--db", str(db), "--partnership", "North", "--year", YEAR]
    assert run(capsys, "evaluation", "submit", *where)[0] == 0
    assert run(capsys, "evaluation", "sign-off", *where, "--date", "2027-07-15")[0] == 0
    with Services.open(db) as services:
        north = services.find(OWNER, "North", YEAR).evaluation
        assert north is not None
        before = services.answers(OWNER, north.id)
    result = subprocess.run(
        [sys.executable, "-m", "selfeval_tui", "chat", "--plain", *where],
        input="/jump 1.1\nyes\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Read-only: 2026/27 of North was signed off by " in result.stdout
    assert "Not saved: 2026/27 of North was signed off by " in result.stdout
    with Services.open(db) as services:
        assert services.answers(OWNER, north.id) == before
