"""Shared fixtures: the bundled bank (loaded once) and a fresh database per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
pytest.register_assert_rewrite("tui_support", "workshop_screens_support", "export_support", "inert_support", "store_fixtures", "judgement_support")

from selfeval_tui.bank import Framework, bundled_questions_dir, load_framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _bank_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bank cache goes to a folder of this run (inherited by the app processes tests start), never the user's."""
    from selfeval_tui.bank.cache import CACHE_ENV

    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings (the remembered theme) go to a folder of this test, never the user's, and start absent."""
    from selfeval_tui.shells.tui.settings import CONFIG_ENV

    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework()


@pytest.fixture(scope="session")
def bank_dir() -> Path:
    return bundled_questions_dir()


@pytest.fixture
def bank(tmp_path: Path, bank_dir: Path) -> Path:
    """A copy of the bundled bank that a test may edit."""
    import shutil

    copy = tmp_path / "questions"
    shutil.copytree(bank_dir, copy)
    return copy


@pytest.fixture
def store(tmp_path: Path):
    from selfeval_tui.store import Store

    with Store.open(tmp_path / "selfeval.sqlite3") as opened:
        yield opened


@pytest.fixture
def evaluation(store, framework: Framework):
    return Services(store).create(Actor("coordinator"), framework, "North Leeds", "2026/27", local_authority="Leeds")


@pytest.fixture
def new_session(store, framework: Framework, evaluation):
    """A factory: each call is a fresh process's view of the same evaluation."""
    from selfeval_tui.conversation import Mode, Session

    def make(mode: Mode = Mode.ADAPTIVE) -> Session:
        return Session(Services(store), framework, evaluation, mode, actor=Actor("coordinator"))

    return make
