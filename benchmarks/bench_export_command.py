"""Benchmark: ``selfeval export report`` as a command, and 100 reports in one process with ``--all``.

    .venv/bin/python benchmarks/bench_export_command.py [--runs N]

Issue 13's targets, each a ratio to a baseline measured in the same run on the
same machine, so that figures from a busy or a slow machine still compare:

* one report as a command (median of N runs of the ``selfeval`` script, the bank
  cache warm) against ``python -c "import sqlite3"``: target <= 4x;
* the reports of 100 partnerships by ``selfeval export report --all --out-dir``
  (one process, startup included) against reading the same rows bare with
  sqlite3 (answers, judgements, members, targets and values of the 100
  evaluations): target < 2 s;
* and, for the start screen, every evaluation's "answers saved" by the one
  ``GROUP BY`` (``answer_counts``) against ``answer_count`` over each one's rows.

The database is large_db.py's builder with 100 partnerships and one year, in a
temporary folder (it takes a few seconds to build).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from large_db import build, partnership_name, year_name

from selfeval_tui.bank import load_framework
from selfeval_tui.domain.progress import answer_count
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

PARTNERSHIPS = 100
DATE = "2027-12-01"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command(args: list[str], env: dict[str, str]) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    return run


def read_bare(db: Path) -> int:
    """Every row an export of each evaluation reads, with sqlite3 alone: the floor for ``--all``."""
    with closing(sqlite3.connect(db)) as conn:
        rows = 0
        for table in ("answers", "judgements", "outcome_values"):
            rows += len(conn.execute(f"SELECT * FROM {table}").fetchall())
        for table in ("partnerships", "evaluations", "members", "outcome_targets"):
            rows += len(conn.execute(f"SELECT * FROM {table}").fetchall())
        return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (median taken)")
    args = parser.parse_args(argv)
    framework = load_framework()
    selfeval = Path(sys.executable).with_name("selfeval")
    with tempfile.TemporaryDirectory(prefix="selfeval-bench-export-") as folder:
        db = Path(folder) / "hundred.sqlite3"
        build(db, framework, partnerships=PARTNERSHIPS, years=1)
        # As installed: pip compiles every module to bytecode, so a user's command never compiles source.
        # Under PYTHONDONTWRITEBYTECODE (set on some CI and container images) an edited module would be
        # compiled on every run; without it the warm-up run below writes its bytecode (as bench_startup.py does).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["SELFEVAL_CACHE_DIR"] = str(Path(folder) / "cache")
        one = [str(selfeval), "export", "report", "--db", str(db), "--partnership", partnership_name(0)]
        one += ["--year", year_name(0), "--date", DATE]
        command(one, env)()  # fills the bank cache and writes bytecode, as any earlier run would have
        sqlite_only = median_seconds(command([sys.executable, "-c", "import sqlite3"], env), args.runs)
        single = median_seconds(command(one, env), args.runs)
        out_dir = Path(folder) / "papers"
        out_dir.mkdir()
        every = [str(selfeval), "export", "report", "--all", "--db", str(db), "--out-dir", str(out_dir), "--date", DATE]
        all_reports = median_seconds(command(every, env), max(3, args.runs // 5))
        written = len(list(out_dir.iterdir()))
        bare = median_seconds(lambda: read_bare(db), args.runs)
        with Store.open(db) as store:
            evaluations = store.list_evaluations()
            services, actor = Services(store), Actor.os_user()
            grouped = median_seconds(lambda: services.answer_counts(actor, framework), args.runs)
            each = median_seconds(
                lambda: [answer_count(framework, store.answers(e.id)) for e in evaluations], max(3, args.runs // 5)
            )
    print(f"python -c 'import sqlite3'         {sqlite_only * 1000:7.1f} ms")
    print(f"selfeval export report (command)   {single * 1000:7.1f} ms  {single / sqlite_only:5.1f}x  (target <= 4x)")
    print(f"reading the rows bare (sqlite3)    {bare * 1000:7.1f} ms")
    print(
        f"export report --all, {written} files    {all_reports * 1000:7.1f} ms  {all_reports / bare:5.1f}x bare"
        f"  (target < 2 s)"
    )
    print(f"start screen counts, per evaluation {each * 1000:7.1f} ms  ({len(evaluations)} evaluations)")
    print(f"start screen counts, one GROUP BY   {grouped * 1000:7.1f} ms  {each / grouped:5.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
