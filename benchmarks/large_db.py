"""The large database of issue 13: 100 partnerships x 10 academic years, everything answered.

    .venv/bin/python benchmarks/large_db.py [PATH]      # writes it to PATH (default: the cache)

Every bank question of all 1,000 evaluations is answered with an evidence note
(with its history row), every partnership has members in every membership
category and a target for every key outcome, and every evaluation has a value
for every key outcome in every period: about 125 MB.

Built quickly and as the app would see it: partnerships and evaluations are
created with the Store API (so they are exactly what the app makes), then the
answers, history, members, targets and values are written with ``executemany``
into the store's own tables, one transaction per evaluation, CHECK constraints
and all. The result is cached in the temp folder under a name keyed by the schema
version and the bank's hash, so a rerun (or another benchmark) reuses it; any
other schema or bank builds a new one.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfeval_tui.bank import Framework, MembershipCategory, load_framework
from selfeval_tui.conversation.sections import LOCAL_OUTCOMES_ID, membership_id
from selfeval_tui.domain.progress import BankQuestion, bank_questions
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store
from selfeval_tui.store.versions import KNOWN_MIGRATIONS

PARTNERSHIPS, YEARS, FIRST_YEAR = 100, 10, 2017
PERIODS = ("baseline", "term1", "term2", "term3")
STATUSES = ("met", "met", "met", "partly", "not_met", "not_sure")
NOTE = "Evidence {n} for {year}: board minutes of {day} March, termly review, action plan item {n}; data pack p. {page}."
Rows = dict[str, Sequence[tuple[object, ...]]]
"""Statements and the parameters each is run with (``executemany``)."""

BUILDER_VERSION = 1
"""Raise when what is built changes, so that a cached file from the old builder is not reused."""


def cache_path(framework: Framework) -> Path:
    """Where the cached file for this schema and bank lives (the temp folder survives between runs)."""
    key = f"v{BUILDER_VERSION}-{len(KNOWN_MIGRATIONS)}-{KNOWN_MIGRATIONS[-1]}-{framework.hash[:12]}"
    return Path(tempfile.gettempdir()) / "selfeval-bench" / f"large-{key}.sqlite3"


def large_db(framework: Framework | None = None) -> Path:
    """The cached large database, built first if there is none for this schema and bank."""
    framework = framework or load_framework()
    path = cache_path(framework)
    if not path.exists():
        build(path, framework)
    return path


def year_name(index: int) -> str:
    """The academic year of the ``index``-th evaluation of a partnership, from 0: 2017/18, 2018/19, ..."""
    return f"{FIRST_YEAR + index}/{(FIRST_YEAR + 1 + index) % 100:02d}"


def partnership_name(index: int) -> str:
    return f"Partnership {index + 1:03d}"


def build(path: Path, framework: Framework, partnerships: int = PARTNERSHIPS, years: int = YEARS) -> None:
    """Write the database to ``path`` (the large one unless told), replacing it only once it is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    evaluations: list[tuple[int, int, str]] = []
    with Store.open(partial) as store:
        for p in range(partnerships):
            partnership = store.create_partnership(partnership_name(p), "Benchshire")
            for y in range(years):
                year = year_name(y)
                evaluation = store.create_evaluation(partnership.id, year, framework.id, framework.hash, by="bench")
                evaluations.append((partnership.id, evaluation.id, year))
    with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
        conn.execute("PRAGMA synchronous = OFF")  # a benchmark fixture: rebuilt if anything goes wrong
        partnership_ids = sorted({p for p, _, _ in evaluations})
        _write(conn, _partnership_rows(framework, partnership_ids))
        for number, (partnership_id, evaluation_id, year) in enumerate(evaluations):
            _write(conn, _evaluation_rows(framework, partnership_id, evaluation_id, year, number))
    started = time.perf_counter()
    Services.open(partial, framework=framework).close()  # rates every evaluation: element_ratings as the app keeps it
    print(f"element_ratings of {len(evaluations)} evaluations filled on first open in {time.perf_counter() - started:.1f} s")
    os.replace(partial, path)  # the last connection closed cleanly, so there is no -wal to carry


