"""The schema comes from sqlite-utils migrations, applied once, and a newer schema is refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import store_child
from sqlite_utils import Database

from selfeval_tui.store import Status, Store, StoreError
from selfeval_tui.store.connection import BUSY_TIMEOUT_MS
from selfeval_tui.store.schema import MIGRATIONS
from selfeval_tui.store.versions import KNOWN_MIGRATIONS

TABLES = {
    "actions",
    "action_progress",
    "no_actions",
    "plan_history",
    "partnerships",
    "members",
    "evaluations",
    "answers",
    "answer_history",
    "judgements",
    "judgement_history",
    "outcome_targets",
    "outcome_values",
    "changes",
    "resume_points",
    "local_authorities",
    "people",
    "person_keys",
    "grants",
    "people_history",
    "access_log",
    "workshops",
    "workshop_items",
    "workshop_invitees",
    "workshop_rounds",
    "workshop_votes",
    "workshop_tallies",
    "workshop_agreed",
    "_sqlite_migrations",
}


def schema_of(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as check:
        return check.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


def applied(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as check:
        return [row[0] for row in check.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]


def test_a_new_file_gets_every_table_and_records_its_migrations(tmp_path: Path) -> None:
    db = tmp_path / "new" / "selfeval.sqlite3"
    Store.open(db).close()
    with closing(sqlite3.connect(db)) as check:
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == TABLES
    assert applied(db) == list(KNOWN_MIGRATIONS) == [
        "0001_initial", "0002_outcome_value_unit", "0003_changes_and_resume_points", "0004_action_plans",
        "0005_people", "0007_workshops",
    ]  # fmt: skip
    with Database(db) as database:
        assert MIGRATIONS.pending(database) == []


def test_an_empty_file_is_set_up_as_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    db.touch()
    with Store.open(db) as store:
        store.create_partnership("North Bay")
    assert applied(db) == list(KNOWN_MIGRATIONS)


def test_reopening_changes_neither_schema_nor_data(tmp_path: Path) -> None:
    db = tmp_path / "selfeval.sqlite3"
    with Store.open(db) as store:
        evaluation = store_child.new_evaluation(store)
        saved = store.save_answer(evaluation.id, "1.1-a", status=Status.MET, by="coordinator")
    schema = schema_of(db)
    for _ in range(3):
        with Store.open(db) as store:
            assert store.answer(evaluation.id, "1.1-a") == saved
    assert schema_of(db) == schema
    assert applied(db) == list(KNOWN_MIGRATIONS)


def test_a_schema_newer_than_this_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "selfeval.sqlite3"
    with Store.open(db) as store:
        store.create_partnership("North Bay")
    with closing(sqlite3.connect(db)) as newer:
        newer.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('selfeval', '0002_future', 'x')"
        )
        newer.commit()
    before = store_child.file_hash(db)

    with pytest.raises(StoreError) as refused:
        Store.open(db)

    assert "newer than this version of selfeval knows" in str(refused.value)
    assert "0002_future" in str(refused.value) and str(db) in str(refused.value)
    assert store_child.file_hash(db) == before


def test_the_connection_is_set_up_for_safe_sharing(tmp_path: Path) -> None:
    db = tmp_path / "selfeval.sqlite3"
    with Store.open(db) as store:
        # White-box: these settings are the durability promise, so check them on the real connection.
        pragma = {name: store._conn.execute(f"PRAGMA {name}").fetchone()[0] for name in
                  ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")}
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": BUSY_TIMEOUT_MS, "foreign_keys": 1}
    # WAL is recorded in the file itself (header bytes 18 and 19 are 2), so every tool opening it uses WAL too.
    assert db.read_bytes()[18:20] == b"\x02\x02"


def test_a_file_from_the_first_release_is_migrated_and_keeps_its_targets(tmp_path: Path) -> None:
    """0002 adds the value unit of local outcomes; targets saved before it read back as counts."""
    path = tmp_path / "old.sqlite3"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="0002_outcome_value_unit")
    db.execute("INSERT INTO partnerships (id, name, local_authority, created_at) VALUES (1, 'Old', '', '2025-09-01T00:00:00+00:00')")
    db.execute(
        "INSERT INTO outcome_targets (partnership_id, outcome_id, title, direction, amount, unit, local)"
        " VALUES (1, 'permanent-exclusions', 'PEX', 'reduce', 10, 'percent', 0)"
    )
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        (target,) = store.outcome_targets(1)
        assert (target.outcome_id, target.amount, target.value_unit) == ("permanent-exclusions", 10, "count")
    assert applied(path) == list(KNOWN_MIGRATIONS)


def test_opening_an_up_to_date_file_does_not_load_sqlite_utils(tmp_path: Path) -> None:
    """Start-up time: the migration machinery is only needed when a migration is pending."""
    import subprocess
    import sys

    path = tmp_path / "current.sqlite3"
    Store.open(path).close()
    code = (
        "import sys\nfrom pathlib import Path\nfrom selfeval_tui.store import Store\n"
        f"Store.open(Path({str(path)!r})).close()\nprint('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_local_authorities_become_rows_and_partnerships_point_at_them(tmp_path: Path) -> None:
    """0005: one row per local authority named (in any case); partnerships keep what they said."""
    path = tmp_path / "before-people.sqlite3"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="0005_people")
    for pid, name, authority in ((1, "North", "Leeds"), (2, "South", " leeds"), (3, "West", "Kent"), (4, "None", "")):
        db.execute(
            "INSERT INTO partnerships (id, name, local_authority, created_at) VALUES (?, ?, ?, '2025-09-01T00:00:00+00:00')",
            (pid, name, authority),
        )
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        shown = {p.name: p.local_authority for p in store.list_partnerships()}
        assert [la.name for la in store.local_authorities()] == ["Kent", "Leeds"]
        north, south = store.partnership_by_id(1), store.partnership_by_id(2)
    assert shown == {"North": "Leeds", "South": "Leeds", "West": "Kent", "None": ""}
    assert north.local_authority_id == south.local_authority_id is not None
    assert applied(path) == list(KNOWN_MIGRATIONS)


def test_the_change_log_is_rebuilt_for_workshops_and_keeps_its_rows_and_triggers(tmp_path: Path) -> None:
    """0007: ``changes.kind`` takes any kind now; the rows logged before stay, and 0003's triggers still log."""
    path = tmp_path / "before-workshops.sqlite3"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="0007_workshops")
    db.execute("INSERT INTO partnerships (id, name, created_at) VALUES (1, 'North', '2025-09-01T00:00:00+00:00')")
    db.execute("INSERT INTO members (partnership_id, category, position, name) VALUES (1, 'schools', 1, 'Ash')")
    db.conn.commit()
    before = db.execute("SELECT id, partnership_id, kind, key FROM changes").fetchall()
    db.close()
    assert before == [(1, 1, "members", "schools")]
    Store.open(path).close()
    with closing(sqlite3.connect(path)) as check:
        check.execute("INSERT INTO members (partnership_id, category, position, name) VALUES (1, 'schools', 2, 'Elm')")
        check.execute("INSERT INTO changes (partnership_id, kind, key) VALUES (1, 'workshop', '1')")
        rows = check.execute("SELECT id, partnership_id, kind, key FROM changes ORDER BY id").fetchall()
        with pytest.raises(sqlite3.IntegrityError):
            check.execute("INSERT INTO changes (partnership_id, kind, key) VALUES (1, ' ', '1')")
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert rows == [(1, 1, "members", "schools"), (2, 1, "members", "schools"), (3, 1, "workshop", "1")]
    assert applied(path) == list(KNOWN_MIGRATIONS)
