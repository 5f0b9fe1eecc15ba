-- Analysts' corrections (ANALYSIS-FORMAT.md "Correction"): overrides kept apart from the analyses,
-- so that re-analysis and re-ingest never lose them. `value` is JSON. Rows are applied in insertion
-- order (rowid), oldest first. Undo deletes the row.
CREATE TABLE corrections (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    value       TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections (target);
