"""Every schema change, from the first table on, as sqlite-utils migrations.

The DDL is written out in SQL rather than built with ``create_table`` because the
tables rely on CHECK constraints, a case-insensitive unique index and triggers
that sqlite-utils' table builder does not express; the SQL is also exactly what
``sqlite3 file .schema`` shows, which keeps ``docs/store.md`` honest.

Never edit a migration once released: add a new one. A database that records a
migration this list does not know was written by a newer selfeval, and the store
refuses to open it rather than guess.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from selfeval_tui.store.versions import KNOWN_MIGRATIONS, MIGRATION_SET

MIGRATIONS = Migrations(MIGRATION_SET)
_registered: list[str] = []


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register in the order of ``versions.KNOWN_MIGRATIONS``, which opening a file relies on."""
    _registered.append(name)
    assert tuple(_registered) == KNOWN_MIGRATIONS[: len(_registered)], f"{name} is not next in versions.py"
    return MIGRATIONS(name=name)

_STATUS_CHECK = "('met', 'partly', 'not_met', 'not_sure', 'not_applicable')"


def _append_only(table: str) -> str:
    """The history tables are the audit trail; SQLite itself refuses to rewrite them."""
    return f"""
CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
"""


@_migration("0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        f"""
CREATE TABLE partnerships (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    local_authority TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX partnerships_name ON partnerships (name COLLATE NOCASE);

CREATE TABLE members (
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    category TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (partnership_id, category, position)
);

CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    year TEXT NOT NULL,
    framework_id TEXT NOT NULL,
    framework_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    carried_from INTEGER REFERENCES evaluations (id),
    UNIQUE (partnership_id, year)
);

CREATE TABLE answers (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    question_id TEXT NOT NULL,
    status TEXT CHECK (status IN {_STATUS_CHECK}),
    value TEXT CHECK (value IS NULL OR json_valid(value)),
    note TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    carried_forward INTEGER NOT NULL DEFAULT 0 CHECK (carried_forward IN (0, 1)),
    PRIMARY KEY (evaluation_id, question_id),
    CHECK (status IS NOT NULL OR value IS NOT NULL)
);

CREATE TABLE answer_history (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    question_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('save', 'confirm', 'carry_forward')),
    version INTEGER NOT NULL,
    old_status TEXT,
    old_value TEXT,
    old_note TEXT,
    new_status TEXT CHECK (new_status IN {_STATUS_CHECK}),
    new_value TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
    new_note TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX answer_history_question ON answer_history (evaluation_id, question_id);
{_append_only("answer_history")}

CREATE TABLE judgements (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    element_id TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    reason TEXT NOT NULL CHECK (trim(reason) <> ''),
    agreed_by TEXT NOT NULL,
    agreed_at TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, element_id)
);

CREATE TABLE judgement_history (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    element_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('save', 'clear')),
    old_level INTEGER,
    old_reason TEXT,
    new_level INTEGER,
    new_reason TEXT,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
{_append_only("judgement_history")}

CREATE TABLE outcome_targets (
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    outcome_id TEXT NOT NULL,
    title TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('reduce', 'increase')),
    amount REAL,
    unit TEXT NOT NULL CHECK (unit IN ('percent', 'percentage_points', 'count')),
    local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1)),
    PRIMARY KEY (partnership_id, outcome_id)
);

CREATE TABLE outcome_values (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    outcome_id TEXT NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('baseline', 'term1', 'term2', 'term3')),
    value REAL NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, outcome_id, period)
);
"""
    )


@_migration("0002_outcome_value_unit")
def _outcome_value_unit(db: Database) -> None:
    """A local outcome the coordinator adds has no entry in the bank, so the unit of its values is stored here."""
    db.execute(
        "ALTER TABLE outcome_targets ADD COLUMN value_unit TEXT NOT NULL DEFAULT 'count'"
        " CHECK (value_unit IN ('percent', 'count'))"
    )


def _log_change(table: str, kind: str, evaluation: str, partnership: str, key: str, by: str) -> str:
    """A trigger that adds a row to ``changes`` for every row written to ``table`` (``NEW`` names its values)."""
    return f"""
