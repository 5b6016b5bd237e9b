"""The names of every schema migration this version knows, without loading sqlite-utils.

Opening a database that is already up to date only needs these names, so the
migration machinery (and sqlite-utils with it) is imported only when a migration
is actually pending. ``schema.py`` refuses to register a migration not listed here.
"""

MIGRATION_SET = "selfeval"
MIGRATIONS_TABLE = "_sqlite_migrations"
KNOWN_MIGRATIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_outcome_value_unit",
    "0003_changes_and_resume_points",
    "0004_action_plans",
    "0005_people",
    "0007_workshops",
)
"""0006 is another branch's (element ratings) at the time workshops were written; the lead renumbers on merge."""