def _write(conn: sqlite3.Connection, rows: Rows) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for sql, values in rows.items():
        conn.executemany(sql, values)
    conn.execute("COMMIT")


def _when(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")  # as the store writes times


def _member_names(category: MembershipCategory, partnership_id: int) -> list[str]:
    return [f"{category.title} {partnership_id}-{position + 1}" for position in range(5)]


def _partnership_rows(framework: Framework, partnership_ids: list[int]) -> Rows:
    members = [
        (pid, category.id, position, name)
        for pid in partnership_ids
        for category in framework.membership
        for position, name in enumerate(_member_names(category, pid))
    ]
    targets = [
        (pid, o.id, o.title, o.direction, 5.0, "percentage_points" if o.unit == "percent" else "count", 0, o.unit)
        for pid in partnership_ids
        for o in framework.outcomes
    ]
    return {
        "INSERT INTO members (partnership_id, category, position, name) VALUES (?, ?, ?, ?)": members,
        "INSERT INTO outcome_targets (partnership_id, outcome_id, title, direction, amount, unit, local, value_unit)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)": targets,
    }


def _bank_answer(step: BankQuestion, n: int, seed: int) -> tuple[str | None, object]:
    """A status for a criterion, a value of the right shape for a measure."""
    if step.measure is None:
        return STATUSES[(n + seed) % len(STATUSES)], None
    if step.measure.kind == "checklist":
        return None, list(step.measure.items[: 3 + seed % 6])
    if step.measure.kind == "success_rate":
        return None, {"moves": 40, "successes": 30 + seed % 10}
    return None, float(60 + (n + seed) % 41)


def _evaluation_rows(
    framework: Framework, partnership_id: int, evaluation_id: int, year: str, seed: int
) -> Rows:
    """Every answer with its history row (same values, in the same order of columns), and the outcome values."""
    start = datetime(int(year[:4]), 10, 1, 9, tzinfo=UTC)
    given: list[tuple[object, ...]] = []
    steps = [step for element in framework.elements for step in bank_questions(element)]
    for n, step in enumerate(steps, start=1):
        status, value = _bank_answer(step, n, seed)
        note = NOTE.format(n=n, year=year, day=1 + n % 28, page=seed % 97 + 1)
        stored = None if value is None else json.dumps(value)
        given.append((evaluation_id, step.question_id, status, stored, note, "bench", _when(start + timedelta(minutes=n))))
    # Membership confirmed (the list itself is the partnership's) and local outcomes done, as the chat saves them.
    for category in framework.membership:
        names = json.dumps(_member_names(category, partnership_id))
        given.append((evaluation_id, membership_id(category), "met", names, "", "bench", _when(start)))
    given.append((evaluation_id, LOCAL_OUTCOMES_ID, "met", None, "", "bench", _when(start)))
    values = [
        (evaluation_id, o.id, period, float(10 + (seed + i) % 30), "bench", _when(start))
        for o in framework.outcomes
        for i, period in enumerate(PERIODS)
    ]
    return {
        "INSERT INTO answers (evaluation_id, question_id, status, value, note, answered_by, answered_at,"
        " version, carried_forward) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0)": given,
        "INSERT INTO answer_history (evaluation_id, question_id, action, version, old_status, old_value,"
        " old_note, new_status, new_value, new_note, changed_by, changed_at)"
        " VALUES (?, ?, 'save', 1, NULL, NULL, NULL, ?, ?, ?, ?, ?)": given,
        "INSERT INTO outcome_values (evaluation_id, outcome_id, period, value, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)": values,
        "UPDATE evaluations SET updated_at = ? WHERE id = ?": [(_when(start + timedelta(minutes=len(steps))), evaluation_id)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="write the database here (default: the cache)")
    args = parser.parse_args(argv)
    framework = load_framework()
    started = time.perf_counter()
    if args.path:
        build(args.path, framework)
        path = args.path
    else:
        path = large_db(framework)
    with Store.open(path) as store:
        evaluations = store.list_evaluations()
        answers = store.answers(evaluations[-1].id)
    print(
        f"{path}: {len(evaluations)} evaluations, {len(answers)} answers in the last one, "
        f"{path.stat().st_size / 1e6:.0f} MB, ready in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
