"""Where the database lives: ``--db``, else ``$SELFEVAL_DB``, else the user's data folder.

A shared server points everyone at one file with ``SELFEVAL_DB`` in a profile
script; a single user never has to think about it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "selfeval-tui"
DB_FILENAME = "selfeval.sqlite3"
ENV_VAR = "SELFEVAL_DB"


def default_db_path() -> Path:
    # Imported here: platformdirs is about 10 ms of an export given --db, which never asks for the default.
    from platformdirs import user_data_dir

    # appauthor=False: on Windows platformdirs would otherwise nest the app name
    # inside a second folder of the same name.
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def resolve_db_path(cli_db: Path | None, env: Mapping[str, str] = os.environ) -> Path:
    """``--db`` wins over ``$SELFEVAL_DB``, which wins over the default; an empty variable counts as unset."""
    if cli_db is not None:
        return Path(cli_db).expanduser()
    from_env = env.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
