"""Time from a reply to the next question being ready (engine plus store), issues 4 and 13.

Each reply goes through ``Session.handle``: parse, commit to SQLite (WAL,
synchronous=FULL), and choose the next question from the turn's snapshot. The
baseline is a bare sqlite3 insert-and-commit with the same settings, measured in
the same run, so the ratio shows what the engine adds on top of the unavoidable
fsync. The commit's own time is also taken apart (``Session._commit``): what is
left is the engine's, which does not depend on the disk.

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
from selfeval_tui.conversation.saves import Save
from selfeval_tui.domain.records import Answer
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class BareInserts:
    """The baseline: one row inserted and committed by bare sqlite3, with the store's settings."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, question TEXT, status TEXT)")

    def one(self) -> float:
        start = time.perf_counter()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO t (question, status) VALUES (?, ?)", ("q", "met"))
        self.conn.execute("COMMIT")
        return time.perf_counter() - start


def replies(path: Path, count: int, bare: BareInserts) -> tuple[list[float], list[float], list[float]]:
    """Each reply's time, the same less the time its saves took to commit, and a bare insert's just before it.

    Interleaved, the reply and its baseline meet the same load on the disk (a
    shared machine's fsync times vary tenfold from one minute to the next).
    """
    framework = load_framework()
    base: list[float] = []
    samples: list[float] = []
    engine: list[float] = []
    committing = [0.0]
    commit = Session._commit

    def timed_commit(self: Session, save: Save) -> Answer | None:
        start = time.perf_counter()
        try:
            return commit(self, save)
        finally:
            committing[0] += time.perf_counter() - start

    Session._commit = timed_commit  # type: ignore[method-assign]
    with Store.open(path) as store:
        year = 2000
        while len(samples) < count:
            evaluation = Services(store).create(Actor("bench"), framework, "Bench", f"{year}/{(year + 1) % 100:02d}")
            session = Session(Services(store), framework, evaluation, Mode.THOROUGH, actor=Actor("bench"))
            turn = session.start()
            while turn.question is not None and len(samples) < count:
                step = turn.question
                if step.measure is not None:
                    text = {"percent": "80", "checklist": "1, 2, 3", "success_rate": "26 of 30"}[step.measure.kind]
                elif step.handler.agrees_rating:
                    text = "agree"
                elif step.handler.plans:
                    text = "done"
                else:
                    text = "yes, evidence in the minutes"
                base.append(bare.one())
                committing[0] = 0.0
                start = time.perf_counter()
                turn = session.handle(text)
                samples.append(time.perf_counter() - start)
                engine.append(samples[-1] - committing[0])
            year += 1
    Session._commit = commit  # type: ignore[method-assign]
    return base, samples, engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=1000)
    count = parser.parse_args().replies
    with tempfile.TemporaryDirectory() as folder:
        bare = BareInserts(Path(folder) / "bare.sqlite3")
        base, ours, engine = replies(Path(folder) / "selfeval.sqlite3", count, bare)
        bare.conn.close()
    rows = [
        ("bare sqlite3 insert+commit (baseline)", base),
        ("reply -> next question ready", ours),
        ("  of which the engine (less the commit)", engine),
    ]
    print(f"{'figure':40} {'median ms':>10} {'p99 ms':>10} {'ratio (median)':>15}")
    for name, samples in rows:
        median = statistics.median(samples)
        print(
            f"{name:40} {median * 1000:10.2f} {percentile(samples, 0.99) * 1000:10.2f} "
            f"{median / statistics.median(base):15.2f}"
        )
    print(f"target: engine plus store <= 2 ms median (issue 13); measured over {count} replies")


if __name__ == "__main__":
    main()
