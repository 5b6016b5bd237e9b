-- Optional, on the COPY, when the partnership does not want its evidence notes published:
--   sqlite3 copy.sqlite3 < datasette/notes.sql
-- Notes and reasons are blanked where they are current and their histories dropped (the history
-- tables refuse edits by design). The ratings and the outcome values stay.
UPDATE answers SET note = '';
UPDATE judgements SET reason = 'withheld';
DROP TABLE IF EXISTS answer_history;
DROP TABLE IF EXISTS judgement_history;
DROP TABLE IF EXISTS action_progress;
DROP TABLE IF EXISTS plan_history;
DROP TABLE IF EXISTS no_actions;
DROP TABLE IF EXISTS actions;
VACUUM;
