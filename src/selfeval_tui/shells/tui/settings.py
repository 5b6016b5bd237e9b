"""The TUI's remembered settings: for now the theme, in ``settings.json`` in the user's config folder.

A small JSON file (``{"theme": "light"}``), read once at start (json is cheap to
import; a TOML parser is not, and startup is measured). It is written whole to a
temporary file that then replaces the old one, so a crash or a full disk never
leaves half a file. A file that cannot be read, or says something unknown, never
stops the app: the defaults are used and the app says so once. Imports no Textual,
so the command line can check ``--theme`` before the terminal is taken over.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "selfeval-tui"
CONFIG_ENV = "SELFEVAL_CONFIG_DIR"
FILENAME = "settings.json"

THEMES = {"dark": "textual-dark", "light": "textual-light"}
"""The themes on offer (their colours are the ones tested for contrast), by the name users type."""

DEFAULT_THEME = "dark"


@dataclass(frozen=True)
class Settings:
    """What the TUI remembers between sessions (for now the theme)."""

    theme: str = DEFAULT_THEME


def settings_path() -> Path:
    """``$SELFEVAL_CONFIG_DIR/settings.json``, else in the platform's user config folder (~/.config/selfeval-tui)."""
    folder = os.environ.get(CONFIG_ENV)
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir(APP_NAME, appauthor=False)
    return Path(folder) / FILENAME


def theme_name(name: str) -> str:
    """A theme name as users type it (any case, spaces around), or ValueError naming the ones there are."""
    key = name.strip().lower()
    if key not in THEMES:
        raise ValueError(f"unknown theme {name!r}; the themes are {', '.join(THEMES)}")
    return key


def load(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings, and what was wrong with the file if it could not be used (None when all is well).

    No file is no problem: it is written the first time a setting is changed.
    """
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Settings(), f"Settings file {path} could not be read ({_reason(exc)}); using the defaults."
    if not isinstance(raw, dict):
        return Settings(), f"Settings file {path} is not a JSON object; using the defaults."
    theme = raw.get("theme", DEFAULT_THEME)
    try:
        return Settings(theme=theme_name(theme if isinstance(theme, str) else repr(theme))), None
    except ValueError as exc:
        return Settings(), f"Settings file {path}: {exc}; using the {DEFAULT_THEME} theme."


def save(settings: Settings, path: Path | None = None) -> None:
    """Replace the file with these settings in one step (OSError if it cannot be written; the old file stays)."""
    import tempfile  # here: every command's --theme check reads THEMES from this module, and only saving needs it

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"theme": settings.theme}, indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return f"not valid JSON: {exc}"
