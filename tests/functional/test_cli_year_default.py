"""Without ``--year``, export and chat take the partnership's latest evaluation and say which on standard error."""

from __future__ import annotations

import argparse
import datetime
import io
from pathlib import Path

import pytest
from export_support import PARTNERSHIP, YEAR, sample_db

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main
from selfeval_tui.shells.cli.tui import opening
from selfeval_tui.store import Evaluation, Store

__all__ = ["sample_db"]

SAID = f"selfeval: exporting {PARTNERSHIP} {YEAR}, its latest evaluation (--year picks another)\n"


def test_export_without_year_is_the_latest_evaluation_and_says_so(
    capsys: pytest.CaptureFixture[str], sample_db: Path
) -> None:
    common = ["export", "overview", "--db", str(sample_db), "--partnership", PARTNERSHIP, "--date", "2027-12-01"]
    assert main(common) == 0
    defaulted = capsys.readouterr()
    assert main([*common, "--year", YEAR]) == 0
    explicit = capsys.readouterr()
    assert defaulted.out == explicit.out and f"{YEAR}" in defaulted.out.splitlines()[0]
    assert (defaulted.err, explicit.err) == (SAID, "")


def test_export_of_a_partnership_with_no_evaluation_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite3"
    with Store.open(db) as store:
        store.create_partnership("Empty", "Leeds")
    assert main(["export", "overview", "--db", str(db), "--partnership", "Empty"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "selfeval: Empty has no evaluation yet, so there is nothing to export\n")


def test_plain_chat_without_year_continues_the_latest_evaluation(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, framework: Framework
) -> None:
    """An evaluation from an earlier academic year is continued, not a new one started beside it."""
    db = tmp_path / "db.sqlite3"
    with Store.open(db) as store:
        Services(store).create(Actor("coordinator"), framework, "Riverside", "2024/25")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # at its end, not a terminal: nothing is asked
    assert main(["chat", "--plain", "--db", str(db), "--partnership", "Riverside"]) == 0
    assert capsys.readouterr().err == "selfeval: continuing Riverside 2024/25, its latest evaluation (--year picks another)\n"
    with Store.open(db) as store:
        partnership = store.partnership_by_name("Riverside")
        assert partnership is not None
        assert [e.year for e in store.list_evaluations(partnership.id)] == ["2024/25"]


def test_the_tui_opens_the_latest_evaluation_without_year(store: Store, framework: Framework) -> None:
    older = Services(store).create(Actor("coordinator"), framework, "Riverside", "2024/25")
    latest = Services(store).create(Actor("coordinator"), framework, "Riverside", "2025/26")
    args = argparse.Namespace(partnership="Riverside", year=None)
    found = opening(Services(store), Actor("coordinator"), args, datetime.date(2026, 11, 30))
    assert isinstance(found, Evaluation) and found.id == latest.id != older.id

