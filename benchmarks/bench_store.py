"""Time to save one answer, commit included, against a bare sqlite3 insert-and-commit.

Both run in the same process, interleaved one for one on two files in the same
folder, so disk, cache and CPU conditions are shared and the ratio shows what
the store adds (version check, history row, JSON, pydantic) on top of the fsync
that any durable commit pays. Target (issue 3): within 2x of the bare insert.

    python benchmarks/bench_store.py [--saves 1000] [--dir FOLDER]

``--dir`` matters: the fsync cost is the disk's, so run it where the real
database will live.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from selfeval_tui.store import Status, Store

WARM_UP = 50


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def bare_connection(path: Path) -> sqlite3.Connection:
    """The least any durable insert can do: same settings, same row, no store."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE answers (evaluation_id INTEGER, question_id TEXT, status TEXT, value TEXT,"
        " note TEXT, answered_by TEXT, answered_at TEXT, version INTEGER, carried_forward INTEGER,"
        " PRIMARY KEY (evaluation_id, question_id))"
    )
    return conn


def bare_insert(conn: sqlite3.Connection, number: int) -> float:
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO answers VALUES (1, ?, 'met', NULL, 'minutes of the May meeting', 'bench', ?, 1, 0)",
        (f"q{number}", "2026-07-04T12:00:00.000000+00:00"),
    )
    conn.execute("COMMIT")
    return time.perf_counter() - start


def store_save(store: Store, evaluation_id: int, number: int) -> float:
    start = time.perf_counter()
    store.save_answer(evaluation_id, f"q{number}", status=Status.MET, note="minutes of the May meeting", by="bench")
    return time.perf_counter() - start


def run(folder: Path, saves: int) -> tuple[list[float], list[float]]:
    bare = bare_connection(folder / "bare.sqlite3")
    with Store.open(folder / "store.sqlite3") as store:
        partnership = store.create_partnership("Bench")
        evaluation_id = store.create_evaluation(partnership.id, "2026/27", "annex-a", "bench", by="bench").id
        for number in range(WARM_UP):
            store_save(store, evaluation_id, -1 - number)
            bare_insert(bare, -1 - number)
        store_times, bare_times = [], []
        for number in range(saves):
            store_times.append(store_save(store, evaluation_id, number))
            bare_times.append(bare_insert(bare, number))
    bare.close()
    return store_times, bare_times


def table(store_times: list[float], bare_times: list[float]) -> str:
    rows = []
    for label, samples in (("Store.save_answer", store_times), ("bare sqlite3 insert + commit", bare_times)):
        rows.append((label, statistics.median(samples) * 1000, percentile(samples, 0.99) * 1000))
    ratio = ("ratio (store / bare)", rows[0][1] / rows[1][1], rows[0][2] / rows[1][2])
    lines = ["| | median (ms) | p99 (ms) |", "|---|---:|---:|"]
    lines += [f"| {label} | {median:.3f} | {p99:.3f} |" for label, median, p99 in rows]
    lines.append(f"| {ratio[0]} | {ratio[1]:.2f}x | {ratio[2]:.2f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the two database files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        store_times, bare_times = run(Path(folder), args.saves)
    print(
        f"{args.saves} saves each, WAL, synchronous=FULL; Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}"
    )
    print(table(store_times, bare_times))


if __name__ == "__main__":
    main()
