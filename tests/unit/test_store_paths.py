"""Where the database file lives: --db, then $SELFEVAL_DB, then the user's data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from selfeval_tui.store import Store, default_db_path, resolve_db_path


def test_the_default_is_selfeval_sqlite3_in_the_platform_data_folder() -> None:
    expected = Path(platformdirs.user_data_dir("selfeval-tui", appauthor=False)) / "selfeval.sqlite3"
    assert default_db_path() == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG applies on Linux")
def test_the_default_follows_xdg_data_home_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "selfeval-tui" / "selfeval.sqlite3"


def test_db_option_wins_over_the_environment(tmp_path: Path) -> None:
    env = {"SELFEVAL_DB": str(tmp_path / "from-env.sqlite3")}
    assert resolve_db_path(tmp_path / "from-cli.sqlite3", env) == tmp_path / "from-cli.sqlite3"


def test_the_environment_wins_over_the_default(tmp_path: Path) -> None:
    assert resolve_db_path(None, {"SELFEVAL_DB": str(tmp_path / "shared.sqlite3")}) == tmp_path / "shared.sqlite3"


@pytest.mark.parametrize("env", [{}, {"SELFEVAL_DB": ""}, {"SELFEVAL_DB": "   "}])
def test_no_option_and_no_variable_means_the_default(env: dict[str, str]) -> None:
    assert resolve_db_path(None, env) == default_db_path()


def test_home_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_db_path(None, {"SELFEVAL_DB": "~/shared.sqlite3"}) == tmp_path / "shared.sqlite3"
    assert resolve_db_path(Path("~/mine.sqlite3"), {}) == tmp_path / "mine.sqlite3"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG applies on Linux")
def test_the_file_and_its_folders_are_created_on_first_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = resolve_db_path(None, {})
    assert path == tmp_path / "data" / "selfeval-tui" / "selfeval.sqlite3"
    with Store.open(path) as store:
        assert store.path == path and not store.readonly
    assert path.is_file()
