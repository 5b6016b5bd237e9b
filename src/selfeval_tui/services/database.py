"""The database as a file: where it is, and reading all of it for damage.

What a shell needs before, or instead of, opening ``Services`` on it. The check
reads pages, not anyone's data, so it takes no Actor: whoever can read the file
can check it (``selfeval db check``).
"""

from __future__ import annotations

from selfeval_tui.store.connection import check_database
from selfeval_tui.store.paths import default_db_path, resolve_db_path

__all__ = ["check_database", "default_db_path", "resolve_db_path"]
