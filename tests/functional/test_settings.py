"""The remembered theme: the settings file, the app reading and writing it, and ``--theme``.

Every test has its own empty config folder (``SELFEVAL_CONFIG_DIR``, set by conftest).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tui_support import make_app, settle, until

from selfeval_tui.bank import Framework
from selfeval_tui.shells.cli import main
from selfeval_tui.shells.tui import settings
from selfeval_tui.shells.tui.app import DARK, LIGHT
from selfeval_tui.store import Evaluation, Store

pytest_plugins = ("tui_support",)


def test_the_file_is_in_the_config_folder_and_round_trips(_config_dir: Path) -> None:
    assert settings.settings_path() == _config_dir / "settings.json"
    settings.save(settings.Settings(theme="light"))
    assert json.loads((_config_dir / "settings.json").read_text()) == {"theme": "light"}
    assert settings.load() == (settings.Settings(theme="light"), None)
    assert [p.name for p in _config_dir.iterdir()] == ["settings.json"], "no temporary file is left behind"


def test_without_a_file_the_defaults_are_used_quietly() -> None:
    assert settings.load() == (settings.Settings(theme="dark"), None)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{theme: light", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'["light"]', "not a JSON object"),
        (b'{"theme": "blue"}', "unknown theme 'blue'; the themes are dark, light"),
        (b'{"theme": 3}', "unknown theme '3'"),
    ],
)
def test_a_bad_file_gives_the_defaults_and_says_why(_config_dir: Path, content: bytes, says: str) -> None:
    _config_dir.mkdir()
    (_config_dir / "settings.json").write_bytes(content)
    loaded, problem = settings.load()
    assert loaded == settings.Settings()
    assert problem is not None and says in problem and str(_config_dir / "settings.json") in problem
    assert "\n" not in problem


def test_an_unreadable_file_gives_the_defaults(_config_dir: Path) -> None:
    (_config_dir / "settings.json").mkdir(parents=True)  # a folder where the file should be
    loaded, problem = settings.load()
    assert loaded == settings.Settings() and problem is not None and "could not be read" in problem


@hypothesis_settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=64), st.text(max_size=64).map(str.encode)))
def test_no_file_content_stops_the_app(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    loaded, problem = settings.load(path)
    assert loaded.theme in settings.THEMES
    assert problem is None or loaded == settings.Settings()


def test_a_failed_write_keeps_the_old_file(_config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.save(settings.Settings(theme="light"))

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        settings.save(settings.Settings(theme="dark"))
    assert json.loads((_config_dir / "settings.json").read_text()) == {"theme": "light"}
    assert [p.name for p in _config_dir.iterdir()] == ["settings.json"]


async def test_the_theme_chosen_in_the_app_is_the_next_sessions(
    tui_store: Store, framework: Framework, riverside: Evaluation, _config_dir: Path
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test() as pilot:
        assert app.theme == DARK
        assert not (_config_dir / "settings.json").exists(), "nothing is written until the theme is changed"
        app.action_toggle_theme()
        await settle(pilot)
    assert settings.load() == (settings.Settings(theme="light"), None)
    again = make_app(tui_store, framework, riverside)
    async with again.run_test():
        assert again.theme == LIGHT


async def test_the_palette_offers_only_the_two_themes_and_remembers_its_choice(
    tui_store: Store, framework: Framework, riverside: Evaluation
) -> None:
    app = make_app(tui_store, framework, riverside)
    async with app.run_test() as pilot:
        assert set(app.available_themes) == {DARK, LIGHT}
        app.theme = LIGHT  # what the palette's "Change theme" does on Enter
        await settle(pilot)
    assert settings.load()[0].theme == "light"


async def test_the_option_is_for_this_session_only(
    tui_store: Store, framework: Framework, riverside: Evaluation, _config_dir: Path
) -> None:
    settings.save(settings.Settings(theme="dark"))
    app = make_app(tui_store, framework, riverside, theme="light")
    async with app.run_test():
        assert app.theme == LIGHT
    assert settings.load()[0].theme == "dark"


async def test_a_corrupt_file_is_one_notice_and_the_default_theme(
    tui_store: Store, framework: Framework, riverside: Evaluation, _config_dir: Path
) -> None:
    _config_dir.mkdir()
    (_config_dir / "settings.json").write_text("{not json")
    app = make_app(tui_store, framework, riverside)
    async with app.run_test() as pilot:
        await until(pilot, lambda: bool(app._notifications))
        await settle(pilot)
        assert app.theme == DARK
        notices = [n.message for n in app._notifications]
        assert len(notices) == 1 and "could not be read" in notices[0] and "using the defaults" in notices[0]


async def test_a_theme_that_cannot_be_saved_is_a_notice_not_a_crash(
    tui_store: Store,
    framework: Framework,
    riverside: Evaluation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv(settings.CONFIG_ENV, str(blocker))
    app = make_app(tui_store, framework, riverside)
    async with app.run_test() as pilot:
        app.action_toggle_theme()
        await until(pilot, lambda: any("will not be remembered" in n.message for n in app._notifications))
        assert app.theme == LIGHT and app.is_running


@pytest.mark.parametrize("argv", [["--theme", "blue"], ["chat", "--theme", "solarized"]])
def test_a_bad_theme_option_is_one_line_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown theme" in err and "the themes are dark, light" in err


def test_the_option_reaches_the_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``selfeval --theme LIGHT`` and ``selfeval chat --theme light`` both hand "light" to the app."""
    from selfeval_tui.shells.tui import app as tui_app

    seen: list[str | None] = []

    def run(self: tui_app.SelfEvalApp, **_kwargs: object) -> None:
        seen.append(self.theme)

    monkeypatch.setattr(tui_app.SelfEvalApp, "run", run)
    for argv in (["--theme", "LIGHT"], ["chat", "--theme", "light"]):
        assert main(["--db", str(tmp_path / "t.db"), *argv]) == 0
    assert seen == [LIGHT, LIGHT]
