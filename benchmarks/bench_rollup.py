"""Benchmark: the local authority's roll-up of 150 partnerships x 10 years, from one database and from 150 JSON files.

    .venv/bin/python benchmarks/bench_rollup.py [--runs N]

Issue 17's targets, each < 2 s, each with a ratio to a baseline measured in the same run:

* ``selfeval export rollup`` in one process over a database of 150 partnerships
  with 10 years each (large_db.py's builder: every question answered with a
  note), which reads each partnership's latest year and the year before it,
  against reading the same rows bare with sqlite3 (answers, judgements, members,
  targets and outcome values of those 300 evaluations);
* ``selfeval rollup FILE.json x 150`` (the same partnerships, exported as JSON)
  with no local database, against reading and ``json.loads`` of the same files.

Both are timed in process (the roll-up and its Markdown, bank loaded once) and,
three times each, as the command a user types, start-up included. The database
is built once (about 5 minutes on a busy machine) and kept in the temp folder
beside large_db.py's, keyed by schema and bank.
"""

from __future__ import annotations

import argparse
import datetime
import json
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

from large_db import build, cache_path

from selfeval_tui.bank import load_framework
from selfeval_tui.exports import export_text
from selfeval_tui.exports.rollup import build as build_rollup
from selfeval_tui.exports.rollup import file_documents, local_entries
from selfeval_tui.exports.rollup_render import render
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

PARTNERSHIPS, YEARS = 150, 10
DATE = datetime.date(2027, 12, 1)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def read_bare(db: Path) -> int:
    """The rows a roll-up reads, with sqlite3 alone: each partnership's latest two evaluations' rows."""
    with closing(sqlite3.connect(db)) as conn:
        wanted = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY partnership_id ORDER BY year DESC) AS n"
                " FROM evaluations) WHERE n <= 2"
            )
        ]
        rows = 0
        for evaluation_id in wanted:
            for table in ("answers", "judgements", "outcome_values"):
                rows += len(conn.execute(f"SELECT * FROM {table} WHERE evaluation_id = ?", (evaluation_id,)).fetchall())
        for table in ("partnerships", "members", "outcome_targets"):
            rows += len(conn.execute(f"SELECT * FROM {table}").fetchall())
        return rows


def read_files_bare(paths: list[Path]) -> int:
    return sum(len(json.loads(path.read_bytes())) for path in paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each (median taken)")
    args = parser.parse_args(argv)
    framework = load_framework()
    owner = Actor.os_user()
    selfeval = Path(sys.executable).with_name("selfeval")
    with tempfile.TemporaryDirectory(prefix="selfeval-bench-rollup-") as folder:
        db = cache_path(framework).with_name(f"rollup-{PARTNERSHIPS}x{YEARS}-{cache_path(framework).name}")
        if not db.exists():
            started = time.perf_counter()
            build(db, framework, partnerships=PARTNERSHIPS, years=YEARS)
            print(f"built {PARTNERSHIPS} partnerships x {YEARS} years in {time.perf_counter() - started:.0f} s (kept for the next run)")
        with Services.open(db) as services:

            def from_database() -> str:
                local = local_entries(services, owner, framework, local_authority=None, year=None)
                return render(build_rollup(framework, local, date=DATE), "md")

            text = from_database()
            assert text.count("\n| Partnership ") >= 1
            files = []
            for index, view in enumerate(services.rollup_views(owner, framework)):
                path = Path(folder) / f"p{index:03d}.json"
                path.write_text(export_text(services, owner, framework, view.evaluation, "json", "json", DATE), encoding="utf-8")
                files.append(path)
            db_rollup = median_seconds(from_database, args.runs)
        db_bare = median_seconds(lambda: read_bare(db), args.runs)

        def from_files() -> str:
            documents, left_out = file_documents(files)
            rollup = build_rollup(framework, documents, date=DATE, left_out=left_out)
            assert len(rollup.entries) == PARTNERSHIPS and not rollup.left_out
            return render(rollup, "md")

        files_rollup = median_seconds(from_files, args.runs)
        files_bare = median_seconds(lambda: read_files_bare(files), args.runs)
        env = {**os.environ, "SELFEVAL_CACHE_DIR": str(Path(folder) / "cache")}
        command_db = [str(selfeval), "export", "rollup", "--db", str(db)]
        command_files = [str(selfeval), "rollup", "--db", str(Path(folder) / "none.sqlite3"), *map(str, files)]

        def run(command: list[str]) -> object:
            return subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

        run(command_db)  # fills the bank cache
        db_command = median_seconds(lambda: run(command_db), 3)
        files_command = median_seconds(lambda: run(command_files), 3)
    print(f"database: {PARTNERSHIPS} partnerships x {YEARS} years")
    print(f"  reading the rows bare (sqlite3)      {db_bare * 1000:7.1f} ms")
    print(f"  roll-up in process                   {db_rollup * 1000:7.1f} ms  {db_rollup / db_bare:5.1f}x bare  (target < 2 s)")
    print(f"  selfeval export rollup (command)     {db_command * 1000:7.1f} ms")
    print(f"files: {len(files)} JSON exports")
    print(f"  reading and parsing them bare        {files_bare * 1000:7.1f} ms")
    print(f"  roll-up in process                   {files_rollup * 1000:7.1f} ms  {files_rollup / files_bare:5.1f}x bare  (target < 2 s)")
    print(f"  selfeval rollup FILE.json (command)  {files_command * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