CREATE TRIGGER changes_from_{table} AFTER INSERT ON {table}
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES ({evaluation}, {partnership}, '{kind}', {key}, {by});
END;
"""


@_migration("0003_changes_and_resume_points")
def _changes_and_resume_points(db: Database) -> None:
    """What another session needs to follow this one, and where each person left each evaluation.

    ``changes`` is filled by triggers, so every way of writing (the store's
    methods however they are arranged, a hand edit in ``sqlite3``) is seen: a
    session that notices the file changed (``PRAGMA data_version``) reads only
    the rows after the last id it saw. Answers and judgements are logged from
    their history tables, which say who; targets and members record nobody.
    """
    evaluation_of = "(SELECT partnership_id FROM evaluations WHERE id = NEW.evaluation_id)"
    db.executescript(
        f"""
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER,
    partnership_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'judgement', 'outcome_value', 'outcome_target', 'members')),
    key TEXT NOT NULL,
    changed_by TEXT
);
{_log_change("answer_history", "answer", "NEW.evaluation_id", evaluation_of, "NEW.question_id", "NEW.changed_by")}
{_log_change("judgement_history", "judgement", "NEW.evaluation_id", evaluation_of, "NEW.element_id", "NEW.changed_by")}
{_log_change("outcome_values", "outcome_value", "NEW.evaluation_id", evaluation_of, "NEW.outcome_id", "NEW.recorded_by")}
{_log_change("outcome_targets", "outcome_target", "NULL", "NEW.partnership_id", "NEW.outcome_id", "NULL")}
{_log_change("members", "members", "NULL", "NEW.partnership_id", "NEW.category", "NULL")}
CREATE TRIGGER changes_from_outcome_values_update AFTER UPDATE ON outcome_values
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES (NEW.evaluation_id, {evaluation_of}, 'outcome_value', NEW.outcome_id, NEW.recorded_by);
END;
CREATE TRIGGER changes_from_outcome_targets_update AFTER UPDATE ON outcome_targets
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES (NULL, NEW.partnership_id, 'outcome_target', NEW.outcome_id, NULL);
END;
CREATE TRIGGER changes_from_members_delete AFTER DELETE ON members
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES (NULL, OLD.partnership_id, 'members', OLD.category, NULL);
END;

CREATE TABLE resume_points (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    user TEXT NOT NULL,
    question_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, user)
);
"""
    )


@_migration("0004_action_plans")
def _action_plans(db: Database) -> None:
    """Action plans (docs/actions.md): actions, their progress notes, focus items left without one, and one audit trail."""
    db.executescript(
        f"""
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    element_id TEXT NOT NULL,
    criterion_id TEXT,
    what TEXT NOT NULL CHECK (trim(what) <> ''),
    owner TEXT NOT NULL DEFAULT '',
    due TEXT CHECK (due IS NULL OR date(due) IS due),
    success_measure TEXT NOT NULL DEFAULT '',
    resources TEXT NOT NULL DEFAULT 'not_known' CHECK (resources IN ('yes', 'no', 'not_known')),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    status_reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL CHECK (version >= 1),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    carried_from INTEGER REFERENCES actions (id),
    CHECK (status <> 'dropped' OR trim(status_reason) <> '')
);
CREATE INDEX actions_evaluation ON actions (evaluation_id, element_id);

CREATE TABLE action_progress (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions (id),
    note TEXT NOT NULL CHECK (trim(note) <> ''),
    written_by TEXT NOT NULL,
    written_at TEXT NOT NULL
);
CREATE INDEX action_progress_action ON action_progress (action_id);
{_append_only("action_progress")}

CREATE TABLE no_actions (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    element_id TEXT NOT NULL,
    criterion_id TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (trim(reason) <> ''),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, element_id, criterion_id)
);

CREATE TABLE plan_history (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    action_id INTEGER REFERENCES actions (id),
    element_id TEXT NOT NULL,
    criterion_id TEXT,
    change TEXT NOT NULL CHECK (change IN ('create', 'update', 'carry_forward', 'progress', 'no_action', 'no_action_cleared')),
    old TEXT CHECK (old IS NULL OR json_valid(old)),
    new TEXT CHECK (new IS NULL OR json_valid(new)),
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX plan_history_evaluation ON plan_history (evaluation_id);
{_append_only("plan_history")}
"""
    )


@_migration("0005_people")
def _people(db: Database) -> None:
    """People, keys, grants and the gateway's access log (docs/deploy-ssh.md); local authorities as rows.

    Each partnership's local authority, until now free text on the partnership,
    becomes a row of ``local_authorities`` (one per distinct name, in any case) so
    that a grant over a local authority, and a roll-up of one, have something to
    key on. Grants and keys are audit-relevant, so their changes are kept in
    ``people_history``; the access log is append-only but for each session's end.
    """
    db.executescript(
        """
CREATE TABLE local_authorities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX local_authorities_name ON local_authorities (name COLLATE NOCASE);

INSERT INTO local_authorities (name, created_at)
SELECT trim(local_authority), min(created_at) FROM partnerships
WHERE trim(local_authority) <> '' GROUP BY trim(local_authority) COLLATE NOCASE;

ALTER TABLE partnerships ADD COLUMN local_authority_id INTEGER REFERENCES local_authorities (id);
UPDATE partnerships SET local_authority_id =
    (SELECT id FROM local_authorities WHERE name = trim(partnerships.local_authority) COLLATE NOCASE);
ALTER TABLE partnerships DROP COLUMN local_authority;

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name GLOB '[a-z_]*' AND length(name) <= 32),
    display_name TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_name ON people (name);

