"""Time from a reply to the next question being ready (engine plus store), issue 4.

Each reply goes through ``Session.handle``: parse, commit to SQLite (WAL,
synchronous=FULL), re-read the answers and choose the next question. The baseline
is a bare sqlite3 insert-and-commit with the same settings, measured in the same
run, so the ratio shows what the engine adds on top of the unavoidable fsync.

    python benchmarks/bench_conversation.py [--replies 1000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from selfeval_tui.bank import load_framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def bare_inserts(path: Path, count: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, question TEXT, status TEXT)")
    samples = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (question, status) VALUES (?, ?)", (f"q{i}", "met"))
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def replies(path: Path, count: int) -> list[float]:
    framework = load_framework()
    samples: list[float] = []
    with Store.open(path) as store:
        year = 2000
        while len(samples) < count:
            evaluation = Services(store).create(Actor("bench"), framework, "Bench", f"{year}/{(year + 1) % 100:02d}")
            session = Session(Services(store), framework, evaluation, Mode.THOROUGH, actor=Actor("bench"))
            turn = session.start()
            while turn.question is not None and len(samples) < count:
                step = turn.question
                if step.kind == "judgement":
                    text = "agree"
                elif step.kind == "measure":
                    text = {"percent": "80", "checklist": "1, 2, 3", "success_rate": "26 of 30"}[step.measure.kind]
                else:
                    text = "yes, evidence in the minutes"
                start = time.perf_counter()
                turn = session.handle(text)
                samples.append(time.perf_counter() - start)
            year += 1
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=1000)
    count = parser.parse_args().replies
    with tempfile.TemporaryDirectory() as folder:
        base = bare_inserts(Path(folder) / "bare.sqlite3", count)
        ours = replies(Path(folder) / "selfeval.sqlite3", count)
    rows = [
        ("bare sqlite3 insert+commit (baseline)", base),
        ("reply -> next question ready", ours),
    ]
    print(f"{'figure':40} {'median ms':>10} {'p99 ms':>10} {'ratio (median)':>15}")
    for name, samples in rows:
        median = statistics.median(samples)
        print(
            f"{name:40} {median * 1000:10.2f} {percentile(samples, 0.99) * 1000:10.2f} "
            f"{median / statistics.median(base):15.2f}"
        )
    print(f"target: median under 5 ms; measured over {count} replies")


if __name__ == "__main__":
    main()
