"""Opening a large database (issue 13): the store, and the app's start on a terminal.

    .venv/bin/python benchmarks/bench_open.py [--runs 30] [--pty-runs 7]

Two databases: a small one (one partnership, one year) and the large one of
``large_db.py`` (100 partnerships x 10 years, everything answered with a note,
about 125 MB; built once and cached). Every figure is a ratio to a baseline
measured in the same run, runs interleaved, medians:

* opening and closing the store, against a bare ``sqlite3.connect`` that reads
  the schema; and opening the store and reading one evaluation's answers (``Store.open`` +
  ``Store.answers`` + close) against a bare ``sqlite3.connect`` + ``SELECT`` of
  the same rows + close; and, for scale, what every open used to pay on top:
  ``PRAGMA quick_check``, now run only before a migration and after an unclean
  shutdown (docs/store.md);
* the real app (``python -m selfeval_tui``) from just before it starts to the
  first question's text on an 80x24 pty (the chat), and to the start screen's
  list of evaluations, against the minimal Textual app of ``bench_startup.py``
  to its line of text, measured the same way. Target: <= 1.3x on both databases.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

from bench_startup import BASELINE_PTY_APP, BASELINE_TEXT, pty_start
from large_db import YEARS, build, large_db, partnership_name, year_name

from selfeval_tui.bank import Framework, load_framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Evaluation, Store

ANSWER_COLUMNS = (
    "evaluation_id, question_id, status, value, note, answered_by, answered_at, version, carried_forward"
)
START_SCREEN_TEXT = "Continue an evaluation"
TARGET = 1.3


def last_evaluation(db: Path, name: str, year: str) -> Evaluation:
    with Store.open(db) as store:
        found = Services(store).find(Actor("coordinator"), name, year).evaluation
    assert found is not None, f"{name} {year} is not in {db}"
    return found


def first_question_words(db: Path, framework: Framework, evaluation: Evaluation) -> str:
    """The first words of the question the chat opens on (on a fully answered year: agreeing element 1.1's rating)."""
    with Store.open(db) as store:
        question = Session(Services(store), framework, evaluation, Mode.ADAPTIVE, sections=True, actor=Actor("coordinator")).start().question
    assert question is not None
    return " ".join(question.text.split()[:4])


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def store_open(db: Path) -> None:
    Store.open(db).close()


def bare_open(db: Path) -> None:
    """Connecting alone reads nothing; reading the schema is the least a bare open must do."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall()


def store_read(db: Path, evaluation_id: int) -> None:
    with Store.open(db) as store:
        assert store.answers(evaluation_id)


def bare_read(db: Path, evaluation_id: int) -> None:
    with closing(sqlite3.connect(db)) as conn:
        sql = f"SELECT {ANSWER_COLUMNS} FROM answers WHERE evaluation_id = ?"
        assert conn.execute(sql, (evaluation_id,)).fetchall()


def bare_quick_check(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall()[0][0] == "ok"


def interleaved(runs: int, actions: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median seconds of each action, taking turns so a noisy neighbour hits them all alike."""
    for action in actions.values():
        action()  # warm the page cache and the imports
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(seconds(action))
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="interleaved runs of each store figure")
    parser.add_argument("--pty-runs", type=int, default=7, help="interleaved app starts of each kind")
    options = parser.parse_args(argv)
    framework = load_framework()
    started = time.perf_counter()
    large = large_db(framework)
    print(f"large database: {large} ({large.stat().st_size / 1e6:.0f} MB, ready in {time.perf_counter() - started:.1f} s)")

    with tempfile.TemporaryDirectory(prefix="bench-open-") as folder:
        small = Path(folder) / "small.sqlite3"
        build(small, framework, partnerships=1, years=1)
        targets = {
            "small": (small, last_evaluation(small, partnership_name(0), year_name(0))),
            "large": (large, last_evaluation(large, partnership_name(99), year_name(YEARS - 1))),
        }
        actions: dict[str, Callable[[], object]] = {}
        for size, (db, evaluation) in targets.items():
            actions[f"open {size}"] = partial(store_open, db)
            actions[f"bare open {size}"] = partial(bare_open, db)
            actions[f"store {size}"] = partial(store_read, db, evaluation.id)
            actions[f"bare {size}"] = partial(bare_read, db, evaluation.id)
        store_times = interleaved(options.runs, actions)
        check_times = interleaved(3, {size: partial(bare_quick_check, db) for size, (db, _) in targets.items()})

        baseline_file = Path(folder) / "minimal_app.py"
        baseline_file.write_text(BASELINE_PTY_APP)
        starts: dict[str, Callable[[], float]] = {
            "baseline": partial(pty_start, [sys.executable, str(baseline_file)], BASELINE_TEXT)
        }
        for size, (db, evaluation) in targets.items():
            partnership = partnership_name(0 if size == "small" else 99)
            app = [sys.executable, "-m", "selfeval_tui", "--db", str(db)]
            chat = [*app, "--partnership", partnership, "--year", evaluation.year]
            starts[f"chat {size}"] = partial(pty_start, chat, first_question_words(db, framework, evaluation))
            starts[f"start screen {size}"] = partial(pty_start, app, START_SCREEN_TEXT)
        pty_times: dict[str, list[float]] = {name: [] for name in starts}
        for start in starts.values():
            start()  # warm-up
        for _ in range(options.pty_runs):
            for name, start in starts.items():
                pty_times[name].append(start())
        pty = {name: statistics.median(values) for name, values in pty_times.items()}

    ms = 1000
    print(
        f"{options.runs} interleaved store runs, {options.pty_runs} interleaved app starts each; "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}; 80x24 pty, TERM=xterm-256color"
    )
    print("| figure | small database | large database | baseline (small / large) | ratio (small / large) | target | met |")
    print("|---|---:|---:|---:|---:|---:|:-:|")
    open_ratio = [store_times[f"open {s}"] / store_times[f"bare open {s}"] for s in targets]
    print(
        f"| open and close the store (median ms) | {store_times['open small'] * ms:.2f} "
        f"| {store_times['open large'] * ms:.2f} | bare sqlite3 connect + read the schema: "
        f"{store_times['bare open small'] * ms:.2f} / {store_times['bare open large'] * ms:.2f} "
        f"| {open_ratio[0]:.2f}x / {open_ratio[1]:.2f}x | | |"
    )
    store_ratio = [store_times[f"store {s}"] / store_times[f"bare {s}"] for s in targets]
    print(
        f"| open the store, read one evaluation's answers, close (median ms) | {store_times['store small'] * ms:.2f} "
        f"| {store_times['store large'] * ms:.2f} | bare sqlite3 connect + SELECT: {store_times['bare small'] * ms:.2f} "
        f"/ {store_times['bare large'] * ms:.2f} | {store_ratio[0]:.2f}x / {store_ratio[1]:.2f}x | | |"
    )
    print(
        f"| PRAGMA quick_check, which every open used to add (median ms) | {check_times['small'] * ms:.1f} "
        f"| {check_times['large'] * ms:.0f} | | | | |"
    )
    met = True
    for kind in ("chat", "start screen"):
        ratios = [pty[f"{kind} {s}"] / pty["baseline"] for s in targets]
        ok = all(r <= TARGET for r in ratios)
        met &= ok
        what = "the first question's text" if kind == "chat" else "the start screen's list"
        print(
            f"| start to {what} on an 80x24 pty (median ms) | {pty[f'{kind} small'] * ms:.0f} "
            f"| {pty[f'{kind} large'] * ms:.0f} | minimal Textual app: {pty['baseline'] * ms:.0f} "
            f"| {ratios[0]:.2f}x / {ratios[1]:.2f}x | <= {TARGET}x | {'yes' if ok else 'NO'} |"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
