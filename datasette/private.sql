-- Run on the COPY (never the live file) before publishing it: sqlite3 copy.sqlite3 < datasette/private.sql
-- Removes what must never be published (docs/publishing.md): who the people are, their keys and
-- rights, who looked at what, where each person left off. Tables a version does not have are skipped.
DROP TABLE IF EXISTS people;
DROP TABLE IF EXISTS person_keys;
DROP TABLE IF EXISTS grants;
DROP TABLE IF EXISTS access_log;
DROP TABLE IF EXISTS resume_points;
DROP TABLE IF EXISTS changes;
-- Deleted pages keep their old bytes until the file is rebuilt.
VACUUM;
