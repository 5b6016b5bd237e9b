"""Creating a partnership or year from plain mode: confirmed when someone is typing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from selfeval_tui.shells.cli import main
from selfeval_tui.store import Store


class Typing(io.StringIO):
    """Standard input that says it is a terminal, as when a coordinator types."""

    def isatty(self) -> bool:
        return True


def run(monkeypatch, capsys, db: Path, typed: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", Typing(typed))
    code = main(["chat", "--plain", "--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_asks_name_confirms_and_asks_local_authority(monkeypatch, capsys, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    code, out, _ = run(monkeypatch, capsys, db, "East Ridings\ny\nEast Riding of Yorkshire\n/quit\n", "--year", "2026/27")
    assert code == 0
    assert "Partnership name: " in out
    assert "Create partnership 'East Ridings' and its 2026/27 evaluation? [y/N] " in out
    with Store.open(db) as store:
        partnership = store.partnership_by_name("East Ridings")
        assert partnership is not None and partnership.local_authority == "East Riding of Yorkshire"
        assert store.evaluation(partnership.id, "2026/27") is not None


def test_declining_creates_nothing(monkeypatch, capsys, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    code, _, err = run(monkeypatch, capsys, db, "n\n", "--partnership", "West", "--year", "2026/27")
    assert code == 2 and err.strip() == "selfeval: nothing created"
    with Store.open(db) as store:
        assert store.list_partnerships() == []


@pytest.mark.parametrize("answer", ["y", "n"])
def test_new_year_offers_to_carry_forward(monkeypatch, capsys, tmp_path: Path, answer: str) -> None:
    db = tmp_path / "db.sqlite3"
    run(monkeypatch, capsys, db, "y\n\n/jump 1.1\nyes, on the website\n/quit\n", "--partnership", "West", "--year", "2025/26")
    code, out, _ = run(monkeypatch, capsys, db, f"y\n{answer}\n/jump 1.1\n/quit\n", "--partnership", "West", "--year", "2026/27")
    assert code == 0
    assert "Start from last year's answers, each to be confirmed? [y/N] " in out
    with Store.open(db) as store:
        west = store.partnership_by_name("West")
        answers = store.answers(store.evaluation(west.id, "2026/27").id)
    if answer == "y":
        assert answers["1.1.developing.1"].carried_forward and answers["1.1.developing.1"].note == "on the website"
        assert "Last year's answer: met (note: on the website) - carried forward from last year, not yet confirmed." in out
    else:
        assert answers == {}
