"""Two stores of one file in one process: opening the second must not drop the first one's SQLite locks.

POSIX drops all of a process's locks on a file when any descriptor of it closes.
Were the second open to read the file's header by hand, the first store would
lose its locks; another process's last close would then delete the -wal file the
first store still writes to, and its later commits would never reach anyone else.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import connection

ANN = Actor("ann")
COUNT = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
    " print(c.execute('SELECT count(*) FROM answers').fetchone()[0]); c.close()"
)


def _count_elsewhere(path: Path) -> int:
    """The answers another process sees, opening and closing its own (last) connection."""
    done = subprocess.run([sys.executable, "-c", COUNT, str(path)], capture_output=True, text=True, timeout=60, check=True)
    return int(done.stdout)


def test_a_second_store_in_the_process_leaves_the_first_ones_commits_visible(tmp_path: Path, framework) -> None:
    path = tmp_path / "shared.sqlite3"
    with Services.open(path) as first:
        evaluation = first.create(ANN, framework, "North", "2026/27")
        first.save_answer(ANN, evaluation.id, "1.1.developing.1", status=Status.MET)
        with Services.open(path) as second:
            assert second.evaluation(ANN, evaluation.id).id == evaluation.id
        assert connection._held_here(path)
        assert _count_elsewhere(path) == 1
        first.save_answer(ANN, evaluation.id, "1.1.developing.2", status=Status.PARTLY)
        assert _count_elsewhere(path) == 2
    assert not connection._held_here(path)