CREATE TABLE person_keys (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    blob TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE UNIQUE INDEX person_keys_blob ON person_keys (blob);

CREATE TABLE grants (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'partner', 'facilitator', 'viewer', 'chair', 'la-officer', 'admin')),
    partnership_id INTEGER REFERENCES partnerships (id),
    local_authority_id INTEGER REFERENCES local_authorities (id),
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    CHECK (
        (role = 'admin' AND partnership_id IS NULL AND local_authority_id IS NULL)
        OR (role <> 'admin' AND (partnership_id IS NULL) <> (local_authority_id IS NULL))
    )
);
CREATE UNIQUE INDEX grants_unique ON grants (person_id, role, ifnull(partnership_id, 0), ifnull(local_authority_id, 0));

CREATE TABLE people_history (
    id INTEGER PRIMARY KEY,
    person TEXT NOT NULL,
    change TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TRIGGER people_history_append_only_update BEFORE UPDATE ON people_history
BEGIN SELECT RAISE(ABORT, 'people_history is append-only'); END;
CREATE TRIGGER people_history_append_only_delete BEFORE DELETE ON people_history
BEGIN SELECT RAISE(ABORT, 'people_history is append-only'); END;

CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    person TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    origin TEXT NOT NULL DEFAULT '',
    command TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT 'running'
);
CREATE TRIGGER access_log_append_only_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_end_only BEFORE UPDATE ON access_log
WHEN OLD.ended_at IS NOT NULL OR NEW.person IS NOT OLD.person OR NEW.started_at IS NOT OLD.started_at
    OR NEW.origin IS NOT OLD.origin OR NEW.command IS NOT OLD.command
BEGIN SELECT RAISE(ABORT, 'access_log rows are only ever ended, once'); END;
"""
    )


def _workshop_change(table: str, event: str, row: str, by: str) -> str:
    """A trigger logging a ``workshop`` change (key: the workshop's id) for each row written to ``table``."""
    partnership = (
        f"(SELECT e.partnership_id FROM workshops w JOIN evaluations e ON e.id = w.evaluation_id"
        f" WHERE w.id = {row}.workshop_id)"
    )
    evaluation = f"(SELECT evaluation_id FROM workshops WHERE id = {row}.workshop_id)"
    return f"""
CREATE TRIGGER changes_from_{table}_{event.lower()} AFTER {event} ON {table}
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES ({evaluation}, {partnership}, 'workshop', CAST({row}.workshop_id AS TEXT), {by});
END;
"""


@_migration("0007_workshops")
def _workshops(db: Database) -> None:
    """Workshops (docs/workshop.md): agendas, invitations, rounds of silent votes, shows of hands, agreed ratings.

    Votes, tallies and agreed ratings are append-only: a changed vote, a corrected
    tally or a re-agreed rating is a new row and the latest counts, so every round
    and every change is kept for the minutes. A round is only ever revealed, once.

    ``changes.kind`` was a CHECK listing the kinds of 0003; it is rebuilt here to
    any non-blank kind, so that this and later migrations add kinds without
    rebuilding it again (``store/changes.py`` names the kinds it knows). The
    rebuild uses ``legacy_alter_table`` so that renaming the new table does not
    check, or rewrite, the triggers of 0003 that insert into ``changes`` by name.
    A vote's change names nobody: who has voted is not told before the reveal.
    """
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.executescript(
            """
CREATE TABLE changes_rebuilt (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER,
    partnership_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (trim(kind) <> ''),
    key TEXT NOT NULL,
    changed_by TEXT
);
INSERT INTO changes_rebuilt (id, evaluation_id, partnership_id, kind, key, changed_by)
SELECT id, evaluation_id, partnership_id, kind, key, changed_by FROM changes;
DROP TABLE changes;
ALTER TABLE changes_rebuilt RENAME TO changes;
"""
        )
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    item_states = "('pending', 'open', 'voting', 'revealed', 'agreed', 'parked')"
    db.executescript(
        f"""
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
    title TEXT NOT NULL CHECK (trim(title) <> ''),
    date TEXT NOT NULL CHECK (date(date) IS date),
    facilitator TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'running', 'ended')),
    current_element TEXT,
    code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    changed_by TEXT NOT NULL
);
CREATE INDEX workshops_evaluation ON workshops (evaluation_id);

CREATE TABLE workshop_items (
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    element_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    timebox_seconds INTEGER NOT NULL CHECK (timebox_seconds >= 60),
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN {item_states}),
    opened_at TEXT,
    used_seconds INTEGER NOT NULL DEFAULT 0 CHECK (used_seconds >= 0),
    changed_by TEXT NOT NULL,
    PRIMARY KEY (workshop_id, element_id)
);

CREATE TABLE workshop_invitees (
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    invited_by TEXT NOT NULL,
    invited_at TEXT NOT NULL,
    PRIMARY KEY (workshop_id, name)
);

CREATE TABLE workshop_rounds (
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    element_id TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    revealed_by TEXT,
    revealed_at TEXT,
    PRIMARY KEY (workshop_id, element_id, number)
);
CREATE TRIGGER workshop_rounds_reveal_only BEFORE UPDATE ON workshop_rounds
WHEN OLD.revealed_at IS NOT NULL OR NEW.opened_at IS NOT OLD.opened_at OR NEW.opened_by IS NOT OLD.opened_by
BEGIN SELECT RAISE(ABORT, 'workshop rounds are only ever revealed, once'); END;
CREATE TRIGGER workshop_rounds_append_only_delete BEFORE DELETE ON workshop_rounds
BEGIN SELECT RAISE(ABORT, 'workshop_rounds is append-only'); END;

CREATE TABLE workshop_votes (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL,
    element_id TEXT NOT NULL,
    round INTEGER NOT NULL,
    person TEXT NOT NULL CHECK (trim(person) <> ''),
    level INTEGER CHECK (level IS NULL OR level BETWEEN 0 AND 4),
    reason TEXT NOT NULL DEFAULT '',
    cast_at TEXT NOT NULL,
    FOREIGN KEY (workshop_id, element_id, round) REFERENCES workshop_rounds (workshop_id, element_id, number)
);
CREATE INDEX workshop_votes_round ON workshop_votes (workshop_id, element_id, round);
{_append_only("workshop_votes")}

CREATE TABLE workshop_tallies (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL,
    element_id TEXT NOT NULL,
    round INTEGER NOT NULL,
    counts TEXT NOT NULL CHECK (json_valid(counts)),
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    FOREIGN KEY (workshop_id, element_id, round) REFERENCES workshop_rounds (workshop_id, element_id, number)
);
{_append_only("workshop_tallies")}

CREATE TABLE workshop_agreed (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    element_id TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    reason TEXT NOT NULL CHECK (trim(reason) <> ''),
    dissent TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dissent)),
    agreed_by TEXT NOT NULL,
    agreed_at TEXT NOT NULL
);
{_append_only("workshop_agreed")}

CREATE TRIGGER changes_from_workshops_insert AFTER INSERT ON workshops
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES (NEW.evaluation_id, (SELECT partnership_id FROM evaluations WHERE id = NEW.evaluation_id),
            'workshop', CAST(NEW.id AS TEXT), NEW.changed_by);
END;
CREATE TRIGGER changes_from_workshops_update AFTER UPDATE ON workshops
BEGIN
    INSERT INTO changes (evaluation_id, partnership_id, kind, key, changed_by)
    VALUES (NEW.evaluation_id, (SELECT partnership_id FROM evaluations WHERE id = NEW.evaluation_id),
            'workshop', CAST(NEW.id AS TEXT), NEW.changed_by);
END;
{_workshop_change("workshop_items", "INSERT", "NEW", "NEW.changed_by")}
{_workshop_change("workshop_items", "UPDATE", "NEW", "NEW.changed_by")}
{_workshop_change("workshop_items", "DELETE", "OLD", "NULL")}
{_workshop_change("workshop_invitees", "INSERT", "NEW", "NEW.invited_by")}
{_workshop_change("workshop_invitees", "DELETE", "OLD", "NULL")}
{_workshop_change("workshop_rounds", "INSERT", "NEW", "NEW.opened_by")}
{_workshop_change("workshop_rounds", "UPDATE", "NEW", "NEW.revealed_by")}
{_workshop_change("workshop_votes", "INSERT", "NEW", "NULL")}
{_workshop_change("workshop_tallies", "INSERT", "NEW", "NEW.entered_by")}
{_workshop_change("workshop_agreed", "INSERT", "NEW", "NEW.agreed_by")}
"""
    )
